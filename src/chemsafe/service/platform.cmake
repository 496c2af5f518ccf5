# The platform's accounts, roles and scopes (issue 4).
list(APPEND CHEMSAFE_SERVICE_PLATFORM_SOURCES access.cc auth_service.cc platform_views.cc registry_edits.cc)
list(APPEND CHEMSAFE_SERVICE_PLATFORM_TESTS auth_service_test.cc)
