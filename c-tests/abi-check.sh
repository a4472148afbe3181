#!/bin/sh
# The shared library's dynamic symbol table must be lksctp-tools 1.0.19's
# (every sctp_* symbol with the same version), plus sctp_peeloff_flags,
# with nothing else exported and libc its only dependency.
#
#   c-tests/abi-check.sh path/to/libsctp.so.1
set -eu
lib=$1
here=$(cd "$(dirname "$0")" && pwd)
fail=0

table() { # defined dynamic symbols with their versions, sorted
	nm -D --defined-only --with-symbol-versions "$1" | awk '$2 != "A" { print $2, $3 }' |
		grep -v -e '^[wWvV] ' | sort
}

table "$lib" > /tmp/abi-ours.$$
if diff -u "$here/expected-symbols.txt" /tmp/abi-ours.$$; then
	echo "ok - abi-check: exported symbols are c-tests/expected-symbols.txt"
else
	echo "not ok - abi-check: exported symbols differ from c-tests/expected-symbols.txt"; fail=1
fi
real=/usr/lib/x86_64-linux-gnu/libsctp.so.1
if [ -e "$real" ]; then
	# The real library's table, plus the one symbol we add.
	{ table "$real"; echo "T sctp_peeloff_flags@@VERS_1"; } | sort > /tmp/abi-real.$$
	if ! diff -u /tmp/abi-real.$$ /tmp/abi-ours.$$; then
		echo "not ok - abi-check: differs from the installed lksctp libsctp.so.1"; fail=1
	else
		echo "ok - abi-check: same symbol table as $(readlink -f "$real") plus sctp_peeloff_flags"
	fi
fi
# Version nodes and their order: VERS_2 after VERS_1, VERS_3 after VERS_2.
verdefs=$(readelf -V "$lib" | sed -n '/Version definition/,/^$/p' | grep -o -e 'Name: [^ ]*' -e 'Parent 1: [^ ]*' | tr '\n' ' ')
want='Name: libsctp.so.1 Name: VERS_1 Name: VERS_2 Parent 1: VERS_1 Name: VERS_3 Parent 1: VERS_2 '
if [ "$verdefs" = "$want" ]; then echo "ok - abi-check: version nodes VERS_1 < VERS_2 < VERS_3"
else echo "not ok - abi-check: version nodes are '$verdefs', want '$want'"; fail=1; fi
needed=$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
if [ "$needed" = "libc.so.6 " ]; then echo "ok - abi-check: NEEDED libc.so.6 only"
else echo "not ok - abi-check: NEEDED is '$needed', want libc.so.6 only"; fail=1; fi
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
if [ "$soname" = libsctp.so.1 ]; then echo "ok - abi-check: SONAME libsctp.so.1"
else echo "not ok - abi-check: SONAME is '$soname'"; fail=1; fi
size=$(wc -c < "$lib")
echo "# abi-check: $(wc -l < /tmp/abi-ours.$$) symbols, $size bytes stripped"
rm -f /tmp/abi-ours.$$ /tmp/abi-real.$$
exit $fail
