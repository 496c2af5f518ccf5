#include "chemsafe/qra/risk_grid.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <map>
#include <numbers>
#include <numeric>
#include <tuple>
#include <thread>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

namespace chemsafe::qra {
namespace {

// Index of the segment [a[k], a[k+1]] holding v (a strictly increasing, a.front() ≤ v ≤ a.back()).
std::size_t SegmentOf(const std::vector<double>& a, double v) {
  const auto it = std::upper_bound(a.begin(), a.end(), v);
  const std::size_t k = static_cast<std::size_t>(it - a.begin());
  return std::min(k == 0 ? 0 : k - 1, a.size() - 2);
}

Status CheckIncreasing(const std::vector<double>& a, const std::string& field, double min_value) {
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (!std::isfinite(a[k])) return InvalidArgument(fmt::format("{}[{}]: must be finite", field, k));
    if (a[k] < min_value) return InvalidArgument(fmt::format("{}[{}]: must be at least {}", field, k, min_value));
    if (k > 0 && a[k] <= a[k - 1]) {
      return InvalidArgument(fmt::format("{}[{}]: must be greater than the previous value", field, k));
    }
  }
  return Status::Ok();
}

bool IsProbability(double p) { return p >= 0.0 && p <= 1.0; }

Status CheckProbability(double p, const std::string& field) {
  if (!IsProbability(p)) return InvalidArgument(field + ": must be a probability in [0, 1]");
  return Status::Ok();
}

// CheckProbability of every element of the array `field`, its name formatted only for the one at fault
// (tables are checked on every call and hold thousands of values).
Status CheckProbabilities(const std::vector<double>& p, const std::string& field) {
  for (std::size_t k = 0; k < p.size(); ++k) {
    if (!IsProbability(p[k])) return CheckProbability(p[k], fmt::format("{}[{}]", field, k));
  }
  return Status::Ok();
}

Status CheckRadial(const RadialLethality& t, const std::string& field) {
  if (t.distance_m.empty() || t.distance_m.size() != t.probability.size()) {
    return InvalidArgument(field + ".distance_m: needs as many values as probability, at least one");
  }
  CHEMSAFE_RETURN_IF_ERROR(CheckIncreasing(t.distance_m, field + ".distance_m", 0.0));
  CHEMSAFE_RETURN_IF_ERROR(CheckProbabilities(t.probability, field + ".probability"));
  for (std::size_t k = 1; k < t.probability.size(); ++k) {
    if (t.probability[k] > t.probability[k - 1]) {
      return InvalidArgument(fmt::format("{}.probability[{}]: must not increase with distance", field, k));
    }
  }
  return Status::Ok();
}

Status CheckDirectional(const DirectionalLethality& t, const std::string& field) {
  if (t.downwind_m.size() < 2) return InvalidArgument(field + ".downwind_m: needs at least 2 values");
  if (t.crosswind_m.empty()) return InvalidArgument(field + ".crosswind_m: needs at least 1 value");
  CHEMSAFE_RETURN_IF_ERROR(CheckIncreasing(t.downwind_m, field + ".downwind_m", -HUGE_VAL));
  CHEMSAFE_RETURN_IF_ERROR(CheckIncreasing(t.crosswind_m, field + ".crosswind_m", 0.0));
  if (t.probability.size() != t.downwind_m.size() * t.crosswind_m.size()) {
    return InvalidArgument(field + ".probability: needs downwind_m.size() × crosswind_m.size() values");
  }
  return CheckProbabilities(t.probability, field + ".probability");
}

// ---- The merged radial table of one source point: Σ_c w_c P_c(r), piecewise linear on the union of the
// breakpoints. Interval k is (b[k], b[k+1]]; the value there runs linearly from left[k] to left[k] +
// slope[k]·(b[k+1] - b[k]). Left limits at the breakpoints, as RadialLethality::At (last distance included).
struct MergedRadial {
  std::vector<double> b, left, slope;

