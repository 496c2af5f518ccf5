// The fire and explosion models of the qra module in the registry of models by name (model_registry.h),
// for `chemsafe qra model`, the API and studies. Inputs and outputs are SI with the unit in the key.
//
//   pool_fire               solid-flame pool fire (Burgess-Zabetakis or Burgess estimate, Thomas, Mudan,
//                           Pietersen) and the flux at a distance
//   point_source_radiation  flux of a point source chi_r m Hc / (4 pi r^2)
//   jet_fire                point-source jet fire / flare: flux at a distance and the API 521 distance
//                           to a target flux
//   fireball                CCPS (Roberts) or TNO geometry, SEP, flux at a ground distance
//   flash_fire              Purple Book lethality inside an LFL contour given by the caller
//   tnt_equivalent          W = eta m dHc / E_TNT
//   tnt_blast               Kingery-Bulmash (Swisdak 1994 polynomials) or Crowl & Louvar overpressure
//   bst_blast               Baker-Strehlow-Tang overpressure (only when curves are given)
//
// The registered tnt_blast uses the Kingery-Bulmash polynomials, since a model takes no files; the
// interpolation of the KB table is a library function (explosions.h) that takes the parsed table.
// Each model's summary names its keys; see fires_models.cc.
//
// Thread-safety: call once while filling the registry; the entries are then safe to evaluate
// concurrently (they copy what they need).
#pragma once

#include "chemsafe/core/status.h"
#include "chemsafe/qra/explosions.h"
#include "chemsafe/qra/model_registry.h"

namespace chemsafe::qra {

// Registers the models above. bst_blast is registered only when `bst_curves` is not null (e.g. parsed
// with ParseBstCurves from data/qra/blast/bst_curves_ccps_cpqra.csv); the curves are copied.
// AlreadyExists when a name is taken.
Status RegisterFiresModels(ModelRegistry& registry, const BstCurves* bst_curves = nullptr);

}  // namespace chemsafe::qra
