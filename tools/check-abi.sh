#!/bin/sh
# make check-abi: the shared library's dynamic symbol table is lksctp-tools
# 1.0.19's (every sctp_* symbol with the same version), plus
# sctp_peeloff_flags, with nothing else exported and libc its only
# dependency; and the one list of exports, libsctp.map (tools/exports.sh),
# is what the header declares and src/lib.rs's table names.
#
#   tools/check-abi.sh LIB [PLATFORM]   PLATFORM: a tools/arch.sh name or Rust
#                                       triple (default host)
#
# The reference is Debian's libsctp1 of PLATFORM's architecture: the
# installed one, else its package, fetched once into target/debian/<arch>
# (a failed fetch is not retried until that folder is removed). A musl
# platform is compared with the glibc one of its architecture, and one
# Debian does not release (riscv64 before trixie) with the host's: all link
# with the same version script.
set -eu
name=abi-check
. "$(dirname "$0")/lib.sh"
lib=$1
plat=${2:-host}
deb=$("$tools/arch.sh" "$plat" deb)
musl=$("$tools/arch.sh" "$plat" triple | grep -o musl || true)
libc=libc.so.6
[ -z "$musl" ] || libc=libc.so
work=$(mktemp -d)
on_exit() { rm -rf "$work"; }

# Defined non-local dynamic symbols, "TYPE BIND name@VERSION", sorted.
# readelf reads every ELF machine the same way. The name is the last field
# and the section the one before it (ppc64's "[<localentry>: 8]" shifts the
# others): a number for a defined symbol, which leaves out the version
# nodes' own ABS symbols that older linkers add.
table() {
	readelf --dyn-syms -W "$1" | awk '$1 ~ /^[0-9]+:$/ && $5 != "LOCAL" {
		if ($NF ~ /^\([0-9]+\)$/) NF--; if ($(NF - 1) ~ /^[0-9]+$/) print $4, $5, $NF }' |
		LC_ALL=C sort
}

reference() { # Debian's libsctp.so.1 for architecture $1, or nothing
	dpkg-query -L "libsctp1:$1" 2> /dev/null | grep '/libsctp\.so\.1$' && return
	d=$top/target/debian/$1
	if [ ! -e "$d/apt.log" ]; then
		mkdir -p "$d"
		(cd "$d" && { apt-get download "libsctp1:$1" || { apt-get update && apt-get download "libsctp1:$1"; }; }) \
			> "$d/apt.log" 2>&1 && dpkg-deb -x "$d"/libsctp1_*_"$1".deb "$d/root"
	fi
	find "$d/root" -name libsctp.so.1 2> /dev/null || true
}

"$tools/exports.sh" symbols > "$work/expected"
table "$lib" > "$work/ours"
check "exported symbols are libsctp.map's ($(wc -l < "$work/ours"))" diff -u "$work/expected" "$work/ours"
what="Debian's $deb libsctp1"
[ -z "$musl" ] || what="Debian's glibc $deb libsctp1 (there is no musl one)"
real=$(reference "$deb")
if [ -z "$real" ]; then
	host=$(dpkg --print-architecture)
	what="Debian's $host libsctp1 (libsctp1:$deb could not be fetched: target/debian/$deb/apt.log)"
	real=$(reference "$host")
fi
{ table "$real"; echo "FUNC GLOBAL sctp_peeloff_flags@@VERS_1"; } | LC_ALL=C sort > "$work/real"
check "same symbol table as $what plus sctp_peeloff_flags" diff -u "$work/real" "$work/ours"
# Version nodes and their order: VERS_2 after VERS_1, VERS_3 after VERS_2.
verdefs=$(readelf -V "$lib" | sed -n '/Version definition/,/^$/p' | grep -o -e 'Name: [^ ]*' -e 'Parent 1: [^ ]*' | tr '\n' ' ')
want='Name: libsctp.so.1 Name: VERS_1 Name: VERS_2 Parent 1: VERS_1 Name: VERS_3 Parent 1: VERS_2 '
check "version nodes VERS_1 < VERS_2 < VERS_3" [ "$verdefs" = "$want" ]
# libc and at most the dynamic loader (ld-*.so.*, ld64.so.*): no libgcc_s
# or anything else a toolchain may add.
needed=$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
rest=$(echo "$needed" | grep -v -x -e 'ld-.*\.so\..*' -e 'ld64\.so\..*' | tr '\n' ' ')
check "NEEDED $libc only, and the loader if any (it is '$(echo $needed)')" [ "$rest" = "$libc " ]
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
check "SONAME libsctp.so.1 (it is '$soname')" [ "$soname" = libsctp.so.1 ]

# The other places that name every export agree with libsctp.map.
"$tools/exports.sh" names | LC_ALL=C sort > "$work/names"
sed -n 's/^int \(sctp_[a-z_]*\)(.*/\1/p' "$top/include/netinet/sctp.h" | LC_ALL=C sort > "$work/header"
check "include/netinet/sctp.h declares exactly libsctp.map's functions" diff -u "$work/names" "$work/header"
grep '^//! | \[`' "$top/src/lib.rs" | sed 's/^[^|]*|[^|]*|//; s/|.*//; s/(symbol versions[^)]*)//' |
	tr ', ' '\n\n' | grep '^sctp_' | LC_ALL=C sort > "$work/librs"
check "src/lib.rs's table names exactly libsctp.map's functions" diff -u "$work/names" "$work/librs"
finish "$plat: $(wc -c < "$lib") bytes stripped"
