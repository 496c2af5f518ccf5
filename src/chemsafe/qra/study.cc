#include "chemsafe/qra/study.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "chemsafe/qra/contours.h"
#include "chemsafe/qra/dispersion.h"
#include "chemsafe/qra/societal.h"

namespace chemsafe::qra {
namespace {

using json = nlohmann::json;

Status At(const std::string& path, std::string_view what) {
  return InvalidArgument(fmt::format("{}: {}", path, what));
}

// A member of an object, with errors naming its path.
class Node {
 public:
  Node(const json& j, std::string path) : j_(j), path_(std::move(path)) {}
  const std::string& path() const { return path_; }
  const json& raw() const { return j_; }
  std::string Path(std::string_view key) const { return path_.empty() ? std::string(key) : path_ + "." + std::string(key); }

  Result<double> Number(std::string_view key) const {
    auto it = j_.find(std::string(key));
    if (it == j_.end() || it->is_null()) return At(Path(key), "required");
    if (!it->is_number()) return At(Path(key), "must be a number");
    return it->get<double>();
  }
  Result<double> NumberOr(std::string_view key, double fallback) const {
    if (!j_.contains(std::string(key))) return fallback;
    return Number(key);
  }
  Result<std::string> Text(std::string_view key) const {
    auto it = j_.find(std::string(key));
    if (it == j_.end() || !it->is_string()) return At(Path(key), "required, a string");
    return it->get<std::string>();
  }
  std::string TextOr(std::string_view key, std::string fallback) const {
    auto it = j_.find(std::string(key));
    return it != j_.end() && it->is_string() ? it->get<std::string>() : fallback;
  }
  Result<std::vector<double>> Numbers(std::string_view key) const {
    auto it = j_.find(std::string(key));
    if (it == j_.end() || !it->is_array()) return At(Path(key), "required, an array of numbers");
    std::vector<double> out;
    for (std::size_t i = 0; i < it->size(); ++i) {
      if (!(*it)[i].is_number()) return At(fmt::format("{}[{}]", Path(key), i), "must be a number");
      out.push_back((*it)[i].get<double>());
    }
    return out;
  }
  // The array `key` (required unless `optional`), each element an object.
  Result<std::vector<Node>> Objects(std::string_view key, bool optional = false) const {
    auto it = j_.find(std::string(key));
    std::vector<Node> out;
    if (it == j_.end() && optional) return out;
    if (it == j_.end() || !it->is_array()) return At(Path(key), "required, an array of objects");
    for (std::size_t i = 0; i < it->size(); ++i) {
      const std::string p = fmt::format("{}[{}]", Path(key), i);
      if (!(*it)[i].is_object()) return At(p, "must be an object");
      out.emplace_back((*it)[i], p);
    }
    return out;
  }
  Result<Node> Object(std::string_view key) const {
    auto it = j_.find(std::string(key));
    if (it == j_.end() || !it->is_object()) return At(Path(key), "required, an object");
    return Node(*it, Path(key));
  }

