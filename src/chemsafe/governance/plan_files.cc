// Reading governance plans from files (issue 8); see plan_files.h.
#include "chemsafe/governance/plan_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace chemsafe::governance {
namespace {

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(fmt::format("{}: cannot open", path));
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

Status InFile(const std::string& path, const Status& s) { return Status(s.code(), path + ": " + s.message()); }

}  // namespace

Result<UnitList> LoadUnitList(const std::string& path) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::string text, ReadText(path));
  auto units = ParseUnitList(text);
  if (!units.ok()) return InFile(path, units.status());
  return units;
}

Result<Plan> LoadPlan(const std::string& path, const UnitList& units) {
  CHEMSAFE_ASSIGN_OR_RETURN(std::string text, ReadText(path));
  auto plan = ParsePlan(text, units);
  if (!plan.ok()) return InFile(path, plan.status());
  return plan;
}

Result<LoadedPlan> LoadPlanWithUnits(const std::string& plan_path, const std::string& data_dir) {
  namespace fs = std::filesystem;
  std::string units_path = (fs::path(plan_path).parent_path() / kUnitsFileName).string();
  if (!fs::exists(units_path)) units_path = (fs::path(data_dir) / "governance" / kUnitsFileName).string();
  CHEMSAFE_ASSIGN_OR_RETURN(UnitList units, LoadUnitList(units_path));
  CHEMSAFE_ASSIGN_OR_RETURN(Plan plan, LoadPlan(plan_path, units));
  return LoadedPlan{std::move(units), std::move(plan), units_path};
}

}  // namespace chemsafe::governance
