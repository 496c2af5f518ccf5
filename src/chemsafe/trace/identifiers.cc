#include "chemsafe/trace/identifiers.h"

#include <array>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "chemsafe/core/ids.h"

namespace chemsafe::trace {
namespace {

constexpr std::string_view kDlHost = "https://id.gs1.org";

constexpr std::string_view kSgtinUrn = "urn:epc:id:sgtin:";
constexpr std::string_view kSsccUrn = "urn:epc:id:sscc:";
constexpr std::string_view kSglnUrn = "urn:epc:id:sgln:";
constexpr std::string_view kPglnUrn = "urn:epc:id:pgln:";
constexpr std::string_view kGdtiUrn = "urn:epc:id:gdti:";
constexpr std::string_view kGraiUrn = "urn:epc:id:grai:";
constexpr std::string_view kGiaiUrn = "urn:epc:id:giai:";
constexpr std::string_view kGsrnUrn = "urn:epc:id:gsrn:";
constexpr std::string_view kLgtinUrn = "urn:epc:class:lgtin:";
constexpr std::string_view kSgtinPatternUrn = "urn:epc:idpat:sgtin:";

constexpr std::string_view kContainerUrn = "urn:chemsafe:id:ctr:";
constexpr std::string_view kLotUrn = "urn:chemsafe:class:lot:";
constexpr std::string_view kLocationUrn = "urn:chemsafe:loc:";
constexpr std::string_view kVehicleUrn = "urn:chemsafe:id:veh:";
constexpr std::string_view kPartyUrn = "urn:chemsafe:party:";

// GS1 General Specifications Figure 7.11-1: the GS1 AI encodable character set 82.
bool IsCset82(char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!\"%&'()*+,-./:;<=>?_").find(c) != std::string_view::npos;
}

bool IsUnreserved(char c) {  // RFC 3986 §2.3
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Decodes %xx escapes (TDS Table A-1; RFC 3986 §2.1). The message, if any, has no prefix.
Result<std::string> PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    const int hi = i + 2 < s.size() ? HexValue(s[i + 1]) : -1;
    const int lo = i + 2 < s.size() ? HexValue(s[i + 2]) : -1;
    if (hi < 0 || lo < 0) return InvalidArgument(fmt::format("'%' at {} is not followed by two hex digits", i));
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::string PercentEncode(std::string_view s, bool (*keep)(char)) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    if (keep(c)) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

// TDS Table A-1: in an EPC URI, " % & / < > ? are escaped; the other characters of set 82 are not.
bool KeptInEpcUri(char c) { return IsCset82(c) && std::string_view("\"%&/<>?").find(c) == std::string_view::npos; }

// A serial, lot or extension: 1..max characters of set 82 (GS1 General Specifications §3, AI 21 and 10).
Result<std::string> Gs1Text(std::string_view encoded, std::string_view what, std::size_t max_length) {
  auto decoded = PercentDecode(encoded);
  if (!decoded.ok()) return InvalidArgument(fmt::format("{}: {}", what, decoded.status().message()));
  const std::string& s = *decoded;
  if (s.empty() || s.size() > max_length) {
    return InvalidArgument(fmt::format("{} has {} characters, not 1 to {}", what, s.size(), max_length));
  }
  for (char c : s) {
    if (!IsCset82(c)) {
      return InvalidArgument(fmt::format("{} holds '{}', not a character of the GS1 set 82", what, c));
    }
  }
  return *decoded;
}

// A GS1 key of one of `lengths` digits with its check digit verified, left-padded to `pad_to`.
Result<std::string> Gs1Key(std::string_view digits, std::string_view name, std::initializer_list<std::size_t> lengths,
                           std::size_t pad_to) {
  bool length_ok = false;
  std::string allowed;
  for (std::size_t n : lengths) {
    if (digits.size() == n) length_ok = true;
    if (!allowed.empty()) allowed += n == *(lengths.end() - 1) ? " or " : ", ";
    allowed += std::to_string(n);
  }
  if (!IsDigits(digits)) return InvalidArgument(fmt::format("a {} is digits only", name));
  if (!length_ok) {
    return InvalidArgument(fmt::format("a {} has {} digits, not {}", name, allowed, digits.size()));
  }
  const int expected = *Gs1CheckDigit(digits.substr(0, digits.size() - 1));
  const int given = digits.back() - '0';
  if (expected != given) return InvalidArgument(fmt::format("{} check digit is {}, not {}", name, expected, given));
  std::string out(pad_to - digits.size(), '0');
  out += digits;
  return out;
}

Result<std::string> Gtin(std::string_view d) { return Gs1Key(d, "GTIN", {8, 12, 13, 14}, 14); }
Result<std::string> Sscc(std::string_view d) { return Gs1Key(d, "SSCC", {18}, 18); }
Result<std::string> Gln(std::string_view d) { return Gs1Key(d, "GLN", {13}, 13); }

std::string WithCheckDigit(std::string digits) {
  digits += static_cast<char>('0' + *Gs1CheckDigit(digits));
  return digits;
}

// ---- Canonical texts ---------------------------------------------------------------------------------

std::string DlValue(std::string_view s) { return PercentEncode(s, IsUnreserved); }

void SetCanonical(Identifier& id) {
  switch (id.kind) {
    case IdKind::kSgtin:
      id.canonical = fmt::format("{}/01/{}/21/{}", kDlHost, id.key, DlValue(id.serial));
      break;
    case IdKind::kLgtin:
      id.canonical = fmt::format("{}/01/{}/10/{}", kDlHost, id.key, DlValue(id.lot));
      break;
    case IdKind::kProductClass:
      id.canonical = fmt::format("{}/01/{}", kDlHost, id.key);
      break;
    case IdKind::kSscc:
      id.canonical = fmt::format("{}/00/{}", kDlHost, id.key);
      break;
    case IdKind::kSgln:
      id.canonical = id.serial.empty() ? fmt::format("{}/414/{}", kDlHost, id.key)
                                       : fmt::format("{}/414/{}/254/{}", kDlHost, id.key, DlValue(id.serial));
      break;
    case IdKind::kPgln:
      id.canonical = fmt::format("{}/417/{}", kDlHost, id.key);
      break;
    case IdKind::kGdti:
      id.canonical = fmt::format("{}/253/{}{}", kDlHost, id.key, DlValue(id.serial));
      break;
    case IdKind::kGrai:
      id.canonical = fmt::format("{}/8003/{}{}", kDlHost, id.key, DlValue(id.serial));
      break;
    case IdKind::kGiai:
      id.canonical = fmt::format("{}/8004/{}", kDlHost, DlValue(id.key));
      break;
    case IdKind::kGsrn:
      id.canonical = fmt::format("{}/8018/{}", kDlHost, id.key);
      break;
    case IdKind::kPlatformContainer:
      id.canonical = fmt::format("{}{}.{}", kContainerUrn, id.key, id.serial);
      break;
    case IdKind::kPlatformLot:
      id.canonical = fmt::format("{}{}.{}.{}", kLotUrn, id.key, id.product, id.lot);
      break;
    case IdKind::kPlatformLocation:
      id.canonical = fmt::format("{}{}.{}", kLocationUrn, id.key, id.serial);
      break;
    case IdKind::kPlatformVehicle:
      id.canonical = fmt::format("{}{}", kVehicleUrn, id.key);
      break;
    case IdKind::kPlatformParty:
      id.canonical = fmt::format("{}{}", kPartyUrn, id.key);
      break;
  }
}

// ---- EPC URIs (TDS 2.x) -----------------------------------------------------------------------------

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

// The company prefix and the reference of an EPC URI: digits, 6-12 of company prefix, `total` together.
Status CheckCompanyAndReference(std::string_view company, std::string_view reference, std::size_t total,
                                std::string_view reference_name) {
  if (!IsDigits(company) || company.size() < 6 || company.size() > 12) {
    return InvalidArgument(fmt::format("the GS1 company prefix '{}' is not 6 to 12 digits", company));
  }
  if ((!reference.empty() && !IsDigits(reference)) || company.size() + reference.size() != total) {
    return InvalidArgument(fmt::format("the {} '{}' is not {} digits after a {}-digit company prefix", reference_name,
                                       reference, total - company.size(), company.size()));
  }
  return Status::Ok();
}

// urn:epc:id:sgtin:C.I.S, urn:epc:class:lgtin:C.I.L and urn:epc:idpat:sgtin:C.I.*: the GTIN-14 of C.I.
Result<std::string> GtinOfEpc(std::string_view company, std::string_view indicator_item) {
  CHEMSAFE_RETURN_IF_ERROR(CheckCompanyAndReference(company, indicator_item, 13, "indicator and item reference"));
  std::string body;
  body += indicator_item[0];
  body += company;
  body += indicator_item.substr(1);
  return WithCheckDigit(body);
}

Result<Identifier> ParseEpcUri(std::string_view text) {
  Identifier id;
  // The last field (serial, lot, extension, asset reference) may hold '.' (TDS Table A-1 leaves it
  // unescaped): only the first count-1 dots separate fields.
  auto parts_after = [&](std::string_view prefix, std::size_t count) -> Result<std::vector<std::string_view>> {
    std::vector<std::string_view> parts;
    std::string_view rest = text.substr(prefix.size());
    while (parts.size() + 1 < count) {
      const std::size_t dot = rest.find('.');
      if (dot == std::string_view::npos) break;
      parts.push_back(rest.substr(0, dot));
      rest = rest.substr(dot + 1);
    }
    parts.push_back(rest);
    if (parts.size() != count) {
      return InvalidArgument(fmt::format("{} takes {} dot-separated fields, not {}", prefix, count, parts.size()));
    }
    return parts;
  };
  if (StartsWith(text, kSgtinUrn) || StartsWith(text, kLgtinUrn) || StartsWith(text, kSgtinPatternUrn)) {
    const std::string_view prefix =
        StartsWith(text, kSgtinUrn) ? kSgtinUrn : (StartsWith(text, kLgtinUrn) ? kLgtinUrn : kSgtinPatternUrn);
    CHEMSAFE_ASSIGN_OR_RETURN(auto p, parts_after(prefix, 3));
    CHEMSAFE_ASSIGN_OR_RETURN(id.key, GtinOfEpc(p[0], p[1]));
    if (prefix == kSgtinPatternUrn) {
      if (p[2] != "*") return InvalidArgument("only the pattern with the serial '*' (a product class) is accepted");
      id.kind = IdKind::kProductClass;
    } else if (prefix == kSgtinUrn) {
      id.kind = IdKind::kSgtin;
      CHEMSAFE_ASSIGN_OR_RETURN(id.serial, Gs1Text(p[2], "the serial", 20));
    } else {
      id.kind = IdKind::kLgtin;
      CHEMSAFE_ASSIGN_OR_RETURN(id.lot, Gs1Text(p[2], "the lot", 20));
    }
  } else if (StartsWith(text, kSsccUrn)) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto p, parts_after(kSsccUrn, 2));
    CHEMSAFE_RETURN_IF_ERROR(CheckCompanyAndReference(p[0], p[1], 17, "extension digit and serial reference"));
    std::string body;
    body += p[1][0];
    body += p[0];
    body += p[1].substr(1);
    id.kind = IdKind::kSscc;
    id.key = WithCheckDigit(body);
  } else if (StartsWith(text, kSglnUrn)) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto p, parts_after(kSglnUrn, 3));
    CHEMSAFE_RETURN_IF_ERROR(CheckCompanyAndReference(p[0], p[1], 12, "location reference"));
    id.kind = IdKind::kSgln;
    id.key = WithCheckDigit(std::string(p[0]) + std::string(p[1]));
    // TDS, SGLN: the extension "0" stands for a GLN without extension.
    if (p[2] != "0") {
      CHEMSAFE_ASSIGN_OR_RETURN(id.serial, Gs1Text(p[2], "the extension", 20));
    }
  } else if (StartsWith(text, kPglnUrn)) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto p, parts_after(kPglnUrn, 2));
    CHEMSAFE_RETURN_IF_ERROR(CheckCompanyAndReference(p[0], p[1], 12, "party reference"));
    id.kind = IdKind::kPgln;
    id.key = WithCheckDigit(std::string(p[0]) + std::string(p[1]));
  } else if (StartsWith(text, kGdtiUrn)) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto p, parts_after(kGdtiUrn, 3));
    CHEMSAFE_RETURN_IF_ERROR(CheckCompanyAndReference(p[0], p[1], 12, "document type"));
    id.kind = IdKind::kGdti;
    id.key = WithCheckDigit(std::string(p[0]) + std::string(p[1]));
    CHEMSAFE_ASSIGN_OR_RETURN(id.serial, Gs1Text(p[2], "the serial", 17));
  } else if (StartsWith(text, kGraiUrn)) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto p, parts_after(kGraiUrn, 3));
    CHEMSAFE_RETURN_IF_ERROR(CheckCompanyAndReference(p[0], p[1], 12, "asset type"));
    id.kind = IdKind::kGrai;
    id.key = "0" + WithCheckDigit(std::string(p[0]) + std::string(p[1]));
    CHEMSAFE_ASSIGN_OR_RETURN(id.serial, Gs1Text(p[2], "the serial", 16));
  } else if (StartsWith(text, kGiaiUrn)) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto p, parts_after(kGiaiUrn, 2));
    CHEMSAFE_RETURN_IF_ERROR(CheckCompanyAndReference(p[0], "", p[0].size(), "company prefix"));
    CHEMSAFE_ASSIGN_OR_RETURN(std::string asset, Gs1Text(p[1], "the asset reference", 30 - p[0].size()));
    id.kind = IdKind::kGiai;
    id.key = std::string(p[0]) + asset;
  } else if (StartsWith(text, kGsrnUrn)) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto p, parts_after(kGsrnUrn, 2));
    CHEMSAFE_RETURN_IF_ERROR(CheckCompanyAndReference(p[0], p[1], 17, "service reference"));
    id.kind = IdKind::kGsrn;
    id.key = WithCheckDigit(std::string(p[0]) + std::string(p[1]));
  } else {
    return InvalidArgument(
        "not an EPC URI this platform reads (sgtin, sscc, sgln, pgln, gdti, grai, giai, gsrn, lgtin, idpat:sgtin)");
  }
  return id;
}

