// The individual-risk engine of the qra module (issue 5): location-specific individual risk
//   IR(x, y) = Σ_outcomes f Σ_weather p_w Σ_directions p_d P(x, y in the outcome's rotated frame)
// on a grid of any cell size around one or many installations (overlapping risk adds up), and at given
// points. The physical models (dispersion, fires, explosions, probits) feed it lethality footprints; this
// file only sums them. Sources: CPR 18E "Purple Book" (2005) ch. 4 — the sum over outcomes, weather classes
// and wind directions, 12 sectors of 30°; GB/T 37243-2019 — individual risk contours and external safety
// distances.
//
// Conventions (every one explicit here, nothing hidden):
//  - Local metres: x east, y north.
//  - A wind rose of n sectors: sector k is centred on the bearing k·360°/n clockwise from north (k = 0:
//    north) and holds the probability that the wind blows FROM that sector. The cloud travels downwind,
//    towards bearing k·360°/n + 180°.
//  - A directional footprint in sector k points along the sector's centre line (it is not spread over the
//    sector's width): the Purple Book evaluates one wind direction per sector. A footprint narrower than
//    the sector therefore leaves gaps between the centre lines; refine the rose to close them.
//  - Grid cells hold the risk at their centres (no cell averaging): cell (i, j) has its centre at
//    (origin_x_m + (i + ½)·cell_m, origin_y_m + (j + ½)·cell_m); i, j may be negative.
//
// Pure: no I/O. Thread-safety: the functions are safe to call concurrently; ComputeIndividualRisk uses
// its own worker threads (RiskGridOptions::threads) and returns only when they have ended.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "chemsafe/core/result.h"

namespace chemsafe::qra {

// Lethality against distance from the source, the same in every direction (fires, explosions, or a user's
// "lethality against distance" table from another tool): piecewise linear through (distance_m[k],
// probability[k]), constant at probability[0] inside distance_m[0], and 0 beyond the last distance (the
// last distance itself included). Distances strictly increasing, ≥ 0; probabilities in [0, 1] and not
// increasing with distance.
struct RadialLethality {
  std::vector<double> distance_m;
  std::vector<double> probability;

  // P at distance r (m). Assumes a valid table (CheckRadial).
  double At(double r_m) const;
  // The last distance (m): P = 0 beyond it.
  double ReachM() const { return distance_m.empty() ? 0.0 : distance_m.back(); }
};

// The downwind unit vector (east, north components) of sector k of an n-sector rose (see the conventions
// above): the wind blows from bearing k·360°/n.
struct Downwind {
  double east = 0, north = 0;
};
Downwind DownwindOfSector(int sector, int sectors);

// A user's "lethality against distance" table from another tool, as text: one "distance_m, probability"
// pair a line, separated by a comma, semicolon, tab or spaces; blank lines, lines starting with '#' and a
// first line that is not numeric (a header) are skipped. InvalidArgument naming the line ("line 4:
// probability: not a number") or the table's field (CheckRiskModel's rules: distances increasing,
// probabilities in [0, 1] and not increasing).
Result<RadialLethality> ParseLethalityTable(std::string_view text);

// Lethality of a cloud in its own frame: x downwind of the source, y crosswind, symmetric in y. A table on
// the axes downwind_m (strictly increasing, may start upwind, < 0) × crosswind_m (|y|, strictly increasing,
// ≥ 0), probability row-major: probability[i·crosswind_m.size() + j] = P(downwind_m[i], crosswind_m[j]).
// P between the nodes is bilinear; constant at the first crosswind column inside crosswind_m[0]; 0 outside
// [downwind_m.front(), downwind_m.back()] and beyond crosswind_m.back(). Nested isopleths (x, half-width, P)
// are sampled onto such a table by the caller (DirectionalFromIsopleths).
struct DirectionalLethality {
  std::vector<double> downwind_m;
  std::vector<double> crosswind_m;
  std::vector<double> probability;

