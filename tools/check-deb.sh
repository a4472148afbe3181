#!/bin/sh
# Check the three .debs of `make deb` (libsctp1-rs, libsctp-rs-dev,
# withsctp; tools/deb.sh) without touching this system's packages:
#
#  1. their control fields, symbols file and contents, each against its
#     Debian counterpart (libsctp1, libsctp-dev with sctp.7, lksctp-tools'
#     withsctp), and lintian (no error or warning that is not overridden
#     with its reason in tools/deb/);
#  2. extracted with dpkg -x: the library, a program built with the
#     package's header and pkg-config file, and lksctp-tools' programs run
#     on it through LD_LIBRARY_PATH, on a real kernel SCTP;
#  3. installed with a real `dpkg -i` (and `apt-get install ./...`) into a
#     throwaway copy-on-write view of this root (an overlay mount in a
#     private mount namespace: the real system never sees it), where they
#     replace libsctp1 and libsctp-dev and divert lksctp-tools' withsctp,
#     keep lksctp-tools installed; lksctp-tools' programs then run on the
#     installed library with no LD_LIBRARY_PATH, and the installed withsctp
#     runs a TCP program over SCTP; then they are removed and Debian's
#     packages put back (apt-get, from Debian's archive).
#
#   tools/check-deb.sh [ARCH]   (default this host's: target/deb/*_ARCH.deb)
#
# Another architecture's packages (make deb TARGET=...) get step 1 (but
# lintian) and a step 2' of their own (below) for libsctp1-rs and
# libsctp-rs-dev, instead of 2 and 3.
#
# Prints ok/not ok lines; exits 1 if any failed. Step 3 needs root (unshare,
# overlayfs); without it, it is skipped with a note.
set -u
name=deb
. "$(dirname "$0")/lib.sh"
version=${VERSION:-1.0.19}
debver=$version-${DEB_REVISION:-1}
run=libsctp1-rs dev=libsctp-rs-dev wpkg=withsctp
ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)