  double At(double r) const {
    if (b.size() < 2 || r > b.back()) return 0.0;
    const auto it = std::lower_bound(b.begin(), b.end(), r);
    std::size_t k = static_cast<std::size_t>(it - b.begin());
    k = k == 0 ? 0 : k - 1;
    return left[k] + slope[k] * (r - b[k]);
  }
};

// The linear piece of `t` on the open interval (lo, hi), which lies between two of its breakpoints (or
// beyond them), as (value at lo, slope).
std::pair<double, double> PieceOn(const RadialLethality& t, double lo, double hi) {
  const double mid = 0.5 * (lo + hi);
  if (mid > t.distance_m.back()) return {0.0, 0.0};
  if (mid < t.distance_m.front() || t.distance_m.size() == 1) return {t.probability.front(), 0.0};
  const std::size_t k = SegmentOf(t.distance_m, mid);
  const double slope = (t.probability[k + 1] - t.probability[k]) / (t.distance_m[k + 1] - t.distance_m[k]);
  return {t.probability[k] + slope * (lo - t.distance_m[k]), slope};
}

MergedRadial MergeRadial(const std::vector<std::pair<double, const RadialLethality*>>& parts) {
  MergedRadial m;
  if (parts.empty()) return m;
  m.b.push_back(0.0);
  for (const auto& [w, t] : parts) m.b.insert(m.b.end(), t->distance_m.begin(), t->distance_m.end());
  std::sort(m.b.begin(), m.b.end());
  m.b.erase(std::unique(m.b.begin(), m.b.end()), m.b.end());
  if (m.b.size() == 1) m.b.push_back(0.0);  // all tables end at 0: keep one (empty) interval
  m.left.assign(m.b.size() - 1, 0.0);
  m.slope.assign(m.b.size() - 1, 0.0);
  for (std::size_t k = 0; k + 1 < m.b.size(); ++k) {
    for (const auto& [w, t] : parts) {
      const auto [v, s] = PieceOn(*t, m.b[k], m.b[k + 1]);
      m.left[k] += w * v;
      m.slope[k] += w * s;
    }
  }
  // An interval of zero length (b = {0, 0}) holds the value at r = 0 only.
  return m;
}

// How to find the segment of a value on one axis of a table: uniform axes directly, others by binary search.
struct Axis {
  bool uniform = false;
  double inv_step = 0;

  std::size_t Segment(const std::vector<double>& a, double v) const {
    if (!uniform) return SegmentOf(a, v);
    return std::min(static_cast<std::size_t>((v - a.front()) * inv_step), a.size() - 2);
  }
};

// Bilinear interpolation on a table of the form of DirectionalLethality (its contract: 0 outside the
// downwind range and beyond the last crosswind offset, constant inside the first crosswind offset).
double TableAt(const std::vector<double>& xs, const std::vector<double>& ys, const double* values, Axis ax,
               Axis ay, double u, double v) {
  if (u < xs.front() || u > xs.back() || v > ys.back()) return 0.0;
  const std::size_t ny = ys.size();
  const std::size_t i = ax.Segment(xs, u);
  const double tx = (u - xs[i]) / (xs[i + 1] - xs[i]);
  const double* row0 = values + i * ny;
  const double* row1 = row0 + ny;
  if (ny == 1 || v <= ys.front()) return row0[0] + tx * (row1[0] - row0[0]);
  const std::size_t j = ay.Segment(ys, v);
  const double ty = (v - ys[j]) / (ys[j + 1] - ys[j]);
  const double a = row0[j] + ty * (row0[j + 1] - row0[j]);
  const double b = row1[j] + ty * (row1[j + 1] - row1[j]);
  return a + tx * (b - a);
}

// ---- A merged directional table of one source, axes and wind direction: Σ w·P on shared axes, with the
// direction's downwind unit vector.
struct MergedDirectional {
  const std::vector<double>* x = nullptr;
  const std::vector<double>* y = nullptr;
  std::vector<double> values;
  Downwind dir;
  Axis ax, ay;

  // The offsets (dx, dy) from the source that the footprint can cover: its rotated rectangle's bounding box.
  double dx_lo = 0, dx_hi = 0, dy_lo = 0, dy_hi = 0;
  // 1/dir.east and 1/dir.north, 0 where the component is (nearly) 0: for clipping rows.
  double inv_east = 0, inv_north = 0;

  double Reach() const {
    return std::hypot(std::max(std::abs(x->front()), std::abs(x->back())), y->back());
  }
  double At(double u, double v) const { return TableAt(*x, *y, values.data(), ax, ay, u, v); }
  void Bound() {
    inv_east = std::abs(dir.east) < 1e-12 ? 0.0 : 1.0 / dir.east;
    inv_north = std::abs(dir.north) < 1e-12 ? 0.0 : 1.0 / dir.north;
    dx_lo = dy_lo = HUGE_VAL;
    dx_hi = dy_hi = -HUGE_VAL;
    for (const double u : {x->front(), x->back()}) {
      for (const double v : {-y->back(), y->back()}) {
        const double dx = u * dir.east - v * dir.north, dy = u * dir.north + v * dir.east;
        dx_lo = std::min(dx_lo, dx);
        dx_hi = std::max(dx_hi, dx);
        dy_lo = std::min(dy_lo, dy);
        dy_hi = std::max(dy_hi, dy);
      }
    }
  }
};

// Adds a uniform-axes table (at least 2 × 2 nodes) to `count` cells of a row: cell k at the offset
// (dx0 + k·c, dy) from the source. TableAt's contract, with the segments found by index arithmetic and the
// outside masked instead of branched on, so that GCC vectorises it (gathers on AVX2 / AVX-512). Built for
// x86-64-v4, x86-64-v3 and the baseline x86-64 and picked at run time (target_clones), so the binary runs on
// any x86-64. no-trapping-math lets the conversions to int run on masked lanes (it changes no result);
// the dynamic cost model lets -O2 (the RelWithDebInfo preset) vectorise it as -O3 does.
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default"),
               optimize("no-trapping-math", "vect-cost-model=dynamic"))) void