  // P at (x downwind, y crosswind) in metres. Assumes a valid table (CheckDirectional).
  double At(double x_m, double y_m) const;
  // P at the offset (dx east, dy north) from the source when the cloud travels along `downwind`.
  double AtOffset(double dx_m, double dy_m, Downwind downwind) const {
    return At(dx_m * downwind.east + dy_m * downwind.north, dy_m * downwind.east - dx_m * downwind.north);
  }
  // The largest distance from the source of a point with P possibly > 0 (m).
  double ReachM() const;
};

// One isopleth of a cloud: lethality ≥ probability inside |y| ≤ half_width_m(x) for x in
// [downwind_m.front(), downwind_m.back()]; half_width_m[k] at downwind_m[k], linear between.
struct Isopleth {
  double probability = 0;
  std::vector<double> downwind_m;
  std::vector<double> half_width_m;
};

// Samples nested isopleths (outermost = lowest probability) onto a table on the given axes: at each node the
// highest probability whose isopleth contains it. InvalidArgument names the isopleth and field at fault.
Result<DirectionalLethality> DirectionalFromIsopleths(const std::vector<Isopleth>& isopleths,
                                                      std::vector<double> downwind_m,
                                                      std::vector<double> crosswind_m);

using Lethality = std::variant<RadialLethality, DirectionalLethality>;

// One outcome of a scenario (after the event tree) at a source point.
struct RiskOutcome {
  std::string id;
  double x_m = 0, y_m = 0;     // the source point, local metres
  double frequency_per_yr = 0;  // ≥ 0
  // The lethality footprint: one entry used for every weather class, or one per weather class (same order
  // as RiskModel::weather); wind speed and stability change a cloud.
  std::vector<Lethality> by_weather;
  // The footprint in weather class w (by_weather[0] when there is one for all).
  const Lethality& InWeather(std::size_t w) const { return by_weather.size() == 1 ? by_weather[0] : by_weather[w]; }
  // Societal risk only: the fraction of the outdoor lethality that applies to people indoors (Purple Book
  // §4.9 gives 0.1 for toxic clouds, 0 for heat radiation outside a flash fire's envelope). Default 1: no
  // protection assumed.
  double indoor_lethality_factor = 1.0;
};

struct WeatherClass {
  std::string stability;        // Pasquill letter, "A".."F"
  double wind_speed_m_s = 0;    // informative; the footprints already depend on it
  double probability = 0;       // of this class; the classes' probabilities sum to 1
  std::string period;           // optional, e.g. "day" or "night"
  std::vector<double> wind_rose;  // probability the wind blows FROM sector k (see above); sums to 1
};

struct Installation {
  std::string id;
  std::vector<RiskOutcome> outcomes;
};

struct RiskModel {
  std::vector<WeatherClass> weather;
  std::vector<Installation> installations;
};

// InvalidArgument naming the field at fault ("installations[2].outcomes[0].by_weather[1].probability: …")
// when the model is not usable: tables not monotone or of unequal sizes, probabilities outside [0, 1],
// weather or rose probabilities not summing to 1 within `sum_tolerance`, by_weather of the wrong size.
struct ModelCheckOptions {
  double sum_tolerance = 1e-6;  // Default: 1e-6 on Σ p_w and each Σ p_d
};
Status CheckRiskModel(const RiskModel& model, const ModelCheckOptions& options = {});


struct PointM {
  double x_m = 0, y_m = 0;
};

// IR (per year) at each point, by the sum evaluated at the point itself (no grid, no interpolation).
Result<std::vector<double>> IndividualRiskAt(const RiskModel& model, std::span<const PointM> points,
                                             const ModelCheckOptions& options = {});

struct RiskGridOptions {
  double cell_m = 10.0;        // Default: 10 m cells
  double origin_x_m = 0.0;     // grid alignment (see the conventions); Default: 0
  double origin_y_m = 0.0;
  int threads = 0;             // Default 0: std::thread::hardware_concurrency()
  // Tiles whose every cell is at most this are dropped as soon as they are computed (their memory goes
  // back at once), and read as 0 afterwards. Default 0: only tiles that are all zero. A province-wide run
  // that wants contours down to 3e-7 keeps what matters with a tenth of that (decision 0007).
  double drop_tiles_below_per_yr = 0.0;
  ModelCheckOptions check;
};

// A sparse grid of IR values: square tiles of kTileCells × kTileCells cells, only where some footprint
// reaches (a province with 1,000 installations holds only the cells near them). Cells in no tile hold 0.
class RiskMap {
 public:
  static constexpr int kTileCells = 64;
  struct Tile {
    std::int64_t ti = 0, tj = 0;  // the tile's cells are i in [ti·64, ti·64 + 64), j likewise
    std::vector<double> ir_per_yr;  // kTileCells², row-major by j then i: [(j - tj·64)·64 + (i - ti·64)]
  };

  RiskMap() = default;
  RiskMap(double cell_m, double origin_x_m, double origin_y_m, std::vector<Tile> tiles);

  double cell_m() const { return cell_m_; }
  double CellCentreX(std::int64_t i) const { return origin_x_m_ + (static_cast<double>(i) + 0.5) * cell_m_; }
  double CellCentreY(std::int64_t j) const { return origin_y_m_ + (static_cast<double>(j) + 0.5) * cell_m_; }
  // IR of cell (i, j), 0 outside every tile.
  double At(std::int64_t i, std::int64_t j) const;
  // The tiles, sorted by (tj, ti).
  const std::vector<Tile>& tiles() const { return tiles_; }
  const Tile* FindTile(std::int64_t ti, std::int64_t tj) const;

 private:
  double cell_m_ = 10.0, origin_x_m_ = 0.0, origin_y_m_ = 0.0;
  std::vector<Tile> tiles_;
};

// What the engine did, for benchmarks: the nominal count of evaluations (cells × outcomes × weather classes
// × directions, where the cells of an outcome are those of the tiles its source point reaches) and the
// shortcuts that made the actual work smaller.
struct RiskGridStats {
  std::int64_t cells = 0;                  // cells in the tiles kept (not all zero)
  std::int64_t nominal_evaluations = 0;    // Σ over outcomes of the cells of its tiles × Σ_w directions of w
  std::int64_t radial_tables = 0;          // merged radial tables (one per source point with radial outcomes)
  std::int64_t directional_tables = 0;     // merged directional tables (per source, axes and direction)
  std::int64_t table_lookups = 0;          // cell-table evaluations actually done
};

// IR on the sparse grid. The sum is exact at cell centres up to rounding: radial footprints of one source
// point merge into one piecewise-linear table (their sum, on the union of breakpoints, is again piecewise
// linear), directional tables on identical axes merge per direction (bilinear interpolation is linear in
// the node values), and cells outside a footprint's clipped extent are skipped. Tables on uniform axes are
// evaluated by a vectorised row kernel (AVX-512, AVX2 or SSE2, chosen at run time). The tiles are shared
// among `threads` workers; each tile holds 64² doubles (32 KiB) — the province of the benchmark, 1,000
// installations with footprints up to 1.5 km, holds about 11,000 tiles (350 MB).
Result<RiskMap> ComputeIndividualRisk(const RiskModel& model, const RiskGridOptions& options = {},
                                      RiskGridStats* stats = nullptr);

// The distance (m) from a source beyond which an outcome's footprints are 0 in every weather and direction.
double OutcomeReachM(const RiskOutcome& outcome);

}  // namespace chemsafe::qra
