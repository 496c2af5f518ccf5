// Benchmark (issue 5 acceptance): the individual-risk grid, counted as nominal evaluations (cells ×
// scenario outcomes × weather classes × wind directions) per second, in the same run as
//   (a) the machine's multiply-add peak: a loop of independent fused multiply-adds on the widest vectors
//       the CPU has (AVX-512, AVX2+FMA or scalar), on as many threads as the engine uses;
//   (b) a plain, straightforward C++ implementation of the same sum: one thread, every cell × outcome ×
//       weather × direction evaluated through RadialLethality::At / DirectionalLethality::At, no shortcut;
//   (c) the engine (ComputeIndividualRisk), vectorised where the compiler can and threaded over tiles.
// Then a province: 1,000 installations × 20 outcomes × 6 weather classes × 12 directions on 10 m cells,
// footprints up to 1.5 km, installations in chemical parks and scattered over 300 km × 300 km, with the
// contours at the four default thresholds. Targets: engine ≥ 20 % of peak; the province in < 60 s.
// Inputs are synthetic (shapes like the Purple Book's six weather classes, probit-like lethality curves,
// Gaussian-like clouds), generated from a fixed seed.
//
// usage: bench_qra_risk [THREADS] [INSTALLATIONS]   (defaults 2, 1000)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <thread>
#include <vector>

#include "chemsafe/qra/contours.h"
#include "chemsafe/qra/risk_grid.h"

using Clock = std::chrono::steady_clock;
using namespace chemsafe::qra;

namespace {

double Seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

// ---- (a) The multiply-add peak: kChains independent accumulators of kWidth doubles (enough chains to cover
// the FMA latency on two ports, few enough to stay in registers), per thread. Returns the multiply-adds done.
// The callers enable the instruction set and let `acc * m + a` contract into one fused multiply-add (the
// project builds with -ffp-contract=off; here fusing is the point).
template <int kWidth>
struct Lanes;
template <>
struct Lanes<8> {
  typedef double type __attribute__((vector_size(64)));
};
template <>
struct Lanes<4> {
  typedef double type __attribute__((vector_size(32)));
};
template <>
struct Lanes<1> {
  typedef double type __attribute__((vector_size(8)));
};

template <int kWidth, int kChains>
__attribute__((always_inline)) inline double FmaChains(long rounds) {
  using V = typename Lanes<kWidth>::type;
  V acc[kChains];
  for (int k = 0; k < kChains; ++k) {
    for (int l = 0; l < kWidth; ++l) acc[k][l] = 1.0 + k * 1e-3;
  }
  V m, a;
  for (int l = 0; l < kWidth; ++l) {
    m[l] = 0.999999;
    a[l] = 1e-7;
  }
  for (long r = 0; r < rounds; ++r) {
    for (int k = 0; k < kChains; ++k) acc[k] = acc[k] * m + a;
  }
  double sum = 0;
  for (int k = 0; k < kChains; ++k) {
    for (int l = 0; l < kWidth; ++l) sum += acc[k][l];
  }
  if (sum == 0.0) std::puts("");
  return static_cast<double>(rounds) * kChains * kWidth;
}

__attribute__((target("avx512f"), optimize("fp-contract=fast"))) double FmaAvx512(long rounds) {
  return FmaChains<8, 16>(rounds);  // 16 zmm of 32
}
__attribute__((target("avx2,fma"), optimize("fp-contract=fast"))) double FmaAvx2(long rounds) {
  return FmaChains<4, 12>(rounds);  // 12 ymm of 16
}
double FmaScalar(long rounds) { return FmaChains<1, 8>(rounds); }  // multiply then add: no FMA assumed

struct Peak {
  const char* isa;
  double fma_per_s;
};

Peak MeasurePeak(int threads) {
  __builtin_cpu_init();
  const bool avx512 = __builtin_cpu_supports("avx512f");
  const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  const auto run = [&](long rounds) {
    return avx512 ? FmaAvx512(rounds) : avx2 ? FmaAvx2(rounds) : FmaScalar(rounds);
  };
  const long rounds = 100'000'000;
  double best = 0;
  for (int rep = 0; rep < 3; ++rep) {
    std::vector<double> done(static_cast<std::size_t>(threads));
    const auto t0 = Clock::now();
    {
      std::vector<std::jthread> pool;
      for (int t = 0; t < threads; ++t) pool.emplace_back([&, t] { done[static_cast<std::size_t>(t)] = run(rounds); });
    }
    const double s = Seconds(t0, Clock::now());
    double total = 0;
    for (double d : done) total += d;
    best = std::max(best, total / s);
  }
  return {avx512 ? "AVX-512 FMA" : avx2 ? "AVX2 FMA" : "scalar multiply-add", best};
}

// ---- Synthetic inputs.
// The Purple Book's six weather classes (CPR 18E §4.5) with made-up probabilities; a cloud's length and
// width scale with the class (stable F1.5 longest and narrowest).
struct ClassShape {
  const char* stability;
  double speed, probability, length_factor, width_factor;
};
constexpr ClassShape kClasses[6] = {{"B", 3, 0.10, 0.45, 1.6}, {"D", 1.5, 0.15, 0.8, 1.1}, {"D", 5, 0.35, 0.6, 1.0},
                                    {"D", 9, 0.10, 0.4, 0.9},  {"E", 5, 0.12, 0.75, 0.8}, {"F", 1.5, 0.18, 1.0, 0.6}};

std::vector<WeatherClass> Weather(std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0.3, 1.0);
  std::vector<WeatherClass> classes;
  for (const ClassShape& c : kClasses) {
    WeatherClass w;
    w.stability = c.stability;
    w.wind_speed_m_s = c.speed;
    w.probability = c.probability;
    double sum = 0;
    for (int k = 0; k < 12; ++k) sum += w.wind_rose.emplace_back(u(rng));
    for (double& p : w.wind_rose) p /= sum;
    classes.push_back(std::move(w));
  }
  return classes;
}

