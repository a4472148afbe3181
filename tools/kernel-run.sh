#!/bin/sh
# The one way to a kernel with SCTP: run a command there, hand back its
# output and exit status. Every script that needs the kernel's SCTP (the C
# suite and all the checks built on it, the demo, the bench, and cargo's
# test runner in `make test-rust`) goes through this file, and no other
# file starts a kernel.
#
#   tools/kernel-run.sh CMD [ARG...]
#   tools/kernel-run.sh --which           print the backend CMD would run on
#   tools/kernel-run.sh --session-start DIR
#   tools/kernel-run.sh --session-stop DIR
#
# A session is one uml guest that stays up and runs the commands sent to
# it, one after another, each in a process group of its own that is killed
# when it ends: while SCTP_KERNEL_SESSION=DIR names a running session, uml
# commands run there instead of booting a guest each (tools/check-all.sh
# shares one boot across the steps of make check this way). The guest
# sees a file the host changes only if it had not opened it before: a
# command writes its outputs to paths of its own, as every check does.
#
# SCTP_KERNEL chooses the backend:
#   native   this host's kernel, which must have SCTP
#   uml      User-Mode Linux (Debian's user-mode-linux, Linux 6.1), with
#            this host's / as its root file system (hostfs)
#   qemu     Debian's own kernel under QEMU, with this host's / over 9p:
#            this host's architecture (a full x86-64 address space, which
#            ASan's shadow memory needs: a UML process has 39 bits), or
#            SCTP_ARCH's, a row of tools/arch.sh with a kernel (arm64, armhf,
#            i386, s390x, ppc64el), which runs the host's cross-built
#            programs with busybox as its shell
#   auto     (or unset) native when this host's kernel has SCTP, else uml
#
# In uml and qemu, CMD runs as root in the caller's directory with the
# caller's exported environment, after the SCTP modules are loaded and lo
# is up (all of 127.0.0.0/8 and ::1 are local). Its stdout and stderr come
# back together on stdout; a guest that dies before CMD ends is reported on
# stderr, with its console's last lines, and status 1.
#
# SCTP_BOOT_LOG: a file to which each boot adds one line, a multi-line CMD
# joined (check-all.sh counts them). UML_MEM (1024M); QEMU_MEM (2048),
# QEMU_ACCEL (tcg,thread=multi;
# nested KVM does not boot here), QEMU_TIMEOUT (1800 s), QEMU_DIR
# (target/qemu: per architecture, Debian's kernel, its modules and busybox,
# fetched once).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)

host_has_sctp() {
	python3 -c 'import socket
socket.socket(socket.AF_INET, socket.SOCK_SEQPACKET, socket.IPPROTO_SCTP).close()' 2> /dev/null
}

backend=${SCTP_KERNEL:-auto}
if [ "$backend" = auto ]; then
	if host_has_sctp; then backend=native; else backend=uml; fi
fi
case $backend in
native | uml | qemu) ;;
*) echo "kernel-run: SCTP_KERNEL=$backend: not native, uml, qemu or auto" >&2; exit 2 ;;
esac
case ${1:-} in
--which)
	echo "$backend"
	exit 0 ;;
--session-start | --session-stop)
	[ "$backend" = uml ] || { echo "kernel-run: a session is for the uml backend (it is $backend)" >&2; exit 2; }
	[ $# = 2 ] || { echo "usage: $0 $1 DIR" >&2; exit 2; } ;;
"")
	echo "usage: $0 CMD [ARG...] | --which | --session-start DIR | --session-stop DIR" >&2
	exit 2 ;;
esac
# A command goes to the running session, if one is named, else boots.
session=
case $1 in
--session-start | --session-stop) ;;
*)
	if [ "$backend" = uml ] && [ -n "${SCTP_KERNEL_SESSION:-}" ]; then
		session=$(cd "$SCTP_KERNEL_SESSION" && pwd) || exit 1
		kill -0 "$(cat "$session/pid" 2> /dev/null)" 2> /dev/null ||
			{ echo "kernel-run: the session in $session is not running; its console:" >&2
			  tail -n 20 "$session/console" >&2; exit 1; }
	fi ;;
esac
[ -n "$session" ] || [ -z "${SCTP_BOOT_LOG:-}" ] || [ "$backend" = native ] || [ "$1" = --session-stop ] ||
	printf '%s\n' "$(echo "$backend $*" | tr '\n' ' ')" >> "$SCTP_BOOT_LOG"
if [ "$backend" = native ]; then
	exec "$@"
fi
"$here/deps.sh" "kernel-$backend" || exit 1
trap 'exit 1' INT TERM

