#!/bin/sh
# Run a command where the kernel speaks SCTP.
#
#   c-tests/kernel-run.sh CMD [ARG...]
#
# If this host's kernel has SCTP, CMD runs here. Otherwise the host's own
# filesystem is booted as the root of a User-Mode Linux kernel (Debian's
# user-mode-linux package), the SCTP modules are loaded there and CMD runs
# inside it; its output and exit status come back to the caller. Boot and
# power-off take a few seconds.
set -u

here=$(cd "$(dirname "$0")" && pwd)

host_has_sctp() {
	python3 - <<'PY' 2>/dev/null
import socket, sys
try:
    socket.socket(socket.AF_INET, socket.SOCK_SEQPACKET, socket.IPPROTO_SCTP).close()
except OSError:
    sys.exit(1)
PY
}

if [ "${SCTP_FORCE_UML:-0}" != 1 ] && host_has_sctp; then
	exec "$@"
fi

uml=$(command -v linux.uml || true)
if [ -z "$uml" ] || ! command -v insmod >/dev/null || ! command -v ip >/dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "kernel-run: this kernel has no SCTP: installing user-mode-linux, kmod, iproute2" >&2
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq user-mode-linux kmod iproute2; } >&2 ||
			exit 1
		uml=$(command -v linux.uml)
	else
		echo "kernel-run: this kernel has no SCTP; install them with: apt-get install user-mode-linux kmod iproute2" >&2
		exit 1
	fi
fi

kver=$(ls /usr/lib/uml/modules | head -n 1)
mods=/usr/lib/uml/modules/$kver/kernel
work=$(mktemp -d "${TMPDIR:-/tmp}/kernel-run.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# The command line travels to the guest as a file of quoted words.
for arg in "$@"; do
	printf "'%s' " "$(printf '%s' "$arg" | sed "s/'/'\\\\''/g")"
done > "$work/cmd"

cat > "$work/init" <<EOF_INIT
#!/bin/sh
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
exec > $work/out 2>&1 < /dev/null
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs tmpfs /dev/shm 2>/dev/null
# hmac first: SCTP cookies use hmac(md5), without it listen() fails with ENOSYS.
for m in crypto/hmac lib/crc-ccitt net/ipv6/ipv6 net/ipv4/udp_tunnel net/ipv6/ip6_udp_tunnel net/sctp/sctp; do
	insmod $mods/\$m.ko
done
ip link set lo up
cd "$(pwd)"
EOF_INIT
# Environment the caller set for the command (CC, LD_PRELOAD, ...) is kept.
export -p | grep -v -e ' PWD=' -e ' OLDPWD=' -e ' SHLVL=' -e ' TMPDIR=' >> "$work/init"
cat >> "$work/init" <<EOF_INIT
sh -c "\$(cat $work/cmd)"
echo \$? > $work/status
sync
poweroff -f >/dev/console 2>&1
EOF_INIT
chmod +x "$work/init"

"$uml" mem=${UML_MEM:-1024M} rootfstype=hostfs rootflags=/ rw init="$work/init" \
	con=null con0=null,fd:2 quiet < /dev/null > "$work/console" 2>&1

cat "$work/out" 2>/dev/null
if [ ! -s "$work/status" ]; then
	echo "kernel-run: the UML kernel ended without reporting a status; its console:" >&2
	tail -n 20 "$work/console" >&2
	exit 1
fi
exit "$(cat "$work/status")"
