// EPCIS 2.0 JSON-LD in and out: golden documents in the shapes of the standard's examples (EPCIS 2.0
// event types and examples: ObjectEvent with epcList and quantityList, AggregationEvent packing and unpacking,
// TransformationEvent with inputs and outputs, TransactionEvent with its business transactions,
// AssociationEvent, an errorDeclaration, a query document, a bare event) read, written, read again; and the
// errors, each naming its JSON path.
//
// Expected failures: testdata/trace/epcis/failure/<name>.jsonld with the error in <name>.error.
// Golden files: testdata/trace/epcis/<name>.jsonld (input) and <name>.expected.json (the normalised
// document EpcisDocumentJson writes: canonical identifiers, bare CBV words, expanded extension names).
// The expected files were written by this code and checked by hand against identifiers_test.cc's values
// (check digits) and the rules of epcis.h; CHEMSAFE_UPDATE_GOLDEN=1 rewrites them.
#include "chemsafe/trace/epcis.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "chemsafe/trace/event_hash.h"
#include "chemsafe/trace/identifiers.h"

namespace chemsafe::trace {
namespace {

using ::testing::HasSubstr;
using json = nlohmann::json;

const std::string kDir = std::string(CHEMSAFE_TESTDATA_DIR) + "/trace/epcis/";
constexpr std::string_view kCreation = "2026-12-02T00:00:00Z";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void ExpectSameQuantities(const std::vector<QuantityElement>& a, const std::vector<QuantityElement>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].epc_class, b[i].epc_class);
    EXPECT_EQ(a[i].quantity, b[i].quantity);  // exact: the same double written and read back
    EXPECT_EQ(a[i].uom, b[i].uom);
  }
}

void ExpectSameEvent(const Event& a, const Event& b) {
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.event_id, b.event_id);
  EXPECT_EQ(a.event_time, b.event_time);
  EXPECT_EQ(a.event_time_zone_offset, b.event_time_zone_offset);
  EXPECT_EQ(a.event_time_utc_us, b.event_time_utc_us);
  EXPECT_EQ(a.record_time, b.record_time);
  EXPECT_EQ(a.action, b.action);
  EXPECT_EQ(a.epc_list, b.epc_list);
  ExpectSameQuantities(a.quantities, b.quantities);
  EXPECT_EQ(a.parent_id, b.parent_id);
  EXPECT_EQ(a.input_epcs, b.input_epcs);
  EXPECT_EQ(a.output_epcs, b.output_epcs);
  ExpectSameQuantities(a.input_quantities, b.input_quantities);
  ExpectSameQuantities(a.output_quantities, b.output_quantities);
  EXPECT_EQ(a.transformation_id, b.transformation_id);
  EXPECT_EQ(a.biz_step, b.biz_step);
  EXPECT_EQ(a.disposition, b.disposition);
  EXPECT_EQ(a.read_point, b.read_point);
  EXPECT_EQ(a.biz_location, b.biz_location);
  ASSERT_EQ(a.biz_transactions.size(), b.biz_transactions.size());
  for (std::size_t i = 0; i < a.biz_transactions.size(); ++i) {
    EXPECT_EQ(a.biz_transactions[i].type, b.biz_transactions[i].type);
    EXPECT_EQ(a.biz_transactions[i].id, b.biz_transactions[i].id);
  }
  for (auto [x, y] : {std::pair{&a.sources, &b.sources}, std::pair{&a.destinations, &b.destinations}}) {
    ASSERT_EQ(x->size(), y->size());
    for (std::size_t i = 0; i < x->size(); ++i) {
      EXPECT_EQ((*x)[i].type, (*y)[i].type);
      EXPECT_EQ((*x)[i].id, (*y)[i].id);
    }
  }
  ASSERT_EQ(a.error_declaration.has_value(), b.error_declaration.has_value());
  if (a.error_declaration) {
    EXPECT_EQ(a.error_declaration->declaration_time, b.error_declaration->declaration_time);
    EXPECT_EQ(a.error_declaration->reason, b.error_declaration->reason);
    EXPECT_EQ(a.error_declaration->corrective_event_ids, b.error_declaration->corrective_event_ids);
  }
  EXPECT_EQ(a.other, b.other);
  EXPECT_EQ(a.hash, b.hash);
}

