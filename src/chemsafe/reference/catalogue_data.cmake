# catalogue, GB 18218 tables, regulatory lists: set(CHEMSAFE_REFERENCE_CATALOGUE_SOURCES ...) and _TESTS
