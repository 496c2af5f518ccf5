# demo province: set(CHEMSAFE_SERVICE_DEMO_SOURCES ...) and _TESTS
