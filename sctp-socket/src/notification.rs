//! Typed SCTP notifications (RFC 6458 section 6.1): [`Notification`] is one
//! parsed from the bytes a receive returned with MSG_NOTIFICATION, and
//! [`Event`] and [`EventSet`] say which kinds a socket is sent
//! ([`Socket::subscribe`]).
//!
//! The parser reads the kernel's structs through the `sctp::uapi` mirrors,
//! whose layout the library's layout test checks against `<linux/sctp.h>`
//! on every architecture; each read is bounds-checked first, so no input
//! makes it panic or read past the bytes given.

use crate::{addr, sys, AssocId, Socket, ALL_ASSOC};
use libc::{c_int, sockaddr_storage, socklen_t};
use sctp::uapi::*;
use std::fmt;
use std::io;
use std::mem::size_of;
use std::net::SocketAddr;

/// The kernel's notification structs, for [`read`].
///
/// # Safety
/// Only for `#[repr(C)]` structs made of integers (and arrays and structs
/// of integers): every bit pattern of their size is a valid value.
unsafe trait Plain: Copy {}

// SAFETY (each impl below): a `sctp::uapi` mirror of integers only (the
// layout test checks it against the kernel's header): any bytes are a value.
// SAFETY: integers only.
unsafe impl Plain for sctp_tlv {}
// SAFETY: integers only.
unsafe impl Plain for sctp_assoc_change {}
// SAFETY: integers only; sockaddr_storage is integers too.
unsafe impl Plain for sctp_paddr_change {}
// SAFETY: integers only.
unsafe impl Plain for sctp_remote_error {}
// SAFETY: integers only, sctp_sndrcvinfo included.
unsafe impl Plain for sctp_send_failed {}
// SAFETY: integers only, sctp_sndinfo included.
unsafe impl Plain for sctp_send_failed_event {}
// SAFETY: integers only.
unsafe impl Plain for sctp_shutdown_event {}
// SAFETY: integers only.
unsafe impl Plain for sctp_adaptation_event {}
// SAFETY: integers only.
unsafe impl Plain for sctp_pdapi_event {}
// SAFETY: integers only.
unsafe impl Plain for sctp_authkey_event {}
// SAFETY: integers only.
unsafe impl Plain for sctp_sender_dry_event {}
// SAFETY: integers only.
unsafe impl Plain for sctp_stream_reset_event {}
// SAFETY: integers only.
unsafe impl Plain for sctp_assoc_reset_event {}
// SAFETY: integers only.
unsafe impl Plain for sctp_stream_change_event {}

/// The `T` at the start of `bytes`, if they are that long. The one read of
/// notification bytes.
fn read<T: Plain>(bytes: &[u8]) -> Option<T> {
    if bytes.len() < size_of::<T>() {
        return None;
    }
    // SAFETY: `bytes` has at least size_of::<T>() initialised bytes
    // (checked above); read_unaligned needs no alignment; T is Plain, so
    // any bytes are a T.
    Some(unsafe { bytes.as_ptr().cast::<T>().read_unaligned() })
}

/// Notification bytes that are not one: shorter than the header or than
/// their kind's struct, or with an `sn_length` past the bytes received.
/// Converts into an `io::Error` of kind `InvalidData`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotificationError {
    kind: Option<u16>,
    why: Why,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Why {
    /// Fewer bytes than the 8 of the header.
    Short { len: usize },
    /// sn_length says more than was received.
    PastEnd { sn_length: u32, len: usize },
    /// sn_length is less than the header, or than the kind's struct.
    TooSmall { sn_length: u32, need: usize },
    /// A peer address change whose address is neither IPv4 nor IPv6.
    Family { family: u16 },
    /// A stream reset whose stream list is not whole u16s.
    OddStreamList { bytes: usize },
}

impl NotificationError {
    /// The notification's type (`sn_type`), when its header was there to
    /// read.
    pub fn kind(&self) -> Option<u16> {
        self.kind
    }
}

impl fmt::Display for NotificationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed SCTP notification")?;
        if let Some(k) = self.kind {
            write!(f, " (type {k:#06x})")?;
        }
        match self.why {
            Why::Short { len } => write!(f, ": {len} bytes, less than its 8-byte header"),
            Why::PastEnd { sn_length, len } => write!(f, ": sn_length {sn_length} is past the {len} bytes received"),
            Why::TooSmall { sn_length, need } => write!(f, ": sn_length {sn_length} is less than the {need} bytes of its kind"),
            Why::Family { family } => write!(f, ": peer address of family {family}, neither AF_INET nor AF_INET6"),
            Why::OddStreamList { bytes } => write!(f, ": a stream list of {bytes} bytes, not whole 16-bit stream numbers"),
        }
    }
}

impl std::error::Error for NotificationError {}

impl From<NotificationError> for io::Error {
    fn from(e: NotificationError) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, e)
    }
}

/// What happened to an association (`sac_state` of SCTP_ASSOC_CHANGE).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AssocChangeState {
    /// It is up: data can flow (SCTP_COMM_UP).
    CommUp,
    /// It failed: the peer aborted it, or it timed out (SCTP_COMM_LOST).
    CommLost,
    /// The peer restarted (SCTP_RESTART).
    Restart,
    /// It shut down gracefully (SCTP_SHUTDOWN_COMP).
    ShutdownComplete,
    /// It could not be set up (SCTP_CANT_STR_ASSOC).
    CantStartAssoc,
    /// A value this crate does not know.
    Other(u16),
}

impl AssocChangeState {
    fn from_raw(v: u16) -> AssocChangeState {
        match v {
            SCTP_COMM_UP => AssocChangeState::CommUp,
            SCTP_COMM_LOST => AssocChangeState::CommLost,
            SCTP_RESTART => AssocChangeState::Restart,
            SCTP_SHUTDOWN_COMP => AssocChangeState::ShutdownComplete,
            SCTP_CANT_STR_ASSOC => AssocChangeState::CantStartAssoc,
            v => AssocChangeState::Other(v),
        }
    }
}

/// What happened to a peer address (`spc_state` of SCTP_PEER_ADDR_CHANGE).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeerAddrState {
    /// It is reachable again (SCTP_ADDR_AVAILABLE).
    Available,
    /// It stopped answering (SCTP_ADDR_UNREACHABLE).
    Unreachable,
    /// The peer removed it (SCTP_ADDR_REMOVED).
    Removed,
    /// The peer added it (SCTP_ADDR_ADDED).
    Added,
    /// It is now the primary path (SCTP_ADDR_MADE_PRIM).
    MadePrimary,
    /// It was confirmed by a heartbeat (SCTP_ADDR_CONFIRMED).
    Confirmed,
    /// It is potentially failed (SCTP_ADDR_POTENTIALLY_FAILED, reported
    /// when SCTP_EXPOSE_POTENTIALLY_FAILED_STATE is on).
    PotentiallyFailed,
    /// A value this crate does not know.
    Other(i32),
}

impl PeerAddrState {
    fn from_raw(v: c_int) -> PeerAddrState {
        match v {
            SCTP_ADDR_AVAILABLE => PeerAddrState::Available,
            SCTP_ADDR_UNREACHABLE => PeerAddrState::Unreachable,
            SCTP_ADDR_REMOVED => PeerAddrState::Removed,
            SCTP_ADDR_ADDED => PeerAddrState::Added,
            SCTP_ADDR_MADE_PRIM => PeerAddrState::MadePrimary,
            SCTP_ADDR_CONFIRMED => PeerAddrState::Confirmed,
            SCTP_ADDR_POTENTIALLY_FAILED => PeerAddrState::PotentiallyFailed,
            v => PeerAddrState::Other(v),
        }
    }
}

