//! An interposed `sendmsg(2)`: for [`FUZZ_FD`] it records the message
//! instead of sending it; every other descriptor goes to the kernel.
//!
//! The definition below is the program's `sendmsg` symbol, defined in the
//! program itself, so the library's calls to libc's `sendmsg` (in its
//! rlib, linked into the program) resolve to it in place of libc's.

use libc::{c_int, msghdr, ssize_t};
use std::cell::RefCell;

/// A descriptor number no real file has: sends to it are captured.
pub const FUZZ_FD: c_int = 0x3fff_fff0;

/// What the library handed to sendmsg(2), copied out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sent {
    /// msg_name's bytes (msg_namelen of them), None if msg_name was NULL.
    pub name: Option<Vec<u8>>,
    pub namelen: u32,
    /// The iov entries' lengths.
    pub iov_lens: Vec<usize>,
    /// msg_control's bytes (msg_controllen of them), None if NULL.
    pub control: Option<Vec<u8>>,
    pub controllen: usize,
    pub flags: c_int,
}

thread_local! {
    static SENT: RefCell<Option<Sent>> = const { RefCell::new(None) };
}

/// The message captured since the last call, if any.
pub fn take() -> Option<Sent> {
    SENT.with(|s| s.borrow_mut().take())
}

/// # Safety
/// As sendmsg(2): `msg` points to a valid msghdr whose pointers are valid
/// for their lengths (the fuzz targets only send from buffers they own).
#[no_mangle]
pub unsafe extern "C" fn sendmsg(fd: c_int, msg: *const msghdr, flags: c_int) -> ssize_t {
    if fd != FUZZ_FD {
        // SAFETY: the caller's arguments, passed to the kernel unchanged.
        return unsafe { libc::syscall(libc::SYS_sendmsg, fd, msg, flags) } as ssize_t;
    }
    // SAFETY: per the contract, `msg` and what it points to are readable.
    let m = unsafe { &*msg };
    let bytes = |p: *const u8, n: usize| -> Option<Vec<u8>> {
        // SAFETY: `p` has `n` readable bytes, per the contract.
        (!p.is_null()).then(|| unsafe { std::slice::from_raw_parts(p, n) }.to_vec())
    };
    let iov_lens: Vec<usize> = (0..m.msg_iovlen as usize)
        // SAFETY: msg_iov has msg_iovlen entries.
        .map(|i| unsafe { (*m.msg_iov.add(i)).iov_len })
        .collect();
    let total: usize = iov_lens.iter().sum();
    let sent = Sent {
        name: bytes(m.msg_name as *const u8, m.msg_namelen as usize),
        namelen: m.msg_namelen,
        iov_lens,
        control: bytes(m.msg_control as *const u8, m.msg_controllen as usize),
        controllen: m.msg_controllen as usize,
        flags,
    };
    SENT.with(|s| *s.borrow_mut() = Some(sent));
    total as ssize_t
}
