# Effects and risk bookkeeping of the qra module (issue 5): probits (thermal, overpressure, toxic with its
# constants as data), event trees, ignition probabilities, PLL/FAR/AIR, F-N curves and the GB 36894-2018
# individual-risk criteria; the models `probit`, `event_tree` and `fn_curve` of the registry.
chemsafe_library(qra_effects
  SOURCES probits.cc risk_measures.cc effects_models.cc
  DEPS chemsafe::core chemsafe::qra_models
  PRIVATE_DEPS fmt::fmt)
chemsafe_test(qra_effects_test
  SOURCES probits_test.cc risk_measures_test.cc effects_models_test.cc
  DEPS chemsafe::qra_effects)
list(APPEND CHEMSAFE_QRA_CONCERNS chemsafe::qra_effects)