AddUniformTableToRow(
    const MergedDirectional& m, double dx0, double dy, double c, int count, double* __restrict out) {
  const double e = m.dir.east, n = m.dir.north;
  const double x0 = m.x->front(), y0 = m.y->front();
  const double inv_x = m.ax.inv_step, inv_y = m.ay.inv_step;
  const int nx = static_cast<int>(m.x->size()), ny = static_cast<int>(m.y->size());
  const double x_last = nx - 1, y_last = ny - 1;
  const double* values = m.values.data();
  for (int k = 0; k < count; ++k) {
    const double dx = dx0 + k * c;
    const double fx = (dx * e + dy * n - x0) * inv_x;
    const double fy_raw = (__builtin_fabs(dy * e - dx * n) - y0) * inv_y;
    const double fy = fy_raw > 0.0 ? fy_raw : 0.0;  // inside the first crosswind offset: column 0
    const bool inside = (fx >= 0.0) & (fx <= x_last) & (fy <= y_last);  // no branches: vectorisable
    // Clamped onto the table whether inside or not (the outside is masked below), so that the conversions
    // to int run on every lane unconditionally.
    const double fx_low = fx > 0.0 ? fx : 0.0;
    const double fxc = fx_low < x_last ? fx_low : x_last, fyc = fy < y_last ? fy : y_last;
    int i = static_cast<int>(fxc), j = static_cast<int>(fyc);
    i = i < nx - 2 ? i : nx - 2;
    j = j < ny - 2 ? j : ny - 2;
    const double tx = fxc - i, ty = fyc - j;
    const int q = i * ny + j;
    const double a = values[q] + ty * (values[q + 1] - values[q]);
    const double b = values[q + ny] + ty * (values[q + ny + 1] - values[q + ny]);
    const double p = a + tx * (b - a);
    out[k] += inside ? p : 0.0;
  }
}

Axis AxisOf(const std::vector<double>& a) {
  Axis axis;
  if (a.size() < 2) return axis;
  const double step = (a.back() - a.front()) / static_cast<double>(a.size() - 1);
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (std::abs(a[k] - (a.front() + step * static_cast<double>(k))) > 1e-9 * std::max(1.0, std::abs(a.back()))) {
      return axis;
    }
  }
  axis.uniform = true;
  axis.inv_step = 1.0 / step;
  return axis;
}

// Everything the grid needs about one source point.
struct Source {
  double x = 0, y = 0;
  MergedRadial radial;
  std::vector<MergedDirectional> directional;
  double reach = 0;
  std::int64_t nominal_per_cell = 0;  // Σ over its outcomes of weather classes × directions
};

std::int64_t SectorsTotal(const RiskModel& model) {
  std::int64_t n = 0;
  for (const WeatherClass& w : model.weather) n += static_cast<std::int64_t>(w.wind_rose.size());
  return n;
}

// The reduced fraction k/n of a full turn: the key of one wind direction across roses of different sizes.
std::pair<int, int> DirectionKey(int k, int n) {
  const int g = std::gcd(k, n);
  return {k / g, n / g};
}

