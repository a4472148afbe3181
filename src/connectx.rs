//! sctp_connectx(3): associate with a peer at several addresses at once.
//!
//! libsctp.so.1 carries three ABI versions of sctp_connectx, and binaries
//! built against lksctp reference whichever was the default when they were
//! linked, so we export all three under lksctp's version nodes:
//!
//! | symbol                  | form                 | kernel interface              |
//! |-------------------------|----------------------|-------------------------------|
//! | sctp_connectx@VERS_1    | (sd, addrs, cnt)     | SCTP_SOCKOPT_CONNECTX_OLD     |
//! | sctp_connectx@VERS_2    | (sd, addrs, cnt, id) | SCTP_SOCKOPT_CONNECTX, then _OLD |
//! | sctp_connectx@@VERS_3   | (sd, addrs, cnt, id) | SCTP_SOCKOPT_CONNECTX3, then as VERS_2 |
//!
//! plus an unversioned sctp_connectx (the VERS_1 form), as lksctp has.

use crate::cptr::write_opt;
use crate::errno::{check, Errno, Result, ResultExt};
use crate::packed;
use crate::uapi::*;
use core::mem::size_of;
use libc::{c_int, c_void, sockaddr, socklen_t, EINPROGRESS, ENOPROTOOPT};

// The Makefile's version script declares the nodes; these bind each
// implementation to its version (the default, @@, is what new links get).
// The plain name is removed, or the version script would give it VERS_1;
// sctp_connectx_v3 keeps a name the Makefile's links can ask for.
core::arch::global_asm!(
    ".globl sctp_connectx_base",
    ".set sctp_connectx_base, sctp_connectx_v1",
    ".symver sctp_connectx_base, sctp_connectx@",
    ".symver sctp_connectx_v1, sctp_connectx@VERS_1",
    ".symver sctp_connectx_v2, sctp_connectx@VERS_2",
    ".globl sctp_connectx_v3",
    ".set sctp_connectx_v3, sctp_connectx",
    ".symver sctp_connectx, sctp_connectx@@VERS_3, remove",
);

/// The current sctp_connectx: connects and stores the new association's
/// id in `*id` (if not NULL), also when a non-blocking socket returns
/// -1/EINPROGRESS.
/// `addrs` points to `addrcnt` packed addresses; `id` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn sctp_connectx(sd: c_int, addrs: *mut sockaddr, addrcnt: c_int, id: *mut sctp_assoc_t) -> c_int {
    // SAFETY: connectx3 needs `addrs` NULL or holding `addrcnt` packed
    // addresses and `id` NULL or writable, which the caller promises.
    unsafe { connectx3(sd, addrs, addrcnt, id) }.or_minus_one_errno()
}

/// VERS_2: SCTP_SOCKOPT_CONNECTX, whose setsockopt returns the id.
/// As for [`sctp_connectx`].
#[no_mangle]
pub unsafe extern "C" fn sctp_connectx_v2(sd: c_int, addrs: *mut sockaddr, addrcnt: c_int, id: *mut sctp_assoc_t) -> c_int {
    // SAFETY: `addrs` is NULL or holds `addrcnt` packed addresses, as
    // array_len needs, and then the `len` bytes connectx2 needs; `id` is
    // NULL or writable: the caller's promises.
    unsafe { packed::array_len(addrs, addrcnt).and_then(|len| connectx2(sd, addrs, len, id)) }.or_minus_one_errno()
}

/// VERS_1: the original three-argument form, no association id.
/// `addrs` points to `addrcnt` packed addresses.
#[no_mangle]
pub unsafe extern "C" fn sctp_connectx_v1(sd: c_int, addrs: *mut sockaddr, addrcnt: c_int) -> c_int {
    // SAFETY: `addrs` is NULL or holds `addrcnt` packed addresses, as
    // array_len needs, and then the `len` bytes connectx_old needs: the
    // caller's promise.
    unsafe { packed::array_len(addrs, addrcnt).and_then(|len| connectx_old(sd, addrs, len)) }.or_minus_one_errno()
}

/// SCTP_SOCKOPT_CONNECTX3, then the older interfaces.
///
/// # Safety
/// `addrs` is NULL or holds `addrcnt` packed addresses; `id` is NULL or
/// writable.
unsafe fn connectx3(sd: c_int, addrs: *mut sockaddr, addrcnt: c_int, id: *mut sctp_assoc_t) -> Result<c_int> {
    // SAFETY: `addrs` is as array_len needs, per the contract.
    let len = unsafe { packed::array_len(addrs, addrcnt)? };
    let mut arg = sctp_getaddrs_old { assoc_id: 0, addr_num: len as c_int, addrs };
    let mut arglen = size_of::<sctp_getaddrs_old>() as socklen_t;
    // SAFETY: `arg` is our sctp_getaddrs_old of `arglen` bytes, pointing at
    // the `len` bytes array_len walked.
    let r = check(unsafe {
        libc::getsockopt(sd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX3, &mut arg as *mut _ as *mut c_void, &mut arglen)
    });
    match r {
        Ok(_) | Err(Errno(EINPROGRESS)) => {
            // SAFETY: `id` is NULL or writable, per the contract.
            unsafe { write_opt(id, arg.assoc_id) };
            r.map(|_| 0)
        }
        Err(Errno(ENOPROTOOPT)) => {
            // Kernels before 2.6.37: only the older interfaces. Their id
            // comes back from a blocking connect only (as lksctp).
            if !id.is_null() {
                // SAFETY: fcntl(F_GETFL) takes no pointer.
                let fl = check(unsafe { libc::fcntl(sd, libc::F_GETFL) })?;
                if fl & libc::O_NONBLOCK != 0 {
                    return Err(Errno(ENOPROTOOPT));
                }
            }
            // SAFETY: `addrs` holds the `len` bytes array_len walked; `id`
            // is NULL or writable, per the contract.
            unsafe { connectx2(sd, addrs, len, id) }
        }
        Err(e) => Err(e),
    }
}

/// SCTP_SOCKOPT_CONNECTX, whose answer is the id; then, if no id is
/// wanted, SCTP_SOCKOPT_CONNECTX_OLD.
///
/// # Safety
/// `addrs` holds `len` <= INT_MAX readable bytes; `id` is NULL or writable.
unsafe fn connectx2(sd: c_int, addrs: *const sockaddr, len: usize, id: *mut sctp_assoc_t) -> Result<c_int> {
    // SAFETY: `id` is NULL or writable, per the contract.
    unsafe { write_opt(id, 0) };
    // SAFETY: `addrs` holds `len` readable bytes, per the contract.
    match check(unsafe { libc::setsockopt(sd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX, addrs as *const c_void, len as socklen_t) }) {
        Ok(assoc) => {
            // SAFETY: `id` is NULL or writable, per the contract.
            unsafe { write_opt(id, assoc) };
            Ok(0)
        }
        // The old interface cannot report the id; fail if it was wanted.
        // SAFETY: `addrs` holds `len` readable bytes, per the contract.
        Err(Errno(ENOPROTOOPT)) if id.is_null() => unsafe { connectx_old(sd, addrs, len) },
        Err(e) => Err(e),
    }
}

/// SCTP_SOCKOPT_CONNECTX_OLD: connects, reports no id.
///
/// # Safety
/// `addrs` holds `len` <= INT_MAX readable bytes.
unsafe fn connectx_old(sd: c_int, addrs: *const sockaddr, len: usize) -> Result<c_int> {
    // SAFETY: `addrs` holds `len` readable bytes, per the contract.
    check(unsafe { libc::setsockopt(sd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX_OLD, addrs as *const c_void, len as socklen_t) })
}
