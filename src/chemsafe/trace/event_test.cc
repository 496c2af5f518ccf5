// The event model's names round-trip, and party ids give their USCC.
#include "chemsafe/trace/event.h"

#include <gtest/gtest.h>

namespace chemsafe::trace {
namespace {

TEST(TraceEvent, TypeAndActionNamesRoundTrip) {
  for (EventType t : {EventType::kObject, EventType::kAggregation, EventType::kTransaction, EventType::kTransformation,
                      EventType::kAssociation}) {
    EXPECT_EQ(ParseEventType(EventTypeName(t)), t);
  }
  EXPECT_EQ(EventTypeName(EventType::kTransformation), "TransformationEvent");
  EXPECT_FALSE(ParseEventType("QuantityEvent").has_value());  // EPCIS 1.x, gone in 2.0
  EXPECT_EQ(ParseAction("OBSERVE"), Action::kObserve);
  EXPECT_FALSE(ParseAction("observe").has_value());
  EXPECT_EQ(ActionName(Action::kNone), "");
}

TEST(TraceEvent, PartiesAreUsccsOfOwningOrPossessingParties) {
  Event e;
  e.sources = {{"owning_party", PartyId("91440300MA5F00001X")}, {"location", "https://id.gs1.org/414/9521234000006"}};
  e.destinations = {{"possessing_party", "urn:chemsafe:party:91440100MA5F00002X"},
                    {"owning_party", "https://id.gs1.org/417/9521234000006"}};
  EXPECT_EQ(SourceParties(e), std::vector<std::string>{"91440300MA5F00001X"});
  EXPECT_EQ(DestinationParties(e), std::vector<std::string>{"91440100MA5F00002X"});
  EXPECT_FALSE(PartyUscc("urn:chemsafe:party:").has_value());
}

}  // namespace
}  // namespace chemsafe::trace
