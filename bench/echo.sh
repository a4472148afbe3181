#!/bin/sh
# Row f of `make bench`: the echo servers' message rate, run where the
# kernel has SCTP (through tools/kernel-run.sh). bench/measure.sh runs it
# inside User-Mode Linux with the rest; tools/bench.sh a second time in
# Debian's own kernel under QEMU, because UML has no real vDSO: every
# clock read there is a system call through the host's ptrace, and the
# tokio server reads the clock about twice a message (its runtime's
# busy-time metrics, its idle timeout), the C server never.
#
#   bench/echo.sh BIN OUT
#
# The C echo server (BIN/echo/echo_server_fixed, linked to our
# libsctp.so.1) and the tokio one (BIN/rust/tokio_echo_server), each a
# process of its own, both running, -i 0 (reply on the message's stream);
# one client (BIN/ours/harness echo) gives them turns. Writes OUT/echo.txt
# ("ROUND SIZE NAME MESSAGES ELAPSED"), OUT/echo.log and OUT/kernel.
set -u
bin=$1
out=$2
mkdir -p "$out"
# The kernel, as the report names it.
if grep -q '^model name.*: UML' /proc/cpuinfo; then
	echo "User-Mode Linux $(uname -r)"
else
	echo "Linux $(uname -r)"
fi > "$out/kernel"
echo "bench: echo servers' rate (${BENCH_ECHO_ROUNDS:-300} rounds of ${BENCH_ECHO_WINDOW:-0.01} s per server and size, ${BENCH_ECHO_ASSOCS:-8} associations, kernel $(uname -r))" >&2
: > "$out/echo.txt"
"$bin/echo/echo_server_fixed" -a 127.0.0.1 -p 9901 -i 0 -t 60 > "$out/echo_c.log" 2>&1 &
c_pid=$!
"$bin/rust/tokio_echo_server" -a 127.0.0.1 -p 9902 -i 0 -t 60 > "$out/echo_tokio.log" 2>&1 &
tokio_pid=$!
for i in $(seq 100); do
	grep -q listening "$out/echo_c.log" && grep -q listening "$out/echo_tokio.log" && break
	sleep 0.1
done
status=0
for size in 64 1024; do
	timeout 300 "$bin/ours/harness" echo "${BENCH_ECHO_ROUNDS:-300}" "${BENCH_ECHO_WINDOW:-0.01}" \
		"${BENCH_ECHO_ASSOCS:-8}" "$size" c=9901 tokio=9902 \
		>> "$out/echo.txt" 2>> "$out/echo.log" || status=1
done
kill "$c_pid" "$tokio_pid" 2>/dev/null
wait "$c_pid" "$tokio_pid" 2>/dev/null
exit $status
