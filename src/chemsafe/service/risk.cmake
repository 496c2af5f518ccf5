# Risk points and their graded control (issue 7; plan tasks T4, T9).
list(APPEND CHEMSAFE_SERVICE_RISK_SOURCES risk_service.cc risk_demo.cc risk_cards.cc)
list(APPEND CHEMSAFE_SERVICE_RISK_TESTS risk_service_test.cc)
