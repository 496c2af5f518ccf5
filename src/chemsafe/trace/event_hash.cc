#include "chemsafe/trace/event_hash.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <tuple>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "chemsafe/trace/epcis.h"
#include "chemsafe/trace/identifiers.h"

namespace chemsafe::trace {
namespace {

using json = nlohmann::json;

// ---- SHA-256 (OpenSSL EVP; fetched once, as audit/sm3.cc does) -------------------------------------------

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "chemsafe: OpenSSL SHA-256 %s failed; events cannot be hashed\n", what);
  std::abort();
}

const EVP_MD* Sha256Md() {
  static const EVP_MD* const md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (fetched == nullptr) Die("EVP_MD_fetch");
    return fetched;
  }();
  return md;
}

struct FreeContext {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};

std::string Sha256Hex(std::string_view data) {
  std::unique_ptr<EVP_MD_CTX, FreeContext> context(EVP_MD_CTX_new());
  if (!context) Die("EVP_MD_CTX_new");
  std::array<unsigned char, 32> digest{};
  unsigned int size = 0;
  if (EVP_DigestInit_ex(context.get(), Sha256Md(), nullptr) != 1) Die("EVP_DigestInit_ex");
  if (EVP_DigestUpdate(context.get(), data.data(), data.size()) != 1) Die("EVP_DigestUpdate");
  if (EVP_DigestFinal_ex(context.get(), digest.data(), &size) != 1 || size != digest.size()) {
    Die("EVP_DigestFinal_ex");
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(64);
  for (unsigned char byte : digest) {
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 0x0F];
  }
  return hex;
}

// ---- Normalised values ---------------------------------------------------------------------------------

// Howard Hinnant's civil_from_days (http://howardhinnant.github.io/date_algorithms.html).
void CivilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// "2019-10-21T10:00:30.000Z": UTC, milliseconds, the microseconds rounded half up.
std::string UtcMillis(std::int64_t utc_us) {
  const std::int64_t ms = FloorDiv(utc_us + 500, 1000);
  const std::int64_t days = FloorDiv(ms, 86400000);
  const std::int64_t in_day = ms - days * 86400000;
  std::int64_t y = 0;
  unsigned m = 0, d = 0;
  CivilFromDays(days, y, m, d);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", y, m, d, in_day / 3600000, in_day / 60000 % 60,
                     in_day / 1000 % 60, in_day % 1000);
}

// A number as the reference writes it: integral values without ".0", others in the shortest form.
std::string Number(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9.2e18) {
    return std::to_string(static_cast<std::int64_t>(v));
  }
  std::array<char, 64> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v);
  (void)ec;
  return std::string(buffer.data(), end);
}

// A text that reads as a number whole ("0012", "3.50", "1e3") normalised as Number; else nullopt.
std::optional<std::string> NumericText(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::string_view body = s[0] == '+' ? s.substr(1) : s;
  double v = 0;
  auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), v);
  if (ec != std::errc() || end != body.data() + body.size() || !std::isfinite(v)) return std::nullopt;
  return Number(v);
}

std::string Trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

bool IsTimeName(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower.find("time") != std::string::npos && lower.find("offset") == std::string::npos;
}

// A generic value (ilmd, extensions, sensor members): times to UTC milliseconds, CBV URNs to web URIs,
// numbers normalised, GS1 keys to canonical Digital Links.
std::string CanonicalValue(std::string_view name, const json& v) {
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return Number(v.get<double>());
  if (!v.is_string()) return "";
  std::string text = Trim(v.get<std::string>());
  if (IsTimeName(name)) {
    if (auto us = ParseRfc3339Us(text); us.ok()) return UtcMillis(*us);
  }
  for (CbvVocabulary voc : {CbvVocabulary::kBizStep, CbvVocabulary::kDisposition, CbvVocabulary::kBizTransactionType,
                            CbvVocabulary::kSourceDestType, CbvVocabulary::kErrorReason}) {
    if (text.rfind("urn:epcglobal:cbv:", 0) == 0) {
      const std::string word = CbvWord(text, voc);
      if (word != text) return CbvUri(word, voc);
    }
  }
  if (auto number = NumericText(text)) return *number;
  if (auto uri = CanonicalUri(text); uri.ok()) return *uri;
  return text;
}

// "{namespace}local" of an expanded member name (epcis.h keeps extension names as full IRIs); other names
// as they are.
std::string MemberName(std::string_view iri) {
  if (iri.find(':') == std::string_view::npos) return std::string(iri);
  const std::size_t cut = iri.find_last_of("/#:");
  if (cut == std::string_view::npos || cut + 1 == iri.size()) return std::string(iri);
  return fmt::format("{{{}}}{}", iri.substr(0, cut + 1), iri.substr(cut + 1));
}

