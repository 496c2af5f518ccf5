# catalogue, GB 18218 tables, regulatory lists (paths relative to this folder)
set(CHEMSAFE_REFERENCE_CATALOGUE_SOURCES catalogue_files.cc gb18218_files.cc official_catalogue.cc physchem_files.cc)
set(CHEMSAFE_REFERENCE_CATALOGUE_TESTS catalogue_files_test.cc gb18218_files_test.cc official_catalogue_test.cc)
