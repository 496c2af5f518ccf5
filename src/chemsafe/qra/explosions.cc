#include "chemsafe/qra/explosions.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <initializer_list>
#include <iterator>
#include <cmath>
#include <span>
#include <string>

#include <fmt/format.h>

#include "chemsafe/qra/data_table.h"

namespace chemsafe::qra {
namespace {

Status RequirePositive(std::string_view name, double value) {
  if (std::isfinite(value) && value > 0) return Status::Ok();
  return InvalidArgument(fmt::format("{}: must be greater than 0 (is {})", name, value));
}

// One range of a Swisdak (1994) fit: ln y = sum c_i (ln Z)^i for z_min <= Z <= z_max.
struct LogPolynomial {
  double z_min;
  double z_max;
  std::array<double, 5> c;  // unused trailing coefficients are 0
};

// Swisdak (1994) table of the hemispherical surface burst, SI: incident overpressure Ps in kPa.
constexpr std::array<LogPolynomial, 3> kOverpressureKpa{{
    {0.2, 2.9, {7.2106, -2.1069, -0.3229, 0.1117, 0.0685}},
    {2.9, 23.8, {7.5938, -3.0523, 0.40977, 0.0261, -0.01267}},
    {23.8, 198.5, {6.0536, -1.4066, 0, 0, 0}},
}};
// Swisdak (1994): incident impulse in kPa ms/kg^(1/3) (= Pa s/kg^(1/3)).
constexpr std::array<LogPolynomial, 4> kImpulseKpaMs{{
    {0.2, 0.96, {5.522, 1.117, 0.6, -0.292, -0.087}},
    {0.96, 2.38, {5.465, -0.308, -1.464, 1.362, -0.432}},
    {2.38, 33.7, {5.2749, -0.4677, -0.2499, 0.0588, -0.00554}},
    {33.7, 158.7, {5.9825, -1.062, 0, 0, 0}},
}};

template <std::size_t N>
Result<double> EvaluateFit(const std::array<LogPolynomial, N>& fit, double z, std::string_view what) {
  for (const LogPolynomial& range : fit) {
    if (z >= range.z_min && z <= range.z_max) {
      const double u = std::log(z);
      double sum = 0;
      for (auto it = range.c.rbegin(); it != range.c.rend(); ++it) sum = sum * u + *it;  // Horner
      return std::exp(sum);
    }
  }
  return InvalidArgument(fmt::format("scaled_distance_m_kg13: {} is outside the {} fit range {}..{} m/kg^(1/3)",
                                     z, what, fit.front().z_min, fit.back().z_max));
}

// Log-log interpolation of y(x) over strictly increasing xs; nullopt outside [xs.front, xs.back].
std::optional<double> LogLog(std::span<const double> xs, std::span<const double> ys, double x) {
  if (xs.empty() || !(x >= xs.front() && x <= xs.back())) return std::nullopt;
  auto hi = std::lower_bound(xs.begin(), xs.end(), x);
  const auto i = static_cast<std::size_t>(hi - xs.begin());
  if (xs[i] == x) return ys[i];
  const double t = std::log(x / xs[i - 1]) / std::log(xs[i] / xs[i - 1]);
  return ys[i - 1] * std::pow(ys[i] / ys[i - 1], t);
}

// A positive number of a table's cell (blank allowed when not `required`); errors name file:line:column.
Result<std::optional<double>> Positive(const DataRow& row, std::size_t column, bool required) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::optional<double> v, row.OptionalNumber(column));
  if (!v) {
    if (required) return row.Error(column, "required");
    return v;
  }
  if (!(*v > 0)) return row.Error(column, fmt::format("not a positive number: {}", *v));
  return v;
}

}  // namespace

Result<double> TntEquivalentMassKg(double fuel_mass_kg, double heat_of_combustion_j_kg,
                                   const TntEquivalence& equivalence) {
  CHEMSAFE_RETURN_IF_ERROR(RequirePositive("fuel_mass_kg", fuel_mass_kg));
  CHEMSAFE_RETURN_IF_ERROR(RequirePositive("heat_of_combustion_j_kg", heat_of_combustion_j_kg));
  CHEMSAFE_RETURN_IF_ERROR(RequirePositive("yield", equivalence.yield));
  if (equivalence.yield > 1) {
    return InvalidArgument(fmt::format("yield: must be at most 1 (is {})", equivalence.yield));
  }
  CHEMSAFE_RETURN_IF_ERROR(RequirePositive("tnt_blast_energy_j_kg", equivalence.tnt_blast_energy_j_kg));
  return equivalence.yield * fuel_mass_kg * heat_of_combustion_j_kg / equivalence.tnt_blast_energy_j_kg;
}

