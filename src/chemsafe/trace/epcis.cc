#include "chemsafe/trace/epcis.h"

#include <array>
#include <cmath>
#include <map>
#include <tuple>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "chemsafe/trace/identifiers.h"

namespace chemsafe::trace {
namespace {

using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;
using Prefixes = std::map<std::string, std::string, std::less<>>;

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// ---- CBV spellings (CBV 2.0) ---------------------------------------------------------------------------

struct CbvSpelling {
  std::string_view urn;  // "urn:epcglobal:cbv:bizstep:"
  std::string_view web;  // "BizStep-", after "https://ref.gs1.org/cbv/"
};

CbvSpelling SpellingOf(CbvVocabulary v) {
  switch (v) {
    case CbvVocabulary::kBizStep: return {"urn:epcglobal:cbv:bizstep:", "BizStep-"};
    case CbvVocabulary::kDisposition: return {"urn:epcglobal:cbv:disp:", "Disp-"};
    case CbvVocabulary::kBizTransactionType: return {"urn:epcglobal:cbv:btt:", "BTT-"};
    case CbvVocabulary::kSourceDestType: return {"urn:epcglobal:cbv:sdt:", "SDT-"};
    case CbvVocabulary::kErrorReason: return {"urn:epcglobal:cbv:er:", "ER-"};
  }
  return {"urn:epcglobal:cbv:bizstep:", "BizStep-"};
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// ---- JSON helpers --------------------------------------------------------------------------------------

std::string_view TypeName(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    default: return "a value";
  }
}

// Paths are built for every member read (the errors name them), so by appending rather than formatting.
std::string Join(std::string_view path, std::string_view member) {
  std::string out;
  out.reserve(path.size() + 1 + member.size());
  out.append(path);
  if (!path.empty()) out += '.';
  out.append(member);
  return out;
}

std::string Index(std::string_view path, std::size_t i) {
  std::string out;
  out.reserve(path.size() + 8);
  out.append(path);
  out += '[';
  out += std::to_string(i);
  out += ']';
  return out;
}

// The prefixes the EPCIS 2.0 context itself defines (epcis-context.jsonld) that extension members use.
const Prefixes& BuiltInPrefixes() {
  static const Prefixes prefixes = {{"cbvmda", "urn:epcglobal:cbv:mda:"},
          {"gs1", "https://gs1.org/voc/"},
          {"epcis", "https://ref.gs1.org/epcis/"},
          {"cbv", "https://ref.gs1.org/cbv/"},
          {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
          {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
          {"owl", "http://www.w3.org/2002/07/owl#"},
          {"xsd", "http://www.w3.org/2001/XMLSchema#"},
          {"dcterms", "http://purl.org/dc/terms/"},
          {"schema", "http://schema.org/"}};
  return prefixes;
}

// Whether a "@context" value defines prefixes (an object, or an array holding one); a bare URL does not.
bool DefinesPrefixes(const json& context) {
  if (context.is_object()) return true;
  if (context.is_array()) {
    for (const json& c : context) {
      if (c.is_object()) return true;
    }
  }
  return false;
}

// Adds the prefix definitions of a "@context" value (a URL, an object, or an array of them).
void AddContext(const json& context, Prefixes& prefixes) {
  if (context.is_array()) {
    for (const json& c : context) AddContext(c, prefixes);
  } else if (context.is_object()) {
    for (const auto& [name, value] : context.items()) {
      if (value.is_string() && !name.empty() && name[0] != '@') prefixes[name] = value.get<std::string>();
    }
  }
}

// A compact IRI "prefix:name" with a known prefix expanded; other keys unchanged.
std::string ExpandKey(std::string_view key, const Prefixes& prefixes) {
  if (key.empty() || key[0] == '@') return std::string(key);
  const std::size_t colon = key.find(':');
  if (colon == std::string_view::npos || key.substr(colon + 1, 2) == "//") return std::string(key);
  auto it = prefixes.find(key.substr(0, colon));
  if (it == prefixes.end()) return std::string(key);
  return it->second + std::string(key.substr(colon + 1));
}

json ExpandKeys(const json& v, const Prefixes& prefixes) {
  if (v.is_object()) {
    json out = json::object();
    for (const auto& [k, child] : v.items()) out[ExpandKey(k, prefixes)] = ExpandKeys(child, prefixes);
    return out;
  }
  if (v.is_array()) {
    json out = json::array();
    for (const json& child : v) out.push_back(ExpandKeys(child, prefixes));
    return out;
  }
  return v;
}

bool IsNamespaced(std::string_view key) { return key.find(':') != std::string_view::npos; }

// ---- The reader ----------------------------------------------------------------------------------------

class Reader {
 public:
  explicit Reader(std::string_view where) : where_(where) {}

  Status Error(std::string_view path, std::string_view what) const {
    if (where_.empty()) return InvalidArgument(fmt::format("{}: {}", path, what));
    return InvalidArgument(fmt::format("{}: {}: {}", where_, path, what));
  }
  Status WrongType(std::string_view path, std::string_view expected, const json& v) const {
    return Error(path, fmt::format("must be {}, not {}", expected, TypeName(v)));
  }

  Result<std::vector<Event>> Document(const json& doc);
  Result<Event> ReadEvent(const json& v, const std::string& path, const Prefixes& outer);

 private:
  Result<std::string> String(const json& v, std::string_view path) const {
    if (!v.is_string()) return WrongType(path, "a string", v);
    return v.get<std::string>();
  }
  Result<std::string> Time(const json& v, std::string_view path) const;
  Result<std::string> Uri(const json& v, std::string_view path, std::optional<bool> must_be_class) const;
  Result<std::string> Word(const json& v, std::string_view path, CbvVocabulary vocabulary) const;
  Result<std::vector<std::string>> UriList(const json& v, std::string_view path) const;
  Result<std::vector<QuantityElement>> Quantities(const json& v, std::string_view path) const;
  Result<std::string> IdObject(const json& v, std::string_view path, std::string_view member, Event& e,
                               const Prefixes& prefixes) const;
  Status ErrorDeclarationOf(const json& v, std::string_view path, Event& e, const Prefixes& prefixes) const;
  Result<std::vector<BizTransaction>> BizTransactions(const json& v, std::string_view path) const;
  Result<std::vector<PartyRef>> Parties(const json& v, std::string_view path, std::string_view id_member) const;

  std::string where_;
};

Result<std::string> Reader::Time(const json& v, std::string_view path) const {
  CHEMSAFE_ASSIGN_OR_RETURN(std::string s, String(v, path));
  if (!ParseRfc3339Us(s).ok()) return Error(path, "not an RFC 3339 time with offset");
  return s;
}

Result<std::string> Reader::Uri(const json& v, std::string_view path, std::optional<bool> must_be_class) const {
  CHEMSAFE_ASSIGN_OR_RETURN(std::string s, String(v, path));
  if (must_be_class) {
    // One parse for the usual case, a GS1 key or a platform id whose kind is checked.
    if (auto id = ParseIdentifier(s); id.ok()) {
      if (IsClassKind(id->kind) != *must_be_class) {
        return Error(path, fmt::format("{} names {}", s, *must_be_class ? "an instance, not a class (epcClass)"
                                                                         : "a class, not an instance (an EPC)"));
      }
      return std::move(id->canonical);
    }
  }
  auto canonical = CanonicalUri(s);  // the error of a malformed key, or another URI as it is
  if (!canonical.ok()) return Error(path, canonical.status().message());
  return std::move(*canonical);
}

Result<std::string> Reader::Word(const json& v, std::string_view path, CbvVocabulary vocabulary) const {
  CHEMSAFE_ASSIGN_OR_RETURN(std::string s, String(v, path));
  std::string word = CbvWord(s, vocabulary);
  if (word.find(':') == std::string::npos) {
    bool ok = !word.empty();
    for (char c : word) {
      ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
    }
    if (!ok) return Error(path, fmt::format("'{}' is neither a CBV word nor a URI", s));
  } else if (auto uri = CanonicalUri(word); !uri.ok()) {
    return Error(path, uri.status().message());
  }
  return word;
}

Result<std::vector<std::string>> Reader::UriList(const json& v, std::string_view path) const {
  if (!v.is_array()) return WrongType(path, "an array", v);
  std::vector<std::string> out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    CHEMSAFE_ASSIGN_OR_RETURN(std::string s, Uri(v[i], Index(path, i), false));
    out.push_back(std::move(s));
  }
  return out;
}

Result<std::vector<QuantityElement>> Reader::Quantities(const json& v, std::string_view path) const {
  if (!v.is_array()) return WrongType(path, "an array", v);
  std::vector<QuantityElement> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string at = Index(path, i);
    const json& q = v[i];
    if (!q.is_object()) return WrongType(at, "an object", q);
    QuantityElement element;
    bool has_class = false, has_quantity = false;
    for (const auto& [key, value] : q.items()) {
      const std::string member = Join(at, key);
      if (key == "epcClass") {
        CHEMSAFE_ASSIGN_OR_RETURN(element.epc_class, Uri(value, member, true));
        has_class = true;
      } else if (key == "quantity") {
        if (!value.is_number()) return WrongType(member, "a number", value);
        element.quantity = value.get<double>();
        if (!std::isfinite(element.quantity) || element.quantity <= 0) return Error(member, "must be greater than 0");
        has_quantity = true;
      } else if (key == "uom") {
        CHEMSAFE_ASSIGN_OR_RETURN(element.uom, String(value, member));
        if (element.uom.empty() || element.uom.size() > 3) {
          return Error(member, "must be a UN/CEFACT Rec. 20 code of 1 to 3 characters");
        }
      } else {
        return Error(member, "not a member of a quantity element");
      }
    }
    if (!has_class) return Error(Join(at, "epcClass"), "required");
    if (!element.uom.empty() && !has_quantity) return Error(Join(at, "uom"), "given without a quantity");
    out.push_back(std::move(element));
  }
  return out;
}

// readPoint and bizLocation: {"id": URI, extensions...}; the extensions go to other[member].
Result<std::string> Reader::IdObject(const json& v, std::string_view path, std::string_view member, Event& e,
                                     const Prefixes& prefixes) const {
  if (!v.is_object()) return WrongType(path, "an object", v);
  std::string id;
  bool has_id = false;
  for (const auto& [key, value] : v.items()) {
    if (key == "id") {
      CHEMSAFE_ASSIGN_OR_RETURN(id, Uri(value, Join(path, key), std::nullopt));
      has_id = true;
    } else if (IsNamespaced(key)) {
      e.other[std::string(member)][ExpandKey(key, prefixes)] = ExpandKeys(value, prefixes);
    } else {
      return Error(Join(path, key), fmt::format("not a member of {}", member));
    }
  }
  if (!has_id) return Error(Join(path, "id"), "required");
  return id;
}

Status Reader::ErrorDeclarationOf(const json& v, std::string_view path, Event& e, const Prefixes& prefixes) const {
  if (!v.is_object()) return WrongType(path, "an object", v);
  ErrorDeclaration d;
  bool has_time = false;
  for (const auto& [key, value] : v.items()) {
    const std::string member = Join(path, key);
    if (key == "declarationTime") {
      CHEMSAFE_ASSIGN_OR_RETURN(d.declaration_time, Time(value, member));
      has_time = true;
    } else if (key == "reason") {
      CHEMSAFE_ASSIGN_OR_RETURN(d.reason, Word(value, member, CbvVocabulary::kErrorReason));
    } else if (key == "correctiveEventIDs") {
      if (!value.is_array()) return WrongType(member, "an array", value);
      for (std::size_t i = 0; i < value.size(); ++i) {
        CHEMSAFE_ASSIGN_OR_RETURN(std::string id, Uri(value[i], Index(member, i), std::nullopt));
        d.corrective_event_ids.push_back(std::move(id));
      }
    } else if (IsNamespaced(key)) {
      e.other["errorDeclaration"][ExpandKey(key, prefixes)] = ExpandKeys(value, prefixes);
    } else {
      return Error(member, "not a member of errorDeclaration");
    }
  }
  if (!has_time) return Error(Join(path, "declarationTime"), "required");
  e.error_declaration = std::move(d);
  return Status::Ok();
}

Result<std::vector<BizTransaction>> Reader::BizTransactions(const json& v, std::string_view path) const {
  if (!v.is_array()) return WrongType(path, "an array", v);
  std::vector<BizTransaction> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string at = Index(path, i);
    if (!v[i].is_object()) return WrongType(at, "an object", v[i]);
    BizTransaction t;
    bool has_id = false;
    for (const auto& [key, value] : v[i].items()) {
      const std::string member = Join(at, key);
      if (key == "type") {
        CHEMSAFE_ASSIGN_OR_RETURN(t.type, Word(value, member, CbvVocabulary::kBizTransactionType));
      } else if (key == "bizTransaction") {
        CHEMSAFE_ASSIGN_OR_RETURN(t.id, Uri(value, member, std::nullopt));
        has_id = true;
      } else {
        return Error(member, "not a member of a business transaction");
      }
    }
    if (!has_id) return Error(Join(at, "bizTransaction"), "required");
    out.push_back(std::move(t));
  }
  return out;
}

Result<std::vector<PartyRef>> Reader::Parties(const json& v, std::string_view path, std::string_view id_member) const {
  if (!v.is_array()) return WrongType(path, "an array", v);
  std::vector<PartyRef> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string at = Index(path, i);
    if (!v[i].is_object()) return WrongType(at, "an object", v[i]);
    PartyRef p;
    bool has_type = false, has_id = false;
    for (const auto& [key, value] : v[i].items()) {
      const std::string member = Join(at, key);
      if (key == "type") {
        CHEMSAFE_ASSIGN_OR_RETURN(p.type, Word(value, member, CbvVocabulary::kSourceDestType));
        has_type = true;
      } else if (key == id_member) {
        CHEMSAFE_ASSIGN_OR_RETURN(p.id, Uri(value, member, std::nullopt));
        has_id = true;
      } else {
        return Error(member, fmt::format("not a member of a {}", id_member));
      }
    }
    if (!has_type) return Error(Join(at, "type"), "required");
    if (!has_id) return Error(Join(at, id_member), "required");
    out.push_back(std::move(p));
  }
  return out;
}

