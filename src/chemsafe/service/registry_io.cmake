# Registry import, export and templates (registry_io.h); paths relative to this folder.
# registry_io.h includes the catalogue contract header (catalogue/catalogue.h); until that header
# lands the I/O sources are left out so that the rest of the tree keeps building.
if(EXISTS ${CMAKE_SOURCE_DIR}/src/chemsafe/catalogue/catalogue.h)
  set(CHEMSAFE_SERVICE_IO_SOURCES
    registry_io_cells.cc
    registry_io_columns.cc
    registry_io_import.cc
    registry_io_export.cc
    registry_io_synthetic.cc)
  set(CHEMSAFE_SERVICE_IO_TESTS
    registry_io_test.cc
    registry_io_cells_test.cc)
endif()
