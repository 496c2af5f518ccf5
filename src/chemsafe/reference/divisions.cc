#include "chemsafe/reference/divisions.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "chemsafe/tabular/table_reader.h"

namespace chemsafe::reference {
namespace {

struct LevelFile {
  const char* file;
  int level;
  size_t code_len;
  std::vector<std::string_view> header;  // the columns the file must start with
  int parent_column;                     // -1: no parent (provinces)
};

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Status LoadLevel(const std::string& dir, const LevelFile& lf, DivisionTable& table) {
  const std::string path = dir + "/" + lf.file;
  CHEMSAFE_ASSIGN_OR_RETURN(auto reader, tabular::OpenCsv(path));
  tabular::Row row;
  bool header_seen = false;
  size_t rows = 0;
  while (true) {
    CHEMSAFE_ASSIGN_OR_RETURN(bool more, reader->Next(row));
    if (!more) break;
    auto where = [&](std::string_view what) {
      return InvalidArgument(fmt::format("{}:{}: {}", path, row.number, what));
    };
    if (!header_seen) {
      header_seen = true;
      for (size_t i = 0; i < lf.header.size(); ++i) {
        if (i >= row.cells.size() || row.cells[i] != lf.header[i]) {
          return where(fmt::format("expected header column {} to be \"{}\"", i + 1, lf.header[i]));
        }
      }
      continue;
    }
    if (row.cells.size() < lf.header.size()) {
      return where(fmt::format("expected {} columns, got {}", lf.header.size(), row.cells.size()));
    }
    Division d;
    d.code = row.cells[0];
    d.name = row.cells[1];
    d.level = lf.level;
    if (!AllDigits(d.code) || d.code.size() != lf.code_len) {
      return where(fmt::format("code \"{}\" must have {} digits", d.code, lf.code_len));
    }
    if (d.name.empty()) return where(fmt::format("division {} has no name", d.code));
    if (lf.parent_column >= 0) {
      d.parent_code = row.cells[static_cast<size_t>(lf.parent_column)];
      if (table.Find(d.parent_code) == nullptr) {
        return where(fmt::format("parent \"{}\" of {} is not a known division", d.parent_code, d.code));
      }
      if (d.code.compare(0, d.parent_code.size(), d.parent_code) != 0) {
        return where(fmt::format("code {} does not start with its parent's code {}", d.code, d.parent_code));
      }
    }
    if (table.Find(d.code) != nullptr) return where(fmt::format("duplicate code {}", d.code));
    table.Add(std::move(d));
    ++rows;
  }
  if (rows == 0) return InvalidArgument(fmt::format("{}: no rows", path));
  return Status::Ok();
}

}  // namespace

Result<DivisionTable> LoadDivisionTable(const std::string& data_dir) {
  const std::string dir = data_dir + "/admin_divisions";
  // Parents first: each level's rows refer to the level above (data/PROVENANCE.md §2 column layout).
  const std::array<LevelFile, 4> files = {{
      {"provinces.csv", 1, 2, {"code", "name"}, -1},
      {"cities.csv", 2, 4, {"code", "name", "provinceCode"}, 2},
      {"areas.csv", 3, 6, {"code", "name", "cityCode", "provinceCode"}, 2},
      {"streets.csv", 4, 9, {"code", "name", "areaCode", "provinceCode", "cityCode"}, 2},
  }};
  DivisionTable table;
  for (const LevelFile& lf : files) CHEMSAFE_RETURN_IF_ERROR(LoadLevel(dir, lf, table));
  return table;
}

}  // namespace chemsafe::reference