std::vector<Event> Read(const std::string& file) {
  auto events = ParseEpcisDocument(ReadFile(kDir + file), file);
  EXPECT_TRUE(events.ok()) << events.status().ToString();
  return events.ok() ? *events : std::vector<Event>{};
}

class EpcisGolden : public ::testing::TestWithParam<const char*> {};

TEST_P(EpcisGolden, ReadsWritesAndReadsBack) {
  const std::string file = GetParam();
  const std::vector<Event> events = Read(file);
  ASSERT_FALSE(events.empty());
  const std::string written = EpcisDocumentJson(events, kCreation);
  const std::string expected_path = kDir + file.substr(0, file.find('.')) + ".expected.json";
  if (std::getenv("CHEMSAFE_UPDATE_GOLDEN") != nullptr) std::ofstream(expected_path) << written << "\n";
  const std::string expected = ReadFile(expected_path);
  ASSERT_FALSE(expected.empty()) << expected_path;
  EXPECT_EQ(json::parse(written), json::parse(expected)) << written;

  auto again = ParseEpcisDocument(written, "written");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(again->size(), events.size());
  for (std::size_t i = 0; i < events.size(); ++i) ExpectSameEvent((*again)[i], events[i]);
  EXPECT_EQ(EpcisDocumentJson(*again, kCreation), written);
}

INSTANTIATE_TEST_SUITE_P(Documents, EpcisGolden,
                         ::testing::Values("object_event.jsonld", "aggregation_packing.jsonld",
                                           "transformation.jsonld", "transaction_event.jsonld",
                                           "association_event.jsonld", "error_declaration.jsonld",
                                           "query_document.jsonld", "bare_event.json"),
                         [](const auto& test_param) {
                           std::string name = test_param.param;
                           return name.substr(0, name.find('.'));
                         });

// Expected failures: testdata/trace/epcis/failure/<name>.jsonld and <name>.error, the Status it gives
// ("invalid_argument: <file>: <JSON path>: <what>").
class EpcisFailure : public ::testing::TestWithParam<const char*> {};

TEST_P(EpcisFailure, GivesTheExpectedError) {
  const std::string name = GetParam();
  const std::string file = name + ".jsonld";
  const std::string text = ReadFile(kDir + "failure/" + file);
  std::string expected = ReadFile(kDir + "failure/" + name + ".error");
  ASSERT_FALSE(text.empty() || expected.empty()) << name;
  while (!expected.empty() && expected.back() == '\n') expected.pop_back();
  auto events = ParseEpcisDocument(text, file);
  ASSERT_FALSE(events.ok()) << name;
  EXPECT_EQ(events.status().ToString(), expected);
}

INSTANTIATE_TEST_SUITE_P(Documents, EpcisFailure,
                         ::testing::Values("quantity_as_string", "time_without_offset", "gtin_check_digit",
                                           "unknown_event_type", "transformation_with_action",
                                           "aggregation_without_parent", "party_uscc_check"),
                         [](const auto& test_param) { return std::string(test_param.param); });

