// The GS1 event hash: the public vectors of the reference implementation, and the properties the hash is
// for (invariance to how an event is written, sensitivity to what it says).
//
// Vectors: github.com/RalphTro/epcis-event-hash-generator, the CBV 2.0 set —
//   tests/examples/documents/epcisDocWithVariousEventTypes.jsonld (commit 084b00349014d1b7e269b28293be89ac59587638)
//   tests/examples/expected/CBV2.0/epcisDocWithVariousEventTypes.hashes (commit d8d87463abab6923d595b08c445c93b2b4aa2207)
//   tests/examples/documents/epcisDocWithXMLstartTagAndErrorDeclaration.jsonld and
//   tests/examples/expected/CBV2.0/epcisDocWithXMLstartTagAndErrorDeclaration.hashes (commit d8d87463…)
//   tests/examples/documents/TimeStampRoundOff.jsonld and
//   tests/examples/expected/CBV2.0/TimeStampRoundOff.hashes (commit d8d87463…)
//   tests/examples/documents/epcisQueryDocument.jsonld (commit 084b0034…) and
//   tests/examples/expected/CBV2.0/epcisQueryDocument.hashes (commit d8d87463…)
//   tests/examples/documents/AssociationEvent_all_possible_fields.json (commit 084b0034…) and
//   tests/examples/expected/CBV2.0/AssociationEvent_all_possible_fields.hashes (commit d8d87463…)
//   tests/examples/documents/TransactionEvent_all_possible_fields.json (commit 084b0034…) and
//   tests/examples/expected/CBV2.0/TransactionEvent_all_possible_fields.hashes (commit d8d87463…)
//   tests/examples/documents/TransformationEvent_all_possible_fields.json and
//   tests/examples/expected/CBV2.0/TransformationEvent_all_possible_fields.hashes (commit 084b0034…)
// copied to testdata/trace/hash_vectors/ (the documents re-indented, their content unchanged). Each expected
// hash is exact.
#include "chemsafe/trace/event_hash.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "chemsafe/trace/epcis.h"

