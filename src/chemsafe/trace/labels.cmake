# Container and lot labels (labels.h): QR code, text and GHS pictograms to PDF or PNG -> chemsafe::trace_labels.
# The libraries are Debian 12 packages (scripts/install-deps.sh), found with pkg-config.
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo)
pkg_check_modules(RSVG REQUIRED IMPORTED_TARGET librsvg-2.0)
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo)
pkg_check_modules(FONTCONFIG REQUIRED IMPORTED_TARGET fontconfig)  # the test releases its caches
chemsafe_library(trace_labels
  SOURCES labels.cc
  DEPS chemsafe::core chemsafe::catalogue
  PRIVATE_DEPS PkgConfig::QRENCODE PkgConfig::CAIRO PkgConfig::RSVG PkgConfig::PANGOCAIRO fmt::fmt)
# The tests read the labels back with poppler-utils (pdftotext, pdftoppm) and zbar-tools (zbarimg).
chemsafe_test(trace_labels_test SOURCES labels_test.cc DEPS chemsafe::trace_labels chemsafe::catalogue
  PkgConfig::CAIRO PkgConfig::PANGOCAIRO PkgConfig::FONTCONFIG)
list(APPEND CHEMSAFE_TRACE_CONCERNS chemsafe::trace_labels)
