# The credit module: blacklist, enforcement records, safety liability insurance (issue 7; plan tasks T25–T27, T33).
list(APPEND CHEMSAFE_SERVICE_CREDIT_SOURCES credit_service.cc credit_demo.cc)
list(APPEND CHEMSAFE_SERVICE_CREDIT_TESTS credit_service_test.cc)
