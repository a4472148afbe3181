#!/bin/sh
# make bench: our libsctp against lksctp's and against hand-written system
# calls, on a real kernel SCTP (inside User-Mode Linux when this kernel has
# none). Builds bench/harness.c three ways, runs bench/measure.sh there
# (tools/kernel-run.sh), prints
# the tables (bench/bench.py report) and keeps them in target/bench/report.md.
#
# Environment: CC (gcc); for the message rate BENCH_ROUNDS (2000) and
# BENCH_WINDOW (0.005 s); for the echo servers' rate BENCH_ECHO_ROUNDS
# (300), BENCH_ECHO_WINDOW (0.01 s) and BENCH_ECHO_ASSOCS (8).
set -eu
. "$(dirname "$0")/lib.sh"
here=$top/bench
cc=${CC:-gcc}
out=$top/target/bench
lib=$top/target/lib

# What the measurement needs besides the toolchain: valgrind (callgrind and
# its client-request header), lksctp's library and header, python3.
"$tools/deps.sh" bench

[ -e "$lib/libsctp.so.1" ] || { echo "bench: build the library first (make lib)" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out/ours" "$out/lksctp" "$out/floor" "$out/results"

# The floor: hand-written calls as a libsctp.so.1 of its own, linked like
# the libraries it stands beside.
$cc -std=gnu11 -O2 -fPIC -shared -fno-stack-protector -Wall -Wextra -Werror \
	-Wl,-soname,libsctp.so.1 -Wl,-z,now -o "$out/floor/libsctp.so.1" "$here/floor.c"
ln -sf libsctp.so.1 "$out/floor/libsctp.so"
$cc -std=gnu11 -O2 -fPIC -shared -Wall -Wextra -Werror -o "$out/count.so" "$here/count.c"
# The message rate's control: a second copy of lksctp's library, which the
# rate run loads beside the first.
mkdir -p "$out/control"
cp "$(readlink -f /usr/lib/$multiarch/libsctp.so.1)" "$out/control/libsctp.so.1"

# One harness, three ways. -g keeps the loop_* names for callgrind.
cflags="-std=gnu11 -O2 -g -Wall -Wextra -Werror"
$cc $cflags -DBUILD='"ours"' -I"$top/include" -o "$out/ours/harness" "$here/harness.c" \
	-L"$lib" -Wl,-rpath,"$lib" -lsctp
$cc $cflags -DBUILD='"lksctp"' -o "$out/lksctp/harness" "$here/harness.c" \
	/usr/lib/$multiarch/libsctp.so.1
$cc $cflags -DBUILD='"floor"' -o "$out/floor/harness" "$here/harness.c" \
	-L"$out/floor" -Wl,-rpath,"$out/floor" -lsctp
# The safe Rust API (sctp-socket) beside the C functions: its bench binary
# and the tokio echo server, cargo build --release (the workspace's release
# profile); and the C echo server on our library, for the echo rate.
mkdir -p "$out/rust" "$out/echo"
(cd "$top" && cargo build --release --locked -q -p sctp-socket --features tokio --example tokio_echo_server)
cp "$top/target/release/examples/tokio_echo_server" "$out/rust/"
(cd "$top" && cargo build --release --locked -q -p sctp-socket --example bench_calls)
cp "$top/target/release/examples/bench_calls" "$out/rust/"
$cc -std=gnu11 -O2 -Wall -Wextra -Werror -I"$top/include" -o "$out/echo/echo_server_fixed" \
	"$top/c-tests/echo_server_fixed.c" -L"$lib" -Wl,-rpath,"$lib" -lsctp
for b in ours lksctp floor; do
	echo "bench: $b harness uses $(ldd "$out/$b/harness" | awk '/libsctp/ { print $3 }')" >&2
done

status=0
"$tools/kernel-run.sh" "$here/measure.sh" "$out" "$out/results" "$lib" || status=$?
# Row f again in Debian's own kernel, where UML stood in for it: UML's
# clock reads are system calls (bench/echo.sh says why that matters).
if [ "$("$tools/kernel-run.sh" --which)" = uml ]; then
	SCTP_KERNEL=qemu "$tools/kernel-run.sh" "$here/echo.sh" "$out" "$out/results/qemu" || status=$?
fi

report=$out/report.md
python3 "$here/bench.py" report "$out/results" "$lib" > "$report.tmp" || { cat "$report.tmp"; exit 1; }
end=$(date +%s)
case $("$tools/kernel-run.sh" --which) in
native) where="with SCTP, measured natively" ;;
uml) where="measured inside User-Mode Linux $(ls /usr/lib/uml/modules 2>/dev/null | head -n 1), row f also inside Debian's kernel under QEMU" ;;
*) where="measured inside Debian's kernel under QEMU" ;;
esac
{
	echo "## make bench, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores;" \
		"host kernel $(uname -r) $where."
	echo "lksctp: $(dpkg-query -W -f '${Package} ${Version}' libsctp1 2>/dev/null || echo "$(readlink -f /usr/lib/$multiarch/libsctp.so.1)");" \
		"$($cc --version | head -n 1); valgrind $(valgrind --version | sed 's/valgrind-//')."
	echo
	cat "$report.tmp"
	echo
	echo "make bench ran for $((end - start)) s."
} > "$report"
rm -f "$report.tmp"
cat "$report"
exit $status