# ---- step 3, run by the script itself inside `unshare -m` ----
if [ "${1:-}" = --in-namespace ]; then
	# A guest booted before the overlay was mounted would not see it.
	unset SCTP_KERNEL_SESSION
	arch=$2 work=$3 mode=$4
	root=$work/$mode
	mkdir -p "$root"
	mount -t tmpfs tmpfs "$root" || exit 2
	mkdir -p "$root/upper" "$root/work" "$root/m"
	mount -t overlay overlay -o "lowerdir=/,upperdir=$root/upper,workdir=$root/work" "$root/m" || exit 2
	m=$root/m
	mount --rbind /dev "$m/dev" && mount -t proc proc "$m/proc" && mount -t sysfs sysfs "$m/sys" || exit 2
	# man-db's trigger rebuilds its index after every dpkg run, the slowest
	# part of each here; nothing reads the index (man -w searches the paths).
	rm -f "$m/var/lib/man-db/auto-update"
	# Debian's packages, for putting them back, from the host's download.
	cp "$work"/debian/*.deb "$m/var/cache/apt/archives/"
	debs=
	for p in $run $dev $wpkg; do cp "$work/$p.deb" "$m/tmp/$p.deb"; debs="$debs /tmp/$p.deb"; done
	pkgs="$run $dev $wpkg libsctp1 libsctp-dev lksctp-tools"
	status() { chroot "$m" dpkg-query -W -f='${Package}=${db:Status-Abbrev}\n' $pkgs 2>/dev/null | sed 's/ *$//' | tr '\n' ' '; }
	if [ "$mode" = dpkg ]; then
		chroot "$m" dpkg -i $debs > "$work/dpkg.log" 2>&1
		check "in the throwaway root: dpkg -i $run $dev $wpkg" [ $? = 0 ]
		grep -E 'Removing|Setting up|triggers|diversion' "$work/dpkg.log" | sed 's/^/#   dpkg: /'
	else
		chroot "$m" env DEBIAN_FRONTEND=noninteractive apt-get install -y $debs > "$work/apt.log" 2>&1
		check "in another throwaway root: apt-get install ./$run.deb ./$dev.deb ./$wpkg.deb" [ $? = 0 ]
		grep -E '^(The following|  [a-z]|Removing|Setting up)' "$work/apt.log" | sed 's/^/#   apt: /'
	fi
	s=" $(status)"
	echo "#   packages:$s"
	check "$run, $dev, $wpkg installed; libsctp1 and libsctp-dev removed; lksctp-tools still installed" sh -c "
		for p in $run $dev $wpkg lksctp-tools; do echo '$s' | grep -q \" \$p=ii \" || exit 1; done
		for p in libsctp1 libsctp-dev; do echo '$s' | grep -q \" \$p=ii \" && exit 1; done; exit 0"
	check "apt-get check: every dependency satisfied (lksctp-tools' on libsctp1 by Provides)" chroot "$m" apt-get check
	check "dpkg --audit finds nothing" sh -c "[ -z \"\$(chroot '$m' dpkg --audit)\" ]"
	check "the installed libsctp.so.1.0.19 is the package's" cmp "$m/usr/lib/$ma/libsctp.so.$version" "$work/x/usr/lib/$ma/libsctp.so.$version"
	check "ldconfig's cache (the dpkg trigger ran) points libsctp.so.1 at /usr/lib/$ma" sh -c \
		"chroot '$m' ldconfig -p | grep 'libsctp.so.1 ' | grep -q '$ma/libsctp.so.1\$'"
	check "lksctp-tools' withsctp and withsctp.1 diverted to withsctp.lksctp, still lksctp's; /usr/bin/withsctp ours" sh -c "
		chroot '$m' dpkg-divert --list | grep -qx 'diversion of /usr/bin/withsctp to /usr/bin/withsctp.lksctp by $wpkg' &&
		chroot '$m' dpkg-divert --list | grep -qx 'diversion of /usr/share/man/man1/withsctp.1.gz to /usr/share/man/man1/withsctp.lksctp.1.gz by $wpkg' &&
		cmp '$m/usr/bin/withsctp.lksctp' /usr/bin/withsctp && cmp '$m/usr/bin/withsctp' '$work/x/usr/bin/withsctp'"
	# Container images often tell dpkg to leave man pages out.
	if grep -qs '^path-exclude.*/usr/share/man' /etc/dpkg/dpkg.cfg /etc/dpkg/dpkg.cfg.d/*; then
		echo "# deb: man pages not checked after dpkg -i: this system's dpkg excludes /usr/share/man"
	else
		check "man -w finds the installed sctp_peeloff_flags(3), sctp(7) and withsctp(1)" sh -c "
			chroot '$m' man -w sctp_peeloff_flags | grep -qx '/usr/share/man/man3/sctp_peeloff_flags.3.gz' &&
			chroot '$m' man -w 7 sctp | grep -qx '/usr/share/man/man7/sctp.7.gz' &&
			chroot '$m' man -w 1 withsctp | grep -qx '/usr/share/man/man1/withsctp.1.gz'"
	fi
	cat > "$m/tmp/p.c" <<'EOC'
#include <netinet/sctp.h>
#include <stdio.h>
int main(void) { printf("%d\n", sctp_getaddrlen(AF_INET6)); return sctp_peeloff_flags(-1, 0, SOCK_CLOEXEC) == -1 ? 0 : 1; }
EOC
	check "gcc p.c \$(pkg-config --cflags --libs libsctp) with $dev's header and library, and it runs" \
		chroot "$m" sh -c 'gcc -Wall -Werror -o /tmp/p /tmp/p.c $(pkg-config --cflags --libs libsctp) && /tmp/p'
	if [ "$mode" = dpkg ]; then
		check "dpkg -r $run is refused: lksctp-tools depends on it (as libsctp1)" sh -c "! chroot '$m' dpkg -r $run"
		# The programs' script and what it sources, where the chroot sees them.
		mkdir -p "$m/tmp/tools"
		cp "$tools/lksctp-programs.sh" "$tools/lib.sh" "$tools/arch.sh" "$tools/bindings.py" "$tools/compat.py" "$m/tmp/tools/"
		# A TCP program, unmodified, under the installed withsctp: Python
		# (whose sockets are SOCK_STREAM | SOCK_CLOEXEC) serves and connects
		# in one process; the kernel's SCTP counters show the association.
		cat > "$m/tmp/tcp-pair.py" <<'EOP'
