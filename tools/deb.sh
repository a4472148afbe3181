#!/bin/sh
# Build the Debian packages of this libsctp, split as Debian splits
# lksctp-tools, each replacing its Debian counterpart:
#
#   libsctp1-rs     libsctp.so.1 alone            replaces libsctp1
#   libsctp-rs-dev  header, libsctp.a, .so link,  replaces libsctp-dev
#                   libsctp.pc, man3, sctp.7
#   withsctp        withsctp(1), its preload      diverts lksctp-tools'
#                   library, withsctp.1           withsctp (below)
#
# Only dpkg-deb and dpkg-gensymbols are needed, no debhelper. The names:
# lintian's package-name-doesnt-match-sonames accepts, for libsctp.so.1,
# "libsctp1" and nothing else (past stripping transition suffixes such as
# c2, v5 or lib64, which would claim an ABI transition that did not
# happen); that name is Debian's package's own. libsctp1-rs, as
# libjpeg62-turbo for libjpeg.so.62, is a second implementation of the same
# SONAME, and says so in the one override of tools/deb/.
#
#   tools/deb.sh            (make deb runs it after make lib)
#
# Environment: VERSION (1.0.19), DEB_REVISION (1), MAKE (make), TARGET,
# DEB_OUT (target/deb). Prints the paths of the three .debs last.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
cd "$top"

version=${VERSION:-1.0.19}
revision=${DEB_REVISION:-1}
# The version Provides gives libsctp1 and libsctp-dev: Debian 12's own.
# Packages built against Debian's libsctp1 depend on
# "libsctp1 (>= 1.0.19+dfsg)" or lower, which a plain 1.0.19-1 would not
# satisfy (1.0.19 sorts before 1.0.19+dfsg).
provides_version=${PROVIDES_VERSION:-$version+dfsg-2}
make=${MAKE:-make}
out=${DEB_OUT:-$top/target/deb}

# TARGET (a Rust triple of tools/arch.sh; default this host's) chooses the
# Debian architecture, the multiarch directory and the binutils.
platform=${TARGET:-host}
case $platform in
*musl*) echo "deb: no Debian architecture for $platform (musl)" >&2; exit 2 ;;
esac
arch=$("$here/arch.sh" "$platform" deb)
multiarch=$("$here/arch.sh" "$platform" multiarch)
cross=$("$here/arch.sh" "$platform" cross)
debver=$version-$revision
run=libsctp1-rs dev=libsctp-rs-dev tools=withsctp
# DEB_TOOLS=no: the library's two packages only (check-deb's other
# architectures, which run no withsctp).
pkgs="$run $dev"
[ "${DEB_TOOLS:-yes}" = no ] || pkgs="$pkgs $tools"
has_tools() { [ "${pkgs#*$tools}" != "$pkgs" ]; }
# DEB_MAINTAINER: default, the author of the commit built.
maint=${DEB_MAINTAINER:-$(git log -1 --format='%an <%ae>' 2>/dev/null)}
[ -n "$maint" ] || { echo "deb: set DEB_MAINTAINER (no git history)" >&2; exit 2; }
stage=$out/stage
libdir=/usr/lib/$multiarch
# Policy 10.2: a shared object that is not linked against (a preload
# library) goes into a subdirectory of /usr/lib, as Debian's lksctp-tools
# puts its libwithsctp.so.1 into /usr/lib/<triplet>/lksctp-tools.
wlibdir=$libdir/withsctp

rm -rf "$stage"
mkdir -p "$stage"
# The same install rule a user runs, into staging roots: everything with
# LIBDIR=/usr/lib/<triplet>; withsctp again with its private LIBDIR, which
# the command has built in.
$make --no-print-directory -s install DESTDIR="$stage/all" PREFIX=/usr \
	LIBDIR=$libdir INCLUDEDIR=/usr/include MANDIR=/usr/share/man BINDIR=/usr/bin >/dev/null
! has_tools || $make --no-print-directory -s install DESTDIR="$stage/w" PREFIX=/usr \
	LIBDIR=$wlibdir INCLUDEDIR=/usr/include MANDIR=/usr/share/man BINDIR=/usr/bin >/dev/null

# mv_into PACKAGE PATH...: move staged files (paths under /) into a package.
mv_into() {
	p=$1 from=$2; shift 2
	for f in "$@"; do
		[ -e "$from$f" ] || [ -L "$from$f" ] || { echo "deb: make install made no $f" >&2; exit 1; }
		mkdir -p "$stage/$p$(dirname "$f")"
		mv "$from$f" "$stage/$p$f"
	done
}
a=$stage/all
mv_into $run "$a" $libdir/libsctp.so.$version $libdir/libsctp.so.1
mv_into $dev "$a" /usr/include/netinet/sctp.h $libdir/libsctp.a $libdir/libsctp.so \
	$libdir/pkgconfig/libsctp.pc /usr/share/man/man3 /usr/share/man/man7/sctp.7
