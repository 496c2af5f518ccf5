// `chemsafe id check {uscc|cas|un|division} VALUE`: exit 0 and "valid", or exit 1 and the reason.
#include <iostream>
#include <memory>

#include "chemsafe/cli/internal/commands.h"
#include "chemsafe/core/ids.h"
#include "chemsafe/reference/data_dir.h"
#include "chemsafe/reference/divisions.h"

namespace chemsafe::cli {
namespace {

Status CheckId(const std::string& kind, const std::string& value) {
  if (kind == "uscc") return Uscc::Parse(value).status();
  if (kind == "cas") return Cas::Parse(value).status();
  if (kind == "un") return UnNumber::Parse(value).status();
  // division
  auto table = reference::LoadDivisionTable(reference::DataDir());
  if (!table.ok()) return table.status();
  return DivisionCode::Parse(value, *table).status();
}

}  // namespace

void AddIdCommands(CLI::App& app, CommandContext& ctx) {
  auto* id = app.add_subcommand("id", "Validate identifiers");
  id->require_subcommand(1);
  auto* check = id->add_subcommand("check", "Check an identifier: uscc (统一社会信用代码), cas, un, division (行政区划代码)");
  auto kind = std::make_shared<std::string>();
  auto value = std::make_shared<std::string>();
  check->add_option("kind", *kind, "uscc | cas | un | division")
      ->required()
      ->check(CLI::IsMember({"uscc", "cas", "un", "division"}));
  check->add_option("value", *value, "the identifier")->required();
  check->callback([&ctx, kind, value] {
    const Status s = CheckId(*kind, *value);
    if (s.ok()) {
      std::cout << "valid\n";
      ctx.exit_code = 0;
    } else {
      ctx.exit_code = Fail(s);
    }
  });
}

}  // namespace chemsafe::cli
