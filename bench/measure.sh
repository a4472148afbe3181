#!/bin/sh
# The measuring half of `make bench`, run by tools/bench.sh where the
# kernel has SCTP (through tools/kernel-run.sh: inside User-Mode Linux on a
# host without it). Every step is bounded by a timeout; a failed step is noted
# and the others still run.
#
#   bench/measure.sh BIN OUT LIB
#
# BIN holds ours/harness, lksctp/harness, floor/harness (and floor's
# libsctp.so.1), control/libsctp.so.1 (a copy of lksctp's), count.so,
# rust/bench_calls and rust/tokio_echo_server (sctp-socket's examples,
# cargo build --release) and echo/echo_server_fixed (linked to LIB); LIB
# our libsctp.so.1; $multiarch (exported by tools/lib.sh) finds lksctp's.
# Raw results go to
# OUT/<build>/{instr.txt,callgrind.out.N,allocs.txt,scale.txt} and
# OUT/rate.txt, OUT/rust/{instr.txt,callgrind.out,allocs.txt} and
# OUT/echo.txt (bench/echo.sh), for `bench/bench.py report`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=$1
out=$2
lib=$3
builds="ours lksctp floor"
failed=0

step() {
	echo "bench: $*" >&2
}
fail() {
	echo "bench: FAILED: $*" >&2
	failed=1
}

for b in $builds; do
	mkdir -p "$out/$b"
done

# a. Instructions per call: callgrind collects inside the harness's loop_*
# functions only, and the harness dumps once per function measured.
step "instructions (callgrind)"
for b in $builds; do
	(cd "$out/$b" && LD_BIND_NOW=1 timeout 300 valgrind --tool=callgrind --toggle-collect='loop_*' \
		--callgrind-out-file="$out/$b/callgrind.out" "$bin/$b/harness" instr \
		> "$out/$b/instr.txt" 2> "$out/$b/instr.log") || fail "callgrind $b (see $out/$b/instr.log)"
done

# e. The safe Rust API's send and receive, measured the same way: one
# dump at exit holds the loops' counts (nothing outside them is collected).
mkdir -p "$out/rust"
(cd "$out/rust" && LD_BIND_NOW=1 timeout 300 valgrind --tool=callgrind --toggle-collect='loop_*' \
	--callgrind-out-file="$out/rust/callgrind.out" "$bin/rust/bench_calls" instr \
	> "$out/rust/instr.txt" 2> "$out/rust/instr.log") || fail "callgrind rust (see $out/rust/instr.log)"
LD_BIND_NOW=1 LD_PRELOAD="$bin/count.so" timeout 60 "$bin/rust/bench_calls" allocs \
	> "$out/rust/allocs.txt" 2> "$out/rust/allocs.log" || fail "allocs rust (see $out/rust/allocs.log)"

# c. Heap allocations per call, counted by the LD_PRELOAD shim.
step "heap allocations"
for b in $builds; do
	LD_BIND_NOW=1 LD_PRELOAD="$bin/count.so" timeout 60 "$bin/$b/harness" allocs \
		> "$out/$b/allocs.txt" 2> "$out/$b/allocs.log" || fail "allocs $b (see $out/$b/allocs.log)"
done

# d. Scale: 10,000 IPv6 addresses on lo (127.0.0.0/8 is local already).
step "scale: adding 10,000 IPv6 addresses to lo"
python3 -c '
for i in range(10000):
    print("addr add fd00::%x:%x/128 dev lo nodad" % (i >> 8, i & 255))
' > "$out/ipv6.batch"
t0=$(date +%s.%N)
if ip -6 -batch "$out/ipv6.batch" > "$out/ipv6.log" 2>&1; then
	t1=$(date +%s.%N)
	echo "$t0 $t1" | awk '{ printf "%.1f\n", $2 - $1 }' > "$out/ipv6.seconds"
else
	fail "ip -6 -batch (see $out/ipv6.log)"
fi
step "scale: sctp_bindx and sctp_getladdrs"
for b in $builds; do
	LD_PRELOAD="$bin/count.so" timeout 120 "$bin/$b/harness" scale \
		> "$out/$b/scale.txt" 2> "$out/$b/scale.log" || fail "scale $b (see $out/$b/scale.log)"
done

# b. Message rate: the three libraries, and a second copy of lksctp's as a
# control, loaded side by side in one process, taking turns.
step "message rate (${BENCH_ROUNDS:-2000} rounds of ${BENCH_WINDOW:-0.005} s per library and size)"
timeout 420 "$bin/floor/harness" rate "${BENCH_ROUNDS:-2000}" "${BENCH_WINDOW:-0.005}" \
	ours="$lib/libsctp.so.1" lksctp="/usr/lib/${multiarch:?}/libsctp.so.1" \
	floor="$bin/floor/libsctp.so.1" control="$bin/control/libsctp.so.1" \
	> "$out/rate.txt" 2> "$out/rate.log" || fail "rate (see $out/rate.log)"

# f. Echo servers' message rate (bench/echo.sh; tools/bench.sh runs it a
# second time in Debian's kernel).
step "echo servers' rate"
"$here/echo.sh" "$bin" "$out" || fail "echo rate (see $out/echo.log)"

exit $failed
