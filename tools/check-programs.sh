#!/bin/sh
# make check-programs: lksctp-tools' sctp_test, sctp_darn and checksctp and
# Debian's iperf3 --sctp, built against lksctp's libsctp by Debian, run
# over loopback in one boot of a kernel with SCTP with our libsctp.so.1
# substituted both ways (LD_PRELOAD, then LD_LIBRARY_PATH); what each
# program does and what a pass means is in tools/lksctp-programs.sh.
#
# Every process runs under timeout, with LD_BIND_NOW=1 LD_DEBUG=bindings:
# each sctp_* symbol the programs (or libiperf) need must be bound to our
# file, and no other libsctp loaded (tools/bindings.py); a control run of
# sctp_test without substitution must fail that test.
set -u
name=programs
. "$(dirname "$0")/lib.sh"
out=${PROGRAMS_DIR:-$top/target/check-programs}
lib=$top/target/lib/libsctp.so.1

missing=
for p in sctp_test sctp_darn checksctp iperf3 stdbuf; do
	command -v $p > /dev/null || missing="$missing $p"
done
if [ -n "$missing" ]; then
	not_ok "not installed:$missing (tools/deps.sh check)"
	finish
fi
out=$(fresh_dir "$out")
mkdir -p "$out/control/logs"

progs=$tools/lksctp-programs.sh
in_kernel "$out/kernel.log" sh -c '"$1" run "$2/preload" 41000 LD_PRELOAD="$3"
	"$1" run "$2/libpath" 41100 LD_LIBRARY_PATH="$(dirname "$3")"
	env LD_BIND_NOW=1 LD_DEBUG=bindings LD_DEBUG_OUTPUT="$2/control/logs/bind" timeout 10 sctp_test \
		> "$2/control/sctp_test.out" 2>&1
	exit 0' sh "$progs" "$out" "$lib" || finish

"$progs" verdict "$out/preload" 41000 LD_PRELOAD "$lib" | say -
"$progs" verdict "$out/libpath" 41100 LD_LIBRARY_PATH "$lib" | say -

python3 "$tools/bindings.py" bindings control "$lib" "$out/control/logs" "$(command -v sctp_test)" > "$out/control/verdict"
if [ $? -ne 0 ] && grep -q "^not ok - control: sctp_test: sctp_\* symbols bound to another library" "$out/control/verdict"; then
	ok "control: sctp_test without substitution fails the same binding test"
else
	not_ok "control: a run of sctp_test on lksctp's library was not caught"
	sed 's/^/#   /' "$out/control/verdict"
fi

finish "outputs in $out/{preload,libpath}: the programs' output, LD_DEBUG logs in logs/"
