#!/bin/sh
# Check the .deb of `make deb` without touching this system's packages:
#
#  1. its control fields and contents (those of Debian's libsctp1 plus
#     libsctp-dev, less sctp(7));
#  2. extracted with dpkg -x: the library, a program built with the
#     package's header and pkg-config file, and lksctp-tools' programs run
#     on it through LD_LIBRARY_PATH, on a real kernel SCTP;
#  3. installed with a real `dpkg -i` (and `apt-get install ./...`) into a
#     throwaway copy-on-write view of this root (an overlay mount in a
#     private mount namespace: the real system never sees it), where it
#     replaces libsctp1 and libsctp-dev, keeps lksctp-tools installed, and
#     lksctp-tools' programs then run on it with no LD_LIBRARY_PATH.
#
#   tools/check-deb.sh [DEB]      (default: the newest target/deb/*.deb)
#
# A package of another architecture (make deb TARGET=...) gets step 1 and
# a step 2' of its own (below) instead of 2 and 3.
#
# Prints ok/not ok lines; exits 1 if any failed. Step 3 needs root (unshare,
# overlayfs); without it, it is skipped with a note.
set -u
name=deb
. "$(dirname "$0")/lib.sh"
version=${VERSION:-1.0.19}
ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)

# ---- step 3, run by the script itself inside `unshare -m` ----
if [ "${1:-}" = --in-namespace ]; then
	# A guest booted before the overlay was mounted would not see it.
	unset SCTP_KERNEL_SESSION
	deb=$2 work=$3 mode=$4
	root=$work/$mode
	mkdir -p "$root"
	mount -t tmpfs tmpfs "$root" || exit 2
	mkdir -p "$root/upper" "$root/work" "$root/m"
	mount -t overlay overlay -o "lowerdir=/,upperdir=$root/upper,workdir=$root/work" "$root/m" || exit 2
	m=$root/m
	mount --rbind /dev "$m/dev" && mount -t proc proc "$m/proc" && mount -t sysfs sysfs "$m/sys" || exit 2
	cp "$deb" "$m/tmp/pkg.deb"
	pkgs="libsctp-rs libsctp1 libsctp-dev lksctp-tools"
	status() { chroot "$m" dpkg-query -W -f='${Package}=${db:Status-Abbrev}\n' $pkgs 2>/dev/null | sed 's/ *$//' | tr '\n' ' '; }
	if [ "$mode" = dpkg ]; then
		chroot "$m" dpkg -i /tmp/pkg.deb > "$work/dpkg.log" 2>&1
		check "in the throwaway root: dpkg -i $(basename "$deb")" [ $? = 0 ]
		grep -E 'Removing|Setting up|triggers' "$work/dpkg.log" | sed 's/^/#   dpkg: /'
	else
		chroot "$m" env DEBIAN_FRONTEND=noninteractive apt-get install -y /tmp/pkg.deb > "$work/apt.log" 2>&1
		check "in another throwaway root: apt-get install ./$(basename "$deb")" [ $? = 0 ]
		grep -E '^(The following|  [a-z]|Removing|Setting up)' "$work/apt.log" | sed 's/^/#   apt: /'
	fi
	s=$(status)
	echo "#   packages: $s"
	check "libsctp-rs installed; libsctp1 and libsctp-dev removed; lksctp-tools still installed" sh -c "
		echo '$s' | grep -q 'libsctp-rs=ii ' && echo '$s' | grep -q 'lksctp-tools=ii ' &&
		! echo '$s' | grep -q 'libsctp1=ii' && ! echo '$s' | grep -q 'libsctp-dev=ii'"
	check "apt-get check: every dependency satisfied (lksctp-tools' on libsctp1 by Provides)" chroot "$m" apt-get check
	check "dpkg --audit finds nothing" sh -c "[ -z \"\$(chroot '$m' dpkg --audit)\" ]"
	check "the installed libsctp.so.1.0.19 is the package's" cmp "$m/usr/lib/$ma/libsctp.so.$version" "$work/x/usr/lib/$ma/libsctp.so.$version"
	check "ldconfig's cache (the dpkg trigger ran) points libsctp.so.1 at /usr/lib/$ma" sh -c \
		"chroot '$m' ldconfig -p | grep 'libsctp.so.1 ' | grep -q '$ma/libsctp.so.1\$'"
	# Container images often tell dpkg to leave man pages out.
	if grep -qs '^path-exclude.*/usr/share/man' /etc/dpkg/dpkg.cfg /etc/dpkg/dpkg.cfg.d/*; then
		echo "# deb: man pages not checked after dpkg -i: this system's dpkg excludes /usr/share/man"
	else
		check "man -w sctp_peeloff_flags finds the installed page" sh -c "chroot '$m' man -w sctp_peeloff_flags | grep -q '/usr/share/man/man3/sctp_peeloff_flags.3.gz'"
	fi
	cat > "$m/tmp/p.c" <<'EOC'
#include <netinet/sctp.h>
#include <stdio.h>
int main(void) { printf("%d\n", sctp_getaddrlen(AF_INET6)); return sctp_peeloff_flags(-1, 0, SOCK_CLOEXEC) == -1 ? 0 : 1; }
EOC
	check "gcc p.c \$(pkg-config --cflags --libs libsctp) with the installed header and library, and it runs" \
		chroot "$m" sh -c 'gcc -Wall -Werror -o /tmp/p /tmp/p.c $(pkg-config --cflags --libs libsctp) && /tmp/p'
	if [ "$mode" = dpkg ]; then
		check "dpkg -r libsctp-rs is refused: lksctp-tools depends on it (as libsctp1)" sh -c "! chroot '$m' dpkg -r libsctp-rs"
		# The programs' script and what it sources, where the chroot sees them.
		mkdir -p "$m/tmp/tools"
		cp "$tools/lksctp-programs.sh" "$tools/lib.sh" "$tools/bindings.py" "$tools/compat.py" "$m/tmp/tools/"
		# The kernel's root is this view of the filesystem: chroot into the
		# installed root there, with a proc of the kernel's own.
		in_kernel "$work/programs.log" chroot "$m" /bin/sh -c \
			"mount -t proc proc /proc 2>/dev/null; /bin/sh /tmp/tools/lksctp-programs.sh run /tmp/programs 42100" &&
			chroot "$m" /bin/sh /tmp/tools/lksctp-programs.sh verdict /tmp/programs 42100 \
				"deb: dpkg -i, then lksctp-tools" "/usr/lib/$ma/libsctp.so.1" | say -
	fi
	exit 0
fi

deb=${1:-$(ls -t "$top"/target/deb/*.deb 2>/dev/null | head -n 1)}
[ -n "$deb" ] && [ -f "$deb" ] || { not_ok "no package (run make deb)"; finish; }
deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
arch=$(dpkg-deb -f "$deb" Architecture)
ma=$("$tools/arch.sh" "$arch" multiarch) || { not_ok "$deb: no platform for Architecture $arch"; finish; }
mkdir -p "$top/target"
work=$(mktemp -d "$top/target/check-deb.XXXXXX")
on_exit() { rm -rf "$work"; }
echo "# package: ${deb#$top/} ($(du -k "$deb" | cut -f1) KiB)"

# ---- 1. control fields and contents ----
field() { dpkg-deb -f "$deb" "$1"; }
for f in Package Version Architecture Depends Provides Conflicts Replaces; do echo "#   $f: $(field $f)"; done
check "Provides libsctp1 and libsctp-dev, versioned" sh -c "dpkg-deb -f '$deb' Provides | grep -q 'libsctp1 (= $version' && dpkg-deb -f '$deb' Provides | grep -q 'libsctp-dev (= $version'"
check "Conflicts with and Replaces libsctp1 and libsctp-dev" sh -c "
	for f in Conflicts Replaces; do v=\$(dpkg-deb -f '$deb' \$f); echo \"\$v\" | grep -qw libsctp1 && echo \"\$v\" | grep -qw libsctp-dev || exit 1; done"
check "Depends on libc6" sh -c "dpkg-deb -f '$deb' Depends | grep -q '^libc6 (>= '"

dpkg-deb --contents "$deb" | awk '{p=$6; if ($7 == "->") p = p " -> " $8; print p}' | grep -v '/$' | LC_ALL=C sort > "$work/contents"
{
	echo "./usr/include/netinet/sctp.h"
	echo "./usr/lib/$ma/libsctp.a"
	echo "./usr/lib/$ma/libsctp.so -> libsctp.so.1"
	echo "./usr/lib/$ma/libsctp.so.1 -> libsctp.so.$version"
	echo "./usr/lib/$ma/libsctp.so.$version"
	echo "./usr/lib/$ma/pkgconfig/libsctp.pc"
	echo "./usr/share/doc/libsctp-rs/changelog.Debian.gz"
	echo "./usr/share/doc/libsctp-rs/copyright"
	for p in "$top"/man/*.3; do echo "./usr/share/man/man3/$(basename "$p").gz"; done
} | LC_ALL=C sort > "$work/expected"
check "contents: library, symlinks, static library, header, libsctp.pc, $(ls "$top"/man/*.3 | wc -l) man pages" \
	diff -u "$work/expected" "$work/contents"
# Every file Debian's packages install (bar docs and sctp(7), which is not a
# function's page) is installed by ours at the same path.
if dpkg-query -W libsctp1 libsctp-dev >/dev/null 2>&1; then
	# Another architecture's are at the same paths, with its multiarch triplet.
	dpkg -L libsctp1 libsctp-dev | grep -v -e '^$' -e '^/\.$' -e '^/usr/share/doc' -e 'man7/sctp.7' | while read -r f; do
		[ -d "$f" ] || echo ".$f"; done | sed "s|/$multiarch/|/$ma/|" | LC_ALL=C sort -u > "$work/debian"
	sed 's/ -> .*//' "$work/contents" > "$work/ours"
	check "every path of Debian's libsctp1 + libsctp-dev (but sctp.7) is in the package ($(wc -l < "$work/debian") files)" \
		sh -c "LC_ALL=C comm -23 '$work/debian' '$work/ours' | grep . && exit 1 || exit 0"
