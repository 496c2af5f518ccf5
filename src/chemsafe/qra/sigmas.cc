#include "chemsafe/qra/sigmas.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <utility>

#include <fmt/format.h>

namespace chemsafe::qra {
namespace {

std::size_t Index(StabilityClass s) { return static_cast<std::size_t>(s); }

// One coefficient per class, A to F.
using PerClass = std::array<double, 6>;

// The open upper end of the last range of a piecewise fit.
constexpr double kOpen = std::numeric_limits<double>::infinity();

// Briggs (1973) as tabulated by CCPS (1999): sigma = a x (1 + b x)^c, c in {-1/2, +1/2, -1, 0}.
struct BriggsTerm {
  double a, b, c;
  double At(double x) const { return a * x * std::pow(1.0 + b * x, c); }
};
using BriggsColumn = std::array<BriggsTerm, 6>;

// clang-format off
constexpr BriggsColumn kBriggsRuralY = {{{0.22, 0.0001, -0.5}, {0.16, 0.0001, -0.5}, {0.11, 0.0001, -0.5},
                                         {0.08, 0.0001, -0.5}, {0.06, 0.0001, -0.5}, {0.04, 0.0001, -0.5}}};
constexpr BriggsColumn kBriggsRuralZ = {{{0.20, 0.0, 0.0}, {0.12, 0.0, 0.0}, {0.08, 0.0002, -0.5},
                                         {0.06, 0.0015, -0.5}, {0.03, 0.0003, -1.0}, {0.016, 0.0003, -1.0}}};
constexpr BriggsColumn kBriggsUrbanY = {{{0.32, 0.0004, -0.5}, {0.32, 0.0004, -0.5}, {0.22, 0.0004, -0.5},
                                         {0.16, 0.0004, -0.5}, {0.11, 0.0004, -0.5}, {0.11, 0.0004, -0.5}}};
constexpr BriggsColumn kBriggsUrbanZ = {{{0.24, 0.001, 0.5}, {0.24, 0.001, 0.5}, {0.20, 0.0, 0.0},
                                         {0.14, 0.0003, -0.5}, {0.08, 0.0015, -0.5}, {0.08, 0.0015, -0.5}}};
// clang-format on

// A power law sigma = a x^b.
struct PowerTerm {
  double a, b;
  double At(double x) const { return a * std::pow(x, b); }
};
using PowerColumn = std::array<PowerTerm, 6>;

// CCPS (1999) puff coefficients (Slade 1968).
constexpr PowerColumn kCcpsPuffY = {
    {{0.18, 0.92}, {0.14, 0.92}, {0.10, 0.92}, {0.06, 0.92}, {0.04, 0.92}, {0.02, 0.89}}};
constexpr PowerColumn kCcpsPuffZ = {
    {{0.60, 0.75}, {0.53, 0.73}, {0.34, 0.71}, {0.15, 0.70}, {0.10, 0.65}, {0.05, 0.61}}};

// Turner (1970) sigma_y, as fitted in Lees (1996).
constexpr PowerColumn kTurnerY = {
    {{0.493, 0.88}, {0.337, 0.88}, {0.195, 0.90}, {0.128, 0.90}, {0.091, 0.91}, {0.067, 0.90}}};
// Turner (1970) sigma_z: a x^b up to x_split, then log10 sigma = c0 + c1 log10 x + c2 (log10 x)^2
// (Lees 1996). Class C is one power law over the whole range.
struct TurnerZ {
  double a, b, x_split_m, c0, c1, c2;
};
constexpr std::array<TurnerZ, 6> kTurnerZ = {{{0.087, 1.10, 300.0, -1.67, 0.902, 0.181},
                                              {0.135, 0.95, 500.0, -1.25, 1.09, 0.0018},
                                              {0.112, 0.91, kOpen, 0, 0, 0},
                                              {0.093, 0.85, 500.0, -1.22, 1.08, -0.061},
                                              {0.082, 0.82, 500.0, -1.18, 1.04, -0.070},
                                              {0.057, 0.80, 500.0, -1.91, 1.37, -0.119}}};

// TNO Yellow Book (CPR 14E 2005, ch. 4) plume coefficients.
constexpr PowerColumn kTnoY = {
    {{0.527, 0.865}, {0.371, 0.866}, {0.209, 0.897}, {0.128, 0.905}, {0.098, 0.902}, {0.065, 0.902}}};
constexpr PowerColumn kTnoZ = {
    {{0.28, 0.90}, {0.23, 0.85}, {0.22, 0.80}, {0.20, 0.76}, {0.15, 0.73}, {0.12, 0.67}}};
constexpr double kTnoPuffAlongWind = 0.13;      // sigma_x = 0.13 x
constexpr double kTnoPuffCrosswindShare = 0.5;  // puff sigma_y = 0.5 plume sigma_y

// Spicer & Havens (1989) sigma_y = delta x^0.9 (600 s); Seinfeld (1986) sigma_z.
constexpr PerClass kSpicerHavensY = {0.423, 0.313, 0.210, 0.136, 0.102, 0.0674};
constexpr double kSpicerHavensYExponent = 0.9;
struct SeinfeldZ {
  double delta, beta, gamma;
};
constexpr std::array<SeinfeldZ, 6> kSeinfeldZ = {{{107.7, -1.7172, 0.2770},
                                                  {0.1355, 0.8752, 0.0136},
                                                  {0.09623, 0.9477, -0.0020},
                                                  {0.04134, 1.1737, -0.0316},
                                                  {0.02275, 1.3010, -0.0450},
                                                  {0.01122, 1.4024, -0.0540}}};

// ISC3 rural (EPA 1995 vol. 2, table 1-2): sigma_y = 465.11628 x tan(0.017453293 (c - d ln x)), x in km.
struct Isc3Y {
  double c, d;
};
constexpr std::array<Isc3Y, 6> kIsc3Y = {{{24.1670, 2.5334},
                                          {18.3330, 1.8096},
                                          {12.5000, 1.0857},
                                          {8.3330, 0.72382},
                                          {6.2500, 0.54287},
                                          {4.1667, 0.36191}}};
constexpr double kIsc3YScale = 465.11628;
constexpr double kIsc3DegreesToRadians = 0.017453293;
constexpr double kIsc3SigmaZCapM = 5000.0;  // classes A-C
// sigma_z = a x^b for x (km) up to and including upper_km; the last range is open (upper_km = inf).
struct Isc3ZRange {
  double upper_km, a, b;
};
// Class A's first range excludes its upper end (x < 0.10 km) as printed; all others include it.
constexpr Isc3ZRange kIsc3ZA[] = {
    {0.10, 122.800, 0.94470}, {0.15, 158.080, 1.05420}, {0.20, 170.220, 1.09320}, {0.25, 179.520, 1.12620},
    {0.30, 217.410, 1.26440}, {0.40, 258.890, 1.40940}, {0.50, 346.750, 1.72830}, {kOpen, 453.850, 2.11660}};
constexpr Isc3ZRange kIsc3ZB[] = {
    {0.20, 90.673, 0.93198}, {0.40, 98.483, 0.98332}, {kOpen, 109.300, 1.09710}};
constexpr Isc3ZRange kIsc3ZC[] = {{kOpen, 61.141, 0.91465}};
constexpr Isc3ZRange kIsc3ZD[] = {{0.30, 34.459, 0.86974},  {1.00, 32.093, 0.81066},
                                  {3.00, 32.093, 0.64403},  {10.00, 33.504, 0.60486},
                                  {30.00, 36.650, 0.56589}, {kOpen, 44.053, 0.51179}};
constexpr Isc3ZRange kIsc3ZE[] = {
    {0.10, 24.260, 0.83660},  {0.30, 23.331, 0.81956},  {1.00, 21.628, 0.75660},
    {2.00, 21.628, 0.63077},  {4.00, 22.534, 0.57154},  {10.00, 24.703, 0.50527},
    {20.00, 26.970, 0.46713}, {40.00, 35.420, 0.37615}, {kOpen, 47.618, 0.29592}};
constexpr Isc3ZRange kIsc3ZF[] = {
    {0.20, 15.209, 0.81558},  {0.70, 14.457, 0.78407}, {1.00, 13.953, 0.68465},  {2.00, 13.953, 0.63227},
    {3.00, 14.823, 0.54503},  {7.00, 16.187, 0.46490}, {15.00, 17.836, 0.41507}, {30.00, 22.651, 0.32681},
    {60.00, 27.074, 0.27436}, {kOpen, 34.219, 0.21716}};

template <std::size_t N>
double Isc3Z(const Isc3ZRange (&ranges)[N], double x_km, bool first_upper_exclusive) {
  for (std::size_t i = 0; i < N; ++i) {
    const bool inside =
        (i == 0 && first_upper_exclusive) ? x_km < ranges[i].upper_km : x_km <= ranges[i].upper_km;
    if (inside) return ranges[i].a * std::pow(x_km, ranges[i].b);
  }
  return ranges[N - 1].a * std::pow(x_km, ranges[N - 1].b);  // unreachable: the last range is open
}

double Isc3RuralZ(StabilityClass s, double x_m) {
  const double x_km = x_m / 1000.0;
  switch (s) {
    case StabilityClass::kA:
      return std::min(Isc3Z(kIsc3ZA, x_km, true), kIsc3SigmaZCapM);
    case StabilityClass::kB:
      return std::min(Isc3Z(kIsc3ZB, x_km, false), kIsc3SigmaZCapM);
    case StabilityClass::kC:
      return std::min(Isc3Z(kIsc3ZC, x_km, false), kIsc3SigmaZCapM);
    case StabilityClass::kD:
      return Isc3Z(kIsc3ZD, x_km, false);
    case StabilityClass::kE:
      return Isc3Z(kIsc3ZE, x_km, false);
    case StabilityClass::kF:
      return Isc3Z(kIsc3ZF, x_km, false);
  }
  return 0;
}

double Isc3RuralY(StabilityClass s, double x_m) {
  const double x_km = x_m / 1000.0;
  const Isc3Y& k = kIsc3Y[Index(s)];
  return kIsc3YScale * x_km * std::tan(kIsc3DegreesToRadians * (k.c - k.d * std::log(x_km)));
}

double TurnerZAt(StabilityClass s, double x_m) {
  const TurnerZ& k = kTurnerZ[Index(s)];
  if (x_m <= k.x_split_m) return k.a * std::pow(x_m, k.b);
  const double l = std::log10(x_m);
  return std::pow(10.0, k.c0 + k.c1 * l + k.c2 * l * l);
}

double SeinfeldZAt(StabilityClass s, double x_m) {
  const SeinfeldZ& k = kSeinfeldZ[Index(s)];
  const double l = std::log(x_m);
  return k.delta * std::pow(x_m, k.beta) * std::exp(k.gamma * l * l);
}

Sigmas Plume(double y, double z) { return {y, y, z}; }

struct NamedSet {
  SigmaSet set;
  std::string_view name;
  ReleaseShape shape;
};
constexpr std::array<NamedSet, 8> kSets = {{
    {SigmaSet::kBriggsRural, "briggs_rural", ReleaseShape::kPlume},
    {SigmaSet::kBriggsUrban, "briggs_urban", ReleaseShape::kPlume},
    {SigmaSet::kCcpsPuff, "ccps_puff", ReleaseShape::kPuff},
    {SigmaSet::kIsc3Rural, "isc3_rural", ReleaseShape::kPlume},
    {SigmaSet::kTurner, "turner", ReleaseShape::kPlume},
    {SigmaSet::kTnoPlume, "tno_plume", ReleaseShape::kPlume},
    {SigmaSet::kTnoPuff, "tno_puff", ReleaseShape::kPuff},
    {SigmaSet::kSpicerHavensSeinfeld, "spicer_havens_seinfeld", ReleaseShape::kPlume},
}};

const NamedSet& Find(SigmaSet set) {
  for (const NamedSet& s : kSets) {
    if (s.set == set) return s;
  }
  return kSets[0];  // unreachable: every enumerator is listed
}

// Spicer & Havens (1989) lower limits of the averaging time, s.
constexpr PerClass kMinimumAveragingTimeS = {18.4, 18.4, 18.4, 18.3, 11.4, 4.6};

// Power-law exponents of the wind profile, A to F.
constexpr PerClass kRuralWindExponents = {0.07, 0.07, 0.10, 0.15, 0.35, 0.55};
constexpr PerClass kCcpsUrbanWindExponents = {0.15, 0.15, 0.20, 0.25, 0.40, 0.60};
constexpr PerClass kIsc3UrbanWindExponents = {0.15, 0.15, 0.20, 0.25, 0.30, 0.30};

bool PositiveFinite(double v) { return std::isfinite(v) && v > 0; }

Status NotPositive(std::string_view name, double v) {
  return InvalidArgument(fmt::format("{}: must be greater than 0 (is {})", name, v));
}

}  // namespace

Result<StabilityClass> ParseStabilityClass(std::string_view letter) {
  if (letter.size() == 1 && letter[0] >= 'A' && letter[0] <= 'F') {
    return kStabilityClasses[static_cast<std::size_t>(letter[0] - 'A')];
  }
  return InvalidArgument(fmt::format("unknown stability class \"{}\" (known: A, B, C, D, E, F)", letter));
}

char StabilityLetter(StabilityClass stability) { return static_cast<char>('A' + Index(stability)); }

Result<SigmaSet> ParseSigmaSet(std::string_view name) {
  for (const NamedSet& s : kSets) {
    if (s.name == name) return s.set;
  }
  return InvalidArgument(fmt::format("unknown sigma set \"{}\" (known: {})", name, KnownSigmaSetNames()));
}

std::string_view SigmaSetName(SigmaSet set) { return Find(set).name; }
ReleaseShape SigmaSetShape(SigmaSet set) { return Find(set).shape; }

std::string KnownSigmaSetNames() {
  std::string out;
  for (const NamedSet& s : kSets) {
    if (!out.empty()) out += ", ";
    out += s.name;
  }
  return out;
}

Result<Sigmas> DispersionSigmas(SigmaSet set, StabilityClass stability, double x_m) {
  if (!PositiveFinite(x_m)) return NotPositive("x_m", x_m);
  const std::size_t i = Index(stability);
  switch (set) {
    case SigmaSet::kBriggsRural:
      return Plume(kBriggsRuralY[i].At(x_m), kBriggsRuralZ[i].At(x_m));
    case SigmaSet::kBriggsUrban:
      return Plume(kBriggsUrbanY[i].At(x_m), kBriggsUrbanZ[i].At(x_m));
    case SigmaSet::kCcpsPuff: {
      const double y = kCcpsPuffY[i].At(x_m);
      return Sigmas{y, y, kCcpsPuffZ[i].At(x_m)};
    }
    case SigmaSet::kIsc3Rural:
      return Plume(Isc3RuralY(stability, x_m), Isc3RuralZ(stability, x_m));
    case SigmaSet::kTurner:
      return Plume(kTurnerY[i].At(x_m), TurnerZAt(stability, x_m));
    case SigmaSet::kTnoPlume:
      return Plume(kTnoY[i].At(x_m), kTnoZ[i].At(x_m));
    case SigmaSet::kTnoPuff:
      return Sigmas{kTnoPuffAlongWind * x_m, kTnoPuffCrosswindShare * kTnoY[i].At(x_m), kTnoZ[i].a * x_m};
    case SigmaSet::kSpicerHavensSeinfeld:
      return Plume(kSpicerHavensY[i] * std::pow(x_m, kSpicerHavensYExponent), SeinfeldZAt(stability, x_m));
  }
  return Internal("unknown sigma set");
}

double MinimumAveragingTimeS(StabilityClass stability) { return kMinimumAveragingTimeS[Index(stability)]; }

Result<double> AveragingTimeFactor(const AveragingTimeCorrection& correction, StabilityClass stability) {
  if (!PositiveFinite(correction.averaging_time_s)) {
    return NotPositive("averaging_time_s", correction.averaging_time_s);
  }
  if (!PositiveFinite(correction.reference_time_s)) {
    return NotPositive("reference_time_s", correction.reference_time_s);
  }
  if (!std::isfinite(correction.exponent)) return InvalidArgument("exponent: must be finite");
  const double t = std::max(correction.averaging_time_s, MinimumAveragingTimeS(stability));
  return std::pow(t / correction.reference_time_s, correction.exponent);
}

Result<WindExponentSet> ParseWindExponentSet(std::string_view name) {
  for (WindExponentSet s :
       {WindExponentSet::kRural, WindExponentSet::kCcpsUrban, WindExponentSet::kIsc3Urban}) {
    if (WindExponentSetName(s) == name) return s;
  }
  return InvalidArgument(
      fmt::format("unknown wind exponent set \"{}\" (known: rural, ccps_urban, isc3_urban)", name));
}

std::string_view WindExponentSetName(WindExponentSet set) {
  switch (set) {
    case WindExponentSet::kRural:
      return "rural";
    case WindExponentSet::kCcpsUrban:
      return "ccps_urban";
    case WindExponentSet::kIsc3Urban:
      return "isc3_urban";
  }
  return "";
}

double WindProfileExponent(WindExponentSet set, StabilityClass stability) {
  switch (set) {
    case WindExponentSet::kRural:
      return kRuralWindExponents[Index(stability)];
    case WindExponentSet::kCcpsUrban:
      return kCcpsUrbanWindExponents[Index(stability)];
    case WindExponentSet::kIsc3Urban:
      return kIsc3UrbanWindExponents[Index(stability)];
  }
  return 0;
}

Result<double> PowerLawWindSpeedMS(double reference_speed_m_s, double reference_height_m, double height_m,
                                   StabilityClass stability, WindExponentSet set) {
  if (!PositiveFinite(reference_speed_m_s)) return NotPositive("reference_speed_m_s", reference_speed_m_s);
  if (!PositiveFinite(reference_height_m)) return NotPositive("reference_height_m", reference_height_m);
  if (!PositiveFinite(height_m)) return NotPositive("height_m", height_m);
  return reference_speed_m_s * std::pow(height_m / reference_height_m, WindProfileExponent(set, stability));
}

namespace {

// CPR 14E ch. 4: L = a / log10(min(z0, 0.5)/b); class D is neutral.
struct MoninObukhovFit {
  double a, b;
};
constexpr std::array<MoninObukhovFit, 6> kMoninObukhov = {
    {{33.162, 1117.0}, {32.258, 11.46}, {51.787, 1.324}, {0, 0}, {-48.330, 1.262}, {-31.325, 19.36}}};
constexpr double kMoninObukhovMaxRoughnessM = 0.5;
constexpr double kUnstableFactor = 16.0;  // Businger-Dyer, as CPR 14E eq. 4.32
constexpr double kStableFactor = 5.0;

double Psi(double z, double length_m) {
  const double a = std::pow(1.0 - kUnstableFactor * z / length_m, 0.25);
  return 2.0 * std::log((1.0 + a) / 2.0) + std::log((1.0 + a * a) / 2.0) - 2.0 * std::atan(a) +
         std::numbers::pi / 2.0;
}

// The profile shape u(z) k/u*.
double LogProfile(double z, double z0, double length_m, StabilityClass s) {
  const double neutral = std::log(z / z0);
  switch (s) {
    case StabilityClass::kA:
    case StabilityClass::kB:
    case StabilityClass::kC:
      return neutral - Psi(z, length_m) + Psi(z0, length_m);
    case StabilityClass::kD:
      return neutral;
    case StabilityClass::kE:
    case StabilityClass::kF:
      return neutral + kStableFactor * (z - z0) / length_m;
  }
  return neutral;
}

}  // namespace

Result<double> MoninObukhovLengthM(StabilityClass stability, double roughness_length_m) {
  if (!PositiveFinite(roughness_length_m)) return NotPositive("roughness_length_m", roughness_length_m);
  if (stability == StabilityClass::kD) return std::numeric_limits<double>::infinity();
  const MoninObukhovFit& f = kMoninObukhov[Index(stability)];
  return f.a / std::log10(std::min(roughness_length_m, kMoninObukhovMaxRoughnessM) / f.b);
}

Result<double> TnoLogWindSpeedMS(double reference_speed_m_s, double reference_height_m, double height_m,
                                 StabilityClass stability, const LogWindProfileOptions& options) {
  if (!PositiveFinite(reference_speed_m_s)) return NotPositive("reference_speed_m_s", reference_speed_m_s);
  const double z0 = options.roughness_length_m;
  CHEMSAFE_ASSIGN_OR_RETURN(double length_m, MoninObukhovLengthM(stability, z0));
  for (auto [name, z] : {std::pair<std::string_view, double>{"reference_height_m", reference_height_m},
                         std::pair<std::string_view, double>{"height_m", height_m}}) {
    if (!(std::isfinite(z) && z > z0)) {
      return InvalidArgument(fmt::format("{}: must be above the roughness length {} m (is {})", name, z0, z));
    }
  }
  return reference_speed_m_s * LogProfile(height_m, z0, length_m, stability) /
         LogProfile(reference_height_m, z0, length_m, stability);
}

}  // namespace chemsafe::qra
