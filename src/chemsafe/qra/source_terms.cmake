# Source terms of the qra module (issue 5): discharge of liquids and gases through holes, flashing,
# pool spreading and evaporation, and the substance property table (data/qra/qra_substances.csv, parsed
# from a string: no I/O here). The models are registered by name in source_models.cc.
chemsafe_library(qra_source
  SOURCES source_terms.cc substances.cc source_models.cc
  DEPS chemsafe::core chemsafe::qra_models
  PRIVATE_DEPS fmt::fmt)
chemsafe_test(qra_source_test
  SOURCES source_terms_test.cc substances_test.cc source_models_test.cc
  DEPS chemsafe::qra_source)
list(APPEND CHEMSAFE_QRA_CONCERNS chemsafe::qra_source)
