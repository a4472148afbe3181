#!/bin/sh
# make check-arch ARCH=A: the library on another architecture (a glibc
# row of tools/arch.sh), built by `make TARGET=<A's triple>`:
#
#  1. the Rust unit tests, the layout test against A's kernel headers
#     among them, as A's binaries under qemu-user (qemu-user has no
#     SOL_SCTP, so only the pure logic runs there);
#  2. the ABI check against Debian's libsctp1:A (tools/check-abi.sh) and
#     the boundary check of A's build (tools/check-boundary.sh);
#  3. the whole C suite, the seed echo exchange with it, cross-built on
#     this host and run on A's own kernel: Debian's, under QEMU
#     (tools/kernel-run.sh, SCTP_KERNEL=qemu SCTP_ARCH=A), where the row
#     names one (arm64, armhf, i386, s390x, ppc64el; not riscv64);
#  4. on s390x (big-endian) and i386 (32-bit), the two ways an
#     architecture's integers and structs differ most from x86_64's,
#     sctp-socket's own tests, its kernel tests among them, on that
#     kernel too (its test binaries, all in one boot). The others would
#     add a minute each to make check for what these two already cover.
#
#   tools/check-arch.sh A
set -u
arch=${1:?usage: $0 ARCH}
name=check-arch-$arch
. "$(dirname "$0")/lib.sh"
triple=$("$tools/arch.sh" "$arch" triple) || exit 2
cc=$("$tools/arch.sh" "$arch" cc)
kernel=$("$tools/arch.sh" "$arch" kernel)
"$tools/deps.sh" "arch-$arch" || exit 1
lib=$top/target/$triple/lib
[ -e "$lib/libsctp.so.1" ] || { not_ok "$lib/libsctp.so.1 is not built (make TARGET=$triple)"; finish; }
cd "$top"

# qemu-user finds A's libc at the multiarch paths (libc6:A); only where
# Debian has none (riscv64) the cross toolchain's, through QEMU_LD_PREFIX.
# (-L with libc6:A installed makes qemu-aarch64 hang, and even a trivial
# program abort on qemu-ppc64le.)
[ -e "/usr/lib/$("$tools/arch.sh" "$arch" multiarch)/libc.so.6" ] || export QEMU_LD_PREFIX="/usr/${cc%-gcc}"
cargo_test "$arch" "$cc" "$lib/../cargo-test.log"

"$tools/check-abi.sh" "$lib/libsctp.so.1" "$arch" | say -
"$tools/check-boundary.sh" "$lib" "$arch" | say -

if [ -z "$kernel" ]; then
	finish "$arch ($triple): no Debian kernel for it in tools/arch.sh, so no C suite (README, Platforms)"
fi
SCTP_KERNEL=qemu SCTP_ARCH=$arch CC=$cc SCTP_LIBDIR=$lib BUILD=$top/target/$triple/c-tests \
	"$tools/check-c.sh" | say -
case $arch in
s390x | i386)
	# Built here; then every test binary in one boot (cargo's runner would
	# boot once per binary, a minute more).
	log=$lib/../cargo-test-sctp-socket.log
	cargo_test "$arch" "$cc" "$log" "" -p sctp-socket --all-features --no-run
	printf '#!/bin/sh\nfor b; do "$b" || exit 1; done\n' > "$log.sh"
	chmod +x "$log.sh"
	bins=$(sed -n "s|^ *Executable .*(\(.*\))\$|$top/\1|p" "$log")
	SCTP_KERNEL=qemu SCTP_ARCH=$arch in_kernel "$log.run" "$log.sh" $bins && grep '^test result:' "$log.run" | say - ;;
esac
finish "$arch ($triple) on $("$tools/arch.sh" "$arch" qemu | cut -d' ' -f1)"