TEST(TraceEpcis, ObjectEventMembers) {
  const std::vector<Event> events = Read("object_event.jsonld");
  ASSERT_EQ(events.size(), 2u);
  const Event& e = events[0];
  EXPECT_EQ(e.type, EventType::kObject);
  EXPECT_EQ(e.event_id, "urn:uuid:6f1d0b9e-8d1c-4b5e-9a8e-1c2d3e4f5a61");
  EXPECT_EQ(e.event_time, "2026-11-29T09:30:00.000+08:00");
  EXPECT_EQ(e.event_time_zone_offset, "+08:00");
  EXPECT_EQ(e.event_time_utc_us, 1795915800LL * 1000000);  // 2026-11-29T01:30:00Z (date -u -d … +%s)
  EXPECT_EQ(e.action, Action::kAdd);
  EXPECT_EQ(e.epc_list, (std::vector<std::string>{"https://id.gs1.org/01/09521234543213/21/1001",
                                                  "https://id.gs1.org/01/09521234543213/21/1002"}));
  ASSERT_EQ(e.quantities.size(), 2u);
  EXPECT_EQ(e.quantities[0].epc_class, "https://id.gs1.org/01/09521234543213/10/L20261129");
  EXPECT_EQ(e.quantities[0].quantity, 2500.5);
  EXPECT_EQ(e.quantities[0].uom, "KGM");
  EXPECT_EQ(e.quantities[1].epc_class, "https://id.gs1.org/01/09521234543213");
  EXPECT_EQ(e.quantities[1].uom, "");
  EXPECT_EQ(e.biz_step, "commissioning");
  EXPECT_EQ(e.disposition, "active");
  EXPECT_EQ(e.read_point, "https://id.gs1.org/414/9521234000013");
  EXPECT_EQ(e.biz_location, "urn:chemsafe:loc:91350100M000100Y43.WH1");
  EXPECT_EQ(e.other["ilmd"]["urn:epcglobal:cbv:mda:lotNumber"], "L20261129");
  EXPECT_EQ(e.other["ilmd"]["https://ns.example.com/epcis/purity"], 0.995);

  const Event& s = events[1];
  EXPECT_EQ(s.epc_list[1], "https://id.gs1.org/00/095212340000000020");
  EXPECT_EQ(s.biz_transactions[0].type, "po");
  EXPECT_EQ(s.biz_transactions[1].type, "waybill");
  EXPECT_EQ(SourceParties(s), std::vector<std::string>{"91350100M000100Y43"});
  EXPECT_EQ(s.sources[1].type, "location");
  EXPECT_EQ(DestinationParties(s), std::vector<std::string>{"91440300708461136T"});
  EXPECT_EQ(s.other["https://ns.example.com/epcis/carrierNote"]["https://ns.example.com/epcis/sealed"], true);
}

TEST(TraceEpcis, OtherTypes) {
  const std::vector<Event> packing = Read("aggregation_packing.jsonld");
  ASSERT_EQ(packing.size(), 2u);
  EXPECT_EQ(packing[0].parent_id, "https://id.gs1.org/00/095212340000000020");
  EXPECT_EQ(packing[0].epc_list.size(), 2u);
  EXPECT_EQ(packing[0].quantities[0].quantity, 40);
  EXPECT_EQ(packing[1].action, Action::kDelete);

  const std::vector<Event> tf = Read("transformation.jsonld");
  ASSERT_EQ(tf.size(), 1u);
  EXPECT_EQ(tf[0].action, Action::kNone);
  EXPECT_EQ(tf[0].input_quantities.size(), 2u);
  EXPECT_EQ(tf[0].input_quantities[0].quantity, 7.9);
  EXPECT_EQ(tf[0].output_epcs[1], "urn:chemsafe:id:ctr:91350100M000100Y43.AN-000002");
  EXPECT_EQ(tf[0].output_quantities[0].epc_class, "urn:chemsafe:class:lot:91350100M000100Y43.6484-52-2.AN-20261129");
  EXPECT_EQ(tf[0].transformation_id, "urn:chemsafe:tf:91350100M000100Y43:BATCH-2611-07");
  EXPECT_EQ(tf[0].other["ilmd"]["urn:chemsafe:ext:grade"], "industrial");

  const std::vector<Event> tx = Read("transaction_event.jsonld");
  ASSERT_EQ(tx.size(), 1u);
  EXPECT_EQ(tx[0].parent_id, "urn:chemsafe:id:ctr:91350100M000100Y43.NC-000017");
  EXPECT_EQ(tx[0].biz_step, "shipping");
  ASSERT_EQ(tx[0].biz_transactions.size(), 3u);
  EXPECT_EQ(tx[0].biz_transactions[1].type, "purchase_permit");
  EXPECT_EQ(tx[0].biz_transactions[2].type, "");

  const std::vector<Event> assoc = Read("association_event.jsonld");
  ASSERT_EQ(assoc.size(), 1u);
  EXPECT_EQ(assoc[0].parent_id, "urn:chemsafe:id:veh:粤B1234挂");
  EXPECT_EQ(assoc[0].other["sensorElementList"][0]["sensorReport"][0]["value"], 21.5);

  const std::vector<Event> err = Read("error_declaration.jsonld");
  ASSERT_EQ(err.size(), 1u);
  ASSERT_TRUE(err[0].error_declaration.has_value());
  EXPECT_EQ(err[0].error_declaration->reason, "incorrect_data");
  EXPECT_EQ(err[0].error_declaration->corrective_event_ids,
            std::vector<std::string>{"urn:uuid:404d95fc-9457-4a51-bd6a-0bba133845a8"});
  EXPECT_EQ(err[0].other["errorDeclaration"]["https://ns.example.com/epcis/declaredBy"],
            "urn:chemsafe:party:91350100M000100Y43");

  const std::vector<Event> query = Read("query_document.jsonld");
  ASSERT_EQ(query.size(), 1u);
  EXPECT_EQ(query[0].record_time, "2026-11-29T14:05:12.5Z");

  const std::vector<Event> bare = Read("bare_event.json");
  ASSERT_EQ(bare.size(), 1u);
  EXPECT_EQ(bare[0].event_time_utc_us, 1796220000LL * 1000000);  // 2026-12-02T14:00:00Z
  EXPECT_EQ(bare[0].disposition, "destroyed");
}

