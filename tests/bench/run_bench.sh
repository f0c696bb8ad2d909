#!/usr/bin/env bash
# POP3 retrieval benchmark: the Poplar engine against mpop on the same
# maildrop, served by a private Dovecot on 127.0.0.1 over implicit TLS.
#
#   bash tests/bench/run_bench.sh [MESSAGES]      (default 10000, ~340 MB)
#
# Three clients, alternating: the Poplar engine alone (data into a counting
# sink), a whole `poplar-cli fetch` (TLS, parse, store with its ledger,
# index, into a new profile each run) and mpop (delivering into a Maildir).
# Prints wall time, MB/s, messages/s, CPU time and peak RSS for each and the
# ratios of wall times (targets: engine <= 0.4 x mpop, whole fetch <= 0.5 x
# mpop), then a single 50 MB message: the engine's peak RSS (target < 64 MB)
# and a whole fetch's (target < 150 MB).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
MESSAGES="${1:-10000}"
JOBS="${JOBS:-$(nproc)}"

need=()
for p in mpop time dovecot-pop3d openssl; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if ((${#need[@]})); then
  sudo=(); [[ "$(id -u)" != 0 ]] && sudo=(sudo)
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${need[@]}"
fi

echo "==> Building the release preset" >&2
cmake --preset release >/dev/null
cmake --build --preset release -j "$JOBS" --target poplar-bench-server poplar-bench-fetch poplar-cli >/dev/null
BIN="$ROOT/build/release/tests/bench"
CLI="$ROOT/build/release/app/cli/poplar-cli"

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then
    exec 9>&- || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

start_server() {  # $1 = mix, $2 = messages
  rm -f "$WORK/info"
  mkfifo "$WORK/stdin.$1"
  "$BIN/poplar-bench-server" --mix "$1" --messages "$2" --info "$WORK/info" <"$WORK/stdin.$1" &
  SERVER_PID=$!
  exec 9>"$WORK/stdin.$1"
  for _ in $(seq 1 1200); do
    [[ -s "$WORK/info" ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "bench server failed" >&2; exit 1; }
    sleep 0.25
  done
  # shellcheck disable=SC1091
  source "$WORK/info"
}

stop_server() {
  exec 9>&-
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# shellcheck source=bench_lib.sh
source "$ROOT/tests/bench/bench_lib.sh"

echo "==> Generating $MESSAGES messages and starting Dovecot" >&2
start_server realistic "$MESSAGES"
echo "    $MESSAGES messages, $((BYTES / 1048576)) MB in the maildrop" >&2

fetch() {
  measure bash -c "printf '%s\n' \"\$0\" | '$BIN/poplar-bench-fetch' --host $HOST --port $PORT --user $USER --ca-file $CA_FILE $*" "$PASSWORD"
}

# Dovecot indexes the maildrop (and renames new/ to cur/) on the first
# session; a warm-up session pays that so neither client is charged for it.
echo "==> Warm-up session" >&2
fetch --list-only
write_mpoprc "$WORK/mpoprc"

# A profile holding the account (no password saved: it comes on stdin),
# copied afresh for every run so each stores the whole maildrop.
new_profile() {  # $1 = directory
  rm -rf "$1"
  "$CLI" account add --name Bench --email bench@example.org --host "$HOST" --port "$PORT" \
    --user "$USER" --ca-file "$CA_FILE" --leave-on-server yes --profile "$1" </dev/null >/dev/null
}
cli_fetch() {  # $1 = profile
  measure bash -c "printf '%s\n' \"\$0\" | '$CLI' fetch --account Bench --password-stdin --profile '$1'" "$PASSWORD"
}

# Each client runs RUNS times, alternating; the run with the median wall
# time is reported.
RUNS="${RUNS:-3}"
: >"$WORK/poplar.runs"; : >"$WORK/cli.runs"; : >"$WORK/mpop.runs"
for run in $(seq 1 "$RUNS"); do
  echo "==> Run $run/$RUNS: Poplar engine" >&2
  fetch
  cat "$WORK/out" >&2
  echo "$WALL $CPU $RSS_KB $MACHINE" >>"$WORK/poplar.runs"
  echo "==> Run $run/$RUNS: poplar-cli fetch (store and index included)" >&2
  new_profile "$WORK/profile"
  cli_fetch "$WORK/profile"
  cat "$WORK/out" >&2
  grep -q "Bench: $MESSAGES new messages" "$WORK/out" || { echo "poplar-cli did not store all $MESSAGES" >&2; exit 1; }
  echo "$WALL $CPU $RSS_KB $MACHINE" >>"$WORK/cli.runs"
  echo "==> Run $run/$RUNS: mpop (pipelining on, delivering to a Maildir)" >&2
  rm -rf "$WORK/maildir" "$WORK/mpop-uidls"
  mkdir -p "$WORK/maildir"/{cur,new,tmp}
  measure mpop -C "$WORK/mpoprc" --quiet
  got=$(find "$WORK/maildir/new" -type f | wc -l)
  [[ "$got" == "$MESSAGES" ]] || { echo "mpop delivered $got of $MESSAGES" >&2; exit 1; }
  echo "$WALL $CPU $RSS_KB $MACHINE" >>"$WORK/mpop.runs"
done
read -r POPLAR_WALL POPLAR_CPU POPLAR_RSS POPLAR_MACHINE < <(median "$WORK/poplar.runs")
read -r CLI_WALL CLI_CPU CLI_RSS CLI_MACHINE < <(median "$WORK/cli.runs")
read -r MPOP_WALL MPOP_CPU MPOP_RSS MPOP_MACHINE < <(median "$WORK/mpop.runs")
stop_server

echo
echo "Retrieving $MESSAGES messages ($((BYTES / 1048576)) MB) over implicit TLS from Dovecot on 127.0.0.1"
echo "(median of $RUNS alternating runs each):"
row engine "$POPLAR_WALL" "$POPLAR_CPU" "$POPLAR_RSS" "$MESSAGES" "$BYTES" "$POPLAR_MACHINE"
row fetch "$CLI_WALL" "$CLI_CPU" "$CLI_RSS" "$MESSAGES" "$BYTES" "$CLI_MACHINE"
row mpop "$MPOP_WALL" "$MPOP_CPU" "$MPOP_RSS" "$MESSAGES" "$BYTES" "$MPOP_MACHINE"
awk -v p="$POPLAR_WALL" -v m="$MPOP_WALL" 'BEGIN {
  r = p / m; printf "ratio    engine/mpop wall time = %.2f (target <= 0.40: %s)\n", r, (r <= 0.40 ? "met" : "NOT met") }'
awk -v p="$CLI_WALL" -v m="$MPOP_WALL" 'BEGIN {
  r = p / m; printf "ratio    whole fetch/mpop wall time = %.2f (target <= 0.50: %s)\n", r, (r <= 0.50 ? "met" : "NOT met") }'
# How full the machine was: on few cores the server's CPU (Dovecot's TLS
# proxy and pop3 process) competes with the client's.
awk -v n="$(nproc)" -v pw="$POPLAR_WALL" -v pm="$POPLAR_MACHINE" -v cw="$CLI_WALL" -v cm="$CLI_MACHINE" \
    -v mw="$MPOP_WALL" -v mm="$MPOP_MACHINE" 'BEGIN {
  printf "machine  %d cores, busy %.0f %% of the engine run, %.0f %% of the whole fetch, %.0f %% of mpop'"'"'s\n",
         n, 100 * pm / (pw * n), 100 * cm / (cw * n), 100 * mm / (mw * n) }'

echo "==> One 50 MB message" >&2
start_server large 1
fetch --list-only
fetch
read -r ENGINE_WALL ENGINE_CPU ENGINE_RSS <<<"$WALL $CPU $RSS_KB"
new_profile "$WORK/profile-large"
cli_fetch "$WORK/profile-large"
stop_server
echo
echo "One 50 MB message:"
row engine "$ENGINE_WALL" "$ENGINE_CPU" "$ENGINE_RSS" 1 "$BYTES"
awk -v r="$ENGINE_RSS" 'BEGIN { printf "engine peak RSS %.1f MB (target < 64 MB: %s)\n", r / 1024, (r < 65536 ? "met" : "NOT met") }'
row fetch "$WALL" "$CPU" "$RSS_KB" 1 "$BYTES"
awk -v r="$RSS_KB" 'BEGIN { printf "whole fetch peak RSS %.1f MB (target < 150 MB: %s)\n", r / 1024, (r < 153600 ? "met" : "NOT met") }'
