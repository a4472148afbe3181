#!/bin/sh
# make check: run each step (a make target), show its output, and end with
# one line adding up every step's checks: "N passed, N failed".
#
#   tools/check-all.sh STEP...
#
# A step's checks are its "ok"/"not ok" lines and the totals of cargo's
# "test result:" lines (lib.sh's count). A step that exits non-zero without
# reporting a failed check counts as one failure, and so does a step that
# reports no check at all, so nothing fails silently. Each kernel boot
# (tools/kernel-run.sh) is counted too. On the uml backend the steps share one boot, a kernel-run.sh session, unless
# SCTP_KERNEL_SESSION=none; a step whose guest must see the host's mounts
# as it makes them (check-deb's throwaway roots) boots its own.
set -u
tools=$(cd "$(dirname "$0")" && pwd)
name=check
. "$tools/lib.sh"
log=$(mktemp)
SCTP_BOOT_LOG=$(mktemp)
export SCTP_BOOT_LOG
session=
on_exit() {
	[ -z "$session" ] || "$tools/kernel-run.sh" --session-stop "$session"
	rm -rf "$log" "$log.rc" "$SCTP_BOOT_LOG" "$session"
}
if [ "$("$tools/kernel-run.sh" --which)" = uml ] && [ "${SCTP_KERNEL_SESSION:-}" != none ]; then
	mkdir -p "$top/target"
	session=$(mktemp -d "$top/target/kernel-session.XXXXXX")
	"$tools/kernel-run.sh" --session-start "$session" || exit 1
	SCTP_KERNEL_SESSION=$session
	export SCTP_KERNEL_SESSION
else
	unset SCTP_KERNEL_SESSION
fi
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
	[ "$p" -gt 0 ] || [ "$f" -gt 0 ] || { echo "not ok - $step: reported no checks"; f=1; }
	echo "==== $step: $p passed, $f failed ($(( $(date +%s) - t0 )) s, $(( $(wc -l < "$SCTP_BOOT_LOG") - b0 )) kernel boots)"
	passed=$((passed + p)); failed=$((failed + f))
done
echo
echo "# $(wc -l < "$SCTP_BOOT_LOG") kernel boots ($(cut -d' ' -f1 "$SCTP_BOOT_LOG" | sort | uniq -c | awk '{ printf "%s%s %s", s, $1, $2; s = ", " }')), $(( $(date +%s) - start )) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
