# Inspections and the hidden-hazard closed loop (issue 7; plan tasks T9, T25).
list(APPEND CHEMSAFE_SERVICE_INSPECT_SOURCES inspect_service.cc)
list(APPEND CHEMSAFE_SERVICE_INSPECT_TESTS inspect_service_test.cc)
