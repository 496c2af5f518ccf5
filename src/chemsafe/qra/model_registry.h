// The models of the qra module by name, evaluable from JSON (`chemsafe qra model`, the API, studies):
// each takes an "inputs" object and gives an "outputs" object, SI units in the key suffixes (_m, _kg_s,
// _kg_m3, _pa, _k, _s, _w_m2, …). Each concern of the module registers its models
// (Register<Concern>Models); the registry checks that every key of the inputs was read, so that a
// misspelt key is an error naming it rather than a silently used default.
//
// Thread-safety: a registry is filled once, then read concurrently; ModelInputs is per call.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "chemsafe/core/result.h"

namespace chemsafe::qra {

// The "inputs" object of one evaluation. Errors name the key ("inputs.hole_diameter_m: required").
class ModelInputs {
 public:
  explicit ModelInputs(const nlohmann::json& inputs) : inputs_(inputs) {}

  bool Has(std::string_view key) const;
  // A finite number; Required fails when absent.
  Result<double> Number(std::string_view key) const;
  // The number, or `fallback` when the key is absent (a documented default of the model).
  Result<double> NumberOr(std::string_view key, double fallback) const;
  // A number greater than 0 (sizes, masses, rates, speeds, times).
  Result<double> Positive(std::string_view key) const;
  Result<std::string> Text(std::string_view key) const;
  Result<std::string> TextOr(std::string_view key, std::string fallback) const;
  // The raw value (arrays, objects); null when absent.
  const nlohmann::json& Raw(std::string_view key) const;

  // InvalidArgument naming the first key that no accessor asked for.
  Status CheckAllRead() const;

 private:
  const nlohmann::json* Find(std::string_view key) const;
  const nlohmann::json& inputs_;
  mutable std::set<std::string, std::less<>> read_;
};

// InvalidArgument "inputs.<key>: <what>".
Status BadInput(std::string_view key, std::string_view what);

// An error of the numerics, which name their parameters as the models name their keys
// ("hole_diameter_m: …"), as an input error ("inputs.hole_diameter_m: …"); other codes unchanged.
Status AsInput(Status status);
template <typename T>
Result<T> AsInput(Result<T> result) {
  if (result.ok()) return result;
  return AsInput(result.status());
}

struct ModelEntry {
  std::string name;     // "liquid_orifice"
  std::string summary;  // one line, with the source of the model ("Bernoulli; CCPS 1999 eq. 2.1.1")
  std::function<Result<nlohmann::json>(const ModelInputs&)> evaluate;  // outputs object
};

class ModelRegistry {
 public:
  // AlreadyExists when the name is taken.
  Status Add(ModelEntry entry);
  const ModelEntry* Find(std::string_view name) const;
  std::vector<std::string> Names() const;

  // Evaluates {"model": NAME, "inputs": {...}} into {"model": NAME, "outputs": {...}}: NotFound for an
  // unknown model (the message lists the known ones), InvalidArgument for a missing, malformed or
  // unknown key (named).
  Result<nlohmann::json> Evaluate(const nlohmann::json& request) const;

 private:
  std::map<std::string, ModelEntry, std::less<>> models_;
};

}  // namespace chemsafe::qra