// ---- GS1 Digital Link (URI Syntax 1.2) ----------------------------------------------------------------

bool IsPrimaryAi(std::string_view s) {
  return s == "01" || s == "00" || s == "414" || s == "417" || s == "253" || s == "8003" || s == "8004" || s == "8018";
}

// RFC 3986 §3.1: the scheme is case-insensitive.
bool IsHttpUrl(std::string_view s) {
  auto lower_prefix = [&](std::string_view p) {
    if (s.size() < p.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i) {
      const char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
      if (c != p[i]) return false;
    }
    return true;
  };
  return lower_prefix("https://") || lower_prefix("http://");
}

// The path segments of an http(s) URL, without query and fragment; nullopt when it is not one.
std::optional<std::vector<std::string_view>> UrlPath(std::string_view url) {
  if (!IsHttpUrl(url)) return std::nullopt;
  url = url.substr(url.find("//") + 2);
  url = url.substr(0, url.find_first_of("?#"));
  const std::size_t slash = url.find('/');
  if (slash == std::string_view::npos) return std::vector<std::string_view>{};
  std::vector<std::string_view> segments = Split(url.substr(slash + 1), '/');
  if (!segments.empty() && segments.back().empty()) segments.pop_back();  // a trailing '/'
  return segments;
}

// The index of the first path segment that is a primary GS1 AI followed by a value, or nullopt.
std::optional<std::size_t> PrimaryKeyIndex(const std::vector<std::string_view>& segments) {
  for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
    if (IsPrimaryAi(segments[i])) return i;
  }
  return std::nullopt;
}