/// Whether undelivered data had been sent (`ssf_flags` of the send-failed
/// notifications).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DataStatus {
    /// It never went on the wire (SCTP_DATA_UNSENT).
    Unsent,
    /// It went on the wire, which does not say whether it arrived
    /// (SCTP_DATA_SENT).
    Sent,
    /// A value this crate does not know.
    Other(u16),
}

impl DataStatus {
    fn from_raw(v: u16) -> DataStatus {
        match v {
            SCTP_DATA_UNSENT => DataStatus::Unsent,
            SCTP_DATA_SENT => DataStatus::Sent,
            v => DataStatus::Other(v),
        }
    }
}

/// What happened to a partial delivery (`pdapi_indication`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartialDeliveryIndication {
    /// The rest of the message will not come (SCTP_PARTIAL_DELIVERY_ABORTED).
    Aborted,
    /// A value this crate does not know.
    Other(u32),
}

/// What happened to an authentication key (`auth_indication`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuthIndication {
    /// The peer used a new key, now active (SCTP_AUTH_NEW_KEY).
    NewKey,
    /// A deactivated key is no longer in use and may be freed
    /// (SCTP_AUTH_FREE_KEY).
    FreeKey,
    /// The peer does not support authentication (SCTP_AUTH_NO_AUTH).
    NoAuth,
    /// A value this crate does not know.
    Other(u32),
}

/// Flags of the stream reset, association reset and stream change
/// notifications, combined with `|`. A stream reset has any of the four;
/// the other two only `DENIED` and `FAILED`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ResetFlags(u16);

impl ResetFlags {
    /// Incoming streams were reset (SCTP_STREAM_RESET_INCOMING_SSN).
    pub const INCOMING_SSN: ResetFlags = ResetFlags(SCTP_STREAM_RESET_INCOMING_SSN);
    /// Outgoing streams were reset (SCTP_STREAM_RESET_OUTGOING_SSN).
    pub const OUTGOING_SSN: ResetFlags = ResetFlags(SCTP_STREAM_RESET_OUTGOING_SSN);
    /// The peer denied the request (SCTP_STREAM_RESET_DENIED,
    /// SCTP_ASSOC_RESET_DENIED, SCTP_STREAM_CHANGE_DENIED).
    pub const DENIED: ResetFlags = ResetFlags(SCTP_STREAM_RESET_DENIED);
    /// The request failed (SCTP_STREAM_RESET_FAILED, SCTP_ASSOC_RESET_FAILED,
    /// SCTP_STREAM_CHANGE_FAILED).
    pub const FAILED: ResetFlags = ResetFlags(SCTP_STREAM_RESET_FAILED);

    /// The raw bits.
    pub const fn bits(self) -> u16 {
        self.0
    }

    /// Whether every flag of `other` is set.
    pub const fn contains(self, other: ResetFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for ResetFlags {
    type Output = ResetFlags;
    fn bitor(self, rhs: ResetFlags) -> ResetFlags {
        ResetFlags(self.0 | rhs.0)
    }
}

/// The failed message's send information in SCTP_SEND_FAILED: the older
/// RFC 6458 sctp_sndrcvinfo, as the sender gave it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SndRcvInfo {
    /// Its stream.
    pub stream: u16,
    /// Its stream sequence number.
    pub ssn: u16,
    /// Its flags (SCTP_UNORDERED, ...).
    pub flags: u16,
    /// Its payload protocol identifier, as the number it is (converted
    /// from network byte order, as [`SendInfo`](crate::SendInfo) takes it).
    pub ppid: u32,
    /// The sender's context.
    pub context: u32,
    /// Its time to live, in milliseconds.
    pub timetolive: u32,
    /// Its transmission sequence number.
    pub tsn: u32,
    /// The association's cumulative TSN.
    pub cumtsn: u32,
    /// Its association.
    pub assoc_id: AssocId,
}

/// The failed message's send information in SCTP_SEND_FAILED_EVENT:
/// RFC 6458's sctp_sndinfo, as the sender gave it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SndInfo {
    /// Its stream.
    pub stream: u16,
    /// Its flags (the DATA chunk's flags, in Linux).
    pub flags: u16,
    /// Its payload protocol identifier, as the number it is (converted
    /// from network byte order, as [`SendInfo`](crate::SendInfo) takes it).
    pub ppid: u32,
    /// The sender's context ([`SendInfo::context`](crate::SendInfo)).
    pub context: u32,
    /// Its association.
    pub assoc_id: AssocId,
}

/// One SCTP notification, parsed ([`Notification::parse`]).
///
/// Every kind the kernel sends has its variant; a type this crate does not
/// know is [`Unknown`](Notification::Unknown), with its bytes. Numbers are
/// in host byte order unless a field says otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Notification {
    /// SCTP_ASSOC_CHANGE: an association came up, went down or restarted.
    AssocChange {
        /// The association.
        assoc_id: AssocId,
        /// What happened.
        state: AssocChangeState,
        /// The error cause the association ended with, if any (an SCTP
        /// cause code).
        error: u16,
        /// Outbound streams, for `CommUp` and `Restart`.
        outbound_streams: u16,
        /// Inbound streams, for `CommUp` and `Restart`.
        inbound_streams: u16,
        /// `sac_info`: for `CommLost` and `CantStartAssoc`, the ABORT
        /// chunk the peer sent, if it sent one; for `CommUp` and
        /// `Restart`, RFC 6458 lets the stack list the features the
        /// association supports. Often empty.
        info: Vec<u8>,
    },
    /// SCTP_PEER_ADDR_CHANGE: a peer address changed state.
    PeerAddrChange {
        /// The association.
        assoc_id: AssocId,
        /// The address (an IPv4 peer on an IPv6 socket as a v4-mapped
        /// address).
        addr: SocketAddr,
        /// What happened to it.
        state: PeerAddrState,
        /// An error cause, if any.
        error: i32,
    },
    /// SCTP_REMOTE_ERROR: the peer sent an Operation Error.
    RemoteError {
        /// The association.
        assoc_id: AssocId,
        /// The error's cause code (converted from network byte order).
        cause: u16,
        /// The cause's information, after its 4-byte header, as on the
        /// wire.
        data: Vec<u8>,
    },
    /// SCTP_SEND_FAILED (the older form, sent to a socket that subscribed
    /// to [`Event::SendFailed`]): a message could not be delivered.
    SendFailed {
        /// The association.
        assoc_id: AssocId,
        /// Whether it had been sent.
        status: DataStatus,
        /// The error (`ssf_error`).
        error: u32,
        /// How it was sent.
        info: SndRcvInfo,
        /// The undelivered data (what the kernel still held of it).
        data: Vec<u8>,
    },
    /// SCTP_SEND_FAILED_EVENT (RFC 6458's form): a message could not be
    /// delivered.
    SendFailedEvent {
        /// The association.
        assoc_id: AssocId,
        /// Whether it had been sent.
        status: DataStatus,
        /// The error (`ssf_error`).
        error: u32,
        /// How it was sent.
        info: SndInfo,
        /// The undelivered data (what the kernel still held of it).
        data: Vec<u8>,
    },
    /// SCTP_SHUTDOWN_EVENT: the peer sent SHUTDOWN; stop sending.
    Shutdown {
        /// The association.
        assoc_id: AssocId,
    },
    /// SCTP_ADAPTATION_INDICATION: the peer's Adaptation Layer Indication.
    AdaptationIndication {
        /// The association.
        assoc_id: AssocId,
        /// The peer's adaptation code point.
        indication: u32,
    },
    /// SCTP_PARTIAL_DELIVERY_EVENT: a partial delivery was interrupted.
    PartialDelivery {
        /// The association.
        assoc_id: AssocId,
        /// What happened.
        indication: PartialDeliveryIndication,
        /// The stream of the message being delivered.
        stream: u32,
        /// Its stream sequence number.
        seq: u32,
    },
    /// SCTP_AUTHENTICATION_EVENT: an authentication key changed (RFC 4895).
    Authentication {
        /// The association.
        assoc_id: AssocId,
        /// The key's number.
        key_number: u16,
        /// `auth_altkeynumber` (0 in Linux).
        alt_key_number: u16,
        /// What happened.
        indication: AuthIndication,
    },
    /// SCTP_SENDER_DRY_EVENT: nothing is left to send or retransmit.
    SenderDry {
        /// The association.
        assoc_id: AssocId,
    },
    /// SCTP_STREAM_RESET_EVENT: streams were reset (RFC 6525).
    StreamReset {
        /// The association.
        assoc_id: AssocId,
        /// Incoming or outgoing, denied or failed.
        flags: ResetFlags,
        /// The streams reset; empty for all of them.
        streams: Vec<u16>,
    },
    /// SCTP_ASSOC_RESET_EVENT: the association's TSNs were reset (RFC 6525).
    AssocReset {
        /// The association.
        assoc_id: AssocId,
        /// Denied or failed.
        flags: ResetFlags,
        /// The next TSN this side sends.
        local_tsn: u32,
        /// The next TSN the peer sends.
        remote_tsn: u32,
    },
    /// SCTP_STREAM_CHANGE_EVENT: streams were added (RFC 6525).
    StreamChange {
        /// The association.
        assoc_id: AssocId,
        /// Denied or failed.
        flags: ResetFlags,
        /// The number of inbound streams now.
        inbound_streams: u16,
        /// The number of outbound streams now.
        outbound_streams: u16,
    },
    /// A type this crate does not know.
    Unknown {
        /// Its `sn_type`.
        kind: u16,
        /// All of it, header included (`sn_length` bytes).
        bytes: Vec<u8>,
    },
}

