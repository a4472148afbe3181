//! Telling Valgrind's memcheck what the kernel wrote when the system call's
//! own answer says less (see addrs.rs: Linux's optlen for local addresses
//! leaves out 8 bytes it wrote). A Valgrind client request, as valgrind.h
//! builds it: natively a dozen register instructions that change nothing.

/// Mark `len` bytes at `p` as initialised, for memcheck; no effect outside
/// Valgrind.
#[inline(always)]
pub fn mark_defined(p: *const u8, len: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        // VG_USERREQ__MAKE_MEM_DEFINED: VG_USERREQ_TOOL_BASE('M', 'C') + 2.
        const MAKE_MEM_DEFINED: usize = 0x4d43_0002;
        let request: [usize; 6] = [MAKE_MEM_DEFINED, p as usize, len, 0, 0, 0];
        // SAFETY: valgrind.h's x86_64 client request. The four rotations of
        // rdi add up to 128 bits and leave it as it was, `xchg rbx, rbx`
        // changes nothing; natively the sequence only reads `request`.
        // Under Valgrind it is recognised and marks the range, which the
        // caller owns; rdx gets the (ignored) result.
        unsafe {
            core::arch::asm!(
                "rol rdi, 3", "rol rdi, 13", "rol rdi, 61", "rol rdi, 51", "xchg rbx, rbx",
                in("rax") request.as_ptr(),
                inout("rdx") 0usize => _,
                inout("rdi") 0usize => _,
            );
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (p, len);
}
