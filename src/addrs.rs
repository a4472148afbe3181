//! sctp_getpaddrs(3), sctp_getladdrs(3) and their frees; sctp_getaddrlen.

use crate::cptr::required;
use crate::errno::{self, Errno, Result, ResultExt, EINVAL};
use crate::packed;
use crate::uapi::*;
use core::mem::{size_of, MaybeUninit};
use libc::{c_int, c_void, sa_family_t, sockaddr, socklen_t, ENOBUFS, ENOMEM};

/// The peer addresses of association `id`: their count, and in `*addrs` a
/// packed array to release with sctp_freepaddrs. The kernel's answer is
/// read whole, however many addresses there are.
#[no_mangle]
pub unsafe extern "C" fn sctp_getpaddrs(sd: c_int, id: sctp_assoc_t, addrs: *mut *mut sockaddr) -> c_int {
    // SAFETY: getaddrs needs `addrs` NULL or writable, which the caller
    // promises.
    unsafe { getaddrs(sd, id, addrs, SCTP_GET_PEER_ADDRS) }.or_minus_one_errno()
}

/// The local addresses of association `id` (0 on a one-to-many socket: the
/// socket's own), as for sctp_getpaddrs; release with sctp_freeladdrs.
#[no_mangle]
pub unsafe extern "C" fn sctp_getladdrs(sd: c_int, id: sctp_assoc_t, addrs: *mut *mut sockaddr) -> c_int {
    // SAFETY: getaddrs needs `addrs` NULL or writable, which the caller
    // promises.
    unsafe { getaddrs(sd, id, addrs, SCTP_GET_LOCAL_ADDRS) }.or_minus_one_errno()
}

/// Release an array from sctp_getpaddrs (NULL is allowed); returns 0.
#[no_mangle]
pub unsafe extern "C" fn sctp_freepaddrs(addrs: *mut sockaddr) -> c_int {
    // SAFETY: the caller passes NULL or an array from getaddrs, which is
    // a whole malloc'ed block (see getaddrs_heap), not freed before.
    unsafe { libc::free(addrs as *mut c_void) };
    0
}

/// Release an array from sctp_getladdrs (NULL is allowed); returns 0.
#[no_mangle]
pub unsafe extern "C" fn sctp_freeladdrs(addrs: *mut sockaddr) -> c_int {
    // SAFETY: sctp_getladdrs's arrays come from getaddrs too, so `addrs`
    // is what sctp_freepaddrs takes: NULL or such an array.
    unsafe { sctp_freepaddrs(addrs) }
}

/// Size of a socket address of `family`: sockaddr_in or sockaddr_in6, 0
/// for families SCTP does not carry.
#[no_mangle]
pub extern "C" fn sctp_getaddrlen(family: sa_family_t) -> c_int {
    packed::addr_len(c_int::from(family)).unwrap_or(0) as c_int
}

/// The first answer goes to the stack: room for 146 IPv6 addresses, one
/// call for any ordinary association.
const FIRST_TRY: usize = 4096;
const HEAD: usize = size_of::<sctp_getaddrs>();

#[repr(C, align(8))]
struct FirstTry([u8; FIRST_TRY]);

/// Length of the `count` packed addresses the kernel wrote at `p`, never
/// reading beyond `avail` bytes.
///
/// # Safety
/// `p` has `avail` bytes, initialised as far as the kernel's entries go.
unsafe fn packed_len(p: *const u8, avail: usize, count: u32) -> Result<usize> {
    let count = c_int::try_from(count).map_err(|_| EINVAL)?;
    packed::walk(
        count,
        // SAFETY: only inside `avail`, at the start of an entry.
        |off| (off + 2 <= avail).then(|| unsafe { p.add(off).cast::<sa_family_t>().read_unaligned() }),
        |e| if e.offset + e.len <= avail { Ok(()) } else { Err(EINVAL) },
    )
}

/// Ask the kernel for the addresses into the `cap` bytes at `buf`: the
/// count and the length of the packed array that follows the head.
///
/// The returned optlen cannot size the array: for local addresses Linux
/// leaves the 8-byte head out of it, for peer addresses not. So the
/// `addr_num` entries are walked, inside the buffer.
///
/// # Safety
/// `buf` has `cap` >= HEAD writable bytes, aligned for sctp_getaddrs.
// Inlined: out of line, its result goes through memory (about 30
// instructions a call more, measured).
#[inline(always)]
unsafe fn ask(sd: c_int, id: sctp_assoc_t, opt: c_int, buf: *mut u8, cap: usize) -> Result<(c_int, usize)> {
    // SAFETY: `buf` has `cap` >= HEAD writable bytes, aligned for
    // sctp_getaddrs, per the contract.
    unsafe { (buf as *mut sctp_getaddrs).write(sctp_getaddrs { assoc_id: id, addr_num: 0 }) };
    let mut len = cap as socklen_t;
    // SAFETY: `buf` has `len` = `cap` writable bytes, per the contract.
    errno::check(unsafe { libc::getsockopt(sd, SOL_SCTP, opt, buf as *mut c_void, &mut len) })?;
    // SAFETY: the head we wrote is there, aligned, and the kernel's
    // success rewrote it.
    let n = unsafe { (buf as *const sctp_getaddrs).read() }.addr_num;
    // SAFETY: the `cap - HEAD` bytes after the head are in `buf`, and
    // initialised as far as the kernel's entries go.
    let bytes = unsafe { packed_len(buf.add(HEAD), cap - HEAD, n)? };
    // The kernel wrote them all, but for local addresses its optlen leaves
    // the head out, so memcheck would take the last 8 bytes for unwritten
    // and report the caller's every use of them.
    // SAFETY: HEAD <= `cap`: the offset stays inside `buf`.
    crate::memcheck::mark_defined(unsafe { buf.add(HEAD) }, bytes);
    Ok((n as c_int, bytes))
}