Result<double> ScaledDistanceMKg13(double distance_m, double tnt_mass_kg) {
  CHEMSAFE_RETURN_IF_ERROR(RequirePositive("distance_m", distance_m));
  CHEMSAFE_RETURN_IF_ERROR(RequirePositive("tnt_mass_kg", tnt_mass_kg));
  return distance_m / std::cbrt(tnt_mass_kg);
}

Result<double> KingeryBulmashOverpressurePa(double scaled_distance_m_kg13) {
  CHEMSAFE_ASSIGN_OR_RETURN(double kpa, EvaluateFit(kOverpressureKpa, scaled_distance_m_kg13, "overpressure"));
  return kpa * 1.0e3;
}

Result<double> KingeryBulmashScaledImpulsePaSKg13(double scaled_distance_m_kg13) {
  return EvaluateFit(kImpulseKpaMs, scaled_distance_m_kg13, "impulse");
}

Result<KingeryBulmashTable> ParseKingeryBulmashTable(std::string_view csv_text) {
  static constexpr std::string_view kNames[] = {"Z_m_per_kg13", "Ps_kPa", "is_kPa_ms_per_kg13"};
  constexpr std::string_view kWhat = "kingery_bulmash table";
  CHEMSAFE_ASSIGN_OR_RETURN(NamedColumns csv, ReadDataTableColumns(csv_text, kWhat, kNames));
  const std::size_t z_col = csv.columns[0], ps_col = csv.columns[1], is_col = csv.columns[2];
  KingeryBulmashTable table;
  for (const DataRecord& record : csv.records) {
    const DataRow line(kWhat, record, csv.header);
    KingeryBulmashTable::Row row;
    CHEMSAFE_ASSIGN_OR_RETURN(std::optional<double> z, Positive(line, z_col, true));
    CHEMSAFE_ASSIGN_OR_RETURN(std::optional<double> ps_kpa, Positive(line, ps_col, true));
    CHEMSAFE_ASSIGN_OR_RETURN(row.scaled_impulse_pa_s_kg13, Positive(line, is_col, false));
    row.scaled_distance_m_kg13 = *z;
    row.overpressure_pa = *ps_kpa * 1.0e3;
    if (!table.rows.empty() && !(row.scaled_distance_m_kg13 > table.rows.back().scaled_distance_m_kg13)) {
      return line.Error(z_col, "must increase");
    }
    table.rows.push_back(row);
  }
  if (table.rows.size() < 2) return InvalidArgument("kingery_bulmash table: needs at least 2 rows");
  return table;
}

Result<double> InterpolateOverpressurePa(const KingeryBulmashTable& table, double scaled_distance_m_kg13) {
  std::vector<double> z, p;
  for (const auto& row : table.rows) {
    z.push_back(row.scaled_distance_m_kg13);
    p.push_back(row.overpressure_pa);
  }
  if (auto v = LogLog(z, p, scaled_distance_m_kg13)) return *v;
  return InvalidArgument(fmt::format("scaled_distance_m_kg13: {} is outside the table's overpressure rows",
                                     scaled_distance_m_kg13));
}

Result<double> InterpolateScaledImpulsePaSKg13(const KingeryBulmashTable& table, double scaled_distance_m_kg13) {
  std::vector<double> z, impulse;
  for (const auto& row : table.rows) {
    if (!row.scaled_impulse_pa_s_kg13) continue;
    z.push_back(row.scaled_distance_m_kg13);
    impulse.push_back(*row.scaled_impulse_pa_s_kg13);
  }
  if (auto v = LogLog(z, impulse, scaled_distance_m_kg13)) return *v;
  return InvalidArgument(fmt::format("scaled_distance_m_kg13: {} is outside the table's impulse rows",
                                     scaled_distance_m_kg13));
}

Result<double> CrowlLouvarScaledOverpressure(double scaled_distance_m_kg13) {
  CHEMSAFE_RETURN_IF_ERROR(RequirePositive("scaled_distance_m_kg13", scaled_distance_m_kg13));
  auto square = [&](double scale) {
    const double r = scaled_distance_m_kg13 / scale;
    return 1.0 + r * r;
  };
  return 1616.0 * square(4.5) / std::sqrt(square(0.048) * square(0.32) * square(1.35));
}

Result<double> BlastEnergyJ(double combustion_energy_j, const BlastEnergyOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(RequirePositive("combustion_energy_j", combustion_energy_j));
  CHEMSAFE_RETURN_IF_ERROR(RequirePositive("ground_reflection_factor", options.ground_reflection_factor));
  return options.ground_reflection_factor * combustion_energy_j;
}