! has_tools || mv_into $tools "$stage/w" /usr/bin/withsctp $wlibdir/libwithsctp.so.1 /usr/share/man/man1/withsctp.1
# Nothing make install put in is left out of the packages (withsctp's
# files at the first LIBDIR are those of the second install's).
rm "$a/usr/bin/withsctp" "$a$libdir/libwithsctp.so.1" "$a/usr/share/man/man1/withsctp.1"
left=$(cd "$a" && find . ! -type d)
[ -z "$left" ] || { echo "deb: installed but in no package: $left" >&2; exit 1; }

# Debian policy: shared libraries are not executable; binaries are
# stripped as dh_strip strips them (also of .comment and .note); static
# libraries carry no debugging information; man pages are compressed.
chmod 644 "$stage/$run$libdir/libsctp.so.$version"
strip="${cross}strip --remove-section=.comment --remove-section=.note"
$strip --strip-unneeded "$stage/$run$libdir/libsctp.so.$version"
$strip --strip-debug --enable-deterministic-archives "$stage/$dev$libdir/libsctp.a"
gzip -9n "$stage/$dev"/usr/share/man/man3/*.3 "$stage/$dev"/usr/share/man/man7/*.7
if has_tools; then
	chmod 644 "$stage/$tools$wlibdir/libwithsctp.so.1"
	$strip --strip-unneeded "$stage/$tools$wlibdir/libwithsctp.so.1"
	$strip "$stage/$tools/usr/bin/withsctp"
	gzip -9n "$stage/$tools"/usr/share/man/man1/*.1
fi

date=$(date -R -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")
year=$(date -u -d "$date" +%Y)
for p in $pkgs; do
	doc=$stage/$p/usr/share/doc/$p
	mkdir -p "$doc" "$stage/$p/DEBIAN"
	cat > "$doc/copyright" <<EOC
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: libsctp-rs
Upstream-Contact: $maint
Comment: A drop-in replacement for lksctp-tools' libsctp (libsctp.so.1 and
 <netinet/sctp.h>) and withsctp, written in Rust.

Files: *
Copyright: 2025-$year libsctp-rs contributors
License: LGPL-2.1-or-later

License: LGPL-2.1-or-later
 This library is free software; you can redistribute it and/or modify it
 under the terms of the GNU Lesser General Public License as published by the
 Free Software Foundation; either version 2.1 of the License, or (at your
 option) any later version.
 .
 On Debian systems, the complete text of the GNU Lesser General Public
 License version 2.1 can be found in "/usr/share/common-licenses/LGPL-2.1".
EOC
	printf '%s (%s) unstable; urgency=medium\n\n  * Package of libsctp-rs %s.\n\n -- %s  %s\n' \
		libsctp-rs "$debver" "$version" "$maint" "$date" | gzip -9n > "$doc/changelog.Debian.gz"
	if [ -f "$top/tools/deb/$p.lintian-overrides" ]; then
		mkdir -p "$stage/$p/usr/share/lintian/overrides"
		cp "$top/tools/deb/$p.lintian-overrides" "$stage/$p/usr/share/lintian/overrides/$p"
	fi
done

# libc6: the newest glibc symbol version a file references.
glibc() { readelf -V -W "$@" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -n 1; }

control() { # package, fields...
	p=$1; shift
	size=$(du -sk --exclude=DEBIAN "$stage/$p" | cut -f1)
	{
		echo "Package: $p"
		echo "Source: libsctp-rs"
		echo "Version: $debver"
		echo "Architecture: $arch"
		echo "Maintainer: $maint"
		echo "Installed-Size: $size"
		for f in "$@"; do echo "$f"; done
		echo "Priority: optional"
	} > "$stage/$p/DEBIAN/control"
}

# Each package Conflicts with and Replaces the Debian package whose files
# it ships at the same paths, and Provides it at Debian 12's version, so
# that what depends on libsctp1 (lksctp-tools) or libsctp-dev stays
# installable. Conflicting with a name it Provides is policy 7.6.2's "only
# one provider" idiom: the conflict is with the real package only.
control $run "Multi-Arch: same" "Section: libs" \
	"Depends: libc6 (>= $(glibc "$stage/$run$libdir/libsctp.so.$version"))" \
	"Provides: libsctp1 (= $provides_version)" "Conflicts: libsctp1" "Replaces: libsctp1" \
	"Description: user-space access to Linux kernel SCTP - shared library (Rust)
 A drop-in replacement for lksctp-tools' libsctp: libsctp.so.1 with the
 same ABI and symbol versions, and fixes for lksctp's bugs.
 .
 It replaces Debian's libsctp1; programs built against it, such as those
 of lksctp-tools, run on it unchanged."
control $dev "Multi-Arch: same" "Section: libdevel" \
	"Depends: $run (= $debver), libc6-dev | libc-dev" \
	"Provides: libsctp-dev (= $provides_version)" "Conflicts: libsctp-dev" "Replaces: libsctp-dev" \
	"Description: user-space access to Linux kernel SCTP - development files (Rust)
 The header <netinet/sctp.h>, the static library, the pkg-config file
 (libsctp.pc), a man page per function and sctp(7), for libsctp1-rs.
 .
 It replaces Debian's libsctp-dev: programs written for lksctp compile
 unchanged with it."
if has_tools; then
	# Debian's lksctp-tools ships /usr/bin/withsctp and withsctp.1 too. A
	# Conflicts would remove its sctp_darn, sctp_test and checksctp along with
	# them; a bare Replaces would take its files away for good (they are not
	# back when this package goes, and reinstalling lksctp-tools fails on
	# them). A diversion (preinst, postrm) moves lksctp's two files aside,
	# as withsctp.lksctp, and puts them back when this package is removed.
	# The preload library is linked with libsctp's code inside it; should it
	# ever need libsctp.so.1, this package must depend on it.
	readelf -d "$stage/$tools$wlibdir/libwithsctp.so.1" "$stage/$tools/usr/bin/withsctp" | grep -q 'NEEDED.*libsctp\.so' &&
		{ echo "deb: withsctp links libsctp.so.1: add the dependency" >&2; exit 1; }
	control $tools "Section: net" \
		"Depends: libc6 (>= $(glibc "$stage/$tools$wlibdir/libwithsctp.so.1" "$stage/$tools/usr/bin/withsctp"))" \
		"Description: run unmodified TCP programs over SCTP
 withsctp runs a program with libwithsctp.so.1 preloaded: its TCP stream
 sockets become SCTP one-to-one sockets, and TCP socket options are mapped
 to their SCTP counterparts. It checks first that the kernel has SCTP.
 .
 It replaces the withsctp of Debian's lksctp-tools (which it diverts),
 including programs that pass SOCK_CLOEXEC or SOCK_NONBLOCK."

	diverted="/usr/bin/withsctp /usr/share/man/man1/withsctp.1.gz"
	{
		echo '#!/bin/sh'
		echo 'set -e'
		echo 'if [ "$1" = install ] || [ "$1" = upgrade ]; then'
		for f in $diverted; do
			echo "	dpkg-divert --package $tools --add --rename --divert $(echo "$f" | sed 's/withsctp/withsctp.lksctp/') $f >/dev/null"
		done
		echo 'fi'
	} > "$stage/$tools/DEBIAN/preinst"
	{
		echo '#!/bin/sh'
		echo 'set -e'
		echo 'if [ "$1" = remove ] || [ "$1" = abort-install ] || [ "$1" = disappear ]; then'
		for f in $diverted; do
			echo "	dpkg-divert --package $tools --remove --rename --divert $(echo "$f" | sed 's/withsctp/withsctp.lksctp/') $f >/dev/null"
		done
		echo 'fi'
	} > "$stage/$tools/DEBIAN/postrm"
	chmod 755 "$stage/$tools/DEBIAN/preinst" "$stage/$tools/DEBIAN/postrm"
fi

# shlibs and symbols name libsctp1, which Debian's package and this one
# both provide: what is built against either runs on either. The symbols
# file is dpkg-gensymbols' own, from the built library (VERS_* nodes
# included); only sctp_peeloff_flags, which Debian's library lacks, also
# needs this package (template 1). The minimal versions are the upstream
# version (a Debian revision in them is lintian's error): every symbol is
# in this package since 1.0.19, and Debian's libsctp1 1.0.19+dfsg has all
# but sctp_peeloff_flags.
echo "libsctp 1 libsctp1 (>= $version+dfsg)" > "$stage/$run/DEBIAN/shlibs"
gs=$stage/gensymbols
mkdir -p "$gs/debian"
printf 'Source: libsctp-rs\n\nPackage: %s\nArchitecture: any\n' $run > "$gs/debian/control"
(cd "$gs" && DEB_HOST_ARCH=$arch dpkg-gensymbols -q -a"$arch" -v"$version" -p$run -P"$stage/$run" \
	-e"$stage/$run$libdir/libsctp.so.$version" -O"$gs/symbols")
{
	sed -n "1s/ $run / libsctp1 /p" "$gs/symbols"
	echo "| $run #MINVER#"
	echo "* Build-Depends-Package: libsctp-dev"
	sed '1d; s/^\( sctp_peeloff_flags@[^ ]* [^ ]*\)$/\1 1/' "$gs/symbols"
} > "$stage/$run/DEBIAN/symbols"
rm -rf "$gs"
echo "activate-noawait ldconfig" > "$stage/$run/DEBIAN/triggers"

for p in $pkgs; do
	(cd "$stage/$p" && find usr -type f | LC_ALL=C sort | xargs md5sum) > "$stage/$p/DEBIAN/md5sums"
	find "$stage/$p" -type d -exec chmod 755 {} +
	for f in "$stage/$p"/DEBIAN/*; do [ -x "$f" ] || chmod 644 "$f"; done
	deb=$out/${p}_${debver}_${arch}.deb
	rm -f "$deb"
	dpkg-deb --root-owner-group -Zxz --build "$stage/$p" "$deb" >/dev/null
	echo "$deb"
done
rm -rf "$stage"
