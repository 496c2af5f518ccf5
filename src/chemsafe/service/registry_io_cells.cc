#include "chemsafe/service/registry_io_cells.h"

#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "chemsafe/core/quantity.h"
#include "chemsafe/tabular/table_reader.h"
#include "chemsafe/tabular/table_writer.h"

namespace chemsafe::service::io {

std::string_view TrimCell(std::string_view s) {
  while (true) {
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
      s.remove_prefix(1);
    } else if (s.starts_with("\xE3\x80\x80")) {
      s.remove_prefix(3);
    } else {
      break;
    }
  }
  while (true) {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
      s.remove_suffix(1);
    } else if (s.ends_with("\xE3\x80\x80")) {
      s.remove_suffix(3);
    } else {
      break;
    }
  }
  return s;
}

bool IsBlank(const std::vector<std::string>& cells) {
  for (const auto& c : cells) {
    if (!TrimCell(c).empty()) return false;
  }
  return true;
}

namespace {
void Split(std::string_view text, std::vector<std::string_view>& out, bool commas) {
  out.clear();
  std::size_t start = 0, i = 0;
  auto flush = [&](std::size_t end) {
    std::string_view item = TrimCell(text.substr(start, end - start));
    if (!item.empty()) out.push_back(item);
  };
  while (i < text.size()) {
    std::string_view rest = text.substr(i);
    std::size_t sep = 0;
    if (rest[0] == ';' || rest[0] == '\n' || (commas && rest[0] == ',')) {
      sep = 1;
    } else if (rest.starts_with("\xEF\xBC\x9B")) {  // ；
      sep = 3;
    } else if (commas && (rest.starts_with("\xE3\x80\x81") || rest.starts_with("\xEF\xBC\x8C"))) {  // 、 ，
      sep = 3;
    }
    if (sep > 0) {
      flush(i);
      i += sep;
      start = i;
    } else {
      ++i;
    }
  }
  flush(text.size());
}
}  // namespace

void SplitList(std::string_view text, std::vector<std::string_view>& out) { Split(text, out, true); }
void SplitParallel(std::string_view text, std::vector<std::string_view>& out) { Split(text, out, false); }

bool StartsNegative(std::string_view text) {
  text = TrimCell(text);
  return text.starts_with('-') || text.starts_with("\xE2\x88\x92") || text.starts_with("\xEF\xBC\x8D");
}

std::optional<double> PlainNumber(std::string_view text) {
  // At most 30 digits: always finite, as ParseNumber requires.
  if (text.empty() || text.size() > 30) return std::nullopt;
  std::size_t dot = std::string_view::npos;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && dot == std::string_view::npos && i > 0 && i + 1 < text.size()) {
      dot = i;
    } else if (c < '0' || c > '9') {
      return std::nullopt;
    }
  }
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<double> PlainMassTonnes(std::string_view text, MassUnit default_unit) {
  std::size_t n = 0;
  while (n < text.size() && ((text[n] >= '0' && text[n] <= '9') || text[n] == '.')) ++n;
  auto v = PlainNumber(text.substr(0, n));
  if (!v) return std::nullopt;
  std::string_view unit = text.substr(n);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  // The units and factors of ParseQuantity (core/quantity.cc).
  if (unit.empty()) return default_unit == MassUnit::kKilogram ? *v / 1000.0 : *v;
  if (unit == "t" || unit == "吨" || unit == "tonne" || unit == "tonnes" || unit == "公吨") return *v;
  if (unit == "kg" || unit == "千克" || unit == "公斤") return *v / 1000.0;
  return std::nullopt;
}