# The command's folder, $work: CMD as a file of quoted words, then the
# guest's script, output and status.
new_work() { # mktemp-template CMD...
	work=$(mktemp -d "$1")
	trap 'rm -rf "$work"' EXIT
	shift
	for arg in "$@"; do
		printf '%s ' "$(quote "$arg")"
	done > "$work/cmd"
}

# The guest's script: PROLOGUE (as the backend needs), the network, the
# caller's directory and environment, AFTER-ENV (lines), CMD (a file of
# quoted words), its status, EPILOGUE (power off).
guest_script() { # prologue epilogue [after-env]
	{
		echo '#!/bin/sh'
		echo 'export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
		echo "exec > $work/out 2>&1 < /dev/null"
		echo "$1"
		echo 'ip link set lo up'
		echo 'mount -t tmpfs tmpfs /dev/shm 2> /dev/null'
		printf 'cd %s\n' "$(quote "$(pwd)")"
		export -p | grep -v -e ' PWD=' -e ' OLDPWD=' -e ' SHLVL=' -e ' TMPDIR='
		echo "${3:-}"
		echo "sh -c \"\$(cat $work/cmd)\""
		# Renamed into place once synced: the host reads the output after.
		echo "echo \$? > $work/status.new"
		echo 'sync'
		echo "mv $work/status.new $work/status"
		echo "$2"
	} > "$work/run"
	chmod +x "$work/run"
}
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# The guest's output and status, or what its console said.
report() { # console-lines
	cat "$work/out" 2> /dev/null
	if [ ! -s "$work/status" ]; then
		echo "kernel-run: the $backend guest ended without reporting a status; its console:" >&2
		tail -n "$1" "$work/console" >&2
		exit 1
	fi
	exit "$(cat "$work/status")"
}

# hmac first: SCTP cookies use hmac(md5), without it listen() fails with ENOSYS.
uml_prologue() {
	mods=/usr/lib/uml/modules/$(ls /usr/lib/uml/modules | head -n 1)/kernel
	echo "mount -t proc proc /proc
mount -t sysfs sysfs /sys
for m in crypto/hmac lib/crc-ccitt net/ipv6/ipv6 net/ipv4/udp_tunnel net/ipv6/ip6_udp_tunnel net/sctp/sctp; do
	insmod $mods/\$m.ko
done"
}
uml_boot() { # init console
	linux.uml mem="${UML_MEM:-1024M}" rootfstype=hostfs rootflags=/ rw init="$1" \
		con=null con0=null,fd:2 quiet < /dev/null > "$2" 2>&1
}

uml() {
	if [ -n "$session" ]; then
		new_work "$session/jobs/XXXXXX" "$@"
		uml_session_run
	fi
	new_work "${TMPDIR:-/tmp}/kernel-run.XXXXXX" "$@"
	guest_script "$(uml_prologue)" 'poweroff -f > /dev/console 2>&1'
	uml_boot "$work/run" "$work/console"
	report 20
}

# A command in the session: its script in a job folder, the job's name in
# queue/ (renamed there whole), then its status, while the guest lives.
uml_session_run() {
	guest_script '' ''
	job=$(basename "$work")
	: > "$session/queue/.$job"
	mv "$session/queue/.$job" "$session/queue/$job"
	while [ ! -e "$work/status" ]; do
		if ! kill -0 "$(cat "$session/pid")" 2> /dev/null; then
			cat "$work/out" 2> /dev/null
			echo "kernel-run: the session's guest ended before the command did; its console:" >&2
			tail -n 20 "$session/console" >&2
			exit 1
		fi
		sleep 0.1
	done
	cat "$work/out"
	exit "$(cat "$work/status")"
}