namespace chemsafe::trace {
namespace {

const std::string kDir = std::string(CHEMSAFE_TESTDATA_DIR) + "/trace/hash_vectors/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::vector<Event> ReadEvents(const std::string& name) {
  std::string text = ReadFile(kDir + name + ".jsonld");
  if (text.empty()) text = ReadFile(kDir + name + ".json");
  auto events = ParseEpcisDocument(text, name);
  EXPECT_TRUE(events.ok()) << events.status().ToString();
  return events.ok() ? *events : std::vector<Event>{};
}

// Checks the events of `name`.jsonld at `indexes` against the hashes of `name`.hashes.
void ExpectVectors(const std::string& name, const std::vector<std::size_t>& indexes) {
  const std::vector<Event> events = ReadEvents(name);
  const std::vector<std::string> hashes = Lines(ReadFile(kDir + name + ".hashes"));
  ASSERT_EQ(events.size(), hashes.size()) << name;
  for (std::size_t i : indexes) {
    EXPECT_EQ(EventHash(events[i]), hashes[i]) << name << " event " << i << "\npre-hash: " << EventPreHash(events[i]);
  }
}

TEST(TraceEventHash, ReferenceVectorsOfVariousEventTypes) {
  // All 13: ObjectEvent (0-3, with ilmd in 3), AggregationEvent (4-7), TransactionEvent (8, 9),
  // TransformationEvent (10-12: ilmd, a product class by idpat, a GDTI transformationID, a non-CBV bizStep).
  ExpectVectors("epcisDocWithVariousEventTypes", {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
}

TEST(TraceEventHash, ReferenceVectorOfAnErrorDeclaration) {
  // errorDeclaration, eventID and a quantity element without quantity: the declaration is not hashed.
  ExpectVectors("epcisDocWithXMLstartTagAndErrorDeclaration", {0});
}

TEST(TraceEventHash, ReferenceVectorsOfTimeRounding) {
  // .1415 s rounds to .142, .1414 to .141; Digital Links on id.gs1.de; a geo: read point; a sensor element
  // with certificationInfo (not hashed).
  ExpectVectors("TimeStampRoundOff", {0, 1, 2});
}

TEST(TraceEventHash, ReferenceVectorsOfAQueryDocument) {
  // Events in an EPCISQueryDocument, with eventIDs (not hashed) and a namespaced extension member.
  ExpectVectors("epcisQueryDocument", {0, 1});
}

TEST(TraceEventHash, ReferenceVectorsWithAllPossibleFields) {
  // GRAI, GIAI, GSRN and GDTI keys, sensor elements with extension members at every level, nested extension
  // objects and arrays, certificationInfo and errorDeclaration (not hashed).
  ExpectVectors("AssociationEvent_all_possible_fields", {0});
  ExpectVectors("TransactionEvent_all_possible_fields", {0});
  ExpectVectors("TransformationEvent_all_possible_fields", {0});  // with ilmd and persistentDisposition
}

TEST(TraceEventHash, WritingAndReadingBackKeepsTheHash) {
  // The writer's canonical forms (Digital Links, bare CBV words, expanded extension names) hash as the input.
  for (const char* name : {"epcisDocWithVariousEventTypes", "epcisDocWithXMLstartTagAndErrorDeclaration",
                           "TimeStampRoundOff", "epcisQueryDocument", "AssociationEvent_all_possible_fields",
                           "TransactionEvent_all_possible_fields", "TransformationEvent_all_possible_fields"}) {
    const std::vector<Event> events = ReadEvents(name);
    auto again = ParseEpcisDocument(EpcisDocumentJson(events, "2026-12-02T00:00:00Z"), "written");
    ASSERT_TRUE(again.ok()) << name << ": " << again.status().ToString();
    ASSERT_EQ(again->size(), events.size()) << name;
    for (std::size_t i = 0; i < events.size(); ++i) {
      EXPECT_EQ(EventHash((*again)[i]), EventHash(events[i])) << name << " event " << i;
    }
  }
}

TEST(TraceEventHash, Form) {
  const std::vector<Event> events = ReadEvents("TimeStampRoundOff");
  ASSERT_FALSE(events.empty());
  const std::string h = EventHash(events[0]);
  EXPECT_EQ(h.rfind("ni:///sha-256;", 0), 0u);
  EXPECT_EQ(h.size(), std::string("ni:///sha-256;").size() + 64 + std::string("?ver=CBV2.0").size());
  EXPECT_EQ(h.substr(h.size() - 11), "?ver=CBV2.0");
}

Event Parse(const std::string& text) {
  auto events = ParseEpcisDocument(text, "");
  EXPECT_TRUE(events.ok()) << events.status().ToString();
  return events.ok() && !events->empty() ? events->front() : Event{};
}

constexpr const char* kShipping = R"({
  "type": "ObjectEvent", "eventTime": "2026-11-29T10:15:00+08:00", "eventTimeZoneOffset": "+08:00",
  "epcList": ["urn:epc:id:sgtin:9521234.054321.12345", "https://id.gs1.org/00/095212340000000013"],
  "quantityList": [{"epcClass": "urn:chemsafe:class:lot:91350100M000100Y43.7664-93-9.L20261129", "quantity": 1200, "uom": "KGM"}],
  "action": "OBSERVE", "bizStep": "shipping", "disposition": "in_transit",
  "readPoint": {"id": "urn:chemsafe:loc:91350100M000100Y43.WH1"},
  "bizTransactionList": [{"type": "purchase_permit", "bizTransaction": "urn:chemsafe:bt:purchase_permit:GD2026-001"}],
  "sourceList": [{"type": "owning_party", "source": "urn:chemsafe:party:91350100M000100Y43"}],
  "destinationList": [{"type": "owning_party", "destination": "urn:chemsafe:party:91440300708461136T"}]
})";

TEST(TraceEventHash, InvariantToMemberOrderIdentifierFormCbvSpellingListOrderAndTimeZone) {
  const std::string base = EventHash(Parse(kShipping));
  const std::string rewritten = R"({
    "destinationList": [{"destination": "urn:chemsafe:party:91440300708461136T", "type": "urn:epcglobal:cbv:sdt:owning_party"}],
    "sourceList": [{"source": "urn:chemsafe:party:91350100M000100Y43", "type": "https://ref.gs1.org/cbv/SDT-owning_party"}],
    "bizTransactionList": [{"bizTransaction": "urn:chemsafe:bt:purchase_permit:GD2026-001", "type": "purchase_permit"}],
    "readPoint": {"id": "urn:chemsafe:loc:91350100M000100Y43.WH1"},
    "disposition": "urn:epcglobal:cbv:disp:in_transit", "bizStep": "https://ref.gs1.org/cbv/BizStep-shipping",
    "action": "OBSERVE",
    "quantityList": [{"uom": "KGM", "quantity": 1200.0, "epcClass": "urn:chemsafe:class:lot:91350100M000100Y43.7664-93-9.L20261129"}],
    "epcList": ["urn:epc:id:sscc:9521234.0000000001", "https://example.com/01/09521234543213/21/12345"],
    "eventTimeZoneOffset": "+08:00", "eventTime": "2026-11-29T02:15:00.000Z", "type": "ObjectEvent"
  })";
  EXPECT_EQ(EventHash(Parse(rewritten)), base) << EventPreHash(Parse(rewritten)) << "\n" << EventPreHash(Parse(kShipping));
}

TEST(TraceEventHash, ChangesWithEveryField) {
  const Event base = Parse(kShipping);
  const std::string h = EventHash(base);
  std::vector<Event> changed(12, base);
  changed[0].event_time_utc_us += 1000;
  changed[1].event_time_zone_offset = "+09:00";
  changed[2].epc_list.pop_back();
  changed[3].quantities[0].quantity = 1201;
  changed[4].quantities[0].uom = "TNE";
  changed[5].action = Action::kAdd;
  changed[6].biz_step = "receiving";
  changed[7].disposition = "in_progress";
  changed[8].read_point = "urn:chemsafe:loc:91350100M000100Y43.WH2";
  changed[9].biz_transactions[0].id = "urn:chemsafe:bt:purchase_permit:GD2026-002";
  changed[10].destinations[0].type = "possessing_party";
  changed[11].other["https://ns.example.com/epcis/batch"] = "B1";
  for (std::size_t i = 0; i < changed.size(); ++i) EXPECT_NE(EventHash(changed[i]), h) << "change " << i;
  Event type = base;
  type.type = EventType::kTransaction;
  EXPECT_NE(EventHash(type), h);
}

TEST(TraceEventHash, IgnoresWhatTheAlgorithmLeavesOut) {
  const Event base = Parse(kShipping);
  Event other = base;
  other.event_id = "urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8";
  other.record_time = "2026-11-29T03:00:00Z";
  other.other["certificationInfo"] = "https://example.org/cert/1";
  EXPECT_EQ(EventHash(other), EventHash(base));
}

}  // namespace
}  // namespace chemsafe::trace