import socket, threading
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.bind(("127.0.0.1", 42190)); srv.listen(1)
data = bytes(range(256)) * 400
def client():
    c = socket.create_connection(("127.0.0.1", 42190))
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    c.sendall(data); c.close()
t = threading.Thread(target=client); t.start()
conn, _ = srv.accept()
got = b""
while True:
    b = conn.recv(65536)
    if not b: break
    got += b
t.join()
print("protocol", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PROTOCOL), "bytes", len(got), "same", got == data)
EOP
		# The kernel's root is this view of the filesystem: chroot into the
		# installed root there, with a proc of the kernel's own.
		in_kernel "$work/programs.log" chroot "$m" /bin/sh -c '
			mount -t proc proc /proc 2>/dev/null
			/bin/sh /tmp/tools/lksctp-programs.sh run /tmp/programs 42100 || exit 1
			estabs() { awk "/^Sctp(Active|Passive)Estabs/ { n += \$2 } END { print n }" /proc/net/sctp/snmp; }
			b=$(estabs); withsctp python3 /tmp/tcp-pair.py > /tmp/withsctp.out 2>&1; echo "status $?" >> /tmp/withsctp.out
			echo "estabs $(( $(estabs) - b ))" >> /tmp/withsctp.out' &&
			chroot "$m" /bin/sh /tmp/tools/lksctp-programs.sh verdict /tmp/programs 42100 \
				"deb: dpkg -i, then lksctp-tools" "/usr/lib/$ma/libsctp.so.1" | say -
		sed 's/^/#   withsctp: /' "$m/tmp/withsctp.out" 2>/dev/null
		check "withsctp python3 (TCP client and server, unmodified): 102400 bytes over one SCTP association (IPPROTO_SCTP sockets, the kernel's Active+PassiveEstabs up by 2)" \
			sh -c "grep -qx 'protocol 132 bytes 102400 same True' '$m/tmp/withsctp.out' && grep -qx 'status 0' '$m/tmp/withsctp.out' && grep -qx 'estabs 2' '$m/tmp/withsctp.out'"
		# Removing ours: withsctp first, which gives lksctp-tools its
		# withsctp back; then apt-get puts Debian's libsctp1 and libsctp-dev
		# back, which removes ours (Conflicts).
		check "dpkg -P $wpkg: the diversions are gone, lksctp-tools' withsctp and withsctp.1.gz are back" sh -c "
			chroot '$m' dpkg -P $wpkg > '$work/remove.log' 2>&1 && ! chroot '$m' dpkg-divert --list | grep -q withsctp &&
			cmp '$m/usr/bin/withsctp' /usr/bin/withsctp && cmp '$m/usr/share/man/man1/withsctp.1.gz' /usr/share/man/man1/withsctp.1.gz &&
			[ ! -e '$m/usr/bin/withsctp.lksctp' ] && [ ! -e '$m/usr/lib/$ma/withsctp' ]"
		chroot "$m" env DEBIAN_FRONTEND=noninteractive apt-get install -y libsctp1 libsctp-dev > "$work/back.log" 2>&1
		check "apt-get install libsctp1 libsctp-dev puts Debian's back (removing $run, $dev by Conflicts)" [ $? = 0 ]
		grep -E '^(Removing|Setting up|E:)' "$work/back.log" | sed 's/^/#   apt: /'
		chroot "$m" dpkg -P $run $dev > /dev/null 2>&1
	else
		# Purging all three takes lksctp-tools (which needs libsctp1) with
		# them; then Debian's three are installed again.
		chroot "$m" env DEBIAN_FRONTEND=noninteractive apt-get purge -y $run $dev $wpkg > "$work/purge.log" 2>&1
		check "apt-get purge $run $dev $wpkg (and lksctp-tools, which depends on libsctp1)" [ $? = 0 ]
		check "nothing of them is left: no file, no diversion, no dpkg entry" sh -c "
			! chroot '$m' dpkg-query -W $run $dev $wpkg 2>/dev/null | grep . && ! chroot '$m' dpkg-divert --list | grep -q withsctp &&
			[ ! -e '$m/usr/lib/$ma/libsctp.so.1' ] && [ ! -e '$m/usr/include/netinet/sctp.h' ] && [ ! -e '$m/usr/bin/withsctp' ]"
		chroot "$m" env DEBIAN_FRONTEND=noninteractive apt-get install -y libsctp1 libsctp-dev lksctp-tools > "$work/back.log" 2>&1
		check "apt-get install libsctp1 libsctp-dev lksctp-tools puts Debian's three back" [ $? = 0 ]
		grep -E '^(Setting up|E:)' "$work/back.log" | sed 's/^/#   apt: /'
	fi
	s=" $(status)"
	echo "#   packages:$s"
	check "Debian's packages are back: libsctp1, libsctp-dev, lksctp-tools installed, ours gone, files identical to this system's" sh -c "
		for p in libsctp1 libsctp-dev lksctp-tools; do echo '$s' | grep -q \" \$p=ii \" || exit 1; done
		for p in $run $dev $wpkg; do echo '$s' | grep -q \" \$p=[a-z]*[ir] \" && exit 1; done
		for f in /usr/lib/$ma/libsctp.so.$version /usr/include/netinet/sctp.h /usr/share/man/man7/sctp.7.gz /usr/bin/withsctp /usr/bin/sctp_darn; do
			cmp \"\$f\" '$m'\"\$f\" || exit 1; done
		chroot '$m' apt-get check"
	exit 0
