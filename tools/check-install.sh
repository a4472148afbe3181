#!/bin/sh
# What `make install` puts in place works as a user would use it: install
# into a scratch prefix (DESTDIR honoured), build a program calling every
# function with -I DIR/include -L DIR/lib -lsctp and with pkg-config, run it
# on a real kernel SCTP, then `make uninstall` leaves nothing behind.
set -u
name=install
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d "$top/target/check-install.XXXXXX")
on_exit() { rm -rf "$work"; }
prefix=/opt/sctp-test
dir=$work/root$prefix

check "make install PREFIX=$prefix DESTDIR=..." make -C "$top" --no-print-directory -s install PREFIX=$prefix DESTDIR="$work/root"
for f in lib/libsctp.so lib/libsctp.so.1 lib/libsctp.so.1.0.19 lib/libsctp.a include/netinet/sctp.h lib/pkgconfig/libsctp.pc \
	share/man/man3/sctp_sendv.3 share/man/man7/sctp.7; do
	check "installs $f" test -e "$dir/$f"
done
check "every page of man/ is installed (man3 and man7), as man/ has it" sh -c "
	for p in '$top'/man/*.[37]; do cmp \"\$p\" '$dir/share/man/man'\"\${p##*.}/\${p##*/}\" || exit 1; done"
check "man -M DIR/share/man finds sctp(7) and sctp_sendv(3)" sh -c "
	[ \"\$(man -M '$dir/share/man' -w 7 sctp)\" = '$dir/share/man/man7/sctp.7' ] && [ \"\$(man -M '$dir/share/man' -w sctp_sendv)\" = '$dir/share/man/man3/sctp_sendv.3' ]"
check "the installed netinet/sctp.h is include/netinet/sctp.h, which check-header tests" \
	cmp "$dir/include/netinet/sctp.h" "$top/include/netinet/sctp.h"
check "libsctp.so -> libsctp.so.1 -> libsctp.so.1.0.19" \
	sh -c "[ \"\$(readlink '$dir/lib/libsctp.so')\" = libsctp.so.1 ] && [ \"\$(readlink '$dir/lib/libsctp.so.1')\" = libsctp.so.1.0.19 ]"
check "libsctp.pc: Name: sctp, Libs -lsctp" sh -c "grep -q '^Name: sctp$' '$dir/lib/pkgconfig/libsctp.pc' && grep -q '^Libs:.*-lsctp' '$dir/lib/pkgconfig/libsctp.pc'"
check "gcc -I DIR/include -L DIR/lib -lsctp builds a program calling every function" \
	${CC:-gcc} -Wall -Werror -o "$work/every" "$top/c-tests/every_function.c" -I"$dir/include" -L"$dir/lib" -Wl,-rpath,"$dir/lib" -lsctp
if command -v pkg-config >/dev/null; then
	# The .pc file names the final prefix; point it at the staged copy.
	sed "s|^prefix=.*|prefix=$dir|; s|^libdir=.*|libdir=$dir/lib|; s|^includedir=.*|includedir=$dir/include|" \
		"$dir/lib/pkgconfig/libsctp.pc" > "$work/libsctp.pc"
	check "pkg-config --cflags --libs libsctp builds it too" sh -c \
		"${CC:-gcc} -o '$work/every-pc' '$top/c-tests/every_function.c' \$(PKG_CONFIG_PATH='$work' pkg-config --cflags --libs libsctp)"
fi
check "the program resolves libsctp.so.1 to the installed copy" sh -c "ldd '$work/every' | grep -q '$dir/lib/libsctp.so.1'"
in_kernel "$work/run" "$work/every"
say - < "$work/run"
check "make uninstall leaves nothing" sh -c "make -C '$top' --no-print-directory -s uninstall PREFIX=$prefix DESTDIR='$work/root' &&
	[ -z \"\$(find '$work/root' -type f -o -type l)\" ]"
finish
