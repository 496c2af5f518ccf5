// Pasquill stability classes, the dispersion coefficients (sigmas) of Gaussian plumes and puffs by named
// sets, the averaging-time correction of sigma_y, and the wind-speed profiles over height.
//
// Sigma sets (x is the downwind distance of the receptor for a plume, of the puff centre for a puff):
//   briggs_rural, briggs_urban  Briggs (1973) as tabulated in CCPS (1999), Guidelines for Consequence
//                               Analysis of Chemical Releases (plume; ~10 min averages).
//   ccps_puff                   CCPS (1999), after Slade (1968) (puff; sigma_x = sigma_y).
//   isc3_rural                  EPA (1995) ISC3 user's guide vol. 2 (EPA-454/B-95-003b), table 1-2 (plume):
//                               sigma_y = 465.11628 x tan(0.017453293 (c - d ln x)), sigma_z = a x^b
//                               piecewise in x, x in km, sigma_z of classes A-C capped at 5000 m.
//   turner                      Turner (1970) workbook curves as fitted in Lees (1996) (plume).
//   tno_plume, tno_puff         CPR 14E (TNO Yellow Book, 3rd ed. 2005) ch. 4 (Bakkum & Duijm), the power-law
//   fits per
//                               Pasquill class: puff sigma_x = 0.13 x, sigma_y = half the plume's,
//                               sigma_z = the plume's coefficient times x.
//   spicer_havens_seinfeld      sigma_y = delta x^0.9 (Spicer & Havens 1989, DEGADIS 2.1 user's guide
//                               EPA-450/4-89-019 pp. 45-46, a 600 s average) with sigma_z =
//                               delta x^beta exp(gamma (ln x)^2) (Seinfeld 1986): the default set of
//                               GasDispersion.jl, used by the CCPS (1999) p. 97 plume example.
// The coefficients are those of the cited tables; the numbers agree with aefarrell/GasDispersion.jl (MIT),
// whose tests (quoted in /work/shared/reference/qra-cases.md B4-B7) pin them.
//
// Pure: no I/O. Safe to call concurrently.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "chemsafe/core/result.h"

