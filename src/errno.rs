//! The C error convention: a failed call returns -1 and sets errno.

use libc::c_int;

/// An errno value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Errno(pub c_int);

pub type Result<T> = core::result::Result<T, Errno>;

/// The calling thread's errno.
pub fn get() -> c_int {
    // SAFETY: __errno_location returns a valid pointer to this thread's errno.
    unsafe { *libc::__errno_location() }
}

pub fn set(e: c_int) {
    // SAFETY: as in `get`.
    unsafe { *libc::__errno_location() = e }
}

/// A libc call's result: negative means failure, with errno already set.
pub fn check(ret: c_int) -> Result<c_int> {
    if ret < 0 {
        Err(Errno(get()))
    } else {
        Ok(ret)
    }
}

/// Same for calls returning ssize_t. Our C functions return int, as
/// lksctp's do; SCTP messages are far below 2 GiB, so the count fits.
pub fn check_size(ret: libc::ssize_t) -> Result<c_int> {
    if ret < 0 {
        Err(Errno(get()))
    } else {
        Ok(ret as c_int)
    }
}

/// Turn a result into the C return value, setting errno on failure.
pub fn to_c(r: Result<c_int>) -> c_int {
    match r {
        Ok(v) => v,
        Err(Errno(e)) => {
            set(e);
            -1
        }
    }
}

pub const EINVAL: Errno = Errno(libc::EINVAL);
pub const EFAULT: Errno = Errno(libc::EFAULT);