std::vector<Source> BuildSources(const RiskModel& model) {
  // Group the outcomes by their exact source point.
  std::map<std::pair<double, double>, std::vector<const RiskOutcome*>> by_point;
  for (const Installation& inst : model.installations) {
    for (const RiskOutcome& o : inst.outcomes) by_point[{o.x_m, o.y_m}].push_back(&o);
  }
  const std::int64_t sectors_total = SectorsTotal(model);
  std::vector<Source> sources;
  sources.reserve(by_point.size());
  for (const auto& [point, outcomes] : by_point) {
    Source s;
    s.x = point.first;
    s.y = point.second;
    std::vector<std::pair<double, const RadialLethality*>> radial_parts;
    // Directional: per axes, per weather, Σ_o f_o T_{o,w}.
    using Axes = std::pair<const std::vector<double>*, const std::vector<double>*>;
    std::vector<Axes> axes;
    std::vector<std::vector<std::vector<double>>> by_axes_weather;  // [axes][weather] → summed table
    for (const RiskOutcome* o : outcomes) {
      s.nominal_per_cell += sectors_total;
      if (o->frequency_per_yr == 0.0) continue;
      for (std::size_t w = 0; w < model.weather.size(); ++w) {
        const double pw = model.weather[w].probability;
        if (pw == 0.0) continue;
        const Lethality& l = o->InWeather(w);
        if (const auto* r = std::get_if<RadialLethality>(&l)) {
          radial_parts.emplace_back(o->frequency_per_yr * pw, r);
          continue;
        }
        const auto& d = std::get<DirectionalLethality>(l);
        std::size_t a = 0;
        while (a < axes.size() && !(*axes[a].first == d.downwind_m && *axes[a].second == d.crosswind_m)) ++a;
        if (a == axes.size()) {
          axes.emplace_back(&d.downwind_m, &d.crosswind_m);
          by_axes_weather.emplace_back(model.weather.size());
        }
        std::vector<double>& sum = by_axes_weather[a][w];
        if (sum.empty()) sum.assign(d.probability.size(), 0.0);
        for (std::size_t k = 0; k < sum.size(); ++k) sum[k] += o->frequency_per_yr * d.probability[k];
      }
    }
    s.radial = MergeRadial(radial_parts);
    if (s.radial.b.size() >= 2) s.reach = s.radial.b.back();
    for (std::size_t a = 0; a < axes.size(); ++a) {
      std::map<std::pair<int, int>, std::size_t> by_direction;
      for (std::size_t w = 0; w < model.weather.size(); ++w) {
        const std::vector<double>& sum = by_axes_weather[a][w];
        if (sum.empty()) continue;
        const WeatherClass& wc = model.weather[w];
        const int n = static_cast<int>(wc.wind_rose.size());
        for (int k = 0; k < n; ++k) {
          const double weight = wc.probability * wc.wind_rose[static_cast<std::size_t>(k)];
          if (weight == 0.0) continue;
          auto [it, added] = by_direction.try_emplace(DirectionKey(k, n), s.directional.size());
          if (added) {
            MergedDirectional m;
            m.x = axes[a].first;
            m.y = axes[a].second;
            m.values.assign(sum.size(), 0.0);
            m.dir = DownwindOfSector(k, n);
            m.ax = AxisOf(*m.x);
            m.ay = AxisOf(*m.y);
            m.Bound();
            s.directional.push_back(std::move(m));
          }
          std::vector<double>& v = s.directional[it->second].values;
          for (std::size_t q = 0; q < v.size(); ++q) v[q] += weight * sum[q];
        }
      }
    }
    for (const MergedDirectional& m : s.directional) s.reach = std::max(s.reach, m.Reach());
    sources.push_back(std::move(s));
  }
  return sources;
}

// Narrows [*dx_lo, *dx_hi] to the offsets dx from the source with a ≤ c·dx + e ≤ b (empty: *dx_hi = -inf);
// inv_c = 1/c, or 0 when |c| < 1e-12 (then the condition holds for every dx or none).
void ClipLinear(double inv_c, double e, double a, double b, double* dx_lo, double* dx_hi) {
  if (inv_c == 0.0) {
    if (e < a - 1e-9 || e > b + 1e-9) *dx_hi = -HUGE_VAL;
    return;
  }
  double lo = (a - e) * inv_c, hi = (b - e) * inv_c;
  if (lo > hi) std::swap(lo, hi);
  *dx_lo = std::max(*dx_lo, lo);
  *dx_hi = std::min(*dx_hi, hi);
}

