# demo province (paths relative to this folder)
set(CHEMSAFE_SERVICE_DEMO_SOURCES demo.cc)
set(CHEMSAFE_SERVICE_DEMO_TESTS demo_test.cc)
