// Registration of the CLI's subcommands, one function per concern. Each command's callback stores its
// exit code in the context; cli.cc returns it.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "chemsafe/core/result.h"
#include "chemsafe/service/access.h"

namespace chemsafe::cli {

struct CommandContext {
  int exit_code = 0;
};

// The subcommand `name` of `app`, or nullptr (lets two files add commands under one name, e.g. hazard).
CLI::App* FindSubcommand(CLI::App& app, const std::string& name);

// Prints "chemsafe: <message>" on stderr and returns the exit code for a failed request (1).
int Fail(const Status& status);

// The JSON document of `input`, a file or "-" for standard input; errors name the file (or stdin) and
// the byte where the JSON breaks.
Result<nlohmann::json> ReadJsonInput(const std::string& input);

// Who the CLI acts as in audited writes: user "cli", client "cli", with the province office's rights (the
// operator at the server's console).
service::Actor CliActor();

void AddIdCommands(CLI::App& app, CommandContext& ctx);
void AddCalendarCommands(CLI::App& app, CommandContext& ctx);
void AddCatalogueCommands(CLI::App& app, CommandContext& ctx);
void AddRegistryCommands(CLI::App& app, CommandContext& ctx);
void AddDemoCommands(CLI::App& app, CommandContext& ctx);
void AddHazardCommands(CLI::App& app, CommandContext& ctx);
void AddPlatformCommands(CLI::App& app, CommandContext& ctx);
void AddQraCommands(CLI::App& app, CommandContext& ctx);
void AddTraceCommands(CLI::App& app, CommandContext& ctx);
void AddRiskCommands(CLI::App& app, CommandContext& ctx);
void AddCreditCommands(CLI::App& app, CommandContext& ctx);
void AddInspectCommands(CLI::App& app, CommandContext& ctx);
void AddGovernanceCommands(CLI::App& app, CommandContext& ctx);

}  // namespace chemsafe::cli
