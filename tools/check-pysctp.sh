#!/bin/sh
# A real client from PyPI on this libsctp: pysctp, a C extension calling
# sctp_bindx, sctp_connectx, sctp_getpaddrs/getladdrs, sctp_peeloff,
# sctp_sendmsg and sctp_recvmsg, built from its source distribution (no
# binary wheel) against this library as `make install` installs it, then a
# short Python exchange over loopback on a real kernel SCTP.
#
#   tools/check-pysctp.sh          (make check-pysctp)
#
# Everything lives in target/pysctp: prefix/ (make install PREFIX=...),
# venv/ (pysctp installed there), dl/ (the sdist, kept as a cache).
# Environment: PYTHON (python3), PYSCTP_VERSION (0.7.3), MAKE (make).
set -u
name=pysctp
. "$(dirname "$0")/lib.sh"
base=$top/target/pysctp
prefix=$base/prefix
venv=$base/venv
version=${PYSCTP_VERSION:-0.7.3}
make=${MAKE:-make}
python=${PYTHON:-python3}
mkdir -p "$base/dl"
die() { not_ok "$*"; finish; }

# 1. Our library, installed the way a user installs it.
rm -rf "$prefix"
check "make install PREFIX=$prefix" $make -C "$top" --no-print-directory -s install PREFIX="$prefix"

# 2. A Python with its C headers and venv (Debian splits them off into
# python3-dev and python3-venv).
[ "$python" != python3 ] || "$tools/deps.sh" pysctp
"$python" -c 'import os, sysconfig, venv, ensurepip
assert os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h"))' 2>/dev/null ||
	die "$python lacks Python.h or venv (tools/deps.sh pysctp)"
pyexe=$("$python" -c 'import sys; print(sys.executable)')
echo "# python: $pyexe ($("$pyexe" -V 2>&1))"

rm -rf "$venv"
check "python -m venv target/pysctp/venv" "$pyexe" -m venv "$venv"
pip="$venv/bin/python -m pip --disable-pip-version-check"
# setuptools (and, before setuptools 70.1, wheel) builds pysctp's setup.py;
# Python 3.12's venv has neither. They are build tools, not pysctp.
"$venv/bin/python" -c 'import setuptools, wheel' 2>/dev/null ||
	check "pip install setuptools wheel (the build tools)" $pip install -q setuptools wheel

# 3. pysctp's source distribution from PyPI (kept in dl/ for the next run).
sdist=$base/dl/pysctp-$version.tar.gz
[ -f "$sdist" ] || check "pip download --no-binary :all: pysctp==$version" \
	$pip download -q --no-binary :all: --no-deps -d "$base/dl" "pysctp==$version"
[ -f "$sdist" ] || die "no source distribution $sdist"

# 4. Build it from source against the installed header and library; the
# rpath makes it load the installed libsctp.so.1, whatever else is on the
# machine (Debian's libsctp1, say).
# -Wp,-MD records the headers the compilation really read.
rm -f "$base/_sctp.d"
CFLAGS="-I$prefix/include -Wp,-MD,$base/_sctp.d" LDFLAGS="-L$prefix/lib -Wl,-rpath,$prefix/lib" \
	check "pip install --no-binary pysctp pysctp-$version.tar.gz (C extension built from source)" \
	$pip install -vv --no-cache-dir --no-build-isolation --no-deps --no-binary pysctp "$sdist"
cp "$lib_log" "$base/build.log"
grep -E '^[[:space:]]*[^[:space:]]*(gcc|cc) .*_sctp' "$base/build.log" | sed 's/^[[:space:]]*/#   /'
so=$(find "$venv" -name '_sctp*.so' | head -n 1)
[ -n "$so" ] || die "no _sctp extension module in $venv"
echo "# built: ${so#$top/}"

# 5. It was built against ours, and loads ours.
check "_sctp.c was compiled with our <netinet/sctp.h>, not /usr/include's" sh -c \
	"grep -q '$prefix/include/netinet/sctp.h' '$base/_sctp.d' && ! grep -q '/usr/include/netinet/sctp.h' '$base/_sctp.d'"
check "_sctp links libsctp.so.1 with RUNPATH $prefix/lib" sh -c \
	"readelf -d '$so' | grep -q 'NEEDED.*libsctp.so.1' && readelf -d '$so' | grep -q 'R.*PATH.*$prefix/lib'"
check "ldd: libsctp.so.1 => $prefix/lib/libsctp.so.1" sh -c "ldd '$so' | grep -q 'libsctp.so.1 => $prefix/lib/libsctp.so.1'"
ldd "$so" | grep libsctp | sed 's/^[[:space:]]*/#   ldd: /'
check "LD_DEBUG=libs: importing _sctp initialises $prefix/lib/libsctp.so.1" sh -c \
	"LD_DEBUG=libs '$venv/bin/python' -c 'import _sctp, sctp' 2>&1 | grep 'calling init' | grep -q '$prefix/lib/libsctp.so.1'"

# 6. The exchange, where the kernel speaks SCTP.
in_kernel "$base/exchange.log" "$venv/bin/python" "$tools/pysctp_exchange.py"
say - < "$base/exchange.log"
finish
