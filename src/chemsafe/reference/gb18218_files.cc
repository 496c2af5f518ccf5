#include "chemsafe/reference/gb18218_files.h"

#include <charconv>
#include <map>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "chemsafe/catalogue/name_text.h"
#include "chemsafe/core/ids.h"
#include "chemsafe/tabular/table_reader.h"

namespace chemsafe::reference {
namespace {

using catalogue::Gb18218Tables;

// One CSV file read whole, its columns found by header name.
class CsvTable {
 public:
  static Result<CsvTable> Read(const std::string& path, const std::vector<std::string_view>& columns) {
    CHEMSAFE_ASSIGN_OR_RETURN(auto reader, tabular::OpenCsv(path));
    CsvTable t;
    t.path_ = path;
    tabular::Row row;
    bool header = true;
    for (;;) {
      CHEMSAFE_ASSIGN_OR_RETURN(bool more, reader->Next(row));
      if (!more) break;
      if (header) {
        header = false;
        for (std::string_view name : columns) {
          int found = -1;
          for (std::size_t i = 0; i < row.cells.size(); ++i) {
            if (row.cells[i] == name) found = static_cast<int>(i);
          }
          if (found < 0) return InvalidArgument(fmt::format("{}:{}: no column \"{}\" in the header", path, row.number, name));
          t.column_[std::string(name)] = found;
        }
        continue;
      }
      t.rows_.push_back(row);
    }
    if (header) return InvalidArgument(fmt::format("{}: empty file", path));
    if (t.rows_.empty()) return InvalidArgument(fmt::format("{}: no rows", path));
    return t;
  }

  const std::vector<tabular::Row>& rows() const { return rows_; }
  std::string Cell(const tabular::Row& row, std::string_view column) const {
    const int i = column_.at(std::string(column));
    return static_cast<std::size_t>(i) < row.cells.size() ? row.cells[static_cast<std::size_t>(i)] : std::string();
  }
  Status Error(const tabular::Row& row, std::string_view column, std::string_view what) const {
    return InvalidArgument(fmt::format("{}:{}:{}: {} {}", path_, row.number, column_.at(std::string(column)) + 1, column, what));
  }
  Status Error(const tabular::Row& row, std::string_view what) const {
    return InvalidArgument(fmt::format("{}:{}: {}", path_, row.number, what));
  }

  Result<double> Number(const tabular::Row& row, std::string_view column) const {
    const std::string text = Cell(row, column);
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < 0) {
      return Error(row, column, fmt::format("\"{}\" is not a non-negative number", text));
    }
    return v;
  }
  Result<std::optional<double>> OptionalNumber(const tabular::Row& row, std::string_view column) const {
    if (Cell(row, column).empty()) return std::optional<double>();
    CHEMSAFE_ASSIGN_OR_RETURN(double v, Number(row, column));
    return std::optional<double>(v);
  }
  Result<int> Integer(const tabular::Row& row, std::string_view column) const {
    const std::string text = Cell(row, column);
    int v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < 0) {
      return Error(row, column, fmt::format("\"{}\" is not a whole number", text));
    }
    return v;
  }

 private:
  std::string path_;
  std::map<std::string, int> column_;
  std::vector<tabular::Row> rows_;
};

// "74-82-8(甲烷);8006-14-2(天然气)" → {"74-82-8", "8006-14-2"}: the labels in parentheses name the
// substance each number belongs to (GB 18218-2018 Table 1 rows 49, 52, 66).
Result<std::vector<std::string>> CasCell(const CsvTable& t, const tabular::Row& row) {
  std::vector<std::string> out;
  for (const std::string& item : catalogue::SplitList(t.Cell(row, "cas"))) {
    std::string_view number = catalogue::BaseName(item);
    auto cas = Cas::Parse(number);
    if (!cas.ok()) return t.Error(row, "cas", cas.status().message());
    out.push_back(cas->str());
  }
  return out;
}

Status LoadTable1(const std::string& dir, Gb18218Tables& tables) {
  CHEMSAFE_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Read(dir + "/gb18218_2018_table1_named_substances.csv",
                                                      {"seq", "name", "alias", "cas", "critical_quantity_t"}));
  for (const auto& row : t.rows()) {
    catalogue::Gb18218NamedSubstance s;
    CHEMSAFE_ASSIGN_OR_RETURN(s.seq, t.Integer(row, "seq"));
    s.name = t.Cell(row, "name");
    if (s.name.empty()) return t.Error(row, "name", "is empty");
    s.aliases = catalogue::SplitList(t.Cell(row, "alias"));
    CHEMSAFE_ASSIGN_OR_RETURN(s.cas_numbers, CasCell(t, row));
    CHEMSAFE_ASSIGN_OR_RETURN(s.critical_quantity_t, t.Number(row, "critical_quantity_t"));
    if (s.critical_quantity_t <= 0) return t.Error(row, "critical_quantity_t", "must be positive");
    if (s.seq != static_cast<int>(tables.table1.size()) + 1) {
      return t.Error(row, "seq", fmt::format("is {}, expected {} (rows in order, none missing)", s.seq, tables.table1.size() + 1));
    }
    tables.table1.push_back(std::move(s));
  }
  // GB 18218-2018 Table 1 has 85 rows.
  if (tables.table1.size() != 85) {
    return InvalidArgument(fmt::format("{}/gb18218_2018_table1_named_substances.csv: {} rows, GB 18218-2018 Table 1 has 85",
                                       dir, tables.table1.size()));
  }
  return Status::Ok();
}

