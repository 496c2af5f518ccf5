#include "chemsafe/qra/substances.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "chemsafe/core/ids.h"
#include "chemsafe/qra/data_table.h"

namespace chemsafe::qra {
namespace {

// The columns of qra_substances.csv (shared/data/qra/README.md), in the order of the shipped file.
enum Column : std::size_t {
  kName, kCas, kFormula, kMolarMass, kTb, kTc, kPc, kLfl, kUfl, kFlashPoint, kAutoignition, kFlamSource,
  kAntoineA, kAntoineB, kAntoineC, kAntoineTmin, kAntoineTmax, kRhoLiq, kRhoLiqT, kHvap, kLhv, kColumnCount
};
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "name", "CAS", "formula", "MW_g_mol", "Tb_K_dippr101", "Tc_K", "Pc_Pa", "LFL_volfrac", "UFL_volfrac",
    "T_flash_K", "T_autoign_K", "flam_source", "antoine_A", "antoine_B", "antoine_C", "antoine_Tmin_K",
    "antoine_Tmax_K", "rho_liq_kg_m3", "rho_liq_T_K", "dHvap_Tb_kJ_kg", "LHV_MJ_kg_atct"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Reads the data rows of one file; errors carry file:row:column.
class RowReader {
 public:
  RowReader(std::string_view file, int line, const std::vector<std::string>& cells,
            const std::array<std::size_t, kColumnCount>& index)
      : file_(file), line_(line), cells_(cells), index_(index) {}

  std::string_view Text(Column column) const {
    const std::size_t i = index_[column];
    return i < cells_.size() ? std::string_view(cells_[i]) : std::string_view();
  }

  Status Error(Column column, std::string_view what) const {
    return InvalidArgument(
        fmt::format("{}:{}:{}: {}: {}", file_, line_, index_[column] + 1, kColumnNames[column], what));
  }

  // A finite number times `scale`, or nullopt for a blank cell.
  Result<std::optional<double>> Optional(Column column, double scale = 1) const {
    const std::string_view text = Text(column);
    if (text.empty()) return std::optional<double>();
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
      return Error(column, fmt::format("\"{}\" is not a number", text));
    }
    return std::optional<double>(value * scale);
  }

  Result<double> Required(Column column, double scale = 1) const {
    CHEMSAFE_ASSIGN_OR_RETURN(std::optional<double> value, Optional(column, scale));
    if (!value) return Error(column, "required");
    if (!(*value > 0)) return Error(column, fmt::format("must be greater than 0 (is {})", Text(column)));
    return *value;
  }

 private:
  std::string_view file_;
  int line_;
  const std::vector<std::string>& cells_;
  const std::array<std::size_t, kColumnCount>& index_;
};

Result<Substance> ReadSubstance(const RowReader& row) {
  Substance s;
  s.name = std::string(row.Text(kName));
  if (s.name.empty()) return row.Error(kName, "required");
  auto cas = Cas::Parse(row.Text(kCas));
  if (!cas.ok()) return row.Error(kCas, cas.status().message());
  s.cas = cas->str();
  s.formula = std::string(row.Text(kFormula));
  CHEMSAFE_ASSIGN_OR_RETURN(s.molar_mass_kg_mol, row.Required(kMolarMass, 1e-3));
  CHEMSAFE_ASSIGN_OR_RETURN(s.normal_boiling_point_k, row.Optional(kTb));
  CHEMSAFE_ASSIGN_OR_RETURN(s.critical_temperature_k, row.Optional(kTc));
  CHEMSAFE_ASSIGN_OR_RETURN(s.critical_pressure_pa, row.Optional(kPc));
  CHEMSAFE_ASSIGN_OR_RETURN(s.lower_flammability_limit_volfrac, row.Optional(kLfl));
  CHEMSAFE_ASSIGN_OR_RETURN(s.upper_flammability_limit_volfrac, row.Optional(kUfl));
  CHEMSAFE_ASSIGN_OR_RETURN(s.flash_point_k, row.Optional(kFlashPoint));
  CHEMSAFE_ASSIGN_OR_RETURN(s.autoignition_temperature_k, row.Optional(kAutoignition));
  s.flammability_source = std::string(row.Text(kFlamSource));
  // Antoine: all five cells or none.
  std::array<std::optional<double>, 5> antoine;
  constexpr std::array<Column, 5> kAntoineColumns = {kAntoineA, kAntoineB, kAntoineC, kAntoineTmin, kAntoineTmax};
  int present = 0;
  for (std::size_t i = 0; i < antoine.size(); ++i) {
    CHEMSAFE_ASSIGN_OR_RETURN(antoine[i], row.Optional(kAntoineColumns[i]));
    present += antoine[i].has_value() ? 1 : 0;
  }
  if (present == 5) {
    s.antoine = AntoineConstants{*antoine[0], *antoine[1], *antoine[2], *antoine[3], *antoine[4]};
    if (!(s.antoine->t_max_k > s.antoine->t_min_k)) {
      return row.Error(kAntoineTmax, "must be above antoine_Tmin_K");
    }
  } else if (present != 0) {
    for (std::size_t i = 0; i < antoine.size(); ++i) {
      if (!antoine[i]) return row.Error(kAntoineColumns[i], "blank while other Antoine cells are filled");
    }
  }
  CHEMSAFE_ASSIGN_OR_RETURN(s.liquid_density_kg_m3, row.Optional(kRhoLiq));
  CHEMSAFE_ASSIGN_OR_RETURN(s.liquid_density_temperature_k, row.Optional(kRhoLiqT));
  CHEMSAFE_ASSIGN_OR_RETURN(s.heat_of_vaporization_j_kg, row.Optional(kHvap, 1e3));
  CHEMSAFE_ASSIGN_OR_RETURN(s.lower_heating_value_j_kg, row.Optional(kLhv, 1e6));
  return s;
}

}  // namespace

