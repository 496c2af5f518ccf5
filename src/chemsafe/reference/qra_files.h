// Loader of the QRA data shipped in data/qra/ (data/qra/PROVENANCE.md): the substance properties, the
// blast curves, the toxic probits, the ignition probabilities, the GB 36894 individual-risk criteria and
// the generic loss-of-containment frequencies.
// The qra module parses (pure); this reads the files. Errors name file:row:column.
// Reads files; thread-compatible.
#pragma once

#include <string>

#include "chemsafe/core/result.h"
#include "chemsafe/qra/explosions.h"
#include "chemsafe/qra/model_registry.h"
#include "chemsafe/qra/probits.h"
#include "chemsafe/qra/risk_measures.h"
#include "chemsafe/qra/scenarios.h"
#include "chemsafe/qra/substances.h"

namespace chemsafe::reference {

struct QraData {
  qra::SubstanceTable substances;
  qra::KingeryBulmashTable kingery_bulmash;
  qra::BstCurves bst;
  qra::ToxicProbitTable toxic_probits;
  qra::IgnitionTable ignition;
  qra::IrCriteriaTable ir_criteria;
  qra::LocFrequencyTable loc_frequencies;
  std::vector<qra::FnCriterionLine> fn_lines;  // GB 36894 societal-risk lines (grade U: provisional)
  std::string digest;  // SM3 (hex) of the files read, with their names: the tables' version
};

// The files of data/ that hold them.
inline constexpr const char* kQraSubstancesFile = "qra/qra_substances.csv";
inline constexpr const char* kKingeryBulmashFile = "qra/blast/kingery_bulmash_hemispherical_si.csv";
inline constexpr const char* kBstCurvesFile = "qra/blast/bst_curves_ccps_cpqra.csv";
inline constexpr const char* kToxicProbitsFile = "qra/toxic_probits.csv";
inline constexpr const char* kIgnitionFile = "qra/ignition_probabilities.csv";
inline constexpr const char* kIrCriteriaFile = "qra/gb36894_criteria.csv";
inline constexpr const char* kLocFrequenciesFile = "qra/loc_frequencies.csv";
inline constexpr const char* kFnLinesFile = "qra/gb36894_fn_lines.csv";

Result<QraData> LoadQraData(const std::string& data_dir);

// Every model of the qra module by name (`chemsafe qra model`), over `data`, which must outlive it.
Result<qra::ModelRegistry> QraModelRegistry(const QraData& data);

}  // namespace chemsafe::reference
