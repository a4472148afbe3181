#!/bin/sh
# make check-sanitize: the whole C suite with every test program built with
# AddressSanitizer and UndefinedBehaviorSanitizer, in one boot of Debian's
# own kernel under QEMU (tools/kernel-run.sh's qemu backend: a UML
# process's 39-bit address space cannot hold ASan's shadow memory).
#
#   tools/check-sanitize.sh [TEST...]      (default: the whole suite)
#
# The library itself is not instrumented (it is Rust, built as shipped),
# but ASan replaces malloc and free and checks the ranges of
# memcpy/memmove/memset, so a library that overruns a caller's buffer
# through those, hands out a pointer free() rejects, or leaks what
# sctp_getpaddrs/getladdrs allocate is caught; the test code itself is
# fully checked. Any report ends the program with status 86 (ASan,
# LeakSanitizer) or 87 (UBSan), a failure of the suite.
#
# Environment as for check-c.sh; the binaries go to target/c-tests-asan
# unless BUILD says otherwise.
set -eu
tools=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$tools/.." && pwd)

CFLAGS="${CFLAGS:-} -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
ASAN_OPTIONS="detect_leaks=1:exitcode=86:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:detect_invalid_pointer_pairs=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=87${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
BUILD=${BUILD:-$top/target/c-tests-asan}
SCTP_KERNEL=qemu
export CFLAGS ASAN_OPTIONS UBSAN_OPTIONS BUILD SCTP_KERNEL

start=$(date +%s)
rc=0
"$tools/check-c.sh" "$@" || rc=$?
echo "# sanitize: ASan+UBSan suite in $(( $(date +%s) - start )) s"
exit $rc