// A probit-like fall of lethality from 1 near the source to 0 at `reach`, 16 points.
RadialLethality RadialCurve(double reach) {
  RadialLethality t;
  for (int k = 0; k < 16; ++k) {
    const double r = reach * k / 15.0;
    t.distance_m.push_back(r);
    t.probability.push_back(k == 15 ? 0.0 : 0.5 * std::erfc((r / reach - 0.55) * 4.0));
  }
  return t;
}

// How the clouds' tables are laid out: all on the same axes (x 0..1500 m step 50, |y| 0..200 m step 10, as a
// dispersion model sampled on a fixed grid gives them), or each on its own axes fitted to the cloud (31 × 21
// nodes), so that no two tables merge: the engine then evaluates every outcome, weather and direction.
enum class CloudAxes { kShared, kOwn };

// A cloud of length `length` (m): centre-line lethality falling with x, Gaussian across.
DirectionalLethality Cloud(double length, double width, CloudAxes axes) {
  DirectionalLethality t;
  const bool shared = axes == CloudAxes::kShared;
  for (int i = 0; i <= 30; ++i) t.downwind_m.push_back((shared ? 50.0 : length / 30) * i);
  for (int j = 0; j <= 20; ++j) t.crosswind_m.push_back((shared ? 10.0 : 2.6 * width / 20) * j);
  for (double x : t.downwind_m) {
    const double centre = x > length ? 0.0 : std::min(1.0, 1.2 * (1.0 - x / length));
    const double sigma = width * (0.2 + 0.8 * std::min(1.0, x / length));
    for (double y : t.crosswind_m) t.probability.push_back(y > 2.5 * sigma ? 0.0 : centre * std::exp(-0.5 * (y / sigma) * (y / sigma)));
  }
  return t;
}

// An installation: 20 outcomes (12 fires and explosions, 8 clouds) at 4 source points within 80 m.
Installation MakeInstallation(int id, double x, double y, CloudAxes axes, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Installation inst;
  inst.id = "inst" + std::to_string(id);
  double sx[4], sy[4];
  for (int s = 0; s < 4; ++s) {
    sx[s] = std::round(x + 80 * (u(rng) - 0.5));
    sy[s] = std::round(y + 80 * (u(rng) - 0.5));
  }
  for (int k = 0; k < 20; ++k) {
    RiskOutcome o;
    o.id = inst.id + "/o" + std::to_string(k);
    o.x_m = sx[k % 4];
    o.y_m = sy[k % 4];
    o.frequency_per_yr = std::pow(10.0, -4.0 - 3.0 * u(rng));
    if (k < 12) {
      o.by_weather = {RadialCurve(50 + 700 * u(rng) * u(rng))};
    } else {
      const double length = 300 + 1200 * u(rng), width = 20 + 40 * u(rng);
      for (const ClassShape& c : kClasses) o.by_weather.push_back(Cloud(length * c.length_factor, width * c.width_factor, axes));
    }
    inst.outcomes.push_back(std::move(o));
  }
  return inst;
}

