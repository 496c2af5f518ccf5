#include "chemsafe/reference/risk_files.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

namespace chemsafe::reference {
namespace {

Result<std::string> ReadFile(const std::string& data_dir, const char* file, std::string& path) {
  path = (std::filesystem::path(data_dir) / file).string();
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(fmt::format("{}: cannot open", path));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

Result<risk::RiskMethods> LoadRiskMethods(const std::string& data_dir) {
  risk::RiskMethods m;
  std::string path;
  CHEMSAFE_ASSIGN_OR_RETURN(std::string scales, ReadFile(data_dir, kLecScalesFile, path));
  CHEMSAFE_RETURN_IF_ERROR(risk::ParseLecScales(scales, path, m.lec));
  CHEMSAFE_ASSIGN_OR_RETURN(std::string bands, ReadFile(data_dir, kLecBandsFile, path));
  CHEMSAFE_ASSIGN_OR_RETURN(m.lec.bands, risk::ParseLecBands(bands, path));
  CHEMSAFE_ASSIGN_OR_RETURN(std::string matrix, ReadFile(data_dir, kRiskMatrixFile, path));
  CHEMSAFE_ASSIGN_OR_RETURN(m.matrix, risk::ParseRiskMatrix(matrix, path));
  CHEMSAFE_ASSIGN_OR_RETURN(std::string floors, ReadFile(data_dir, kFloorRulesFile, path));
  CHEMSAFE_ASSIGN_OR_RETURN(m.floors, risk::ParseFloorRules(floors, path));
  return m;
}

}  // namespace chemsafe::reference
