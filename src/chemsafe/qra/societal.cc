#include "chemsafe/qra/societal.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace chemsafe::qra {
namespace {

Status CheckPopulation(std::span<const PopulationPoint> population) {
  for (std::size_t p = 0; p < population.size(); ++p) {
    const PopulationPoint& pt = population[p];
    const std::string field = fmt::format("population[{}]", p);
    if (!std::isfinite(pt.x_m) || !std::isfinite(pt.y_m)) return InvalidArgument(field + ".x_m: must be finite");
    if (!(pt.people >= 0.0) || !std::isfinite(pt.people)) {
      return InvalidArgument(field + ".people: must be finite and at least 0");
    }
    if (!(pt.indoor_fraction >= 0.0 && pt.indoor_fraction <= 1.0)) {
      return InvalidArgument(field + ".indoor_fraction: must be in [0, 1]");
    }
  }
  return Status::Ok();
}

// The people of a point exposed to an outdoor lethality P, indoors counted at P × the indoor factor.
double ExposedPeople(const PopulationPoint& pt, double indoor_lethality_factor) {
  return pt.people * ((1.0 - pt.indoor_fraction) + pt.indoor_fraction * indoor_lethality_factor);
}

}  // namespace

std::vector<FnPoint> FnCurveOf(std::vector<FnEvent> events, double min_fatalities) {
  std::erase_if(events, [&](const FnEvent& e) {
    return !(e.fatalities > 0.0) || e.fatalities < min_fatalities || !(e.frequency_per_yr > 0.0);
  });
  // Descending N: F(N) accumulates the frequencies of the events at or above N.
  std::sort(events.begin(), events.end(), [](const FnEvent& a, const FnEvent& b) { return a.fatalities > b.fatalities; });
  std::vector<FnPoint> curve;
  double cumulative = 0;
  for (std::size_t k = 0; k < events.size(); ++k) {
    cumulative += events[k].frequency_per_yr;
    if (k + 1 == events.size() || events[k + 1].fatalities != events[k].fatalities) {
      curve.push_back({events[k].fatalities, cumulative});
    }
  }
  std::reverse(curve.begin(), curve.end());
  return curve;
}

double SocietalRisk::FrequencyAtLeast(double n) const {
  const auto it = std::lower_bound(fn_curve.begin(), fn_curve.end(), n,
                                   [](const FnPoint& p, double v) { return p.n < v; });
  return it == fn_curve.end() ? 0.0 : it->frequency_per_yr;
}

Result<SocietalRisk> ComputeSocietalRisk(const RiskModel& model, std::span<const PopulationPoint> population,
                                         const SocietalOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(CheckRiskModel(model, options.check));
  CHEMSAFE_RETURN_IF_ERROR(CheckPopulation(population));
  if (!(options.min_fatalities >= 0.0)) return InvalidArgument("min_fatalities: must be at least 0");

  // The population sorted by x, so that each outcome looks only at the points within its reach.
  std::vector<PopulationPoint> people(population.begin(), population.end());
  std::sort(people.begin(), people.end(), [](const PopulationPoint& a, const PopulationPoint& b) { return a.x_m < b.x_m; });

  SocietalRisk risk;
  std::vector<const PopulationPoint*> near;
  for (std::size_t i = 0; i < model.installations.size(); ++i) {
    const Installation& inst = model.installations[i];
    for (std::size_t k = 0; k < inst.outcomes.size(); ++k) {
      const RiskOutcome& o = inst.outcomes[k];
      const double reach = OutcomeReachM(o);
      near.clear();
      auto it = std::lower_bound(people.begin(), people.end(), o.x_m - reach,
                                 [](const PopulationPoint& p, double x) { return p.x_m < x; });
      for (; it != people.end() && it->x_m <= o.x_m + reach; ++it) {
        if (std::abs(it->y_m - o.y_m) <= reach && it->people > 0.0) near.push_back(&*it);
      }
      OutcomeFatalities out{i, k, o.id, o.frequency_per_yr, 0.0, 0.0};
      const auto add = [&](std::size_t w, std::optional<int> sector, double p_event, double n) {
        out.expected_fatalities += p_event * n;
        if (n > 0.0 && o.frequency_per_yr * p_event > 0.0) {
          risk.events.push_back({i, k, w, sector, o.frequency_per_yr * p_event, n});
        }
      };
      for (std::size_t w = 0; w < model.weather.size(); ++w) {
        const WeatherClass& wc = model.weather[w];
        const Lethality& l = o.InWeather(w);
        if (const auto* radial = std::get_if<RadialLethality>(&l)) {
          double n = 0;
          for (const PopulationPoint* pt : near) {
            n += ExposedPeople(*pt, o.indoor_lethality_factor) * radial->At(std::hypot(pt->x_m - o.x_m, pt->y_m - o.y_m));
          }
          add(w, std::nullopt, wc.probability, n);
          continue;
        }
        const auto& cloud = std::get<DirectionalLethality>(l);
        const int sectors = static_cast<int>(wc.wind_rose.size());
        for (int d = 0; d < sectors; ++d) {
          const double p_d = wc.wind_rose[static_cast<std::size_t>(d)];
          if (p_d == 0.0) continue;
          const Downwind u = DownwindOfSector(d, sectors);
          double n = 0;
          for (const PopulationPoint* pt : near) {
            n += ExposedPeople(*pt, o.indoor_lethality_factor) * cloud.AtOffset(pt->x_m - o.x_m, pt->y_m - o.y_m, u);
          }
          add(w, d, wc.probability * p_d, n);
        }
      }
      out.pll_per_yr = o.frequency_per_yr * out.expected_fatalities;
      risk.pll_per_yr += out.pll_per_yr;
      risk.outcomes.push_back(std::move(out));
    }
  }
  std::vector<FnEvent> fn;
  fn.reserve(risk.events.size());
  for (const SocietalEvent& e : risk.events) fn.push_back({e.frequency_per_yr, e.fatalities});
  risk.fn_curve = FnCurveOf(std::move(fn), options.min_fatalities);
  return risk;
}

}  // namespace chemsafe::qra
