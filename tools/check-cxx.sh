#!/bin/sh
# make check-cxx: every C test program (c-tests/t_*.c, and static-link.c)
# also compiles as C++ against our <netinet/sctp.h> and links against our
# libsctp.so (which needs the header's extern "C"): g++ -x c++, g++'s
# default standard (gnu++17) compiled and linked, gnu++11 compiled.
#
# Warnings as in the C suite (-Wall -Wextra -Werror), less
# -Wmissing-field-initializers: g++ says it of designated initialisers that
# leave members zero, which C's -Wextra does not (C's rule, not a header
# problem). The include orders are tools/check-header.sh's.
#
#   SCTP_INCLUDE, SCTP_LIBDIR (default include, target/lib), CXX (g++)
set -u

name=cxx
. "$(dirname "$0")/lib.sh"
inc=$(cd "${SCTP_INCLUDE:-$top/include}" && pwd)
libdir=$(cd "${SCTP_LIBDIR:-$top/target/lib}" && pwd)
out=${CXX_DIR:-$top/target/check-cxx}
cxx=${CXX:-g++}
out=$(fresh_dir "$out")
flags="-Wall -Wextra -Werror -Wno-missing-field-initializers"

if ! command -v "$cxx" > /dev/null; then
	not_ok "$cxx not found (tools/deps.sh check)"
	finish
fi

one() { # source: prints its verdict line
	src=$1
	base=$(basename "$src" .c)
	log=$out/$base.log
	if ! $cxx -x c++ -std=gnu++11 $flags -I"$inc" -fsyntax-only "$src" > "$log" 2>&1; then
		echo "not ok - $name: $base.c does not compile as C++11 (g++ -x c++ -std=gnu++11):"
		grep -E 'error|undefined' "$log" | head -n 5 | sed 's/^/#   /'
	elif ! $cxx -x c++ $flags -I"$inc" -o "$out/$base" "$src" "$top/c-tests/check.c" -x none \
		-L"$libdir" -lsctp -lpthread \
		> "$log" 2>&1; then
		echo "not ok - $name: $base.c does not compile and link as C++ (g++ -x c++, gnu++17):"
		grep -E 'error|undefined' "$log" | head -n 5 | sed 's/^/#   /'
	else
		echo "ok - $name: $base.c compiles as C++11 and C++17, links against libsctp"
	fi
}

# Two at a time, in order.
: > "$out/verdict"
set -- "$top"/c-tests/t_*.c "$top/c-tests/static-link.c"
while [ $# -gt 0 ]; do
	one "$1" > "$out/a" &
	a=$!
	b=
	if [ $# -gt 1 ]; then
		one "$2" > "$out/b" &
		b=$!
	fi
	wait $a
	cat "$out/a" >> "$out/verdict"
	if [ -n "$b" ]; then
		wait $b
		cat "$out/b" >> "$out/verdict"
		shift
	fi
	shift
done
say - < "$out/verdict"
finish
