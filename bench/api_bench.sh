#!/usr/bin/env bash
# The platform's API under load (issue 4 acceptance): requests/s and p99 latency of
#   GET /api/v1/enterprises/{id}                 (the single-object read), and
#   GET /api/v1/map/points?layer=units           (every unit point of the whole demo province, >= 50,000),
# each against nginx serving the same response bytes as a static file with the same Content-Type, on the
# same machine in the same run, under the same wrk load. Targets: single-object read >= 0.5 of nginx's
# requests/s; map query p99 < 100 ms.
#
# Usage: bench/api_bench.sh [BUILD_DIR]   (default build/release; needs wrk, nginx, curl)
# Environment: BENCH_API_ENTERPRISES (default 25000: seed 2017 gives 52,906 units), BENCH_API_DURATION
# (default 10s), CHEMSAFE_DATA_DIR (default data/ of this checkout), BENCH_API_KEEP=1 keeps the work
# folder (database, responses, nginx.conf) for a look afterwards.
#
# Everything it starts (chemsafe serve, nginx) listens on 127.0.0.1 only and is stopped on exit.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-build/release}
chemsafe=$(cd "$build_dir" && pwd)/apps/chemsafe/chemsafe
enterprises=${BENCH_API_ENTERPRISES:-25000}
duration=${BENCH_API_DURATION:-10s}
export CHEMSAFE_DATA_DIR=${CHEMSAFE_DATA_DIR:-$repo/data}

for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "api_bench: $tool is not installed" >&2; exit 1; }
done
[[ -x $chemsafe ]] || { echo "api_bench: no chemsafe binary at $chemsafe" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/chemsafe-api-bench.XXXXXX")
chmod 711 "$work"  # nginx's workers run as another user when started by root: they must reach html/
server_pid=
nginx_up=

cleanup() {
  local rc=$?
  if [[ -n $server_pid ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ -n $nginx_up ]]; then
    local nginx_pid
    nginx_pid=$(cat "$work/nginx/nginx.pid" 2>/dev/null || true)
    nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -s stop 2>/dev/null || true
    # Not our child (it daemonised): wait for its exit, bounded, before its folder goes.
    [[ -z $nginx_pid ]] || timeout 10 tail --pid="$nginx_pid" -s 0.1 -f /dev/null || true
  fi
  exec 3<&- 2>/dev/null || true
  [[ -n ${BENCH_API_KEEP:-} ]] || rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT

now_s() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now_s)" 'BEGIN { printf "%.2f", b - a }'; }

# 1. The synthetic province, assessed, with a province-wide account.
db=$work/bench.db
t0=$(now_s)
"$chemsafe" demo generate --seed 2017 --enterprises "$enterprises" --db "$db" >/dev/null
gen_s=$(elapsed "$t0")
t0=$(now_s)
"$chemsafe" hazard run --db "$db" >/dev/null
hazard_s=$(elapsed "$t0")
password='Bench#2017x'
(umask 077 && printf '%s\n' "$password" >"$work/password")
"$chemsafe" user add --db "$db" --role province --name bench --password-file "$work/password" >/dev/null

# 2. The server. Its first line on stdout says where it listens; the read blocks until then (or EOF if
# it fails to start). fd 3 stays open so that its last lines at SIGTERM have somewhere to go.
mkfifo "$work/serve.out"
"$chemsafe" serve --db "$db" --listen 127.0.0.1:0 --workers 4 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
exec 3<"$work/serve.out"
port=
while IFS= read -r -t 120 line <&3; do
  if [[ $line =~ serving\ http://127\.0\.0\.1:([0-9]+)/ ]]; then
    port=${BASH_REMATCH[1]}
    break
  fi
done
[[ -n $port ]] || { echo "api_bench: chemsafe serve did not start:" >&2; cat "$work/serve.err" >&2; exit 1; }
base=http://127.0.0.1:$port

curl -sf -c "$work/cookies" -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench\",\"password\":\"$password\"}" "$base/api/v1/auth/login" >/dev/null
session=$(awk '$6 == "chemsafe_session" { print $7 }' "$work/cookies")
[[ -n $session ]] || { echo "api_bench: log-in gave no session cookie" >&2; exit 1; }
cookie="Cookie: chemsafe_session=$session"

# 3. The two responses, once, as files for nginx. The enterprise: the first of the province's list.
mkdir -p "$work/nginx/html" "$work/nginx/logs"
enterprise_id=$(curl -sf -H "$cookie" "$base/api/v1/enterprises?page_size=1" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
enterprise_path=/api/v1/enterprises/$enterprise_id
points_path='/api/v1/map/points?layer=units'
t0=$(now_s)
curl -sf -H "$cookie" -o "$work/nginx/html/points.json" -D "$work/points.headers" "$base$points_path"
first_points_s=$(elapsed "$t0")
curl -sf -H "$cookie" -o "$work/nginx/html/enterprise.json" -D "$work/enterprise.headers" "$base$enterprise_path"
points=$(grep -o '\],\[' "$work/nginx/html/points.json" | wc -l)
points=$((points + 1))
content_type=$(awk -F': ' 'tolower($1) == "content-type" { sub(/\r$/, "", $2); print $2 }' "$work/enterprise.headers")
if ((points < 50000)); then
  echo "api_bench: the map query gave $points points (< 50,000); raise BENCH_API_ENTERPRISES" >&2
  exit 1
fi

# 4. nginx serving the same bytes (a free port: nginx exits non-zero when the bind fails, so try a few;
# it has bound the port and written its pid file by the time the command returns).
nginx_port=
for _ in $(seq 20); do
  candidate=$((20000 + RANDOM % 40000))
  cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { }
  default_type "$content_type";
  server {
    listen 127.0.0.1:$candidate;
    root $work/nginx/html;
    location = /enterprise { try_files /enterprise.json =404; }
    location = /points { try_files /points.json =404; }
  }
}
EOF
  if nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" 2>>"$work/nginx/logs/start.log"; then
    nginx_port=$candidate
    nginx_up=1
    break
  fi
done
[[ -n $nginx_port ]] || { echo "api_bench: nginx did not start:" >&2; cat "$work/nginx/logs/start.log" >&2; exit 1; }
nginx_base=http://127.0.0.1:$nginx_port
cmp -s <(curl -sf "$nginx_base/enterprise") "$work/nginx/html/enterprise.json" ||
  { echo "api_bench: nginx does not serve the enterprise bytes" >&2; exit 1; }

# 5. wrk. Prints "RPS P99_MS" for one run; fails on non-2xx answers or socket errors.
run_wrk() {
  local out rps p99 value unit
  out=$(wrk "$@" --latency)
  if grep -q 'Non-2xx\|Socket errors' <<<"$out"; then
    echo "api_bench: errors under load (wrk $*):" >&2
    echo "$out" >&2
    return 1
  fi
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  read -r value unit < <(awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v); print v, u }' <<<"$out")
  case $unit in
    us) p99=$(awk -v v="$value" 'BEGIN { printf "%.3f", v / 1000 }') ;;
    ms) p99=$value ;;
    s) p99=$(awk -v v="$value" 'BEGIN { printf "%.3f", v * 1000 }') ;;
    m) p99=$(awk -v v="$value" 'BEGIN { printf "%.3f", v * 60000 }') ;;
    *) echo "api_bench: cannot read wrk's 99% latency" >&2; echo "$out" >&2; return 1 ;;
  esac
  echo "$rps $p99"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", a / b }'; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
