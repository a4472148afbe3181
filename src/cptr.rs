//! The caller's pointers: the one EFAULT check, and the reads and writes
//! through pointers the C API lets be NULL.
//!
//! A pointer the call cannot do without goes through [`required`] before
//! anything is read through it (lksctp dereferences NULL; we fail with
//! EFAULT, as the kernel would). An optional one (an out-parameter the
//! caller does not want, an in/out one it leaves out) goes through
//! [`read_opt`] and [`write_opt`]. Call sites only say which kind each
//! pointer is.

use crate::errno::{Result, EFAULT};

/// A raw pointer, `*const T` or `*mut T`.
pub trait Ptr: Copy {
    fn is_null(self) -> bool;
}

impl<T> Ptr for *const T {
    #[inline(always)]
    fn is_null(self) -> bool {
        <*const T>::is_null(self)
    }
}

impl<T> Ptr for *mut T {
    #[inline(always)]
    fn is_null(self) -> bool {
        <*mut T>::is_null(self)
    }
}

/// `p` itself, or EFAULT when it is NULL.
#[inline(always)]
pub fn required<P: Ptr>(p: P) -> Result<P> {
    if p.is_null() {
        Err(EFAULT)
    } else {
        Ok(p)
    }
}

/// `*p`, or `default` when `p` is NULL.
///
/// # Safety
/// `p` is NULL or valid for reading a `T` (aligned or not).
#[inline(always)]
pub unsafe fn read_opt<T: Copy>(p: *const T, default: T) -> T {
    if p.is_null() {
        default
    } else {
        // SAFETY: non-NULL, so valid for the read by the contract.
        unsafe { p.read_unaligned() }
    }
}

/// `*p = v`, unless `p` is NULL.
///
/// # Safety
/// `p` is NULL or valid for writing a `T` (aligned or not).
#[inline(always)]
pub unsafe fn write_opt<T>(p: *mut T, v: T) {
    if !p.is_null() {
        // SAFETY: non-NULL, so valid for the write by the contract.
        unsafe { p.write_unaligned(v) }
    }
}
