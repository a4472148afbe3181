#!/bin/sh
# Build the C suite against a header and a library, run it on a kernel with
# SCTP (c-tests/kernel-run.sh) and print "N passed, N failed".
#
#   c-tests/run-suite.sh [TEST...]     (default: every c-tests/t_*.c and t_*.sh)
#
# Environment:
#   SCTP_INCLUDE  directory holding netinet/sctp.h     (default: include)
#   SCTP_LIBDIR   directory holding libsctp.so.1/.so   (default: target/lib)
#   BUILD         where the test binaries go           (default: target/c-tests)
#   CC, CFLAGS    compiler and extra flags
#   WRAP          command prefix for each test binary (e.g. valgrind ...)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
inc=$(cd "${SCTP_INCLUDE:-$top/include}" && pwd)
libdir=$(cd "${SCTP_LIBDIR:-$top/target/lib}" && pwd)
build=${BUILD:-$top/target/c-tests}
cc=${CC:-gcc}
mkdir -p "$build"
build=$(cd "$build" && pwd)

if [ $# -eq 0 ]; then
	set -- "$here"/t_*.c "$here"/t_*.sh
fi

# Build every C test first, on the host; a test that does not compile fails.
: > "$build/list"
: > "$build/build-failures"
for src in "$@"; do
	[ -e "$src" ] || continue
	name=$(basename "$src")
	case "$name" in
	*.c)
		bin="$build/${name%.c}"
		if $cc -std=gnu11 -Wall -Wextra -Werror -Wno-unused-function -g -O1 \
			${CFLAGS:-} -I"$inc" -o "$bin" "$src" \
			-L"$libdir" -Wl,-rpath,"$libdir" -lsctp -lpthread 2> "$bin.build.log"; then
			echo "$bin" >> "$build/list"
		else
			cat "$bin.build.log"
			echo "not ok - ${name%.c}: does not compile" >> "$build/build-failures"
		fi
		;;
	*.sh)
		echo "$src" >> "$build/list"
		;;
	esac
done

# Run them all inside one kernel boot.
cat > "$build/run-all" <<EOS
#!/bin/sh
export SCTP_INCLUDE="$inc" SCTP_LIBDIR="$libdir" BUILD="$build" CC="$cc"
while read -r t; do
	echo "# running \$(basename "\$t")"
	case "\$t" in
	*.sh) timeout 120 sh "\$t" ;;
	*) timeout 120 ${WRAP:-} "\$t" ;;
	esac
	rc=\$?
	[ \$rc -eq 0 ] || echo "not ok - \$(basename "\$t"): exited with status \$rc (124: timed out, >128: killed by a signal)"
done < "$build/list"
EOS
chmod +x "$build/run-all"

"$here/kernel-run.sh" "$build/run-all" > "$build/output" 2>&1 || true
cat "$build/build-failures" >> "$build/output"
cat "$build/output"

passed=$(grep -c '^ok ' "$build/output" || true)
failed=$(grep -c '^not ok ' "$build/output" || true)
# A program that died before printing anything must not pass silently.
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