single_load=(-t2 -c32 -d"$duration")
map_load=(-t1 -c4 -d"$duration")
read -r cs_one_rps cs_one_p99 < <(run_wrk "${single_load[@]}" -H "$cookie" "$base$enterprise_path")
read -r ng_one_rps ng_one_p99 < <(run_wrk "${single_load[@]}" "$nginx_base/enterprise")
# One client at a time first: the map query's own latency, without queueing behind other clients (nor
# behind requests still queued from a run before: wrk stops with requests in flight).
read -r cs_map1_rps cs_map1_p99 < <(run_wrk -t1 -c1 -d"$duration" -H "$cookie" "$base$points_path")
read -r cs_map_rps cs_map_p99 < <(run_wrk "${map_load[@]}" -H "$cookie" "$base$points_path")
read -r ng_map_rps ng_map_p99 < <(run_wrk "${map_load[@]}" "$nginx_base/points")

one_ratio=$(ratio "$cs_one_rps" "$ng_one_rps")
# verdict VALUE OP LIMIT, OP one of ">=" "<": "met" or "MISSED".
verdict() {
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN { exit !(op == ">=" ? v + 0 >= l + 0 : v + 0 < l + 0) }' && echo met || echo MISSED
}

printf 'api bench: demo province seed 2017, %s enterprises (generated in %s s, hazard run %s s); chemsafe serve --workers 4 vs nginx (worker_processes 2), wrk %s; load average before: %s\n' \
  "$enterprises" "$gen_s" "$hazard_s" "$duration" "$load_before"
printf '  GET %s (%s bytes), wrk -t2 -c32:\n' "$enterprise_path" "$(stat -c %s "$work/nginx/html/enterprise.json")"
printf '    chemsafe %10.0f req/s  p99 %9.2f ms\n' "$cs_one_rps" "$cs_one_p99"
printf '    nginx    %10.0f req/s  p99 %9.2f ms\n' "$ng_one_rps" "$ng_one_p99"
printf '    ratio req/s chemsafe/nginx: %s (target >= 0.5: %s); p99 ratio %s\n' "$one_ratio" \
  "$(verdict "$one_ratio" ">=" 0.5)" "$(ratio "$cs_one_p99" "$ng_one_p99")"
printf '  GET %s: %d points, %s bytes (first answer %s s), wrk -t1 -c4:\n' "$points_path" "$points" \
  "$(stat -c %s "$work/nginx/html/points.json")" "$first_points_s"
printf '    chemsafe %10.1f req/s  p99 %9.2f ms\n' "$cs_map_rps" "$cs_map_p99"
printf '    nginx    %10.1f req/s  p99 %9.2f ms\n' "$ng_map_rps" "$ng_map_p99"
printf '    ratio req/s chemsafe/nginx: %s; p99 ratio %s; p99 < 100 ms: %s\n' "$(ratio "$cs_map_rps" "$ng_map_rps")" \
  "$(ratio "$cs_map_p99" "$ng_map_p99")" "$(verdict "$cs_map_p99" "<" 100)"
printf '    one client (wrk -t1 -c1): chemsafe %.1f req/s, p99 %.2f ms (p99 < 100 ms: %s)\n' "$cs_map1_rps" \
  "$cs_map1_p99" "$(verdict "$cs_map1_p99" "<" 100)"

# 6. The server drains and exits 0 on SIGTERM.
kill -TERM "$server_pid"
serve_rc=0
wait "$server_pid" || serve_rc=$?
server_pid=
[[ $serve_rc -eq 0 ]] || { echo "api_bench: chemsafe serve exited $serve_rc on SIGTERM" >&2; exit 1; }
