#!/bin/sh
# make check-boundary: Rust's side of the C boundary. Every unsafe block
# has a SAFETY comment (clippy::undocumented_unsafe_blocks); nothing can
# unwind into C (no code path that can panic is linked, or the panic
# handler calls abort(); the library needs no unwinder and has no landing
# pads); and the library has no writable state beyond the C runtime's.
#
#   tools/check-boundary.sh [OUTDIR] [PLATFORM]   make's output folder (default
#                       target/lib) and its tools/arch.sh name or Rust triple
#                       (default host)
set -u
name=boundary
. "$(dirname "$0")/lib.sh"
cd "$top"
out=${1:-target/lib}
plat=${2:-host}
cc=$("$tools/arch.sh" "$plat" cc)
objdump=$("$tools/arch.sh" "$plat" cross)objdump
# clippy checks the source, the same for every platform: the library's and
# the safe API's (sctp-socket, its tokio part, examples and tests) and
# withsctp's (its preload library and command).
if [ "$("$tools/arch.sh" "$plat" triple)" != "$(rustc -vV | sed -n 's/^host: //p')" ]; then note "clippy runs only for the host"
elif CARGO_TARGET_DIR=target/clippy ${CARGO:-cargo} clippy --release --locked --workspace --all-features --all-targets --quiet -- \
	-A clippy::all -D clippy::undocumented_unsafe_blocks
then ok "every unsafe block, the library's, sctp-socket's and withsctp's, has a SAFETY comment (clippy::undocumented_unsafe_blocks)"
else not_ok "unsafe blocks without a SAFETY comment (clippy above)"; fi
tmp=$(mktemp -d); on_exit() { rm -rf "$tmp"; }
obj=$out/sctp.o
# The name is readelf's last field and the section the one before it
# (ppc64's "[<localentry>: 8]" shifts the others).
h=$(readelf -sW $obj | awk 'NF > 7 && $4 == "FUNC" && $NF ~ /rust_begin_unwind$/ { print $NF }')
# With no code path that can panic, the linker drops the handler too.
if [ -z "$h" ] && ! readelf -sW $obj | grep -qi panic
then ok "no code path can panic: $obj links no panic handler and nothing of core::panicking"
elif [ -n "$h" ] && $objdump -d -r --no-show-raw-insn --disassemble="$h" $obj | \
	grep -q 'R_[A-Z0-9_]*[[:space:]]*abort'
then ok "the panic handler calls abort() (panic = \"abort\", no_std)"
else not_ok "panic code is linked into $obj, but no panic handler calling abort()"; fi
unwinder='_Unwind_|personality|__aeabi_unwind_cpp_pr|__cxa_throw|__cxa_begin_catch'
u=$(readelf -sW $obj | awk 'NF > 7 && $(NF - 1) == "UND" { print $NF }' | grep -E "$unwinder" | tr '\n' ' ')
if [ -n "$u" ]
then not_ok "the library's object needs the unwinder: $u"
else ok "the library's object needs no unwinder (_Unwind_*, *personality*, __aeabi_unwind_cpp_pr*)"; fi
so=$out/libsctp.so.1.0.19
u=$(readelf --dyn-syms -W $so | grep ' UND ' | grep -oE "[^ ]*($unwinder)[^ ]*" | tr '\n' ' ')
u=$u$(readelf -d $so | grep -o '\[libgcc_s[^]]*' | tr -d '[')
if [ -z "$u" ]; then ok "libsctp.so.1 imports no unwinder and needs no libgcc_s"; else not_ok "libsctp.so.1 needs the unwinder: $u"; fi
if readelf -SW $so | grep -q gcc_except_table
then not_ok "libsctp.so.1 has landing pads (.gcc_except_table)"
else ok "libsctp.so.1 has no landing pads (.gcc_except_table): nothing unwinds through it"; fi
echo 'int issue4_empty(void) { return 0; }' > "$tmp/e.c"
$cc -shared -fPIC -o "$tmp/e.so" "$tmp/e.c" -Wl,-z,relro,-z,now
rw() { s=0; for x in $(readelf -SW "$1" | sed 's/^ *\[ *[0-9]*\]//' | \
	awk '$1 ~ /^\.(s?data|s?bss|tdata|tbss)$/ { print $5 }'); do s=$((s + 0x$x)); done; echo $s; }
ours=$(rw $so); base=$(rw "$tmp/e.so")
if [ "$ours" -le "$base" ]
then ok "libsctp.so.1 has no global or thread-local state ($ours bytes of .data/.bss, as an empty C library)"
else not_ok "libsctp.so.1 has $ours bytes of .data/.bss/.tdata/.tbss, an empty C library $base"; fi
finish "$plat"