struct TileKey {
  std::int64_t ti, tj;
  bool operator==(const TileKey&) const = default;
};
struct TileKeyHash {
  std::size_t operator()(const TileKey& k) const {
    return std::hash<std::int64_t>()(k.ti * 0x9E3779B97F4A7C15LL ^ k.tj);
  }
};

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// Adds the contributions of source `s` to the tile of cells [i0, i0+T) × [j0, j0+T).
std::int64_t AddSourceToTile(const Source& s, const RiskGridOptions& o, std::int64_t i0, std::int64_t j0,
                             double* tile) {
  constexpr int T = RiskMap::kTileCells;
  static_assert(T % 8 == 0, "rows are padded to whole vectors of 8 cells");
  const double c = o.cell_m, inv_c = 1.0 / c;
  std::int64_t lookups = 0;
  // The clouds whose extent meets this tile.
  const double tile_dx_lo = o.origin_x_m + static_cast<double>(i0) * c - s.x, tile_dx_hi = tile_dx_lo + T * c;
  const double tile_dy_lo = o.origin_y_m + static_cast<double>(j0) * c - s.y, tile_dy_hi = tile_dy_lo + T * c;
  std::vector<const MergedDirectional*> clouds;
  for (const MergedDirectional& m : s.directional) {
    if (m.dx_hi >= tile_dx_lo && m.dx_lo <= tile_dx_hi && m.dy_hi >= tile_dy_lo && m.dy_lo <= tile_dy_hi) {
      clouds.push_back(&m);
    }
  }
  for (int jj = 0; jj < T; ++jj) {
    const double dy = o.origin_y_m + (static_cast<double>(j0 + jj) + 0.5) * c - s.y;
    if (std::abs(dy) > s.reach) continue;
    double* row = tile + static_cast<std::ptrdiff_t>(jj) * T;
    const double x_first = o.origin_x_m + (static_cast<double>(i0) + 0.5) * c - s.x;  // dx of column 0
    const auto columns = [&](double dx_lo, double dx_hi, int* a, int* b) {
      *a = static_cast<int>(std::max<double>(0.0, std::floor((dx_lo - x_first) * inv_c) - 1.0));
      *b = static_cast<int>(std::min<double>(T - 1, std::ceil((dx_hi - x_first) * inv_c) + 1.0));
    };
    if (s.radial.b.size() >= 2) {
      const double rr = s.radial.b.back();
      if (std::abs(dy) <= rr) {
        const double half = std::sqrt(rr * rr - dy * dy);
        int a, b;
        columns(-half, half, &a, &b);
        for (int ii = a; ii <= b; ++ii) {
          const double dx = x_first + ii * c;
          row[ii] += s.radial.At(std::sqrt(dx * dx + dy * dy));
        }
        lookups += std::max(0, b - a + 1);
      }
    }
    for (const MergedDirectional* cloud : clouds) {
      const MergedDirectional& m = *cloud;
      if (dy < m.dy_lo || dy > m.dy_hi) continue;
      // u = dx·e + dy·n (downwind), v = dy·e - dx·n (crosswind).
      const double e = m.dir.east, n = m.dir.north;
      double dx_lo = -HUGE_VAL, dx_hi = HUGE_VAL;
      ClipLinear(m.inv_east, dy * n, m.x->front(), m.x->back(), &dx_lo, &dx_hi);
      ClipLinear(-m.inv_north, dy * e, -m.y->back(), m.y->back(), &dx_lo, &dx_hi);
      if (!(dx_lo <= dx_hi)) continue;
      int a, b;
      columns(dx_lo, dx_hi, &a, &b);
      if (b < a) continue;
      lookups += b - a + 1;
      if (m.ax.uniform && m.ay.uniform && m.y->size() >= 2) {
        // Whole vectors of 8 cells (the kernel gives 0 outside the footprint), so that no scalar remainder
        // loop runs; T is a multiple of 8.
        const int count = (b - a + 1 + 7) / 8 * 8;
        a = std::min(a, T - count);
        AddUniformTableToRow(m, x_first + a * c, dy, c, count, row + a);
        continue;
      }
      for (int ii = a; ii <= b; ++ii) {
        const double dx = x_first + ii * c;
        row[ii] += m.At(dx * e + dy * n, std::abs(dy * e - dx * n));
      }
    }
  }
  return lookups;
}

}  // namespace

double RadialLethality::At(double r_m) const {
  if (distance_m.empty() || r_m > distance_m.back()) return 0.0;
  if (r_m <= distance_m.front() || distance_m.size() == 1) return probability.front();
  const auto it = std::lower_bound(distance_m.begin(), distance_m.end(), r_m);
  const std::size_t k = static_cast<std::size_t>(it - distance_m.begin()) - 1;  // d[k] < r ≤ d[k+1]
  const double t = (r_m - distance_m[k]) / (distance_m[k + 1] - distance_m[k]);
  return probability[k] + t * (probability[k + 1] - probability[k]);
}

double DirectionalLethality::At(double x_m, double y_m) const {
  return TableAt(downwind_m, crosswind_m, probability.data(), Axis{}, Axis{}, x_m, std::abs(y_m));
}

double DirectionalLethality::ReachM() const {
  if (downwind_m.empty() || crosswind_m.empty()) return 0.0;
  return std::hypot(std::max(std::abs(downwind_m.front()), std::abs(downwind_m.back())), crosswind_m.back());
}

