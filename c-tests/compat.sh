#!/bin/sh
# make check-compat: the differential suite. Every C test (c-tests/t_*) is
# built twice, against our header and library and against lksctp-tools'
# (the system's <netinet/sctp.h> and libsctp.so.1, Debian's libsctp-dev),
# both builds run in one boot of a kernel with SCTP (c-tests/kernel-run.sh),
# and their results are compared check by check (c-tests/dropin.py compare):
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
#    every [fix-uninit] check; with
#    --update-doc its generated table is rewritten from this run.
#
#   c-tests/compat.sh [--update-doc]
#
# Environment: LKSCTP_INCLUDE (default /usr/include), LKSCTP_LIBDIR (default
# /usr/lib/x86_64-linux-gnu), COMPAT_DIR (default target/compat: builds and
# both runs' full output, ours/results and lksctp/results).
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
out=${COMPAT_DIR:-$top/target/compat}
lk_inc=${LKSCTP_INCLUDE:-/usr/include}
lk_lib=${LKSCTP_LIBDIR:-/usr/lib/x86_64-linux-gnu}
doc=$top/docs/COMPAT.md
start=$(date +%s)
case "${1:-}" in
--update-doc) export DROPIN_UPDATE_DOC=1 ;;
"") ;;
*) echo "usage: $0 [--update-doc]" >&2; exit 2 ;;
esac

if [ ! -e "$lk_inc/netinet/sctp.h" ] || [ ! -e "$lk_lib/libsctp.so" ]; then
	echo "not ok - compat: lksctp's netinet/sctp.h and libsctp.so are not in $lk_inc and $lk_lib" \
		"(Debian: apt-get install libsctp-dev)"
	exit 1
fi
if [ ! -e "$top/target/lib/libsctp.so.1" ]; then
	echo "not ok - compat: $top/target/lib/libsctp.so.1 is missing (make lib)"
	exit 1
fi

rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)

# Both builds at once, on the host (building inside UML is ten times slower).
SCTP_INCLUDE=$top/include SCTP_LIBDIR=$top/target/lib BUILD=$out/ours "$here/suite-build.sh" &
ours_pid=$!
SCTP_INCLUDE=$lk_inc SCTP_LIBDIR=$lk_lib BUILD=$out/lksctp "$here/suite-build.sh" &
lk_pid=$!
built=1
wait $ours_pid || built=0
wait $lk_pid || built=0
if [ $built = 0 ]; then
	echo "not ok - compat: the suite could not be built (see $out/*/suite-build.log)"
	exit 1
fi

# One boot, both runs.
cat > "$out/run-both" <<EOS
#!/bin/sh
"$out/ours/run-all" > "$out/ours/results" 2>&1
"$out/lksctp/run-all" > "$out/lksctp/results" 2>&1
echo done > "$out/finished"
EOS
chmod +x "$out/run-both"
"$here/kernel-run.sh" "$out/run-both" > "$out/kernel.log" 2>&1
if [ ! -e "$out/finished" ]; then
	echo "not ok - compat: the kernel run did not finish:"
	tail -n 20 "$out/kernel.log" | sed 's/^/#   /'
	exit 1
fi
for side in ours lksctp; do
	cat "$out/$side/build-failures" >> "$out/$side/results"
done

python3 "$here/dropin.py" compare "$out/ours/results" "$out/lksctp/results" "$out/lksctp" \
	"$out/fix-differences.md" "$doc" > "$out/verdict"
rc=$?
cat "$out/verdict"
echo "# full output of both runs: $out/ours/results, $out/lksctp/results"
echo "# compat: $(grep -c '^ok ' "$out/verdict") passed, $(grep -c '^not ok ' "$out/verdict") failed" \
	"($(( $(date +%s) - start )) s)"
exit $rc
