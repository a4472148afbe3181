#!/bin/sh
# make check-static: a program links statically against our libsctp.a with
# the plain command line, no extra library or flag:
#
#   gcc -static static-link.c check.c -I include -L target/lib -lsctp
#
# (check.c is the suite's harness, c-tests/check.c;
# -I and -L as for any copy outside the default paths; they come before
# lksctp-dev's /usr/include/netinet/sctp.h and /usr/lib/<multiarch>/
# libsctp.a, which is checked: LIBRARY_PATH would not, gcc puts it last);
# the result is a static executable holding our code, and it runs on a
# kernel with SCTP (c-tests/static-link.c: an association over loopback
# through every family of the API).
#
# SCTP_INCLUDE and SCTP_LIBDIR (default include, target/lib) point elsewhere.
set -u

name=static
. "$(dirname "$0")/lib.sh"
out=${STATIC_DIR:-$top/target/check-static}
inc=${SCTP_INCLUDE:-$top/include}
libdir=${SCTP_LIBDIR:-$top/target/lib}
out=$(fresh_dir "$out")

if [ ! -e "$libdir/libsctp.a" ]; then
	not_ok "$libdir/libsctp.a is missing (make lib)"
	finish
fi
if ! echo 'int main(void){return 0;}' | ${CC:-gcc} -static -x c - -o "$out/empty" 2> "$out/empty.log"; then
	not_ok "this toolchain cannot link any static program (Debian: apt-get install libc6-dev)"
	finish
fi

cp "$top/c-tests/static-link.c" "$top/c-tests/check.h" "$top/c-tests/check.c" "$out/"
cd "$out"
inc=$(cd "$inc" && pwd)
libdir=$(cd "$libdir" && pwd)
cmd="${CC:-gcc} -static static-link.c check.c -I $inc -L $libdir -lsctp"
if $cmd -o static-link > build.log 2>&1; then
	ok "'$cmd' links, no other library or flag"
else
	not_ok "'$cmd' does not link:"
	sed 's/^/#   /' build.log | head -n 20
	finish
fi

hdr=$(${CC:-gcc} -M -I "$inc" static-link.c 2>/dev/null | tr ' \\' '\n\n' | grep 'netinet/sctp\.h$' | head -n 1)
if [ "$(readlink -f "$hdr")" = "$(readlink -f "$inc/netinet/sctp.h")" ]; then
	ok "<netinet/sctp.h> was ours ($hdr)"
else
	not_ok "<netinet/sctp.h> came from '$hdr', not $inc"
fi
if readelf -l static-link | grep -q INTERP || readelf -d static-link 2>/dev/null | grep -q NEEDED; then
	not_ok "static-link is not a static executable: it has an interpreter or NEEDED entries"
else
	ok "static-link is a static executable (no interpreter, no NEEDED)"
fi
# Our crate is named sctp: its Rust symbols (_ZN4sctp...) exist in our
# libsctp.a only; sctp_connectx_orig only in lksctp's.
if nm static-link 2>/dev/null | grep -q ' _ZN4sctp' && ! nm static-link | grep -q ' sctp_connectx_orig$'; then
	ok "it holds our libsctp.a's code (Rust symbols of the sctp crate, none of lksctp's)"
else
	not_ok "static-link does not hold our code: was lksctp's libsctp.a linked?"
fi

"$tools/kernel-run.sh" "$out/static-link" > run.out 2>&1
rc=$?
grep -E '^(ok|not ok) ' run.out | say -
if [ $rc -eq 0 ] && grep -q '^ok ' run.out; then
	ok "static-link runs on the kernel's SCTP and exits 0"
else
	not_ok "static-link exited with status $rc:"
	grep -v -E '^(ok|not ok) ' run.out | tail -n 10 | sed 's/^/#   /'
fi
finish
