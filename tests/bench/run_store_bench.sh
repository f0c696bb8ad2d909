#!/usr/bin/env bash
# Store benchmark: ingest, opening a big folder, search, database size.
#
#   bash tests/bench/run_store_bench.sh [INGEST_MESSAGES] [LARGE_MESSAGES]
#                                        (defaults 10000 and 100000)
#
# Builds the release preset, generates deterministic realistic mail as mboxrd
# (see bench_store.cpp), then
#   1. imports INGEST_MESSAGES into a new profile (msgs/s, MB/s, peak RSS,
#      database size / raw bytes),
#   2. imports LARGE_MESSAGES into another and times opening the store, the
#      first page of the 100,000-message folder, random pages, and a set of
#      searches (p50/p95).
# Targets on the 2-core machine: >= 3,000 msgs/s, first page < 50 ms, search
# p50 < 50 ms, database <= 1.6x raw. Needs ~12 GB of free disk for 100,000.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
SMALL="${1:-10000}"
LARGE="${2:-100000}"
JOBS="${JOBS:-$(nproc)}"

echo "==> Building the release preset" >&2
cmake --preset release >/dev/null
cmake --build --preset release -j "$JOBS" --target poplar-bench-store >/dev/null
BENCH="$ROOT/build/release/tests/bench/poplar-bench-store"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/poplar-store-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "==> $SMALL messages" >&2
"$BENCH" generate --messages "$SMALL" --out "$WORK/small.mbox"
"$BENCH" parse --mbox "$WORK/small.mbox"
"$BENCH" ingest --mbox "$WORK/small.mbox" --profile "$WORK/small"
rm -rf "$WORK/small" "$WORK/small.mbox"

echo "==> $LARGE messages" >&2
"$BENCH" generate --messages "$LARGE" --out "$WORK/large.mbox"
"$BENCH" ingest --mbox "$WORK/large.mbox" --profile "$WORK/large"
rm -f "$WORK/large.mbox"
# A new process: nothing of the store is in this process's memory.
"$BENCH" query --profile "$WORK/large" --runs "${RUNS:-20}"