 private:
  const json& j_;
  std::string path_;
};

Result<PointM> PointOf(const Node& p) {
  PointM m;
  CHEMSAFE_ASSIGN_OR_RETURN(m.x_m, p.Number("x_m"));
  CHEMSAFE_ASSIGN_OR_RETURN(m.y_m, p.Number("y_m"));
  return m;
}

std::vector<double> Geometric(double first, double last, int n) {
  std::vector<double> out;
  const double ratio = std::pow(last / first, 1.0 / std::max(1, n - 1));
  double v = first;
  for (int i = 0; i < n; ++i, v *= ratio) out.push_back(i == n - 1 ? last : v);
  return out;
}

// The registry's evaluation of `model` with `inputs`, its outputs; errors under `path`.
Result<json> Evaluate(const ModelRegistry& registry, const std::string& model, const json& inputs,
                      const std::string& path) {
  auto out = registry.Evaluate(json{{"model", model}, {"inputs", inputs}});
  if (!out.ok()) return Status(out.status().code(), path + ": " + out.status().message());
  return (*out)["outputs"];
}

// P of a probit evaluation (0 when the exposure gives none).
Result<double> ProbitP(const ModelRegistry& registry, const json& probit_inputs, const std::string& path) {
  CHEMSAFE_ASSIGN_OR_RETURN(json out, Evaluate(registry, "probit", probit_inputs, path));
  return out.value("probability", 0.0);
}

Result<RadialLethality> RadialFromTable(const Node& effect) {
  RadialLethality r;
  CHEMSAFE_ASSIGN_OR_RETURN(r.distance_m, effect.Numbers("distance_m"));
  CHEMSAFE_ASSIGN_OR_RETURN(r.probability, effect.Numbers("probability"));
  if (r.distance_m.size() != r.probability.size() || r.distance_m.empty()) {
    return At(effect.Path("probability"), "must have as many values as distance_m (at least one)");
  }
  return r;
}

// P against one exposure quantity of a probit (concentration_kg_m3, heat_flux_w_m2 or overpressure_pa),
// sampled through the registry on a log grid (30 points a decade from `lo` to `hi`) and interpolated in
// the log of the quantity, so that a footprint's many samples need no probit evaluation each. The curves
// are kept per probit (its JSON) and quantity for the whole study.
class ProbitCurve {
 public:
  static Result<ProbitCurve> Sample(const ModelRegistry& registry, const Node& probit, const std::string& key,
                                    double lo, double hi) {
    ProbitCurve c;
    const int n = static_cast<int>(std::ceil(30.0 * std::log10(hi / lo)));
    for (int k = 0; k <= n; ++k) {
      const double ln_q = std::log(lo) + k * (std::log(hi / lo) / n);
      json pin = probit.raw();
      pin[key] = std::exp(ln_q);
      CHEMSAFE_ASSIGN_OR_RETURN(double pk, ProbitP(registry, pin, probit.path()));
      c.ln_q_.push_back(ln_q);
      c.p_.push_back(pk);
    }
    return c;
  }
  double At(double q) const {
    if (!(q > 0)) return 0.0;
    const double x = std::log(q);
    if (x <= ln_q_.front()) return p_.front();
    if (x >= ln_q_.back()) return p_.back();
    const std::size_t k = static_cast<std::size_t>((x - ln_q_.front()) / (ln_q_[1] - ln_q_[0]));
    const std::size_t j = std::min(k, ln_q_.size() - 2);
    const double t = (x - ln_q_[j]) / (ln_q_[j + 1] - ln_q_[j]);
    return p_[j] + t * (p_[j + 1] - p_[j]);
  }

 private:
  std::vector<double> ln_q_, p_;
};

class ProbitCurves {
 public:
  Result<const ProbitCurve*> Get(const ModelRegistry& registry, const Node& probit, const std::string& key) {
    const std::string id = key + "|" + probit.raw().dump();
    auto it = curves_.find(id);
    if (it != curves_.end()) return &it->second;
    // Ranges well past where any probit of the registry reaches 0 or 1.
    const auto [lo, hi] = key == "concentration_kg_m3" ? std::pair{1e-9, 10.0}
                          : key == "heat_flux_w_m2"      ? std::pair{10.0, 1e7}
                                                         : std::pair{10.0, 1e8};
    CHEMSAFE_ASSIGN_OR_RETURN(ProbitCurve c, ProbitCurve::Sample(registry, probit, key, lo, hi));
    return &curves_.emplace(id, std::move(c)).first->second;
  }

