// The model registry: dispatch by name, and errors that name the key (missing, malformed, unknown).
#include "chemsafe/qra/model_registry.h"

#include <gtest/gtest.h>

namespace chemsafe::qra {
namespace {

ModelRegistry Doubling() {
  ModelRegistry r;
  EXPECT_TRUE(r.Add({"double", "2x", [](const ModelInputs& in) -> Result<nlohmann::json> {
                       CHEMSAFE_ASSIGN_OR_RETURN(double x, in.Positive("x_m"));
                       CHEMSAFE_ASSIGN_OR_RETURN(double k, in.NumberOr("factor", 2.0));
                       return nlohmann::json{{"y_m", k * x}};
                     }}).ok());
  return r;
}

TEST(ModelRegistry, EvaluatesByName) {
  auto r = Doubling();
  auto out = r.Evaluate(nlohmann::json::parse(R"({"model": "double", "inputs": {"x_m": 1.5}})"));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)["model"], "double");
  EXPECT_DOUBLE_EQ((*out)["outputs"]["y_m"].get<double>(), 3.0);
  auto with = r.Evaluate(nlohmann::json::parse(R"({"model": "double", "inputs": {"x_m": 1, "factor": 3}})"));
  EXPECT_DOUBLE_EQ((*with)["outputs"]["y_m"].get<double>(), 3.0);
}

TEST(ModelRegistry, ErrorsNameTheKey) {
  auto r = Doubling();
  auto eval = [&](const char* text) { return r.Evaluate(nlohmann::json::parse(text)).status(); };
  Status unknown_model = eval(R"({"model": "triple", "inputs": {}})");
  EXPECT_EQ(unknown_model.code(), StatusCode::kNotFound);
  EXPECT_NE(unknown_model.message().find("triple"), std::string::npos);
  EXPECT_NE(unknown_model.message().find("double"), std::string::npos);  // lists the known ones
  EXPECT_EQ(eval(R"({"model": "double", "inputs": {}})").message(), "inputs.x_m: required");
  EXPECT_EQ(eval(R"({"model": "double", "inputs": {"x_m": "1"}})").message(), "inputs.x_m: must be a number");
  EXPECT_EQ(eval(R"({"model": "double", "inputs": {"x_m": -1}})").message(),
            "inputs.x_m: must be greater than 0 (is -1)");
  EXPECT_EQ(eval(R"({"model": "double", "inputs": {"x_m": 1, "x_mm": 2}})").message(),
            "inputs.x_mm: unknown key for this model");
  EXPECT_EQ(eval(R"({"model": "double"})").message(), "inputs: required, an object");
  EXPECT_EQ(eval(R"({"model": "double", "inputs": {}, "extra": 1})").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.Add({"double", "", nullptr}).code(), StatusCode::kAlreadyExists);
}

}  // namespace
}  // namespace chemsafe::qra