std::string SortedJoin(std::vector<std::string> parts) {
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const std::string& p : parts) out += p;
  return out;
}

// One member in the generic form: "name=value", "name" + its sorted children for an object; an array is
// one such entry per element.
void GenericEntries(std::string_view name, const json& v, std::vector<std::string>& out) {
  const std::string label = MemberName(name);
  if (v.is_array()) {
    for (const json& element : v) GenericEntries(name, element, out);
  } else if (v.is_object()) {
    std::vector<std::string> children;
    for (const auto& [k, child] : v.items()) GenericEntries(k, child, children);
    out.push_back(label + SortedJoin(std::move(children)));
  } else {
    const std::string value = CanonicalValue(name, v);
    out.push_back(value.empty() ? label : label + "=" + value);
  }
}

std::string List(std::string_view name, std::vector<std::string> entries) {
  if (entries.empty()) return "";
  return std::string(name) + SortedJoin(std::move(entries));
}

std::string EpcList(std::string_view name, const std::vector<std::string>& epcs) {
  std::vector<std::string> entries;
  for (const std::string& epc : epcs) entries.push_back("epc=" + epc);
  return List(name, std::move(entries));
}

std::string QuantityList(std::string_view name, const std::vector<QuantityElement>& list) {
  std::vector<std::string> entries;
  for (const QuantityElement& q : list) {
    std::string s = "quantityElementepcClass=" + q.epc_class;
    if (q.quantity > 0) s += "quantity=" + Number(q.quantity);
    if (!q.uom.empty()) s += "uom=" + q.uom;
    entries.push_back(std::move(s));
  }
  return List(name, std::move(entries));
}

std::string Field(std::string_view name, std::string_view value) {
  if (value.empty()) return "";
  return fmt::format("{}={}", name, value);
}

// sensorReport "type" and "exception": GS1 web vocabulary terms, written on ref.gs1.org as the vectors do.
std::string Gs1VocTerm(const json& v) {
  if (!v.is_string()) return "";
  std::string s = Trim(v.get<std::string>());
  for (std::string_view prefix : {"gs1:", "https://gs1.org/voc/"}) {
    if (s.rfind(prefix, 0) == 0) return "https://ref.gs1.org/voc/" + s.substr(prefix.size());
  }
  if (s.find(':') == std::string::npos) return "https://ref.gs1.org/voc/" + s;
  return s;
}

// The standard members of a sensor metadata or report object in `order`; the other members, in the
// generic form, as "<label><entries sorted>" into `left` (when there are any).
std::string SensorPart(std::string_view label, const json& part, std::initializer_list<std::string_view> order,
                       std::vector<std::string>& left) {
  if (!part.is_object()) return "";
  std::string out;
  for (std::string_view name : order) {
    auto it = part.find(name);
    if (it == part.end()) continue;
    const std::string value =
        (name == "type" || name == "exception") ? Gs1VocTerm(*it) : CanonicalValue(name, *it);
    out += Field(name, value);
  }
  std::vector<std::string> rest;
  for (const auto& [k, v] : part.items()) {
    if (std::find(order.begin(), order.end(), k) == order.end()) GenericEntries(k, v, rest);
  }
  if (!rest.empty()) left.push_back(std::string(label) + SortedJoin(std::move(rest)));
  return out.empty() ? "" : std::string(label) + out;
}

// The sensor elements' standard members, in the reference order ("sensorElementsensorMetadata…sensorReport…",
// elements sorted). What is left of each element (extension members, at any level) is one generic entry
// "sensorElement<left entries sorted>" in `rest`, which is sorted with the event's other remaining members:
// where the reference implementation puts it.
std::string SensorElements(const json& list, std::vector<std::string>& rest) {
  if (!list.is_array()) return "";
  std::vector<std::string> elements;
  for (const json& element : list) {
    if (!element.is_object()) continue;
    std::string s;
    std::vector<std::string> left;
    if (auto m = element.find("sensorMetadata"); m != element.end()) {
      s += SensorPart("sensorMetadata", *m,
                      {"time", "startTime", "endTime", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod",
                       "bizRules"},
                      left);
    }
    if (auto r = element.find("sensorReport"); r != element.end() && r->is_array()) {
      std::vector<std::string> reports;
      for (const json& report : *r) {
        reports.push_back(SensorPart(
            "sensorReport", report,
            {"type", "exception", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "time",
             "microorganism", "chemicalSubstance", "value", "component", "stringValue", "booleanValue",
             "hexBinaryValue", "uriValue", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue",
             "uom", "coordinateReferenceSystem"},
            left));
      }
      s += SortedJoin(std::move(reports));
    }
    for (const auto& [k, v] : element.items()) {
      if (k != "sensorMetadata" && k != "sensorReport") GenericEntries(k, v, left);
    }
    if (!s.empty()) elements.push_back("sensorElement" + s);
    if (!left.empty()) rest.push_back("sensorElement" + SortedJoin(std::move(left)));
  }
  return SortedJoin(std::move(elements));
}

}  // namespace

