//! The C error convention: a failed call returns -1 and sets errno.
//!
//! Every exported function that can fail computes a [`Result`] and ends in
//! one conversion of it to the C return value,
//! [`ResultExt::or_minus_one_errno`] (relibc's name): `Ok(v)` returns `v`,
//! `Err(e)` sets errno to `e` and returns -1. A failure is an [`Errno`]:
//! one of our own checks' (EINVAL, EFAULT from [`crate::cptr`], ...), or
//! a libc call's, taken in one of two ways:
//!
//! - [`check`]: errno is read into the `Err` now, for callers that look at
//!   the value or call libc again before they return;
//! - [`pass_through`]: the call's own -1 and errno are the answer. Its
//!   `Err` is [`Errno::SET`], which the conversion returns as -1 without
//!   touching errno. That costs nothing: the conversion's `r == -1 ? -1 : r`
//!   folds to `r`, so an export ending in a libc call still tail-calls it.
//!
//! An out-of-line helper an export returns from (sctp_bindx's
//! `bindx_in_parts`, sctp_sendv's `sendv_many`) is C-shaped itself: it ends
//! in the conversion, and the export passes its answer through like a libc
//! call's. A `Result` coming back from a call would merge with the export's
//! own and cost its common path a few instructions.
//!
//! Nothing else reaches C: no `Option` stands for "errno is set", and no
//! export returns a libc value without one of these two (recvmsg.rs's
//! `receive` writes pass_through's test out as a sign test, which is
//! cheaper there). The exports that
//! cannot fail (sctp_freepaddrs, sctp_freeladdrs, sctp_getaddrlen) return
//! their value as it is.

use libc::c_int;

/// An errno value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Errno(pub c_int);

impl Errno {
    /// A libc call's failure whose errno is set already and stays the
    /// answer (see [`pass_through`]). -1 is no errno value; it is the C
    /// return value, so the `Err` carries the same number as libc's answer
    /// and the conversion returns it unchanged. (Crate-wide only: cbindgen
    /// leaves blank lines in the header for a public associated const.)
    pub(crate) const SET: Errno = Errno(-1);
}

pub type Result<T> = core::result::Result<T, Errno>;

/// The calling thread's errno.
pub fn get() -> c_int {
    // SAFETY: __errno_location returns a valid pointer to this thread's errno.
    unsafe { *libc::__errno_location() }
}

fn set(e: c_int) {
    // SAFETY: __errno_location returns a valid pointer to this thread's
    // errno, which only this thread writes.
    unsafe { *libc::__errno_location() = e }
}

/// A libc call's result, its failure (negative) as the errno it set.
pub fn check(ret: c_int) -> Result<c_int> {
    if ret < 0 {
        Err(Errno(get()))
    } else {
        Ok(ret)
    }
}

/// A libc call's result whose -1 and errno are our answer as they are:
/// -1 is `Err(Errno::SET)`, every other value `Ok`. Not for results whose
/// error is looked at (that is [`check`]).
#[inline(always)]
pub fn pass_through(ret: c_int) -> Result<c_int> {
    if ret == -1 {
        // Errno::SET, spelt `ret` (as the conversion returns `e.0`): libc's
        // value on every path, so the optimiser drops the test.
        Err(Errno(ret))
    } else {
        Ok(ret)
    }
}

/// The conversion each exported function ends in.
pub trait ResultExt {
    /// The C return value: the value, or -1 with errno set.
    fn or_minus_one_errno(self) -> c_int;
}

impl ResultExt for Result<c_int> {
    #[inline(always)]
    fn or_minus_one_errno(self) -> c_int {
        match self {
            Ok(v) => v,
            Err(e) if e == Errno::SET => e.0,
            // Most of our own failures are EINVAL. A call of its own with
            // the constant keeps the optimiser from holding it in a register
            // across the common path for a shared call (one instruction
            // more on sctp_bindx's, measured).
            Err(EINVAL) => fail(EINVAL),
            Err(e) => fail(e),
        }
    }
}

/// Fail with `e`: set errno, return -1. Cold and out of line, so a caller's
/// success path keeps no registers or branches for it.
#[cold]
#[inline(never)]
fn fail(e: Errno) -> c_int {
    set(e.0);
    // Opaque, so that callers end in a tail call here: seeing a constant,
    // the optimiser would return -1 itself after the call, and every caller
    // would keep a stack frame for it.
    core::hint::black_box(-1)
}

pub const EINVAL: Errno = Errno(libc::EINVAL);
pub const EFAULT: Errno = Errno(libc::EFAULT);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_conversion_sets_errno_unless_libc_has() {
        set(libc::EBADF);
        assert_eq!(Err(EINVAL).or_minus_one_errno(), -1);
        assert_eq!(get(), libc::EINVAL);
        set(libc::EBADF);
        assert_eq!(pass_through(-1).or_minus_one_errno(), -1);
        assert_eq!(get(), libc::EBADF, "a passed-through failure keeps libc's errno");
        assert_eq!(pass_through(7).or_minus_one_errno(), 7);
        assert_eq!(check(-1), Err(Errno(libc::EBADF)));
    }
}
