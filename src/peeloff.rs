//! sctp_peeloff(3): branch an association off a one-to-many socket into a
//! one-to-one socket of its own.

use crate::errno::{check, Result, ResultExt};
use crate::uapi::*;
use core::mem::size_of;
use libc::{c_int, c_uint, c_void, socklen_t};

#[no_mangle]
pub extern "C" fn sctp_peeloff(sd: c_int, assoc_id: sctp_assoc_t) -> c_int {
    peeloff(sd, assoc_id).or_minus_one_errno()
}

/// sctp_peeloff with flags for the new descriptor (SOCK_NONBLOCK,
/// SOCK_CLOEXEC). lksctp declares it but does not export it; we do.
#[no_mangle]
pub extern "C" fn sctp_peeloff_flags(sd: c_int, assoc_id: sctp_assoc_t, flags: c_uint) -> c_int {
    if flags == 0 {
        // As lksctp: kernels older than 4.13 lack PEELOFF_FLAGS.
        return sctp_peeloff(sd, assoc_id);
    }
    let mut arg = sctp_peeloff_flags_arg_t { p_arg: sctp_peeloff_arg_t { associd: assoc_id, sd: 0 }, flags };
    getsockopt_struct(sd, SCTP_SOCKOPT_PEELOFF_FLAGS, &mut arg).map(|_| arg.p_arg.sd).or_minus_one_errno()
}

fn peeloff(sd: c_int, assoc_id: sctp_assoc_t) -> Result<c_int> {
    let mut arg = sctp_peeloff_arg_t { associd: assoc_id, sd: 0 };
    getsockopt_struct(sd, SCTP_SOCKOPT_PEELOFF, &mut arg)?;
    Ok(arg.sd)
}

fn getsockopt_struct<T>(sd: c_int, opt: c_int, arg: &mut T) -> Result<c_int> {
    let mut len = size_of::<T>() as socklen_t;
    // SAFETY: `arg` is a valid, writable T of `len` bytes.
    check(unsafe { libc::getsockopt(sd, SOL_SCTP, opt, arg as *mut T as *mut c_void, &mut len) })
}