fi
arch=${1:-$(dpkg --print-architecture)}
ma=$("$tools/arch.sh" "$arch" multiarch) || { not_ok "no platform for architecture $arch"; finish; }
mkdir -p "$top/target"
work=$(mktemp -d "$top/target/check-deb.XXXXXX")
on_exit() { rm -rf "$work"; }
pkgs="$run $dev"
[ "$arch" = "$(dpkg --print-architecture)" ] && pkgs="$pkgs $wpkg"
for p in $pkgs; do
	f=$top/target/deb/${p}_${debver}_$arch.deb
	[ -f "$f" ] || { not_ok "no $f (run make deb)"; finish; }
	ln -s "$f" "$work/$p.deb"
	echo "# package: ${f#$top/} ($(du -kL "$f" | cut -f1) KiB)"
done

# ---- 1. control fields, symbols and contents; lintian ----
field() { dpkg-deb -f "$work/$1.deb" "$2"; }
for p in $pkgs; do
	for f in Depends Provides Conflicts Replaces; do echo "#   $p $f: $(field $p $f)"; done
done
check "$run: Provides libsctp1 (= $version+dfsg-2); Conflicts with and Replaces libsctp1; Depends on libc6" sh -c "
	[ \"\$(dpkg-deb -f '$work/$run.deb' Provides)\" = 'libsctp1 (= $version+dfsg-2)' ] &&
	[ \"\$(dpkg-deb -f '$work/$run.deb' Conflicts)\" = libsctp1 ] && [ \"\$(dpkg-deb -f '$work/$run.deb' Replaces)\" = libsctp1 ] &&
	dpkg-deb -f '$work/$run.deb' Depends | grep -qx 'libc6 (>= [0-9.]*)'"
check "$dev: Provides libsctp-dev (= $version+dfsg-2); Conflicts with and Replaces libsctp-dev; Depends on $run (= $debver)" sh -c "
	[ \"\$(dpkg-deb -f '$work/$dev.deb' Provides)\" = 'libsctp-dev (= $version+dfsg-2)' ] &&
	[ \"\$(dpkg-deb -f '$work/$dev.deb' Conflicts)\" = libsctp-dev ] && [ \"\$(dpkg-deb -f '$work/$dev.deb' Replaces)\" = libsctp-dev ] &&
	dpkg-deb -f '$work/$dev.deb' Depends | grep -q '^$run (= $debver), libc6-dev | libc-dev\$'"
dpkg-deb --ctrl-tarfile "$work/$run.deb" | tar -xO ./symbols > "$work/symbols"
sed 's/^/#   symbols: /' "$work/symbols"
# The symbols (name@version, the VERS_* nodes among them) are those the
# library defines, and Debian's libsctp1's plus sctp_peeloff_flags.
dpkg-deb --fsys-tarfile "$work/$run.deb" | tar -xO ./usr/lib/$ma/libsctp.so.$version > "$work/lib.so"
# (A version node is an ABS symbol of its own name; an unversioned one is
# @Base. Section and name are readelf's last fields: ppc64el adds a column.)
readelf --dyn-syms -W "$work/lib.so" | awk 'NF < 8 || / UND / { next } $NF ~ /@/ { sub(/@@/, "@", $NF); print $NF; next }
	$(NF-1) == "ABS" { print $NF "@" $NF; next } $5 == "GLOBAL" { print $NF "@Base" }' |
	LC_ALL=C sort -u > "$work/defined"
sed -n 's/^ \([^ ]*\) .*/\1/p' "$work/symbols" | LC_ALL=C sort > "$work/listed"
check "symbols: 'libsctp.so.1 libsctp1 #MINVER#', every symbol the library defines with its version ($(wc -l < "$work/defined")), sctp_peeloff_flags also needing $run" sh -c "
	[ \"\$(sed -n 1p '$work/symbols')\" = 'libsctp.so.1 libsctp1 #MINVER#' ] && sed -n 2p '$work/symbols' | grep -qx '| $run #MINVER#' &&
	diff -u '$work/defined' '$work/listed' && grep -qx ' sctp_peeloff_flags@VERS_1 $version 1' '$work/symbols'"
dsym=/var/lib/dpkg/info/libsctp1:$arch.symbols
if [ -f "$dsym" ]; then
	sed -n 's/^ \([^ ]*\) .*/\1/p' "$dsym" | { cat; echo sctp_peeloff_flags@VERS_1; } | LC_ALL=C sort > "$work/debian-symbols"
	check "symbols: Debian's libsctp1:$arch's ($(wc -l < "$work/debian-symbols") with sctp_peeloff_flags), same names, versions and VERS_* nodes" \
		diff -u "$work/debian-symbols" "$work/listed"
fi

contents() { dpkg-deb --contents "$work/$1.deb" | awk '{p=$6; if ($7 == "->") p = p " -> " $8; print p}' | grep -v '/$' | LC_ALL=C sort; }
{
	echo "./usr/lib/$ma/libsctp.so.1 -> libsctp.so.$version"
	echo "./usr/lib/$ma/libsctp.so.$version"
	echo "./usr/share/doc/$run/changelog.Debian.gz"
	echo "./usr/share/doc/$run/copyright"
	echo "./usr/share/lintian/overrides/$run"
} | LC_ALL=C sort > "$work/expected.$run"
{
	echo "./usr/include/netinet/sctp.h"
	echo "./usr/lib/$ma/libsctp.a"
	echo "./usr/lib/$ma/libsctp.so -> libsctp.so.1"
	echo "./usr/lib/$ma/pkgconfig/libsctp.pc"
	echo "./usr/share/doc/$dev/changelog.Debian.gz"
	echo "./usr/share/doc/$dev/copyright"
	echo "./usr/share/lintian/overrides/$dev"
	for p in "$top"/man/*.3; do echo "./usr/share/man/man3/$(basename "$p").gz"; done
	echo "./usr/share/man/man7/sctp.7.gz"
} | LC_ALL=C sort > "$work/expected.$dev"
{
	echo "./usr/bin/withsctp"
	echo "./usr/lib/$ma/withsctp/libwithsctp.so.1"
	echo "./usr/share/doc/$wpkg/changelog.Debian.gz"
	echo "./usr/share/doc/$wpkg/copyright"
	echo "./usr/share/lintian/overrides/$wpkg"
	echo "./usr/share/man/man1/withsctp.1.gz"
} | LC_ALL=C sort > "$work/expected.$wpkg"
for p in $pkgs; do
	contents $p > "$work/contents.$p"
	check "$p: contents ($(wc -l < "$work/expected.$p") files)" diff -u "$work/expected.$p" "$work/contents.$p"
done
# Every file of Debian's counterpart (docs aside, and lksctp-tools' other
# programs) is in ours at the same path; withsctp's library is in a
# directory of its own, as Debian's is in lksctp-tools'.
counterpart() { # package: Debian's files, at this architecture's triplet
	case $1 in $run) d=libsctp1 ;; $dev) d=libsctp-dev ;; $wpkg) d=lksctp-tools ;; esac
	dpkg -L $d | grep -v -e '^$' -e '^/\.$' -e '^/usr/share/doc' | while read -r f; do [ -d "$f" ] || echo ".$f"; done |
		sed "s|/$multiarch/|/$ma/|" | if [ $d = lksctp-tools ]; then grep -e /bin/withsctp -e /withsctp.1 -e /libwithsctp.so.1\$; else cat; fi |
		sed "s|/lksctp-tools/libwithsctp.so.1\$|/withsctp/libwithsctp.so.1|" | LC_ALL=C sort -u
}
if dpkg-query -W libsctp1 libsctp-dev lksctp-tools >/dev/null 2>&1; then
	for p in $pkgs; do
		counterpart $p > "$work/debian.$p"
		sed 's/ -> .*//' "$work/contents.$p" > "$work/ours.$p"
		check "$p: every path of its Debian counterpart is in it ($(wc -l < "$work/debian.$p") files: $(tr '\n' ' ' < "$work/debian.$p" | cut -c1-90)...)" \
			sh -c "LC_ALL=C comm -23 '$work/debian.$p' '$work/ours.$p' | grep . && exit 1 || exit 0"
	done
fi

# ---- 2'. another architecture's packages ----
# dpkg installs them, with --force-architecture, into an empty root of
# its own; a program cross-built with the installed header, libsctp.pc and
# library runs an association on that architecture's kernel (QEMU), on the
# installed library (LD_LIBRARY_PATH), with the host's multiarch libc.
if [ "$arch" != "$(dpkg --print-architecture)" ]; then
	root=$work/root
	mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
	: > "$root/var/lib/dpkg/status"
	check "dpkg --root (empty) --force-architecture -i $run $dev" \
		dpkg --root="$root" --force-architecture --force-depends -i "$work/$run.deb" "$work/$dev.deb"
	check "dpkg --root: $run:$arch and $dev:$arch are installed" sh -c \
		"dpkg --root='$root' -s $run:$arch $dev:$arch | grep -c '^Status: install ok installed' | grep -qx 2"
	cc=$("$tools/arch.sh" "$arch" cc)
	check "$cc builds c-tests/static-link.c with the installed header and libsctp.pc" sh -c "
		$cc -Wall -Werror -o '$work/smoke' '$top/c-tests/static-link.c' '$top/c-tests/check.c' -I'$top/c-tests' \
			\$(PKG_CONFIG_SYSROOT_DIR='$root' PKG_CONFIG_LIBDIR='$root/usr/lib/$ma/pkgconfig' pkg-config --cflags --libs libsctp) &&
		readelf -d '$work/smoke' | grep -q 'NEEDED.*\[libsctp.so.1\]'"
	export SCTP_KERNEL=qemu SCTP_ARCH=$arch
	if [ -x "$work/smoke" ] &&
		in_kernel "$work/smoke.log" env LD_LIBRARY_PATH="$root/usr/lib/$ma" "$work/smoke"
	then
		say - < "$work/smoke.log"
	fi
	check "dpkg --root -P $dev $run removes every file they installed" sh -c \
		"dpkg --root='$root' -P $dev $run && [ -z \"\$(find '$root/usr' -type f)\" ]"
	finish "$arch: installed with dpkg --force-architecture; run on its own kernel"
fi

# lintian, on this architecture's three: every error and warning it
# reports must be one of the overrides in tools/deb/, each with its
# reason (shown as N: lines).
if command -v lintian > /dev/null; then
	lintian --show-overrides --tag-display-limit 0 "$work/$run.deb" "$work/$dev.deb" "$work/$wpkg.deb" > "$work/lintian.log" 2>&1
	grep -v '^running with root privileges' "$work/lintian.log" | sed 's/^/#   lintian: /'
	check "lintian: no error or warning but the overrides of tools/deb/ ($(grep -c '^O: ' "$work/lintian.log") overridden, each with its reason)" \
		sh -c "! grep -E '^(E|W): ' '$work/lintian.log'"
else
	not_ok "lintian is not installed (tools/deps.sh check)"
fi

# ---- 2. extracted ----
x=$work/x
for p in $pkgs; do dpkg -x "$work/$p.deb" "$x"; done
lib=$x/usr/lib/$ma
check "SONAME libsctp.so.1" sh -c "readelf -d '$lib/libsctp.so.$version' | grep -q 'SONAME.*\[libsctp.so.1\]'"
check "libsctp.pc: Name: sctp, libdir /usr/lib/$ma" sh -c "grep -q '^Name: sctp\$' '$lib/pkgconfig/libsctp.pc' && grep -q '^libdir=/usr/lib/$ma\$' '$lib/pkgconfig/libsctp.pc'"
check "every man page renders from its .gz with man -l, no warnings" sh -c "
	for p in '$x'/usr/share/man/man*/*.gz; do w=\$(MANWIDTH=80 man --warnings -l \"\$p\" 2>&1 >/dev/null); [ -z \"\$w\" ] || { echo \"\$p: \$w\"; exit 1; }; done"
cat > "$work/p.c" <<'EOC'
#include <netinet/sctp.h>
#include <stdio.h>
int main(void) { printf("%d\n", sctp_getaddrlen(AF_INET)); return sctp_peeloff_flags(-1, 0, SOCK_NONBLOCK) == -1 ? 0 : 1; }
EOC
if command -v pkg-config >/dev/null; then
	check "a program builds with the package's header and libsctp.pc (pkg-config, sysroot = the extracted tree) and runs" sh -c "
		${CC:-gcc} -Wall -Werror -o '$work/p' '$work/p.c' \$(PKG_CONFIG_SYSROOT_DIR='$x' PKG_CONFIG_LIBDIR='$lib/pkgconfig' pkg-config --cflags --libs libsctp) &&
		LD_LIBRARY_PATH='$lib' '$work/p'"
fi
in_kernel "$work/programs.log" "$tools/lksctp-programs.sh" run "$work/programs" 42000 LD_LIBRARY_PATH="$lib" &&
	"$tools/lksctp-programs.sh" verdict "$work/programs" 42000 \
		"deb: dpkg -x, lksctp-tools with LD_LIBRARY_PATH" "$lib/libsctp.so.1" | say -

# ---- 3. dpkg -i and apt-get install into throwaway roots ----
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && grep -qw overlay /proc/filesystems; then
	# Debian's libsctp1, libsctp-dev and lksctp-tools, to put back: fetched
	# once from Debian's archive (apt-get download, the versions apt would
	# install), then given to each throwaway root's apt cache.
	cache=$top/target/debian-debs
	mkdir -p "$cache" "$work/debian"
	for p in libsctp1 libsctp-dev lksctp-tools; do
		v=$(apt-cache policy $p | sed -n 's/^  Candidate: //p' | sed 's/:/%3a/')
		f=$(ls "$cache/${p}_${v}_"*.deb 2>/dev/null | head -n 1)
		if [ -z "$f" ]; then
			(cd "$cache" && apt-get download -q $p > /dev/null 2>&1) || not_ok "apt-get download $p failed (Debian's archive not reachable?)"
			f=$(ls "$cache/${p}_${v}_"*.deb 2>/dev/null | head -n 1)
		fi
		[ -n "$f" ] && cp "$f" "$work/debian/"
	done
	for mode in dpkg apt; do
		unshare -m "$0" --in-namespace "$arch" "$work" $mode > "$work/$mode.out" 2>&1
		rc=$?
		say - < "$work/$mode.out"
		[ $rc = 0 ] || not_ok "could not set up a throwaway root ($mode): status $rc"
	done
else
	note "deb: dpkg -i not tried: it needs root, unshare and overlayfs for a throwaway root"
fi
finish
