#!/bin/sh
# make check: run each step (a make target), show its output, and end with
# one line adding up every step's checks: "N passed, N failed".
#
# A step's checks are its "ok"/"not ok" lines and the totals of cargo's
# "test result:" lines. A step that exits non-zero without reporting a
# failed check counts as one failure, so nothing fails silently.
set -u
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log" "$log.rc"' EXIT
for step in "$@"; do
	echo "==== $step"
	start=$(date +%s)
	{ ${MAKE:-make} --no-print-directory -s "$step" 2>&1; echo $? > "$log.rc"; } | tee "$log"
	rc=$(cat "$log.rc")
	p=$(grep -c '^ok ' "$log" || true)
	f=$(grep -c '^not ok ' "$log" || true)
	cargo=$(sed -n 's/^test result: .*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1 \2/p' "$log")
	p=$((p + $(echo "$cargo" | awk '{s+=$1} END {print s+0}')))
	f=$((f + $(echo "$cargo" | awk '{s+=$2} END {print s+0}')))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	echo "==== $step: $p passed, $f failed ($(( $(date +%s) - start )) s)"
	passed=$((passed + p)); failed=$((failed + f))
done
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
