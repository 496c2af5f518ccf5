# The province-wide QRA and the relocation list (issue 5, plan task T7; decision 0007).
list(APPEND CHEMSAFE_SERVICE_QRA_SOURCES qra_province.cc qra_views.cc)
list(APPEND CHEMSAFE_SERVICE_QRA_TESTS qra_province_test.cc qra_views_test.cc)
