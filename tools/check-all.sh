#!/bin/sh
# make check: run each step (a make target), show its output, and end with
# one line adding up every step's checks: "N passed, N failed".
#
#   tools/check-all.sh STEP...
#
# A step's checks are its "ok"/"not ok" lines and the totals of cargo's
# "test result:" lines (lib.sh's count). A step that exits non-zero without
# reporting a failed check counts as one failure, so nothing fails
# silently. Each kernel boot (tools/kernel-run.sh) is counted too.
set -u
tools=$(cd "$(dirname "$0")" && pwd)
name=check
. "$tools/lib.sh"
log=$(mktemp)
SCTP_BOOT_LOG=$(mktemp)
export SCTP_BOOT_LOG
on_exit() { rm -f "$log" "$log.rc" "$SCTP_BOOT_LOG"; }
passed=0
failed=0
for step in "$@"; do
	echo "==== $step"
	t0=$(date +%s)
	b0=$(wc -l < "$SCTP_BOOT_LOG")
	{ ${MAKE:-make} --no-print-directory -s "$step" 2>&1; echo $? > "$log.rc"; } | tee "$log"
	read -r p f << EOC
$(count "$log")
EOC
	[ "$(cat "$log.rc")" -eq 0 ] || [ "$f" -gt 0 ] || f=1
	echo "==== $step: $p passed, $f failed ($(( $(date +%s) - t0 )) s, $(( $(wc -l < "$SCTP_BOOT_LOG") - b0 )) kernel boots)"
	passed=$((passed + p)); failed=$((failed + f))
done
echo
echo "# $(wc -l < "$SCTP_BOOT_LOG") kernel boots ($(cut -d' ' -f1 "$SCTP_BOOT_LOG" | sort | uniq -c | awk '{ printf "%s%s %s", s, $1, $2; s = ", " }')), $(( $(date +%s) - start )) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
