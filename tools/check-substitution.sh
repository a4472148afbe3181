#!/bin/sh
# make check-substitution: our libsctp.so.1 replaces lksctp's under binaries
# built against lksctp's, both ways users do it:
#
#   LD_PRELOAD=target/lib/libsctp.so.1 prog       (preloaded, same SONAME)
#   LD_LIBRARY_PATH=target/lib prog               (found before the real one)
#
# The binaries are the C suite (c-tests/t_*.c) built against the system's
# <netinet/sctp.h> and libsctp.so.1 (lksctp-tools 1.0.19); t_connectx_versions
# references sctp_connectx@VERS_1, @VERS_2 and @VERS_3 through .symver.
# t_peeloff_flags does not link against lksctp (a documented fix) and is
# left out, and so are the programs in SUBST_SKIP (default t_threads, a
# stress test of a minute or more per run, whose functions the other
# programs bind and exercise too). Everything runs in one boot of a kernel
# with SCTP.
#
# Proof that our code ran, for each binary and each way:
#  - LD_BIND_NOW=1 LD_DEBUG=bindings: every sctp_* symbol the binary needs,
#    with its version, binds to our file, and no other libsctp is loaded
#    (tools/bindings.py); a control run without substitution must
#    be caught by the same test;
#  - the binary's checks all pass, [fix] checks included: built against
#    lksctp, those fail on lksctp's library (see make check-compat).
set -u
name=substitution
. "$(dirname "$0")/lib.sh"
out=${SUBST_DIR:-$top/target/substitution}
lib=$top/target/lib/libsctp.so.1

need_lksctp
out=$(fresh_dir "$out")

if ! SCTP_INCLUDE=$lk_inc SCTP_LIBDIR=$lk_lib BUILD=$out/lksctp \
	"$tools/check-c.sh" --build-only "$top"/c-tests/t_*.c > "$out/lksctp.build.log" 2>&1; then
	not_ok "the suite could not be built against lksctp (see $out/lksctp.build.log)"
	finish
fi
# Only t_peeloff_flags may fail to build (sctp_peeloff_flags is not exported by lksctp).
grep -v '^not ok - t_peeloff_flags: does not compile' "$out/lksctp/build-failures" |
	sed "s/^not ok - /not ok - $name: built against lksctp: /" | say -
skip=${SUBST_SKIP-t_threads}
cp "$out/lksctp/list" "$out/binaries"
for t in t_peeloff_flags $skip; do
	grep -v "/$t\$" "$out/binaries" > "$out/binaries.new"
	mv "$out/binaries.new" "$out/binaries"
done
[ -z "$skip" ] || note "not run here (SUBST_SKIP): $skip"

cv=$out/lksctp/t_connectx_versions
if [ -x "$cv" ]; then
	refs=$(nm -D --undefined-only --with-symbol-versions "$cv" | grep -o 'sctp_connectx@VERS_[0-9]' | sort | tr '\n' ' ')
	if [ "$refs" = "sctp_connectx@VERS_1 sctp_connectx@VERS_2 sctp_connectx@VERS_3 " ]; then
		ok "t_connectx_versions (built against lksctp) references sctp_connectx@VERS_1, @VERS_2 and @VERS_3"
	else
		not_ok "t_connectx_versions references '$refs', want all three sctp_connectx versions"
	fi
else
	not_ok "t_connectx_versions was not built"
fi

# One boot: every binary under each way (check-c.sh's runner, with WRAP
# setting the environment), then the control run.
in_kernel "$out/kernel.log" sh -c 'out=$1 lib=$2
	for way in preload libpath; do
		mkdir -p "$out/$way/logs"
		case $way in
		preload) set -- LD_PRELOAD="$lib" ;;
		libpath) set -- LD_LIBRARY_PATH="$(dirname "$lib")" ;;
		esac
		WRAP="env $1 LD_BIND_NOW=1 LD_DEBUG=bindings LD_DEBUG_OUTPUT=$out/$way/logs/bind" \
			"$out/lksctp/run-all" "$out/binaries" > "$out/$way/results" 2>&1
	done
	mkdir -p "$out/control/logs"
	timeout 60 env LD_BIND_NOW=1 LD_DEBUG=bindings LD_DEBUG_OUTPUT="$out/control/logs/bind" \
		"$out/lksctp/t_connectx_versions" > "$out/control/results" 2>&1
	exit 0' sh "$out" "$lib" || finish

for way in preload libpath; do
	case $way in
	preload) label="LD_PRELOAD" ;;
	libpath) label="LD_LIBRARY_PATH" ;;
	esac
	# shellcheck disable=SC2046
	python3 "$tools/bindings.py" bindings "$name: $label" "$lib" "$out/$way/logs" $(cat "$out/binaries") | say -
	python3 "$tools/bindings.py" results "$name: $label" "$out/$way/results" | say -
done

# The control: the same test on a run that used lksctp's library must fail.
python3 "$tools/bindings.py" bindings control "$lib" "$out/control/logs" "$cv" > "$out/control/verdict"
if [ $? -ne 0 ] && grep -q "^not ok - control: t_connectx_versions: sctp_\* symbols bound to another library" "$out/control/verdict" &&
	grep -q "^not ok - control: another libsctp was loaded" "$out/control/verdict"; then
	ok "control: without substitution the same test fails (sctp_* bound to lksctp's $(readlink -f "$lk_lib/libsctp.so.1"))"
else
	not_ok "control: a run on lksctp's library was not caught:"
	sed 's/^/#   /' "$out/control/verdict"
fi

finish "outputs: $out/{preload,libpath}/results, LD_DEBUG logs in $out/{preload,libpath}/logs"