// The members each event type takes beyond the common ones (EPCIS 2.0, the event types).
bool TakesMember(EventType t, std::string_view key) {
  using enum EventType;
  if (key == "epcList" || key == "quantityList") return t == kObject || t == kTransaction;
  if (key == "parentID") return t == kAggregation || t == kTransaction || t == kAssociation;
  if (key == "childEPCs" || key == "childQuantityList") return t == kAggregation || t == kAssociation;
  if (key == "inputEPCList" || key == "inputQuantityList" || key == "outputEPCList" ||
      key == "outputQuantityList" || key == "transformationID") {
    return t == kTransformation;
  }
  if (key == "action") return t != kTransformation;
  if (key == "ilmd") return t == kObject || t == kTransformation;
  return true;
}

bool IsTimeZoneOffset(std::string_view s) {
  // EPCIS 2.0 JSON schema: ^([+-]((0[0-9]|1[0-3]):([0-5][0-9])|14:00))$
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return false;
  for (std::size_t i : {1u, 2u, 4u, 5u}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int hours = (s[1] - '0') * 10 + (s[2] - '0');
  const int minutes = (s[4] - '0') * 10 + (s[5] - '0');
  return minutes <= 59 && (hours <= 13 || (hours == 14 && minutes == 0));
}

Result<Event> Reader::ReadEvent(const json& v, const std::string& path, const Prefixes& outer) {
  if (!v.is_object()) return WrongType(path.empty() ? "event" : path, "an object", v);
  auto type_it = v.find("type");
  if (type_it == v.end()) return Error(Join(path, "type"), "required");
  if (!type_it->is_string()) return WrongType(Join(path, "type"), "a string", *type_it);
  Event e;
  auto type = ParseEventType(type_it->get<std::string>());
  if (!type) {
    return Error(Join(path, "type"),
                 fmt::format("'{}' is not an EPCIS 2.0 event type (ObjectEvent, AggregationEvent, "
                             "TransactionEvent, TransformationEvent, AssociationEvent)",
                             type_it->get<std::string>()));
  }
  e.type = *type;
  // The event's own context, if it defines prefixes, on top of the document's (copied only then).
  Prefixes own;
  const Prefixes* scope = &outer;
  if (auto c = v.find("@context"); c != v.end() && DefinesPrefixes(*c)) {
    own = outer;
    AddContext(*c, own);
    scope = &own;
  }
  const Prefixes& prefixes = *scope;

  bool has_time = false, has_offset = false, has_action = false, has_parent = false;
  for (const auto& [key, value] : v.items()) {
    const std::string member = Join(path, key);
    if (key == "type" || key == "@context") continue;
    if (!TakesMember(e.type, key)) return Error(member, fmt::format("not a member of {}", EventTypeName(e.type)));
    if (key == "eventID") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.event_id, Uri(value, member, std::nullopt));
    } else if (key == "eventTime") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.event_time, Time(value, member));
      e.event_time_utc_us = *ParseRfc3339Us(e.event_time);
      has_time = true;
    } else if (key == "eventTimeZoneOffset") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.event_time_zone_offset, String(value, member));
      if (!IsTimeZoneOffset(e.event_time_zone_offset)) return Error(member, "not a time zone offset (+08:00)");
      has_offset = true;
    } else if (key == "recordTime") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.record_time, Time(value, member));
    } else if (key == "action") {
      CHEMSAFE_ASSIGN_OR_RETURN(std::string action, String(value, member));
      auto a = ParseAction(action);
      if (!a) return Error(member, fmt::format("'{}' is not ADD, OBSERVE or DELETE", action));
      e.action = *a;
      has_action = true;
    } else if (key == "epcList" || key == "childEPCs") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.epc_list, UriList(value, member));
    } else if (key == "quantityList" || key == "childQuantityList") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.quantities, Quantities(value, member));
    } else if (key == "parentID") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.parent_id, Uri(value, member, false));
      has_parent = true;
    } else if (key == "inputEPCList") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.input_epcs, UriList(value, member));
    } else if (key == "outputEPCList") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.output_epcs, UriList(value, member));
    } else if (key == "inputQuantityList") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.input_quantities, Quantities(value, member));
    } else if (key == "outputQuantityList") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.output_quantities, Quantities(value, member));
    } else if (key == "transformationID") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.transformation_id, Uri(value, member, std::nullopt));
    } else if (key == "bizStep") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.biz_step, Word(value, member, CbvVocabulary::kBizStep));
    } else if (key == "disposition") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.disposition, Word(value, member, CbvVocabulary::kDisposition));
    } else if (key == "readPoint") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.read_point, IdObject(value, member, "readPoint", e, prefixes));
    } else if (key == "bizLocation") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.biz_location, IdObject(value, member, "bizLocation", e, prefixes));
    } else if (key == "bizTransactionList") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.biz_transactions, BizTransactions(value, member));
    } else if (key == "sourceList") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.sources, Parties(value, member, "source"));
    } else if (key == "destinationList") {
      CHEMSAFE_ASSIGN_OR_RETURN(e.destinations, Parties(value, member, "destination"));
    } else if (key == "errorDeclaration") {
      CHEMSAFE_RETURN_IF_ERROR(ErrorDeclarationOf(value, member, e, prefixes));
    } else if (key == "ilmd" || key == "sensorElementList" || key == "persistentDisposition") {
      const bool object = key == "ilmd" || key == "persistentDisposition";
      if (object && !value.is_object()) return WrongType(member, "an object", value);
      if (!object && !value.is_array()) return WrongType(member, "an array", value);
      e.other[key] = ExpandKeys(value, prefixes);
    } else if (key == "certificationInfo") {
      if (!value.is_string() && !value.is_array()) return WrongType(member, "a string or an array", value);
      e.other[key] = value;
    } else if (IsNamespaced(key)) {
      e.other[ExpandKey(key, prefixes)] = ExpandKeys(value, prefixes);
    } else {
      return Error(member, "unknown member (an extension member needs a namespace prefix)");
    }
  }
  if (!has_time) return Error(Join(path, "eventTime"), "required");
  if (!has_offset) return Error(Join(path, "eventTimeZoneOffset"), "required");
  if (e.type != EventType::kTransformation && !has_action) return Error(Join(path, "action"), "required");
  const bool parent_required = e.type == EventType::kAssociation ||
                               (e.type == EventType::kAggregation && e.action != Action::kObserve);
  if (parent_required && !has_parent) return Error(Join(path, "parentID"), "required");
  return e;
}

