# divisions, holidays, boundaries (paths relative to this folder)
set(CHEMSAFE_REFERENCE_CORE_SOURCES divisions.cc holidays.cc boundaries.cc)
set(CHEMSAFE_REFERENCE_CORE_TESTS divisions_test.cc holidays_test.cc boundaries_test.cc)
