#!/bin/sh
# The one table of platforms. A row names a platform by its Debian
# architecture (musl ones by musl-<arch>) and gives what the build, the
# checks, the kernel runner and the packaging need to know of it.
#
#   tools/arch.sh NAME FIELD    FIELD of NAME's row; NAME is the Debian name
#                               or the Rust triple ("host": this one)
#   tools/arch.sh --list        every row's name
#
# Fields:
#   deb        Debian architecture (dpkg's; a musl row gives the glibc one)
#   triple     Rust target
#   multiarch  GNU triplet, the multiarch directory /usr/lib/<multiarch>
#   cc         C compiler for the target
#   cross      prefix of the target's binutils (ld, objcopy, strip, ar)
#   qemu_user  qemu-user emulator, for `cargo test` of the pure logic
#   kernel     Debian kernel flavour that boots under QEMU ("-": none)
#   qemu       qemu-system binary and machine options (':' for ' ')
#   console    the guest kernel's serial console
#
# musl-arm64 compiles with the arm64 cross gcc and musl's specs file from
# Debian's musl-dev:arm64 (tools/deps.sh arch-musl-arm64), without outline
# atomics: that gcc's libgcc.a implements them with glibc's __getauxval.
set -eu

table() {
	cat << 'EOT'
amd64      amd64   x86_64-unknown-linux-gnu      x86_64-linux-gnu      gcc                    -                      -             amd64       qemu-system-x86_64:-cpu:max                          ttyS0
arm64      arm64   aarch64-unknown-linux-gnu     aarch64-linux-gnu     aarch64-linux-gnu-gcc  aarch64-linux-gnu-     qemu-aarch64  arm64       qemu-system-aarch64:-M:virt:-cpu:max,pauth-impdef=on ttyAMA0
armhf      armhf   armv7-unknown-linux-gnueabihf arm-linux-gnueabihf   arm-linux-gnueabihf-gcc arm-linux-gnueabihf-  qemu-arm      armmp-lpae  qemu-system-arm:-M:virt:-cpu:cortex-a15              ttyAMA0
i386       i386    i686-unknown-linux-gnu        i386-linux-gnu        i686-linux-gnu-gcc     i686-linux-gnu-        qemu-i386     686-pae     qemu-system-i386:-cpu:max                            ttyS0
s390x      s390x   s390x-unknown-linux-gnu       s390x-linux-gnu       s390x-linux-gnu-gcc    s390x-linux-gnu-       qemu-s390x    s390x       qemu-system-s390x:-M:s390-ccw-virtio                 ttysclp0
ppc64el    ppc64el powerpc64le-unknown-linux-gnu powerpc64le-linux-gnu powerpc64le-linux-gnu-gcc powerpc64le-linux-gnu- qemu-ppc64le powerpc64le qemu-system-ppc64:-M:pseries hvc0
riscv64    riscv64 riscv64gc-unknown-linux-gnu   riscv64-linux-gnu     riscv64-linux-gnu-gcc  riscv64-linux-gnu-     qemu-riscv64  -           -                                                    -
musl-amd64 amd64   x86_64-unknown-linux-musl     x86_64-linux-musl     musl-gcc               -                      -             -           -                                                    -
musl-arm64 arm64   aarch64-unknown-linux-musl    aarch64-linux-musl    aarch64-linux-gnu-gcc:-specs:/usr/lib/aarch64-linux-musl/musl-gcc.specs:-mno-outline-atomics aarch64-linux-gnu- qemu-aarch64 - - -
EOT
}

case ${1:-} in
--list) table | awk '{ print $1 }'; exit 0 ;;
"" | -*) echo "usage: $0 NAME FIELD | --list" >&2; exit 2 ;;
esac
key=$1
[ "$key" != host ] || key=$(dpkg --print-architecture)
field=${2:?usage: $0 NAME FIELD}
col=$(echo "deb triple multiarch cc cross qemu_user kernel qemu console" | tr ' ' '\n' | grep -nx "$field" | cut -d: -f1)
[ -n "$col" ] || { echo "arch: no field '$field'" >&2; exit 2; }
row=$(table | awk -v k="$key" '$1 == k || $3 == k')
[ -n "$row" ] || { echo "arch: no platform '$key' (tools/arch.sh --list)" >&2; exit 2; }
echo "$row" | awk -v c="$((col + 1))" '{ v = $c; if (v == "-") v = ""; gsub(":", " ", v); print v }'