fi

# ---- 2'. another architecture's package ----
# dpkg installs it, with --force-architecture, into an empty root of its
# own; a program cross-built with the installed header, libsctp.pc and
# library runs an association on that architecture's kernel (QEMU), on the
# installed library (LD_LIBRARY_PATH), with the host's multiarch libc.
if [ "$arch" != "$(dpkg --print-architecture)" ]; then
	root=$work/root
	mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
	: > "$root/var/lib/dpkg/status"
	check "dpkg --root (empty) --force-architecture -i $(basename "$deb")" \
		dpkg --root="$root" --force-architecture --force-depends -i "$deb"
	check "dpkg --root: libsctp-rs:$arch is installed" sh -c \
		"dpkg --root='$root' -s libsctp-rs:$arch | grep -q '^Status: install ok installed'"
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
	check "dpkg --root -r libsctp-rs removes every file it installed" sh -c \
		"dpkg --root='$root' -r libsctp-rs && [ -z \"\$(find '$root/usr' -type f)\" ]"
	finish "$arch: installed with dpkg --force-architecture; run on its own kernel"
fi

# ---- 2. extracted ----
x=$work/x
dpkg -x "$deb" "$x"
lib=$x/usr/lib/$ma
check "SONAME libsctp.so.1" sh -c "readelf -d '$lib/libsctp.so.$version' | grep -q 'SONAME.*\[libsctp.so.1\]'"
check "exports lksctp's symbol versions (sctp_connectx@VERS_1/2/3) and sctp_peeloff_flags" sh -c "
	s=\$(nm -D --defined-only '$lib/libsctp.so.$version');
	for v in 'sctp_connectx@VERS_1' 'sctp_connectx@VERS_2' 'sctp_connectx@@VERS_3' 'sctp_sendv@@VERS_1' 'sctp_peeloff_flags@@VERS_1'; do
		echo \"\$s\" | grep -q \" \$v\\\$\" || { echo missing \$v; exit 1; }; done"
check "libsctp.pc: Name: sctp, libdir /usr/lib/$ma" sh -c "grep -q '^Name: sctp\$' '$lib/pkgconfig/libsctp.pc' && grep -q '^libdir=/usr/lib/$ma\$' '$lib/pkgconfig/libsctp.pc'"
check "every man page renders from its .gz with man -l, no warnings" sh -c "
	for p in '$x'/usr/share/man/man3/*.3.gz; do w=\$(MANWIDTH=80 man --warnings -l \"\$p\" 2>&1 >/dev/null); [ -z \"\$w\" ] || { echo \"\$p: \$w\"; exit 1; }; done"
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
	for mode in dpkg apt; do
		unshare -m "$0" --in-namespace "$deb" "$work" $mode > "$work/$mode.out" 2>&1
		rc=$?
		say - < "$work/$mode.out"
		[ $rc = 0 ] || not_ok "could not set up a throwaway root ($mode): status $rc"
	done
else
	note "deb: dpkg -i not tried: it needs root, unshare and overlayfs for a throwaway root"
fi
finish
