#!/bin/sh
# make check-musl: the library built for musl (make TARGET=<triple> lib,
# in target/<triple>/lib) on a kernel with SCTP (tools/kernel-run.sh):
# musl-amd64 on this host's (UML), musl-arm64 on arm64's (QEMU).
#
#  0. the unit and layout tests (under qemu-user for arm64), the ABI and
#     boundary checks (tools/check-abi.sh, check-boundary.sh);
#  1. the whole C suite, the seed echo exchange with it (tools/check-c.sh),
#     built with musl's gcc against that libsctp.so.1;
#  2. every binary of it is a musl one: PT_INTERP /lib/ld-musl-<cpu>.so.1,
#     and musl's loader finds that libsctp.so.1 and no glibc;
#  3. a musl program linked statically with that libsctp.a runs an
#     association through every family of the API (tools/check-static.sh).
#
# musl binaries run on a glibc host and in its guests: musl's loader is
# a file of /, like any other. Its loader ignores symbol versions, so a
# reference to sctp_connectx@VERS_1 or @VERS_2 binds the default, VERS_3
# (t_connectx_versions checks for that).
#
#   tools/check-musl.sh [musl-amd64 | musl-arm64]
set -u
platform=${1:-musl-amd64}
name=check-$platform
. "$(dirname "$0")/lib.sh"
triple=$("$tools/arch.sh" "$platform" triple) || exit 2
deb=$("$tools/arch.sh" "$platform" deb)
out=$top/target/$triple
lib=$out/lib
loader=/lib/ld-musl-${triple%%-*}.so.1
# musl's loader runs here to list what a binary loads: under qemu-user
# for another architecture.
qemu_user=
[ "$deb" = "$(dpkg --print-architecture)" ] || qemu_user=$("$tools/arch.sh" "$platform" qemu_user)
if [ "$deb" != "$(dpkg --print-architecture)" ]; then
	export SCTP_KERNEL=qemu SCTP_ARCH=$deb
fi
if [ ! -e "$lib/libsctp.so.1" ] || [ ! -e "$lib/libsctp.a" ]; then
	not_ok "$lib has no libsctp.so.1 or libsctp.a (make TARGET=$triple lib)"
	finish
fi

# Debian's musl-gcc compiles with -nostdinc and musl's headers alone, and
# musl ships no kernel headers: <netinet/sctp.h> includes <linux/sctp.h>
# (and it <linux/types.h>, <asm/...>). A folder of links to the host's
# linux, asm and asm-generic, searched after musl's (-idirafter), so that
# no libc header can come from glibc's. It goes into CC, not CFLAGS: the
# seed programs and check-static.sh compile with $CC alone.
# Another architecture's kernel headers are its cross toolchain's.
kh=$(fresh_dir "$out/kernel-headers")
gnu=$("$tools/arch.sh" "$deb" multiarch)
if [ "$deb" = "$(dpkg --print-architecture)" ]; then
	ln -s /usr/include/linux /usr/include/asm-generic "/usr/include/$gnu/asm" "$kh/"
else
	ln -s "/usr/$gnu/include/linux" "/usr/$gnu/include/asm-generic" "/usr/$gnu/include/asm" "$kh/"
fi
cc="$("$tools/arch.sh" "$platform" cc) -idirafter $kh"

cargo_test "$platform" "$cc" "$out/cargo-test.log"
"$tools/check-abi.sh" "$lib/libsctp.so.1" "$platform" | say -
"$tools/check-boundary.sh" "$lib" "$platform" | say -

build=$out/c-tests
CC=$cc SCTP_LIBDIR=$lib BUILD=$build "$tools/check-c.sh" | say -

# Every ELF file the suite built (the tests and the seed programs).
bins=$(find "$build" -type f -perm -u+x -exec sh -c 'head -c 4 "$1" | grep -q ELF' _ {} \; -print | sort)
bad=
for b in $bins; do
	interp=$(readelf -l "$b" | sed -n 's/.*program interpreter: \(.*\)]$/\1/p')
	libs=$($qemu_user "$loader" --list "$b" 2>&1)
	if [ "$interp" != "$loader" ] || ! echo "$libs" | grep -q "libsctp.so.1 => $lib/libsctp.so.1 " ||
		echo "$libs" | grep -q 'libc\.so\.6'; then
		bad="$bad $(basename "$b") (PT_INTERP '$interp'; $(echo "$libs" | tr '\n\t' '; '))"
	fi
done
if [ -z "$bins" ]; then
	not_ok "no binaries in $build"
elif [ -z "$bad" ]; then
	ok "the suite's $(echo "$bins" | wc -l) binaries have PT_INTERP $loader and load $lib/libsctp.so.1, no glibc"
else
	not_ok "not musl binaries of our musl library:$bad"
fi

CC=$cc SCTP_LIBDIR=$lib STATIC_DIR=$out/check-static "$tools/check-static.sh" | say -
if nm "$out/check-static/static-link" 2> /dev/null | grep -q ' __init_libc$'; then
	ok "static-link holds musl's libc (__init_libc), not glibc's"
else
	not_ok "static-link has no __init_libc: it was not linked with musl's libc"
fi
finish "$triple, on $("$tools/kernel-run.sh" --which)"
