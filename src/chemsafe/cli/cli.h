// The command-line face of chemsafe (DESIGN.md §3). Each subcommand parses its arguments, calls a
// service, and encodes the result; no business rules live here. The command contracts (names, flags,
// exit codes, output) are stable: later issues and tests rely on them (issue 2 §7).
//
// Exit codes: 0 success; 1 the input or the request was invalid (the reason on stderr); 2 usage error.
#pragma once

namespace chemsafe::cli {

int Run(int argc, char** argv);

}  // namespace chemsafe::cli
