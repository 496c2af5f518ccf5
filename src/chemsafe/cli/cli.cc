#include "chemsafe/cli/cli.h"

#include <fstream>
#include <iostream>
#include <iterator>

#include <fmt/format.h>

#include "chemsafe/cli/internal/commands.h"

#ifndef CHEMSAFE_VERSION
#define CHEMSAFE_VERSION "0.0.0"
#endif

namespace chemsafe::cli {

int Fail(const Status& status) {
  std::cerr << "chemsafe: " << status.message() << "\n";
  return 1;
}

service::Actor CliActor() {
  service::Actor actor;
  actor.principal.username = "cli";
  actor.principal.role = service::Role::kProvince;
  actor.client = "cli";
  return actor;
}

Result<nlohmann::json> ReadJsonInput(const std::string& input) {
  std::string text;
  if (input == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(input, std::ios::binary);
    if (!in) return NotFound(input + ": cannot open");
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return InvalidArgument(
        fmt::format("{}: not valid JSON at byte {}: {}", input == "-" ? "stdin" : input, e.byte, e.what()));
  }
}

CLI::App* FindSubcommand(CLI::App& app, const std::string& name) {
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == name) return sub;
  }
  return nullptr;
}

int Run(int argc, char** argv) {
  CLI::App app{"chemsafe — hazardous-chemicals safety governance platform (危险化学品安全综合治理平台)"};
  app.set_version_flag("--version", std::string("chemsafe ") + CHEMSAFE_VERSION);
  app.require_subcommand(1);
  CommandContext ctx;
  AddIdCommands(app, ctx);
  AddCalendarCommands(app, ctx);
  AddCatalogueCommands(app, ctx);
  AddRegistryCommands(app, ctx);
  AddDemoCommands(app, ctx);
  AddHazardCommands(app, ctx);
  AddPlatformCommands(app, ctx);
  AddQraCommands(app, ctx);
  AddTraceCommands(app, ctx);
  AddRiskCommands(app, ctx);
  AddCreditCommands(app, ctx);
  AddInspectCommands(app, ctx);
  AddGovernanceCommands(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return ctx.exit_code;
}

}  // namespace chemsafe::cli
