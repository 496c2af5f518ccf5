// Tracking identifiers of the trace module (issue 6; plan task T35): GS1 keys in their EPC URI and GS1
// Digital Link forms, and the platform's own identifiers for companies without a GS1 company prefix,
// parsed, validated and written in one canonical text per object (event.h, decision 0008).
//
// Sources:
// - GS1 General Specifications 24.0 §7.9 (check digit: modulo 10, weights 3 and 1 alternating from the
//   rightmost digit before the check digit) and §3 (GTIN-8/12/13/14, SSCC-18, GLN-13, GDTI; serial and
//   lot: 1-20 characters of the GS1 AI encodable character set 82, Figure 7.11-1).
// - GS1 EPC Tag Data Standard 2.x, the EPC URI section (pure identity URIs: urn:epc:id:sgtin, sscc, sgln, pgln,
//   gdti, grai, giai, gsrn; urn:epc:class:lgtin; urn:epc:idpat:sgtin with a '*' serial for a product class),
//   the SGTIN and SSCC schemes (the
//   company prefix and the indicator digit: GTIN-14 = indicator, company prefix, item reference, check
//   digit), Table A-1 (characters escaped in an EPC URI: " % & / < > ?).
// - GS1 Digital Link URI Syntax 1.2 (path form /{AI}/{value}: 01 GTIN with 21 serial or 10 lot, 00
//   SSCC, 414 GLN with 254 extension, 417 party GLN, 253 GDTI, 8003 GRAI, 8004 GIAI, 8018 GSRN; any host;
//   GTIN-8/12/13 left-padded with
//   zeros to 14 digits in the canonical form; values percent-encoded).
//
// Conventions:
// - Canonical form of a GS1 key: the Digital Link on https://id.gs1.org with a GTIN-14 and the check digit
//   verified ("https://id.gs1.org/01/09521234543213/21/12345"). Serials and lots are decoded from %xx on
//   input and written with every character outside RFC 3986's unreserved set percent-encoded (upper-case
//   hex), so that one object has one text. EPC URI → Digital Link needs no company prefix length;
//   Digital Link → EPC URI does (ToEpcUri).
// - The platform namespace ("urn:chemsafe:…"), for companies without a GS1 prefix; the company is its
//   unified social credit code (GB 32100-2015, chemsafe/core/ids.h):
//     container  urn:chemsafe:id:ctr:<USCC>.<serial>
//     lot class  urn:chemsafe:class:lot:<USCC>.<product>.<lot>   (<product>: the catalogue key, a CAS
//                number or a 危险化学品目录 entry number)
//     location   urn:chemsafe:loc:<USCC>.<site code>
//     vehicle    urn:chemsafe:id:veh:<plate>                      (GA 36-2018 plate: 粤B12345, 粤BD12345,
//                                                                 粤B1234挂 for a trailer)
//     party      urn:chemsafe:party:<USCC>                        (event.h)
//   Serials, lots and site codes are 1-32 characters of A-Z a-z 0-9 - . _ (no escaping needed anywhere).
//   For QR payloads (labels) the container and lot have a Digital Link form under a configurable base URL:
//   "<base>/t/ctr/<USCC>/<serial>", "<base>/t/lot/<USCC>/<product>/<lot>".
// - Errors are InvalidArgument and name the identifier and what is wrong
//   ("https://id.gs1.org/01/09521234543214/21/1: GTIN check digit is 3, not 4").
//
// Pure: no I/O. Safe to call concurrently.
#pragma once

#include <string>
#include <string_view>

#include "chemsafe/core/result.h"