TEST(TraceEpcis, OtherUrisAreKeptAsGiven) {
  auto events = ParseEpcisDocument(R"({"type": "ObjectEvent", "eventTime": "2026-11-29T10:15:00+08:00",
      "eventTimeZoneOffset": "+08:00", "action": "OBSERVE", "epcList": ["urn:uuid:0b6a1f5e-3c2d-4e8f-9a1b-2c3d4e5f6a7b"],
      "quantityList": [{"epcClass": "https://example.com/catalogue/item/42", "quantity": 1}],
      "readPoint": {"id": "geo:22.5431,114.0579"}})", "");
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  EXPECT_EQ((*events)[0].epc_list[0], "urn:uuid:0b6a1f5e-3c2d-4e8f-9a1b-2c3d4e5f6a7b");
  EXPECT_EQ((*events)[0].quantities[0].epc_class, "https://example.com/catalogue/item/42");
  EXPECT_EQ((*events)[0].read_point, "geo:22.5431,114.0579");
}

TEST(TraceEpcis, WritesTheEpcis2Context) {
  const json doc = json::parse(EpcisDocumentJson(Read("bare_event.json"), kCreation));
  EXPECT_EQ(doc["@context"], "https://ref.gs1.org/standards/epcis/epcis-context.jsonld");
  EXPECT_EQ(doc["type"], "EPCISDocument");
  EXPECT_EQ(doc["schemaVersion"], "2.0");
  EXPECT_EQ(doc["creationDate"], kCreation);
  EXPECT_EQ(doc["epcisBody"]["eventList"][0]["bizStep"], "destroying");
  EXPECT_FALSE(EventToJson(Read("bare_event.json")[0]).contains("@context"));
}

TEST(TraceEpcis, CbvSpellings) {
  for (const char* s : {"shipping", "urn:epcglobal:cbv:bizstep:shipping", "https://ref.gs1.org/cbv/BizStep-shipping",
                        "https://gs1.org/voc/Bizstep-shipping", "cbv:BizStep-shipping"}) {
    EXPECT_EQ(CbvWord(s, CbvVocabulary::kBizStep), "shipping") << s;
  }
  EXPECT_EQ(CbvWord("urn:epcglobal:cbv:disp:in_transit", CbvVocabulary::kDisposition), "in_transit");
  EXPECT_EQ(CbvWord("https://ref.gs1.org/cbv/Disp-in_transit", CbvVocabulary::kBizStep),
            "https://ref.gs1.org/cbv/Disp-in_transit");  // a disposition is no business step
  EXPECT_EQ(CbvUri("po", CbvVocabulary::kBizTransactionType), "https://ref.gs1.org/cbv/BTT-po");
  EXPECT_EQ(CbvUri("http://example.com/step", CbvVocabulary::kBizStep), "http://example.com/step");
}

