//! sctp_opt_info(3): getsockopt for options that are per association.

use crate::cptr::required;
use crate::errno::{self, Result, ResultExt, EINVAL};
use crate::uapi::*;
use core::mem::{offset_of, size_of};
use libc::{c_int, c_void, socklen_t};

/// Where an option's struct keeps its association id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AssocId {
    /// At this byte offset: sctp_opt_info stores `id` there.
    At(usize),
    /// Nowhere (a socket-wide option lksctp also passes through).
    None,
}

/// The options sctp_opt_info accepts: all that lksctp 1.0.19 accepts, and
/// every other per-association option of RFC 6458 and the kernel.
fn assoc_id_field(opt: c_int) -> Option<AssocId> {
    use AssocId::*;
    Some(match opt {
        SCTP_RTOINFO | SCTP_ASSOCINFO | SCTP_PRIMARY_ADDR | SCTP_PEER_ADDR_PARAMS | SCTP_MAXSEG | SCTP_STATUS
        | SCTP_GET_PEER_ADDR_INFO | SCTP_DELAYED_SACK | SCTP_CONTEXT | SCTP_MAX_BURST | SCTP_AUTH_ACTIVE_KEY
        | SCTP_PEER_AUTH_CHUNKS | SCTP_LOCAL_AUTH_CHUNKS | SCTP_PEER_ADDR_THLDS | SCTP_PEER_ADDR_THLDS_V2
        | SCTP_GET_ASSOC_STATS | SCTP_PR_SUPPORTED | SCTP_DEFAULT_PRINFO | SCTP_PR_ASSOC_STATUS
        | SCTP_PR_STREAM_STATUS | SCTP_RECONFIG_SUPPORTED | SCTP_ENABLE_STREAM_RESET | SCTP_STREAM_SCHEDULER
        | SCTP_STREAM_SCHEDULER_VALUE | SCTP_INTERLEAVING_SUPPORTED | SCTP_EVENT | SCTP_ASCONF_SUPPORTED
        | SCTP_AUTH_SUPPORTED | SCTP_ECN_SUPPORTED | SCTP_EXPOSE_POTENTIALLY_FAILED_STATE
        | SCTP_REMOTE_UDP_ENCAPS_PORT | SCTP_PLPMTUD_PROBE_INTERVAL => At(0),
        // lksctp writes the id over sinfo_stream/sinfo_ssn here; the kernel
        // reads it from sinfo_assoc_id.
        SCTP_DEFAULT_SEND_PARAM => At(offset_of!(sctp_sndrcvinfo, sinfo_assoc_id)),
        SCTP_DEFAULT_SNDINFO => At(offset_of!(sctp_sndinfo, snd_assoc_id)),
        SCTP_INITMSG | SCTP_NODELAY | SCTP_AUTOCLOSE | SCTP_DISABLE_FRAGMENTS | SCTP_EVENTS
        | SCTP_I_WANT_MAPPED_V4_ADDR => None,
        _ => return Option::None,
    })
}

/// Read option `opt` of association `id` into `arg` (`*size` bytes in,
/// the option's length out). An option sctp_opt_info does not handle is
/// -1/EINVAL (lksctp returns a positive ENOTSUP, which reads as success).
/// `arg` points to `*size` writable bytes; `size` is valid.
#[no_mangle]
pub unsafe extern "C" fn sctp_opt_info(sd: c_int, id: sctp_assoc_t, opt: c_int, arg: *mut c_void, size: *mut socklen_t) -> c_int {
    // SAFETY: put_assoc_id needs `arg` NULL or with `*size` writable bytes
    // and `size` NULL or valid, which the caller promises.
    let r = unsafe { put_assoc_id(id, opt, arg, size) }.and_then(|()| {
        // SAFETY: put_assoc_id succeeded, so `arg` and `size` are non-NULL:
        // `*size` writable bytes and a valid length, per the contract.
        errno::pass_through(unsafe { libc::getsockopt(sd, SOL_SCTP, opt, arg, size) })
    });
    r.or_minus_one_errno()
}

/// Put `id` where option `opt`'s struct keeps its association id.
///
/// # Safety
/// `arg` is NULL or points to `*size` writable bytes; `size` is NULL or
/// valid.
#[inline]
unsafe fn put_assoc_id(id: sctp_assoc_t, opt: c_int, arg: *mut c_void, size: *mut socklen_t) -> Result<()> {
    let field = assoc_id_field(opt).ok_or(EINVAL)?;
    let (arg, size) = (required(arg)?, required(size)?);
    if let AssocId::At(offset) = field {
        // SAFETY: `size` is non-NULL, so valid per the contract.
        let have = unsafe { size.read_unaligned() } as usize;
        if have < offset + size_of::<sctp_assoc_t>() {
            return Err(EINVAL);
        }
        // SAFETY: `arg` is non-NULL, so it has `have` writable bytes per the
        // contract, enough for the id at `offset`.
        unsafe { (arg as *mut u8).add(offset).cast::<sctp_assoc_t>().write_unaligned(id) };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_lksctp_accepts_is_accepted() {
        // lksctp 1.0.19's sctp_opt_info accepts options 0..=27 in the mask
        // 0x0d00ff5f (read off its machine code).
        for opt in 0..=27 {
            let lksctp = 0x0d00_ff5fu32 & (1 << opt) != 0;
            if lksctp {
                assert!(assoc_id_field(opt).is_some(), "option {opt}");
            }
        }
    }

    #[test]
    fn the_id_goes_where_each_struct_keeps_it() {
        assert_eq!(assoc_id_field(SCTP_STATUS), Some(AssocId::At(0)));
        assert_eq!(assoc_id_field(SCTP_DEFAULT_SEND_PARAM), Some(AssocId::At(28)));
        assert_eq!(assoc_id_field(SCTP_DEFAULT_SNDINFO), Some(AssocId::At(12)));
        assert_eq!(assoc_id_field(SCTP_NODELAY), Some(AssocId::None));
        assert_eq!(assoc_id_field(9999), None);
        assert_eq!(assoc_id_field(SCTP_SOCKOPT_PEELOFF), None);
    }
}