Result<Identifier> ParseDigitalLinkPath(const std::vector<std::string_view>& seg) {
  Identifier id;
  const std::string_view ai = seg[0];
  auto decoded = [&](std::size_t i) { return PercentDecode(seg[i]); };
  auto shape = [&](std::string_view expected) {
    return InvalidArgument(fmt::format("a Digital Link path /{}/… is {}", ai, expected));
  };
  if (ai == "01") {
    CHEMSAFE_ASSIGN_OR_RETURN(std::string gtin, decoded(1));
    CHEMSAFE_ASSIGN_OR_RETURN(id.key, Gtin(gtin));
    // Key qualifiers (Digital Link 1.2): 10 then 21; the lot of a serialised item is an attribute,
    // not part of its key (TDS: SGTIN = GTIN + serial).
    if (seg.size() == 2) {
      id.kind = IdKind::kProductClass;
    } else if (seg.size() == 4 && seg[2] == "21") {
      id.kind = IdKind::kSgtin;
      CHEMSAFE_ASSIGN_OR_RETURN(id.serial, Gs1Text(seg[3], "the serial", 20));
    } else if (seg.size() == 4 && seg[2] == "10") {
      id.kind = IdKind::kLgtin;
      CHEMSAFE_ASSIGN_OR_RETURN(id.lot, Gs1Text(seg[3], "the lot", 20));
    } else if (seg.size() == 6 && seg[2] == "10" && seg[4] == "21") {
      id.kind = IdKind::kSgtin;
      CHEMSAFE_RETURN_IF_ERROR(Gs1Text(seg[3], "the lot", 20).status());
      CHEMSAFE_ASSIGN_OR_RETURN(id.serial, Gs1Text(seg[5], "the serial", 20));
    } else {
      return shape("/01/{gtin}, /01/{gtin}/21/{serial}, /01/{gtin}/10/{lot} or /01/{gtin}/10/{lot}/21/{serial}");
    }
  } else if (ai == "00") {
    if (seg.size() != 2) return shape("/00/{sscc}");
    CHEMSAFE_ASSIGN_OR_RETURN(std::string sscc, decoded(1));
    id.kind = IdKind::kSscc;
    CHEMSAFE_ASSIGN_OR_RETURN(id.key, Sscc(sscc));
  } else if (ai == "414") {
    if (!(seg.size() == 2 || (seg.size() == 4 && seg[2] == "254"))) return shape("/414/{gln}[/254/{extension}]");
    CHEMSAFE_ASSIGN_OR_RETURN(std::string gln, decoded(1));
    id.kind = IdKind::kSgln;
    CHEMSAFE_ASSIGN_OR_RETURN(id.key, Gln(gln));
    if (seg.size() == 4) {
      CHEMSAFE_ASSIGN_OR_RETURN(id.serial, Gs1Text(seg[3], "the extension", 20));
    }
  } else if (ai == "417") {
    if (seg.size() != 2) return shape("/417/{gln}");
    CHEMSAFE_ASSIGN_OR_RETURN(std::string gln, decoded(1));
    id.kind = IdKind::kPgln;
    CHEMSAFE_ASSIGN_OR_RETURN(id.key, Gln(gln));
  } else if (ai == "8003") {  // "0", GRAI-13, then an optional serial of up to 16 characters
    if (seg.size() != 2) return shape("/8003/{grai}");
    CHEMSAFE_ASSIGN_OR_RETURN(std::string value, decoded(1));
    if (value.size() < 14 || value[0] != '0') return InvalidArgument("a GRAI is '0' and 13 digits before its serial");
    id.kind = IdKind::kGrai;
    CHEMSAFE_ASSIGN_OR_RETURN(id.key, Gs1Key(std::string_view(value).substr(0, 14), "GRAI", {14}, 14));
    if (value.size() > 14) {
      CHEMSAFE_ASSIGN_OR_RETURN(id.serial, Gs1Text(std::string_view(value).substr(14), "the serial", 16));
    }
  } else if (ai == "8004") {
    if (seg.size() != 2) return shape("/8004/{giai}");
    id.kind = IdKind::kGiai;
    CHEMSAFE_ASSIGN_OR_RETURN(id.key, Gs1Text(seg[1], "the GIAI", 30));
    if (id.key[0] < '0' || id.key[0] > '9') return InvalidArgument("a GIAI starts with its company prefix");
  } else if (ai == "8018") {
    if (seg.size() != 2) return shape("/8018/{gsrn}");
    CHEMSAFE_ASSIGN_OR_RETURN(std::string gsrn, decoded(1));
    id.kind = IdKind::kGsrn;
    CHEMSAFE_ASSIGN_OR_RETURN(id.key, Gs1Key(gsrn, "GSRN", {18}, 18));
  } else {  // 253: GDTI-13 followed by an optional serial of up to 17 characters
    if (seg.size() != 2) return shape("/253/{gdti}");
    CHEMSAFE_ASSIGN_OR_RETURN(std::string value, decoded(1));
    if (value.size() < 13) return InvalidArgument("a GDTI has 13 digits before its serial");
    id.kind = IdKind::kGdti;
    CHEMSAFE_ASSIGN_OR_RETURN(id.key, Gs1Key(std::string_view(value).substr(0, 13), "GDTI", {13}, 13));
    if (value.size() > 13) {
      CHEMSAFE_ASSIGN_OR_RETURN(id.serial, Gs1Text(std::string_view(value).substr(13), "the serial", 17));
    }
  }
  return id;
}

