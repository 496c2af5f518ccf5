// EPCIS 2.0 JSON-LD in and out (issue 6): the documents partners and capture clients send, read into the
// platform's events (event.h), and the events written back as EPCIS 2.0 JSON-LD.
//
// Sources:
// - GS1 EPCIS 2.0 (2022): the event types and their members, errorDeclaration, the query document, and the
//   standard's JSON schema and JSON-LD context (epcis-json-schema.json, epcis-context.jsonld: member names
//   and types; the document: "@context", "type", "schemaVersion", "creationDate", "epcisBody"; extension
//   members carry a namespace prefix or are full IRIs).
// - GS1 CBV 2.0 (2022): business steps, dispositions, business transaction types, source/destination
//   types, error reasons, and their three spellings (the bare word of the JSON-LD context,
//   "urn:epcglobal:cbv:bizstep:shipping", "https://ref.gs1.org/cbv/BizStep-shipping").
// - RFC 3339 §5.6 (date-time with a time offset).
//
// Reading (ParseEpcisDocument):
// - The text holds an EPCISDocument (epcisBody.eventList), an EPCISQueryDocument
//   (epcisBody.queryResults.resultsBody.eventList) or one bare event object.
// - eventTime and eventTimeZoneOffset are required; eventTime must carry its offset ("Z" or ±hh:mm) and
//   gives event_time_utc_us (fractions beyond microseconds are truncated). action is required, and only
//   allowed, outside TransformationEvent. parentID is required for an AssociationEvent and for an
//   AggregationEvent with action ADD or DELETE. Members that do not belong to the event's type are errors.
// - bizStep, disposition, business transaction, source/destination and error reason types are kept as the
//   bare CBV word whichever of the three spellings is given; other URIs are kept as given; a bare word is
//   taken as a CBV word (the platform's own words, e.g. "purchase_permit", are bare words too).
// - Identifiers (epcList, childEPCs, parentID, input/outputEPCList, epcClass, readPoint, bizLocation,
//   source, destination, transformationID, bizTransaction) go through identifiers.h's CanonicalUri: GS1 keys
//   become canonical Digital Links; a malformed GS1 key or platform id is an error; other URIs are kept.
//   epcClass must name a class; the EPC lists and parentID must name an instance.
// - quantity, when given, is a JSON number > 0 (a string is an error); uom needs a quantity.
// - ilmd, sensorElementList, certificationInfo, persistentDisposition and namespaced extension members go
//   to Event::other unchanged except that their compact IRIs ("example:batch") are expanded with the
//   document's and the event's "@context" (and the EPCIS context's own prefixes: cbvmda, gs1, …) to full
//   IRIs ("https://ns.example.com/epcis/batch"), so that the event stands without its document. Extension
//   members inside readPoint, bizLocation and errorDeclaration are kept in other["readPoint"], … .
//   An unknown member without a namespace is an error (EPCIS 2.0 extensions are namespaced; a misspelt
//   standard member, "bizstep", is caught rather than kept).
// - Every error is InvalidArgument "<where>: <JSON path>: <what>" ("events.jsonl:3:
//   epcisBody.eventList[2].eventTime: not an RFC 3339 time with offset"); `where` may be empty.
// - Event::hash and Event::record_time are left as read (recordTime is read when present; the hash is
//   event_hash.h's).
//
// Writing: EPCIS 2.0 JSON-LD with "@context": "https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
// CBV words as bare words (the JSON-LD default), identifiers as stored (canonical), extension members
// under their full IRIs. ParseEpcisDocument(EpcisDocumentJson(events, t)) gives the events back.
//
// Pure: no I/O. Safe to call concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "chemsafe/core/result.h"
#include "chemsafe/trace/event.h"

namespace chemsafe::trace {

inline constexpr std::string_view kEpcisContextUrl = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld";

// Reads the events of an EPCIS 2.0 JSON(-LD) text (see above). `where` prefixes every error message (the
// CLI passes "file:line").
Result<std::vector<Event>> ParseEpcisDocument(std::string_view text, std::string_view where);

// One event as EPCIS 2.0 JSON-LD (without "@context": the document carries it).
nlohmann::json EventToJson(const Event& event);

// An EPCISDocument holding `events`, as text: "@context", "type", "schemaVersion": "2.0", `creation_date`
// (RFC 3339; not checked), "epcisBody": {"eventList": [...]}.
std::string EpcisDocumentJson(const std::vector<Event>& events, std::string_view creation_date);

// The CBV 2.0 vocabularies whose terms events name. Not persisted.
enum class CbvVocabulary { kBizStep, kDisposition, kBizTransactionType, kSourceDestType, kErrorReason };

// The bare word of a CBV term written in any of its spellings for `vocabulary` (CBV 2.0: "shipping",
// "urn:epcglobal:cbv:bizstep:shipping", "https://ref.gs1.org/cbv/BizStep-shipping"; also the older
// "https://gs1.org/voc/BizStep-…" and the compact "cbv:BizStep-…"); any other text unchanged.
std::string CbvWord(std::string_view text, CbvVocabulary vocabulary);
// The CBV 2.0 web URI of a bare word ("https://ref.gs1.org/cbv/BizStep-shipping"); a URI unchanged.
std::string CbvUri(std::string_view word, CbvVocabulary vocabulary);

// The instant of an RFC 3339 date-time with offset, in microseconds since the Unix epoch (UTC); fractions
// beyond microseconds are truncated. InvalidArgument "not an RFC 3339 time with offset" otherwise.
Result<std::int64_t> ParseRfc3339Us(std::string_view text);

}  // namespace chemsafe::trace
