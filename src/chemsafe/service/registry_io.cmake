# import/export/templates: set(CHEMSAFE_SERVICE_IO_SOURCES ...) and _TESTS
