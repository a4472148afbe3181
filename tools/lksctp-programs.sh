#!/bin/sh
# SCTP programs nobody here wrote, built against lksctp-tools' libsctp by
# Debian, run over loopback with whatever libsctp.so.1 the environment
# gives them; tools/check-programs.sh (our library substituted two ways)
# and tools/check-deb.sh (our .deb extracted, then installed) use it.
#
#   lksctp-programs.sh run DIR PORT [VAR=VALUE...]
#       On a kernel with SCTP: run the programs with the VARs set, plus
#       LD_BIND_NOW=1 LD_DEBUG=bindings (logs in DIR/logs), on ports PORT
#       to PORT+4; only their output is kept, in DIR.
#   lksctp-programs.sh verdict DIR PORT LABEL LIB
#       Anywhere: the ok/not ok lines for a run in DIR, LIB being the
#       libsctp.so.1 each sctp_* symbol must have bound to.
#
# The programs, and what a pass means:
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
# Every sctp_* symbol the programs (or libiperf) need must be bound to LIB,
# and no other libsctp loaded (tools/bindings.py).
set -u
name=programs
. "$(dirname "$0")/lib.sh"
mode=$1 d=$2 p=$3
shift 3

# The lines sctp_darn's client sends.
darn_input() { printf 'darn line %s\n' 1 2 3 4 5; }

stop() { kill "$1" 2> /dev/null; wait "$1" 2> /dev/null; }

run() {
	rm -rf "$d"
	mkdir -p "$d/logs"
	E="env $* LD_BIND_NOW=1 LD_DEBUG=bindings LD_DEBUG_OUTPUT=$d/logs/bind"

	$E timeout 10 checksctp > "$d/checksctp.out" 2>&1
	echo $? > "$d/checksctp.rc"

	$E timeout 60 stdbuf -oL sctp_test -H 127.0.0.1 -B 127.0.0.2 -P "$p" -l > "$d/sctp_test.server" 2>&1 &
	srv=$!
	wait_for "$d/sctp_test.server" 'Receiving packets' 10
	$E timeout 60 sctp_test -H 127.0.0.1 -P $((p + 1)) -C 127.0.0.1 -C 127.0.0.2 -p "$p" -s -c 4 -x 2 \
		> "$d/sctp_test.client" 2>&1
	echo $? > "$d/sctp_test.client.rc"
	wait_for "$d/sctp_test.server" 'SHUTDOWN_COMPLETE' 10
	stop $srv

	$E timeout 60 stdbuf -oL sctp_darn -H 127.0.0.1 -B 127.0.0.2 -P $((p + 2)) -l > "$d/sctp_darn.server" 2>&1 &
	srv=$!
	wait_for "$d/sctp_darn.server" 'listening' 10
	darn_input | $E timeout 20 sctp_darn -H 127.0.0.1 -P $((p + 3)) -c 127.0.0.1 -c 127.0.0.2 -p $((p + 2)) -s \
		> "$d/sctp_darn.client" 2>&1
	echo $? > "$d/sctp_darn.client.rc"
	wait_for "$d/sctp_darn.server" 'SHUTDOWN_COMP' 10
	stop $srv

	$E timeout 60 iperf3 -s -1 -4 -p $((p + 4)) -X 127.0.0.1 -X 127.0.0.2 -J \
		> "$d/iperf3.server.json" 2> "$d/iperf3.server.err" &
	srv=$!
	wait_tcp_listen $((p + 4)) 10
	cat /proc/net/sctp/snmp > "$d/snmp.before"
	$E timeout 60 iperf3 -c 127.0.0.2 -4 -p $((p + 4)) --sctp -n 4M -l 16K > "$d/iperf3.client" 2>&1
	echo $? > "$d/iperf3.client.rc"
	wait $srv
	echo $? > "$d/iperf3.server.rc"
	cat /proc/net/sctp/snmp > "$d/snmp.after"
	exit 0
}

# The bytes an iperf3 server's -J report says it received (0 if none).
iperf_bytes() {
	python3 -c 'import json, sys
try:
    print(int(json.load(open(sys.argv[1]))["end"]["sum_received"]["bytes"]))
except Exception as e:  # any malformed report counts as nothing received
    print(0)
    print(f"iperf-bytes: {e}", file=sys.stderr)' "$1"
}

verdict() { # label lib
	label=$1 lib=$2
	# sctp_test -c 4 -x 2: sizes 1, 1000, 2000, 3000, 5000, 10000, 15000,
	# 20000, 25000 and 32768, twice.
	want_test_bytes=$((2 * (1 + 1000 + 2000 + 3000 + 5000 + 10000 + 15000 + 20000 + 25000 + 32768)))
	want_iperf_bytes=$((4 * 1024 * 1024))

	# Debian's checksctp does not link libsctp; say so rather than pretend.
	if readelf -d "$(command -v checksctp)" | grep NEEDED | grep -q libsctp; then
		checksctp_note="links libsctp"
	else
		checksctp_note="it does not link libsctp.so.1, so none of our code is called"
	fi
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
	darn_input > "$d/sctp_darn.sent"
	check "$label: sctp_darn: the server printed the client's 5 lines, in order" \
		cmp "$d/sctp_darn.sent" "$d/sctp_darn.received"
	check "$label: sctp_darn: the client lists both server addresses as its peer's (sctp_getpaddrs)" \
		sh -c "grep -qx '127.0.0.1:$((p + 2))' '$d/sctp_darn.client' && grep -qx '127.0.0.2:$((p + 2))' '$d/sctp_darn.client'"

	chunks=$(cat "$d/snmp.before" "$d/snmp.after" | awk '
		$1 == "SctpInOrderChunks" || $1 == "SctpInUnorderChunks" { if (seen[$1]++) after += $2; else before += $2 }
		END { print after - before }')
	check "$label: iperf3 --sctp -n 4M -l 16K: the kernel received $chunks SCTP DATA chunks (want 192 or more of the 256)" \
		[ "${chunks:-0}" -ge 192 ]
	iperf_bytes=$(iperf_bytes "$d/iperf3.server.json" 2>> "$d/iperf3.server.err")
	check "$label: iperf3: the server's report counts $iperf_bytes bytes received over SCTP (want 3 MiB or more of the 4)" \
		sh -c "[ '$iperf_bytes' -ge $((want_iperf_bytes * 3 / 4)) ] && grep -q '\"protocol\":[[:space:]]*\"SCTP\"' '$d/iperf3.server.json'"
	check "$label: iperf3: client and server exit 0" \
		[ "$(cat "$d/iperf3.client.rc") $(cat "$d/iperf3.server.rc")" = "0 0" ]

	python3 "$tools/bindings.py" bindings "$name: $label" "$lib" "$d/logs" \
		"$(command -v sctp_test)" "$(command -v sctp_darn)" "$(command -v iperf3)" | say -
	set -- $(count "$lib_tally")
	[ "$2" -eq 0 ]
}

case $mode in
run) run "$@" ;;
verdict) verdict "$@" ;;
*) echo "usage: $0 run DIR PORT [VAR=VALUE...] | verdict DIR PORT LABEL LIB" >&2; exit 2 ;;
esac