/// The kind's struct at the start of `b`, and the bytes after it.
fn fixed<T: Plain>(b: &[u8], sn_length: u32) -> Result<(T, &[u8]), Why> {
    match (read::<T>(b), b.get(size_of::<T>()..)) {
        (Some(t), Some(rest)) => Ok((t, rest)),
        _ => Err(Why::TooSmall { sn_length, need: size_of::<T>() }),
    }
}

impl Notification {
    /// Parse a notification from the bytes a receive returned (with
    /// MSG_NOTIFICATION in its flags).
    ///
    /// The notification is its header's `sn_length` bytes; bytes after
    /// them are ignored, and so is anything past a fixed-size kind's
    /// struct. Fewer bytes than the 8-byte header or than `sn_length`, an
    /// `sn_length` smaller than its kind's struct, a peer address that is
    /// neither IPv4 nor IPv6, or a stream list of an odd number of bytes,
    /// is an error. No input makes it panic or read past `bytes`.
    pub fn parse(bytes: &[u8]) -> Result<Notification, NotificationError> {
        let h: sctp_tlv = read(bytes).ok_or(NotificationError { kind: None, why: Why::Short { len: bytes.len() } })?;
        let err = |why| NotificationError { kind: Some(h.sn_type), why };
        let len = h.sn_length;
        let b = match usize::try_from(len).ok().and_then(|n| bytes.get(..n)) {
            Some(b) => b,
            None => return Err(err(Why::PastEnd { sn_length: len, len: bytes.len() })),
        };
        if b.len() < size_of::<sctp_tlv>() {
            return Err(err(Why::TooSmall { sn_length: len, need: size_of::<sctp_tlv>() }));
        }
        Ok(match h.sn_type {
            SCTP_ASSOC_CHANGE => {
                let (s, info) = fixed::<sctp_assoc_change>(b, len).map_err(err)?;
                Notification::AssocChange {
                    assoc_id: s.sac_assoc_id,
                    state: AssocChangeState::from_raw(s.sac_state),
                    error: s.sac_error,
                    outbound_streams: s.sac_outbound_streams,
                    inbound_streams: s.sac_inbound_streams,
                    info: info.to_vec(),
                }
            }
            SCTP_PEER_ADDR_CHANGE => {
                let (s, _) = fixed::<sctp_paddr_change>(b, len).map_err(err)?;
                // Copied out of the packed struct, so aligned.
                let ss: sockaddr_storage = s.spc_aaddr;
                let addr = addr::from_storage(&ss, size_of::<sockaddr_storage>() as socklen_t)
                    .ok_or_else(|| err(Why::Family { family: ss.ss_family }))?;
                Notification::PeerAddrChange {
                    assoc_id: s.spc_assoc_id,
                    addr,
                    state: PeerAddrState::from_raw(s.spc_state),
                    error: s.spc_error,
                }
            }
            SCTP_REMOTE_ERROR => {
                let (s, data) = fixed::<sctp_remote_error>(b, len).map_err(err)?;
                Notification::RemoteError { assoc_id: s.sre_assoc_id, cause: u16::from_be(s.sre_error), data: data.to_vec() }
            }
            SCTP_SEND_FAILED => {
                let (s, data) = fixed::<sctp_send_failed>(b, len).map_err(err)?;
                let i = s.ssf_info;
                Notification::SendFailed {
                    assoc_id: s.ssf_assoc_id,
                    status: DataStatus::from_raw(s.ssf_flags),
                    error: s.ssf_error,
                    info: SndRcvInfo {
                        stream: i.sinfo_stream,
                        ssn: i.sinfo_ssn,
                        flags: i.sinfo_flags,
                        ppid: u32::from_be(i.sinfo_ppid),
                        context: i.sinfo_context,
                        timetolive: i.sinfo_timetolive,
                        tsn: i.sinfo_tsn,
                        cumtsn: i.sinfo_cumtsn,
                        assoc_id: i.sinfo_assoc_id,
                    },
                    data: data.to_vec(),
                }
            }
            SCTP_SEND_FAILED_EVENT => {
                let (s, data) = fixed::<sctp_send_failed_event>(b, len).map_err(err)?;
                let i = s.ssfe_info;
                Notification::SendFailedEvent {
                    assoc_id: s.ssf_assoc_id,
                    status: DataStatus::from_raw(s.ssf_flags),
                    error: s.ssf_error,
                    info: SndInfo {
                        stream: i.snd_sid,
                        flags: i.snd_flags,
                        ppid: u32::from_be(i.snd_ppid),
                        context: i.snd_context,
                        assoc_id: i.snd_assoc_id,
                    },
                    data: data.to_vec(),
                }
            }
            SCTP_SHUTDOWN_EVENT => {
                let (s, _) = fixed::<sctp_shutdown_event>(b, len).map_err(err)?;
                Notification::Shutdown { assoc_id: s.sse_assoc_id }
            }
            SCTP_ADAPTATION_INDICATION => {
                let (s, _) = fixed::<sctp_adaptation_event>(b, len).map_err(err)?;
                Notification::AdaptationIndication { assoc_id: s.sai_assoc_id, indication: s.sai_adaptation_ind }
            }
            SCTP_PARTIAL_DELIVERY_EVENT => {
                let (s, _) = fixed::<sctp_pdapi_event>(b, len).map_err(err)?;
                let indication = match s.pdapi_indication {
                    SCTP_PARTIAL_DELIVERY_ABORTED => PartialDeliveryIndication::Aborted,
                    v => PartialDeliveryIndication::Other(v),
                };
                Notification::PartialDelivery { assoc_id: s.pdapi_assoc_id, indication, stream: s.pdapi_stream, seq: s.pdapi_seq }
            }
            SCTP_AUTHENTICATION_EVENT => {
                let (s, _) = fixed::<sctp_authkey_event>(b, len).map_err(err)?;
                let indication = match s.auth_indication {
                    SCTP_AUTH_NEW_KEY => AuthIndication::NewKey,
                    SCTP_AUTH_FREE_KEY => AuthIndication::FreeKey,
                    SCTP_AUTH_NO_AUTH => AuthIndication::NoAuth,
                    v => AuthIndication::Other(v),
                };
                Notification::Authentication {
                    assoc_id: s.auth_assoc_id,
                    key_number: s.auth_keynumber,
                    alt_key_number: s.auth_altkeynumber,
                    indication,
                }
            }
            SCTP_SENDER_DRY_EVENT => {
                let (s, _) = fixed::<sctp_sender_dry_event>(b, len).map_err(err)?;
                Notification::SenderDry { assoc_id: s.sender_dry_assoc_id }
            }
            SCTP_STREAM_RESET_EVENT => {
                let (s, list) = fixed::<sctp_stream_reset_event>(b, len).map_err(err)?;
                if !list.len().is_multiple_of(2) {
                    return Err(err(Why::OddStreamList { bytes: list.len() }));
                }
                let streams = list.chunks_exact(2).map(|c| u16::from_ne_bytes([c[0], c[1]])).collect();
                Notification::StreamReset { assoc_id: s.strreset_assoc_id, flags: ResetFlags(s.strreset_flags), streams }
            }
            SCTP_ASSOC_RESET_EVENT => {
                let (s, _) = fixed::<sctp_assoc_reset_event>(b, len).map_err(err)?;
                Notification::AssocReset {
                    assoc_id: s.assocreset_assoc_id,
                    flags: ResetFlags(s.assocreset_flags),
                    local_tsn: s.assocreset_local_tsn,
                    remote_tsn: s.assocreset_remote_tsn,
                }
            }
            SCTP_STREAM_CHANGE_EVENT => {
                let (s, _) = fixed::<sctp_stream_change_event>(b, len).map_err(err)?;
                Notification::StreamChange {
                    assoc_id: s.strchange_assoc_id,
                    flags: ResetFlags(s.strchange_flags),
                    inbound_streams: s.strchange_instrms,
                    outbound_streams: s.strchange_outstrms,
                }
            }
            kind => Notification::Unknown { kind, bytes: b.to_vec() },
        })
    }

