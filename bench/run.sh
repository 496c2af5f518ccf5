#!/usr/bin/env bash
# Runs the benchmarks of bench/ from a build directory (default build/release) and prints their figures.
set -euo pipefail
build_dir=${1:-build/release}
"$build_dir/bench/bench_import_holdings" "${BENCH_ROWS:-1000000}"
