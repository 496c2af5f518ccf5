# The governance of the plan: reports, statuses, reminders, measures, dashboard, notice (issue 8; seed 三、五).
list(APPEND CHEMSAFE_SERVICE_GOVERNANCE_SOURCES governance_service.cc governance_demo.cc)
list(APPEND CHEMSAFE_SERVICE_GOVERNANCE_TESTS governance_service_test.cc)
