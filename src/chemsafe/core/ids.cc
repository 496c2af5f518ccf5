#include "chemsafe/core/ids.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

namespace chemsafe {
namespace {

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  return s;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// GB 32100-2015 §4.1 / Table 1: the 31 code characters, valued 0..30 in this order (I, O, Z, S, V are
// not used).
constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
// GB 32100-2015 §4.2: weights W_i = 3^(i-1) mod 31 for positions 1..17.
constexpr std::array<int, 17> kUsccWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

int UsccValue(char c) {
  auto pos = kUsccAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

std::string Printable(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02X}", static_cast<unsigned>(u));
}

}  // namespace

// ---------------------------------------------------------------------------------------------- Uscc

Result<char> Uscc::CheckCharacter(std::string_view first17) {
  if (first17.size() != 17) {
    return InvalidArgument(fmt::format("USCC needs 17 characters before the check character, got {}", first17.size()));
  }
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(first17[i])));
    int v = UsccValue(c);
    if (v < 0) {
      return InvalidArgument(fmt::format(
          "USCC has an invalid character {} at position {} (allowed: 0-9 and A-Z without I, O, Z, S, V)",
          Printable(first17[i]), i + 1));
    }
    sum += v * kUsccWeights[i];
  }
  // GB 32100-2015 §4.2: C18 = 31 - MOD(Σ Ci·Wi, 31); a result of 31 is written as 0.
  int check = 31 - sum % 31;
  if (check == 31) check = 0;
  return kUsccAlphabet[static_cast<size_t>(check)];
}

Result<Uscc> Uscc::Parse(std::string_view text) {
  std::string_view t = TrimAscii(text);
  if (t.empty()) return InvalidArgument("USCC is empty");
  std::string upper(t);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper.size() != 18) {
    return InvalidArgument(fmt::format("USCC must have 18 characters, got {} bytes", upper.size()));
  }
  for (size_t i = 0; i < 18; ++i) {
    if (UsccValue(upper[i]) < 0) {
      return InvalidArgument(fmt::format(
          "USCC has an invalid character {} at position {} (allowed: 0-9 and A-Z without I, O, Z, S, V)",
          Printable(upper[i]), i + 1));
    }
  }
  CHEMSAFE_ASSIGN_OR_RETURN(char expected, CheckCharacter(std::string_view(upper).substr(0, 17)));
  if (expected != upper[17]) {
    return InvalidArgument(
        fmt::format("USCC check character (position 18) expected '{}', got '{}'", expected, upper[17]));
  }
  return Uscc(std::move(upper));
}

// ----------------------------------------------------------------------------------------------- Cas

Result<Cas> Cas::Parse(std::string_view text) {
  std::string_view t = TrimAscii(text);
  if (t.empty()) return InvalidArgument("CAS number is empty");
  auto d1 = t.find('-');
  auto d2 = d1 == std::string_view::npos ? d1 : t.find('-', d1 + 1);
  if (d1 == std::string_view::npos || d2 == std::string_view::npos || t.find('-', d2 + 1) != std::string_view::npos) {
    return InvalidArgument(fmt::format("CAS number \"{}\" must have the form NNNNNNN-NN-N (three groups of digits)", t));
  }
  std::string_view a = t.substr(0, d1), b = t.substr(d1 + 1, d2 - d1 - 1), c = t.substr(d2 + 1);
  if (!AllDigits(a) || !AllDigits(b) || !AllDigits(c)) {
    return InvalidArgument(fmt::format("CAS number \"{}\" may contain only digits and two hyphens", t));
  }
  if (a.size() < 2 || a.size() > 7) {
    return InvalidArgument(fmt::format("CAS number \"{}\": first group must have 2 to 7 digits, got {}", t, a.size()));
  }
  if (b.size() != 2) {
    return InvalidArgument(fmt::format("CAS number \"{}\": second group must have 2 digits, got {}", t, b.size()));
  }
  if (c.size() != 1) {
    return InvalidArgument(fmt::format("CAS number \"{}\": check digit group must have 1 digit, got {}", t, c.size()));
  }
  if (a.size() > 1 && a[0] == '0') {
    return InvalidArgument(fmt::format("CAS number \"{}\": first group must not start with 0", t));
  }
  // CAS check digit: Σ i·d_i over the digits right to left (i = 1 for the last digit before the check
  // digit), mod 10.
  std::string digits = std::string(a) + std::string(b);
  int sum = 0;
  int weight = 1;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it, ++weight) sum += weight * (*it - '0');
  int check = sum % 10;
  if (check != c[0] - '0') {
    return InvalidArgument(fmt::format("CAS number \"{}\": check digit expected {}, got {}", t, check, c));
  }
  return Cas(std::string(t));
}

// ------------------------------------------------------------------------------------------ UnNumber