Result<std::vector<Event>> Reader::Document(const json& doc) {
  if (!doc.is_object()) return WrongType("document", "an object", doc);
  Prefixes own;
  const Prefixes* scope = &BuiltInPrefixes();
  if (auto c = doc.find("@context"); c != doc.end() && DefinesPrefixes(*c)) {
    own = BuiltInPrefixes();
    AddContext(*c, own);
    scope = &own;
  }
  const Prefixes& prefixes = *scope;
  auto type_it = doc.find("type");
  if (type_it == doc.end()) return Error("type", "required");
  if (!type_it->is_string()) return WrongType("type", "a string", *type_it);
  const std::string type = type_it->get<std::string>();
  if (ParseEventType(type)) {
    CHEMSAFE_ASSIGN_OR_RETURN(Event e, ReadEvent(doc, "", prefixes));
    std::vector<Event> one;  // not {std::move(e)}: an initializer list would copy the event
    one.push_back(std::move(e));
    return one;
  }
  if (type != "EPCISDocument" && type != "EPCISQueryDocument") {
    return Error("type", fmt::format("'{}' is neither an EPCIS document nor an event type", type));
  }
  for (const char* member : {"schemaVersion", "creationDate", "epcisBody"}) {
    if (!doc.contains(member)) return Error(member, "required");
  }
  const json& version = doc["schemaVersion"];
  if (!version.is_string()) return WrongType("schemaVersion", "a string", version);
  if (!StartsWith(version.get<std::string>(), "2.")) return Error("schemaVersion", "this reader takes EPCIS 2.x");
  CHEMSAFE_RETURN_IF_ERROR(Time(doc["creationDate"], "creationDate").status());
  const json* list = &doc["epcisBody"];
  std::string path = "epcisBody";
  const std::vector<std::string_view> steps =
      type == "EPCISDocument" ? std::vector<std::string_view>{"eventList"}
                              : std::vector<std::string_view>{"queryResults", "resultsBody", "eventList"};
  for (std::string_view step : steps) {
    if (!list->is_object()) return WrongType(path, "an object", *list);
    auto it = list->find(step);
    path = Join(path, step);
    if (it == list->end()) return Error(path, "required");
    list = &*it;
  }
  if (!list->is_array()) return WrongType(path, "an array", *list);
  std::vector<Event> events;
  events.reserve(list->size());
  for (std::size_t i = 0; i < list->size(); ++i) {
    CHEMSAFE_ASSIGN_OR_RETURN(Event e, ReadEvent((*list)[i], Index(path, i), prefixes));
    events.push_back(std::move(e));
  }
  return events;
}

