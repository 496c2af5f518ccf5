// Societal risk of the qra module (issue 5): the population around the installations, the expected number
// of fatalities N of each event (outcome × weather class × wind direction) with its frequency f·p_w·p_d,
// the F-N curve F(N) = Σ f of the events with at least N fatalities, and the potential loss of life
// PLL = Σ f·N. Sources: CPR 18E "Purple Book" (2005) §4.9 (societal risk: the same sum over outcomes,
// weather and directions as the individual risk, the population's lethality indoors reduced by a factor);
// GB 36894-2018 (F-N curves as the societal-risk criterion). The footprints and the wind conventions are
// those of risk_grid.h. This file keeps its own F-N accumulation (qra-cases.md G6) so that the engine does
// not depend on risk_measures.h.
//
// Pure: no I/O. Safe to call concurrently.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "chemsafe/core/result.h"
#include "chemsafe/qra/risk_grid.h"

namespace chemsafe::qra {

// People at a point (local metres), a fraction of them indoors (lethality there × the outcome's
// indoor_lethality_factor). A population cell is given by its centre.
struct PopulationPoint {
  double x_m = 0, y_m = 0;
  double people = 0;            // ≥ 0
  double indoor_fraction = 0;   // in [0, 1]; Default 0: everyone outdoors
};

// One event: an outcome in one weather class blowing from one sector. Radial footprints give the same N
// in every direction; their directions are merged into one event (no sector) with f·p_w.
struct SocietalEvent {
  std::size_t installation = 0, outcome = 0, weather = 0;
  std::optional<int> sector;     // the sector the wind blows from; none: every direction (radial footprint)
  double frequency_per_yr = 0;   // f·p_w·p_d
  double fatalities = 0;         // expected N
};

struct OutcomeFatalities {
  std::size_t installation = 0, outcome = 0;
  std::string id;
  double frequency_per_yr = 0;
  double expected_fatalities = 0;  // Σ_w Σ_d p_w p_d N: the mean N given the outcome occurs
  double pll_per_yr = 0;           // f × expected_fatalities
};

// A point of the F-N curve: F(N) for N in (previous point's n, n], the curve being a step function.
struct FnPoint {
  double n = 0;               // a distinct number of fatalities of some event, ascending
  double frequency_per_yr = 0;  // F(n) = Σ f of the events with N ≥ n
};

struct SocietalRisk {
  std::vector<SocietalEvent> events;  // those with N > 0
  std::vector<OutcomeFatalities> outcomes;
  std::vector<FnPoint> fn_curve;
  double pll_per_yr = 0;

  // F(N): Σ f of the events with at least n fatalities (0 beyond the largest N).
  double FrequencyAtLeast(double n) const;
};

struct SocietalOptions {
  // Events with fewer fatalities than this are left out of the F-N curve (not out of the PLL). Default 0:
  // every event with N > 0. GB 36894-2018 draws its F-N lines from N = 1.
  double min_fatalities = 0.0;
  ModelCheckOptions check;
};

// InvalidArgument naming the field ("population[3].people: …") or the model's field.
Result<SocietalRisk> ComputeSocietalRisk(const RiskModel& model, std::span<const PopulationPoint> population,
                                         const SocietalOptions& options = {});

// The F-N curve of a list of events (f, N): the distinct N ≥ min_fatalities (and > 0), ascending, with
// F(N) = Σ f of the events with at least N fatalities.
struct FnEvent {
  double frequency_per_yr = 0;
  double fatalities = 0;
};
std::vector<FnPoint> FnCurveOf(std::vector<FnEvent> events, double min_fatalities = 0.0);

}  // namespace chemsafe::qra