Result<UnNumber> UnNumber::Parse(std::string_view text) {
  std::string_view t = TrimAscii(text);
  if (t.size() >= 2 && (t[0] == 'U' || t[0] == 'u') && (t[1] == 'N' || t[1] == 'n')) {
    t.remove_prefix(2);
    t = TrimAscii(t);
  }
  if (t.empty()) return InvalidArgument("UN number is empty");
  if (t.size() != 4 || !AllDigits(t)) {
    return InvalidArgument(fmt::format("UN number \"{}\" must be four digits (e.g. 1005 or UN1005)", t));
  }
  int v = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  // UN Model Regulations (22nd rev.), Dangerous Goods List: numbers 0004..3599 are assigned.
  if (v < 4 || v > 3599) {
    return InvalidArgument(fmt::format("UN number {} is outside the assigned range 0004-3599", t));
  }
  return UnNumber(v);
}

std::string UnNumber::str() const { return fmt::format("{:04d}", value_); }

// ------------------------------------------------------------------------------------- DivisionTable

void DivisionTable::Add(Division d) {
  std::string code = d.code;
  auto [it, inserted] = by_code_.insert_or_assign(code, std::move(d));
  if (inserted && !it->second.parent_code.empty()) children_[it->second.parent_code].push_back(code);
}

const Division* DivisionTable::Find(std::string_view code) const {
  auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? nullptr : &it->second;
}

std::vector<const Division*> DivisionTable::Children(std::string_view code) const {
  std::vector<const Division*> out;
  auto it = children_.find(std::string(code));
  if (it == children_.end()) return out;
  for (const auto& c : it->second) {
    if (const Division* d = Find(c)) out.push_back(d);
  }
  std::sort(out.begin(), out.end(), [](const Division* x, const Division* y) { return x->code < y->code; });
  return out;
}

std::string DivisionTable::FullName(std::string_view code) const {
  std::vector<const Division*> chain;
  for (const Division* d = Find(code); d != nullptr && chain.size() < 8; d = Find(d->parent_code)) {
    chain.push_back(d);
    if (d->parent_code.empty()) break;
  }
  std::string out;
  std::string_view previous;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    // NBS statistical codes add a "市辖区" (districts under the municipality) city row for Beijing,
    // Tianjin, Shanghai and Chongqing; it is not part of a postal or official full name.
    if ((*it)->level == 2 && (*it)->name == "市辖区") continue;
    // Cities without counties (东莞市 4419, 中山市 4420) repeat the city as a pseudo-county (441900).
    if ((*it)->name == previous) continue;
    out += (*it)->name;
    previous = (*it)->name;
  }
  return out;
}

// -------------------------------------------------------------------------------------- DivisionCode

namespace {

// Natural-length code for a padded one: "440300" -> "4403", "440000" -> "44", "440305000000" -> "440305",
// "440305001000" -> "440305001". Returns the candidates to try, most specific first.
std::vector<std::string> DivisionCandidates(std::string_view t) {
  std::vector<std::string> out;
  if (t.size() == 2 || t.size() == 4 || t.size() == 9) {
    out.emplace_back(t);
  } else if (t.size() == 6) {
    out.emplace_back(t);  // a county ("440305"), or a pseudo-county such as Dongguan "441900"
    if (t.substr(4) == "00") {
      out.emplace_back(t.substr(0, 4));
      if (t.substr(2, 2) == "00") out.emplace_back(t.substr(0, 2));
    }
  } else if (t.size() == 12) {
    if (t.substr(9) != "000") return out;  // village level: not in the table
    if (t.substr(6, 3) != "000") {
      out.emplace_back(t.substr(0, 9));
    } else {
      return DivisionCandidates(t.substr(0, 6));
    }
  }
  return out;
}

}  // namespace

Result<DivisionCode> DivisionCode::Parse(std::string_view text, const DivisionTable& table) {
  std::string_view t = TrimAscii(text);
  if (t.empty()) return InvalidArgument("division code is empty");
  if (!AllDigits(t)) return InvalidArgument(fmt::format("division code \"{}\" must contain only digits", t));
  if (t.size() != 2 && t.size() != 4 && t.size() != 6 && t.size() != 9 && t.size() != 12) {
    return InvalidArgument(
        fmt::format("division code \"{}\" must have 2, 4, 6, 9 or 12 digits, got {}", t, t.size()));
  }
  if (t.size() == 12 && t.substr(9) != "000") {
    return InvalidArgument(fmt::format(
        "division code \"{}\" is a village-level code; only province, city, county and township codes are known", t));
  }
  for (const std::string& c : DivisionCandidates(t)) {
    if (table.Find(c) != nullptr) return DivisionCode(c);
  }
  return InvalidArgument(fmt::format("division code \"{}\" does not exist in the division table", t));
}

int DivisionCode::level() const {
  switch (value_.size()) {
    case 2: return 1;
    case 4: return 2;
    case 6: return 3;
    default: return 4;
  }
}

bool DivisionCode::IsWithin(const DivisionCode& other) const {
  return value_.size() >= other.value_.size() && value_.compare(0, other.value_.size(), other.value_) == 0;
}

}  // namespace chemsafe