/// The addresses, in a malloc'ed array of exactly their size (the caller
/// frees it; lksctp's memmove into place reads 8 bytes past its data).
///
/// # Safety
/// `out` is NULL or valid for writing a pointer.
#[inline(always)]
unsafe fn getaddrs(sd: c_int, id: sctp_assoc_t, out: *mut *mut sockaddr, opt: c_int) -> Result<c_int> {
    let out = required(out)?;
    let mut first = MaybeUninit::<FirstTry>::uninit();
    let buf = first.as_mut_ptr() as *mut u8;
    // SAFETY: `buf` is `first`, our FIRST_TRY bytes, aligned (8) for
    // sctp_getaddrs.
    let (n, bytes) = match unsafe { ask(sd, id, opt, buf, FIRST_TRY) } {
        Ok(answer) => answer,
        // SAFETY: `out` is non-NULL (required above), so writable, per the
        // contract.
        Err(Errno(ENOMEM)) => return unsafe { getaddrs_heap(sd, id, out, opt) },
        Err(e) => return Err(e),
    };
    // malloc(0) may return NULL, which would read as a failure.
    // SAFETY: malloc has no preconditions; the block goes to the caller.
    let array = unsafe { libc::malloc(bytes.max(1)) } as *mut u8;
    if array.is_null() {
        return Err(Errno(ENOMEM));
    }
    // SAFETY: `bytes` bytes of the kernel's answer in `buf` (ask kept them
    // inside FIRST_TRY) into the new block of at least `bytes`; `out` is
    // non-NULL, so writable per the contract.
    unsafe {
        core::ptr::copy_nonoverlapping(buf.add(HEAD), array, bytes);
        out.write_unaligned(array as *mut sockaddr);
    }
    Ok(n)
}

/// An answer larger than FIRST_TRY: the kernel says ENOMEM while the buffer
/// is too small, so grow it geometrically until the answer fits (lksctp
/// grows 4 KiB at a time and gives up at 128 KiB). The socket option length
/// is an int: that, not an arbitrary count, is the limit (ENOBUFS past it,
/// as lksctp).
///
/// # Safety
/// `out` is valid for writing a pointer.
#[inline(never)]
unsafe fn getaddrs_heap(sd: c_int, id: sctp_assoc_t, out: *mut *mut sockaddr, opt: c_int) -> Result<c_int> {
    let mut cap = 2 * FIRST_TRY;
    // SAFETY: malloc has no preconditions; every path below frees the
    // block or hands it out.
    let mut buf = unsafe { libc::malloc(cap) } as *mut u8;
    loop {
        if buf.is_null() {
            return Err(Errno(ENOMEM));
        }
        // SAFETY: `buf` is non-NULL: `cap` bytes of ours from malloc,
        // aligned for any type.
        match unsafe { ask(sd, id, opt, buf, cap) } {
            Ok((n, bytes)) => {
                // The caller frees the array, so it must start the block.
                // SAFETY: both ranges lie inside `buf`'s `cap` bytes (ask
                // kept the `bytes` inside `cap - HEAD`); `out` is writable
                // per the contract.
                unsafe {
                    core::ptr::copy(buf.add(HEAD), buf, bytes);
                    out.write_unaligned(buf as *mut sockaddr);
                }
                return Ok(n);
            }
            Err(Errno(ENOMEM)) if cap <= c_int::MAX as usize / 2 => {}
            Err(e) => {
                // SAFETY: `buf` came from malloc, is ours, and is not used
                // again.
                unsafe { libc::free(buf as *mut c_void) };
                return Err(if e == Errno(ENOMEM) { Errno(ENOBUFS) } else { e });
            }
        }
        cap *= 2;
        // The kernel rewrites it all: a new block, not realloc's copy.
        // SAFETY: `buf` came from malloc and is ours; it is not used again.
        unsafe { libc::free(buf as *mut c_void) };
        // SAFETY: malloc has no preconditions; the loop checks for NULL
        // and frees or hands out the block.
        buf = unsafe { libc::malloc(cap) } as *mut u8;
    }
}