    /// The association it is about; `None` for [`Unknown`](Notification::Unknown).
    pub fn assoc_id(&self) -> Option<AssocId> {
        use Notification::*;
        match *self {
            AssocChange { assoc_id, .. }
            | PeerAddrChange { assoc_id, .. }
            | RemoteError { assoc_id, .. }
            | SendFailed { assoc_id, .. }
            | SendFailedEvent { assoc_id, .. }
            | Shutdown { assoc_id }
            | AdaptationIndication { assoc_id, .. }
            | PartialDelivery { assoc_id, .. }
            | Authentication { assoc_id, .. }
            | SenderDry { assoc_id }
            | StreamReset { assoc_id, .. }
            | AssocReset { assoc_id, .. }
            | StreamChange { assoc_id, .. } => Some(assoc_id),
            Unknown { .. } => None,
        }
    }

    /// Its type, the `sn_type` it came with (SCTP_ASSOC_CHANGE, ...).
    pub fn kind(&self) -> u16 {
        use Notification::*;
        match self {
            AssocChange { .. } => SCTP_ASSOC_CHANGE,
            PeerAddrChange { .. } => SCTP_PEER_ADDR_CHANGE,
            RemoteError { .. } => SCTP_REMOTE_ERROR,
            SendFailed { .. } => SCTP_SEND_FAILED,
            SendFailedEvent { .. } => SCTP_SEND_FAILED_EVENT,
            Shutdown { .. } => SCTP_SHUTDOWN_EVENT,
            AdaptationIndication { .. } => SCTP_ADAPTATION_INDICATION,
            PartialDelivery { .. } => SCTP_PARTIAL_DELIVERY_EVENT,
            Authentication { .. } => SCTP_AUTHENTICATION_EVENT,
            SenderDry { .. } => SCTP_SENDER_DRY_EVENT,
            StreamReset { .. } => SCTP_STREAM_RESET_EVENT,
            AssocReset { .. } => SCTP_ASSOC_RESET_EVENT,
            StreamChange { .. } => SCTP_STREAM_CHANGE_EVENT,
            Unknown { kind, .. } => *kind,
        }
    }

    /// The event a socket subscribes to for this kind; `None` for
    /// [`Unknown`](Notification::Unknown).
    pub fn event(&self) -> Option<Event> {
        match self {
            Notification::Unknown { .. } => None,
            n => Event::from_sn_type(n.kind()),
        }
    }
}

/// A kind of event a socket can subscribe to (SCTP_EVENT's `se_type`): a
/// notification type, or [`DataIo`](Event::DataIo). The discriminant is
/// the `sn_type` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u16)]
pub enum Event {
    /// SCTP_DATA_IO_EVENT: not a notification but the older SCTP_SNDRCV
    /// receive information with each message (this crate's sockets
    /// receive SCTP_RCVINFO without it).
    DataIo = SCTP_DATA_IO_EVENT,
    /// SCTP_ASSOC_CHANGE: [`Notification::AssocChange`].
    AssocChange = SCTP_ASSOC_CHANGE,
    /// SCTP_PEER_ADDR_CHANGE: [`Notification::PeerAddrChange`].
    PeerAddrChange = SCTP_PEER_ADDR_CHANGE,
    /// SCTP_SEND_FAILED: [`Notification::SendFailed`].
    SendFailed = SCTP_SEND_FAILED,
    /// SCTP_REMOTE_ERROR: [`Notification::RemoteError`].
    RemoteError = SCTP_REMOTE_ERROR,
    /// SCTP_SHUTDOWN_EVENT: [`Notification::Shutdown`].
    Shutdown = SCTP_SHUTDOWN_EVENT,
    /// SCTP_PARTIAL_DELIVERY_EVENT: [`Notification::PartialDelivery`].
    PartialDelivery = SCTP_PARTIAL_DELIVERY_EVENT,
    /// SCTP_ADAPTATION_INDICATION: [`Notification::AdaptationIndication`].
    AdaptationIndication = SCTP_ADAPTATION_INDICATION,
    /// SCTP_AUTHENTICATION_EVENT: [`Notification::Authentication`].
    Authentication = SCTP_AUTHENTICATION_EVENT,
    /// SCTP_SENDER_DRY_EVENT: [`Notification::SenderDry`].
    SenderDry = SCTP_SENDER_DRY_EVENT,
    /// SCTP_STREAM_RESET_EVENT: [`Notification::StreamReset`].
    StreamReset = SCTP_STREAM_RESET_EVENT,
    /// SCTP_ASSOC_RESET_EVENT: [`Notification::AssocReset`].
    AssocReset = SCTP_ASSOC_RESET_EVENT,
    /// SCTP_STREAM_CHANGE_EVENT: [`Notification::StreamChange`].
    StreamChange = SCTP_STREAM_CHANGE_EVENT,
    /// SCTP_SEND_FAILED_EVENT: [`Notification::SendFailedEvent`].
    SendFailedEvent = SCTP_SEND_FAILED_EVENT,
}