 private:
  std::map<std::string, ProbitCurve> curves_;
};

// P against distance from a radial model (fires, explosions) and a probit. A distance at which the model
// refuses (inside the pool, the fireball, the charge) before any it accepts is inside the source: P = 1;
// one it refuses after the footprint has faded below min_probability is beyond the model's range: P = 0.
// P is made non-increasing outwards (the largest P at or beyond each distance), and the table ends at the
// first distance where P falls below min_probability (with P = 0 there).
Result<RadialLethality> RadialFromModel(const Node& effect, const ModelRegistry& registry, const StudyOptions& o,
                                        ProbitCurves& curves) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::string model, effect.Text("model"));
  CHEMSAFE_ASSIGN_OR_RETURN(Node inputs, effect.Object("inputs"));
  CHEMSAFE_ASSIGN_OR_RETURN(Node probit, effect.Object("probit"));
  const std::string kind = probit.TextOr("kind", "");
  const bool with_impulse = kind.find("tno_") != std::string::npos && kind.find("overpressure") != std::string::npos;
  // The key of the model's distance input: "distance_m", except the fireball's distance along the ground.
  const std::string distance_key = effect.TextOr("distance_key", model == "fireball" ? "ground_distance_m" : "distance_m");
  const auto distances = Geometric(o.radial_first_m, o.radial_max_m, o.radial_samples);
  std::vector<double> p(distances.size(), 1.0);
  std::optional<std::size_t> first_ok;
  Status first_error;
  for (std::size_t k = 0; k < distances.size(); ++k) {
    json in = inputs.raw();
    in[distance_key] = distances[k];
    auto out = Evaluate(registry, model, in, inputs.path());
    if (!out.ok()) {
      if (first_ok) {
        // Beyond the model's range (a blast curve's largest scaled distance): the footprint ends there if
        // it has already faded, and the study fails if the model stops while still lethal.
        if (p[k - 1] < o.min_probability) {
          std::fill(p.begin() + static_cast<std::ptrdiff_t>(k), p.end(), 0.0);
          break;
        }
        return out.status();
      }
      if (first_error.ok()) first_error = out.status();
      continue;
    }
    if (!first_ok) first_ok = k;
    std::string quantity;
    if (out->contains("incident_flux_w_m2")) {
      quantity = "heat_flux_w_m2";
      (*out)[quantity] = (*out)["incident_flux_w_m2"];
    } else if (out->contains("overpressure_pa")) {
      quantity = "overpressure_pa";
    } else {
      return At(effect.Path("model"), "gives neither incident_flux_w_m2 nor overpressure_pa at distance_m");
    }
    if (with_impulse) {  // a probit of two quantities: evaluated at each distance
      json pin = probit.raw();
      pin[quantity] = (*out)[quantity];
      if (out->contains("impulse_pa_s")) pin["impulse_pa_s"] = (*out)["impulse_pa_s"];
      CHEMSAFE_ASSIGN_OR_RETURN(p[k], ProbitP(registry, pin, probit.path()));
    } else {
      CHEMSAFE_ASSIGN_OR_RETURN(const ProbitCurve* curve, curves.Get(registry, probit, quantity));
      p[k] = curve->At((*out)[quantity].get<double>());
    }
    // Faded: the effects of the registry weaken with distance, so the footprint ends here.
    if (p[k] < o.min_probability) {
      std::fill(p.begin() + static_cast<std::ptrdiff_t>(k), p.end(), 0.0);
      break;
    }
  }
  if (!first_ok) return first_error;
  for (std::size_t k = distances.size() - 1; k-- > 0;) p[k] = std::max(p[k], p[k + 1]);
  RadialLethality r;
  for (std::size_t k = 0; k < distances.size(); ++k) {
    const bool last = p[k] < o.min_probability;
    r.distance_m.push_back(distances[k]);
    r.probability.push_back(last ? 0.0 : p[k]);
    if (last) break;
  }
  return r;
}

