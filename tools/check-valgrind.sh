#!/bin/sh
# The whole C suite with every test program under valgrind memcheck, inside
# one kernel boot (tools/check-c.sh).
#
#   tools/check-valgrind.sh [TEST...]      (default: the whole suite)
#
# Memcheck sees the library's own code too: reads of uninitialised or
# unallocated memory, bad frees, and leaks (definite, indirect and possible
# count). Any error makes the program exit with status 99, which the suite
# counts as a failure. Forked children are checked as well. No suppression
# file: the only deliberate bad syscall arguments, t_badinput's rows that
# hand the kernel a NULL buffer or a negative iov count, pause memcheck's
# reports for that one call themselves (KERNEL_ONLY there). The shell tests
# (t_*.sh) run as they are.
#
# Environment as for check-c.sh; the binaries go to
# target/c-tests-valgrind unless BUILD says otherwise; valgrind's own
# VALGRIND_OPTS adds options.
set -eu
tools=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$tools/.." && pwd)


WRAP="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --child-silent-after-fork=no --vgdb=no"
BUILD=${BUILD:-$top/target/c-tests-valgrind}
export WRAP BUILD

start=$(date +%s)
rc=0
"$tools/check-c.sh" "$@" || rc=$?
echo "# valgrind: $(( $(date +%s) - start )) s"
exit $rc
