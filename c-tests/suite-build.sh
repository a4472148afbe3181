#!/bin/sh
# Build the C suite the way c-tests/run-suite.sh does, without running it,
# so that a caller can run several builds inside one kernel boot.
#
#   SCTP_INCLUDE=DIR SCTP_LIBDIR=DIR BUILD=DIR c-tests/suite-build.sh [TEST...]
#
# Leaves in BUILD: the test binaries, "list" (what to run), "run-all" (the
# runner to start on a kernel with SCTP; it prints the tests' ok/not ok lines)
# and "build-failures" (a "not ok - T: does not compile" line per failure,
# the build log in T.build.log).
#
# run-suite.sh itself does the work, started from a shadow of c-tests/ (a
# link to every file) whose kernel-run.sh does nothing: the compiler flags,
# the test list and the runner stay exactly run-suite.sh's.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
: "${SCTP_INCLUDE:?}" "${SCTP_LIBDIR:?}" "${BUILD:?}"
mkdir -p "$BUILD"
build=$(cd "$BUILD" && pwd)

shadow=$build/.shadow
rm -rf "$shadow"
mkdir -p "$shadow"
for f in "$here"/*; do
	ln -s "$f" "$shadow/"
done
rm -f "$shadow/kernel-run.sh"
printf '#!/bin/sh\n# suite-build.sh: build only\nexit 0\n' > "$shadow/kernel-run.sh"
chmod +x "$shadow/kernel-run.sh"

[ $# -gt 0 ] || set -- "$here"/t_*.c "$here"/t_*.sh
rm -f "$build/run-all" "$build/list"
# It ends with "0 passed, N failed" and status 1 since nothing ran: expected.
BUILD=$build "$shadow/run-suite.sh" "$@" > "$build/suite-build.log" 2>&1 || true
if [ ! -x "$build/run-all" ] || [ ! -f "$build/list" ]; then
	echo "suite-build: run-suite.sh left no run-all/list in $build:" >&2
	tail -n 20 "$build/suite-build.log" >&2
	exit 1
fi