// ---- Writing -------------------------------------------------------------------------------------------

ordered_json QuantityJson(const QuantityElement& q) {
  ordered_json out;
  out["epcClass"] = q.epc_class;
  if (q.quantity > 0) {
    // Integral amounts as JSON integers (as partners write them); others as the shortest double.
    if (q.quantity == std::floor(q.quantity) && q.quantity < 9007199254740992.0) {
      out["quantity"] = static_cast<std::int64_t>(q.quantity);
    } else {
      out["quantity"] = q.quantity;
    }
  }
  if (!q.uom.empty()) out["uom"] = q.uom;
  return out;
}

ordered_json QuantitiesJson(const std::vector<QuantityElement>& list) {
  ordered_json out = ordered_json::array();
  for (const QuantityElement& q : list) out.push_back(QuantityJson(q));
  return out;
}

// {"id": id} with the extension members kept in other[member].
ordered_json IdObjectJson(const std::string& id, const json& other, const char* member) {
  ordered_json out;
  out["id"] = id;
  if (auto it = other.find(member); it != other.end() && it->is_object()) {
    for (const auto& [k, v] : it->items()) out[k] = v;
  }
  return out;
}

ordered_json EventJson(const Event& e) {
  ordered_json out;
  out["type"] = EventTypeName(e.type);
  if (!e.event_id.empty()) out["eventID"] = e.event_id;
  out["eventTime"] = e.event_time;
  out["eventTimeZoneOffset"] = e.event_time_zone_offset;
  if (!e.record_time.empty()) out["recordTime"] = e.record_time;
  if (e.other.contains("certificationInfo")) out["certificationInfo"] = e.other["certificationInfo"];
  const bool child_lists = e.type == EventType::kAggregation || e.type == EventType::kAssociation;
  if (e.type != EventType::kTransformation && e.type != EventType::kObject && !e.parent_id.empty()) {
    out["parentID"] = e.parent_id;
  }
  if (e.type == EventType::kTransformation) {
    if (!e.input_epcs.empty()) out["inputEPCList"] = e.input_epcs;
    if (!e.input_quantities.empty()) out["inputQuantityList"] = QuantitiesJson(e.input_quantities);
    if (!e.output_epcs.empty()) out["outputEPCList"] = e.output_epcs;
    if (!e.output_quantities.empty()) out["outputQuantityList"] = QuantitiesJson(e.output_quantities);
    if (!e.transformation_id.empty()) out["transformationID"] = e.transformation_id;
  } else {
    if (!e.epc_list.empty()) out[child_lists ? "childEPCs" : "epcList"] = e.epc_list;
    if (!e.quantities.empty()) out[child_lists ? "childQuantityList" : "quantityList"] = QuantitiesJson(e.quantities);
    out["action"] = ActionName(e.action);
  }
  if (!e.biz_step.empty()) out["bizStep"] = e.biz_step;
  if (!e.disposition.empty()) out["disposition"] = e.disposition;
  if (e.other.contains("persistentDisposition")) out["persistentDisposition"] = e.other["persistentDisposition"];
  if (!e.read_point.empty()) out["readPoint"] = IdObjectJson(e.read_point, e.other, "readPoint");
  if (!e.biz_location.empty()) out["bizLocation"] = IdObjectJson(e.biz_location, e.other, "bizLocation");
  if (!e.biz_transactions.empty()) {
    ordered_json list = ordered_json::array();
    for (const BizTransaction& t : e.biz_transactions) {
      ordered_json item;
      if (!t.type.empty()) item["type"] = t.type;
      item["bizTransaction"] = t.id;
      list.push_back(std::move(item));
    }
    out["bizTransactionList"] = std::move(list);
  }
  for (const auto& [name, id_member, list] :
       {std::tuple{"sourceList", "source", &e.sources}, std::tuple{"destinationList", "destination", &e.destinations}}) {
    if (list->empty()) continue;
    ordered_json items = ordered_json::array();
    for (const PartyRef& p : *list) {
      ordered_json item;
      item["type"] = p.type;
      item[id_member] = p.id;
      items.push_back(std::move(item));
    }
    out[name] = std::move(items);
  }
  if (e.other.contains("sensorElementList")) out["sensorElementList"] = e.other["sensorElementList"];
  if (e.other.contains("ilmd")) out["ilmd"] = e.other["ilmd"];
  if (e.error_declaration) {
    ordered_json d;
    d["declarationTime"] = e.error_declaration->declaration_time;
    if (!e.error_declaration->reason.empty()) d["reason"] = e.error_declaration->reason;
    if (!e.error_declaration->corrective_event_ids.empty()) {
      d["correctiveEventIDs"] = e.error_declaration->corrective_event_ids;
    }
    if (auto it = e.other.find("errorDeclaration"); it != e.other.end() && it->is_object()) {
      for (const auto& [k, v] : it->items()) d[k] = v;
    }
    out["errorDeclaration"] = std::move(d);
  }
  for (const auto& [key, value] : e.other.items()) {
    if (key == "certificationInfo" || key == "persistentDisposition" || key == "sensorElementList" ||
        key == "ilmd" || key == "readPoint" || key == "bizLocation" || key == "errorDeclaration") {
      continue;
    }
    out[key] = value;
  }
  return out;
}