// The Gaussian plume of one weather class through a toxic probit, sampled downwind × crosswind at ground
// level and cut where P stays below min_probability. The release's keys are checked by one evaluation of
// the registered gaussian_plume (errors name them); the samples use the library directly.
Result<DirectionalLethality> ToxicPlume(const Node& effect, const WeatherClass& w, const ModelRegistry& registry,
                                        const StudyOptions& o, ProbitCurves& curves) {
  CHEMSAFE_ASSIGN_OR_RETURN(Node release, effect.Object("release"));
  CHEMSAFE_ASSIGN_OR_RETURN(Node probit, effect.Object("probit"));
  json check = release.raw();
  check["stability"] = w.stability;
  check["wind_speed_m_s"] = w.wind_speed_m_s;
  check["x_m"] = 100.0;
  CHEMSAFE_RETURN_IF_ERROR(Evaluate(registry, "gaussian_plume", check, release.path()).status());
  PlumeRelease r;
  CHEMSAFE_ASSIGN_OR_RETURN(r.release_rate_kg_s, release.Number("release_rate_kg_s"));
  CHEMSAFE_ASSIGN_OR_RETURN(r.release_height_m, release.NumberOr("release_height_m", 0.0));
  r.wind_speed_m_s = w.wind_speed_m_s;
  CHEMSAFE_ASSIGN_OR_RETURN(r.stability, ParseStabilityClass(w.stability));
  GaussianOptions options;
  CHEMSAFE_ASSIGN_OR_RETURN(options.sigma_set, ParseSigmaSet(release.TextOr("sigma_set", "briggs_rural")));
  CHEMSAFE_ASSIGN_OR_RETURN(const ProbitCurve* curve, curves.Get(registry, probit, "concentration_kg_m3"));
  const auto xs = Geometric(o.downwind_first_m, o.downwind_max_m, o.downwind_samples);
  std::vector<double> ys;
  for (int j = 0; j < o.crosswind_samples; ++j) ys.push_back(o.crosswind_max_m * j / (o.crosswind_samples - 1));
  std::vector<double> p(xs.size() * ys.size(), 0.0);
  std::size_t last_x = 0, last_y = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    CHEMSAFE_ASSIGN_OR_RETURN(Sigmas sg, PlumeSigmas(r.stability, xs[i], options));
    for (std::size_t j = 0; j < ys.size(); ++j) {
      const double c = GaussianPlumeKgM3(r.release_rate_kg_s, r.wind_speed_m_s, r.release_height_m, sg.y_m,
                                         sg.z_m, ys[j], 0.0, options.ground);
      const double pk = curve->At(c);
      if (pk < o.min_probability) break;  // further crosswind only lower
      p[i * ys.size() + j] = pk;
      last_x = std::max(last_x, i);
      last_y = std::max(last_y, j);
    }
  }
  DirectionalLethality d;
  const std::size_t nx = std::min(xs.size(), last_x + 2), ny = std::min(ys.size(), last_y + 2);
  d.downwind_m.assign(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(nx));
  d.crosswind_m.assign(ys.begin(), ys.begin() + static_cast<std::ptrdiff_t>(ny));
  for (std::size_t i = 0; i < nx; ++i) {
    for (std::size_t j = 0; j < ny; ++j) d.probability.push_back(p[i * ys.size() + j]);
  }
  return d;
}

Result<std::vector<Lethality>> Footprints(const Node& effect, const std::vector<WeatherClass>& weather,
                                          const ModelRegistry& registry, const StudyOptions& o, ProbitCurves& curves) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::string kind, effect.Text("kind"));
  if (kind == "lethality_table") {
    CHEMSAFE_ASSIGN_OR_RETURN(auto r, RadialFromTable(effect));
    return std::vector<Lethality>{r};
  }
  if (kind == "model") {
    CHEMSAFE_ASSIGN_OR_RETURN(auto r, RadialFromModel(effect, registry, o, curves));
    return std::vector<Lethality>{r};
  }
  if (kind == "toxic_plume") {
    std::vector<Lethality> out;
    for (const auto& w : weather) {
      CHEMSAFE_ASSIGN_OR_RETURN(auto d, ToxicPlume(effect, w, registry, o, curves));
      out.emplace_back(std::move(d));
    }
    return out;
  }
  return At(effect.Path("kind"), fmt::format("unknown effect kind \"{}\" (lethality_table, model, toxic_plume)", kind));
}

}  // namespace