// ---- Platform identifiers -----------------------------------------------------------------------------

bool IsPlatformTextChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_';
}

Status CheckPlatformText(std::string_view s, std::string_view what) {
  if (s.empty() || s.size() > 32) {
    return InvalidArgument(fmt::format("{} has {} characters, not 1 to 32", what, s.size()));
  }
  for (char c : s) {
    if (!IsPlatformTextChar(c)) {
      return InvalidArgument(fmt::format("{} holds '{}'; it takes A-Z a-z 0-9 - . _", what, c));
    }
  }
  return Status::Ok();
}

Result<std::string> CheckedUscc(std::string_view s) {
  auto uscc = Uscc::Parse(s);
  if (!uscc.ok()) return InvalidArgument(fmt::format("the USCC: {}", uscc.status().message()));
  if (uscc->str() != s && uscc->str().size() != s.size()) {  // Parse trims spaces; an id has none
    return InvalidArgument(fmt::format("the USCC '{}' has spaces", s));
  }
  return uscc->str();
}

// The catalogue key of a lot: a CAS number with a valid check digit, or a 危险化学品目录 (2015) entry
// number 1-9999.
Result<std::string> CheckedProduct(std::string_view s) {
  if (IsDigits(s) && s.size() <= 4 && s[0] != '0') return std::string(s);
  auto cas = Cas::Parse(s);
  if (!cas.ok()) {
    return InvalidArgument(
        fmt::format("the product '{}' is neither a CAS number nor a catalogue entry number: {}", s,
                    cas.status().message()));
  }
  return cas->str();
}