impl Event {
    /// Every event, in `sn_type` order.
    pub const ALL: [Event; 14] = [
        Event::DataIo,
        Event::AssocChange,
        Event::PeerAddrChange,
        Event::SendFailed,
        Event::RemoteError,
        Event::Shutdown,
        Event::PartialDelivery,
        Event::AdaptationIndication,
        Event::Authentication,
        Event::SenderDry,
        Event::StreamReset,
        Event::AssocReset,
        Event::StreamChange,
        Event::SendFailedEvent,
    ];

    /// Its `sn_type` value (SCTP_ASSOC_CHANGE, ...).
    pub const fn sn_type(self) -> u16 {
        self as u16
    }

    /// The event of an `sn_type` value, if it is one.
    pub const fn from_sn_type(sn_type: u16) -> Option<Event> {
        match sn_type.checked_sub(SCTP_SN_TYPE_BASE) {
            Some(i) if (i as usize) < Event::ALL.len() => Some(Event::ALL[i as usize]),
            _ => None,
        }
    }

    const fn bit(self) -> u16 {
        1 << (self as u16 - SCTP_SN_TYPE_BASE)
    }
}

/// A set of [`Event`]s: `EventSet::empty().with(Event::AssocChange)`, or
/// `Event::AssocChange | Event::Shutdown`.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct EventSet(u16);

impl EventSet {
    /// No events.
    pub const fn empty() -> EventSet {
        EventSet(0)
    }

    /// Every event.
    pub const fn all() -> EventSet {
        EventSet((1 << Event::ALL.len()) - 1)
    }

    /// This set and `event`.
    pub const fn with(self, event: Event) -> EventSet {
        EventSet(self.0 | event.bit())
    }

    /// This set without `event`.
    pub const fn without(self, event: Event) -> EventSet {
        EventSet(self.0 & !event.bit())
    }

    /// Whether `event` is in the set.
    pub const fn contains(self, event: Event) -> bool {
        self.0 & event.bit() != 0
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The events in the set, in `sn_type` order.
    pub fn iter(self) -> impl Iterator<Item = Event> {
        Event::ALL.into_iter().filter(move |e| self.contains(*e))
    }
}

impl fmt::Debug for EventSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl From<Event> for EventSet {
    fn from(e: Event) -> EventSet {
        EventSet::empty().with(e)
    }
}

impl std::ops::BitOr for EventSet {
    type Output = EventSet;
    fn bitor(self, rhs: EventSet) -> EventSet {
        EventSet(self.0 | rhs.0)
    }
}

impl std::ops::BitOr<Event> for EventSet {
    type Output = EventSet;
    fn bitor(self, rhs: Event) -> EventSet {
        self.with(rhs)
    }
}

impl std::ops::BitOr for Event {
    type Output = EventSet;
    fn bitor(self, rhs: Event) -> EventSet {
        EventSet::from(self).with(rhs)
    }
}

impl FromIterator<Event> for EventSet {
    fn from_iter<I: IntoIterator<Item = Event>>(events: I) -> EventSet {
        events.into_iter().fold(EventSet::empty(), EventSet::with)
    }
}

/// SCTP_EVENT's argument for `event` of `assoc`, zeroed first so that
/// its padding byte, which the kernel copies in, is defined.
fn sctp_event_of(assoc: AssocId, event: Event, on: bool) -> sctp_event {
    // SAFETY: integers only; all-zero is a value.
    let mut ev: sctp_event = unsafe { std::mem::zeroed() };
    ev.se_assoc_id = assoc;
    ev.se_type = event.sn_type();
    ev.se_on = on as u8;
    ev
}

impl Socket {
    /// Receive the notifications of `events` (and, for
    /// [`Event::DataIo`], SCTP_SNDRCV with each message), on the socket
    /// and on each of its associations, current and future
    /// (SCTP_ALL_ASSOC; on a one-to-one socket, its association).
    /// Others stay as they were.
    pub fn subscribe(&self, events: EventSet) -> io::Result<()> {
        self.subscribe_assoc(ALL_ASSOC, events, true)
    }

    /// Stop receiving the notifications of `events`, as
    /// [`subscribe`](Socket::subscribe) started them.
    pub fn unsubscribe(&self, events: EventSet) -> io::Result<()> {
        self.subscribe_assoc(ALL_ASSOC, events, false)
    }

    /// Turn `events` on or off for `assoc`: an association of a
    /// one-to-many socket, or [`FUTURE_ASSOC`](crate::FUTURE_ASSOC) (the
    /// socket's own setting, which new associations inherit),
    /// [`CURRENT_ASSOC`](crate::CURRENT_ASSOC) or
    /// [`ALL_ASSOC`](crate::ALL_ASSOC). One SCTP_EVENT setsockopt per
    /// event; the first failure (EINVAL for an association that does not
    /// exist) ends it, with the events before it set.
    pub fn subscribe_assoc(&self, assoc: AssocId, events: EventSet, on: bool) -> io::Result<()> {
        for e in events.iter() {
            sys::setsockopt(self.fd(), SCTP_EVENT, &sctp_event_of(assoc, e, on))?;
        }
        Ok(())
    }

