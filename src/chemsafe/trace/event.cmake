# The event model of the trace module (event.h): types, names, the normalised event.
chemsafe_library(trace_event
  SOURCES event.cc
  DEPS chemsafe::core nlohmann_json::nlohmann_json)
chemsafe_test(trace_event_test SOURCES event_test.cc DEPS chemsafe::trace_event)
list(APPEND CHEMSAFE_TRACE_CONCERNS chemsafe::trace_event)