// GA 36-2018: 省、自治区、直辖市 abbreviation, the issuing authority's letter, 5 characters (6 for a new-energy
// vehicle) of A-Z 0-9; a trailer's plate has 4 and ends in "挂".
Result<std::string> CheckedPlate(std::string_view plate) {
  static constexpr std::array<std::string_view, 31> kProvinces = {
      "京", "津", "沪", "渝", "冀", "豫", "云", "辽", "黑", "湘", "皖", "鲁", "新", "苏", "浙", "赣",
      "鄂", "桂", "甘", "晋", "蒙", "陕", "吉", "闽", "贵", "粤", "青", "藏", "川", "宁", "琼"};
  constexpr std::string_view kTrailer = "挂";
  auto bad = [&](std::string_view why) {
    return InvalidArgument(fmt::format("the plate '{}' {}", plate, why));
  };
  bool province = false;
  for (std::string_view p : kProvinces) {
    if (StartsWith(plate, p)) province = true;
  }
  if (!province) return bad("does not start with a province abbreviation (粤, 京, …)");
  std::string rest(plate.substr(3));  // each abbreviation is 3 bytes of UTF-8
  const bool trailer = rest.size() >= kTrailer.size() && rest.substr(rest.size() - kTrailer.size()) == kTrailer;
  if (trailer) rest.resize(rest.size() - kTrailer.size());
  for (char& c : rest) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (rest.empty() || rest[0] < 'A' || rest[0] > 'Z') return bad("has no authority letter after the province");
  if (trailer ? rest.size() != 5 : (rest.size() != 6 && rest.size() != 7)) {
    return bad(trailer ? "has not 4 characters between the authority letter and 挂"
                       : "has not 5 or 6 characters after the authority letter");
  }
  for (char c : rest) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return bad("holds a character other than A-Z 0-9");
  }
  return std::string(plate.substr(0, 3)) + rest + (trailer ? std::string(kTrailer) : std::string());
}

