# Inspections and the hidden-hazard closed loop (issue 7; plan tasks T9, T25).
list(APPEND CHEMSAFE_SERVICE_INSPECT_SOURCES inspect_service.cc)
list(APPEND CHEMSAFE_SERVICE_INSPECT_TESTS inspect_service_test.cc)
list(APPEND CHEMSAFE_SERVICE_INSPECT_SOURCES inspect_demo.cc)
list(APPEND CHEMSAFE_SERVICE_INSPECT_TESTS inspect_demo_test.cc)
list(APPEND CHEMSAFE_SERVICE_INSPECT_SOURCES inspect_plan.cc)
list(APPEND CHEMSAFE_SERVICE_INSPECT_TESTS inspect_plan_test.cc)
