# The QRA data of data/qra/ (issue 5): its own library, so that the other reference loaders do not depend
# on the qra module.
chemsafe_library(reference_qra
  SOURCES qra_files.cc
  DEPS chemsafe::core chemsafe::qra
  PRIVATE_DEPS fmt::fmt chemsafe::audit)
chemsafe_test(reference_qra_test SOURCES qra_files_test.cc DEPS chemsafe::reference_qra)
