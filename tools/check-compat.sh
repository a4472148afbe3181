#!/bin/sh
# make check-compat: the differential suite. Every C test (c-tests/t_*) is
# built twice, against our header and library and against lksctp-tools'
# (the system's <netinet/sctp.h> and libsctp.so.1, Debian's libsctp-dev),
# both builds run in one boot of a kernel with SCTP, and their results are
# compared check by check (tools/compat.py):
#
#  - a check's description is its identity; "not ok" lines lose their
#    ":LINE" and "(errno ...)" so that a check passing or failing on both
#    sides compares equal;
#  - a difference is allowed only for a check tagged [fix] that passes with
#    ours and fails with lksctp (one of our documented departures), with the
#    runner's "exited with status 1" line of that program, and for
#    t_peeloff_flags, which does not link against lksctp (sctp_peeloff_flags
#    is not exported there); anything else fails check-compat;
#  - a check tagged [fix-uninit] must pass with ours and may pass or fail
#    with lksctp (its result there depends on uninitialised memory);
#  - docs/COMPAT.md must list exactly the [fix] differences found and
#    every [fix-uninit] check; with --update-doc (make compat-doc) its
#    generated table is rewritten from this run.
#
#   tools/check-compat.sh [--update-doc]
#
# Environment: LKSCTP_INCLUDE (default /usr/include), LKSCTP_LIBDIR (default
# /usr/lib/<the host's multiarch triplet>), COMPAT_DIR (default target/compat: builds and
# both runs' full output, ours/results and lksctp/results).
set -u
name=compat
. "$(dirname "$0")/lib.sh"
out=${COMPAT_DIR:-$top/target/compat}
case "${1:-}" in
--update-doc) export COMPAT_UPDATE_DOC=1 ;;
"") ;;
*) echo "usage: $0 [--update-doc]" >&2; exit 2 ;;
esac

need_lksctp
out=$(fresh_dir "$out")

# Both builds at once, on the host (building inside UML is ten times slower).
SCTP_INCLUDE=$top/include SCTP_LIBDIR=$top/target/lib BUILD=$out/ours \
	"$tools/check-c.sh" --build-only > "$out/ours.build.log" 2>&1 &
ours_pid=$!
SCTP_INCLUDE=$lk_inc SCTP_LIBDIR=$lk_lib BUILD=$out/lksctp \
	"$tools/check-c.sh" --build-only > "$out/lksctp.build.log" 2>&1 &
lk_pid=$!
built=1
wait $ours_pid || built=0
wait $lk_pid || built=0
if [ $built = 0 ]; then
	not_ok "the suite could not be built (see $out/*.build.log)"
	finish
fi

# One boot, both runs.
in_kernel "$out/kernel.log" sh -c '"$1/ours/run-all" > "$1/ours/results" 2>&1
	"$1/lksctp/run-all" > "$1/lksctp/results" 2>&1
	exit 0' sh "$out" || finish
for side in ours lksctp; do
	cat "$out/$side/build-failures" >> "$out/$side/results"
done

python3 "$tools/compat.py" compare "$out/ours/results" "$out/lksctp/results" "$out/lksctp" \
	"$out/fix-differences.md" "$top/docs/COMPAT.md" | say -
finish "full output of both runs: $out/ours/results, $out/lksctp/results"
