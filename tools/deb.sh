#!/bin/sh
# Build a Debian package of this libsctp that installs like Debian's libsctp1
# plus libsctp-dev, and replaces them (it Provides, Conflicts with and
# Replaces both). Only dpkg-deb is needed, no debhelper.
#
#   tools/deb.sh            (make deb runs it after make lib)
#
# Environment: VERSION (1.0.19), DEB_REVISION (1), MAKE (make), TARGET,
# DEB_OUT (target/deb). Prints the path of the .deb last.
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
pkg=libsctp-rs
debver=$version-$revision
stage=$out/stage
deb=$out/${pkg}_${debver}_${arch}.deb

rm -rf "$stage"
mkdir -p "$stage/DEBIAN"
# The same install rule a user runs, into the staging root.
$make --no-print-directory -s install DESTDIR="$stage" PREFIX=/usr \
	LIBDIR=/usr/lib/$multiarch INCLUDEDIR=/usr/include MANDIR=/usr/share/man >/dev/null

lib=$stage/usr/lib/$multiarch
# Debian policy: shared libraries are not executable; static libraries
# carry no debugging information.
chmod 644 "$lib/libsctp.so.$version"
"${cross}strip" --strip-debug "$lib/libsctp.a"
gzip -9n "$stage"/usr/share/man/man3/*.3

doc=$stage/usr/share/doc/$pkg
mkdir -p "$doc"
cat > "$doc/copyright" <<EOC
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: libsctp (Rust)
Comment: A drop-in replacement for lksctp-tools' libsctp (libsctp.so.1 and
 <netinet/sctp.h>), written in Rust.

Files: *
License: LGPL-2.1-or-later
 This library is free software; you can redistribute it and/or modify it
 under the terms of the GNU Lesser General Public License as published by the
 Free Software Foundation; either version 2.1 of the License, or (at your
 option) any later version.
 .
 On Debian systems, the complete text of the GNU Lesser General Public
 License version 2.1 can be found in "/usr/share/common-licenses/LGPL-2.1".
EOC
date=$(date -R -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")
printf '%s (%s) unstable; urgency=medium\n\n  * Package of libsctp %s (Rust).\n\n -- libsctp maintainers <libsctp@localhost>  %s\n' \
	"$pkg" "$debver" "$version" "$date" | gzip -9n > "$doc/changelog.Debian.gz"

# libc6: the newest glibc symbol version the library references.
glibc=$(readelf -V -W "$lib/libsctp.so.$version" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -n 1)
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)

cat > "$stage/DEBIAN/control" <<EOC
Package: $pkg
Version: $debver
Architecture: $arch
Maintainer: libsctp maintainers <libsctp@localhost>
Installed-Size: $size
Depends: libc6 (>= $glibc)
Suggests: libc6-dev | libc-dev
Provides: libsctp1 (= $provides_version), libsctp-dev (= $provides_version)
Conflicts: libsctp1, libsctp-dev
Replaces: libsctp1, libsctp-dev
Section: libs
Priority: optional
Description: user-space access to Linux kernel SCTP (libsctp in Rust)
 A drop-in replacement for lksctp-tools' libsctp: libsctp.so.1 with the
 same ABI and symbol versions, the static library, <netinet/sctp.h>, the
 pkg-config file (libsctp.pc) and a man page per function.
 .
 It replaces Debian's libsctp1 and libsctp-dev; programs built against
 them, such as those of lksctp-tools, run on it unchanged.
EOC
# Dependents built against this package get the same dependency as with
# Debian's libsctp1, which this package provides.
echo "libsctp 1 libsctp1 (>= $version+dfsg)" > "$stage/DEBIAN/shlibs"
echo "activate-noawait ldconfig" > "$stage/DEBIAN/triggers"
(cd "$stage" && find usr -type f | LC_ALL=C sort | xargs md5sum) > "$stage/DEBIAN/md5sums"
find "$stage" -type d -exec chmod 755 {} +
chmod 644 "$stage"/DEBIAN/*

rm -f "$deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "$deb"
