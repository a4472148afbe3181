#!/bin/sh
# What `make check` and `make demo` need beyond Rust, gcc and make, as
# Debian packages: each is installed when missing if we are root with apt,
# otherwise one line says what to install.
#
#   c-tests/deps.sh [demo]     (demo: only what make demo needs)
set -u

need() { # package, test command...
	pkg=$1; shift
	"$@" >/dev/null 2>&1 || missing="$missing $pkg"
}
missing=
# Where the kernel has no SCTP, the tests boot User-Mode Linux.
need user-mode-linux command -v linux.uml
need kmod command -v insmod
need iproute2 command -v ip
need linux-libc-dev test -e /usr/include/linux/sctp.h
need python3 command -v python3
if [ "${1:-}" != demo ]; then
	need g++ command -v g++
	need libsctp-dev test -e /usr/include/netinet/sctp.h -a -e /usr/lib/x86_64-linux-gnu/libsctp.so
	need lksctp-tools command -v sctp_darn
	need iperf3 command -v iperf3
	need valgrind command -v valgrind
	need qemu-system-x86 command -v qemu-system-x86_64
	need pkg-config command -v pkg-config
	need man-db command -v man
	need dpkg-dev command -v dpkg-architecture
	need python3-dev sh -c 'ls /usr/include/python3*/Python.h'
	need python3-venv python3 -c 'import ensurepip, venv'
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	echo "deps: installing$missing" >&2
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; } >/dev/null 2>&1 ||
		{ echo "deps: apt-get install$missing failed" >&2; exit 1; }
	exit 0
fi
echo "deps: missing packages; install them with: apt-get install$missing" >&2
exit 1
