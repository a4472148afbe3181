//! The calls into libsctp and the kernel, and the one conversion of their
//! failures to `io::Error`.
//!
//! libsctp's exported functions (`sctp::bindx::sctp_bindx`, ...) answer as
//! C does, -1 with errno set: [`c_result`] reads that answer. Socket
//! options go through [`getsockopt`] and [`setsockopt`] (for options of
//! variable length, [`getsockopt_bytes`] and [`setsockopt_bytes`]), which
//! check their result with the library's own `errno::check`.

use libc::{c_int, c_void, socklen_t};
use sctp::errno::{self, Errno};
use std::io;
use std::mem::size_of;
use std::os::fd::{AsRawFd, BorrowedFd};

/// SOL_SCTP, the socket option level.
pub(crate) const SOL_SCTP: c_int = 132;
/// IPPROTO_SCTP.
pub(crate) const IPPROTO_SCTP: c_int = 132;

/// An errno from libsctp's own checks or from libc, as an `io::Error`.
pub(crate) fn io_error(e: Errno) -> io::Error {
    io::Error::from_raw_os_error(e.0)
}

/// A libc or libsctp C-convention result: negative is a failure whose
/// errno is set.
pub(crate) fn c_result(ret: c_int) -> io::Result<c_int> {
    errno::check(ret).map_err(io_error)
}

/// getsockopt(SOL_SCTP, `opt`) into `val`, which holds the option's input
/// fields (an association id, an address) on the way in. Returns the length
/// the kernel answered.
///
/// `T` must be a plain C struct (a `sctp::uapi` mirror): any bytes the
/// kernel writes are a valid `T`.
pub(crate) fn getsockopt<T: Copy>(fd: BorrowedFd<'_>, opt: c_int, val: &mut T) -> io::Result<socklen_t> {
    let mut len = size_of::<T>() as socklen_t;
    // SAFETY: `val` is a writable T of `len` bytes, and T is plain data
    // (this function's contract), so whatever the kernel writes is a T.
    c_result(unsafe { libc::getsockopt(fd.as_raw_fd(), SOL_SCTP, opt, val as *mut T as *mut c_void, &mut len) })?;
    Ok(len)
}

/// setsockopt(SOL_SCTP, `opt`, `val`).
pub(crate) fn setsockopt<T: Copy>(fd: BorrowedFd<'_>, opt: c_int, val: &T) -> io::Result<()> {
    // SAFETY: `val` is a readable T of the length passed.
    c_result(unsafe {
        libc::setsockopt(fd.as_raw_fd(), SOL_SCTP, opt, val as *const T as *const c_void, size_of::<T>() as socklen_t)
    })
    .map(drop)
}

/// getsockopt(SOL_SCTP, `opt`) into `buf`, for an option of variable
/// length (a fixed head and a list after it): `buf` holds the head's input
/// fields on the way in. Returns the length the kernel answered.
pub(crate) fn getsockopt_bytes(fd: BorrowedFd<'_>, opt: c_int, buf: &mut [u8]) -> io::Result<socklen_t> {
    let mut len = socklen_t::try_from(buf.len()).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    // SAFETY: `buf` is `len` writable bytes; any bytes are a u8.
    c_result(unsafe { libc::getsockopt(fd.as_raw_fd(), SOL_SCTP, opt, buf.as_mut_ptr() as *mut c_void, &mut len) })?;
    Ok(len)
}

/// setsockopt(SOL_SCTP, `opt`) of the bytes of `buf`, for an option of
/// variable length.
pub(crate) fn setsockopt_bytes(fd: BorrowedFd<'_>, opt: c_int, buf: &[u8]) -> io::Result<()> {
    let len = socklen_t::try_from(buf.len()).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    // SAFETY: `buf` is `len` readable bytes.
    c_result(unsafe { libc::setsockopt(fd.as_raw_fd(), SOL_SCTP, opt, buf.as_ptr() as *const c_void, len) }).map(drop)
}