Result<RadialLethality> ParseLethalityTable(std::string_view text) {
  RadialLethality t;
  int line_no = 0;
  bool first = true;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string line(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_no;
    std::replace_if(line.begin(), line.end(), [](char ch) { return ch == ',' || ch == ';' || ch == '\t' || ch == '\r'; }, ' ');
    const std::size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos || line[start] == '#') continue;
    const char* p = line.c_str() + start;
    char* after = nullptr;
    const double d = std::strtod(p, &after);
    const bool header = after == p;
    if (header && first) {
      first = false;
      continue;
    }
    first = false;
    if (header) return InvalidArgument(fmt::format("line {}: distance_m: not a number", line_no));
    p = after;
    const double prob = std::strtod(p, &after);
    if (after == p) return InvalidArgument(fmt::format("line {}: probability: not a number", line_no));
    if (std::string_view(after).find_first_not_of(' ') != std::string_view::npos) {
      return InvalidArgument(fmt::format("line {}: expected two numbers, distance_m and probability", line_no));
    }
    t.distance_m.push_back(d);
    t.probability.push_back(prob);
  }
  CHEMSAFE_RETURN_IF_ERROR(CheckRadial(t, "table"));
  return t;
}

Result<DirectionalLethality> DirectionalFromIsopleths(const std::vector<Isopleth>& isopleths,
                                                      std::vector<double> downwind_m,
                                                      std::vector<double> crosswind_m) {
  DirectionalLethality t;
  t.downwind_m = std::move(downwind_m);
  t.crosswind_m = std::move(crosswind_m);
  t.probability.assign(t.downwind_m.size() * t.crosswind_m.size(), 0.0);
  for (std::size_t k = 0; k < isopleths.size(); ++k) {
    const Isopleth& iso = isopleths[k];
    const std::string field = fmt::format("isopleths[{}]", k);
    CHEMSAFE_RETURN_IF_ERROR(CheckProbability(iso.probability, field + ".probability"));
    if (iso.downwind_m.size() < 2 || iso.downwind_m.size() != iso.half_width_m.size()) {
      return InvalidArgument(field + ".downwind_m: needs as many values as half_width_m, at least 2");
    }
    CHEMSAFE_RETURN_IF_ERROR(CheckIncreasing(iso.downwind_m, field + ".downwind_m", -HUGE_VAL));
    for (std::size_t q = 0; q < iso.half_width_m.size(); ++q) {
      if (!(iso.half_width_m[q] >= 0.0)) {
        return InvalidArgument(fmt::format("{}.half_width_m[{}]: must be at least 0", field, q));
      }
    }
  }
  const std::size_t ny = t.crosswind_m.size();
  for (std::size_t i = 0; i < t.downwind_m.size(); ++i) {
    const double x = t.downwind_m[i];
    for (const Isopleth& iso : isopleths) {
      if (x < iso.downwind_m.front() || x > iso.downwind_m.back()) continue;
      const std::size_t s = SegmentOf(iso.downwind_m, x);
      const double f = (x - iso.downwind_m[s]) / (iso.downwind_m[s + 1] - iso.downwind_m[s]);
      const double half = iso.half_width_m[s] + f * (iso.half_width_m[s + 1] - iso.half_width_m[s]);
      for (std::size_t j = 0; j < ny; ++j) {
        double& p = t.probability[i * ny + j];
        if (t.crosswind_m[j] <= half) p = std::max(p, iso.probability);
      }
    }
  }
  return t;
}

Status CheckRiskModel(const RiskModel& model, const ModelCheckOptions& options) {
  if (model.weather.empty()) return InvalidArgument("weather: needs at least one class");
  double sum_w = 0;
  for (std::size_t w = 0; w < model.weather.size(); ++w) {
    const WeatherClass& wc = model.weather[w];
    const std::string field = fmt::format("weather[{}]", w);
    CHEMSAFE_RETURN_IF_ERROR(CheckProbability(wc.probability, field + ".probability"));
    sum_w += wc.probability;
    if (wc.wind_rose.empty()) return InvalidArgument(field + ".wind_rose: needs at least one sector");
    double sum_d = 0;
    CHEMSAFE_RETURN_IF_ERROR(CheckProbabilities(wc.wind_rose, field + ".wind_rose"));
    for (const double p : wc.wind_rose) sum_d += p;
    if (std::abs(sum_d - 1.0) > options.sum_tolerance) {
      return InvalidArgument(fmt::format("{}.wind_rose: the probabilities sum to {}, not 1", field, sum_d));
    }
  }
  if (std::abs(sum_w - 1.0) > options.sum_tolerance) {
    return InvalidArgument(fmt::format("weather: the classes' probabilities sum to {}, not 1", sum_w));
  }
  for (std::size_t i = 0; i < model.installations.size(); ++i) {
    const Installation& inst = model.installations[i];
    for (std::size_t k = 0; k < inst.outcomes.size(); ++k) {
      const RiskOutcome& o = inst.outcomes[k];
      const std::string field = fmt::format("installations[{}].outcomes[{}]", i, k);
      if (!std::isfinite(o.x_m) || !std::isfinite(o.y_m)) return InvalidArgument(field + ".x_m: must be finite");
      if (!(o.frequency_per_yr >= 0.0) || !std::isfinite(o.frequency_per_yr)) {
        return InvalidArgument(field + ".frequency_per_yr: must be finite and at least 0");
      }
      CHEMSAFE_RETURN_IF_ERROR(CheckProbability(o.indoor_lethality_factor, field + ".indoor_lethality_factor"));
      if (o.by_weather.size() != 1 && o.by_weather.size() != model.weather.size()) {
        return InvalidArgument(field + fmt::format(".by_weather: needs 1 or {} footprints (one per weather class)",
                                                   model.weather.size()));
      }
      for (std::size_t w = 0; w < o.by_weather.size(); ++w) {
        const std::string f = fmt::format("{}.by_weather[{}]", field, w);
        if (const auto* r = std::get_if<RadialLethality>(&o.by_weather[w])) {
          CHEMSAFE_RETURN_IF_ERROR(CheckRadial(*r, f));
        } else {
          CHEMSAFE_RETURN_IF_ERROR(CheckDirectional(std::get<DirectionalLethality>(o.by_weather[w]), f));
        }
      }
    }
  }
  return Status::Ok();
}

