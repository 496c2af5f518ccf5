#include "chemsafe/reference/qra_files.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "chemsafe/audit/sm3.h"
#include "chemsafe/qra/dispersion_models.h"
#include "chemsafe/qra/effects_models.h"
#include "chemsafe/qra/fires_models.h"
#include "chemsafe/qra/source_models.h"

namespace chemsafe::reference {
namespace {

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(fmt::format("{}: cannot open", path));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Reads data_dir/file and parses it with `parse(text, path)`; appends the file's name and text to `seen`
// (the tables' digest is taken over them).
template <typename Parse>
auto Load(const std::string& data_dir, const char* file, Parse parse, std::string& seen)
    -> decltype(parse(std::string_view(), "")) {
  const std::string path = (std::filesystem::path(data_dir) / file).string();
  CHEMSAFE_ASSIGN_OR_RETURN(std::string text, ReadText(path));
  seen.append(file).append(1, '\0').append(std::to_string(text.size())).append(1, '\0').append(text);
  return parse(text, path);
}

// The blast-curve parsers take no file name: errors get it in front.
template <typename T>
Result<T> WithFile(Result<T> r, const std::string& path) {
  if (r.ok()) return r;
  return Status(r.status().code(), path + ": " + r.status().message());
}

}  // namespace

Result<QraData> LoadQraData(const std::string& data_dir) {
  QraData d;
  std::string seen;
  CHEMSAFE_ASSIGN_OR_RETURN(d.substances, Load(data_dir, kQraSubstancesFile, qra::ParseSubstanceTable, seen));
  CHEMSAFE_ASSIGN_OR_RETURN(d.kingery_bulmash,
                            Load(data_dir, kKingeryBulmashFile, [](std::string_view text, std::string_view path) {
                              return WithFile(qra::ParseKingeryBulmashTable(text), std::string(path));
                            }, seen));
  CHEMSAFE_ASSIGN_OR_RETURN(d.bst, Load(data_dir, kBstCurvesFile, [](std::string_view text, std::string_view path) {
                              return WithFile(qra::ParseBstCurves(text), std::string(path));
                            }, seen));
  CHEMSAFE_ASSIGN_OR_RETURN(d.toxic_probits, Load(data_dir, kToxicProbitsFile, qra::ParseToxicProbits, seen));
  CHEMSAFE_ASSIGN_OR_RETURN(d.ignition, Load(data_dir, kIgnitionFile, qra::ParseIgnitionProbabilities, seen));
  CHEMSAFE_ASSIGN_OR_RETURN(d.ir_criteria, Load(data_dir, kIrCriteriaFile, qra::ParseIrCriteria, seen));
  CHEMSAFE_ASSIGN_OR_RETURN(d.loc_frequencies, Load(data_dir, kLocFrequenciesFile, qra::ParseLocFrequencies, seen));
  CHEMSAFE_ASSIGN_OR_RETURN(d.fn_lines, Load(data_dir, kFnLinesFile, qra::ParseFnCriterionLines, seen));
  d.digest = audit::Sm3Hex(seen);
  return d;
}

Result<qra::ModelRegistry> QraModelRegistry(const QraData& data) {
  qra::ModelRegistry registry;
  CHEMSAFE_RETURN_IF_ERROR(qra::RegisterSourceModels(registry, &data.substances));
  CHEMSAFE_RETURN_IF_ERROR(qra::RegisterDispersionModels(registry));
  CHEMSAFE_RETURN_IF_ERROR(qra::RegisterFiresModels(registry, &data.bst));
  CHEMSAFE_RETURN_IF_ERROR(qra::RegisterEffectsModels(registry, &data.toxic_probits));
  return registry;
}

}  // namespace chemsafe::reference
