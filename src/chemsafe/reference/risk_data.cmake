# The risk grading tables of data/risk/ (issue 7): a library of its own, so that the other reference loaders
# do not depend on the risk module.
chemsafe_library(reference_risk
  SOURCES risk_files.cc
  DEPS chemsafe::core chemsafe::risk
  PRIVATE_DEPS fmt::fmt)
chemsafe_test(reference_risk_test SOURCES risk_files_test.cc DEPS chemsafe::reference_risk chemsafe::reference)
