# major hazard installations database (issue 3)
set(CHEMSAFE_SERVICE_HAZARD_SOURCES hazard_service.cc)
set(CHEMSAFE_SERVICE_HAZARD_TESTS hazard_service_test.cc)
