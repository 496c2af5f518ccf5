#include "chemsafe/qra/model_registry.h"

#include <cmath>

#include <fmt/format.h>

namespace chemsafe::qra {

Status BadInput(std::string_view key, std::string_view what) {
  return InvalidArgument(fmt::format("inputs.{}: {}", key, what));
}

Status AsInput(Status status) {
  if (status.ok() || status.code() != StatusCode::kInvalidArgument) return status;
  return InvalidArgument("inputs." + status.message());
}

const nlohmann::json* ModelInputs::Find(std::string_view key) const {
  read_.emplace(key);
  if (!inputs_.is_object()) return nullptr;
  auto it = inputs_.find(std::string(key));
  if (it == inputs_.end() || it->is_null()) return nullptr;
  return &*it;
}

bool ModelInputs::Has(std::string_view key) const { return Find(key) != nullptr; }

Result<double> ModelInputs::Number(std::string_view key) const {
  const nlohmann::json* v = Find(key);
  if (v == nullptr) return BadInput(key, "required");
  if (!v->is_number()) return BadInput(key, "must be a number");
  const double d = v->get<double>();
  if (!std::isfinite(d)) return BadInput(key, "must be finite");
  return d;
}

Result<double> ModelInputs::NumberOr(std::string_view key, double fallback) const {
  if (!Has(key)) return fallback;
  return Number(key);
}

Result<double> ModelInputs::Positive(std::string_view key) const {
  CHEMSAFE_ASSIGN_OR_RETURN(double d, Number(key));
  if (!(d > 0)) return BadInput(key, fmt::format("must be greater than 0 (is {})", d));
  return d;
}

Result<std::string> ModelInputs::Text(std::string_view key) const {
  const nlohmann::json* v = Find(key);
  if (v == nullptr) return BadInput(key, "required");
  if (!v->is_string()) return BadInput(key, "must be a string");
  return v->get<std::string>();
}

Result<std::string> ModelInputs::TextOr(std::string_view key, std::string fallback) const {
  if (!Has(key)) return fallback;
  return Text(key);
}

const nlohmann::json& ModelInputs::Raw(std::string_view key) const {
  static const nlohmann::json kNull;
  const nlohmann::json* v = Find(key);
  return v != nullptr ? *v : kNull;
}

Status ModelInputs::CheckAllRead() const {
  if (!inputs_.is_object()) return Status::Ok();
  for (const auto& [k, v] : inputs_.items()) {
    if (!read_.contains(k)) return BadInput(k, "unknown key for this model");
  }
  return Status::Ok();
}

Status ModelRegistry::Add(ModelEntry entry) {
  if (models_.contains(entry.name)) return AlreadyExists("model " + entry.name + " is registered twice");
  std::string name = entry.name;
  models_.emplace(std::move(name), std::move(entry));
  return Status::Ok();
}

const ModelEntry* ModelRegistry::Find(std::string_view name) const {
  auto it = models_.find(name);
  return it == models_.end() ? nullptr : &it->second;
}

std::vector<std::string> ModelRegistry::Names() const {
  std::vector<std::string> out;
  for (const auto& [name, e] : models_) out.push_back(name);
  return out;
}

Result<nlohmann::json> ModelRegistry::Evaluate(const nlohmann::json& request) const {
  if (!request.is_object()) return InvalidArgument("the request must be a JSON object {\"model\", \"inputs\"}");
  for (const auto& [k, v] : request.items()) {
    if (k != "model" && k != "inputs") return InvalidArgument(fmt::format("{}: unknown key (model, inputs)", k));
  }
  auto m = request.find("model");
  if (m == request.end() || !m->is_string()) return InvalidArgument("model: required, a model name");
  const ModelEntry* entry = Find(m->get<std::string>());
  if (entry == nullptr) {
    return NotFound(fmt::format("model: unknown model \"{}\" (known: {})", m->get<std::string>(),
                                fmt::join(Names(), ", ")));
  }
  auto in = request.find("inputs");
  if (in == request.end() || !in->is_object()) return InvalidArgument("inputs: required, an object");
  ModelInputs inputs(*in);
  CHEMSAFE_ASSIGN_OR_RETURN(nlohmann::json outputs, entry->evaluate(inputs));
  CHEMSAFE_RETURN_IF_ERROR(inputs.CheckAllRead());
  return nlohmann::json{{"model", entry->name}, {"outputs", std::move(outputs)}};
}

}  // namespace chemsafe::qra
