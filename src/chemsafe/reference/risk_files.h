// Loader of the risk grading tables shipped in data/risk/ (data/risk/PROVENANCE.md): the LEC scales and
// bands, the L × S matrix and the floor rules (risk/grading.h parses them; this reads the files).
#pragma once

#include <string>

#include "chemsafe/core/result.h"
#include "chemsafe/risk/grading.h"

namespace chemsafe::reference {

inline constexpr const char* kLecScalesFile = "risk/lec_scales.csv";
inline constexpr const char* kLecBandsFile = "risk/lec_bands.csv";
inline constexpr const char* kRiskMatrixFile = "risk/ls_matrix.csv";
inline constexpr const char* kFloorRulesFile = "risk/floor_rules.csv";

// Reads all four from `data_dir` (reference::DataDir() for the shipped data); errors name the file, line
// and column.
Result<risk::RiskMethods> LoadRiskMethods(const std::string& data_dir);

}  // namespace chemsafe::reference
