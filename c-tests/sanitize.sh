#!/bin/sh
# The whole C suite with every test program built with AddressSanitizer and
# UndefinedBehaviorSanitizer, inside one kernel boot.
#
#   c-tests/sanitize.sh [TEST...]          (default: every c-tests/t_*.c and t_*.sh)
#   c-tests/sanitize.sh --boot CMD [ARG...]
#                                          run CMD on the sanitizer kernel (as
#                                          c-tests/kernel-run.sh does on UML)
#
# Why not User-Mode Linux, as the rest of the suite: a UML guest's processes
# have a 39-bit address space (512 GiB; UML uses three-level page tables),
# and ASan's shadow memory on x86-64 sits at fixed addresses far above that
# ("Shadow memory range interleaves with an existing memory mapping"). So
# this boots Debian's own kernel (linux-image-*-amd64, which has SCTP) under
# QEMU instead, with this host's / as the root file system over 9p, the
# same arrangement as kernel-run.sh's hostfs. QEMU emulates (TCG): nested
# KVM, where /dev/kvm exists, does not boot here; SANITIZE_QEMU_ACCEL=kvm
# tries it anyway. Boot takes about 10 s.
#
# The test programs are compiled on the host (c-tests/run-suite.sh, with
# -fsanitize=address,undefined) and run in the guest. The library itself is
# not instrumented (it is Rust, built as shipped), but ASan replaces malloc
# and free and checks the ranges of memcpy/memmove/memset, so a library
# that overruns a caller's buffer through those, hands out a pointer free()
# rejects, or leaks what sctp_getpaddrs/getladdrs allocate is caught; the
# test code itself is fully checked. Any report ends the program with
# status 86 (ASan, LeakSanitizer) or 87 (UBSan), a failure of the suite.
#
# What it needs, installed or fetched on first use as root (Debian's
# packages, through apt): qemu-system-x86, and from linux-image-amd64's
# current kernel package and busybox-static only the kernel, 15 modules and
# busybox, kept in target/qemu (SANITIZE_VM_DIR).
#
# Environment as for run-suite.sh (SCTP_INCLUDE, SCTP_LIBDIR, CC, CFLAGS);
# the binaries go to target/c-tests-asan unless BUILD says otherwise.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
vmdir=${SANITIZE_VM_DIR:-$top/target/qemu}

# Modules the guest loads, in dependency order: virtio and 9p for the root
# file system, then SCTP (crc32c first: libcrc32c asks the crypto API for it).
MODULES="drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_modern_dev
drivers/virtio/virtio_pci_legacy_dev drivers/virtio/virtio_pci fs/netfs/netfs fs/fscache/fscache
net/9p/9pnet net/9p/9pnet_virtio fs/9p/9p crypto/crc32c_generic lib/libcrc32c net/ipv4/udp_tunnel
net/ipv6/ip6_udp_tunnel net/sctp/sctp"

die() {
	echo "sanitize.sh: $*" >&2
	exit 1
}

# qemu-system-x86_64, a kernel and an initramfs in $vmdir.
vm_prepare() {
	if ! command -v qemu-system-x86_64 > /dev/null; then
		[ "$(id -u)" = 0 ] && command -v apt-get > /dev/null ||
			die "needs qemu-system-x86_64: apt-get install qemu-system-x86"
		echo "sanitize.sh: installing qemu-system-x86" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-system-x86 >&2 ||
			{ apt-get update -qq >&2 &&
			  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-system-x86 >&2; } ||
			die "could not install qemu-system-x86"
	fi
	[ -s "$vmdir/vmlinuz" ] && [ -s "$vmdir/initrd.gz" ] && return 0

	command -v apt-get > /dev/null && command -v dpkg-deb > /dev/null ||
		die "needs apt-get and dpkg-deb to fetch Debian's kernel"
	mkdir -p "$vmdir"
	dl=$(mktemp -d "$vmdir/fetch.XXXXXX")
	# The kernel package linux-image-amd64 currently points at.
	kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-amd64\)$/\1/p' | head -n 1)
	if [ -z "$kpkg" ]; then
		apt-get update -qq >&2 || true
		kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
			sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-amd64\)$/\1/p' | head -n 1)
	fi
	[ -n "$kpkg" ] || die "cannot tell which linux-image package to fetch (apt-get update?)"
	echo "sanitize.sh: fetching $kpkg and busybox-static (once, into $vmdir)" >&2
	(cd "$dl" && apt-get download -q "$kpkg" busybox-static > /dev/null) ||
		die "apt-get download $kpkg busybox-static failed"

	mkdir -p "$dl/root/bin" "$dl/root/lib/modules" "$dl/root/newroot" "$dl/root/proc" \
		"$dl/root/sys" "$dl/root/dev" "$dl/k" "$dl/bb"
	pats="./boot/vmlinuz-*"
	for m in $MODULES; do
		pats="$pats ./lib/modules/*/kernel/$m.ko"
	done
	# shellcheck disable=SC2086 # the patterns are for tar
	dpkg-deb --fsys-tarfile "$dl"/linux-image-*.deb | tar -x -C "$dl/k" --wildcards $pats ||
		die "the kernel package lacks a module this needs"
	dpkg-deb --fsys-tarfile "$dl"/busybox-static_*.deb | tar -x -C "$dl/bb" ./bin/busybox
	cp "$dl/bb/bin/busybox" "$dl/root/bin/busybox"
	: > "$dl/root/lib/modules/order"
	for m in $MODULES; do
		cp "$dl"/k/lib/modules/*/kernel/"$m".ko "$dl/root/lib/modules/"
		basename "$m" >> "$dl/root/lib/modules/order"
	done
	# The initramfs: load the modules, mount the host's / over 9p, and
	# hand over to the script named by kvmrun= on the kernel command line.
	cat > "$dl/root/init" <<'EOF_INIT'
#!/bin/busybox sh
bb=/bin/busybox
$bb mount -t proc proc /proc
$bb mount -t sysfs sysfs /sys
$bb mount -t devtmpfs devtmpfs /dev
for m in $($bb cat /lib/modules/order); do
	$bb insmod /lib/modules/$m.ko || echo "init: insmod $m failed"
done
$bb mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144,cache=loose hostroot /newroot ||
	echo "init: cannot mount the host's root"
script=$($bb sed -n 's/.*kvmrun=\([^ ]*\).*/\1/p' /proc/cmdline)
$bb mount --move /proc /newroot/proc
$bb mount --move /sys /newroot/sys
$bb mount --move /dev /newroot/dev
exec $bb chroot /newroot /bin/sh "$script"
EOF_INIT
	chmod +x "$dl/root/init"
	(cd "$dl/root" && find . | "$dl/bb/bin/busybox" cpio -o -H newc 2> /dev/null | gzip -1) > "$dl/initrd.gz"
	mv "$dl"/k/boot/vmlinuz-* "$vmdir/vmlinuz"
	mv "$dl/initrd.gz" "$vmdir/initrd.gz"
	rm -rf "$dl"
}

