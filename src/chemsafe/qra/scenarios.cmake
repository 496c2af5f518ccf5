# Scenarios per unit of the qra module (issue 5): generic loss-of-containment frequencies (data/qra/
# loc_frequencies.csv, parsed from a string), event trees with immediate and delayed ignition, outcomes
# as effects in the study format (study.h). The Fireball correlation gives a fireball's exposure time.
chemsafe_library(qra_scenarios
  SOURCES scenarios.cc
  DEPS chemsafe::core chemsafe::qra_models chemsafe::qra_source chemsafe::qra_effects nlohmann_json::nlohmann_json
  PRIVATE_DEPS fmt::fmt chemsafe::qra_fires)
chemsafe_test(qra_scenarios_test SOURCES scenarios_test.cc
  DEPS chemsafe::qra_scenarios chemsafe::qra_study chemsafe::qra_fires chemsafe::qra_dispersion)
list(APPEND CHEMSAFE_QRA_CONCERNS chemsafe::qra_scenarios)
