# Atmospheric dispersion of the qra module (issue 5): stability classes, sigma sets and wind profiles
# (sigmas.h), Gaussian plume and puff with footprints (dispersion.h), Britter-McQuaid dense gas and the
# choice between dense and passive (dense_gas.h), and their registry models (dispersion_models.h).
chemsafe_library(qra_dispersion
  SOURCES sigmas.cc dispersion.cc dense_gas.cc dispersion_models.cc
  DEPS chemsafe::core chemsafe::qra_models
  PRIVATE_DEPS fmt::fmt nlohmann_json::nlohmann_json)
chemsafe_test(qra_dispersion_test
  SOURCES sigmas_test.cc dispersion_test.cc dense_gas_test.cc dispersion_models_test.cc
  DEPS chemsafe::qra_dispersion)
list(APPEND CHEMSAFE_QRA_CONCERNS chemsafe::qra_dispersion)