namespace chemsafe::trace {

// The GS1 check digit (0-9) of `digits` (the key without its check digit): modulo 10 with weights 3, 1,
// 3, … from the rightmost digit. InvalidArgument when `digits` is empty or holds a non-digit.
Result<int> Gs1CheckDigit(std::string_view digits);

// GS1 keys with their check digit verified. ParseGtin accepts GTIN-8, -12, -13 and -14 and gives the
// GTIN-14 (left-padded with zeros); ParseSscc 18 digits, ParseGln 13 digits. The error names the text and
// says what is wrong ("0952123454321: GTIN check digit is 3, not 1"; "12345: a GTIN has 8, 12, 13 or 14
// digits, not 5").
Result<std::string> ParseGtin(std::string_view text);
Result<std::string> ParseSscc(std::string_view text);
Result<std::string> ParseGln(std::string_view text);

// What an identifier names. Persisted nowhere; the order is not significant.
enum class IdKind {
  kSgtin,              // a serialised trade item: GTIN + serial
  kLgtin,              // a lot class: GTIN + lot
  kProductClass,       // a product class: GTIN alone (Digital Link /01/{gtin}, urn:epc:idpat:sgtin:C.I.*)
  kSscc,               // a logistic unit
  kSgln,               // a location: GLN with an optional extension
  kPgln,               // a party: GLN (AI 417)
  kGdti,               // a document: GDTI + optional serial (AI 253)
  kGrai,               // a returnable asset: GRAI + optional serial (AI 8003)
  kGiai,               // an individual asset: GIAI (AI 8004)
  kGsrn,               // a service relation (a person, an account): GSRN (AI 8018)
  kPlatformContainer,  // urn:chemsafe:id:ctr
  kPlatformLot,        // urn:chemsafe:class:lot
  kPlatformLocation,   // urn:chemsafe:loc
  kPlatformVehicle,    // urn:chemsafe:id:veh
  kPlatformParty,      // urn:chemsafe:party:<USCC> (event.h's PartyId)
};

// True for kinds that name a class of objects (kLgtin, kProductClass, kPlatformLot): the identifiers of
// quantityList entries; the others name one object or place.
bool IsClassKind(IdKind kind);

// A parsed identifier: its parts (decoded) and its canonical text.
struct Identifier {
  IdKind kind = IdKind::kSgtin;
  // The key: GTIN-14, SSCC-18, GLN-13, GDTI-13, GRAI-14 (with its leading 0), GSRN-18 (with check digits),
  // the GIAI; the USCC for platform ids; the plate of a vehicle.
  std::string key;
  // SGTIN and platform container serial, GDTI and GRAI serial, SGLN extension ("" when none), platform site
  // code.
  std::string serial;
  std::string lot;      // LGTIN and platform lot
  std::string product;  // platform lot: CAS number or catalogue entry number
  std::string canonical;
};

// Parses an identifier in any accepted form: EPC URI, GS1 Digital Link (any host, http or https), the
// platform URNs. InvalidArgument naming the text when it is none of them or is malformed.
Result<Identifier> ParseIdentifier(std::string_view text);

// The canonical text of an identifier (ParseIdentifier(text)->canonical).
Result<std::string> CanonicalIdentifier(std::string_view text);

// For EPCIS members that take any URI (readPoint, transformationID, bizTransaction, sensor device ids):
// the canonical text when `text` is in a form ParseIdentifier knows (urn:epc:id:…, urn:epc:class:…,
// urn:epc:idpat:sgtin:…, urn:chemsafe:…, or an http(s) URL whose path holds a GS1 primary key: /01/, /00/,
// /414/, /417/, /253/, /8003/, /8004/, /8018/), an error when it is in such a form but malformed, and otherwise the text unchanged
// when it is an absolute URI ("geo:…", "urn:uuid:…", "https://example.com/…"); InvalidArgument when it is
// not a URI (no scheme).
Result<std::string> CanonicalUri(std::string_view text);

// The EPC URI (TDS 2.x) of a GS1 identifier in any accepted form, given the length of its GS1 company
// prefix (6-12 digits; the Digital Link does not carry it): "urn:epc:id:sgtin:9521234.054321.12345".
// A product class is written "urn:epc:idpat:sgtin:<company>.<item>.*"; an SGLN without extension with
// the extension "0". InvalidArgument for platform ids and for a prefix length out of range.
Result<std::string> ToEpcUri(std::string_view identifier, int company_prefix_length);

// The platform's identifiers, validated (the USCC by its check character, the product as a CAS number
// with a valid check digit or a catalogue entry number 1-9999).
Result<std::string> PlatformContainerId(std::string_view uscc, std::string_view serial);
Result<std::string> PlatformLotId(std::string_view uscc, std::string_view product, std::string_view lot);
Result<std::string> PlatformLocationId(std::string_view uscc, std::string_view site_code);
Result<std::string> PlatformVehicleId(std::string_view plate);

// The Digital Link form of a platform container or lot id under `base_url` (an http(s) URL without
// query or fragment; a trailing '/' is ignored): "https://t.example.cn/t/ctr/<USCC>/<serial>".
// InvalidArgument for other identifiers.
Result<std::string> PlatformDigitalLink(std::string_view platform_id, std::string_view base_url);
// The platform URN of such a Digital Link; InvalidArgument when `url` is not under `base_url` or its path
// is not /t/ctr/<USCC>/<serial> or /t/lot/<USCC>/<product>/<lot>.
Result<std::string> ParsePlatformDigitalLink(std::string_view url, std::string_view base_url);

}  // namespace chemsafe::trace
