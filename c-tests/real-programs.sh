#!/bin/sh
# make check-programs: SCTP programs nobody here wrote, built against
# lksctp-tools' libsctp by Debian, run over loopback on a real kernel SCTP
# (one boot, c-tests/kernel-run.sh) with our libsctp.so.1 substituted both
# ways (LD_PRELOAD, then LD_LIBRARY_PATH):
#
#  - sctp_test (lksctp-tools): a server bound to 127.0.0.1 plus 127.0.0.2
#    (-B: sctp_bindx) and a client that connects with sctp_connectx to both
#    (-C) and sends test case 4 (ten sizes, 1 to 32768 bytes) twice (-x 2);
#    the server must have received every byte;
#  - sctp_darn (lksctp-tools): a listening server (-B: sctp_bindx) and a
#    client that associates through sctp_connectx to both server addresses
#    and sends lines from stdin; the server must print each line, in order,
#    and the client must list both server addresses as its peer's
#    (sctp_getpaddrs);
#  - checksctp (lksctp-tools): must say "SCTP supported". It does not link
#    libsctp (NEEDED: libc only), so nothing of ours is called: it runs
#    for completeness;
#  - iperf3 (Debian, libsctp through libiperf.so.0) --sctp: the server binds
#    127.0.0.1 and 127.0.0.2 with sctp_bindx (-X, iperf3's only libsctp
#    call), the client sends 4 MiB in 256 messages of 16 KiB to 127.0.0.2.
#    The server's JSON report must count the bytes, over SCTP, and the
#    kernel the DATA chunks received (/proc/net/sctp/snmp SctpInOrderChunks
#    + SctpInUnorderChunks): at least 3 MiB, 192 chunks, because iperf3
#    3.12's server closes at the end of the test and often leaves the last
#    few messages unread, uncounted and aborted, with any library (it does
#    so with lksctp's and with no libsctp call at all). With its default
#    64 KiB messages SCTP in UML also falls, now and then, to a few Mbit/s.
#
# Every process runs under timeout, with LD_BIND_NOW=1 LD_DEBUG=bindings:
# each sctp_* symbol the programs (or libiperf) need must be bound to our
# file, and no other libsctp loaded (c-tests/dropin.py bindings); a control
# run of sctp_test without substitution must fail that test.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
out=${PROGRAMS_DIR:-$top/target/real-programs}
lib=$top/target/lib/libsctp.so.1
name=programs
start=$(date +%s)

missing=
for p in sctp_test sctp_darn checksctp iperf3 stdbuf; do
	command -v $p > /dev/null || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "not ok - $name: not installed:$missing (Debian: apt-get install lksctp-tools iperf3 coreutils)"
	exit 1
fi
if [ ! -e "$lib" ]; then
	echo "not ok - $name: $lib is missing (make lib)"
	exit 1
fi