    /// The events `assoc` (an association, or
    /// [`FUTURE_ASSOC`](crate::FUTURE_ASSOC) for the socket's own
    /// setting) is subscribed to: SCTP_EVENT getsockopt, once per event.
    pub fn subscriptions(&self, assoc: AssocId) -> io::Result<EventSet> {
        let mut set = EventSet::empty();
        for e in Event::ALL {
            let mut ev = sctp_event_of(assoc, e, false);
            sys::getsockopt(self.fd(), SCTP_EVENT, &mut ev)?;
            if ev.se_on != 0 {
                set = set.with(e);
            }
        }
        Ok(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::offset_of;

    /// A notification's bytes as the kernel lays them out: the kind's
    /// struct (zeros, header filled in) then `tail`, with fields set at the
    /// `sctp::uapi` mirrors' offsets (which the layout test checks against
    /// the kernel's header).
    struct Bytes(Vec<u8>);

    impl Bytes {
        fn new<T>(kind: u16, tail: &[u8]) -> Bytes {
            let mut b = Bytes(vec![0; size_of::<T>()]);
            b.0.extend_from_slice(tail);
            let len = b.0.len() as u32;
            b.at(offset_of!(sctp_tlv, sn_type), &kind.to_ne_bytes()).at(offset_of!(sctp_tlv, sn_length), &len.to_ne_bytes())
        }
        fn at(mut self, off: usize, v: &[u8]) -> Bytes {
            self.0[off..off + v.len()].copy_from_slice(v);
            self
        }
        fn u16(self, off: usize, v: u16) -> Bytes {
            self.at(off, &v.to_ne_bytes())
        }
        fn u32(self, off: usize, v: u32) -> Bytes {
            self.at(off, &v.to_ne_bytes())
        }
        fn i32(self, off: usize, v: i32) -> Bytes {
            self.at(off, &v.to_ne_bytes())
        }
    }

    fn sockaddr_in_bytes(ip: [u8; 4], port: u16) -> Vec<u8> {
        let mut b = vec![0; size_of::<libc::sockaddr_in>()];
        b[offset_of!(libc::sockaddr_in, sin_family)..][..2].copy_from_slice(&(libc::AF_INET as u16).to_ne_bytes());
        b[offset_of!(libc::sockaddr_in, sin_port)..][..2].copy_from_slice(&port.to_be_bytes());
        b[offset_of!(libc::sockaddr_in, sin_addr)..][..4].copy_from_slice(&ip);
        b
    }

    fn sockaddr_in6_bytes(ip: [u8; 16], port: u16, scope: u32) -> Vec<u8> {
        let mut b = vec![0; size_of::<libc::sockaddr_in6>()];
        b[offset_of!(libc::sockaddr_in6, sin6_family)..][..2].copy_from_slice(&(libc::AF_INET6 as u16).to_ne_bytes());
        b[offset_of!(libc::sockaddr_in6, sin6_port)..][..2].copy_from_slice(&port.to_be_bytes());
        b[offset_of!(libc::sockaddr_in6, sin6_addr)..][..16].copy_from_slice(&ip);
        b[offset_of!(libc::sockaddr_in6, sin6_scope_id)..][..4].copy_from_slice(&scope.to_ne_bytes());
        b
    }

    /// The size of each kind's fixed struct: the least sn_length it takes.
    fn min_len(kind: u16) -> usize {
        match kind {
            SCTP_ASSOC_CHANGE => size_of::<sctp_assoc_change>(),
            SCTP_PEER_ADDR_CHANGE => size_of::<sctp_paddr_change>(),
            SCTP_REMOTE_ERROR => size_of::<sctp_remote_error>(),
            SCTP_SEND_FAILED => size_of::<sctp_send_failed>(),
            SCTP_SEND_FAILED_EVENT => size_of::<sctp_send_failed_event>(),
            SCTP_SHUTDOWN_EVENT => size_of::<sctp_shutdown_event>(),
            SCTP_ADAPTATION_INDICATION => size_of::<sctp_adaptation_event>(),
            SCTP_PARTIAL_DELIVERY_EVENT => size_of::<sctp_pdapi_event>(),
            SCTP_AUTHENTICATION_EVENT => size_of::<sctp_authkey_event>(),
            SCTP_SENDER_DRY_EVENT => size_of::<sctp_sender_dry_event>(),
            SCTP_STREAM_RESET_EVENT => size_of::<sctp_stream_reset_event>(),
            SCTP_ASSOC_RESET_EVENT => size_of::<sctp_assoc_reset_event>(),
            SCTP_STREAM_CHANGE_EVENT => size_of::<sctp_stream_change_event>(),
            _ => size_of::<sctp_tlv>(),
        }
    }

    /// One valid notification of every kind (some kinds twice), and what
    /// it parses to.
    fn samples() -> Vec<(Vec<u8>, Notification)> {
        type Ac = sctp_assoc_change;
        type Pc = sctp_paddr_change;
        type Sf = sctp_send_failed;
        type Sfe = sctp_send_failed_event;
        let mut v = Vec::new();
        let abort = [6u8, 0, 0, 8, 0, 0x0c, 0, 4];
        let b = Bytes::new::<Ac>(SCTP_ASSOC_CHANGE, &abort)
            .u16(offset_of!(Ac, sac_state), SCTP_COMM_LOST)
            .u16(offset_of!(Ac, sac_error), 12)
            .u16(offset_of!(Ac, sac_outbound_streams), 10)
            .u16(offset_of!(Ac, sac_inbound_streams), 5)
            .i32(offset_of!(Ac, sac_assoc_id), 7);
        v.push((b.0, Notification::AssocChange { assoc_id: 7, state: AssocChangeState::CommLost, error: 12, outbound_streams: 10,
            inbound_streams: 5, info: abort.to_vec() }));
        let b = Bytes::new::<Ac>(SCTP_ASSOC_CHANGE, &[]).u16(offset_of!(Ac, sac_state), 77).i32(offset_of!(Ac, sac_assoc_id), -3);
        v.push((b.0, Notification::AssocChange { assoc_id: -3, state: AssocChangeState::Other(77), error: 0, outbound_streams: 0,
            inbound_streams: 0, info: vec![] }));
        let b = Bytes::new::<Pc>(SCTP_PEER_ADDR_CHANGE, &[])
            .at(offset_of!(Pc, spc_aaddr), &sockaddr_in_bytes([10, 1, 2, 3], 9899))
            .i32(offset_of!(Pc, spc_state), SCTP_ADDR_UNREACHABLE)
            .i32(offset_of!(Pc, spc_error), 110)
            .i32(offset_of!(Pc, spc_assoc_id), 3);
        v.push((b.0, Notification::PeerAddrChange { assoc_id: 3, addr: "10.1.2.3:9899".parse().unwrap(),
            state: PeerAddrState::Unreachable, error: 110 }));
        let mut ip6 = [0u8; 16];
        ip6[0] = 0xfe;
        ip6[1] = 0x80;
        ip6[15] = 1;
        let b = Bytes::new::<Pc>(SCTP_PEER_ADDR_CHANGE, &[])
            .at(offset_of!(Pc, spc_aaddr), &sockaddr_in6_bytes(ip6, 1, 4))
            .i32(offset_of!(Pc, spc_state), SCTP_ADDR_POTENTIALLY_FAILED)
            .i32(offset_of!(Pc, spc_assoc_id), 4);
        v.push((b.0, Notification::PeerAddrChange { assoc_id: 4, addr: "[fe80::1%4]:1".parse().unwrap(),
            state: PeerAddrState::PotentiallyFailed, error: 0 }));
        let b = Bytes::new::<sctp_remote_error>(SCTP_REMOTE_ERROR, b"cause info")
            .u16(offset_of!(sctp_remote_error, sre_error), 0x0102u16.to_be())
            .i32(offset_of!(sctp_remote_error, sre_assoc_id), 9);
        v.push((b.0, Notification::RemoteError { assoc_id: 9, cause: 0x0102, data: b"cause info".to_vec() }));
        let info = offset_of!(Sf, ssf_info);
        let b = Bytes::new::<Sf>(SCTP_SEND_FAILED, b"undelivered")
            .u16(offset_of!(Sf, ssf_flags), SCTP_DATA_SENT)
            .u32(offset_of!(Sf, ssf_error), 0x1234)
            .u16(info + offset_of!(sctp_sndrcvinfo, sinfo_stream), 2)
            .u16(info + offset_of!(sctp_sndrcvinfo, sinfo_ssn), 3)
            .u16(info + offset_of!(sctp_sndrcvinfo, sinfo_flags), 1)
            .u32(info + offset_of!(sctp_sndrcvinfo, sinfo_ppid), 51u32.to_be())
            .u32(info + offset_of!(sctp_sndrcvinfo, sinfo_context), 0xc0)
            .u32(info + offset_of!(sctp_sndrcvinfo, sinfo_timetolive), 500)
            .u32(info + offset_of!(sctp_sndrcvinfo, sinfo_tsn), 1000)
            .u32(info + offset_of!(sctp_sndrcvinfo, sinfo_cumtsn), 999)
            .i32(info + offset_of!(sctp_sndrcvinfo, sinfo_assoc_id), 5)
            .i32(offset_of!(Sf, ssf_assoc_id), 5);
        v.push((b.0, Notification::SendFailed { assoc_id: 5, status: DataStatus::Sent, error: 0x1234,
            info: SndRcvInfo { stream: 2, ssn: 3, flags: 1, ppid: 51, context: 0xc0, timetolive: 500, tsn: 1000, cumtsn: 999,
                assoc_id: 5 },
            data: b"undelivered".to_vec() }));
        let info = offset_of!(Sfe, ssfe_info);
        let b = Bytes::new::<Sfe>(SCTP_SEND_FAILED_EVENT, b"lost")
            .u16(offset_of!(Sfe, ssf_flags), SCTP_DATA_UNSENT)
            .u32(offset_of!(Sfe, ssf_error), 32)
            .u16(info + offset_of!(sctp_sndinfo, snd_sid), 4)
            .u16(info + offset_of!(sctp_sndinfo, snd_flags), 3)
            .u32(info + offset_of!(sctp_sndinfo, snd_ppid), 0x01020304u32.to_be())
            .u32(info + offset_of!(sctp_sndinfo, snd_context), 77)
            .i32(info + offset_of!(sctp_sndinfo, snd_assoc_id), 6)
            .i32(offset_of!(Sfe, ssf_assoc_id), 6);
        v.push((b.0, Notification::SendFailedEvent { assoc_id: 6, status: DataStatus::Unsent, error: 32,
            info: SndInfo { stream: 4, flags: 3, ppid: 0x01020304, context: 77, assoc_id: 6 }, data: b"lost".to_vec() }));
        let b = Bytes::new::<sctp_shutdown_event>(SCTP_SHUTDOWN_EVENT, &[]).i32(offset_of!(sctp_shutdown_event, sse_assoc_id), 11);
        v.push((b.0, Notification::Shutdown { assoc_id: 11 }));
        let b = Bytes::new::<sctp_adaptation_event>(SCTP_ADAPTATION_INDICATION, &[])
            .u32(offset_of!(sctp_adaptation_event, sai_adaptation_ind), 0xa0b0c0d0)
            .i32(offset_of!(sctp_adaptation_event, sai_assoc_id), 12);
        v.push((b.0, Notification::AdaptationIndication { assoc_id: 12, indication: 0xa0b0c0d0 }));
        let b = Bytes::new::<sctp_pdapi_event>(SCTP_PARTIAL_DELIVERY_EVENT, &[])
            .u32(offset_of!(sctp_pdapi_event, pdapi_indication), SCTP_PARTIAL_DELIVERY_ABORTED)
            .i32(offset_of!(sctp_pdapi_event, pdapi_assoc_id), 13)
            .u32(offset_of!(sctp_pdapi_event, pdapi_stream), 3)
            .u32(offset_of!(sctp_pdapi_event, pdapi_seq), 44);
        v.push((b.0, Notification::PartialDelivery { assoc_id: 13, indication: PartialDeliveryIndication::Aborted, stream: 3, seq: 44 }));
        let b = Bytes::new::<sctp_authkey_event>(SCTP_AUTHENTICATION_EVENT, &[])
            .u16(offset_of!(sctp_authkey_event, auth_keynumber), 2)
            .u16(offset_of!(sctp_authkey_event, auth_altkeynumber), 1)
            .u32(offset_of!(sctp_authkey_event, auth_indication), SCTP_AUTH_FREE_KEY)
            .i32(offset_of!(sctp_authkey_event, auth_assoc_id), 14);
        v.push((b.0, Notification::Authentication { assoc_id: 14, key_number: 2, alt_key_number: 1, indication: AuthIndication::FreeKey }));
        let b = Bytes::new::<sctp_sender_dry_event>(SCTP_SENDER_DRY_EVENT, &[])
            .i32(offset_of!(sctp_sender_dry_event, sender_dry_assoc_id), 15);
        v.push((b.0, Notification::SenderDry { assoc_id: 15 }));
        let list: Vec<u8> = [1u16, 3, 65535].iter().flat_map(|s| s.to_ne_bytes()).collect();
        let b = Bytes::new::<sctp_stream_reset_event>(SCTP_STREAM_RESET_EVENT, &list)
            .u16(offset_of!(sctp_stream_reset_event, strreset_flags), SCTP_STREAM_RESET_OUTGOING_SSN | SCTP_STREAM_RESET_DENIED)
            .i32(offset_of!(sctp_stream_reset_event, strreset_assoc_id), 16);
        v.push((b.0, Notification::StreamReset { assoc_id: 16, flags: ResetFlags::OUTGOING_SSN | ResetFlags::DENIED,
            streams: vec![1, 3, 65535] }));
        let b = Bytes::new::<sctp_stream_reset_event>(SCTP_STREAM_RESET_EVENT, &[])
            .u16(offset_of!(sctp_stream_reset_event, strreset_flags), SCTP_STREAM_RESET_INCOMING_SSN)
            .i32(offset_of!(sctp_stream_reset_event, strreset_assoc_id), 17);
        v.push((b.0, Notification::StreamReset { assoc_id: 17, flags: ResetFlags::INCOMING_SSN, streams: vec![] }));
        let b = Bytes::new::<sctp_assoc_reset_event>(SCTP_ASSOC_RESET_EVENT, &[])
            .u16(offset_of!(sctp_assoc_reset_event, assocreset_flags), SCTP_ASSOC_RESET_FAILED)
            .i32(offset_of!(sctp_assoc_reset_event, assocreset_assoc_id), 18)
            .u32(offset_of!(sctp_assoc_reset_event, assocreset_local_tsn), 0xfffffff0)
            .u32(offset_of!(sctp_assoc_reset_event, assocreset_remote_tsn), 42);
        v.push((b.0, Notification::AssocReset { assoc_id: 18, flags: ResetFlags::FAILED, local_tsn: 0xfffffff0, remote_tsn: 42 }));
        let b = Bytes::new::<sctp_stream_change_event>(SCTP_STREAM_CHANGE_EVENT, &[])
            .u16(offset_of!(sctp_stream_change_event, strchange_flags), SCTP_STREAM_CHANGE_DENIED)
            .i32(offset_of!(sctp_stream_change_event, strchange_assoc_id), 19)
            .u16(offset_of!(sctp_stream_change_event, strchange_instrms), 20)
            .u16(offset_of!(sctp_stream_change_event, strchange_outstrms), 30);
        v.push((b.0, Notification::StreamChange { assoc_id: 19, flags: ResetFlags::DENIED, inbound_streams: 20, outbound_streams: 30 }));
        let b = Bytes::new::<sctp_tlv>(0x9000, b"future");
        v.push((b.0.clone(), Notification::Unknown { kind: 0x9000, bytes: b.0 }));
        let b = Bytes::new::<sctp_tlv>(SCTP_DATA_IO_EVENT, &[]);
        v.push((b.0.clone(), Notification::Unknown { kind: SCTP_DATA_IO_EVENT, bytes: b.0 }));
        v
    }

    fn kind_of(b: &[u8]) -> u16 {
        u16::from_ne_bytes([b[0], b[1]])
    }

    #[test]
    fn every_kind_parses_as_the_kernel_lays_it_out() {
        let samples = samples();
        let mut kinds: Vec<u16> = samples.iter().map(|(b, _)| kind_of(b)).collect();
        kinds.sort();
        kinds.dedup();
        assert_eq!(kinds.len(), 15, "every notification kind, an unknown one and DATA_IO");
        for (b, want) in &samples {
            let got = Notification::parse(b).unwrap_or_else(|e| panic!("{e}: {b:02x?}"));
            assert_eq!(&got, want);
            assert_eq!(got.kind(), kind_of(b));
            let event = match want {
                Notification::Unknown { .. } => None,
                _ => Event::from_sn_type(kind_of(b)),
            };
            assert_eq!(got.event(), event);
            // Bytes after sn_length are not part of it.
            let mut longer = b.clone();
            longer.extend_from_slice(&[0xee; 9]);
            assert_eq!(Notification::parse(&longer).as_ref(), Ok(want));
        }
    }

    #[test]
    fn assoc_id_is_each_kinds_own_field() {
        for (_, n) in samples() {
            match n {
                Notification::Unknown { .. } => assert_eq!(n.assoc_id(), None),
                _ => assert!(n.assoc_id().is_some_and(|id| id != 0), "{n:?}"),
            }
        }
    }

    #[test]
    fn truncated_and_lying_lengths_are_errors_for_each_kind() {
        for (b, _) in samples() {
            let kind = kind_of(&b);
            let min = min_len(kind);
            // Cut short: sn_length is past the bytes.
            for cut in [0, 1, 7, 8, min - 1, b.len() - 1].into_iter().filter(|&c| c < b.len()) {
                let e = Notification::parse(&b[..cut]).unwrap_err();
                assert_eq!(e.kind(), (cut >= 8).then_some(kind));
                let io: io::Error = e.into();
                assert_eq!(io.kind(), io::ErrorKind::InvalidData);
            }
            // sn_length one past the end, or far past it.
            for lie in [b.len() as u32 + 1, u32::MAX] {
                let mut l = b.clone();
                l[4..8].copy_from_slice(&lie.to_ne_bytes());
                assert!(Notification::parse(&l).is_err(), "sn_length {lie} of {} bytes", l.len());
            }
            // sn_length less than the header, or than the kind's struct.
            for lie in [0, 7, min as u32 - 1] {
                let mut l = b.clone();
                l[4..8].copy_from_slice(&lie.to_ne_bytes());
                let e = Notification::parse(&l).unwrap_err();
                assert_eq!(e.kind(), Some(kind));
                assert!(e.to_string().contains("less than"), "{e}");
            }
        }
    }

    #[test]
    fn a_bad_family_or_an_odd_stream_list_is_an_error() {
        let b = Bytes::new::<sctp_paddr_change>(SCTP_PEER_ADDR_CHANGE, &[])
            .u16(offset_of!(sctp_paddr_change, spc_aaddr), libc::AF_UNIX as u16);
        assert!(Notification::parse(&b.0).unwrap_err().to_string().contains("family"));
        let b = Bytes::new::<sctp_stream_reset_event>(SCTP_STREAM_RESET_EVENT, &[1, 0, 2]);
        assert!(Notification::parse(&b.0).unwrap_err().to_string().contains("stream list"));
    }

    /// What the parse of `b` (cut to `cut` bytes, sn_length `claimed`)
    /// must be, from the full sample's parse.
    fn expected(b: &[u8], full: &Notification, cut: usize, claimed: usize) -> Option<Notification> {
        let kind = kind_of(b);
        if cut < 8 || claimed > cut || claimed < min_len(kind) {
            return None;
        }
        let tail = claimed - min_len(kind);
        let mut n = full.clone();
        match &mut n {
            Notification::AssocChange { info: d, .. }
            | Notification::RemoteError { data: d, .. }
            | Notification::SendFailed { data: d, .. }
            | Notification::SendFailedEvent { data: d, .. } => d.truncate(tail),
            Notification::StreamReset { streams, .. } => {
                if !tail.is_multiple_of(2) {
                    return None;
                }
                streams.truncate(tail / 2);
            }
            Notification::Unknown { bytes, .. } => {
                *bytes = b[..claimed].to_vec();
                bytes[4..8].copy_from_slice(&(claimed as u32).to_ne_bytes());
            }
            _ => {}
        }
        Some(n)
    }

    #[test]
    fn every_prefix_with_every_length_of_every_notification() {
        let mut runs = 0;
        for (b, full) in samples() {
            for cut in 0..=b.len() {
                for claimed in 0..=b.len() + 2 {
                    let mut l = b[..cut].to_vec();
                    if cut >= 8 {
                        l[4..8].copy_from_slice(&(claimed as u32).to_ne_bytes());
                    }
                    let got = Notification::parse(&l).ok();
                    let want = if cut >= 8 { expected(&b, &full, cut, claimed) } else { None };
                    assert_eq!(got, want, "cut {cut}, sn_length {claimed}: {l:02x?}");
                    runs += 1;
                }
            }
        }
        assert!(runs > 20_000);
    }

    #[test]
    fn event_sets() {
        assert!(EventSet::empty().is_empty());
        assert_eq!(EventSet::all().iter().collect::<Vec<_>>(), Event::ALL.to_vec());
        for (i, e) in Event::ALL.into_iter().enumerate() {
            assert_eq!(e.sn_type(), SCTP_SN_TYPE_BASE + i as u16);
            assert_eq!(Event::from_sn_type(e.sn_type()), Some(e));
            let s = EventSet::from(e);
            assert!(s.contains(e) && EventSet::all().contains(e));
            assert_eq!(s.iter().collect::<Vec<_>>(), vec![e]);
            assert!(EventSet::all().without(e).iter().all(|x| x != e));
        }
        assert_eq!(Event::from_sn_type(SCTP_SN_TYPE_MAX + 1), None);
        assert_eq!(Event::from_sn_type(0), None);
        let s = Event::AssocChange | Event::Shutdown;
        assert_eq!(s, EventSet::empty().with(Event::Shutdown).with(Event::AssocChange));
        assert_eq!(s | Event::SenderDry, [Event::SenderDry, Event::AssocChange, Event::Shutdown].into_iter().collect());
        assert_eq!(format!("{s:?}"), "{AssocChange, Shutdown}");
    }
}

/// On the kernel's SCTP: cargo runs these through tools/kernel-run.sh
/// (`make test-rust`).
#[cfg(test)]
mod kernel {
    use super::*;
    use crate::{Family, FUTURE_ASSOC};

    /// SCTP_EVENT's answer for `e` on the socket itself, read directly.
    fn on(s: &Socket, e: Event) -> bool {
        let mut ev = sctp_event_of(FUTURE_ASSOC, e, false);
        sys::getsockopt(s.fd(), SCTP_EVENT, &mut ev).unwrap();
        assert_eq!(ev.se_type, e.sn_type());
        ev.se_on != 0
    }

    #[test]
    fn subscribe_and_unsubscribe_read_back_through_sctp_event() {
        let s = Socket::new(Family::V4, libc::SOCK_SEQPACKET).unwrap();
        s.unsubscribe(EventSet::all()).unwrap();
        assert_eq!(s.subscriptions(FUTURE_ASSOC).unwrap(), EventSet::empty());
        for e in Event::ALL {
            s.subscribe(e.into()).unwrap();
            for x in Event::ALL {
                assert_eq!(on(&s, x), x == e, "after subscribe({e:?}), {x:?}");
            }
            assert_eq!(s.subscriptions(FUTURE_ASSOC).unwrap(), EventSet::from(e));
            s.unsubscribe(e.into()).unwrap();
            assert!(!on(&s, e), "after unsubscribe({e:?})");
        }
        s.subscribe(EventSet::all()).unwrap();
        assert!(Event::ALL.iter().all(|&e| on(&s, e)));
        assert_eq!(s.subscriptions(FUTURE_ASSOC).unwrap(), EventSet::all());
        s.unsubscribe(Event::Shutdown | Event::DataIo).unwrap();
        assert_eq!(s.subscriptions(FUTURE_ASSOC).unwrap(), EventSet::all().without(Event::Shutdown).without(Event::DataIo));
        s.unsubscribe(EventSet::all()).unwrap();
        assert!(Event::ALL.iter().all(|&e| !on(&s, e)));
        // The socket's own setting, by its id.
        s.subscribe_assoc(FUTURE_ASSOC, Event::SenderDry.into(), true).unwrap();
        assert!(on(&s, Event::SenderDry));
        // An association a one-to-many socket does not have.
        let e = s.subscribe_assoc(12345, Event::AssocChange.into(), true).unwrap_err();
        assert_eq!(e.raw_os_error(), Some(libc::EINVAL));
    }
}