namespace chemsafe::qra {

// Pasquill-Gifford stability classes, A (very unstable) to F (moderately stable).
enum class StabilityClass { kA, kB, kC, kD, kE, kF };
inline constexpr std::array<StabilityClass, 6> kStabilityClasses = {StabilityClass::kA, StabilityClass::kB,
                                                                    StabilityClass::kC, StabilityClass::kD,
                                                                    StabilityClass::kE, StabilityClass::kF};

// "A" to "F" (one upper-case letter); InvalidArgument naming the text otherwise.
Result<StabilityClass> ParseStabilityClass(std::string_view letter);
char StabilityLetter(StabilityClass stability);

// Whether a set describes a continuous plume (time-averaged) or an instantaneous puff.
enum class ReleaseShape { kPlume, kPuff };

enum class SigmaSet {
  kBriggsRural,
  kBriggsUrban,
  kCcpsPuff,
  kIsc3Rural,
  kTurner,
  kTnoPlume,
  kTnoPuff,
  kSpicerHavensSeinfeld,
};

// The registry names above; InvalidArgument "unknown sigma set \"x\" (known: ...)" otherwise.
Result<SigmaSet> ParseSigmaSet(std::string_view name);
std::string_view SigmaSetName(SigmaSet set);
std::string KnownSigmaSetNames();  // "briggs_rural, briggs_urban, ..."
ReleaseShape SigmaSetShape(SigmaSet set);

// Dispersion coefficients, m. For plume sets sigma_x (along the wind) equals sigma_y by convention
// (the usual assumption, CCPS 1999).
struct Sigmas {
  double x_m = 0;
  double y_m = 0;
  double z_m = 0;
};

// The sigmas of `set` for `stability` at downwind distance x_m (> 0, finite), without any averaging-time
// correction (each set at its own averaging time).
Result<Sigmas> DispersionSigmas(SigmaSet set, StabilityClass stability, double x_m);

// Averaging-time correction of a plume's sigma_y: sigma_y(t) = sigma_y(t_ref) (max(t, t_min)/t_ref)^p with
// p = 0.2 and the lower limits t_min of Spicer & Havens (1989, DEGADIS 2.1 user's guide pp. 45-46):
// 18.4 s (A-C), 18.3 s (D), 11.4 s (E), 4.6 s (F). CCPS (1999) gives the same power law.
// The reference time must be the averaging time of the set used (600 s for spicer_havens_seinfeld and,
// approximately, for the Briggs, ISC3 and Turner sets, which are ~10 min averages).
struct AveragingTimeCorrection {
  double averaging_time_s = 600.0;  // the averaging time wanted (e.g. a toxic exposure time)
  double reference_time_s = 600.0;  // Default: 600 s, the averaging time of the Pasquill-Gifford sets
  double exponent = 0.2;            // Default: 0.2 (Spicer & Havens 1989; CCPS 1999)
};

// The factor (max(t, t_min)/t_ref)^p; InvalidArgument when a time is not positive and finite.
Result<double> AveragingTimeFactor(const AveragingTimeCorrection& correction, StabilityClass stability);
// Spicer & Havens (1989) lower limit of the averaging time, s.
double MinimumAveragingTimeS(StabilityClass stability);

// Wind speed over height by the power law u(z) = u_ref (z/z_ref)^p (CCPS 1999, from Irwin 1979).
enum class WindExponentSet {
  kRural,      // "rural": A-F 0.07, 0.07, 0.10, 0.15, 0.35, 0.55 (Irwin 1979; CCPS 1999; ISC3)
  kCcpsUrban,  // "ccps_urban": 0.15, 0.15, 0.20, 0.25, 0.40, 0.60 (CCPS 1999)
  kIsc3Urban,  // "isc3_urban": 0.15, 0.15, 0.20, 0.25, 0.30, 0.30 (EPA 1995 ISC3 vol. 2)
};
Result<WindExponentSet> ParseWindExponentSet(std::string_view name);
std::string_view WindExponentSetName(WindExponentSet set);
double WindProfileExponent(WindExponentSet set, StabilityClass stability);

// u(z) by the power law; InvalidArgument naming the input when a speed or height is not positive.
Result<double> PowerLawWindSpeedMS(double reference_speed_m_s, double reference_height_m, double height_m,
                                   StabilityClass stability, WindExponentSet set);

// Wind speed over height by the logarithmic profile of the TNO Yellow Book (CPR 14E 2005, ch. 4, Bakkum &
// Duijm, eq. 4.32) with the Businger-Dyer stability corrections: with a = (1 - 16 z/L)^(1/4) and
// psi(z) = 2 ln((1+a)/2) + ln((1+a^2)/2) - 2 atan(a) + pi/2,
//   unstable (A-C): u ~ ln(z/z0) - psi(z) + psi(z0);  neutral (D): u ~ ln(z/z0);
//   stable (E, F):  u ~ ln(z/z0) + 5 (z - z0)/L,
// scaled so that u(z_ref) = u_ref (the friction velocity and von Karman's constant cancel). The
// Monin-Obukhov length L comes from the class and the roughness length (CPR 14E ch. 4):
// L = a / log10(min(z0, 0.5 m)/b) with (a, b) = A (33.162, 1117), B (32.258, 11.46), C (51.787, 1.324),
// E (-48.330, 1.262), F (-31.325, 19.36); D is neutral (L infinite).
struct LogWindProfileOptions {
  double roughness_length_m = 0.1;  // Default: 0.1 m (the TNO models' default in GasDispersion.jl; B7)
};
// The Monin-Obukhov length, m (+infinity for class D). InvalidArgument when z0 is not positive.
Result<double> MoninObukhovLengthM(StabilityClass stability, double roughness_length_m);
// u(z); InvalidArgument naming the input when a speed or height is not positive, or when a height is not
// above the roughness length.
Result<double> TnoLogWindSpeedMS(double reference_speed_m_s, double reference_height_m, double height_m,
                                 StabilityClass stability, const LogWindProfileOptions& options = {});

}  // namespace chemsafe::qra
