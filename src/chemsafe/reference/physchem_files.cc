#include "chemsafe/reference/physchem_files.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "chemsafe/core/ids.h"

namespace chemsafe::reference {

Result<std::map<std::string, physchem::Dippr101>> LoadDippr101VaporPressures(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(fmt::format("{}: cannot open", path));
  static constexpr std::string_view kHeader[] = {"CAS", "Chemical", "C1", "C2", "C3", "C4", "C5", "Tmin", "Tmax"};
  std::map<std::string, physchem::Dippr101> out;
  std::string line;
  std::vector<std::string_view> cells;
  for (int row = 1; std::getline(in, line); ++row) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    cells.clear();
    for (std::size_t begin = 0;;) {
      const std::size_t tab = line.find('\t', begin);
      cells.emplace_back(std::string_view(line).substr(begin, tab == std::string::npos ? std::string::npos : tab - begin));
      if (tab == std::string::npos) break;
      begin = tab + 1;
    }
    if (row == 1) {
      for (std::size_t i = 0; i < std::size(kHeader); ++i) {
        if (i >= cells.size() || cells[i] != kHeader[i]) {
          return InvalidArgument(fmt::format("{}:1:{}: header: expected \"{}\"", path, i + 1, kHeader[i]));
        }
      }
      continue;
    }
    if (line.empty()) continue;
    if (cells.size() != std::size(kHeader)) {
      return InvalidArgument(fmt::format("{}:{}: {} cells, expected {}", path, row, cells.size(), std::size(kHeader)));
    }
    auto cas = Cas::Parse(cells[0]);
    if (!cas.ok()) return InvalidArgument(fmt::format("{}:{}:1: CAS: {}", path, row, cas.status().message()));
    double v[7];
    for (std::size_t i = 0; i < 7; ++i) {
      const std::string_view cell = cells[i + 2];
      const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v[i]);
      if (ec != std::errc() || end != cell.data() + cell.size() || !std::isfinite(v[i])) {
        return InvalidArgument(fmt::format("{}:{}:{}: {}: \"{}\" is not a number", path, row, i + 3, kHeader[i + 2], cell));
      }
    }
    if (!(v[5] > 0 && v[6] > v[5])) {
      return InvalidArgument(fmt::format("{}:{}:8: Tmin, Tmax: need 0 < Tmin < Tmax", path, row));
    }
    out[cas->str()] = physchem::Dippr101{v[0], v[1], v[2], v[3], v[4], v[5], v[6]};
  }
  if (out.empty()) return InvalidArgument(fmt::format("{}: no rows", path));
  return out;
}

}  // namespace chemsafe::reference