TEST(TraceEpcis, Rfc3339) {
  EXPECT_EQ(*ParseRfc3339Us("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(*ParseRfc3339Us("1970-01-01T08:00:00.000001+08:00"), 1);
  EXPECT_EQ(*ParseRfc3339Us("2024-02-29T23:59:59.9999999-00:30"), (19782LL * 86400 + 86399 + 1800) * 1000000 + 999999);
  for (const char* bad : {"2026-11-29T10:15:00", "2026-11-29 10:15:00Z", "2026-02-29T00:00:00Z", "2026-11-29T24:00:00Z",
                          "2026-11-29T10:15:00.Z", "2026-11-29T10:15:00+0800", "2026-11-29"}) {
    EXPECT_FALSE(ParseRfc3339Us(bad).ok()) << bad;
  }
}

// Each malformed event gives an error naming the JSON path.
struct BadCase {
  const char* name;
  std::string event;    // the event object
  std::string message;  // the expected message after "case.json:7: epcisBody.eventList[1]." (or ": ")
};

std::string Document(const std::string& event) {
  const std::string good = R"({"type": "ObjectEvent", "eventTime": "2026-11-29T10:15:00+08:00",
      "eventTimeZoneOffset": "+08:00", "action": "OBSERVE"})";
  return R"({"@context": "https://ref.gs1.org/standards/epcis/epcis-context.jsonld", "type": "EPCISDocument",
      "schemaVersion": "2.0", "creationDate": "2026-11-29T10:00:00Z", "epcisBody": {"eventList": [)" +
         good + ", " + event + "]}}";
}

TEST(TraceEpcis, ErrorsNameTheJsonPath) {
  const std::string t = R"("eventTime": "2026-11-29T10:15:00+08:00", "eventTimeZoneOffset": "+08:00")";
  const std::vector<BadCase> cases = {
      {"time without offset",
       R"({"type": "ObjectEvent", "eventTime": "2026-11-29T10:15:00", "eventTimeZoneOffset": "+08:00", "action": "ADD"})",
       "eventTime: not an RFC 3339 time with offset"},
      {"no time", R"({"type": "ObjectEvent", "eventTimeZoneOffset": "+08:00", "action": "ADD"})", "eventTime: required"},
      {"no offset", R"({"type": "ObjectEvent", "eventTime": "2026-11-29T10:15:00Z", "action": "ADD"})",
       "eventTimeZoneOffset: required"},
      {"bad offset", R"({"type": "ObjectEvent", "eventTime": "2026-11-29T10:15:00Z", "eventTimeZoneOffset": "+8", "action": "ADD"})",
       "eventTimeZoneOffset: not a time zone offset (+08:00)"},
      {"no action", "{\"type\": \"ObjectEvent\", " + std::string(t) + "}", "action: required"},
      {"bad action", "{\"type\": \"ObjectEvent\", " + std::string(t) + R"(, "action": "observe"})",
       "action: 'observe' is not ADD, OBSERVE or DELETE"},
      {"action in a transformation", "{\"type\": \"TransformationEvent\", " + std::string(t) + R"(, "action": "ADD"})",
       "action: not a member of TransformationEvent"},
      {"unknown type", "{\"type\": \"QuantityEvent\", " + std::string(t) + "}",
       "type: 'QuantityEvent' is not an EPCIS 2.0 event type"},
      {"no type", "{" + std::string(t) + "}", "type: required"},
      {"child list on an ObjectEvent", "{\"type\": \"ObjectEvent\", " + std::string(t) + R"(, "action": "ADD", "childEPCs": []})",
       "childEPCs: not a member of ObjectEvent"},
      {"aggregation without parent", "{\"type\": \"AggregationEvent\", " + std::string(t) + R"(, "action": "ADD"})",
       "parentID: required"},
      {"association without parent", "{\"type\": \"AssociationEvent\", " + std::string(t) + R"(, "action": "OBSERVE"})",
       "parentID: required"},
      {"quantity as a string",
       "{\"type\": \"ObjectEvent\", " + std::string(t) +
           R"(, "action": "ADD", "quantityList": [{"epcClass": "urn:epc:class:lgtin:9521234.054321.L1", "quantity": "12"}]})",
       "quantityList[0].quantity: must be a number, not a string"},
      {"quantity zero",
       "{\"type\": \"ObjectEvent\", " + std::string(t) +
           R"(, "action": "ADD", "quantityList": [{"epcClass": "urn:epc:class:lgtin:9521234.054321.L1", "quantity": 0}]})",
       "quantityList[0].quantity: must be greater than 0"},
      {"uom without quantity",
       "{\"type\": \"ObjectEvent\", " + std::string(t) +
           R"(, "action": "ADD", "quantityList": [{"epcClass": "urn:epc:class:lgtin:9521234.054321.L1", "uom": "KGM"}]})",
       "quantityList[0].uom: given without a quantity"},
      {"quantity element without class",
       "{\"type\": \"ObjectEvent\", " + std::string(t) + R"(, "action": "ADD", "quantityList": [{"quantity": 1}]})",
       "quantityList[0].epcClass: required"},
      {"instance as a class",
       "{\"type\": \"ObjectEvent\", " + std::string(t) +
           R"(, "action": "ADD", "quantityList": [{"epcClass": "urn:epc:id:sgtin:9521234.054321.1", "quantity": 1}]})",
       "quantityList[0].epcClass: urn:epc:id:sgtin:9521234.054321.1 names an instance, not a class (epcClass)"},
      {"class as an EPC",
       "{\"type\": \"ObjectEvent\", " + std::string(t) + R"(, "action": "ADD", "epcList": ["urn:epc:class:lgtin:9521234.054321.L1"]})",
       "epcList[0]: urn:epc:class:lgtin:9521234.054321.L1 names a class, not an instance (an EPC)"},
      {"bad check digit",
       "{\"type\": \"ObjectEvent\", " + std::string(t) +
           R"(, "action": "ADD", "epcList": ["https://id.gs1.org/01/09521234543213/21/1", "https://id.gs1.org/01/09521234543214/21/1"]})",
       "epcList[1]: https://id.gs1.org/01/09521234543214/21/1: GTIN check digit is 3, not 4"},
      {"epcList not an array", "{\"type\": \"ObjectEvent\", " + std::string(t) + R"(, "action": "ADD", "epcList": "x:1"})",
       "epcList: must be an array, not a string"},
      {"readPoint without id", "{\"type\": \"ObjectEvent\", " + std::string(t) + R"(, "action": "ADD", "readPoint": {}})",
       "readPoint.id: required"},
      {"readPoint a string",
       "{\"type\": \"ObjectEvent\", " + std::string(t) + R"(, "action": "ADD", "readPoint": "urn:epc:id:sgln:9521234.00001.0"})",
       "readPoint: must be an object, not a string"},
      {"bad party", "{\"type\": \"ObjectEvent\", " + std::string(t) +
                        R"(, "action": "ADD", "sourceList": [{"type": "owning_party", "source": "urn:chemsafe:party:91350100M000100Y44"}]})",
       "sourceList[0].source: urn:chemsafe:party:91350100M000100Y44: the USCC"},
      {"source without type",
       "{\"type\": \"ObjectEvent\", " + std::string(t) +
           R"(, "action": "ADD", "sourceList": [{"source": "urn:chemsafe:party:91350100M000100Y43"}]})",
       "sourceList[0].type: required"},
      {"bizTransaction without id",
       "{\"type\": \"ObjectEvent\", " + std::string(t) + R"(, "action": "ADD", "bizTransactionList": [{"type": "po"}]})",
       "bizTransactionList[0].bizTransaction: required"},
      {"bizStep not a word", "{\"type\": \"ObjectEvent\", " + std::string(t) + R"(, "action": "ADD", "bizStep": "ship ping"})",
       "bizStep: 'ship ping' is neither a CBV word nor a URI"},
      {"un-namespaced member", "{\"type\": \"ObjectEvent\", " + std::string(t) + R"(, "action": "ADD", "bizstep": "shipping"})",
       "bizstep: unknown member (an extension member needs a namespace prefix)"},
      {"errorDeclaration without time",
       "{\"type\": \"ObjectEvent\", " + std::string(t) + R"(, "action": "ADD", "errorDeclaration": {"reason": "did_not_occur"}})",
       "errorDeclaration.declarationTime: required"},
      {"ilmd not an object", "{\"type\": \"ObjectEvent\", " + std::string(t) + R"(, "action": "ADD", "ilmd": []})",
       "ilmd: must be an object, not an array"},
      {"event not an object", "42", "must be an object, not a number"},
  };
  for (const BadCase& c : cases) {
    auto r = ParseEpcisDocument(Document(c.event), "case.json:7");
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.name;
    EXPECT_THAT(r.status().message(), HasSubstr(std::string("case.json:7: epcisBody.eventList[1]") +
                                                (c.message.rfind("must", 0) == 0 ? ": " : ".") + c.message))
        << c.name;
  }
}

TEST(TraceEpcis, DocumentErrors) {
  EXPECT_THAT(ParseEpcisDocument("{\"type\": \"EPCISDocument\"", "f:1").status().message(), HasSubstr("f:1: document: not JSON"));
  EXPECT_EQ(ParseEpcisDocument("[]", "").status().message(), "document: must be an object, not an array");
  EXPECT_EQ(ParseEpcisDocument(R"({"type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-11-29T10:00:00Z"})", "")
                .status()
                .message(),
            "epcisBody: required");
  EXPECT_EQ(ParseEpcisDocument(
                R"({"type": "EPCISDocument", "schemaVersion": "1.2", "creationDate": "2026-11-29T10:00:00Z", "epcisBody": {}})", "")
                .status()
                .message(),
            "schemaVersion: this reader takes EPCIS 2.x");
  EXPECT_EQ(ParseEpcisDocument(
                R"({"type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-11-29T10:00:00Z", "epcisBody": {}})", "")
                .status()
                .message(),
            "epcisBody.eventList: required");
  EXPECT_EQ(ParseEpcisDocument(R"({"type": "EPCISQueryDocument", "schemaVersion": "2.0", "creationDate": "2026-11-29T10:00:00Z",
                                   "epcisBody": {"queryResults": {"resultsBody": {}}}})",
                               "")
                .status()
                .message(),
            "epcisBody.queryResults.resultsBody.eventList: required");
  EXPECT_EQ(ParseEpcisDocument(R"({"type": "MasterData"})", "").status().message(),
            "type: 'MasterData' is neither an EPCIS document nor an event type");
  // A bare event's paths have no prefix.
  EXPECT_EQ(ParseEpcisDocument(R"({"type": "ObjectEvent", "eventTime": "x", "eventTimeZoneOffset": "+08:00", "action": "ADD"})", "l:3")
                .status()
                .message(),
            "l:3: eventTime: not an RFC 3339 time with offset");
}

