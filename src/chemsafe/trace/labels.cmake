# Container and lot labels (labels.h): QR code, text and GHS pictograms to PDF or PNG -> chemsafe::trace_labels.
# The libraries are Debian 12 packages (scripts/install-deps.sh), found with pkg-config; what the labels
# share with the safety cards (library handles, layouts, the QR code) is chemsafe::drawing.
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo)
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo)
chemsafe_library(trace_labels
  SOURCES labels.cc
  DEPS chemsafe::core chemsafe::catalogue
  PRIVATE_DEPS chemsafe::drawing PkgConfig::CAIRO PkgConfig::PANGOCAIRO fmt::fmt)
# The tests read the labels back with poppler-utils (pdftotext, pdftoppm, pdfinfo) and zbar-tools (zbarimg),
# through chemsafe::drawing_testing.
chemsafe_test(trace_labels_test SOURCES labels_test.cc DEPS chemsafe::trace_labels chemsafe::catalogue
  chemsafe::drawing_testing PkgConfig::CAIRO)  # cairo: the test decodes the PNG output
list(APPEND CHEMSAFE_TRACE_CONCERNS chemsafe::trace_labels)