Result<RiskModel> BuildStudyModel(const json& study, const ModelRegistry& registry, const StudyOptions& options) {
  if (!study.is_object()) return InvalidArgument("the study must be a JSON object");
  const Node root(study, "");
  RiskModel model;
  ProbitCurves curves;
  CHEMSAFE_ASSIGN_OR_RETURN(auto weather, root.Objects("weather"));
  for (const auto& w : weather) {
    WeatherClass c;
    CHEMSAFE_ASSIGN_OR_RETURN(c.stability, w.Text("stability"));
    CHEMSAFE_ASSIGN_OR_RETURN(c.wind_speed_m_s, w.Number("wind_speed_m_s"));
    CHEMSAFE_ASSIGN_OR_RETURN(c.probability, w.Number("probability"));
    c.period = w.TextOr("period", "");
    CHEMSAFE_ASSIGN_OR_RETURN(c.wind_rose, w.Numbers("wind_rose"));
    model.weather.push_back(std::move(c));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto installations, root.Objects("installations"));
  for (const auto& inst : installations) {
    Installation out;
    CHEMSAFE_ASSIGN_OR_RETURN(out.id, inst.Text("id"));
    CHEMSAFE_ASSIGN_OR_RETURN(auto scenarios, inst.Objects("scenarios"));
    for (const auto& s : scenarios) {
      CHEMSAFE_ASSIGN_OR_RETURN(std::string sid, s.Text("id"));
      CHEMSAFE_ASSIGN_OR_RETURN(double x, s.Number("x_m"));
      CHEMSAFE_ASSIGN_OR_RETURN(double y, s.Number("y_m"));
      CHEMSAFE_ASSIGN_OR_RETURN(double f, s.Number("frequency_per_yr"));
      CHEMSAFE_ASSIGN_OR_RETURN(auto outcomes, s.Objects("outcomes"));
      for (const auto& o : outcomes) {
        RiskOutcome r;
        r.id = sid + "/" + o.TextOr("id", std::to_string(out.outcomes.size()));
        r.x_m = x;
        r.y_m = y;
        CHEMSAFE_ASSIGN_OR_RETURN(double p, o.NumberOr("probability", 1.0));
        if (!(p >= 0 && p <= 1)) return At(o.Path("probability"), "must be in [0, 1]");
        r.frequency_per_yr = f * p;
        CHEMSAFE_ASSIGN_OR_RETURN(r.indoor_lethality_factor, o.NumberOr("indoor_lethality_factor", 1.0));
        CHEMSAFE_ASSIGN_OR_RETURN(Node effect, o.Object("effect"));
        CHEMSAFE_ASSIGN_OR_RETURN(r.by_weather, Footprints(effect, model.weather, registry, options, curves));
        out.outcomes.push_back(std::move(r));
      }
    }
    model.installations.push_back(std::move(out));
  }
  CHEMSAFE_RETURN_IF_ERROR(CheckRiskModel(model));
  return model;
}

