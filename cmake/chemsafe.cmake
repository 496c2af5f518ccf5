# Helpers shared by every module: one library target per module, warnings, and tests beside the code.

set(CHEMSAFE_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wconversion -Wno-sign-conversion)

# STYLE.md §10: numerics must not be silently fused.
add_compile_options(-ffp-contract=off)

option(CHEMSAFE_SANITIZE "Build with address and undefined-behaviour sanitizers" OFF)
if(CHEMSAFE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# chemsafe_library(NAME SOURCES ... DEPS ...): defines chemsafe_NAME with the alias chemsafe::NAME.
function(chemsafe_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(chemsafe_${name} STATIC ${ARG_SOURCES})
  add_library(chemsafe::${name} ALIAS chemsafe_${name})
  target_include_directories(chemsafe_${name} PUBLIC ${CMAKE_SOURCE_DIR}/src)
  target_compile_options(chemsafe_${name} PRIVATE ${CHEMSAFE_WARNINGS})
  target_link_libraries(chemsafe_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  target_compile_definitions(chemsafe_${name} PRIVATE
    CHEMSAFE_DEFAULT_DATA_DIR="${CHEMSAFE_DATA_DIR}")
endfunction()

# chemsafe_test(NAME SOURCES ... DEPS ... [LABELS ...] [FIXTURES ...]): one GoogleTest executable, its cases
# registered with ctest. FIXTURES names ctest fixtures the cases require (e.g. `pg`, the throw-away PostgreSQL
# cluster of store/CMakeLists.txt).
function(chemsafe_test name)
  if(NOT CHEMSAFE_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS;FIXTURES" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${CHEMSAFE_WARNINGS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    CHEMSAFE_TEST_DATA_DIR="${CHEMSAFE_DATA_DIR}"
    CHEMSAFE_TESTDATA_DIR="${CHEMSAFE_TESTDATA_DIR}")
  include(GoogleTest)
  # Lists inside PROPERTIES must be joined with ";" escaped, else they split the name/value pairs.
  set(props ENVIRONMENT "CHEMSAFE_DATA_DIR=${CHEMSAFE_DATA_DIR}")
  if(ARG_LABELS)
    string(REPLACE ";" "\\;" labels "${ARG_LABELS}")
    list(APPEND props LABELS "${labels}")
  endif()
  if(ARG_FIXTURES)
    string(REPLACE ";" "\\;" fixtures "${ARG_FIXTURES}")
    list(APPEND props FIXTURES_REQUIRED "${fixtures}")
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES ${props})
endfunction()