Status LoadTable2(const std::string& dir, Gb18218Tables& tables) {
  CHEMSAFE_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Read(dir + "/gb18218_2018_table2_hazard_categories.csv",
                                                      {"symbol", "hazard_class", "description", "critical_quantity_t", "note"}));
  for (const auto& row : t.rows()) {
    catalogue::Gb18218Category c;
    c.symbol = t.Cell(row, "symbol");
    if (c.symbol.empty()) return t.Error(row, "symbol", "is empty");
    if (tables.Table2BySymbol(c.symbol) != nullptr) return t.Error(row, "symbol", fmt::format("{} appears twice", c.symbol));
    c.hazard_class = t.Cell(row, "hazard_class");
    c.description = t.Cell(row, "description");
    CHEMSAFE_ASSIGN_OR_RETURN(c.critical_quantity_t, t.Number(row, "critical_quantity_t"));
    c.note = t.Cell(row, "note");
    tables.table2.push_back(std::move(c));
  }
  return Status::Ok();
}

Status LoadTable3(const std::string& dir, Gb18218Tables& tables) {
  CHEMSAFE_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Read(dir + "/gb18218_2018_table3_beta_toxic_gases.csv", {"name", "beta"}));
  for (const auto& row : t.rows()) {
    catalogue::Gb18218ToxicGasBeta b;
    b.name = t.Cell(row, "name");
    if (b.name.empty()) return t.Error(row, "name", "is empty");
    CHEMSAFE_ASSIGN_OR_RETURN(b.beta, t.Number(row, "beta"));
    tables.table3.push_back(std::move(b));
  }
  return Status::Ok();
}

Status LoadTable4(const std::string& dir, Gb18218Tables& tables) {
  CHEMSAFE_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Read(dir + "/gb18218_2018_table4_beta_categories.csv", {"symbol", "beta"}));
  for (const auto& row : t.rows()) {
    catalogue::Gb18218CategoryBeta b;
    b.symbol = t.Cell(row, "symbol");
    if (tables.Table2BySymbol(b.symbol) == nullptr) {
      return t.Error(row, "symbol", fmt::format("{} is not a Table 2 symbol", b.symbol));
    }
    CHEMSAFE_ASSIGN_OR_RETURN(b.beta, t.Number(row, "beta"));
    tables.table4.push_back(std::move(b));
  }
  if (tables.table4.size() != tables.table2.size()) {
    return InvalidArgument(fmt::format("{}/gb18218_2018_table4_beta_categories.csv: {} symbols, Table 2 has {}", dir,
                                       tables.table4.size(), tables.table2.size()));
  }
  return Status::Ok();
}

Status LoadTable5(const std::string& dir, Gb18218Tables& tables) {
  CHEMSAFE_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Read(dir + "/gb18218_2018_table5_alpha_exposed_population.csv",
                                                      {"label", "population_min", "population_max", "alpha"}));
  for (const auto& row : t.rows()) {
    catalogue::Gb18218AlphaBand b;
    b.label = t.Cell(row, "label");
    CHEMSAFE_ASSIGN_OR_RETURN(b.population_min, t.Integer(row, "population_min"));
    if (!t.Cell(row, "population_max").empty()) {
      CHEMSAFE_ASSIGN_OR_RETURN(int max, t.Integer(row, "population_max"));
      if (max < b.population_min) return t.Error(row, "population_max", "is below population_min");
      b.population_max = max;
    }
    CHEMSAFE_ASSIGN_OR_RETURN(b.alpha, t.Number(row, "alpha"));
    tables.table5.push_back(std::move(b));
  }
  return Status::Ok();
}

Status LoadTable6(const std::string& dir, Gb18218Tables& tables) {
  CHEMSAFE_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Read(dir + "/gb18218_2018_table6_grading.csv",
                                                      {"level", "r_min_inclusive", "r_max_exclusive"}));
  // GB 18218-2018 §4.3.3, Table 6: 一级 to 四级.
  static const std::map<std::string, int> kGrades = {{"一级", 1}, {"二级", 2}, {"三级", 3}, {"四级", 4}};
  for (const auto& row : t.rows()) {
    catalogue::Gb18218GradeBand b;
    b.label = t.Cell(row, "level");
    auto it = kGrades.find(b.label);
    if (it == kGrades.end()) return t.Error(row, "level", fmt::format("\"{}\" is not 一级..四级", b.label));
    b.grade = it->second;
    CHEMSAFE_ASSIGN_OR_RETURN(b.r_min_inclusive, t.OptionalNumber(row, "r_min_inclusive"));
    CHEMSAFE_ASSIGN_OR_RETURN(b.r_max_exclusive, t.OptionalNumber(row, "r_max_exclusive"));
    tables.table6.push_back(std::move(b));
  }
  return Status::Ok();
}

}  // namespace

Result<Gb18218Tables> LoadGb18218Tables(const std::string& data_dir) {
  const std::string dir = data_dir + "/gb18218_2018";
  Gb18218Tables tables;
  CHEMSAFE_RETURN_IF_ERROR(LoadTable1(dir, tables));
  CHEMSAFE_RETURN_IF_ERROR(LoadTable2(dir, tables));
  CHEMSAFE_RETURN_IF_ERROR(LoadTable3(dir, tables));
  CHEMSAFE_RETURN_IF_ERROR(LoadTable4(dir, tables));
  CHEMSAFE_RETURN_IF_ERROR(LoadTable5(dir, tables));
  CHEMSAFE_RETURN_IF_ERROR(LoadTable6(dir, tables));
  return tables;
}

}  // namespace chemsafe::reference
