// `chemsafe calendar add-working-days DATE N`: the date N Chinese working days after DATE.
#include <iostream>
#include <memory>

#include "chemsafe/cli/internal/commands.h"
#include "chemsafe/core/calendar.h"
#include "chemsafe/reference/data_dir.h"
#include "chemsafe/reference/holidays.h"

namespace chemsafe::cli {

void AddCalendarCommands(CLI::App& app, CommandContext& ctx) {
  auto* cal = app.add_subcommand("calendar", "Chinese working-day calendar (holidays and adjusted working days)");
  cal->require_subcommand(1);
  auto* add = cal->add_subcommand("add-working-days", "Print the date N working days after DATE");
  auto date = std::make_shared<std::string>();
  auto n = std::make_shared<int>(0);
  add->add_option("date", *date, "YYYY-MM-DD")->required();
  add->add_option("n", *n, "number of working days (>= 0)")->required()->check(CLI::NonNegativeNumber);
  add->callback([&ctx, date, n] {
    auto start = Date::Parse(*date);
    if (!start.ok()) { ctx.exit_code = Fail(start.status()); return; }
    auto calendar = reference::LoadWorkingCalendar(reference::DataDir());
    if (!calendar.ok()) { ctx.exit_code = Fail(calendar.status()); return; }
    auto end = calendar->AddWorkingDays(*start, *n);
    if (!end.ok()) { ctx.exit_code = Fail(end.status()); return; }
    std::cout << end->str() << "\n";
  });
}

}  // namespace chemsafe::cli
