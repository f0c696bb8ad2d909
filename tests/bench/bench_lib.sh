# shellcheck shell=bash disable=SC2034  # sets WALL, CPU, RSS_KB, MACHINE for the caller
# Shared by the benchmark scripts (source it): timing a client with GNU time,
# the whole machine's CPU meanwhile, medians and result rows. The caller sets
# WORK to a private scratch directory.

# CPU seconds the whole machine has been busy (all processes, the server's too).
machine_busy() {
  awk -v hz="$(getconf CLK_TCK)" '/^cpu / { printf "%.2f", ($2 + $3 + $4 + $7 + $8) / hz }' /proc/stat
}

# Runs a command under GNU time; sets WALL, CPU, RSS_KB and MACHINE (the
# machine's busy CPU seconds meanwhile: the client's, the server's, the kernel's).
# The command's output goes to $WORK/out (or OUT, e.g. /dev/null for bulk data)
# and $WORK/err; a failure ends the script.
measure() {
  local before; before=$(machine_busy)
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" >"${OUT:-$WORK/out}" 2>"$WORK/err" || {
    cat "$WORK/out" "$WORK/err" >&2; echo "failed: $*" >&2; exit 1; }
  MACHINE=$(awk -v a="$before" -v b="$(machine_busy)" 'BEGIN { printf "%.2f", b - a }')
  read -r WALL USR SYS RSS_KB <"$WORK/time"
  CPU=$(awk -v u="$USR" -v s="$SYS" 'BEGIN { printf "%.2f", u + s }')
}

row() {  # name wall cpu rss messages bytes [machine]
  awk -v n="$1" -v w="$2" -v c="$3" -v r="$4" -v m="$5" -v b="$6" -v mc="${7:-}" 'BEGIN {
    printf "%-8s %9.2f s %9.1f MB/s %9.0f msg/s %8.2f s CPU %8.1f MB peak RSS", n, w, (b / 1048576) / w, m / w, c, r / 1024
    if (mc != "") printf " %8.2f s machine CPU", mc
    printf "\n" }'
}

# The line of FILE (one run per line, wall time first) with the median wall
# time; with an even count, the lower of the two middle ones.
median() {  # file
  sort -n "$1" | awk -v n="$(wc -l <"$1")" 'NR == int((n + 1) / 2)'
}

# How busy the whole machine is now: percent of all cores over the next
# SECONDS (default 1), e.g. other people's builds before a run.
machine_load() {  # [seconds]
  local a b; a=$(machine_busy); sleep "${1:-1}"; b=$(machine_busy)
  awk -v a="$a" -v b="$b" -v s="${1:-1}" -v n="$(nproc)" 'BEGIN { printf "%.0f", 100 * (b - a) / (s * n) }'
}

# mpop's configuration for the bench account in FILE: implicit TLS trusting
# CA_FILE, pipelining on, mail kept on the server, delivered into
# $WORK/maildir. Uses HOST, PORT, USER, PASSWORD, CA_FILE and WORK.
write_mpoprc() {  # file
  cat >"$1" <<RC
defaults
tls on
tls_starttls off
tls_trust_file $CA_FILE
pipelining on
keep on
received_header off
account bench
host $HOST
port $PORT
user $USER
password $PASSWORD
delivery maildir $WORK/maildir
uidls_file $WORK/mpop-uidls
account default : bench
RC
  chmod 600 "$1"
}