Result<double> EnergyScaledDistance(double distance_m, double energy_j, double ambient_pressure_pa) {
  CHEMSAFE_RETURN_IF_ERROR(RequirePositive("distance_m", distance_m));
  CHEMSAFE_RETURN_IF_ERROR(RequirePositive("energy_j", energy_j));
  CHEMSAFE_RETURN_IF_ERROR(RequirePositive("ambient_pressure_pa", ambient_pressure_pa));
  return distance_m / std::cbrt(energy_j / ambient_pressure_pa);
}

Result<BstCurves> ParseBstCurves(std::string_view csv_text) {
  static constexpr std::string_view kNames[] = {"Mf", "Scaled Distance", "Overpressure"};
  constexpr std::string_view kWhat = "bst curves";
  CHEMSAFE_ASSIGN_OR_RETURN(NamedColumns csv, ReadDataTableColumns(csv_text, kWhat, kNames));
  const std::size_t mf_col = csv.columns[0], r_col = csv.columns[1], p_col = csv.columns[2];
  BstCurves bst;
  for (const DataRecord& record : csv.records) {
    const DataRow line(kWhat, record, csv.header);
    CHEMSAFE_ASSIGN_OR_RETURN(std::optional<double> mf, Positive(line, mf_col, true));
    CHEMSAFE_ASSIGN_OR_RETURN(std::optional<double> r, Positive(line, r_col, true));
    CHEMSAFE_ASSIGN_OR_RETURN(std::optional<double> p, Positive(line, p_col, true));
    if (bst.curves.empty() || bst.curves.back().flame_mach_number != *mf) {
      if (!bst.curves.empty() && !(*mf > bst.curves.back().flame_mach_number)) {
        return line.Error(mf_col, "curves must come in increasing Mf");
      }
      bst.curves.push_back({*mf, {}, {}});
    }
    BstCurves::Curve& curve = bst.curves.back();
    if (!curve.scaled_distance.empty() && !(*r > curve.scaled_distance.back())) {
      return line.Error(r_col, "must increase along a curve");
    }
    curve.scaled_distance.push_back(*r);
    curve.scaled_overpressure.push_back(*p);
  }
  for (const auto& curve : bst.curves) {
    if (curve.scaled_distance.size() < 2) {
      return InvalidArgument(
          fmt::format("bst curves: the curve Mf = {} needs at least 2 points", curve.flame_mach_number));
    }
  }
  if (bst.curves.empty()) return InvalidArgument("bst curves: no rows");
  return bst;
}

Result<double> BstScaledOverpressure(const BstCurves& curves, double flame_mach_number, double scaled_distance) {
  CHEMSAFE_RETURN_IF_ERROR(RequirePositive("flame_mach_number", flame_mach_number));
  CHEMSAFE_RETURN_IF_ERROR(RequirePositive("scaled_distance", scaled_distance));
  if (curves.curves.empty()) return InvalidArgument("bst curves: empty");
  const double mf_min = curves.curves.front().flame_mach_number;
  const double mf_max = curves.curves.back().flame_mach_number;
  if (flame_mach_number < mf_min || flame_mach_number > mf_max) {
    return InvalidArgument(
        fmt::format("flame_mach_number: {} is outside the curves {}..{}", flame_mach_number, mf_min, mf_max));
  }
  auto along = [&](const BstCurves::Curve& curve) -> Result<double> {
    if (auto v = LogLog(curve.scaled_distance, curve.scaled_overpressure, scaled_distance)) return *v;
    return InvalidArgument(fmt::format("scaled_distance: {} is outside the curve Mf = {} ({}..{})", scaled_distance,
                                       curve.flame_mach_number, curve.scaled_distance.front(),
                                       curve.scaled_distance.back()));
  };
  auto hi = std::lower_bound(curves.curves.begin(), curves.curves.end(), flame_mach_number,
                             [](const BstCurves::Curve& c, double mf) { return c.flame_mach_number < mf; });
  if (hi->flame_mach_number == flame_mach_number) return along(*hi);
  const BstCurves::Curve& lo = *(hi - 1);
  CHEMSAFE_ASSIGN_OR_RETURN(double p_lo, along(lo));
  CHEMSAFE_ASSIGN_OR_RETURN(double p_hi, along(*hi));
  const double t = (flame_mach_number - lo.flame_mach_number) / (hi->flame_mach_number - lo.flame_mach_number);
  return p_lo + t * (p_hi - p_lo);
}

}  // namespace chemsafe::qra
