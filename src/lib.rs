//! libsctp.so.1 in Rust: a drop-in replacement for lksctp-tools' libsctp.
//!
//! Each exported C function is a thin wrapper over setsockopt/getsockopt/
//! sendmsg/recvmsg, one module per API family as in lksctp's `src/lib`:
//!
//! | module        | exports                                                   |
//! |---------------|-----------------------------------------------------------|
//! | [`addrs`]     | sctp_getpaddrs, sctp_freepaddrs, sctp_getladdrs, sctp_freeladdrs, sctp_getaddrlen |
//! | [`bindx`]     | sctp_bindx                                                |
//! | [`connectx`]  | sctp_connectx (symbol versions VERS_1, VERS_2, VERS_3)    |
//! | [`opt_info`]  | sctp_opt_info                                             |
//! | [`peeloff`]   | sctp_peeloff, sctp_peeloff_flags                          |
//! | [`sendmsg`]   | sctp_sendmsg, sctp_send, sctp_sendv                       |
//! | [`recvmsg`]   | sctp_recvmsg, sctp_recvv                                  |
//!
//! Shared mechanics live in [`packed`] (walking packed address arrays),
//! [`cmsg`] (building and parsing control messages), [`errno`] (the
//! -1/errno convention), [`cptr`] (the EFAULT check and optional pointers)
//! and [`memcheck`] (telling valgrind what the kernel wrote). [`uapi`]
//! mirrors the kernel's `<linux/sctp.h>` structs we touch, [`types`] the
//! few types `<netinet/sctp.h>` adds.
//!
//! The crate is `no_std` over libc: the shared library needs libc only.
//! Panics abort (both profiles set `panic = "abort"`), so none can unwind
//! into C; no code path here is expected to panic at all.
//!
//! The feature `std` is for Rust programs that link this crate as an rlib
//! (the safe API in `sctp-socket/`, the fuzz targets): std then brings the
//! panic handler and personality routine that the C library defines below.
//! The Makefile builds without it.
#![cfg_attr(not(any(test, feature = "std")), no_std)]
#![allow(non_camel_case_types)]
#![deny(unsafe_op_in_unsafe_fn)]
// Exported functions state their C contract in prose, for the generated header.
#![allow(clippy::missing_safety_doc)]

pub mod addrs;
pub mod bindx;
pub mod cmsg;
pub mod connectx;
pub mod cptr;
pub mod errno;
pub mod memcheck;
pub mod opt_info;
pub mod packed;
pub mod peeloff;
pub mod recvmsg;
pub mod sendmsg;
pub mod types;
// The kernel's own structs and constants: <linux/sctp.h> gives C programs
// them, so none may reach the generated header, pub or not.
/// cbindgen:ignore
pub mod uapi;

/// core's precompiled unwind tables name this symbol even with panic=abort;
/// nothing unwinds, so it is never called. Defined so that a static link
/// of libsctp.a needs no Rust runtime.
#[cfg(not(any(test, feature = "std")))]
#[no_mangle]
extern "C" fn rust_eh_personality() {}

/// On 32-bit arm, core's unwind tables name these two personality routines
/// of the ARM EH ABI; left undefined, they make libsctp.so.1 need
/// libgcc_s.so.1. Never called, as rust_eh_personality.
#[cfg(all(not(any(test, feature = "std")), target_arch = "arm"))]
#[no_mangle]
extern "C" fn __aeabi_unwind_cpp_pr0() {}
#[cfg(all(not(any(test, feature = "std")), target_arch = "arm"))]
#[no_mangle]
extern "C" fn __aeabi_unwind_cpp_pr1() {}

#[cfg(not(any(test, feature = "std")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    // SAFETY: abort() has no preconditions; it never returns.
    unsafe { libc::abort() }
}
