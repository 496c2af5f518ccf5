# divisions, holidays, boundaries: set(CHEMSAFE_REFERENCE_CORE_SOURCES ...) and _TESTS
