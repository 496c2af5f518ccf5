#include "chemsafe/inspect/checklist_file.h"

#include <fstream>
#include <iterator>

#include <filesystem>
#include <map>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "chemsafe/tabular/table_reader.h"

namespace chemsafe::inspect {
namespace {

constexpr std::string_view kRequired[] = {"code", "text_zh"};

struct Columns {
  std::map<std::string, std::size_t, std::less<>> index;
  std::optional<std::size_t> Find(std::string_view name) const {
    auto it = index.find(name);
    if (it == index.end()) return std::nullopt;
    return it->second;
  }
};

std::string CellAt(const tabular::Row& row, std::optional<std::size_t> i) {
  if (!i || *i >= row.cells.size()) return {};
  return row.cells[*i];
}

}  // namespace

Result<Checklist> LoadChecklist(const std::string& path) {
  CHEMSAFE_ASSIGN_OR_RETURN(auto reader, tabular::OpenCsv(path));
  Checklist out;
  out.code = std::filesystem::path(path).stem().string();
  out.name = out.code;
  Columns cols;
  bool header = true;
  std::map<std::string, int> first_row_of_code;
  tabular::Row row;
  auto error = [&](int row_number, std::size_t column, std::string_view what) {
    return InvalidArgument(fmt::format("{}:{}:{}: {}", path, row_number, column + 1, what));
  };
  for (;;) {
    CHEMSAFE_ASSIGN_OR_RETURN(bool more, reader->Next(row));
    if (!more) break;
    if (header) {
      header = false;
      for (std::size_t i = 0; i < row.cells.size(); ++i) {
        if (!cols.index.emplace(row.cells[i], i).second) {
          return error(row.number, i, fmt::format("column \"{}\" appears twice in the header", row.cells[i]));
        }
      }
      for (std::string_view name : kRequired) {
        if (!cols.Find(name)) {
          return InvalidArgument(fmt::format("{}:{}: no column \"{}\" in the header", path, row.number, name));
        }
      }
      continue;
    }
    const std::size_t code_col = *cols.Find("code");
    const std::size_t text_col = *cols.Find("text_zh");
    ChecklistItem item;
    item.code = CellAt(row, code_col);
    if (item.code.empty()) return error(row.number, code_col, "code is empty");
    auto [it, inserted] = first_row_of_code.emplace(item.code, row.number);
    if (!inserted) {
      return error(row.number, code_col, fmt::format("code \"{}\" already used on row {}", item.code, it->second));
    }
    item.text_zh = CellAt(row, text_col);
    if (item.text_zh.empty()) return error(row.number, text_col, "text_zh is empty");
    item.text_en = CellAt(row, cols.Find("text_en"));
    item.basis = CellAt(row, cols.Find("basis"));
    item.source = CellAt(row, cols.Find("source"));
    if (auto v = cols.Find("verified")) {
      const std::string text = CellAt(row, v);
      if (text == "V") {
        item.verification = Verification::kVerified;
      } else if (text == "U" || text.empty()) {
        item.verification = Verification::kUnverified;
      } else {
        return error(row.number, *v, fmt::format("verified is \"{}\", expected V or U", text));
      }
    }
    out.items.push_back(std::move(item));
  }
  if (header) return InvalidArgument(fmt::format("{}: empty file", path));
  if (out.items.empty()) return InvalidArgument(fmt::format("{}: no items", path));
  return out;
}

Result<Checklist> LoadMajorHiddenHazardCriteria(const std::string& data_dir) {
  const std::string path = data_dir + "/inspect/major_hidden_hazard_criteria.csv";
  CHEMSAFE_ASSIGN_OR_RETURN(Checklist list, LoadChecklist(path));
  if (list.items.size() != static_cast<std::size_t>(kMajorHiddenHazardCriteria)) {
    return InvalidArgument(fmt::format("{}: {} items, 安监总管三〔2017〕121号 has {}", path, list.items.size(),
                                       kMajorHiddenHazardCriteria));
  }
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    if (list.items[i].code != std::to_string(i + 1)) {
      return InvalidArgument(fmt::format("{}: item {} has code \"{}\", expected {} (codes 1..{} in order)", path, i + 1,
                                         list.items[i].code, i + 1, kMajorHiddenHazardCriteria));
    }
  }
  list.code = std::string(kMajorHiddenHazardChecklist);
  list.name = std::string(kMajorHiddenHazardChecklistName);
  return list;
}

Result<FrequencyTable> LoadInspectionFrequencies(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return ParseInspectionFrequencies(text, path);
}

}  // namespace chemsafe::inspect
