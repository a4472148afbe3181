#!/bin/sh
# make check-abi: the shared library's dynamic symbol table is lksctp-tools
# 1.0.19's (every sctp_* symbol with the same version), plus
# sctp_peeloff_flags, with nothing else exported and libc its only
# dependency; and the one list of exports, libsctp.map (tools/exports.sh),
# is what the header declares and src/lib.rs's table names.
#
#   tools/check-abi.sh path/to/libsctp.so.1
set -eu
name=abi-check
. "$(dirname "$0")/lib.sh"
lib=$1
work=$(mktemp -d)
on_exit() { rm -rf "$work"; }

table() { # defined dynamic symbols with their versions, sorted
	nm -D --defined-only --with-symbol-versions "$1" | awk '$2 != "A" { print $2, $3 }' |
		grep -v -e '^[wWvV] ' | LC_ALL=C sort
}

"$tools/exports.sh" symbols > "$work/expected"
table "$lib" > "$work/ours"
check "exported symbols are libsctp.map's ($(wc -l < "$work/ours"))" diff -u "$work/expected" "$work/ours"
real=/usr/lib/x86_64-linux-gnu/libsctp.so.1
if [ -e "$real" ]; then
	# The real library's table, plus the one symbol we add.
	{ table "$real"; echo "T sctp_peeloff_flags@@VERS_1"; } | LC_ALL=C sort > "$work/real"
	check "same symbol table as $(readlink -f "$real") plus sctp_peeloff_flags" diff -u "$work/real" "$work/ours"
fi
# Version nodes and their order: VERS_2 after VERS_1, VERS_3 after VERS_2.
verdefs=$(readelf -V "$lib" | sed -n '/Version definition/,/^$/p' | grep -o -e 'Name: [^ ]*' -e 'Parent 1: [^ ]*' | tr '\n' ' ')
want='Name: libsctp.so.1 Name: VERS_1 Name: VERS_2 Parent 1: VERS_1 Name: VERS_3 Parent 1: VERS_2 '
check "version nodes VERS_1 < VERS_2 < VERS_3" [ "$verdefs" = "$want" ]
needed=$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
check "NEEDED libc.so.6 only (it is '$needed')" [ "$needed" = "libc.so.6 " ]
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
check "SONAME libsctp.so.1 (it is '$soname')" [ "$soname" = libsctp.so.1 ]

# The other places that name every export agree with libsctp.map.
"$tools/exports.sh" names | LC_ALL=C sort > "$work/names"
sed -n 's/^int \(sctp_[a-z_]*\)(.*/\1/p' "$top/include/netinet/sctp.h" | LC_ALL=C sort > "$work/header"
check "include/netinet/sctp.h declares exactly libsctp.map's functions" diff -u "$work/names" "$work/header"
grep '^//! | \[`' "$top/src/lib.rs" | sed 's/^[^|]*|[^|]*|//; s/|.*//; s/(symbol versions[^)]*)//' |
	tr ', ' '\n\n' | grep '^sctp_' | LC_ALL=C sort > "$work/librs"
check "src/lib.rs's table names exactly libsctp.map's functions" diff -u "$work/names" "$work/librs"
finish "$(wc -c < "$lib") bytes stripped"
