#include "chemsafe/trace/event.h"

namespace chemsafe::trace {
namespace {

constexpr std::string_view kPartyPrefix = "urn:chemsafe:party:";

std::vector<std::string> PartiesOf(const std::vector<PartyRef>& list) {
  std::vector<std::string> out;
  for (const auto& p : list) {
    if (p.type != "owning_party" && p.type != "possessing_party") continue;
    if (auto uscc = PartyUscc(p.id)) out.push_back(std::move(*uscc));
  }
  return out;
}

}  // namespace

std::string_view EventTypeName(EventType t) {
  switch (t) {
    case EventType::kObject: return "ObjectEvent";
    case EventType::kAggregation: return "AggregationEvent";
    case EventType::kTransaction: return "TransactionEvent";
    case EventType::kTransformation: return "TransformationEvent";
    case EventType::kAssociation: return "AssociationEvent";
  }
  return "ObjectEvent";
}

std::optional<EventType> ParseEventType(std::string_view name) {
  for (EventType t : {EventType::kObject, EventType::kAggregation, EventType::kTransaction, EventType::kTransformation,
                      EventType::kAssociation}) {
    if (EventTypeName(t) == name) return t;
  }
  return std::nullopt;
}

std::string_view ActionName(Action a) {
  switch (a) {
    case Action::kNone: return "";
    case Action::kAdd: return "ADD";
    case Action::kObserve: return "OBSERVE";
    case Action::kDelete: return "DELETE";
  }
  return "";
}

std::optional<Action> ParseAction(std::string_view name) {
  for (Action a : {Action::kAdd, Action::kObserve, Action::kDelete}) {
    if (ActionName(a) == name) return a;
  }
  return std::nullopt;
}

std::optional<std::string> PartyUscc(std::string_view party_id) {
  if (party_id.substr(0, kPartyPrefix.size()) != kPartyPrefix || party_id.size() == kPartyPrefix.size()) {
    return std::nullopt;
  }
  return std::string(party_id.substr(kPartyPrefix.size()));
}

std::string PartyId(std::string_view uscc) { return std::string(kPartyPrefix) + std::string(uscc); }

std::vector<std::string> SourceParties(const Event& e) { return PartiesOf(e.sources); }
std::vector<std::string> DestinationParties(const Event& e) { return PartiesOf(e.destinations); }

}  // namespace chemsafe::trace
