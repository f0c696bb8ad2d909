#!/usr/bin/env bash
# Desktop benchmarks at 100,000 messages: the real `poplar` from launch to a
# painted inbox, folder switches and searches in the window until the list
# has repainted, and peak RSS.
#
#   bash tests/bench/run_ui_bench.sh [MESSAGES]     (default 100000)
#   RUNS=10 bash tests/bench/run_ui_bench.sh
#
# Targets: painted inbox < 0.5 s, folder switch < 100 ms, search < 100 ms,
# RSS < 250 MB. Runs on the offscreen platform unless DISPLAY is set.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
MESSAGES="${1:-100000}"
RUNS="${RUNS:-5}"
JOBS="${JOBS:-$(nproc)}"

echo "==> Building the release preset" >&2
cmake --preset release >/dev/null
cmake --build --preset release -j "$JOBS" --target poplar poplar-bench-ui poplar-bench-store >/dev/null
BIN="$ROOT/build/release/tests/bench"
POPLAR="$ROOT/build/release/app/poplar/poplar"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/poplar-ui-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "==> Generating and storing $MESSAGES messages" >&2
"$BIN/poplar-bench-store" generate --messages "$MESSAGES" --out "$WORK/mail.mbox" >&2
"$BIN/poplar-bench-ui" prepare --mbox "$WORK/mail.mbox" --profile "$WORK/profile" >&2
rm -f "$WORK/mail.mbox"

echo
echo "Desktop with $MESSAGES messages in one Inbox (median of $RUNS runs):"
"$BIN/poplar-bench-ui" start --profile "$WORK/profile" --poplar "$POPLAR" --runs "$RUNS"
"$BIN/poplar-bench-ui" window --profile "$WORK/profile" --runs "$RUNS"