// Any event the platform writes reads back the same (quantities exactly: the writer gives the shortest
// text that reads back as the same double), and its hash does not depend on the order of its lists.
RC_GTEST_PROP(TraceEpcisProperty, WrittenEventsReadBackAndHashIgnoresListOrder, ()) {
  Event e;
  e.type = *rc::gen::element(EventType::kObject, EventType::kTransaction);
  e.action = *rc::gen::element(Action::kAdd, Action::kObserve, Action::kDelete);
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+08:00", *rc::gen::inRange(1970, 2100),
                *rc::gen::inRange(1, 13), *rc::gen::inRange(1, 29), *rc::gen::inRange(0, 24), *rc::gen::inRange(0, 60),
                *rc::gen::inRange(0, 60), *rc::gen::inRange(0, 1000));
  e.event_time = text;
  e.event_time_utc_us = *ParseRfc3339Us(e.event_time);
  e.event_time_zone_offset = "+08:00";
  const auto serials = *rc::gen::container<std::vector<int>>(*rc::gen::inRange(1, 6), rc::gen::inRange(0, 100000));
  for (int s : serials) e.epc_list.push_back(*PlatformContainerId("91350100M000100Y43", std::to_string(s)));
  const double quantity = *rc::gen::map(rc::gen::inRange(1, 1000000000), [](int v) { return v / 997.0; });
  e.quantities.push_back({*PlatformLotId("91350100M000100Y43", "143-33-9", "L1"), quantity, "KGM"});
  e.biz_step = *rc::gen::element(std::string("shipping"), std::string("receiving"), std::string("storing"));
  e.sources.push_back({"owning_party", PartyId("91350100M000100Y43")});
  e.destinations.push_back({"owning_party", PartyId("91440300708461136T")});

  auto back = ParseEpcisDocument(EpcisDocumentJson({e}, "2026-12-02T00:00:00Z"), "");
  RC_ASSERT(back.ok());
  RC_ASSERT(back->size() == 1u);
  const Event& r = (*back)[0];
  RC_ASSERT(r.event_time_utc_us == e.event_time_utc_us);
  RC_ASSERT(r.epc_list == e.epc_list);
  RC_ASSERT(r.quantities.size() == 1u);
  RC_ASSERT(r.quantities[0].quantity == quantity);
  RC_ASSERT(EventHash(r) == EventHash(e));

  Event shuffled = e;
  std::reverse(shuffled.epc_list.begin(), shuffled.epc_list.end());
  RC_ASSERT(EventHash(shuffled) == EventHash(e));
}

}  // namespace
}  // namespace chemsafe::trace
