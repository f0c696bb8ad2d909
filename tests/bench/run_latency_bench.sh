#!/usr/bin/env bash
# POP3 retrieval over links with a round-trip time: the pipelined limit,
# mpop, the Poplar engine alone and a whole `poplar-cli fetch`, on the same
# maildrop served by a private Dovecot over implicit TLS.
#
#   sudo bash tests/bench/run_latency_bench.sh [MESSAGES] [--rtts "0 20 100"] [--runs 3] [--small 1000]
#   sudo bash tests/bench/run_latency_bench.sh --cleanup
#
# RTT 0 is loopback (Dovecot on 127.0.0.1). Any other RTT runs the server in
# one network namespace and the clients in another, joined by a veth pair
# whose addresses (10.231.15.1 and .2) exist only inside the two namespaces;
# each side holds the packets arriving from the pair RTT/2 ms
# (poplar-bench-delay through NFQUEUE; the kernel has no netem). After the
# matrix, --small N messages (default 1000, 0 skips it) at RTT 100 ms.
# After each whole fetch, the first search (which builds the search index
# the fetch left to the idle store) is timed on its own as "index".
# Prints the median of --runs alternating runs of each client: wall time,
# MB/s, CPU, peak RSS, the machine's CPU meanwhile, how busy the machine was
# before the runs, the measured RTT, and the ratios against the targets.
#
# Must run as root (namespaces, iptables). Everything it creates is named
# after its process id and removed on exit, also on Ctrl-C; --cleanup removes
# what a run killed with SIGKILL left behind.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=bench_lib.sh
source "$ROOT/tests/bench/bench_lib.sh"

MESSAGES=10000
RTTS="0 20 100"
RUNS=3
SMALL=1000
CLEANUP_ONLY=0
while (($#)); do
  case "$1" in
    --rtts) RTTS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --small) SMALL="$2"; shift 2 ;;
    --cleanup) CLEANUP_ONLY=1; shift ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    [0-9]*) MESSAGES="$1"; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ "$(id -u)" == 0 ]] || { echo "run_latency_bench.sh must run as root (network namespaces, iptables)" >&2; exit 1; }

IPT=iptables-legacy  # nftables cannot queue here (no NFT_QUEUE); the legacy tables can
NS_SRV="poplar-bench-srv-$$"
NS_CLI="poplar-bench-cli-$$"
VETH_SRV="pbs$$"  # interface names: at most 15 characters
VETH_CLI="pbc$$"
ADDR_SRV=10.231.15.1
ADDR_CLI=10.231.15.2