// ---- (b) The plain scalar sum over a dense box of cells, one thread, no shortcuts.
// The downwind vectors are computed once per weather class, not per evaluation (as any plain code would).
std::vector<double> ScalarGrid(const RiskModel& m, double x0, double y0, int nx, int ny, double cell) {
  std::vector<double> ir(static_cast<std::size_t>(nx) * ny, 0.0);
  std::vector<std::vector<Downwind>> downwind;
  for (const WeatherClass& wc : m.weather) {
    const int n = static_cast<int>(wc.wind_rose.size());
    auto& d = downwind.emplace_back();
    for (int k = 0; k < n; ++k) d.push_back(DownwindOfSector(k, n));
  }
  for (int j = 0; j < ny; ++j) {
    for (int i = 0; i < nx; ++i) {
      const double x = x0 + (i + 0.5) * cell, y = y0 + (j + 0.5) * cell;
      double sum = 0;
      for (const Installation& inst : m.installations) {
        for (const RiskOutcome& o : inst.outcomes) {
          for (std::size_t w = 0; w < m.weather.size(); ++w) {
            const WeatherClass& wc = m.weather[w];
            const int n = static_cast<int>(wc.wind_rose.size());
            for (int d = 0; d < n; ++d) {
              const Downwind u = downwind[w][static_cast<std::size_t>(d)];
              const double dx = x - o.x_m, dy = y - o.y_m;
              const Lethality& l = o.InWeather(w);
              const double p = std::holds_alternative<RadialLethality>(l)
                                   ? std::get<RadialLethality>(l).At(std::sqrt(dx * dx + dy * dy))
                                   : std::get<DirectionalLethality>(l).AtOffset(dx, dy, u);
              sum += o.frequency_per_yr * wc.probability * wc.wind_rose[static_cast<std::size_t>(d)] * p;
            }
          }
        }
      }
      ir[static_cast<std::size_t>(j) * nx + i] = sum;
    }
  }
  return ir;
}

std::int64_t Directions(const RiskModel& m) {
  std::int64_t n = 0;
  for (const WeatherClass& w : m.weather) n += static_cast<std::int64_t>(w.wind_rose.size());
  return n;
}

std::int64_t Outcomes(const RiskModel& m) {
  std::int64_t n = 0;
  for (const Installation& inst : m.installations) n += static_cast<std::int64_t>(inst.outcomes.size());
  return n;
}

struct Comparison {
  int status = 0;
  double scalar_rate = 0;
};

