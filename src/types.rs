//! What `<netinet/sctp.h>` adds to the kernel's `<linux/sctp.h>`: the
//! RFC 6458 sctp_sendv/sctp_recvv argument types and constants.
//!
//! cbindgen emits these into the header; everything else comes from
//! `<linux/sctp.h>`, which the header includes.

use crate::uapi::{sctp_authinfo, sctp_nxtinfo, sctp_prinfo, sctp_rcvinfo, sctp_sndinfo};

/// sctp_sendv's `infotype`: what `info` points to.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum sctp_sendv_infotype {
    SCTP_SENDV_NOINFO = 0,
    SCTP_SENDV_SNDINFO = 1,
    SCTP_SENDV_PRINFO = 2,
    SCTP_SENDV_AUTHINFO = 3,
    SCTP_SENDV_SPA = 4,
}

/// sctp_recvv's `*infotype` on return: what was stored in `info`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum sctp_recvv_infotype {
    SCTP_RECVV_NOINFO = 0,
    SCTP_RECVV_RCVINFO = 1,
    SCTP_RECVV_NXTINFO = 2,
    SCTP_RECVV_RN = 3,
}

/// `sendv_flags` of struct sctp_sendv_spa: which of its members are valid.
pub const SCTP_SEND_SNDINFO_VALID: u32 = 0x1;
pub const SCTP_SEND_PRINFO_VALID: u32 = 0x2;
pub const SCTP_SEND_AUTHINFO_VALID: u32 = 0x4;

/// Several pieces of send information at once (SCTP_SENDV_SPA).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct sctp_sendv_spa {
    pub sendv_flags: u32,
    pub sendv_sndinfo: sctp_sndinfo,
    pub sendv_prinfo: sctp_prinfo,
    pub sendv_authinfo: sctp_authinfo,
}

/// Receive information and next-message information (SCTP_RECVV_RN).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct sctp_recvv_rn {
    pub recvv_rcvinfo: sctp_rcvinfo,
    pub recvv_nxtinfo: sctp_nxtinfo,
}
