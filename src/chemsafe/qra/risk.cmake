# The individual-risk grid, contours and societal risk of the qra module (issue 5): risk_grid.h sums the
# lethality footprints that the other concerns produce; contours.h draws the IR contours (GeoJSON) and the
# external safety distances; societal.h gives the fatalities per event, the F-N curve and the PLL.
chemsafe_library(qra_risk
  SOURCES risk_grid.cc societal.cc contours.cc
  DEPS chemsafe::core chemsafe::qra_models
  PRIVATE_DEPS fmt::fmt)
chemsafe_test(qra_risk_test
  SOURCES risk_grid_test.cc societal_test.cc contours_test.cc
  DEPS chemsafe::qra_risk nlohmann_json::nlohmann_json)
list(APPEND CHEMSAFE_QRA_CONCERNS chemsafe::qra_risk)
