#!/bin/sh
# The one place that installs Debian packages. Each group lists what a part
# of the tree needs beyond Rust (cargo): a package is installed when its
# test fails, if we are root with apt; otherwise one line says what to
# install, and the status is 1.
#
#   tools/deps.sh GROUP...
#
# Groups: build (gcc, make), check (everything `make check` runs), demo,
# bench, kernel-uml and kernel-qemu (tools/kernel-run.sh's backends),
# pysctp (Python's headers and venv). .ci/run asks for build and check.
set -u
. "$(dirname "$0")/lib.sh"

need() { # package, test command...
	pkg=$1; shift
	"$@" > /dev/null 2>&1 || missing="$missing $pkg"
}
group() {
	case $1 in
	build)
		need gcc command -v gcc
		need make command -v make
		need linux-libc-dev test -e /usr/include/linux/sctp.h ;;
	kernel-uml)
		# Where the host's kernel has no SCTP, the tests boot User-Mode Linux.
		need user-mode-linux command -v linux.uml
		need kmod command -v insmod
		need iproute2 command -v ip ;;
	kernel-qemu)
		need qemu-system-x86 command -v qemu-system-x86_64
		need dpkg command -v dpkg-deb
		need iproute2 command -v ip ;;
	demo)
		group build
		group kernel-uml ;;
	pysctp)
		need python3-dev sh -c 'ls /usr/include/python3*/Python.h'
		need python3-venv python3 -c 'import ensurepip, venv' ;;
	bench)
		group build
		group kernel-uml
		need valgrind test -e /usr/include/valgrind/callgrind.h
		need libsctp-dev test -e /usr/include/netinet/sctp.h -a -e /usr/lib/$multiarch/libsctp.so
		need python3 command -v python3 ;;
	check)
		group build
		group kernel-uml
		group kernel-qemu
		group pysctp
		need python3 command -v python3
		need g++ command -v g++
		need libsctp-dev test -e /usr/include/netinet/sctp.h -a -e /usr/lib/$multiarch/libsctp.so
		need lksctp-tools command -v sctp_darn
		need iperf3 command -v iperf3
		need valgrind command -v valgrind
		need pkg-config command -v pkg-config
		need man-db command -v man
		need dpkg-dev command -v dpkg-architecture
		need util-linux command -v unshare ;;
	*)
		echo "deps: no group '$1'" >&2
		exit 2 ;;
	esac
}
missing=
for g in "$@"; do
	group "$g"
done
[ -z "$missing" ] && exit 0
missing=$(echo $missing | tr ' ' '\n' | sort -u | tr '\n' ' ')
if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
	echo "deps: installing $missing" >&2
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; } > /dev/null 2>&1 ||
		{ echo "deps: apt-get install $missing failed" >&2; exit 1; }
	exit 0
fi
echo "deps: missing packages; install them with: apt-get install $missing" >&2
exit 1