// Howard Hinnant's days_from_civil (http://howardhinnant.github.io/date_algorithms.html): days since
// 1970-01-01 of a proleptic Gregorian date.
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

std::string CbvWord(std::string_view text, CbvVocabulary vocabulary) {
  const CbvSpelling s = SpellingOf(vocabulary);
  if (StartsWith(text, s.urn)) return std::string(text.substr(s.urn.size()));
  for (std::string_view base : {"https://ref.gs1.org/cbv/", "https://gs1.org/voc/", "cbv:", "gs1:"}) {
    if (StartsWith(text, base) && text.size() > base.size() + s.web.size() &&
        EqualsIgnoreCase(text.substr(base.size(), s.web.size()), s.web)) {
      return std::string(text.substr(base.size() + s.web.size()));
    }
  }
  return std::string(text);
}

std::string CbvUri(std::string_view word, CbvVocabulary vocabulary) {
  if (word.find(':') != std::string_view::npos) return std::string(word);
  return fmt::format("https://ref.gs1.org/cbv/{}{}", SpellingOf(vocabulary).web, word);
}

Result<std::int64_t> ParseRfc3339Us(std::string_view s) {
  const Status bad = InvalidArgument("not an RFC 3339 time with offset");
  auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    if (at + n > s.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  // RFC 3339 §5.6: full-date "T" partial-time time-offset.
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' ||
      s[16] != ':') {
    return bad;
  }
  const auto year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
  const auto hour = digits(11, 2), minute = digits(14, 2), second = digits(17, 2);
  if (!year || !month || !day || !hour || !minute || !second) return bad;
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (*year % 4 == 0 && *year % 100 != 0) || *year % 400 == 0;
  if (*month < 1 || *month > 12 || *day < 1 || *day > kDays[static_cast<std::size_t>(*month - 1)] ||
      (*month == 2 && *day == 29 && !leap) || *hour > 23 || *minute > 59 || *second > 60) {
    return bad;
  }
  std::size_t at = 19;
  std::int64_t micros = 0;
  if (at < s.size() && s[at] == '.') {
    ++at;
    const std::size_t start = at;
    std::int64_t scale = 100000;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') {
      micros += (s[at] - '0') * scale;
      scale /= 10;
      ++at;
    }
    if (at == start) return bad;
  }
  int offset_min = 0;
  if (at < s.size() && (s[at] == 'Z' || s[at] == 'z')) {
    ++at;
  } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
    const auto oh = digits(at + 1, 2), om = digits(at + 4, 2);
    if (!oh || !om || at + 3 >= s.size() || s[at + 3] != ':' || *oh > 23 || *om > 59) return bad;
    offset_min = (s[at] == '-' ? -1 : 1) * (*oh * 60 + *om);
    at += 6;
  } else {
    return bad;
  }
  if (at != s.size()) return bad;
  const std::int64_t days = DaysFromCivil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
  const std::int64_t seconds = days * 86400 + *hour * 3600 + *minute * 60 + *second - offset_min * 60;
  return seconds * 1000000 + micros;
}

Result<std::vector<Event>> ParseEpcisDocument(std::string_view text, std::string_view where) {
  Reader reader(where);
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    // Parse again for the position of the error (only on the failure path).
    try {
      doc = json::parse(text);
    } catch (const json::parse_error& e) {
      return reader.Error("document", fmt::format("not JSON: byte {}: {}", e.byte, e.what()));
    }
  }
  return reader.Document(doc);
}

nlohmann::json EventToJson(const Event& event) { return nlohmann::json(EventJson(event)); }

std::string EpcisDocumentJson(const std::vector<Event>& events, std::string_view creation_date) {
  ordered_json doc;
  doc["@context"] = kEpcisContextUrl;
  doc["type"] = "EPCISDocument";
  doc["schemaVersion"] = "2.0";
  doc["creationDate"] = creation_date;
  ordered_json list = ordered_json::array();
  for (const Event& e : events) list.push_back(EventJson(e));
  doc["epcisBody"]["eventList"] = std::move(list);
  return doc.dump(2);
}

}  // namespace chemsafe::trace