Result<Identifier> ParsePlatformUrn(std::string_view text) {
  Identifier id;
  if (StartsWith(text, kContainerUrn) || StartsWith(text, kLocationUrn)) {
    const bool container = StartsWith(text, kContainerUrn);
    const std::string_view rest = text.substr((container ? kContainerUrn : kLocationUrn).size());
    const std::size_t dot = rest.find('.');
    if (dot == std::string_view::npos) {
      return InvalidArgument(container ? "a container id is <USCC>.<serial>" : "a location id is <USCC>.<site code>");
    }
    id.kind = container ? IdKind::kPlatformContainer : IdKind::kPlatformLocation;
    CHEMSAFE_ASSIGN_OR_RETURN(id.key, CheckedUscc(rest.substr(0, dot)));
    id.serial = std::string(rest.substr(dot + 1));
    CHEMSAFE_RETURN_IF_ERROR(CheckPlatformText(id.serial, container ? "the serial" : "the site code"));
  } else if (StartsWith(text, kLotUrn)) {
    const std::string_view rest = text.substr(kLotUrn.size());
    const std::size_t dot1 = rest.find('.');
    const std::size_t dot2 = dot1 == std::string_view::npos ? dot1 : rest.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos) return InvalidArgument("a lot class id is <USCC>.<product>.<lot>");
    id.kind = IdKind::kPlatformLot;
    CHEMSAFE_ASSIGN_OR_RETURN(id.key, CheckedUscc(rest.substr(0, dot1)));
    CHEMSAFE_ASSIGN_OR_RETURN(id.product, CheckedProduct(rest.substr(dot1 + 1, dot2 - dot1 - 1)));
    id.lot = std::string(rest.substr(dot2 + 1));
    CHEMSAFE_RETURN_IF_ERROR(CheckPlatformText(id.lot, "the lot"));
  } else if (StartsWith(text, kVehicleUrn)) {
    CHEMSAFE_ASSIGN_OR_RETURN(std::string plate, PercentDecode(text.substr(kVehicleUrn.size())));
    id.kind = IdKind::kPlatformVehicle;
    CHEMSAFE_ASSIGN_OR_RETURN(id.key, CheckedPlate(plate));
  } else if (StartsWith(text, kPartyUrn)) {
    id.kind = IdKind::kPlatformParty;
    CHEMSAFE_ASSIGN_OR_RETURN(id.key, CheckedUscc(text.substr(kPartyUrn.size())));
  } else {
    return InvalidArgument("not a platform identifier (urn:chemsafe:id:ctr, class:lot, loc, id:veh, party)");
  }
  return id;
}

bool IsPlatformUrn(std::string_view s) {
  for (std::string_view p : {kContainerUrn, kLotUrn, kLocationUrn, kVehicleUrn, kPartyUrn}) {
    if (StartsWith(s, p)) return true;
  }
  return false;
}