Downwind DownwindOfSector(int sector, int sectors) {
  const double from = 2.0 * std::numbers::pi * static_cast<double>(sector) / static_cast<double>(sectors);
  return {-std::sin(from), -std::cos(from)};
}

double OutcomeReachM(const RiskOutcome& outcome) {
  double reach = 0;
  for (const Lethality& l : outcome.by_weather) {
    reach = std::max(reach, std::visit([](const auto& t) { return t.ReachM(); }, l));
  }
  return reach;
}

Result<std::vector<double>> IndividualRiskAt(const RiskModel& model, std::span<const PointM> points,
                                             const ModelCheckOptions& options) {
  CHEMSAFE_RETURN_IF_ERROR(CheckRiskModel(model, options));
  std::vector<double> ir(points.size(), 0.0);
  for (const Installation& inst : model.installations) {
    for (const RiskOutcome& o : inst.outcomes) {
      const double reach = OutcomeReachM(o);
      for (std::size_t w = 0; w < model.weather.size(); ++w) {
        const WeatherClass& wc = model.weather[w];
        const Lethality& l = o.InWeather(w);
        const int n = static_cast<int>(wc.wind_rose.size());
        for (std::size_t p = 0; p < points.size(); ++p) {
          const double dx = points[p].x_m - o.x_m, dy = points[p].y_m - o.y_m;
          if (std::abs(dx) > reach || std::abs(dy) > reach) continue;  // every footprint is 0 there
          if (const auto* r = std::get_if<RadialLethality>(&l)) {
            ir[p] += o.frequency_per_yr * wc.probability * r->At(std::hypot(dx, dy));
            continue;
          }
          const auto& d = std::get<DirectionalLethality>(l);
          double sum = 0;
          for (int k = 0; k < n; ++k) {
            sum += wc.wind_rose[static_cast<std::size_t>(k)] * d.AtOffset(dx, dy, DownwindOfSector(k, n));
          }
          ir[p] += o.frequency_per_yr * wc.probability * sum;
        }
      }
    }
  }
  return ir;
}

RiskMap::RiskMap(double cell_m, double origin_x_m, double origin_y_m, std::vector<Tile> tiles)
    : cell_m_(cell_m), origin_x_m_(origin_x_m), origin_y_m_(origin_y_m), tiles_(std::move(tiles)) {
  std::sort(tiles_.begin(), tiles_.end(),
            [](const Tile& a, const Tile& b) { return std::tie(a.tj, a.ti) < std::tie(b.tj, b.ti); });
}

const RiskMap::Tile* RiskMap::FindTile(std::int64_t ti, std::int64_t tj) const {
  const auto it = std::lower_bound(tiles_.begin(), tiles_.end(), std::make_pair(tj, ti),
                                   [](const Tile& t, const std::pair<std::int64_t, std::int64_t>& k) {
                                     return std::tie(t.tj, t.ti) < std::tie(k.first, k.second);
                                   });
  if (it == tiles_.end() || it->ti != ti || it->tj != tj) return nullptr;
  return &*it;
}

double RiskMap::At(std::int64_t i, std::int64_t j) const {
  const std::int64_t ti = FloorDiv(i, kTileCells), tj = FloorDiv(j, kTileCells);
  const Tile* t = FindTile(ti, tj);
  if (t == nullptr) return 0.0;
  return t->ir_per_yr[static_cast<std::size_t>((j - tj * kTileCells) * kTileCells + (i - ti * kTileCells))];
}

