# Identifiers (identifiers.h), EPCIS 2.0 JSON-LD in and out (epcis.h) and the GS1 event hash (event_hash.h).
find_package(OpenSSL 3 REQUIRED)  # SHA-256 of the event hash (EVP)
chemsafe_library(trace_epcis
  SOURCES identifiers.cc epcis.cc event_hash.cc
  DEPS chemsafe::trace_event chemsafe::core
  PRIVATE_DEPS fmt::fmt OpenSSL::Crypto)
chemsafe_test(trace_epcis_test
  SOURCES identifiers_test.cc epcis_test.cc event_hash_test.cc
  DEPS chemsafe::trace_epcis nlohmann_json::nlohmann_json rapidcheck rapidcheck_gtest)
list(APPEND CHEMSAFE_TRACE_CONCERNS chemsafe::trace_epcis)
