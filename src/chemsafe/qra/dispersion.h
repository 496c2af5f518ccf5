// Gaussian dispersion of a neutrally buoyant release: the continuous plume and the instantaneous puff from
// a point source at a given height, with ground reflection, and the footprints the risk engine needs (the
// distance to a concentration on the centre line, the crosswind half-width of an isopleth, the isopleth as
// (x, half-width) samples, for a concentration or a toxic-load threshold).
//
// Sources: CCPS (1999), Guidelines for Consequence Analysis of Chemical Releases, pp. 97 and 101 (Gaussian
// plume with reflection from the ground; Gaussian puff with the centre at x = u t); Turner (1970). The sigmas
// come from a named set (sigmas.h): the set is always an explicit option.
//
// Conventions (all explicit options):
// - Ground reflection: total (an image source at -h) by default, as in CCPS (1999); `kNone` drops it.
// - Averaging time: off by default (each sigma set at its own averaging time, ~10 min for plume sets), so
//   that the published cases (B1, B4) reproduce; a toxic assessment turns it on with its exposure time,
//   since a shorter average gives a narrower, more concentrated plume (CCPS 1999).
// - The plume is only defined downwind: C = 0 for x <= 0 (no undiluted source term at x = 0).
// - The puff's sigmas are taken at the distance travelled by its centre, u t (CCPS 1999).
//
// Pure: no I/O. Safe to call concurrently.
#pragma once

#include <optional>
#include <vector>

#include "chemsafe/core/result.h"
#include "chemsafe/qra/sigmas.h"

