#!/bin/sh
# make check-boundary: Rust's side of the C boundary. Every unsafe block
# has a SAFETY comment (clippy::undocumented_unsafe_blocks); nothing can
# unwind into C (no code path that can panic is linked, or the panic
# handler calls abort(); the library needs no unwinder and has no landing
# pads); and the library has no writable state beyond the C runtime's.
set -u
name=boundary
. "$(dirname "$0")/lib.sh"
cd "$top"
if CARGO_TARGET_DIR=target/clippy ${CARGO:-cargo} clippy --release --locked --all-targets --quiet -- \
	-A clippy::all -D clippy::undocumented_unsafe_blocks
then ok "every unsafe block has a SAFETY comment (clippy::undocumented_unsafe_blocks)"
else not_ok "unsafe blocks without a SAFETY comment (clippy above)"; fi
tmp=$(mktemp -d); on_exit() { rm -rf "$tmp"; }
obj=target/lib/sctp.o
h=$(readelf -sW $obj | awk '$4 == "FUNC" && $8 ~ /rust_begin_unwind$/ { print $8 }')
# With no code path that can panic, the linker drops the handler too.
if [ -z "$h" ] && ! readelf -sW $obj | grep -qi panic
then ok "no code path can panic: $obj links no panic handler and nothing of core::panicking"
elif [ -n "$h" ] && objdump -d -r --no-show-raw-insn --disassemble="$h" $obj | \
	grep -q 'R_X86_64_[A-Z0-9]*[[:space:]]*abort'
then ok "the panic handler calls abort() (panic = \"abort\", no_std)"
else not_ok "panic code is linked into $obj, but no panic handler calling abort()"; fi
if readelf -sW $obj | awk '$7 == "UND" { print $8 }' | grep -qE '_Unwind_|eh_personality'
then not_ok "the library's object needs the unwinder"
else ok "the library's object needs no unwinder (_Unwind_*, rust_eh_personality)"; fi
so=target/lib/libsctp.so.1.0.19
u=$(nm -D --undefined-only $so | grep -E '_Unwind_|personality|__cxa_throw|__cxa_begin_catch' || true)
if [ -z "$u" ]; then ok "libsctp.so.1 imports no unwinder"; else not_ok "libsctp.so.1 imports $u"; fi
if readelf -SW $so | grep -q gcc_except_table
then not_ok "libsctp.so.1 has landing pads (.gcc_except_table)"
else ok "libsctp.so.1 has no landing pads (.gcc_except_table): nothing unwinds through it"; fi
echo 'int issue4_empty(void) { return 0; }' > "$tmp/e.c"
${CC:-gcc} -shared -fPIC -o "$tmp/e.so" "$tmp/e.c" -Wl,-z,relro,-z,now
rw() { s=0; for x in $(readelf -SW "$1" | sed 's/^ *\[ *[0-9]*\]//' | \
	awk '$1 ~ /^\.(data|bss|tdata|tbss)$/ { print $5 }'); do s=$((s + 0x$x)); done; echo $s; }
ours=$(rw $so); base=$(rw "$tmp/e.so")
if [ "$ours" -le "$base" ]
then ok "libsctp.so.1 has no global or thread-local state ($ours bytes of .data/.bss, as an empty C library)"
else not_ok "libsctp.so.1 has $ours bytes of .data/.bss/.tdata/.tbss, an empty C library $base"; fi
finish