# Run a command in the guest; its output and exit status come back.
vm_run() {
	work=$(mktemp -d "${TMPDIR:-/tmp}/sanitize-vm.XXXXXX")
	trap 'rm -rf "$work"' EXIT INT TERM
	for arg in "$@"; do
		printf "'%s' " "$(printf '%s' "$arg" | sed "s/'/'\\\\''/g")"
	done > "$work/cmd"
	cat > "$work/run" <<EOF_RUN
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
exec > $work/out 2>&1 < /dev/null
ip link set lo up
mount -t tmpfs tmpfs /dev/shm 2>/dev/null
cd "$(pwd)"
EOF_RUN
	export -p | grep -v -e ' PWD=' -e ' OLDPWD=' -e ' SHLVL=' -e ' TMPDIR=' >> "$work/run"
	cat >> "$work/run" <<EOF_RUN
sh -c "\$(cat $work/cmd)"
echo \$? > $work/status
sync
echo o > /proc/sysrq-trigger
EOF_RUN
	accel=${SANITIZE_QEMU_ACCEL:-tcg,thread=multi}
	cpu=max
	[ "${accel%%,*}" = kvm ] && cpu=host,-arch-capabilities
	timeout "${SANITIZE_VM_TIMEOUT:-1800}" qemu-system-x86_64 -accel "$accel" -cpu "$cpu" \
		-m "${SANITIZE_VM_MEM:-2048}" -smp 2 -no-reboot -nodefaults -no-user-config -display none -serial stdio \
		-kernel "$vmdir/vmlinuz" -initrd "$vmdir/initrd.gz" \
		-append "console=ttyS0 quiet panic=-1 kvmrun=$work/run" \
		-virtfs local,path=/,mount_tag=hostroot,security_model=passthrough,id=hostroot,multidevs=remap \
		< /dev/null > "$work/console" 2>&1 || true
	cat "$work/out" 2> /dev/null || true
	if [ ! -s "$work/status" ]; then
		echo "sanitize.sh: the QEMU guest ended without reporting a status; its console:" >&2
		tail -n 30 "$work/console" >&2
		return 1
	fi
	return "$(cat "$work/status")"
}

if [ "${1:-}" = --boot ]; then
	shift
	vm_prepare
	vm_run "$@"
	exit $?
fi

# The suite's own runner, with this script in kernel-run.sh's place: a copy
# of run-suite.sh beside a kernel-run.sh that boots QEMU.
vm_prepare
shadow="$vmdir/suite"
mkdir -p "$shadow"
cp "$here/run-suite.sh" "$shadow/run-suite.sh"
printf '#!/bin/sh\nexec "%s" --boot "$@"\n' "$here/sanitize.sh" > "$shadow/kernel-run.sh"
chmod +x "$shadow/run-suite.sh" "$shadow/kernel-run.sh"
[ $# -gt 0 ] || set -- "$here"/t_*.c "$here"/t_*.sh

SCTP_INCLUDE=${SCTP_INCLUDE:-$top/include}
SCTP_LIBDIR=${SCTP_LIBDIR:-$top/target/lib}
CFLAGS="${CFLAGS:-} -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
ASAN_OPTIONS="detect_leaks=1:exitcode=86:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:detect_invalid_pointer_pairs=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=87${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
BUILD=${BUILD:-$top/target/c-tests-asan}
export SCTP_INCLUDE SCTP_LIBDIR CFLAGS ASAN_OPTIONS UBSAN_OPTIONS BUILD

start=$(date +%s)
rc=0
"$shadow/run-suite.sh" "$@" || rc=$?
echo "# sanitize: ASan+UBSan suite in $(( $(date +%s) - start )) s"
exit $rc