# The session's guest: load SCTP, say it is ready, then run each job named
# in queue/ until one is named stop. The guest polls queue/ with ls, which
# asks the host each time (a lookup of a missing name would be cached).
uml_session_start() { # dir
	dir=$(mkdir -p "$1" && cd "$1" && pwd)
	mkdir -p "$dir/queue" "$dir/jobs"
	rm -f "$dir/ready" "$dir/queue"/*
	{
		echo '#!/bin/sh'
		echo 'export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
		echo "exec > $dir/guest.log 2>&1 < /dev/null"
		uml_prologue
		echo 'ip link set lo up'
		echo 'mount -t tmpfs tmpfs /dev/shm 2> /dev/null'
		echo "touch $dir/ready.new && sync && mv $dir/ready.new $dir/ready"
		cat << EOF_LOOP
while :; do
	for job in \$(ls $dir/queue); do
		rm -f "$dir/queue/\$job"
		[ "\$job" = stop ] && { sync; poweroff -f > /dev/console 2>&1; }
		setsid -w sh -c 'echo \$\$ > $dir/job.pgid; exec sh "\$1"' sh "$dir/jobs/\$job/run"
		kill -9 -\$(cat $dir/job.pgid) 2> /dev/null
	done
	sleep 0.1
done
EOF_LOOP
	} > "$dir/init"
	chmod +x "$dir/init"
	uml_boot "$dir/init" "$dir/console" &
	echo $! > "$dir/pid"
	i=0
	while [ ! -e "$dir/ready" ]; do
		if ! kill -0 "$(cat "$dir/pid")" 2> /dev/null || [ $i -ge 600 ]; then
			echo "kernel-run: the session's guest did not come up; its console:" >&2
			tail -n 20 "$dir/console" >&2
			exit 1
		fi
		sleep 0.1
		i=$((i + 1))
	done
	exit 0
}

uml_session_stop() {
	: > "$session/queue/.stop"
	mv "$session/queue/.stop" "$session/queue/stop"
	i=0
	while kill -0 "$(cat "$session/pid")" 2> /dev/null && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill "$(cat "$session/pid")" 2> /dev/null
	exit 0
}

# The modules the QEMU guest loads (each with what modules.dep says it
# needs, where it is a module at all): crc32c first, since libcrc32c asks
# the crypto API for it rather than naming a symbol; virtio's PCI transport
# and 9p for the root file system; hmac and md5 for SCTP's cookies; SCTP.
QEMU_MODULES="crc32c_generic hmac md5 virtio_pci 9pnet_virtio 9p ipv6 sctp"

# Debian's kernel for $arch and an initramfs, in $qdir, fetched once: the
# kernel package linux-image-<flavour> points at, that architecture's
# busybox-static, and the modules, ordered by depmod's modules.dep.
qemu_prepare() {
	[ -s "$qdir/vmlinuz" ] && [ -s "$qdir/initrd.gz" ] && return 0
	mkdir -p "$qdir"
	dl=$(mktemp -d "$qdir/fetch.XXXXXX")
	trap 'rm -rf "$dl"' EXIT
	kpkg() {
		apt-cache depends "linux-image-$flavour:$deb" 2> /dev/null |
			sed -n 's/^ *Depends: \(linux-image-[0-9][^ :]*\).*/\1/p' | head -n 1
	}
	k=$(kpkg)
	[ -n "$k" ] || { apt-get update -qq >&2; k=$(kpkg); }
	[ -n "$k" ] || { echo "kernel-run: cannot tell which linux-image package to fetch for $deb" \
		"(dpkg --add-architecture $deb && apt-get update)" >&2; return 1; }
	echo "kernel-run: fetching $k and busybox-static for $deb (once, into $qdir)" >&2
	(cd "$dl" && apt-get download -q "$k:$deb" "busybox-static:$deb" > /dev/null 2>&1) ||
		{ echo "kernel-run: apt-get download $k:$deb busybox-static:$deb failed" >&2; return 1; }
	mkdir -p "$dl/root/bin" "$dl/root/lib/modules" "$dl/root/newroot" "$dl/root/proc" \
		"$dl/root/sys" "$dl/root/dev" "$dl/k" "$dl/bb"
	dpkg-deb -x "$dl"/linux-image-*.deb "$dl/k"
	dpkg-deb -x "$dl"/busybox-static_*.deb "$dl/bb"
	cp "$dl/bb/bin/busybox" "$dl/root/bin/busybox"
	kver=$(ls "$dl/k/lib/modules")
	mods=$dl/k/lib/modules/$kver
	depmod -b "$dl/k" "$kver"
	# A module's line in modules.dep lists what it needs, the deepest
	# last: loaded last to first, then the module itself.
	for m in $QEMU_MODULES; do
		line=$(grep -E "(^|/)$m\.ko(\.xz)?:" "$mods/modules.dep") ||
			{ grep -qE "/$m\.ko" "$mods/modules.builtin" && continue
			  echo "kernel-run: $k has no module $m" >&2; return 1; }
		for p in ${line#*:}; do echo "$p"; done | tac
		echo "${line%%:*}"
	done | awk '!seen[$0]++' > "$dl/order"
	: > "$dl/root/lib/modules/order"
	while read -r p; do
		b=$(basename "$p" .xz)
		case $p in
		*.xz) xz -dc "$mods/$p" > "$dl/root/lib/modules/$b" ;;
		*) cp "$mods/$p" "$dl/root/lib/modules/$b" ;;
		esac
		echo "${b%.ko}" >> "$dl/root/lib/modules/order"
	done < "$dl/order"
	# The host's busybox for this architecture, for the guest's shell and
	# commands when the host's are another architecture's.
	cp "$dl/bb/bin/busybox" "$qdir/busybox"
	# The initramfs: load the modules, mount the host's / over 9p (the
	# device may come up a moment after its driver loads), give a foreign
	# guest busybox as its shell and first in PATH, and hand over to the
	# script named by kvmrun= on the kernel command line.
	cat > "$dl/root/init" << 'EOF_INIT'
