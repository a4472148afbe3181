#!/bin/sh
# Run lksctp-tools' programs (Debian's lksctp-tools package, /usr/bin) where
# the kernel speaks SCTP, and check they work: deb-check.sh runs this inside
# User-Mode Linux, once with LD_LIBRARY_PATH at an extracted package and
# once chrooted into a root where the package was installed with dpkg -i.
#
#   lksctp-tools-run.sh LABEL [EXPECTED_LIBSCTP]
#
# EXPECTED_LIBSCTP: the file libsctp.so.1 must resolve to (checked with ldd
# and by its exporting sctp_peeloff_flags, which lksctp's does not).
# Prints ok/not ok lines; exits 1 if any failed.
set -u
# c-tests/wait.sh, or its copy beside this script (deb-check.sh copies both
# into a chroot's /tmp).
w=$(dirname "$0")/wait.sh
[ -e "$w" ] || w=$(dirname "$0")/../c-tests/wait.sh
. "$w"
label=$1
want=${2:-}
work=$(mktemp -d /tmp/lksctp-tools-run.XXXXXX)
fail=0
ok() { echo "ok - $label: $*"; }
notok() { echo "not ok - $label: $*"; fail=1; }

for p in checksctp sctp_darn sctp_test; do
	command -v $p >/dev/null || { notok "$p not found (apt-get install lksctp-tools)"; exit 1; }
done

for p in sctp_darn sctp_test; do
	got=$(ldd "$(command -v $p)" | sed -n 's/.*libsctp.so.1 => \([^ ]*\) .*/\1/p')
	real=$(readlink -f "$got")
	if [ -n "$want" ] && [ "$real" != "$(readlink -f "$want")" ]; then
		notok "$p loads libsctp.so.1 from $got, not $want"
	elif ! nm -D --defined-only "$real" | grep -q ' sctp_peeloff_flags'; then
		notok "$p loads $got ($real), which is not this libsctp (no sctp_peeloff_flags)"
	else
		ok "$p loads libsctp.so.1 => $got ($real, this libsctp)"
	fi
done

out=$(checksctp 2>&1)
[ "$out" = "SCTP supported" ] && ok "checksctp: $out" || notok "checksctp: $out"

# sctp_darn: the sender binds a second address with sctp_bindx (-B),
# connects with sctp_connectx (-c), lists the peer with sctp_getpaddrs, and
# sends three lines read from stdin; the listener prints what it receives.
cd "$work"
stdbuf -oL sctp_darn -H 127.0.0.1 -P 5000 -l > darn-server.log 2>&1 &
server=$!
wait_sctp_listen 5000 10
printf 'first line\nsecond line\nthird line\n' |
	timeout 20 sctp_darn -H 127.0.0.1 -P 5001 -B 127.0.0.2 -c 127.0.0.1 -p 5000 -s > darn-client.log 2>&1
wait_for darn-server.log '^DATA(.*line' 10 3
kill $server 2>/dev/null; wait $server 2>/dev/null
n=$(grep -c '^DATA(.*line' darn-server.log)
if [ "$n" = 3 ] && grep -q 'DATA([0-9]*):  first line' darn-server.log && grep -q 'DATA([0-9]*):  third line' darn-server.log &&
	grep -q '^New connection, peer addresses' darn-client.log; then
	ok "sctp_darn: a client using sctp_bindx and sctp_connectx sent 3 lines, the server received $n: $(grep '^DATA' darn-server.log | tr -d '.' | tr '\n' ' ')"
else
	notok "sctp_darn: the server received $n of 3 lines"
	sed 's/^/#   server: /' darn-server.log | tail -n 15; { sed 's/^/#   client: /' darn-client.log; echo; } | tail -n 10
fi

# sctp_test: the client sends 5 rounds of 10 one-byte messages; the server
# counts what it receives.
stdbuf -oL sctp_test -H 127.0.0.1 -P 6000 -l > test-server.log 2>&1 &
server=$!
wait_sctp_listen 6000 10
timeout 30 sctp_test -H 127.0.0.1 -P 6001 -h 127.0.0.1 -p 6000 -s -c 0 -x 5 > test-client.log 2>&1
rc=$?
wait_for test-server.log 'recvmsg(sk=[0-9]*) Data 1 bytes' 10 50
kill $server 2>/dev/null; wait $server 2>/dev/null
sent=$(grep -c 'sendmsg(sk=[0-9]*, assoc=[0-9]*) *1 bytes' test-client.log)
got=$(grep -c 'recvmsg(sk=[0-9]*) Data 1 bytes' test-server.log)
if [ $rc = 0 ] && [ "$sent" = 50 ] && [ "$got" = 50 ]; then
	ok "sctp_test: the client sent $sent messages, the server received $got"
else
	notok "sctp_test: client status $rc, sent $sent, the server received $got (50 expected)"
	sed 's/^/#   server: /' test-server.log | tail -n 10; { sed 's/^/#   client: /' test-client.log; echo; } | tail -n 10
fi
rm -rf "$work"
exit $fail
