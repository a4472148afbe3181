#!/bin/sh
# make check-c: build the C suite (c-tests/t_*.c and t_*.sh) against a
# header and a library, run it in one boot of a kernel with SCTP
# (tools/kernel-run.sh; SCTP_KERNEL picks the backend) and print its ok/not
# ok lines and "N passed, N failed".
#
#   tools/check-c.sh [--build-only] [TEST...]   (default: the whole suite)
#
# --build-only builds and leaves in BUILD what a caller runs itself, inside
# a boot of its own: the binaries, "list" (the tests), "run-all" (the
# runner: it prints the tests' ok/not ok lines) and "build-failures" (a
# "not ok - T: does not compile" line each, the log in T.build.log).
#
# Environment:
#   SCTP_INCLUDE  directory holding netinet/sctp.h     (default: include)
#   SCTP_LIBDIR   directory holding libsctp.so.1/.so   (default: target/lib)
#   BUILD         where the test binaries go           (default: target/c-tests)
#   CC, CFLAGS    compiler and extra flags
#   WRAP          command prefix for each test binary (e.g. valgrind ...)
set -eu

name=check-c
. "$(dirname "$0")/lib.sh"
suite=$top/c-tests
build_only=0
if [ "${1:-}" = --build-only ]; then
	build_only=1
	shift
fi
inc=$(cd "${SCTP_INCLUDE:-$top/include}" && pwd)
libdir=$(cd "${SCTP_LIBDIR:-$top/target/lib}" && pwd)
build=${BUILD:-$top/target/c-tests}
cc=${CC:-gcc}
mkdir -p "$build"
build=$(cd "$build" && pwd)

if [ $# -eq 0 ]; then
	set -- "$suite"/t_*.c "$suite"/t_*.sh
fi

# Build every test first, on the host: each C test linked with the
# harness (c-tests/check.c), each shell test by its own "build" phase; a
# test that does not compile fails.
: > "$build/list"
: > "$build/build-failures"
cflags="-std=gnu11 -Wall -Wextra -Werror -g -O1 ${CFLAGS:-} -I$inc"
if ! $cc $cflags -c -o "$build/check.o" "$suite/check.c" 2> "$build/check.build.log"; then
	[ $build_only = 1 ] || cat "$build/check.build.log"
	echo "not ok - check.c: the harness does not compile" >> "$build/build-failures"
fi
for src in "$@"; do
	[ -e "$src" ] || continue
	test=$(basename "$src")
	case "$test" in
	*.c)
		bin="$build/${test%.c}"
		if $cc $cflags -o "$bin" "$src" "$build/check.o" \
			-L"$libdir" -Wl,-rpath,"$libdir" -lsctp -lpthread 2> "$bin.build.log"; then
			echo "$bin" >> "$build/list"
		else
			[ $build_only = 1 ] || cat "$bin.build.log"
			echo "not ok - ${test%.c}: does not compile" >> "$build/build-failures"
		fi
		;;
	*.sh)
		# A shell test builds what it needs here, on the host (its
		# build checks kept for the run's output), and runs in the kernel.
		SCTP_INCLUDE=$inc SCTP_LIBDIR=$libdir BUILD=$build CC=$cc \
			sh "$src" build > "$build/${test%.sh}.build-output" 2>&1
		echo "$src" >> "$build/list"
		;;
	esac
done

# The runner, for one kernel boot: run-all [LIST] runs the tests of LIST
# (default: this build's); a WRAP set when it runs replaces the build's.
cat > "$build/run-all" << EOS
#!/bin/sh
export SCTP_INCLUDE="$inc" SCTP_LIBDIR="$libdir" BUILD="$build" CC="$cc"
while read -r t; do
	echo "# running \$(basename "\$t")"
	case "\$t" in
	*.sh) cat "$build/\$(basename "\$t" .sh).build-output"; timeout 120 sh "\$t" run ;;
	*) timeout 120 \${WRAP-${WRAP:-}} "\$t" ;;
	esac
	rc=\$?
	[ \$rc -eq 0 ] || echo "not ok - \$(basename "\$t"): exited with status \$rc (124: timed out, >128: killed by a signal)"
done < "\${1:-$build/list}"
EOS
chmod +x "$build/run-all"
[ $build_only = 0 ] || exit 0

"$tools/kernel-run.sh" "$build/run-all" > "$build/output" 2>&1 || true
cat "$build/build-failures" >> "$build/output"
cat "$build/output"

# A program that died before printing anything must not pass silently.
set -- $(count "$build/output")
echo "$1 passed, $2 failed"
[ "$2" -eq 0 ] && [ "$1" -gt 0 ]
