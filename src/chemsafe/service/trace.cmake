# Traceability of regulated chemicals (issue 6, plan tasks T3 and T35; decision 0008): capture checked
# against the registry, and the closed loop.
list(APPEND CHEMSAFE_SERVICE_TRACE_SOURCES trace_service.cc trace_demo.cc trace_views.cc)
list(APPEND CHEMSAFE_SERVICE_TRACE_TESTS trace_service_test.cc)