# Whether process $1 is a run of this script that is still going.
run_alive() {
  [[ -r "/proc/$1/cmdline" ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q run_latency_bench
}

# Leftovers of runs that were killed outright: namespaces and scratch
# directories named after a process id that is no longer such a run.
# Processes still inside such a namespace (delay, server) are ended by their
# own ids.
cleanup_leftovers() {
  local ns pid dir p
  for ns in $(ip netns list | awk '{ print $1 }' | grep -E '^poplar-bench-(srv|cli)-[0-9]+$' || true); do
    pid=${ns##*-}
    run_alive "$pid" && continue
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -TERM "$p" 2>/dev/null || true; done
    sleep 0.5
    for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
    ip netns del "$ns" && echo "removed namespace $ns" >&2
  done
  for dir in "${TMPDIR:-/tmp}"/poplar-latency-bench-*; do
    [[ -d "$dir" ]] || continue
    pid=${dir##*poplar-latency-bench-}; pid=${pid%%.*}
    run_alive "$pid" && continue
    rm -rf "$dir" && echo "removed $dir" >&2
  done
}
if ((CLEANUP_ONLY)); then
  cleanup_leftovers
  exit 0
fi

# Everything below is undone by cleanup(), which is in place before anything
# is created.
WORK=""
SERVER_PID=""
DELAY_PIDS=()
NAMESPACES=()
stop_delays() {
  local pid
  for ns in "${NAMESPACES[@]}"; do
    ip netns exec "$ns" "$IPT" -t mangle -F PREROUTING 2>/dev/null || true
  done
  for pid in "${DELAY_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  DELAY_PIDS=()
}
stop_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  exec 9>&- || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
cleanup() {
  set +e
  stop_delays
  stop_server
  for ns in "${NAMESPACES[@]}"; do ip netns del "$ns" 2>/dev/null; done
  NAMESPACES=()
  [[ -n "$WORK" ]] && rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cleanup_leftovers
need=()
for p in iptables libnetfilter-queue-dev pkg-config iproute2 mpop time dovecot-pop3d openssl python3; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if ((${#need[@]})); then
  echo "==> Installing ${need[*]}" >&2
  apt-get -o DPkg::Lock::Timeout=600 update -q
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${need[@]}"
fi

echo "==> Building the release preset" >&2
JOBS="${JOBS:-$(nproc)}"
cmake --preset release >/dev/null  # again after installing: finds libnetfilter_queue
cmake --build --preset release -j "$JOBS" \
  --target poplar-bench-server poplar-bench-fetch poplar-bench-delay poplar-cli >/dev/null
BIN="$ROOT/build/release/tests/bench"
CLI="$ROOT/build/release/app/cli/poplar-cli"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/poplar-latency-bench-$$.XXXXXX")"
chmod 711 "$WORK"

echo "==> Creating namespaces $NS_SRV and $NS_CLI" >&2
NAMESPACES+=("$NS_SRV"); ip netns add "$NS_SRV"
NAMESPACES+=("$NS_CLI"); ip netns add "$NS_CLI"
ip -n "$NS_SRV" link add "$VETH_SRV" type veth peer name "$VETH_CLI" netns "$NS_CLI"
ip -n "$NS_SRV" addr add "$ADDR_SRV/30" dev "$VETH_SRV"
ip -n "$NS_CLI" addr add "$ADDR_CLI/30" dev "$VETH_CLI"
for ns in "$NS_SRV" "$NS_CLI"; do ip -n "$ns" link set lo up; done
ip -n "$NS_SRV" link set "$VETH_SRV" up
ip -n "$NS_CLI" link set "$VETH_CLI" up

# Delays every packet that enters either namespace from the veth pair by
# half the RTT: one poplar-bench-delay per namespace, then the rule that
# queues to it (no --queue-bypass: without the daemon nothing passes).
set_rtt() {  # ms
  stop_delays
  (($1 > 0)) || return 0
  local half; half=$(awk -v r="$1" 'BEGIN { printf "%.3f", r / 2 }')
  local ns dev pair
  for pair in "$NS_SRV $VETH_SRV" "$NS_CLI $VETH_CLI"; do
    read -r ns dev <<<"$pair"
    # Not holding fd 9 open: the server stops when the last writer closes it.
    ip netns exec "$ns" setsid "$BIN/poplar-bench-delay" 0 "$half" </dev/null >"$WORK/delay-$ns.log" 2>&1 9>&- &
    DELAY_PIDS+=($!)
    for _ in $(seq 1 100); do
      grep -q "queue 0" "$WORK/delay-$ns.log" && break
      kill -0 "${DELAY_PIDS[-1]}" 2>/dev/null || { cat "$WORK/delay-$ns.log" >&2; exit 1; }
      sleep 0.05
    done
    ip netns exec "$ns" "$IPT" -t mangle -A PREROUTING -i "$dev" -j NFQUEUE --queue-num 0
  done
}

# The shortest of ten TCP handshakes with the server: one round trip each.
measure_rtt() {  # prefix... (how to run a client)
  "$@" python3 - "$HOST" "$PORT" <<'PY'
import socket, sys, time
best = None
for _ in range(10):
    s = socket.socket()
    t = time.perf_counter()
    s.connect((sys.argv[1], int(sys.argv[2])))
    d = time.perf_counter() - t
    s.close()
    best = d if best is None else min(best, d)
    time.sleep(0.02)
print("%.2f" % (best * 1000))
PY
}

start_server() {  # messages, listen address, prefix... (how to run it)
  local messages=$1 address=$2; shift 2
  stop_server
  rm -f "$WORK/info" "$WORK/stdin"
  mkfifo "$WORK/stdin"
  "$@" "$BIN/poplar-bench-server" --mix realistic --messages "$messages" --listen "$address" \
    --info "$WORK/info" <"$WORK/stdin" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  exec 9>"$WORK/stdin"
  for _ in $(seq 1 1200); do
    [[ -s "$WORK/info" ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; echo "bench server failed" >&2; exit 1; }
    sleep 0.25
  done
  # shellcheck disable=SC1091
  source "$WORK/info"
  printf '%s\n' "$PASSWORD" >"$WORK/password"
  chmod 600 "$WORK/password"
  write_mpoprc "$WORK/mpoprc"
  # The limit: every command in one go, the data thrown away.
  {
    printf 'USER %s\r\nPASS %s\r\n' "$USER" "$PASSWORD"
    seq 1 "$MESSAGES" | awk '{ printf "RETR %d\r\n", $1 }'
    printf 'QUIT\r\n'
  } >"$WORK/limit.in"
  chmod 600 "$WORK/limit.in"
}

# Dovecot logs what each session retrieved when it logs out; the limit run
# counts only if its session retrieved every message.
retrieved_in_last_session() {
  grep -a "Disconnected: Logged out" "$LOG" | tail -n 1 | sed -n 's/.*retr=\([0-9]*\)\/.*/\1/p'
}

# One run of one client; appends "wall cpu rss machine load" to $WORK/<name>.runs.
run_client() {  # name, prefix... (how to run a client)
  local name=$1; shift
  local load; load=$(machine_load 1)
  case "$name" in
    limit)
      local before; before=$(grep -ac "Disconnected: Logged out" "$LOG" || true)
      OUT=/dev/null measure "$@" openssl s_client -quiet -connect "$HOST:$PORT" -CAfile "$CA_FILE" -verify_return_error \
        <"$WORK/limit.in"
      local after; after=$(grep -ac "Disconnected: Logged out" "$LOG" || true)
      [[ "$after" -gt "$before" && "$(retrieved_in_last_session)" == "$MESSAGES" ]] || {
        echo "the pipelined limit did not retrieve all $MESSAGES messages" >&2; exit 1; } ;;
    mpop)
      rm -rf "$WORK/maildir" "$WORK/mpop-uidls"
      mkdir -p "$WORK/maildir"/{cur,new,tmp}
      measure "$@" mpop -C "$WORK/mpoprc" --quiet
      local got; got=$(find "$WORK/maildir/new" -type f | wc -l)
      [[ "$got" == "$MESSAGES" ]] || { echo "mpop delivered $got of $MESSAGES" >&2; exit 1; } ;;
    engine)
      measure "$@" "$BIN/poplar-bench-fetch" --host "$HOST" --port "$PORT" --user "$USER" --ca-file "$CA_FILE" \
        <"$WORK/password"
      grep -q "^messages=$MESSAGES bytes=" "$WORK/out" || { cat "$WORK/out" >&2; exit 1; }
      # The round trip the engine measured and the window it grew to.
      sed -n 's/.*\(rtt_ms=[^ ]*\) \(window_bytes=[0-9]*\).*/    engine: \1 \2/p' "$WORK/out" >&2 ;;
    fetch)
      rm -rf "$WORK/profile"
      "$@" "$CLI" account add --name Bench --email bench@example.org --host "$HOST" --port "$PORT" \
        --user "$USER" --ca-file "$CA_FILE" --leave-on-server yes --profile "$WORK/profile" </dev/null >/dev/null
      measure "$@" "$CLI" fetch --account Bench --password-stdin --profile "$WORK/profile" <"$WORK/password"
      grep -q "Bench: $MESSAGES new messages" "$WORK/out" || {
        cat "$WORK/out" >&2; echo "poplar-cli did not store all $MESSAGES" >&2; exit 1; }
      # The fetch leaves what it stored to the search index, which the
      # store builds when idle or for the first search: that search, timed
      # on its own ("index" in the report; not part of the fetch's time).
      local fetched="$WALL $CPU $RSS_KB $MACHINE"
      measure "$CLI" list --search "subject:zzzz" --limit 1 --profile "$WORK/profile"
      echo "$WALL $CPU $RSS_KB $MACHINE $load" >>"$WORK/index.runs"
      read -r WALL CPU RSS_KB MACHINE <<<"$fetched" ;;
  esac
  echo "$WALL $CPU $RSS_KB $MACHINE $load" >>"$WORK/$name.runs"
}

CLIENTS="limit mpop engine fetch"
RESULTS="$WORK/results"
: >"$RESULTS"

# Runs every client RUNS times, alternating, at one RTT; records the medians.
measure_matrix() {  # label rtt
  local label=$1 rtt=$2 prefix=()
  ((rtt > 0)) && prefix=(ip netns exec "$NS_CLI")
  set_rtt "$rtt"
  local measured; measured=$(measure_rtt "${prefix[@]}")
  echo "    RTT $rtt ms: measured $measured ms (shortest of ten TCP handshakes)" >&2
  if ((rtt > 0)); then
    awk -v m="$measured" -v r="$rtt" 'BEGIN { exit !(m >= 0.8 * r && m <= 1.2 * r) }' || {
      echo "the link's round trip is $measured ms, not $rtt ms within 20 %" >&2; exit 1; }
  fi
  # Dovecot indexes the maildrop (and renames new/ to cur/) on the first
  # session; a warm-up pays that so no client is charged for it.
  measure "${prefix[@]}" "$BIN/poplar-bench-fetch" --host "$HOST" --port "$PORT" --user "$USER" \
    --ca-file "$CA_FILE" --list-only <"$WORK/password"
  for c in $CLIENTS index; do : >"$WORK/$c.runs"; done
  for run in $(seq 1 "$RUNS"); do
    for c in $CLIENTS; do
      echo "==> $label, RTT $rtt ms, run $run/$RUNS: $c" >&2
      run_client "$c" "${prefix[@]}"
      echo "    $(tail -n 1 "$WORK/$c.runs") (wall s, CPU s, RSS KB, machine CPU s, load % before)" >&2
    done
  done
  for c in $CLIENTS index; do
    local busy; busy=$(awk '$5 > 25 { n++ } END { print n + 0 }' "$WORK/$c.runs")
    echo "$label $rtt $measured $c $(median "$WORK/$c.runs") $busy $MESSAGES $BYTES" >>"$RESULTS"
  done
}

# RTT 0: Dovecot on the host's loopback, clients beside it.
if [[ " $RTTS " == *" 0 "* ]]; then
  echo "==> Generating $MESSAGES messages, Dovecot on 127.0.0.1" >&2
  start_server "$MESSAGES" 127.0.0.1
  measure_matrix main 0
  stop_server
fi
NUMERIC=$(for r in $RTTS; do if ((r > 0)); then echo "$r"; fi; done | tr '\n' ' ')
if [[ -n "${NUMERIC// /}" ]]; then
  echo "==> Generating $MESSAGES messages, Dovecot on $ADDR_SRV in $NS_SRV" >&2
  start_server "$MESSAGES" "$ADDR_SRV" ip netns exec "$NS_SRV"
  for rtt in $NUMERIC; do measure_matrix main "$rtt"; done
  stop_server
fi
if ((SMALL > 0)); then
  MAIN_MESSAGES=$MESSAGES
  MESSAGES=$SMALL
  echo "==> Generating $MESSAGES messages, Dovecot on $ADDR_SRV in $NS_SRV" >&2
  start_server "$MESSAGES" "$ADDR_SRV" ip netns exec "$NS_SRV"
  measure_matrix small 100
  stop_server
  MESSAGES=$MAIN_MESSAGES
fi
set_rtt 0

# The report: one table per pass and RTT, then the ratios and targets.
echo
echo "Median of $RUNS alternating runs; 'busy' = runs that started while the machine was > 25 % busy"
echo "(its load in the second before each run); machine CPU = all processes, the server's and the kernel's."
awk -v nproc="$(nproc)" '
  function mb(b, w) { return (b / 1048576) / w }
  {
    # label rtt measured client | wall cpu rss machine load (the median run) | busy runs, messages, bytes
    key = $1 " " $2
    if (!(key in seen)) { seen[key] = 1; order[++n] = key; rtt[key] = $3; msgs[key] = $11; bytes[key] = $12 }
    wall[key, $4] = $5; cpu[key, $4] = $6; rss[key, $4] = $7; mach[key, $4] = $8; busyruns[key, $4] = $10
  }
  END {
    split("limit mpop engine fetch index", names, " ")
    for (i = 1; i <= n; i++) {
      k = order[i]; split(k, kk, " ")
      printf "\n%s messages (%.0f MB), RTT %s ms (measured %s ms):\n", msgs[k], bytes[k] / 1048576, kk[2], rtt[k]
      printf "%-7s %9s %9s %9s %11s %12s %6s\n", "client", "wall s", "MB/s", "CPU s", "peak RSS MB", "machine CPU", "busy"
      for (j = 1; j <= 5; j++) {
        c = names[j]
        if (!((k, c) in wall)) continue
        printf "%-7s %9.2f %9.1f %9.2f %11.1f %11.0f%% %6s\n", c, wall[k, c], mb(bytes[k], wall[k, c]), cpu[k, c],
               rss[k, c] / 1024, 100 * mach[k, c] / (wall[k, c] * nproc), busyruns[k, c]
      }
      f = wall[k, "fetch"]; l = wall[k, "limit"]; m = wall[k, "mpop"]; e = wall[k, "engine"]
      printf "ratios  whole fetch / limit %.2f, engine / limit %.2f, whole fetch / mpop %.2f\n", f / l, e / l, f / m
      r = kk[2] + 0
      if (kk[1] == "small") {
        printf "target  whole fetch <= 1.25 x limit (%s messages, RTT %s ms): %s\n", msgs[k], kk[2], (f <= 1.25 * l ? "met" : "NOT met")
      } else if (r == 0) {
        printf "target  whole fetch <= 1.5 x limit on loopback: %s\n", (f <= 1.5 * l ? "met" : "NOT met")
      } else {
        printf "target  whole fetch <= 1.25 x limit: %s\n", (f <= 1.25 * l ? "met" : "NOT met")
        if (r == 20) printf "target  whole fetch <= 0.5 x mpop: %s\n", (f <= 0.5 * m ? "met" : "NOT met")
      }
      printf "target  peak RSS < 100 MB: whole fetch %.1f MB %s, engine %.1f MB %s\n",
             rss[k, "fetch"] / 1024, (rss[k, "fetch"] < 102400 ? "met" : "NOT met"),
             rss[k, "engine"] / 1024, (rss[k, "engine"] < 102400 ? "met" : "NOT met")
    }
  }' "$RESULTS"
