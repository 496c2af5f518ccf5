#include "chemsafe/core/quantity.h"

#include <charconv>
#include <cmath>
#include <string>

#include <fmt/format.h>

namespace chemsafe {
namespace {

// Decodes one UTF-8 code point starting at s[i]; returns it and advances i. Invalid bytes decode as
// U+FFFD one byte at a time (they then fail as "unexpected character").
char32_t NextCodePoint(std::string_view s, size_t& i) {
  auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = (b0 & 0xE0) == 0xC0 ? 2 : (b0 & 0xF0) == 0xE0 ? 3 : (b0 & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + static_cast<size_t>(len) > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 2 ? (b0 & 0x1Fu) : len == 3 ? (b0 & 0x0Fu) : (b0 & 0x07u);
  for (int k = 1; k < len; ++k) {
    auto b = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  i += static_cast<size_t>(len);
  return cp;
}

bool IsSpace(char32_t c) {
  // ASCII white space, NO-BREAK SPACE (Excel exports), NARROW NO-BREAK SPACE and IDEOGRAPHIC SPACE (CJK
  // input methods).
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0xA0 || c == 0x202F || c == 0x3000;
}

// Full-width forms (U+FF01..U+FF5E) map to ASCII by subtracting 0xFEE0 (Unicode, Halfwidth and Fullwidth
// Forms block); the ideographic full stop "。" is typed for "." by some input methods.
char32_t Narrow(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
  if (c == 0x3002) return U'.';
  return c;
}

std::string Quote(std::string_view s) { return fmt::format("\"{}\"", s); }

}  // namespace

Result<Tonnes> MassOf(CubicMetres volume, DensityTPerM3 density) {
  if (!(density.value > 0) || !std::isfinite(density.value)) {
    return InvalidArgument(fmt::format("density must be > 0 t/m³, got {}", density.value));
  }
  if (!std::isfinite(volume.value)) return InvalidArgument("volume must be a finite number");
  return Tonnes{volume.value * density.value};
}

Result<double> ParseNumber(std::string_view text) {
  // Normalise: narrow full-width characters, drop surrounding spaces, keep the rest as ASCII.
  std::string ascii;
  ascii.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t c = Narrow(NextCodePoint(text, i));
    if (IsSpace(c)) {
      ascii.push_back(' ');
    } else if (c < 0x80) {
      ascii.push_back(static_cast<char>(c));
    } else {
      return InvalidArgument(fmt::format("{} is not a number: unexpected character", Quote(text)));
    }
  }
  size_t b = ascii.find_first_not_of(' ');
  if (b == std::string::npos) return InvalidArgument("number is empty");
  size_t e = ascii.find_last_not_of(' ');
  std::string_view t = std::string_view(ascii).substr(b, e - b + 1);

  bool negative = false;
  if (t.front() == '+' || t.front() == '-') {
    negative = t.front() == '-';
    t.remove_prefix(1);
  }
  // Integer part with optional thousands separators ("," or a space) in groups of three, then an
  // optional fraction, then an optional exponent.
  std::string digits;
  size_t i = 0;
  int group_len = 0;
  bool grouped = false;
  while (i < t.size()) {
    char c = t[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
      ++group_len;
      ++i;
    } else if ((c == ',' || c == ' ') && !digits.empty()) {
      if ((grouped && group_len != 3) || (!grouped && group_len > 3)) {
        return InvalidArgument(fmt::format(
            "{} is not a number: thousands separators must separate groups of three digits", Quote(text)));
      }
      grouped = true;
      group_len = 0;
      ++i;
    } else {
      break;
    }
  }
  if (grouped && group_len != 3) {
    return InvalidArgument(fmt::format(
        "{} is not a number: thousands separators must separate groups of three digits", Quote(text)));
  }
  if (i < t.size() && t[i] == '.') {
    digits.push_back('.');
    ++i;
    size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') digits.push_back(t[i++]);
    if (i == start && digits.size() == 1) {
      return InvalidArgument(fmt::format("{} is not a number: no digits", Quote(text)));
    }
  }
  if (digits.empty()) return InvalidArgument(fmt::format("{} is not a number", Quote(text)));
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    size_t j = i + 1;
    std::string exp = "e";
    if (j < t.size() && (t[j] == '+' || t[j] == '-')) exp.push_back(t[j++]);
    size_t start = j;
    while (j < t.size() && t[j] >= '0' && t[j] <= '9') exp.push_back(t[j++]);
    if (j > start) {
      digits += exp;
      i = j;
    }
  }
  if (i != t.size()) {
    return InvalidArgument(fmt::format("{} is not a number: unexpected text {} after the digits", Quote(text),
                                       Quote(t.substr(i))));
  }
  double v = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || !std::isfinite(v)) {
    return InvalidArgument(fmt::format("{} is not a finite number", Quote(text)));
  }
  return negative ? -v : v;
}