bool IsEpcUrn(std::string_view s) {
  return StartsWith(s, "urn:epc:id:") || StartsWith(s, "urn:epc:class:") || StartsWith(s, "urn:epc:idpat:");
}

Result<Identifier> ParseIdentifierNoContext(std::string_view text) {
  Result<Identifier> id = InvalidArgument("");
  if (IsEpcUrn(text)) {
    id = ParseEpcUri(text);
  } else if (IsPlatformUrn(text)) {
    id = ParsePlatformUrn(text);
  } else if (auto segments = UrlPath(text)) {
    const std::optional<std::size_t> at = PrimaryKeyIndex(*segments);
    if (!at) return InvalidArgument("a URL without a GS1 primary key (/01/, /00/, /414/, /417/, /253/) in its path");
    id = ParseDigitalLinkPath(std::vector<std::string_view>(segments->begin() + static_cast<std::ptrdiff_t>(*at),
                                                            segments->end()));
  } else {
    return InvalidArgument("not an EPC URI, a GS1 Digital Link or a platform identifier");
  }
  if (!id.ok()) return id;
  SetCanonical(*id);
  return id;
}

Result<std::string> TrimmedBase(std::string_view base_url) {
  if (!IsHttpUrl(base_url) || base_url.find_first_of("?# ") != std::string_view::npos) {
    return InvalidArgument(fmt::format("the base URL '{}' is not an http(s) URL without query", base_url));
  }
  while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
  return std::string(base_url);
}

}  // namespace

Result<int> Gs1CheckDigit(std::string_view digits) {
  if (!IsDigits(digits)) return InvalidArgument(fmt::format("'{}' is not a string of digits", digits));
  int sum = 0;
  int weight = 3;  // the rightmost digit before the check digit has weight 3
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    sum += (*it - '0') * weight;
    weight = 4 - weight;
  }
  return (10 - sum % 10) % 10;
}

Result<std::string> ParseGtin(std::string_view text) {
  auto r = Gtin(text);
  if (!r.ok()) return r.status().WithContext(text);
  return r;
}

Result<std::string> ParseSscc(std::string_view text) {
  auto r = Sscc(text);
  if (!r.ok()) return r.status().WithContext(text);
  return r;
}

Result<std::string> ParseGln(std::string_view text) {
  auto r = Gln(text);
  if (!r.ok()) return r.status().WithContext(text);
  return r;
}

bool IsClassKind(IdKind kind) {
  return kind == IdKind::kLgtin || kind == IdKind::kProductClass || kind == IdKind::kPlatformLot;
}

Result<Identifier> ParseIdentifier(std::string_view text) {
  auto id = ParseIdentifierNoContext(text);
  if (!id.ok()) return id.status().WithContext(text);
  return id;
}

Result<std::string> CanonicalIdentifier(std::string_view text) {
  CHEMSAFE_ASSIGN_OR_RETURN(Identifier id, ParseIdentifier(text));
  return std::move(id.canonical);
}

Result<std::string> CanonicalUri(std::string_view text) {
  bool known = IsEpcUrn(text) || IsPlatformUrn(text);
  if (!known) {
    if (auto segments = UrlPath(text)) known = PrimaryKeyIndex(*segments).has_value();
  }
  if (known) return CanonicalIdentifier(text);
  // RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ':'.
  const std::size_t colon = text.find(':');
  bool scheme = colon != std::string_view::npos && colon > 0 &&
                ((text[0] >= 'a' && text[0] <= 'z') || (text[0] >= 'A' && text[0] <= 'Z'));
  for (std::size_t i = 0; scheme && i < colon; ++i) {
    const char c = text[i];
    scheme = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
             c == '.';
  }
  if (!scheme || colon + 1 == text.size() || text.find_first_of(" \t\r\n") != std::string_view::npos) {
    return InvalidArgument(fmt::format("{}: not a URI", text));
  }
  return std::string(text);
}