std::string EventPreHash(const Event& e) {
  const bool child_lists = e.type == EventType::kAggregation || e.type == EventType::kAssociation;
  const std::vector<std::string> none;
  const std::vector<QuantityElement> no_quantities;
  std::string s = fmt::format("eventType={}eventTime={}eventTimeZoneOffset={}", EventTypeName(e.type),
                              UtcMillis(e.event_time_utc_us), e.event_time_zone_offset);
  s += EpcList("epcList", child_lists ? none : e.epc_list);
  s += Field("parentID", e.parent_id);
  s += EpcList("inputEPCList", e.input_epcs);
  s += EpcList("childEPCs", child_lists ? e.epc_list : none);
  s += QuantityList("quantityList", child_lists ? no_quantities : e.quantities);
  s += QuantityList("childQuantityList", child_lists ? e.quantities : no_quantities);
  s += QuantityList("inputQuantityList", e.input_quantities);
  s += EpcList("outputEPCList", e.output_epcs);
  s += QuantityList("outputQuantityList", e.output_quantities);
  s += Field("action", ActionName(e.action));
  s += Field("transformationID", e.transformation_id);
  if (!e.biz_step.empty()) s += Field("bizStep", CbvUri(e.biz_step, CbvVocabulary::kBizStep));
  if (!e.disposition.empty()) s += Field("disposition", CbvUri(e.disposition, CbvVocabulary::kDisposition));
  if (auto p = e.other.find("persistentDisposition"); p != e.other.end() && p->is_object()) {
    std::string part;
    for (const char* name : {"set", "unset"}) {
      std::vector<std::string> entries;
      if (auto list = p->find(name); list != p->end() && list->is_array()) {
        for (const json& word : *list) {
          if (word.is_string()) {
            entries.push_back(fmt::format(
                "{}={}", name, CbvUri(CbvWord(word.get<std::string>(), CbvVocabulary::kDisposition),
                                      CbvVocabulary::kDisposition)));
          }
        }
      }
      part += SortedJoin(std::move(entries));
    }
    if (!part.empty()) s += "persistentDisposition" + part;
  }
  if (!e.read_point.empty()) s += "readPointid=" + e.read_point;
  if (!e.biz_location.empty()) s += "bizLocationid=" + e.biz_location;
  {
    std::vector<std::string> entries;
    for (const BizTransaction& t : e.biz_transactions) {
      std::string entry;
      if (!t.type.empty()) entry = "type=" + CbvUri(t.type, CbvVocabulary::kBizTransactionType);
      entries.push_back(entry + "bizTransaction=" + t.id);
    }
    s += List("bizTransactionList", std::move(entries));
  }
  for (const auto& [name, member, list] : {std::tuple{"sourceList", "source", &e.sources},
                                           std::tuple{"destinationList", "destination", &e.destinations}}) {
    std::vector<std::string> entries;
    for (const PartyRef& p : *list) {
      entries.push_back(fmt::format("type={}{}={}", CbvUri(p.type, CbvVocabulary::kSourceDestType), member, p.id));
    }
    s += List(name, std::move(entries));
  }
  std::vector<std::string> rest;
  if (auto sensors = e.other.find("sensorElementList"); sensors != e.other.end()) {
    s += SensorElements(*sensors, rest);
  }
  for (const auto& [key, value] : e.other.items()) {
    // Not hashed, or hashed above; extension members of readPoint, bizLocation and errorDeclaration are
    // kept under those names (epcis.h) and hashed in the generic form.
    if (key == "certificationInfo" || key == "persistentDisposition" || key == "sensorElementList" ||
        key == "errorDeclaration") {
      continue;
    }
    GenericEntries(key, value, rest);
  }
  s += SortedJoin(std::move(rest));
  return s;
}

std::string EventHash(const Event& event) {
  return fmt::format("ni:///sha-256;{}?ver=CBV2.0", Sha256Hex(EventPreHash(event)));
}

}  // namespace chemsafe::trace