Result<ParsedQuantity> ParseQuantity(std::string_view text, MassUnit default_unit) {
  // Split "<number><unit>": the unit is the trailing run of characters that cannot belong to a number.
  size_t split = text.size();
  {
    size_t i = 0;
    size_t last_numeric_end = 0;
    while (i < text.size()) {
      size_t at = i;
      char32_t c = Narrow(NextCodePoint(text, i));
      bool numeric = (c >= U'0' && c <= U'9') || c == U'.' || c == U',' || c == U'+' || c == U'-' || IsSpace(c);
      // An exponent "e" belongs to the number only when a digit or sign follows ("1e3", not "1 ea").
      if (!numeric && (c == U'e' || c == U'E') && last_numeric_end == at && i < text.size()) {
        size_t k = i;
        char32_t n = Narrow(NextCodePoint(text, k));
        numeric = (n >= U'0' && n <= U'9') || n == U'+' || n == U'-';
      }
      if (!numeric) {
        split = at;
        break;
      }
      last_numeric_end = i;
    }
  }
  std::string_view number_part = text.substr(0, split);
  std::string unit;
  for (size_t i = split; i < text.size();) {
    char32_t c = Narrow(NextCodePoint(text, i));
    if (IsSpace(c)) continue;
    if (c < 0x80) {
      unit.push_back(static_cast<char>(std::tolower(static_cast<int>(c))));
    } else {
      // Re-encode as UTF-8 (units such as 吨, 千克, 立方米, ³).
      if (c < 0x800) {
        unit.push_back(static_cast<char>(0xC0 | (c >> 6)));
        unit.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      } else if (c < 0x10000) {
        unit.push_back(static_cast<char>(0xE0 | (c >> 12)));
        unit.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        unit.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      } else {
        unit.push_back(static_cast<char>(0xF0 | (c >> 18)));
        unit.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        unit.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        unit.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      }
    }
  }
  if (number_part.find_first_not_of(" \t") == std::string_view::npos && !unit.empty()) {
    return InvalidArgument(fmt::format("quantity \"{}\" has no number before the unit", text));
  }
  auto number = ParseNumber(number_part);
  if (!number.ok()) {
    if (text.find_first_not_of(" \t") == std::string_view::npos) return InvalidArgument("quantity is empty");
    return InvalidArgument(fmt::format("quantity \"{}\": {}", text, number.status().message()));
  }
  double v = *number;
  if (v < 0) return InvalidArgument(fmt::format("quantity \"{}\" must not be negative", text));

  ParsedQuantity q;
  if (unit.empty()) {
    q.mass = Tonnes{default_unit == MassUnit::kKilogram ? v / 1000.0 : v};
  } else if (unit == "t" || unit == "吨" || unit == "tonne" || unit == "tonnes" || unit == "公吨") {
    q.mass = Tonnes{v};
  } else if (unit == "kg" || unit == "千克" || unit == "公斤") {
    q.mass = Tonnes{v / 1000.0};
  } else if (unit == "m³" || unit == "m3" || unit == "立方米" || unit == "立方" || unit == "方") {
    q.volume = CubicMetres{v};
  } else if (unit == "l" || unit == "升" || unit == "公升") {
    q.volume = CubicMetres{v / 1000.0};
  } else {
    return InvalidArgument(fmt::format(
        "quantity \"{}\" has an unknown unit \"{}\" (expected t, 吨, kg, 千克, 公斤, m³, m3, 立方米, L or 升)", text,
        unit));
  }
  return q;
}

}  // namespace chemsafe