Result<RiskMap> ComputeIndividualRisk(const RiskModel& model, const RiskGridOptions& options,
                                      RiskGridStats* stats) {
  if (!(options.cell_m > 0.0) || !std::isfinite(options.cell_m)) {
    return InvalidArgument("cell_m: must be greater than 0");
  }
  if (!(options.drop_tiles_below_per_yr >= 0.0) || !std::isfinite(options.drop_tiles_below_per_yr)) {
    return InvalidArgument("drop_tiles_below_per_yr: must be 0 or more");
  }
  if (options.threads < 0) return InvalidArgument("threads: must be at least 0");
  CHEMSAFE_RETURN_IF_ERROR(CheckRiskModel(model, options.check));
  const std::vector<Source> sources = BuildSources(model);

  // The tiles each source reaches (its reach square, tiles beyond the reach circle dropped).
  constexpr std::int64_t T = RiskMap::kTileCells;
  const double tile_m = options.cell_m * static_cast<double>(T);
  std::unordered_map<TileKey, std::size_t, TileKeyHash> index;
  std::vector<TileKey> keys;
  std::vector<std::vector<std::uint32_t>> tile_sources;
  RiskGridStats st;
  for (std::size_t s = 0; s < sources.size(); ++s) {
    const Source& src = sources[s];
    if (src.reach <= 0.0 && src.radial.b.size() < 2) continue;
    const auto tile_of = [&](double v, double origin) {
      return static_cast<std::int64_t>(std::floor((v - origin) / tile_m));
    };
    const std::int64_t ti0 = tile_of(src.x - src.reach, options.origin_x_m);
    const std::int64_t ti1 = tile_of(src.x + src.reach, options.origin_x_m);
    const std::int64_t tj0 = tile_of(src.y - src.reach, options.origin_y_m);
    const std::int64_t tj1 = tile_of(src.y + src.reach, options.origin_y_m);
    for (std::int64_t tj = tj0; tj <= tj1; ++tj) {
      for (std::int64_t ti = ti0; ti <= ti1; ++ti) {
        // Nearest point of the tile to the source.
        const double x0 = options.origin_x_m + static_cast<double>(ti) * tile_m;
        const double y0 = options.origin_y_m + static_cast<double>(tj) * tile_m;
        const double nx = std::clamp(src.x, x0, x0 + tile_m) - src.x;
        const double ny = std::clamp(src.y, y0, y0 + tile_m) - src.y;
        if (std::hypot(nx, ny) > src.reach + options.cell_m) continue;
        auto [it, added] = index.try_emplace(TileKey{ti, tj}, keys.size());
        if (added) {
          keys.push_back({ti, tj});
          tile_sources.emplace_back();
        }
        tile_sources[it->second].push_back(static_cast<std::uint32_t>(s));
        st.nominal_evaluations += T * T * src.nominal_per_cell;
      }
    }
    st.radial_tables += src.radial.b.size() >= 2 ? 1 : 0;
    st.directional_tables += static_cast<std::int64_t>(src.directional.size());
  }

  std::vector<RiskMap::Tile> tiles(keys.size());
  std::atomic<std::size_t> next{0};
  std::atomic<std::int64_t> lookups{0};
  const auto work = [&] {
    std::int64_t mine = 0;
    for (std::size_t t = next++; t < tiles.size(); t = next++) {
      RiskMap::Tile& tile = tiles[t];
      tile.ti = keys[t].ti;
      tile.tj = keys[t].tj;
      tile.ir_per_yr.assign(static_cast<std::size_t>(T * T), 0.0);
      for (const std::uint32_t s : tile_sources[t]) {
        mine += AddSourceToTile(sources[s], options, tile.ti * T, tile.tj * T, tile.ir_per_yr.data());
      }
      // A tile at or below the threshold everywhere goes now, not after every tile is in memory.
      if (std::all_of(tile.ir_per_yr.begin(), tile.ir_per_yr.end(),
                      [&](double v) { return v <= options.drop_tiles_below_per_yr; })) {
        std::vector<double>().swap(tile.ir_per_yr);
      }
    }
    lookups += mine;
  };
  unsigned threads = options.threads > 0 ? static_cast<unsigned>(options.threads) : std::thread::hardware_concurrency();
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(1, tiles.size()))));
  {
    std::vector<std::jthread> pool;
    for (unsigned k = 1; k < threads; ++k) pool.emplace_back(work);
    work();
  }
  // Tiles the footprints only brushed (all zero, or all at most the threshold) were emptied: dropped.
  std::erase_if(tiles, [](const RiskMap::Tile& t) { return t.ir_per_yr.empty(); });
  st.cells = static_cast<std::int64_t>(tiles.size()) * T * T;
  st.table_lookups = lookups.load();
  if (stats != nullptr) *stats = st;
  return RiskMap(options.cell_m, options.origin_x_m, options.origin_y_m, std::move(tiles));
}

}  // namespace chemsafe::qra
