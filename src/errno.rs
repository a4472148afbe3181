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

/// Turn a result into the C return value, setting errno on failure.
#[inline]
pub fn to_c(r: Result<c_int>) -> c_int {
    match r {
        Ok(v) => v,
        Err(e) => fail(e),
    }
}

/// Fail with `e`: set errno, return -1. Cold and out of line, so a caller's
/// success path keeps no registers or branches for it. (Where a libc call's
/// own -1 and errno are the answer, callers return them as they are.)
#[cold]
#[inline(never)]
pub fn fail(e: Errno) -> c_int {
    set(e.0);
    // Opaque, so that callers end in a tail call here: seeing a constant,
    // the optimiser would return -1 itself after the call, and every caller
    // would keep a stack frame for it.
    core::hint::black_box(-1)
}

pub const EINVAL: Errno = Errno(libc::EINVAL);
pub const EFAULT: Errno = Errno(libc::EFAULT);