namespace {
char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

Result<double> ParseNumberWithUnit(std::string_view text, std::initializer_list<UnitSuffix> suffixes) {
  text = TrimCell(text);
  double factor = 1;
  for (const auto& s : suffixes) {
    if (text.size() >= s.suffix.size()) {
      std::string_view tail = text.substr(text.size() - s.suffix.size());
      bool same = true;
      for (std::size_t i = 0; i < tail.size(); ++i) {
        if (AsciiLower(tail[i]) != AsciiLower(s.suffix[i])) {
          same = false;
          break;
        }
      }
      if (same) {
        text = TrimCell(text.substr(0, text.size() - s.suffix.size()));
        factor = s.factor;
        break;
      }
    }
  }
  bool negative = false;
  if (StartsNegative(text)) {
    negative = true;
    text.remove_prefix(text.starts_with('-') ? 1 : 3);
  }
  if (auto plain = PlainNumber(text)) return (negative ? -*plain : *plain) * factor;
  auto v = ParseNumber(text);
  if (!v.ok()) return v.status();
  return (negative ? -*v : *v) * factor;
}

Result<std::string> ParseDateCell(std::string_view text) {
  text = TrimCell(text);
  auto bad = [&] { return InvalidArgument(fmt::format("\"{}\" is not a date (YYYY-MM-DD)", text)); };
  if (text.empty()) return bad();
  bool all_number = text.find_first_not_of("0123456789.") == std::string_view::npos &&
                    text.find('.') == text.rfind('.');
  if (all_number && text.size() <= 7) {  // an Excel serial day number, e.g. 45292
    double serial = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), serial);
    if (ec != std::errc() || p != text.data() + text.size()) return bad();
    return tabular::ExcelSerialToIsoDate(serial);
  }
  int parts[3] = {0, 0, 0};
  int n = 0;
  std::size_t i = 0;
  while (i < text.size() && n < 3) {
    std::size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == start) return bad();
    std::from_chars(text.data() + start, text.data() + i, parts[n++]);
    std::string_view rest = text.substr(i);
    if (rest.empty()) break;
    if (rest[0] == '-' || rest[0] == '/' || rest[0] == '.') {
      ++i;
    } else if (rest.starts_with("年") || rest.starts_with("月") || rest.starts_with("日")) {
      i += 3;
    } else {
      return bad();
    }
  }
  if (n != 3 || i != text.size() || parts[0] < 1900 || parts[0] > 9999) return bad();
  return fmt::format("{:04}-{:02}-{:02}", parts[0], parts[1], parts[2]);
}

Result<Polygon> ParseWktPolygon(std::string_view text) {
  text = TrimCell(text);
  auto bad = [&](std::string_view why) {
    return InvalidArgument(fmt::format("not a WKT polygon ({}): expected POLYGON((lon lat, lon lat, ...))", why));
  };
  std::string upper;
  for (std::size_t k = 0; k < std::min<std::size_t>(text.size(), 7); ++k) {
    upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(text[k]))));
  }
  if (upper != "POLYGON") return bad("no POLYGON keyword");
  std::size_t i = 7;
  auto skip = [&] { while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i; };
  auto expect = [&](char c) {
    skip();
    if (i < text.size() && text[i] == c) { ++i; return true; }
    return false;
  };
  auto number = [&](double& out) {
    skip();
    auto [p, ec] = std::from_chars(text.data() + i, text.data() + text.size(), out);
    if (ec != std::errc()) return false;
    i = static_cast<std::size_t>(p - text.data());
    return true;
  };
  Polygon poly;
  if (!expect('(')) return bad("missing (");
  do {
    if (!expect('(')) return bad("missing ( of a ring");
    std::vector<LonLat> ring;
    do {
      LonLat p;
      if (!number(p.lon_deg) || !number(p.lat_deg)) return bad("a point needs two numbers");
      ring.push_back(p);
    } while (expect(','));
    if (!expect(')')) return bad("missing ) of a ring");
    poly.rings.push_back(std::move(ring));
  } while (expect(','));
  if (!expect(')')) return bad("missing )");
  skip();
  if (i != text.size()) return bad("text after the polygon");
  return poly;
}

std::string WktPolygon(const Polygon& p) {
  std::string out = "POLYGON(";
  for (std::size_t r = 0; r < p.rings.size(); ++r) {
    if (r > 0) out += ", ";
    out += '(';
    for (std::size_t k = 0; k < p.rings[r].size(); ++k) {
      if (k > 0) out += ", ";
      out += tabular::NumberText(p.rings[r][k].lon_deg);
      out += ' ';
      out += tabular::NumberText(p.rings[r][k].lat_deg);
    }
    out += ')';
  }
  out += ')';
  return out;
}

}  // namespace chemsafe::service::io
