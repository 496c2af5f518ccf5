# Fires and explosions of the qra module (issue 5): pool fire, point source and jet fire, fireball, flash
# fire (fires.h); TNT equivalence, Kingery-Bulmash, Crowl & Louvar, Baker-Strehlow-Tang (explosions.h);
# their registry entries (fires_models.h).
chemsafe_library(qra_fires
  SOURCES fires.cc explosions.cc fires_models.cc
  DEPS chemsafe::core chemsafe::qra_models
  PRIVATE_DEPS fmt::fmt nlohmann_json::nlohmann_json)
chemsafe_test(qra_fires_test
  SOURCES fires_test.cc explosions_test.cc fires_models_test.cc
  DEPS chemsafe::qra_fires)
list(APPEND CHEMSAFE_QRA_CONCERNS chemsafe::qra_fires)
