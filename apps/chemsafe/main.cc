// Composition root of the chemsafe binary: the CLI picks the storage backend (--db SQLite, --pg
// PostgreSQL) per command and wires the services.
#include "chemsafe/cli/cli.h"

int main(int argc, char** argv) { return chemsafe::cli::Run(argc, argv); }