namespace chemsafe::qra {

enum class GroundReflection {
  kTotal,  // an image source at -h: the ground neither absorbs nor deposits (CCPS 1999)
  kNone,   // free space
};

// A point in the wind frame: x downwind from the source, y crosswind, z above the ground, m.
struct Receptor {
  double x_m = 0;
  double y_m = 0;
  double z_m = 0;
};

struct GaussianOptions {
  SigmaSet sigma_set = SigmaSet::kBriggsRural;  // Default: Briggs rural (CCPS 1999); puffs need a puff set
  GroundReflection ground = GroundReflection::kTotal;
  // sigma_y correction to another averaging time (plume sets only). Default: none.
  std::optional<AveragingTimeCorrection> averaging = std::nullopt;
};

// A continuous point source (steady plume).
struct PlumeRelease {
  double release_rate_kg_s = 0;
  double wind_speed_m_s = 0;    // at the release height
  double release_height_m = 0;  // effective height (>= 0)
  StabilityClass stability = StabilityClass::kD;
};

// An instantaneous point source (puff).
struct PuffRelease {
  double mass_kg = 0;
  double wind_speed_m_s = 0;
  double release_height_m = 0;
  StabilityClass stability = StabilityClass::kD;
};

// The plume formula with given sigmas: C = Q/(2 pi u sy sz) exp(-y^2/2sy^2) [exp(-(z-h)^2/2sz^2) +
// exp(-(z+h)^2/2sz^2)] (the second term only with total reflection), kg/m3.
double GaussianPlumeKgM3(double release_rate_kg_s, double wind_speed_m_s, double release_height_m,
                         double sigma_y_m, double sigma_z_m, double y_m, double z_m, GroundReflection ground);

// The puff formula with given sigmas, at `along_m` from the puff centre (x - u t):
// C = M/((2 pi)^1.5 sx sy sz) exp(-along^2/2sx^2) exp(-y^2/2sy^2) [vertical terms as the plume], kg/m3.
double GaussianPuffKgM3(double mass_kg, double release_height_m, const Sigmas& sigmas, double along_m,
                        double y_m, double z_m, GroundReflection ground);

// The sigmas a plume uses at x (set, then the averaging-time correction of sigma_y when asked for).
// InvalidArgument when the set is a puff set or an input is out of range (named).
Result<Sigmas> PlumeSigmas(StabilityClass stability, double x_m, const GaussianOptions& options);

// C(x, y, z), kg/m3; 0 for x <= 0. InvalidArgument naming the input (release_rate_kg_s, wind_speed_m_s,
// release_height_m, z_m, sigma_set) when out of range.
Result<double> GaussianPlumeConcentrationKgM3(const PlumeRelease& release, const Receptor& receptor,
                                              const GaussianOptions& options);

// C(x, y, z, t), kg/m3, the puff centre at (u t, 0, h); 0 before release (t <= 0). The set must be a puff
// set (ccps_puff, tno_puff); `options.averaging` must be empty (it applies to plumes).
Result<double> GaussianPuffConcentrationKgM3(const PuffRelease& release, const Receptor& receptor,
                                             double time_s, const GaussianOptions& options);

// --- Footprints -----------------------------------------------------------------------------------------

// A toxic load L = integral of C^n dt, with C in `concentration_unit_kg_m3` and t in `time_unit_s` (the
// probit form Y = a + b ln(C^n t) of the CPR 18E Purple Book uses mg/m3 -> 1e-6 and min -> 60).
struct ToxicLoad {
  double toxic_load = 0;
  double exponent_n = 1;
  double concentration_unit_kg_m3 = 1.0;  // Default: SI (kg/m3)
  double time_unit_s = 1.0;               // Default: SI (s)
};
// A load reached over a steady exposure of exposure_time_s: for a plume the equivalent concentration
// threshold is C = (L/t)^(1/n).
struct ToxicLoadThreshold {
  ToxicLoad load;
  double exposure_time_s = 0;
};
// The steady concentration giving the load over the exposure time, kg/m3.
Result<double> EquivalentConcentrationKgM3(const ToxicLoadThreshold& threshold);

struct FootprintOptions {
  double receptor_height_m = 0.0;  // Default: ground level
  double min_distance_m = 1.0;     // Default: 1 m, the near end of the search
  double max_distance_m = 1.0e5;   // Default: 100 km, beyond any sigma set's range
  int samples = 200;               // Default: 200 log-spaced distances (scan and isopleth)
};

struct IsoplethPoint {
  double x_m = 0;
  double half_width_m = 0;  // crosswind, at the receptor height
};

// The farthest downwind distance where the centre-line concentration (y = 0, z = receptor height) reaches
// `threshold_kg_m3`, found by a log-spaced scan then bisection to 1e-6 relative; nullopt when it is not
// reached within [min_distance_m, max_distance_m]; max_distance_m itself when the threshold is still
// reached there (the result is clipped to the search range).
Result<std::optional<double>> PlumeDistanceToConcentrationM(const PlumeRelease& release,
                                                            double threshold_kg_m3,
                                                            const GaussianOptions& options,
                                                            const FootprintOptions& footprint = {});
// The crosswind half-width of the isopleth at x: sy sqrt(2 ln(C(x,0,z)/C_thr)), 0 when the centre line is
// below the threshold.
Result<double> PlumeHalfWidthM(const PlumeRelease& release, double threshold_kg_m3, double x_m,
                               const GaussianOptions& options, const FootprintOptions& footprint = {});
// The isopleth as (x, half-width) samples from its near to its far end (log-spaced, `samples` points, the
// far end included with half-width 0); empty when the threshold is never reached.
Result<std::vector<IsoplethPoint>> PlumeIsopleth(const PlumeRelease& release, double threshold_kg_m3,
                                                 const GaussianOptions& options,
                                                 const FootprintOptions& footprint = {});

// The isopleth of a toxic load over its exposure time: PlumeIsopleth at EquivalentConcentrationKgM3. The
// averaging time stays what `options` says (set it to the exposure time for a short exposure).
Result<std::vector<IsoplethPoint>> PlumeIsopleth(const PlumeRelease& release,
                                                 const ToxicLoadThreshold& threshold,
                                                 const GaussianOptions& options,
                                                 const FootprintOptions& footprint = {});

// The same for a puff, on the peak concentration a receptor sees as the centre passes (t = x/u): the
// footprint of the largest instantaneous concentration.
Result<std::vector<IsoplethPoint>> PuffPeakIsopleth(const PuffRelease& release, double threshold_kg_m3,
                                                    const GaussianOptions& options,
                                                    const FootprintOptions& footprint = {});

// The footprint of a toxic load received as a puff passes (the whole passage is the exposure). With the
// sigmas frozen at their values at x while the puff passes (the usual approximation: the passage is short
// against the growth of the sigmas), the load at (x, y) is
//   L(x, y) = C_peak(x, y)^n sigma_x sqrt(2 pi / n) / u,
// whose crosswind profile is Gaussian with sigma_y/sqrt(n): the isopleth samples the region L >= load.
Result<std::vector<IsoplethPoint>> PuffToxicLoadIsopleth(const PuffRelease& release, const ToxicLoad& load,
                                                         const GaussianOptions& options,
                                                         const FootprintOptions& footprint = {});

}  // namespace chemsafe::qra