const Substance* SubstanceTable::FindByCas(std::string_view cas) const {
  auto it = by_cas_.find(Trim(cas));
  return it == by_cas_.end() ? nullptr : &substances_[it->second];
}

const Substance* SubstanceTable::FindByName(std::string_view name) const {
  auto it = by_name_.find(Lower(Trim(name)));
  return it == by_name_.end() ? nullptr : &substances_[it->second];
}

Result<const Substance*> SubstanceTable::Lookup(std::string_view name_or_cas) const {
  if (const Substance* s = FindByCas(name_or_cas)) return s;
  if (const Substance* s = FindByName(name_or_cas)) return s;
  return NotFound(fmt::format("substance \"{}\": no such CAS number or name in the table", name_or_cas));
}

Result<SubstanceTable> ParseSubstanceTable(std::string_view csv_text, std::string_view file_name) {
  CHEMSAFE_ASSIGN_OR_RETURN(NamedColumns csv, ReadDataTableColumns(csv_text, file_name, kColumnNames));
  std::array<std::size_t, kColumnCount> index{};
  std::copy(csv.columns.begin(), csv.columns.end(), index.begin());
  SubstanceTable table;
  for (const DataRecord& record : csv.records) {
    const RowReader row(file_name, record.line, record.cells, index);
    CHEMSAFE_ASSIGN_OR_RETURN(Substance s, ReadSubstance(row));
    if (table.by_cas_.contains(s.cas)) return row.Error(kCas, fmt::format("{} appears twice", s.cas));
    if (table.by_name_.contains(Lower(s.name))) return row.Error(kName, fmt::format("\"{}\" appears twice", s.name));
    table.by_cas_.emplace(s.cas, table.substances_.size());
    table.by_name_.emplace(Lower(s.name), table.substances_.size());
    table.substances_.push_back(std::move(s));
  }
  return table;
}

Result<double> AntoineVapourPressurePa(const Substance& substance, double temperature_k) {
  if (!substance.antoine) {
    return FailedPrecondition(fmt::format("{}: the table has no Antoine constants for it", substance.name));
  }
  const AntoineConstants& k = *substance.antoine;
  if (!(temperature_k >= k.t_min_k && temperature_k <= k.t_max_k)) {
    return InvalidArgument(fmt::format("temperature_k: {} K is outside the Antoine range {} to {} K of {}",
                                       temperature_k, k.t_min_k, k.t_max_k, substance.name));
  }
  return std::pow(10.0, k.a - k.b / (temperature_k + k.c));
}

Result<double> AntoineVapourPressurePa(const SubstanceTable& table, std::string_view name_or_cas,
                                      double temperature_k) {
  CHEMSAFE_ASSIGN_OR_RETURN(const Substance* substance, table.Lookup(name_or_cas));
  return AntoineVapourPressurePa(*substance, temperature_k);
}

Result<double> MolarMassKgMol(const SubstanceTable& table, std::string_view name_or_cas) {
  CHEMSAFE_ASSIGN_OR_RETURN(const Substance* substance, table.Lookup(name_or_cas));
  return substance->molar_mass_kg_mol;
}

}  // namespace chemsafe::qra
