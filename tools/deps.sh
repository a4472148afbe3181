#!/bin/sh
# The one place that installs what the tree needs beyond cargo itself:
# Debian packages, and the Rust targets of the arch-* groups (rustup). A
# package is installed when its test fails, if we are root with apt;
# otherwise one line says what to install, and the status is 1.
#
#   tools/deps.sh GROUP...
#
# Groups: build (gcc, make), check (everything `make check` runs), demo,
# bench, kernel-uml and kernel-qemu (tools/kernel-run.sh's backends; QEMU
# for SCTP_ARCH), arch-PLATFORM (cross-building and testing for a row of
# tools/arch.sh), pysctp (Python's headers and venv). .ci/run asks for
# build and check.
set -u
. "$(dirname "$0")/lib.sh"

need() { # package, test command...
	pkg=$1; shift
	"$@" > /dev/null 2>&1 || missing="$missing $pkg"
}
need_qemu_system() { # platform
	q=$("$tools/arch.sh" "$1" qemu)
	q=${q%% *}
	case $q in
	qemu-system-x86_64 | qemu-system-i386) need qemu-system-x86 command -v "$q" ;;
	qemu-system-aarch64 | qemu-system-arm) need qemu-system-arm command -v "$q" ;;
	qemu-system-ppc64) need qemu-system-ppc command -v "$q" ;;
	*) need qemu-system-misc command -v "$q" ;;
	esac
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
		# The QEMU guest is SCTP_ARCH's (default this host's).
		need_qemu_system "${SCTP_ARCH:-host}"
		need dpkg command -v dpkg-deb
		need kmod command -v depmod
		need cpio command -v cpio
		need xz-utils command -v xz
		need iproute2 command -v ip ;;
	arch-*)
		# Building and testing for another architecture: its cross
		# compiler, libc and kernel headers, qemu-user for the pure tests,
		# and its libc at the multiarch paths (dpkg --add-architecture),
		# for cross-built programs run in its QEMU guest.
		a=${1#arch-}
		deb=$("$tools/arch.sh" "$a" deb) || exit 2
		t=$("$tools/arch.sh" "$a" triple)
		rustup target list --installed 2> /dev/null | grep -qx "$t" || targets="$targets $t"
		cc=$("$tools/arch.sh" "$a" cc)
		ma=$("$tools/arch.sh" "$a" multiarch)
		case $a in
		musl-amd64) need musl-tools command -v musl-gcc ;;
		musl-*)
			# The glibc row's group sets $a and $ma to its own: read ours from $1.
			group "arch-$deb"
			need "musl-dev:$deb" test -e "/usr/lib/$("$tools/arch.sh" "${1#arch-}" multiarch)/musl-gcc.specs" ;;
		*)
			need "gcc-${cc%-gcc}" command -v "$cc"
			need "libc6-dev-$deb-cross" test -d "/usr/${cc%-gcc}/include"
			need "linux-libc-dev-$deb-cross" test -e "/usr/${cc%-gcc}/include/linux/sctp.h"
			need qemu-user command -v "$("$tools/arch.sh" "$a" qemu_user)"
			# Debian 12 has no riscv64 (tools/check-arch.sh uses the cross libc).
			[ "$deb" = riscv64 ] || need "libc6:$deb" test -e "/usr/lib/$ma/libc.so.6" ;;
		esac ;;
	demo)
		group build
		group kernel-uml ;;
	pysctp)
		need python3-dev sh -c 'ls /usr/include/python3*/Python.h'
		need python3-venv python3 -c 'import ensurepip, venv' ;;
	bench)
		group build
		group kernel-uml
		# Row f runs a second time in Debian's kernel (bench/echo.sh).
		group kernel-qemu
		need valgrind test -e /usr/include/valgrind/callgrind.h
		need libsctp-dev test -e /usr/include/netinet/sctp.h -a -e /usr/lib/$multiarch/libsctp.so
		need python3 command -v python3 ;;
	check)
		group build
		group kernel-uml
		group kernel-qemu
		# check-arch-* and check-musl (Makefile's CHECK_STEPS)
		for plat in arm64 armhf i386 s390x ppc64el; do
			group "arch-$plat"
			need_qemu_system "$plat"
		done
		group arch-riscv64
		group arch-musl-amd64
		group arch-musl-arm64
		group pysctp
		need python3 command -v python3
		need g++ command -v g++
		need libsctp-dev test -e /usr/include/netinet/sctp.h -a -e /usr/lib/$multiarch/libsctp.so
		need lksctp-tools command -v sctp_darn
		need iperf3 command -v iperf3
		# check-withsctp's TCP programs (iperf3 and python3 above too)
		need netcat-openbsd test -x /bin/nc.openbsd
		need socat command -v socat
		need curl command -v curl
		need strace command -v strace
		need valgrind command -v valgrind
		need pkg-config command -v pkg-config
		need man-db command -v man
		need dpkg-dev command -v dpkg-architecture
		need lintian command -v lintian
		need util-linux command -v unshare ;;
	*)
		echo "deps: no group '$1'" >&2
		exit 2 ;;
	esac
}
missing=
targets=
for g in "$@"; do
	group "$g"
done
# The Rust targets the arch-* groups need (rustup's standard library for
# each), as the user who runs cargo.
if [ -n "$targets" ]; then
	echo "deps: rustup target add$targets" >&2
	rustup target add $targets > /dev/null 2>&1 ||
		{ echo "deps: rustup target add$targets failed" >&2; exit 1; }
fi
[ -z "$missing" ] && exit 0
missing=$(echo $missing | tr ' ' '\n' | sort -u | tr '\n' ' ')
if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
	echo "deps: installing $missing" >&2
	for p in $missing; do
		case $p in
		*:*) dpkg --print-foreign-architectures | grep -qx "${p#*:}" || dpkg --add-architecture "${p#*:}" ;;
		esac
	done
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; } > /dev/null 2>&1 ||
		{ echo "deps: apt-get install $missing failed" >&2; exit 1; }
	exit 0
fi
echo "deps: missing packages; install them with: apt-get install $missing" >&2
exit 1