Result<std::string> ToEpcUri(std::string_view identifier, int company_prefix_length) {
  CHEMSAFE_ASSIGN_OR_RETURN(Identifier id, ParseIdentifier(identifier));
  if (company_prefix_length < 6 || company_prefix_length > 12) {
    return InvalidArgument(fmt::format("{}: a GS1 company prefix has 6 to 12 digits, not {}", identifier,
                                       company_prefix_length));
  }
  const auto n = static_cast<std::size_t>(company_prefix_length);
  auto epc_text = [](std::string_view s) { return PercentEncode(s, KeptInEpcUri); };
  auto gtin_parts = [&] {
    const std::string_view g = id.key;
    return fmt::format("{}.{}{}", g.substr(1, n), g.substr(0, 1), g.substr(1 + n, 12 - n));
  };
  const std::string_view k = id.key;
  switch (id.kind) {
    case IdKind::kSgtin: return fmt::format("{}{}.{}", kSgtinUrn, gtin_parts(), epc_text(id.serial));
    case IdKind::kLgtin: return fmt::format("{}{}.{}", kLgtinUrn, gtin_parts(), epc_text(id.lot));
    case IdKind::kProductClass: return fmt::format("{}{}.*", kSgtinPatternUrn, gtin_parts());
    case IdKind::kSscc:
      return fmt::format("{}{}.{}{}", kSsccUrn, k.substr(1, n), k.substr(0, 1), k.substr(1 + n, 16 - n));
    case IdKind::kSgln:
      return fmt::format("{}{}.{}.{}", kSglnUrn, k.substr(0, n), k.substr(n, 12 - n),
                         id.serial.empty() ? std::string("0") : epc_text(id.serial));
    case IdKind::kPgln: return fmt::format("{}{}.{}", kPglnUrn, k.substr(0, n), k.substr(n, 12 - n));
    case IdKind::kGdti:
      return fmt::format("{}{}.{}.{}", kGdtiUrn, k.substr(0, n), k.substr(n, 12 - n), epc_text(id.serial));
    case IdKind::kGrai:
      return fmt::format("{}{}.{}.{}", kGraiUrn, k.substr(1, n), k.substr(1 + n, 12 - n), epc_text(id.serial));
    case IdKind::kGiai:
      if (k.size() <= n) break;
      return fmt::format("{}{}.{}", kGiaiUrn, k.substr(0, n), epc_text(k.substr(n)));
    case IdKind::kGsrn: return fmt::format("{}{}.{}", kGsrnUrn, k.substr(0, n), k.substr(n, 17 - n));
    default: break;
  }
  return InvalidArgument(fmt::format("{}: a platform identifier has no EPC URI, nor a GIAI shorter than {} digits",
                                     identifier, company_prefix_length));
}

Result<std::string> PlatformContainerId(std::string_view uscc, std::string_view serial) {
  return CanonicalIdentifier(fmt::format("{}{}.{}", kContainerUrn, uscc, serial));
}

Result<std::string> PlatformLotId(std::string_view uscc, std::string_view product, std::string_view lot) {
  return CanonicalIdentifier(fmt::format("{}{}.{}.{}", kLotUrn, uscc, product, lot));
}

Result<std::string> PlatformLocationId(std::string_view uscc, std::string_view site_code) {
  return CanonicalIdentifier(fmt::format("{}{}.{}", kLocationUrn, uscc, site_code));
}

Result<std::string> PlatformVehicleId(std::string_view plate) {
  return CanonicalIdentifier(fmt::format("{}{}", kVehicleUrn, plate));
}

Result<std::string> PlatformDigitalLink(std::string_view platform_id, std::string_view base_url) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::string base, TrimmedBase(base_url));
  CHEMSAFE_ASSIGN_OR_RETURN(Identifier id, ParseIdentifier(platform_id));
  if (id.kind == IdKind::kPlatformContainer) return fmt::format("{}/t/ctr/{}/{}", base, id.key, id.serial);
  if (id.kind == IdKind::kPlatformLot) return fmt::format("{}/t/lot/{}/{}/{}", base, id.key, id.product, id.lot);
  return InvalidArgument(fmt::format("{}: only platform container and lot ids have a Digital Link form", platform_id));
}

Result<std::string> ParsePlatformDigitalLink(std::string_view url, std::string_view base_url) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::string base, TrimmedBase(base_url));
  const std::string prefix = base + "/t/";
  if (!StartsWith(url, prefix)) return InvalidArgument(fmt::format("{}: not under {}", url, prefix));
  std::string_view path = url.substr(prefix.size());
  path = path.substr(0, path.find_first_of("?#"));
  const std::vector<std::string_view> seg = Split(path, '/');
  Result<std::string> id = InvalidArgument("");
  if (seg.size() == 3 && seg[0] == "ctr") {
    id = PlatformContainerId(seg[1], seg[2]);
  } else if (seg.size() == 4 && seg[0] == "lot") {
    id = PlatformLotId(seg[1], seg[2], seg[3]);
  } else {
    return InvalidArgument(
        fmt::format("{}: the path is not /t/ctr/<USCC>/<serial> or /t/lot/<USCC>/<product>/<lot>", url));
  }
  if (!id.ok()) return InvalidArgument(fmt::format("{}: {}", url, id.status().message()));
  return id;
}

}  // namespace chemsafe::trace
