#!/usr/bin/env bash
# Runs the benchmarks of bench/ from a build directory (default build/release) and prints their figures.
set -euo pipefail
build_dir=${1:-build/release}
"$build_dir/bench/bench_import_holdings" "${BENCH_ROWS:-1000000}"
"$build_dir/bench/bench_hazard" "${BENCH_UNITS:-100000}" "${BENCH_HOLDINGS:-1000000}"
"$build_dir/bench/bench_qra_risk" "${BENCH_QRA_THREADS:-2}" "${BENCH_QRA_INSTALLATIONS:-1000}"
bash "$(dirname "$0")/api_bench.sh" "$build_dir"
# The lineage store (10M events by default) is kept beside the binary and reused when it holds that many.
"$build_dir/bench/bench_trace" "${BENCH_TRACE_CAPTURE:-200000}" "${BENCH_TRACE_STORE:-10000000}" "${BENCH_TRACE_BALANCE:-1000000}"