#!/bin/busybox sh
bb=/bin/busybox
$bb mount -t proc proc /proc
$bb mount -t sysfs sysfs /sys
$bb mount -t devtmpfs devtmpfs /dev
for m in $($bb cat /lib/modules/order); do
	$bb insmod /lib/modules/$m.ko || echo "init: insmod $m failed"
done
i=0
until $bb mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144,cache=loose hostroot /newroot; do
	i=$((i + 1))
	[ $i -lt 50 ] || { echo "init: cannot mount the host's root"; $bb poweroff -f; }
	$bb sleep 0.1
done
arg() { $bb sed -n "s/.*$1=\([^ ]*\).*/\1/p" /proc/cmdline; }
script=$(arg kvmrun)
qdir=$(arg kvmbusybox)
if [ -n "$qdir" ]; then
	$bb mount --bind /newroot$qdir/busybox /newroot/bin/sh
	$bb mount -t tmpfs tmpfs /newroot$qdir/bin
	for a in $($bb --list); do $bb ln -s $qdir/busybox /newroot$qdir/bin/$a; done
fi
$bb mount --move /proc /newroot/proc
$bb mount --move /sys /newroot/sys
$bb mount --move /dev /newroot/dev
exec $bb chroot /newroot /bin/sh "$script"
EOF_INIT
	chmod +x "$dl/root/init"
	mkdir -p "$qdir/bin"
	(cd "$dl/root" && find . | cpio -o -H newc --quiet | gzip -1) > "$dl/initrd.gz"
	# vmlinux on ppc64el
	mv "$dl"/k/boot/vmlinu[xz]-* "$qdir/vmlinuz" && mv "$dl/initrd.gz" "$qdir/initrd.gz"
}

# The guest for SCTP_ARCH (a Debian architecture of tools/arch.sh; default
# this host's): its own kernel under QEMU, whatever the host is.
qemu() {
	arch=${SCTP_ARCH:-$(dpkg --print-architecture)}
	deb=$("$here/arch.sh" "$arch" deb) || exit 2
	flavour=$("$here/arch.sh" "$arch" kernel)
	machine=$("$here/arch.sh" "$arch" qemu)
	console=$("$here/arch.sh" "$arch" console)
	[ -n "$flavour" ] || { echo "kernel-run: no QEMU guest for $arch (tools/arch.sh)" >&2; exit 2; }
	# Its physical path: the guest resolves it under the host's / (9p).
	qdir=$(mkdir -p "${QEMU_DIR:-$top/target/qemu}/$deb" && cd "${QEMU_DIR:-$top/target/qemu}/$deb" && pwd -P)
	(qemu_prepare) || exit 1
	new_work "${TMPDIR:-/tmp}/kernel-run.XXXXXX" "$@"
	path=
	if [ "$deb" != "$(dpkg --print-architecture)" ]; then
		bbarg="kvmbusybox=$qdir"
		path="export PATH=$qdir/bin:\$PATH"
	fi
	guest_script '' 'echo o > /proc/sysrq-trigger' "$path"
	accel=${QEMU_ACCEL:-tcg,thread=multi}
	if [ "${accel%%,*}" = kvm ]; then
		cpu=host
		[ "$deb" != amd64 ] || cpu=host,-arch-capabilities
		machine=$(echo "$machine" | sed "s/-cpu [^ ]*/-cpu $cpu/")
	fi
	# shellcheck disable=SC2086 # $machine is words
	timeout "${QEMU_TIMEOUT:-1800}" $machine -accel "$accel" \
		-m "${QEMU_MEM:-2048}" -smp 2 -no-reboot -nodefaults -no-user-config -display none -serial stdio \
		-kernel "$qdir/vmlinuz" -initrd "$qdir/initrd.gz" \
		-append "console=$console quiet panic=-1 kvmrun=$work/run ${bbarg:-}" \
		-virtfs local,path=/,mount_tag=hostroot,security_model=passthrough,id=hostroot,multidevs=remap \
		< /dev/null > "$work/console" 2>&1
	report 30
}

case $1 in
--session-start) uml_session_start "$2" ;;
--session-stop) session=$(cd "$2" && pwd) && uml_session_stop ;;
*) $backend "$@" ;;
esac
