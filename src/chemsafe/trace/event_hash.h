// The event hash of GS1 EPCIS 2.0 / CBV 2.0 (CBV 2.0, "event hash ID"; the reference implementation
// and its test vectors: github.com/RalphTro/epcis-event-hash-generator): a fingerprint of an event's
// content that does not depend on how the event was written (member order, EPC URI or Digital Link, the
// spelling of CBV terms, the order of list entries, the time zone of eventTime), used as the key that
// makes capture idempotent (issue 6) and as the eventID of an event captured without one.
//
// The pre-hash string, as the vectors of the reference implementation fix it (CBV 2.0 set,
// tests/examples/expected/CBV2.0/*.prehashes):
//   "eventType=" type, "eventTime=" the instant in UTC at millisecond precision ("2019-10-21T10:00:30.000Z";
//   finer fractions rounded half up), "eventTimeZoneOffset=" as given, then in this order, each only when
//   present: epcList, parentID, inputEPCList, childEPCs, quantityList, childQuantityList, inputQuantityList,
//   outputEPCList, outputQuantityList, action, transformationID, bizStep, disposition, persistentDisposition,
//   readPoint ("readPointid=…"), bizLocation, bizTransactionList, sourceList, destinationList, the sensor
//   elements, and last the remaining members (ilmd, extensions) sorted. A list is its name followed by its
//   entries sorted as strings ("epcListepc=…epc=…"); a quantity entry is "quantityElementepcClass=…
//   quantity=…uom=…"; a business transaction "type=<CBV URI>bizTransaction=<id>", a source "type=…source=…".
//   Identifiers are canonical GS1 Digital Links on id.gs1.org (other URIs as given); CBV words are written
//   as CBV 2.0 web URIs ("https://ref.gs1.org/cbv/BizStep-shipping"; the platform's own bare words the same
//   way, "https://ref.gs1.org/cbv/BTT-purchase_permit", a URI CBV does not define but a stable text); numbers without trailing zeros
//   ("452", "200.5"); extension member names as "{namespace}local". Entries are concatenated without a
//   separator; the hash is SHA-256 of the UTF-8 pre-hash, written "ni:///sha-256;<hex>?ver=CBV2.0"
//   (RFC 6920 form, lower-case hex).
// - Not hashed: eventID, recordTime, certificationInfo and errorDeclaration (as in the reference vectors).
//   So an error declaration, which repeats the event it declares erroneous (EPCIS 2.0), has that
//   event's hash: a store that deduplicates by hash must keep declarations apart (e.g. key them by hash and
//   declaration).
// - Sensor elements: the standard members of sensorMetadata and sensorReport in the reference order; what is
//   left of an element (extension members) is hashed in the generic form among the remaining members.
//
// Pure; safe to call concurrently.
#pragma once

#include <string>

#include "chemsafe/trace/event.h"

namespace chemsafe::trace {

// The canonical pre-hash string of an event (see above).
std::string EventPreHash(const Event& event);

// "ni:///sha-256;<64 hex digits>?ver=CBV2.0": SHA-256 of EventPreHash(event).
std::string EventHash(const Event& event);

}  // namespace chemsafe::trace