Result<json> RunStudy(const json& study, const ModelRegistry& registry, const StudyOptions& options,
                      std::string* geojson) {
  CHEMSAFE_ASSIGN_OR_RETURN(RiskModel model, BuildStudyModel(study, registry, options));
  const Node root(study, "");
  RiskGridOptions grid;
  if (study.contains("grid")) {
    CHEMSAFE_ASSIGN_OR_RETURN(Node g, root.Object("grid"));
    CHEMSAFE_ASSIGN_OR_RETURN(grid.cell_m, g.NumberOr("cell_m", grid.cell_m));
    if (!(grid.cell_m > 0)) return At("grid.cell_m", "must be greater than 0");
  }
  ContourOptions contour_options;
  if (study.contains("contours_per_yr")) {
    CHEMSAFE_ASSIGN_OR_RETURN(contour_options.thresholds_per_yr, root.Numbers("contours_per_yr"));
  }
  CHEMSAFE_ASSIGN_OR_RETURN(RiskMap map, ComputeIndividualRisk(model, grid));
  json out;
  std::int64_t cells = 0;
  double max_ir = 0;
  std::vector<std::int64_t> above(contour_options.thresholds_per_yr.size(), 0);
  for (const auto& tile : map.tiles()) {
    for (double ir : tile.ir_per_yr) {
      if (ir <= 0) continue;
      ++cells;
      max_ir = std::max(max_ir, ir);
      for (std::size_t t = 0; t < above.size(); ++t) above[t] += ir >= contour_options.thresholds_per_yr[t];
    }
  }
  json areas = json::array();
  for (std::size_t t = 0; t < above.size(); ++t) {
    areas.push_back({{"threshold_per_yr", contour_options.thresholds_per_yr[t]},
                     {"area_m2", static_cast<double>(above[t]) * grid.cell_m * grid.cell_m}});
  }
  out["grid"] = {{"cell_m", grid.cell_m}, {"cells_with_risk", cells}, {"max_ir_per_yr", max_ir}, {"areas", areas}};

  CHEMSAFE_ASSIGN_OR_RETURN(auto points, root.Objects("points", true));
  std::vector<PointM> at;
  for (const auto& p : points) {
    CHEMSAFE_ASSIGN_OR_RETURN(PointM m, PointOf(p));
    at.push_back(m);
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto ir_at, IndividualRiskAt(model, at));
  json pts = json::array();
  for (std::size_t k = 0; k < at.size(); ++k) {
    pts.push_back({{"id", points[k].TextOr("id", std::to_string(k))}, {"x_m", at[k].x_m}, {"y_m", at[k].y_m},
                   {"ir_per_yr", ir_at[k]}});
  }
  out["points"] = std::move(pts);

  CHEMSAFE_ASSIGN_OR_RETURN(auto contours, TraceContours(map, model, contour_options));
  json cs = json::array();
  for (const auto& c : contours) {
    json distances = json::array();
    for (const auto& d : c.distances) {
      distances.push_back({{"installation", d.installation_id},
                           {"distance_m", d.distance_m ? json(*d.distance_m) : json(nullptr)}});
    }
    cs.push_back({{"threshold_per_yr", c.threshold_per_yr}, {"polygons", c.polygons.size()},
                  {"safety_distances", std::move(distances)}});
  }
  out["contours"] = std::move(cs);
  if (geojson != nullptr) *geojson = ContoursGeoJson(contours);

  CHEMSAFE_ASSIGN_OR_RETURN(auto population, root.Objects("population", true));
  std::vector<PopulationPoint> people;
  for (const auto& p : population) {
    PopulationPoint q;
    CHEMSAFE_ASSIGN_OR_RETURN(PointM m, PointOf(p));
    q.x_m = m.x_m;
    q.y_m = m.y_m;
    CHEMSAFE_ASSIGN_OR_RETURN(q.people, p.Number("people"));
    CHEMSAFE_ASSIGN_OR_RETURN(q.indoor_fraction, p.NumberOr("indoor_fraction", 0.0));
    people.push_back(q);
  }
  CHEMSAFE_ASSIGN_OR_RETURN(auto societal, ComputeSocietalRisk(model, people));
  json fn = json::array();
  for (const auto& p : societal.fn_curve) fn.push_back({{"n", p.n}, {"frequency_per_yr", p.frequency_per_yr}});
  json outcomes = json::array();
  for (const auto& o : societal.outcomes) {
    outcomes.push_back({{"id", o.id}, {"frequency_per_yr", o.frequency_per_yr},
                        {"expected_fatalities", o.expected_fatalities}, {"pll_per_yr", o.pll_per_yr}});
  }
  out["societal"] = {{"fn_curve", std::move(fn)}, {"pll_per_yr", societal.pll_per_yr}, {"outcomes", std::move(outcomes)}};
  return out;
}

}  // namespace chemsafe::qra
