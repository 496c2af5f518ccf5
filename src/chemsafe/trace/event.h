// The event model of the trace module (issue 6; plan tasks T3, T35): a GS1 EPCIS 2.0 event as the
// platform keeps it — what (identifiers, or lot-level classes with a quantity), when (the time with its
// zone offset), where (read point, business location), why (business step, disposition, business
// transactions, source and destination parties), and for corrections the errorDeclaration.
//
// Conventions (decision 0008):
// - Identifiers are kept in one canonical text per object, so that the same object written two ways is
//   one object: GS1 keys as the canonical GS1 Digital Link URI on https://id.gs1.org (the form that needs
//   no company-prefix length: "https://id.gs1.org/01/09521234543213/21/12345" for an SGTIN, ".../00/<SSCC>"
//   for an SSCC, ".../01/<GTIN>/10/<lot>" for a lot class, ".../414/<GLN>" for a location); the platform's
//   own identifiers (for companies without a GS1 prefix) as "urn:chemsafe:…" URIs (identifiers.h).
// - Parties are unified social credit codes (统一社会信用代码) in "urn:chemsafe:party:<USCC>".
// - Business steps and dispositions are kept as the bare CBV 2.0 word ("shipping", "in_transit"); the
//   URI forms ("https://ref.gs1.org/cbv/BizStep-shipping", "urn:epcglobal:cbv:bizstep:shipping") are read
//   as the same word. Business transaction and source/destination types likewise ("po", "owning_party").
// - Quantities carry a UN/CEFACT Rec. 20 unit code ("KGM", "TNE", "LTR"); masses are compared in kg.
//
// Pure data: no I/O. Thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace chemsafe::trace {

// Persisted as their codes: append-only.
enum class EventType : int {
  kObject = 1,          // ObjectEvent
  kAggregation = 2,     // AggregationEvent
  kTransaction = 3,     // TransactionEvent
  kTransformation = 4,  // TransformationEvent
  kAssociation = 5,     // AssociationEvent
};
std::string_view EventTypeName(EventType t);                  // "ObjectEvent", …
std::optional<EventType> ParseEventType(std::string_view name);  // the EPCIS type name

// Persisted as their codes: append-only. A TransformationEvent has none.
enum class Action : int { kNone = 0, kAdd = 1, kObserve = 2, kDelete = 3 };
std::string_view ActionName(Action a);  // "ADD", "OBSERVE", "DELETE", "" for none
std::optional<Action> ParseAction(std::string_view name);

// A lot-level class (or a product class) with an amount: EPCIS quantityList entries.
struct QuantityElement {
  std::string epc_class;  // canonical identifier of the class
  double quantity = 0;    // > 0
  std::string uom;        // UN/CEFACT Rec. 20 code; empty: a count of instances
};

struct BizTransaction {
  std::string type;  // CBV word ("po", "inv", "desadv", "pedigree") or the platform's ("purchase_permit", "waybill", "filing")
  std::string id;    // the transaction's identifier (a URI, or "urn:chemsafe:bt:<type>:<number>")
};

// sourceList / destinationList entries.
struct PartyRef {
  std::string type;  // CBV word: "owning_party", "possessing_party", "location"
  std::string id;    // "urn:chemsafe:party:<USCC>" for parties, a location identifier for "location"
};

struct ErrorDeclaration {
  std::string declaration_time;  // RFC 3339 with offset
  std::string reason;            // CBV ER word: "incorrect_data", "did_not_occur"
  std::vector<std::string> corrective_event_ids;
};

struct Event {
  EventType type = EventType::kObject;
  // eventID as given (a URI); when the capture gives none it is the event hash (EPCIS 2.0 §7.4.1).
  std::string event_id;
  std::string event_time;          // RFC 3339 with its offset, as given ("2026-11-29T10:15:00+08:00")
  std::string event_time_zone_offset;  // "+08:00"
  std::int64_t event_time_utc_us = 0;  // the same instant in microseconds since the Unix epoch (UTC)
  std::string record_time;         // set by the store at capture (UTC), empty before
  Action action = Action::kNone;

  // What. ObjectEvent and TransactionEvent: epc_list / quantities; AggregationEvent and AssociationEvent:
  // parent_id with child_epcs / child_quantities; TransformationEvent: inputs and outputs.
  std::vector<std::string> epc_list;      // epcList or childEPCs
  std::vector<QuantityElement> quantities;  // quantityList or childQuantityList
  std::string parent_id;
  std::vector<std::string> input_epcs, output_epcs;
  std::vector<QuantityElement> input_quantities, output_quantities;
  std::string transformation_id;

  // Where and why.
  std::string biz_step;     // CBV word, e.g. "shipping"; empty when not given
  std::string disposition;  // CBV word, e.g. "in_transit"
  std::string read_point;   // location identifier
  std::string biz_location;
  std::vector<BizTransaction> biz_transactions;
  std::vector<PartyRef> sources, destinations;

  std::optional<ErrorDeclaration> error_declaration;
  // Members the platform does not model (sensorElementList, ilmd, extensions): kept as given, in and out.
  nlohmann::json other = nlohmann::json::object();

  // The event hash of the GS1 EPCIS event hash algorithm ("ni:///sha-256;<hex>?ver=CBV2.0"); the key that
  // makes capture idempotent. Set by epcis.h's EventHash.
  std::string hash;
};

// The parties named by the event's source and destination lists with the type "owning_party" or
// "possessing_party", as USCCs (the "urn:chemsafe:party:" prefix removed); other ids are left out.
std::vector<std::string> SourceParties(const Event& e);
std::vector<std::string> DestinationParties(const Event& e);

// The USCC in a party id "urn:chemsafe:party:<USCC>", or nullopt.
std::optional<std::string> PartyUscc(std::string_view party_id);
std::string PartyId(std::string_view uscc);  // "urn:chemsafe:party:<USCC>"

}  // namespace chemsafe::trace