. "$here/verdict.sh"
verdict_open "$out"
check() { # description command...
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# The lines sctp_darn's client sends.
printf 'darn line %s\n' 1 2 3 4 5 > "$out/darn-input"

cat > "$out/run" <<EOS
#!/bin/sh
# Runs inside the kernel with SCTP: each program under each way; only
# output is collected here, the verdicts are made on the host.
. "$here/wait.sh"
stop() { kill \$1 2>/dev/null; wait \$1 2>/dev/null; }

one_way() { # dir base-port env-assignment...
	d=\$1 p=\$2
	shift 2
	mkdir -p "\$d/logs"
	E="env \$* LD_BIND_NOW=1 LD_DEBUG=bindings LD_DEBUG_OUTPUT=\$d/logs/bind"

	\$E timeout 10 checksctp > "\$d/checksctp.out" 2>&1
	echo \$? > "\$d/checksctp.rc"

	\$E timeout 60 stdbuf -oL sctp_test -H 127.0.0.1 -B 127.0.0.2 -P \$p -l > "\$d/sctp_test.server" 2>&1 &
	srv=\$!
	wait_for "\$d/sctp_test.server" 'Receiving packets' 10
	\$E timeout 60 sctp_test -H 127.0.0.1 -P \$((p + 1)) -C 127.0.0.1 -C 127.0.0.2 -p \$p -s -c 4 -x 2 \
		> "\$d/sctp_test.client" 2>&1
	echo \$? > "\$d/sctp_test.client.rc"
	wait_for "\$d/sctp_test.server" 'SHUTDOWN_COMPLETE' 10
	stop \$srv

	\$E timeout 60 stdbuf -oL sctp_darn -H 127.0.0.1 -B 127.0.0.2 -P \$((p + 2)) -l > "\$d/sctp_darn.server" 2>&1 &
	srv=\$!
	wait_for "\$d/sctp_darn.server" 'listening' 10
	\$E timeout 20 sctp_darn -H 127.0.0.1 -P \$((p + 3)) -c 127.0.0.1 -c 127.0.0.2 -p \$((p + 2)) -s \
		< "$out/darn-input" > "\$d/sctp_darn.client" 2>&1
	echo \$? > "\$d/sctp_darn.client.rc"
	wait_for "\$d/sctp_darn.server" 'SHUTDOWN_COMP' 10
	stop \$srv

	\$E timeout 60 iperf3 -s -1 -4 -p \$((p + 4)) -X 127.0.0.1 -X 127.0.0.2 -J \
		> "\$d/iperf3.server.json" 2> "\$d/iperf3.server.err" &
	srv=\$!
	wait_tcp_listen \$((p + 4)) 10
	cat /proc/net/sctp/snmp > "\$d/snmp.before"
	\$E timeout 60 iperf3 -c 127.0.0.2 -4 -p \$((p + 4)) --sctp -n 4M -l 16K > "\$d/iperf3.client" 2>&1
	echo \$? > "\$d/iperf3.client.rc"
	wait \$srv
	echo \$? > "\$d/iperf3.server.rc"
	cat /proc/net/sctp/snmp > "\$d/snmp.after"
}
one_way "$out/preload" 41000 LD_PRELOAD="$lib"
one_way "$out/libpath" 41100 LD_LIBRARY_PATH="$top/target/lib"
mkdir -p "$out/control/logs"
env LD_BIND_NOW=1 LD_DEBUG=bindings LD_DEBUG_OUTPUT="$out/control/logs/bind" timeout 10 sctp_test \
	> "$out/control/sctp_test.out" 2>&1
echo done > "$out/finished"
EOS
chmod +x "$out/run"
"$here/kernel-run.sh" "$out/run" > "$out/kernel.log" 2>&1
if [ ! -e "$out/finished" ]; then
	echo "not ok - $name: the kernel run did not finish:"
	tail -n 20 "$out/kernel.log" | sed 's/^/#   /'
	exit 1
fi

# sctp_test -c 4 -x 2: sizes 1, 1000, 2000, 3000, 5000, 10000, 15000, 20000,
# 25000 and 32768, twice.
want_test_bytes=$((2 * (1 + 1000 + 2000 + 3000 + 5000 + 10000 + 15000 + 20000 + 25000 + 32768)))
want_iperf_bytes=$((4 * 1024 * 1024))

# Debian's checksctp does not link libsctp; say so rather than pretend.
if readelf -d "$(command -v checksctp)" | grep NEEDED | grep -q libsctp; then
	checksctp_note="links libsctp"
else
	checksctp_note="it does not link libsctp.so.1, so none of our code is called"
fi

for way in preload libpath; do
	d=$out/$way
	case $way in
	preload) label="LD_PRELOAD" base=41000 ;;
	libpath) label="LD_LIBRARY_PATH" base=41100 ;;
	esac

	check "$label: checksctp says 'SCTP supported' and exits 0 ($checksctp_note)" \
		sh -c "[ \"\$(cat '$d/checksctp.rc')\" = 0 ] && grep -q 'SCTP supported' '$d/checksctp.out'"

	# Each message the server got: "recvmsg(sk=3) Data N bytes."
	got=$(awk '/recvmsg\(.*\) Data [0-9]+ bytes/ { for (i = 1; i < NF; i++) if ($i == "Data") { n++; b += $(i + 1) } }
		END { printf "%d %d", n, b }' "$d/sctp_test.server")
	msgs=${got% *}
	bytes=${got#* }
	check "$label: sctp_test -c 4 -x 2: the server received all $want_test_bytes bytes ($msgs messages, want 20)" \
		[ "$bytes" = "$want_test_bytes" -a "$msgs" -ge 20 ]
	check "$label: sctp_test: the client (sctp_connectx to 127.0.0.1 and 127.0.0.2) exits 0" \
		[ "$(cat "$d/sctp_test.client.rc")" = 0 ]

	# "DATA(11):  darn line 1." for each line, in order.
	sed -n 's/^DATA([0-9]*):  \(.*\)\.$/\1/p' "$d/sctp_darn.server" > "$d/sctp_darn.received"
	check "$label: sctp_darn: the server printed the client's 5 lines, in order" \
		cmp -s "$out/darn-input" "$d/sctp_darn.received"
	check "$label: sctp_darn: the client lists both server addresses as its peer's (sctp_getpaddrs)" \
		sh -c "grep -qx '127.0.0.1:$((base + 2))' '$d/sctp_darn.client' && grep -qx '127.0.0.2:$((base + 2))' '$d/sctp_darn.client'"

	chunks=$(cat "$d/snmp.before" "$d/snmp.after" | awk '
		$1 == "SctpInOrderChunks" || $1 == "SctpInUnorderChunks" { if (seen[$1]++) after += $2; else before += $2 }
		END { print after - before }')
	check "$label: iperf3 --sctp -n 4M -l 16K: the kernel received $chunks SCTP DATA chunks (want 192 or more of the 256)" \
		[ "${chunks:-0}" -ge 192 ]
	iperf_bytes=$(python3 "$here/dropin.py" iperf-bytes "$d/iperf3.server.json" 2>> "$d/iperf3.server.err")
	check "$label: iperf3: the server's report counts $iperf_bytes bytes received over SCTP (want 3 MiB or more of the 4)" \
		sh -c "[ '$iperf_bytes' -ge $((want_iperf_bytes * 3 / 4)) ] && grep -q '\"protocol\":[[:space:]]*\"SCTP\"' '$d/iperf3.server.json'"
	check "$label: iperf3: client and server exit 0" \
		[ "$(cat "$d/iperf3.client.rc") $(cat "$d/iperf3.server.rc")" = "0 0" ]

	python3 "$here/dropin.py" bindings "$name: $label" "$lib" "$d/logs" \
		"$(command -v sctp_test)" "$(command -v sctp_darn)" "$(command -v iperf3)" >> "$verdict"
done

python3 "$here/dropin.py" bindings control "$lib" "$out/control/logs" "$(command -v sctp_test)" > "$out/control/verdict"
if [ $? -ne 0 ] && grep -q "^not ok - control: sctp_test: sctp_\* symbols bound to another library" "$out/control/verdict"; then
	ok "control: sctp_test without substitution fails the same binding test"
else
	not_ok "control: a run of sctp_test on lksctp's library was not caught"
	sed 's/^/#   /' "$out/control/verdict" >> "$verdict"
fi

verdict_close "outputs in $out/{preload,libpath}: the programs' output, LD_DEBUG logs in logs/"