// (b) and (c) on one installation; prints the figures.
Comparison Compare(const RiskModel& one, const RiskGridOptions& options, const Peak& peak) {
  const double cell = options.cell_m, half = 1600.0;
  const int n = static_cast<int>(2 * half / cell);
  const double nominal = static_cast<double>(n) * n * static_cast<double>(Outcomes(one) * Directions(one));
  auto t0 = Clock::now();
  const std::vector<double> scalar = ScalarGrid(one, -half, -half, n, n, cell);
  const double scalar_s = Seconds(t0, Clock::now());
  RiskGridStats stats;
  double engine_s = HUGE_VAL;
  chemsafe::Result<RiskMap> map = RiskMap();
  for (int rep = 0; rep < 5; ++rep) {
    t0 = Clock::now();
    map = ComputeIndividualRisk(one, options, &stats);
    engine_s = std::min(engine_s, Seconds(t0, Clock::now()));
    if (!map.ok()) {
      std::fprintf(stderr, "bench_qra_risk: %s\n", map.status().ToString().c_str());
      return {1, 0};
    }
  }
  double max_ir = 0, max_diff = 0;
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) {
      const double s = scalar[static_cast<std::size_t>(j) * n + i];
      max_ir = std::max(max_ir, s);
      max_diff = std::max(max_diff, std::abs(s - map->At(i - n / 2, j - n / 2)));
    }
  }
  const double scalar_rate = nominal / scalar_s, engine_rate = nominal / engine_s;
  const bool shared = stats.directional_tables < 100;
  std::printf("  one installation, clouds on %s: %lld outcomes × %zu weather × 12 directions, %d × %d cells of %.0f m:\n"
              "    %.3g nominal evaluations\n",
              shared ? "shared axes" : "their own axes", static_cast<long long>(Outcomes(one)), one.weather.size(), n,
              n, cell, nominal);
  std::printf("  (b) plain scalar sum, 1 thread:  %8.3f s  %.3g evaluations/s\n", scalar_s, scalar_rate);
  std::printf("  (c) engine, %d threads:          %8.4f s  %.3g evaluations/s (best of 5); %lld table look-ups\n"
              "      done (%.3g look-ups/s: the work left after the shortcuts)\n",
              options.threads, engine_s, engine_rate, static_cast<long long>(stats.table_lookups),
              static_cast<double>(stats.table_lookups) / engine_s);
  std::printf("  engine agrees with the scalar sum: max |difference| %.2g of max IR %.2g\n", max_diff, max_ir);
  std::printf("  ratio engine/peak: %.1f %% (target >= 20 %%)   ratio engine/scalar: %.0fx\n",
              100 * engine_rate / peak.fma_per_s, engine_rate / scalar_rate);
  std::printf("  shortcuts: radial footprints merged per source point over outcomes and weather into one piecewise-\n"
              "    linear table (Σ_d p_d = 1; exact)%s, rows clipped to each\n"
              "    footprint's extent, uniform axes indexed directly; %lld radial and %lld directional tables evaluated\n",
              shared ? ", cloud tables on shared axes merged per source and direction over outcomes\n"
                       "    and weather (bilinear is linear in the node values; exact)"
                     : "; clouds not merged (no shared axes)",
              static_cast<long long>(stats.radial_tables), static_cast<long long>(stats.directional_tables));
  return {0, scalar_rate};
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : 2;
  const int installations = argc > 2 ? std::atoi(argv[2]) : 1000;
  std::printf("qra risk bench: synthetic inputs (fixed seed); %d threads\n", threads);

  const Peak peak = MeasurePeak(threads);
  std::printf("  (a) peak: %s loop, %d threads: %.3g multiply-adds/s\n", peak.isa, threads, peak.fma_per_s);

  // ---- One installation on a 3.2 km × 3.2 km box of 10 m cells: scalar against the engine, clouds on shared
  // axes and on their own axes.
  std::mt19937 rng(20261129);
  const std::vector<WeatherClass> weather = Weather(rng);
  RiskGridOptions options;
  options.cell_m = 10.0;
  options.threads = threads;
  double scalar_rate = 0;
  for (const CloudAxes axes : {CloudAxes::kShared, CloudAxes::kOwn}) {
    std::mt19937 same(7);
    RiskModel one;
    one.weather = weather;
    one.installations = {MakeInstallation(0, 0, 0, axes, same)};
    const Comparison c = Compare(one, options, peak);
    if (c.status != 0) return c.status;
    scalar_rate = c.scalar_rate;
  }

  // ---- The province.
  RiskModel province;
  province.weather = weather;
  RiskGridStats stats;
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double side = 300'000.0;
  std::vector<std::pair<double, double>> parks;
  for (int p = 0; p < 25; ++p) parks.emplace_back(side * u(rng), side * u(rng));
  for (int k = 0; k < installations; ++k) {
    double x, y;
    if (k % 5 < 3) {  // 60 % in 25 chemical parks of about 3 km radius
      const auto& [px, py] = parks[static_cast<std::size_t>(k % 25)];
      const double r = 3000 * std::sqrt(u(rng)), a = 2 * 3.141592653589793 * u(rng);
      x = px + r * std::cos(a);
      y = py + r * std::sin(a);
    } else {
      x = side * u(rng);
      y = side * u(rng);
    }
    province.installations.push_back(MakeInstallation(k, x, y, CloudAxes::kShared, rng));
  }
  auto t0 = Clock::now();
  auto pmap = ComputeIndividualRisk(province, options, &stats);
  const double grid_s = Seconds(t0, Clock::now());
  if (!pmap.ok()) {
    std::fprintf(stderr, "bench_qra_risk: %s\n", pmap.status().ToString().c_str());
    return 1;
  }
  t0 = Clock::now();
  auto contours = TraceContours(*pmap, province);
  const double contour_s = Seconds(t0, Clock::now());
  if (!contours.ok()) {
    std::fprintf(stderr, "bench_qra_risk: %s\n", contours.status().ToString().c_str());
    return 1;
  }
  const double geojson_kb = static_cast<double>(ContoursGeoJson(*contours).size()) / 1024;
  std::size_t polygons = 0;
  for (const RiskContour& c : *contours) polygons += c.polygons.size();
  const double pn = static_cast<double>(stats.nominal_evaluations);
  std::printf("  province: %d installations × 20 outcomes × 6 weather × 12 directions, 10 m cells, footprints up to 1.5 km,\n"
              "    60 %% in 25 parks, over %.0f km × %.0f km: %lld tiles (%.3g cells, %.0f MB), %.3g nominal evaluations\n",
              installations, side / 1000, side / 1000, static_cast<long long>(pmap->tiles().size()),
              static_cast<double>(stats.cells), static_cast<double>(stats.cells) * 8 / 1e6, pn);
  std::printf("    IR grid %.2f s (%.3g evaluations/s, %.1f %% of peak); contours at 4 thresholds %.2f s (%zu polygons,\n"
              "    GeoJSON %.0f kB); total %.2f s (target < 60 s); the plain scalar sum would take about %.0f s\n",
              grid_s, pn / grid_s, 100 * pn / grid_s / peak.fma_per_s, contour_s, polygons, geojson_kb,
              grid_s + contour_s, pn / scalar_rate);
  return 0;
}
