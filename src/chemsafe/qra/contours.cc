#include "chemsafe/qra/contours.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

namespace chemsafe::qra {
namespace {

constexpr std::int64_t kT = RiskMap::kTileCells;

// A dense window of cells, one cell of zeros around a connected group of tiles, so that every ring closes.
struct Window {
  std::int64_t i0 = 0, j0 = 0;  // map cell of window cell (0, 0)
  std::int64_t nx = 0, ny = 0;
  std::vector<double> v;
  double At(std::int64_t i, std::int64_t j) const { return v[static_cast<std::size_t>(j * nx + i)]; }
};

// The groups of tiles connected through a side or a corner.
std::vector<std::vector<const RiskMap::Tile*>> TileGroups(const RiskMap& map) {
  std::set<std::pair<std::int64_t, std::int64_t>> unseen;
  for (const RiskMap::Tile& t : map.tiles()) unseen.insert({t.ti, t.tj});
  std::vector<std::vector<const RiskMap::Tile*>> groups;
  while (!unseen.empty()) {
    std::vector<std::pair<std::int64_t, std::int64_t>> stack = {*unseen.begin()};
    unseen.erase(unseen.begin());
    std::vector<const RiskMap::Tile*> group;
    while (!stack.empty()) {
      const auto [ti, tj] = stack.back();
      stack.pop_back();
      group.push_back(map.FindTile(ti, tj));
      for (std::int64_t dj = -1; dj <= 1; ++dj) {
        for (std::int64_t di = -1; di <= 1; ++di) {
          const auto it = unseen.find({ti + di, tj + dj});
          if (it == unseen.end()) continue;
          stack.push_back(*it);
          unseen.erase(it);
        }
      }
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

Window WindowOf(const std::vector<const RiskMap::Tile*>& group) {
  std::int64_t ti0 = group[0]->ti, ti1 = ti0, tj0 = group[0]->tj, tj1 = tj0;
  for (const RiskMap::Tile* t : group) {
    ti0 = std::min(ti0, t->ti);
    ti1 = std::max(ti1, t->ti);
    tj0 = std::min(tj0, t->tj);
    tj1 = std::max(tj1, t->tj);
  }
  Window w;
  w.i0 = ti0 * kT - 1;
  w.j0 = tj0 * kT - 1;
  w.nx = (ti1 - ti0 + 1) * kT + 2;
  w.ny = (tj1 - tj0 + 1) * kT + 2;
  w.v.assign(static_cast<std::size_t>(w.nx * w.ny), 0.0);
  for (const RiskMap::Tile* t : group) {
    for (std::int64_t j = 0; j < kT; ++j) {
      const double* src = t->ir_per_yr.data() + j * kT;
      double* dst = w.v.data() + (t->tj * kT + j - w.j0) * w.nx + (t->ti * kT - w.i0);
      std::copy(src, src + kT, dst);
    }
  }
  return w;
}

// Edge ids of the window: 2·(j·nx + i) for the edge from cell (i, j) to (i+1, j), +1 for (i, j) to (i, j+1).
struct Tracer {
  const Window& w;
  const RiskMap& map;
  double t;

  PointM EdgePoint(std::int64_t edge) const {
    const std::int64_t cell = edge / 2, i = cell % w.nx, j = cell / w.nx;
    const bool vertical = (edge % 2) == 1;
    const double a = w.At(i, j), b = vertical ? w.At(i, j + 1) : w.At(i + 1, j);
    const double frac = (t - a) / (b - a);
    const double x = map.CellCentreX(w.i0 + i), y = map.CellCentreY(w.j0 + j);
    if (vertical) return {x, y + frac * map.cell_m()};
    return {x + frac * map.cell_m(), y};
  }

  // The oriented segments (the region IR ≥ t on their left) as edge → next edge.
  std::unordered_map<std::int64_t, std::int64_t> Segments() const {
    std::unordered_map<std::int64_t, std::int64_t> next;
    for (std::int64_t j = 0; j + 1 < w.ny; ++j) {
      for (std::int64_t i = 0; i + 1 < w.nx; ++i) {
        // The square's corners and edges counterclockwise: BL, BR, TR, TL; bottom, right, top, left.
        const std::array<double, 4> v = {w.At(i, j), w.At(i + 1, j), w.At(i + 1, j + 1), w.At(i, j + 1)};
        const int inside = (v[0] >= t) + (v[1] >= t) + (v[2] >= t) + (v[3] >= t);
        if (inside == 0 || inside == 4) continue;
        const std::int64_t c = j * w.nx + i;
        const std::array<std::int64_t, 4> edges = {2 * c, 2 * (c + 1) + 1, 2 * (c + w.nx), 2 * c + 1};
        std::array<std::int64_t, 4> cross{};
        std::array<bool, 4> exits{};
        int n = 0;
        for (int k = 0; k < 4; ++k) {
          const bool from = v[static_cast<std::size_t>(k)] >= t, to = v[static_cast<std::size_t>((k + 1) % 4)] >= t;
          if (from == to) continue;
          cross[static_cast<std::size_t>(n)] = edges[static_cast<std::size_t>(k)];
          exits[static_cast<std::size_t>(n)] = from;
          ++n;
        }
        if (n == 2) {
          if (exits[0]) next[cross[0]] = cross[1];
          else next[cross[1]] = cross[0];
          continue;
        }
        // A saddle: joined through the centre when the mean of the corners is inside (each exit goes to the
        // next entry counterclockwise), else separated (to the previous entry).
        const bool joined = (v[0] + v[1] + v[2] + v[3]) / 4 >= t;
        for (int k = 0; k < 4; ++k) {
          if (!exits[static_cast<std::size_t>(k)]) continue;
          next[cross[static_cast<std::size_t>(k)]] = cross[static_cast<std::size_t>((k + (joined ? 1 : 3)) % 4)];
        }
      }
    }
    return next;
  }

  std::vector<std::vector<PointM>> Rings() const {
    std::unordered_map<std::int64_t, std::int64_t> next = Segments();
    std::vector<std::vector<PointM>> rings;
    while (!next.empty()) {
      const std::int64_t start = next.begin()->first;
      std::vector<PointM> ring;
      std::int64_t e = start;
      while (true) {
        ring.push_back(EdgePoint(e));
        const auto it = next.find(e);
        if (it == next.end()) break;  // cannot happen for a closed window; guards against a broken chain
        e = it->second;
        next.erase(it);
        if (e == start) break;
      }
      ring.push_back(ring.front());
      if (ring.size() >= 4) rings.push_back(std::move(ring));
    }
    return rings;
  }
};

double SignedArea(const std::vector<PointM>& ring) {
  double a = 0;
  for (std::size_t k = 0; k + 1 < ring.size(); ++k) {
    a += ring[k].x_m * ring[k + 1].y_m - ring[k + 1].x_m * ring[k].y_m;
  }
  return a / 2;
}

bool Contains(const std::vector<PointM>& ring, PointM p) {
  bool in = false;
  for (std::size_t k = 0, l = ring.size() - 1; k < ring.size(); l = k++) {
    const PointM a = ring[k], b = ring[l];
    if ((a.y_m > p.y_m) != (b.y_m > p.y_m) && p.x_m < (b.x_m - a.x_m) * (p.y_m - a.y_m) / (b.y_m - a.y_m) + a.x_m) {
      in = !in;
    }
  }
  return in;
}

std::vector<ContourPolygon> Polygons(std::vector<std::vector<PointM>> rings) {
  std::vector<ContourPolygon> polygons;
  std::vector<double> areas;
  std::vector<std::vector<PointM>> holes;
  for (auto& r : rings) {
    const double a = SignedArea(r);
    if (a > 0) {
      polygons.push_back({std::move(r), {}});
      areas.push_back(a);
    } else {
      holes.push_back(std::move(r));
    }
  }
  for (auto& h : holes) {
    std::size_t best = polygons.size();
    for (std::size_t p = 0; p < polygons.size(); ++p) {
      if (Contains(polygons[p].exterior, h[0]) && (best == polygons.size() || areas[p] < areas[best])) best = p;
    }
    if (best < polygons.size()) polygons[best].holes.push_back(std::move(h));
  }
  return polygons;
}

// An installation's source points, each with the largest reach of its outcomes there.
struct Reach {
  std::vector<std::pair<PointM, double>> sources;
};

Reach ReachOf(const Installation& inst) {
  Reach r;
  for (const RiskOutcome& o : inst.outcomes) {
    const double reach = OutcomeReachM(o);
    auto it = std::find_if(r.sources.begin(), r.sources.end(),
                           [&](const auto& s) { return s.first.x_m == o.x_m && s.first.y_m == o.y_m; });
    if (it == r.sources.end()) r.sources.push_back({{o.x_m, o.y_m}, reach});
    else it->second = std::max(it->second, reach);
  }
  return r;
}

std::string RingJson(const std::vector<PointM>& ring) {
  std::string s = "[";
  for (std::size_t k = 0; k < ring.size(); ++k) {
    s += fmt::format("{}[{:.3f},{:.3f}]", k ? "," : "", ring[k].x_m, ring[k].y_m);
  }
  return s + "]";
}

}  // namespace

Result<std::vector<RiskContour>> TraceContours(const RiskMap& map, const RiskModel& model,
                                               const ContourOptions& options) {
  for (std::size_t k = 0; k < options.thresholds_per_yr.size(); ++k) {
    const double t = options.thresholds_per_yr[k];
    if (!(t > 0.0) || !std::isfinite(t)) {
      return InvalidArgument(fmt::format("thresholds_per_yr[{}]: must be greater than 0", k));
    }
  }
  std::vector<Reach> reaches;
  for (const Installation& inst : model.installations) reaches.push_back(ReachOf(inst));
  std::vector<RiskContour> contours;
  for (const double t : options.thresholds_per_yr) {
    RiskContour c;
    c.threshold_per_yr = t;
    for (const Installation& inst : model.installations) c.distances.push_back({inst.id, std::nullopt});
    contours.push_back(std::move(c));
  }
  const double cell = map.cell_m();
  for (const auto& group : TileGroups(map)) {
    const Window w = WindowOf(group);
    const double x0 = map.CellCentreX(w.i0), x1 = map.CellCentreX(w.i0 + w.nx - 1);
    const double y0 = map.CellCentreY(w.j0), y1 = map.CellCentreY(w.j0 + w.ny - 1);
    // The installations that can reach this window.
    std::vector<std::size_t> near;
    for (std::size_t n = 0; n < reaches.size(); ++n) {
      for (const auto& [p, r] : reaches[n].sources) {
        if (p.x_m + r >= x0 && p.x_m - r <= x1 && p.y_m + r >= y0 && p.y_m - r <= y1) {
          near.push_back(n);
          break;
        }
      }
    }
    for (RiskContour& c : contours) {
      std::vector<std::vector<PointM>> rings = Tracer{w, map, c.threshold_per_yr}.Rings();
      for (const auto& ring : rings) {
        for (const PointM& q : ring) {
          for (const std::size_t n : near) {
            double nearest = HUGE_VAL;
            bool reached = false;
            for (const auto& [p, r] : reaches[n].sources) {
              const double d = std::hypot(q.x_m - p.x_m, q.y_m - p.y_m);
              nearest = std::min(nearest, d);
              reached = reached || d <= r + cell;
            }
            if (!reached) continue;
            std::optional<double>& best = c.distances[n].distance_m;
            best = std::max(best.value_or(0.0), nearest);
          }
        }
      }
      for (ContourPolygon& p : Polygons(std::move(rings))) c.polygons.push_back(std::move(p));
    }
  }
  return contours;
}

std::string ContoursGeoJson(const std::vector<RiskContour>& contours) {
  std::string s = R"({"type":"FeatureCollection","features":[)";
  for (std::size_t k = 0; k < contours.size(); ++k) {
    const RiskContour& c = contours[k];
    s += fmt::format(R"({}{{"type":"Feature","properties":{{"ir_per_yr":{}}},"geometry":{{"type":"MultiPolygon","coordinates":[)",
                     k ? "," : "", c.threshold_per_yr);
    for (std::size_t p = 0; p < c.polygons.size(); ++p) {
      s += p ? ",[" : "[";
      s += RingJson(c.polygons[p].exterior);
      for (const auto& h : c.polygons[p].holes) {
        s += ',';
        s += RingJson(h);
      }
      s += "]";
    }
    s += "]}}";
  }
  return s + "]}";
}

}  // namespace chemsafe::qra
