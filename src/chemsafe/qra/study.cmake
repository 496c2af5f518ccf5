# A self-contained study (chemsafe qra study): scenarios → footprints through the registered models → the
# risk engine's grid, points, contours and societal risk.
chemsafe_library(qra_study
  SOURCES study.cc
  DEPS chemsafe::core chemsafe::qra_models chemsafe::qra_risk chemsafe::qra_dispersion
  PRIVATE_DEPS fmt::fmt)
chemsafe_test(qra_study_test SOURCES study_test.cc
  DEPS chemsafe::qra_study chemsafe::qra_fires chemsafe::qra_effects chemsafe::qra_dispersion)
list(APPEND CHEMSAFE_QRA_CONCERNS chemsafe::qra_study)
