//! Socket options, typed: the SCTP options of RFC 6458 that Linux
//! implements, and its own extensions, as methods of [`Socket`] (so of
//! [`SctpStream`](crate::SctpStream), [`SctpListener`](crate::SctpListener)
//! and [`SctpEndpoint`](crate::SctpEndpoint) too). The option structs live
//! in this module: `sctp_socket::options::{InitMsg, Status, ...}`.
//!
//! Getters are named after the option (`nodelay()`), setters `set_` it
//! (`set_nodelay(true)`), as std's sockets have them. Every call is one
//! getsockopt or setsockopt; an `Err` is the kernel's own errno (the
//! method's documentation says which ones it gives, as Linux 6.1 does), or
//! EINVAL for a value that does not fit the option's field.
//!
//! # Associations
//!
//! The options that take an [`AssocId`] apply to that association of a
//! one-to-many socket, or, for [`FUTURE_ASSOC`](crate::FUTURE_ASSOC) (0),
//! to the socket itself: the value associations set up later start with.
//! Setters also take [`CURRENT_ASSOC`](crate::CURRENT_ASSOC) and
//! [`ALL_ASSOC`](crate::ALL_ASSOC) where the kernel does (said per method).
//! Getters take FUTURE_ASSOC or an association's id only. On a one-to-one
//! socket the id is ignored: the option applies to its association once it
//! has one, else to the socket. An id that names no association of the
//! socket is EINVAL.
//!
//! The options of what the socket's INITs offer (`set_pr_supported`,
//! `set_reconfig_supported`, `set_interleaving_supported`,
//! `set_asconf_supported`, `set_auth_supported`, `set_ecn_supported`) are
//! the socket's alone: they take FUTURE_ASSOC, or an association's id,
//! which sets the socket's all the same (an association's own was agreed
//! when it began, and is what the getter reports for its id);
//! CURRENT_ASSOC and ALL_ASSOC are EINVAL there.
//!
//! # Times
//!
//! Times are [`Duration`]s. The kernel counts most of them in whole
//! milliseconds (a few in seconds, said per method); a setter rounds up
//! to the next whole unit, so that no nonzero time becomes 0, which most
//! options read as "leave unchanged". A time too long for the field is
//! EINVAL. An association keeps most of its times (the delayed SACK
//! timer, RTOs, the heartbeat interval) in the kernel's ticks, HZ a
//! second: read back, a time is rounded up to a whole tick (at HZ 250,
//! 50 ms reads back as 52 ms). A socket's own values (FUTURE_ASSOC) are
//! kept as they were set.
//!
//! # Defaults
//!
//! The structs whose zero fields mean "leave unchanged" to the kernel
//! ([`InitMsg`], [`RtoInfo`], [`AssocParams`], [`DelayedSack`]) have a
//! `Default` of all zeros, so `InitMsg { num_ostreams: 10,
//! ..Default::default() }` changes the one field. The others are written
//! whole: read them, change what you want, write them back.

use crate::{addr, sys, AssocId, PrPolicy, SendFlags, SendInfo, Socket};
use libc::{c_int, sockaddr_storage, socklen_t};
use sctp::uapi::*;
use std::io;
use std::mem::size_of;
use std::net::SocketAddr;
use std::time::Duration;

/// The kernel's option structs whose every field is an integer or a
/// sockaddr_storage: all-zero bytes are a value of them.
///
/// # Safety
/// Implement it only for such plain C structs.
unsafe trait Zeroed: Copy {
    fn zeroed() -> Self {
        // SAFETY: the trait's contract: all-zero bytes are a Self.
        unsafe { std::mem::zeroed() }
    }
}
// SAFETY: each is integers and sockaddr_storages (see sctp::uapi).
unsafe impl Zeroed for sctp_prim {}
// SAFETY: as above.
unsafe impl Zeroed for sctp_setpeerprim {}
// SAFETY: as above.
unsafe impl Zeroed for sctp_paddrparams {}
// SAFETY: as above.
unsafe impl Zeroed for sctp_paddrinfo {}
// SAFETY: as above.
unsafe impl Zeroed for sctp_status {}
// SAFETY: as above.
unsafe impl Zeroed for sctp_assoc_stats {}
// SAFETY: as above.
unsafe impl Zeroed for sctp_paddrthlds_v2 {}
// SAFETY: as above.
unsafe impl Zeroed for sctp_udpencaps {}
// SAFETY: as above.
unsafe impl Zeroed for sctp_probeinterval {}

fn einval() -> io::Error {
    io::Error::from_raw_os_error(libc::EINVAL)
}

/// `d` in whole units of `unit_ns` nanoseconds, rounded up; EINVAL past
/// `T`'s range.
fn units<T: TryFrom<u128>>(d: Duration, unit_ns: u128) -> io::Result<T> {
    T::try_from(d.as_nanos().div_ceil(unit_ns)).map_err(|_| einval())
}

fn ms32(d: Duration) -> io::Result<u32> {
    units(d, 1_000_000)
}

fn ms(v: u32) -> Duration {
    Duration::from_millis(v.into())
}

/// The address the kernel wrote (a whole sockaddr_storage), if it is IPv4
/// or IPv6.
fn from_storage(ss: &sockaddr_storage) -> Option<SocketAddr> {
    addr::from_storage(ss, size_of::<sockaddr_storage>() as socklen_t)
}

/// The kernel's wildcard for "no address" (AF_UNSPEC, all zeros), or `a`.
fn to_storage(a: Option<&SocketAddr>) -> sockaddr_storage {
    match a {
        Some(a) => addr::to_sockaddr(a).0,
        // SAFETY: integers only; all-zero is a value (the kernel's "any").
        None => unsafe { std::mem::zeroed() },
    }
}

fn get_int(s: &Socket, opt: c_int) -> io::Result<c_int> {
    let mut v: c_int = 0;
    sys::getsockopt(s.fd(), opt, &mut v)?;
    Ok(v)
}

fn set_int(s: &Socket, opt: c_int, v: c_int) -> io::Result<()> {
    sys::setsockopt(s.fd(), opt, &v)
}

fn get_value(s: &Socket, opt: c_int, assoc: AssocId) -> io::Result<u32> {
    let mut v = sctp_assoc_value { assoc_id: assoc, assoc_value: 0 };
    sys::getsockopt(s.fd(), opt, &mut v)?;
    Ok(v.assoc_value)
}

fn set_value(s: &Socket, opt: c_int, assoc: AssocId, value: u32) -> io::Result<()> {
    sys::setsockopt(s.fd(), opt, &sctp_assoc_value { assoc_id: assoc, assoc_value: value })
}

/// getsockopt of an option whose answer is a head of `head.len()` bytes
/// (given with its input fields) and a list of `elem`-byte entries after
/// it, whose count is the u32 at `count_at` of the head: the entries'
/// bytes. Linux answers EINVAL when the room is short, as for a bad input
/// field: so room for `usual` entries first, and for `most` (all the
/// option's parameter can hold) if that is EINVAL.
fn get_list(s: &Socket, opt: c_int, head: &[u8], count_at: usize, elem: usize, usual: usize, most: usize) -> io::Result<Vec<u8>> {
    let mut r = Err(einval());
    for room in [usual, most] {
        let mut buf = head.to_vec();
        buf.resize(head.len() + room * elem, 0);
        r = sys::getsockopt_bytes(s.fd(), opt, &mut buf).map(|len| (buf, len));
        match r {
            Err(ref e) if e.raw_os_error() == Some(libc::EINVAL) => continue,
            _ => break,
        }
    }
    let (buf, len) = r?;
    let c = &buf[count_at..count_at + 4];
    let count = u32::from_ne_bytes([c[0], c[1], c[2], c[3]]) as usize;
    let end = (len as usize).min(buf.len());
    let n = count.min(end.saturating_sub(head.len()) / elem);
    Ok(buf[head.len()..head.len() + n * elem].to_vec())
}

/// Set one of the options that take a key number (sctp_authkeyid):
/// SCTP_AUTH_ACTIVE_KEY, SCTP_AUTH_DEACTIVATE_KEY, SCTP_AUTH_DELETE_KEY.
fn set_key_id(s: &Socket, opt: c_int, assoc: AssocId, key: u16) -> io::Result<()> {
    sys::setsockopt(s.fd(), opt, &sctp_authkeyid { scact_assoc_id: assoc, scact_keynumber: key })
}

/// SCTP_PEER_AUTH_CHUNKS or SCTP_LOCAL_AUTH_CHUNKS of `assoc`. A CHUNKS
/// parameter lists at most 256 chunk types (the kernel refuses a longer
/// one from a peer); its length field allows 65531.
fn auth_chunks(s: &Socket, opt: c_int, assoc: AssocId) -> io::Result<Vec<u8>> {
    let mut head = [0u8; size_of::<sctp_authchunks>()];
    head[..4].copy_from_slice(&assoc.to_ne_bytes());
    get_list(s, opt, &head, 4, 1, 256, 65531)
}

fn pr_status(s: &Socket, opt: c_int, assoc: AssocId, stream: u16, policy: PrStatusPolicy) -> io::Result<PrStatus> {
    let mut p = sctp_prstatus { sprstat_assoc_id: assoc, sprstat_sid: stream, sprstat_policy: policy.raw(), ..Default::default() };
    sys::getsockopt(s.fd(), opt, &mut p)?;
    Ok(PrStatus { abandoned_unsent: p.sprstat_abandoned_unsent, abandoned_sent: p.sprstat_abandoned_sent })
}

/// SCTP_INITMSG: what the socket's INITs ask for. Zero fields are left as
/// they are when set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct InitMsg {
    /// Outbound streams to ask for (`sinit_num_ostreams`; Linux's default
    /// 10).
    pub num_ostreams: u16,
    /// Inbound streams to accept at most (`sinit_max_instreams`; default
    /// 65535).
    pub max_instreams: u16,
    /// INIT retransmissions before giving up (`sinit_max_attempts`;
    /// default `net.sctp.max_init_retransmits`, 8).
    pub max_attempts: u16,
    /// The longest RTO while retransmitting INIT (`sinit_max_init_timeo`,
    /// milliseconds, at most 65535; default the RTO maximum).
    pub max_init_timeo: Duration,
}

/// SCTP_RTOINFO: the retransmission timeout's bounds and start. Zero
/// fields are left as they are when set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RtoInfo {
    /// The RTO before any RTT is measured (`srto_initial`; default
    /// `net.sctp.rto_initial`, 3 s).
    pub initial: Duration,
    /// The largest RTO (`srto_max`; default 60 s).
    pub max: Duration,
    /// The smallest RTO (`srto_min`; default 1 s).
    pub min: Duration,
}

/// SCTP_ASSOCINFO: association parameters. Only `max_retrans` and
/// `cookie_life` are set (zero: unchanged); the others are the kernel's
/// report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AssocParams {
    /// Retransmissions before the association is declared down
    /// (`sasoc_asocmaxrxt`; default `net.sctp.association_max_retrans`,
    /// 10). On an association with several paths it may not exceed the sum
    /// of their `path_max_retrans` (EINVAL).
    pub max_retrans: u16,
    /// The peer's addresses (read only).
    pub peer_destinations: u16,
    /// The peer's receive window (read only).
    pub peer_rwnd: u32,
    /// The local receive window (read only).
    pub local_rwnd: u32,
    /// How long the state cookie of this endpoint's INIT ACKs is valid
    /// (`sasoc_cookie_life`; default `net.sctp.valid_cookie_life`, 60 s).
    pub cookie_life: Duration,
}

/// SCTP_PEER_ADDR_PARAMS: heartbeats, retransmissions, path MTU and SACK
/// delay of one peer address, of a whole association, or of the socket
/// (its future associations).
///
/// A setter writes every field (the kernel has no "unchanged" for the
/// on/off ones): start from what
/// [`peer_addr_params`](Socket::peer_addr_params) returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PeerAddrParams {
    /// Heartbeats: `Some(interval)` sends them (SPP_HB_ENABLE), `interval`
    /// plus the path's RTO apart (`spp_hbinterval`; default
    /// `net.sctp.hb_interval`, 30 s; zero is SPP_HB_TIME_IS_ZERO, RTO
    /// alone); `None` sends none (SPP_HB_DISABLE).
    pub heartbeat: Option<Duration>,
    /// Retransmissions before the address is unreachable
    /// (`spp_pathmaxrxt`; default `net.sctp.path_max_retrans`, 5; zero:
    /// unchanged).
    pub path_max_retrans: u16,
    /// Path MTU discovery on (SPP_PMTUD_ENABLE) or off (SPP_PMTUD_DISABLE).
    pub pmtud: bool,
    /// The path MTU (`spp_pathmtu`): discovered while `pmtud` is on (then
    /// the setter ignores it); fixed at this value when it is off (at
    /// least 512, else EINVAL; zero: unchanged).
    pub path_mtu: u32,
    /// Delayed SACK: `Some(delay)` (SPP_SACKDELAY_ENABLE) waits up to
    /// `delay` (`spp_sackdelay`, at most 500 ms, else EINVAL; default
    /// `net.sctp.sack_timeout`, 200 ms; zero: unchanged); `None`
    /// (SPP_SACKDELAY_DISABLE) acknowledges every packet at once.
    pub sack_delay: Option<Duration>,
    /// The IPv6 flow label (SPP_IPV6_FLOWLABEL) of an IPv6 socket's
    /// packets, if set: its low 20 bits (the kernel drops the others; an
    /// IPv4 socket ignores it). `None` leaves it unchanged when set.
    pub ipv6_flowlabel: Option<u32>,
    /// The DSCP (SPP_DSCP), if set: the upper six bits of this byte, as in
    /// the IP header's TOS or traffic class byte (0xb8 is EF); the kernel
    /// drops the low two (ECN's). `None` leaves it unchanged when set.
    pub dscp: Option<u8>,
}

/// An association's state (sctp_status' `sstat_state`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AssocState {
    /// SCTP_EMPTY.
    Empty,
    /// SCTP_CLOSED.
    Closed,
    /// SCTP_COOKIE_WAIT: INIT sent.
    CookieWait,
    /// SCTP_COOKIE_ECHOED: COOKIE ECHO sent.
    CookieEchoed,
    /// SCTP_ESTABLISHED.
    Established,
    /// SCTP_SHUTDOWN_PENDING: shutting down once the sent data is acked.
    ShutdownPending,
    /// SCTP_SHUTDOWN_SENT.
    ShutdownSent,
    /// SCTP_SHUTDOWN_RECEIVED.
    ShutdownReceived,
    /// SCTP_SHUTDOWN_ACK_SENT.
    ShutdownAckSent,
    /// A value this crate does not know.
    Other(i32),
}

impl From<i32> for AssocState {
    fn from(v: i32) -> AssocState {
        match v {
            SCTP_EMPTY => AssocState::Empty,
            SCTP_CLOSED => AssocState::Closed,
            SCTP_COOKIE_WAIT => AssocState::CookieWait,
            SCTP_COOKIE_ECHOED => AssocState::CookieEchoed,
            SCTP_ESTABLISHED => AssocState::Established,
            SCTP_SHUTDOWN_PENDING => AssocState::ShutdownPending,
            SCTP_SHUTDOWN_SENT => AssocState::ShutdownSent,
            SCTP_SHUTDOWN_RECEIVED => AssocState::ShutdownReceived,
            SCTP_SHUTDOWN_ACK_SENT => AssocState::ShutdownAckSent,
            v => AssocState::Other(v),
        }
    }
}

/// A peer address's state (sctp_paddrinfo's `spinfo_state`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PathState {
    /// SCTP_INACTIVE: unreachable.
    Inactive,
    /// SCTP_PF: potentially failed (RFC 7829). Reported only when the
    /// association exposes it (SCTP_EXPOSE_POTENTIALLY_FAILED_STATE);
    /// otherwise reading such a path is EACCES.
    PotentiallyFailed,
    /// SCTP_ACTIVE: reachable, confirmed.
    Active,
    /// SCTP_UNCONFIRMED: not yet confirmed by a heartbeat.
    Unconfirmed,
    /// SCTP_UNKNOWN.
    Unknown,
    /// A value this crate does not know.
    Other(i32),
}

impl From<i32> for PathState {
    fn from(v: i32) -> PathState {
        match v {
            SCTP_INACTIVE => PathState::Inactive,
            SCTP_PF => PathState::PotentiallyFailed,
            SCTP_ACTIVE => PathState::Active,
            SCTP_UNCONFIRMED => PathState::Unconfirmed,
            SCTP_UNKNOWN => PathState::Unknown,
            v => PathState::Other(v),
        }
    }
}

/// SCTP_GET_PEER_ADDR_INFO: one path of an association, as the kernel
/// sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PeerAddrInfo {
    /// The association.
    pub assoc_id: AssocId,
    /// The peer's address (v4-mapped on an IPv6 socket that has
    /// [`mapped_v4`](Socket::mapped_v4) on).
    pub addr: SocketAddr,
    /// Its state.
    pub state: PathState,
    /// The congestion window, bytes.
    pub cwnd: u32,
    /// The smoothed RTT in the kernel's ticks (jiffies), not the
    /// milliseconds RFC 6458 says: Linux copies it unconverted
    /// (`spinfo_srtt = transport->srtt`). A tick is 1/CONFIG_HZ s, which
    /// user space cannot read; 0 before any RTT is measured.
    pub srtt_ticks: u32,
    /// The retransmission timeout (which Linux does convert).
    pub rto: Duration,
    /// The path MTU.
    pub mtu: u32,
}

impl PeerAddrInfo {
    fn from_raw(p: &sctp_paddrinfo) -> io::Result<PeerAddrInfo> {
        let ss = p.spinfo_address;
        Ok(PeerAddrInfo {
            assoc_id: p.spinfo_assoc_id,
            addr: from_storage(&ss).ok_or_else(|| io::Error::from_raw_os_error(libc::EAFNOSUPPORT))?,
            state: PathState::from(p.spinfo_state),
            cwnd: p.spinfo_cwnd,
            srtt_ticks: p.spinfo_srtt,
            rto: ms(p.spinfo_rto),
            mtu: p.spinfo_mtu,
        })
    }
}

/// SCTP_STATUS: an association's state and counters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Status {
    /// The association.
    pub assoc_id: AssocId,
    /// Its state.
    pub state: AssocState,
    /// The peer's receive window, bytes.
    pub rwnd: u32,
    /// DATA chunks sent and not yet acknowledged.
    pub unacked_data: u16,
    /// DATA chunks received and not yet read.
    pub pending_data: u16,
    /// Inbound streams.
    pub in_streams: u16,
    /// Outbound streams.
    pub out_streams: u16,
    /// The largest DATA chunk payload: bigger messages are fragmented.
    pub fragmentation_point: u32,
    /// The primary path.
    pub primary: PeerAddrInfo,
}

/// SCTP_DELAYED_SACK: when the receiver acknowledges. Zero fields are
/// left as they are when set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct DelayedSack {
    /// How long a SACK may wait (`sack_delay`, at most 500 ms, else
    /// EINVAL; default `net.sctp.sack_timeout`, 200 ms). Read as zero
    /// when delayed SACK is off.
    pub delay: Duration,
    /// Packets received before a SACK is sent regardless (`sack_freq`;
    /// default 2). 1 turns delayed SACK off.
    pub freq: u32,
}

/// SCTP_ENABLE_STREAM_RESET: which reconfiguration requests (RFC 6525) an
/// association may send and accept. Each needs
/// [`reconfig_supported`](Socket::reconfig_supported) on both ends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ReconfigRequests {
    /// Stream resets (SCTP_ENABLE_RESET_STREAM_REQ):
    /// [`reset_streams`](Socket::reset_streams).
    pub reset_streams: bool,
    /// Association resets (SCTP_ENABLE_RESET_ASSOC_REQ):
    /// [`reset_assoc`](Socket::reset_assoc).
    pub reset_assoc: bool,
    /// Adding streams (SCTP_ENABLE_CHANGE_ASSOC_REQ):
    /// [`add_streams`](Socket::add_streams).
    pub add_streams: bool,
}

impl ReconfigRequests {
    fn bits(self) -> u32 {
        (if self.reset_streams { SCTP_ENABLE_RESET_STREAM_REQ } else { 0 })
            | (if self.reset_assoc { SCTP_ENABLE_RESET_ASSOC_REQ } else { 0 })
            | (if self.add_streams { SCTP_ENABLE_CHANGE_ASSOC_REQ } else { 0 })
    }

    fn from_bits(v: u32) -> ReconfigRequests {
        ReconfigRequests {
            reset_streams: v & SCTP_ENABLE_RESET_STREAM_REQ != 0,
            reset_assoc: v & SCTP_ENABLE_RESET_ASSOC_REQ != 0,
            add_streams: v & SCTP_ENABLE_CHANGE_ASSOC_REQ != 0,
        }
    }
}

/// Which direction of streams [`reset_streams`](Socket::reset_streams)
/// resets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StreamDirection {
    /// The peer's outgoing streams, our incoming ones
    /// (SCTP_STREAM_RESET_INCOMING): asks the peer to reset them.
    Incoming,
    /// Our outgoing streams (SCTP_STREAM_RESET_OUTGOING).
    Outgoing,
    /// Both.
    Both,
}

impl StreamDirection {
    fn bits(self) -> u16 {
        match self {
            StreamDirection::Incoming => SCTP_STREAM_RESET_INCOMING,
            StreamDirection::Outgoing => SCTP_STREAM_RESET_OUTGOING,
            StreamDirection::Both => SCTP_STREAM_RESET_INCOMING | SCTP_STREAM_RESET_OUTGOING,
        }
    }
}

/// SCTP_SS_FC and SCTP_SS_WFQ: Linux 6.3's; the 6.1 header lacks them.
const SCTP_SS_FC: u32 = 3;
const SCTP_SS_WFQ: u32 = 4;

/// The stream scheduler (RFC 8260): which stream's message goes out next
/// (SCTP_STREAM_SCHEDULER).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum StreamScheduler {
    /// First come, first served (SCTP_SS_FCFS), Linux's default.
    #[default]
    Fcfs,
    /// By priority (SCTP_SS_PRIO): each stream's is its
    /// [`stream_scheduler_value`](Socket::stream_scheduler_value), lower
    /// first.
    Prio,
    /// Round robin over the streams (SCTP_SS_RR).
    RoundRobin,
    /// Fair capacity (SCTP_SS_FC): Linux 6.3 and later; older kernels
    /// answer EINVAL.
    FairCapacity,
    /// Weighted fair queueing (SCTP_SS_WFQ), the weights being the
    /// streams' values: Linux 6.3 and later; older kernels answer EINVAL.
    WeightedFair,
}

impl StreamScheduler {
    fn raw(self) -> u32 {
        match self {
            StreamScheduler::Fcfs => SCTP_SS_FCFS,
            StreamScheduler::Prio => SCTP_SS_PRIO,
            StreamScheduler::RoundRobin => SCTP_SS_RR,
            StreamScheduler::FairCapacity => SCTP_SS_FC,
            StreamScheduler::WeightedFair => SCTP_SS_WFQ,
        }
    }

    fn from_raw(v: u32) -> io::Result<StreamScheduler> {
        Ok(match v {
            SCTP_SS_FCFS => StreamScheduler::Fcfs,
            SCTP_SS_PRIO => StreamScheduler::Prio,
            SCTP_SS_RR => StreamScheduler::RoundRobin,
            SCTP_SS_FC => StreamScheduler::FairCapacity,
            SCTP_SS_WFQ => StreamScheduler::WeightedFair,
            v => return Err(io::Error::new(io::ErrorKind::InvalidData, format!("stream scheduler {v}, unknown to this crate"))),
        })
    }
}

/// SCTP_GET_ASSOC_STATS: an association's counters (a Linux extension).
/// Counts are since the association began.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct AssocStats {
    /// The largest RTO seen since the last read, in the kernel's ticks
    /// (jiffies, as [`PeerAddrInfo::srtt_ticks`]): Linux reports it
    /// unconverted. Each read starts a new period.
    pub max_rto_ticks: u64,
    /// The path that had it. The kernel does not clear it with the
    /// period: when no RTO rose in this one, it is an earlier period's.
    /// `None` before any.
    pub max_rto_addr: Option<SocketAddr>,
    /// SACKs received.
    pub sacks_received: u64,
    /// SACKs sent.
    pub sacks_sent: u64,
    /// Packets sent.
    pub packets_sent: u64,
    /// Packets received.
    pub packets_received: u64,
    /// Chunks retransmitted.
    pub retransmitted_chunks: u64,
    /// TSNs received above the next expected.
    pub out_of_seq_tsns: u64,
    /// Duplicate chunks received.
    pub duplicate_chunks: u64,
    /// Gap acknowledgement blocks received.
    pub gap_acks: u64,
    /// Unordered DATA chunks sent.
    pub unordered_chunks_sent: u64,
    /// Unordered DATA chunks received.
    pub unordered_chunks_received: u64,
    /// Ordered DATA chunks sent.
    pub ordered_chunks_sent: u64,
    /// Ordered DATA chunks received.
    pub ordered_chunks_received: u64,
    /// Control chunks sent.
    pub control_chunks_sent: u64,
    /// Control chunks received.
    pub control_chunks_received: u64,
}

/// SCTP_PEER_ADDR_THLDS_V2: when a path counts as failed. A setter writes
/// the thresholds whole (`path_max_retrans` zero: unchanged): start from
/// what [`peer_addr_thresholds`](Socket::peer_addr_thresholds) returns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PeerAddrThresholds {
    /// Retransmissions before the path is inactive (`spt_pathmaxrxt`).
    pub path_max_retrans: u16,
    /// Retransmissions before it is potentially failed (RFC 7829)
    /// (`spt_pathpfthld`; default `net.sctp.pf_retrans`, 0). At most
    /// `ps_threshold`, else EINVAL.
    pub pf_threshold: u16,
    /// Retransmissions on the primary path before traffic switches over to
    /// another for good (`spt_pathcpthld`; default `net.sctp.ps_retrans`,
    /// 65535: never).
    pub ps_threshold: u16,
}

/// An HMAC algorithm of SCTP-AUTH (RFC 4895 section 6.1), as
/// SCTP_HMAC_IDENT lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HmacId {
    /// HMAC-SHA-1 (SCTP_AUTH_HMAC_ID_SHA1, 1): every list must have it.
    Sha1,
    /// HMAC-SHA-256 (SCTP_AUTH_HMAC_ID_SHA256, 3).
    Sha256,
    /// Another identifier: Linux 6.1 refuses any other in a list
    /// (EOPNOTSUPP).
    Other(u16),
}

impl HmacId {
    fn raw(self) -> u16 {
        match self {
            HmacId::Sha1 => SCTP_AUTH_HMAC_ID_SHA1,
            HmacId::Sha256 => SCTP_AUTH_HMAC_ID_SHA256,
            HmacId::Other(v) => v,
        }
    }

    fn from_raw(v: u16) -> HmacId {
        match v {
            SCTP_AUTH_HMAC_ID_SHA1 => HmacId::Sha1,
            SCTP_AUTH_HMAC_ID_SHA256 => HmacId::Sha256,
            v => HmacId::Other(v),
        }
    }
}

/// Which policy's abandoned messages [`pr_assoc_status`](Socket::pr_assoc_status)
/// and [`pr_stream_status`](Socket::pr_stream_status) count
/// (sctp_prstatus' `sprstat_policy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PrStatusPolicy {
    /// Those sent with a lifetime ([`PrPolicy::Ttl`], SCTP_PR_SCTP_TTL).
    Ttl,
    /// Those sent with a retransmission limit ([`PrPolicy::Rtx`],
    /// SCTP_PR_SCTP_RTX).
    Rtx,
    /// Those sent with a priority ([`PrPolicy::Prio`], SCTP_PR_SCTP_PRIO).
    Prio,
    /// All three summed (SCTP_PR_SCTP_ALL).
    All,
}

impl PrStatusPolicy {
    fn raw(self) -> u16 {
        match self {
            PrStatusPolicy::Ttl => SCTP_PR_SCTP_TTL,
            PrStatusPolicy::Rtx => SCTP_PR_SCTP_RTX,
            PrStatusPolicy::Prio => SCTP_PR_SCTP_PRIO,
            PrStatusPolicy::All => SCTP_PR_SCTP_ALL,
        }
    }
}

/// SCTP_PR_ASSOC_STATUS, SCTP_PR_STREAM_STATUS: the messages PR-SCTP gave
/// up on (a Linux extension), since the association began.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PrStatus {
    /// Abandoned before they were ever sent (`sprstat_abandoned_unsent`):
    /// their lifetime ran out in the send queue, or a priority message
    /// made room in a full send buffer.
    pub abandoned_unsent: u64,
    /// Abandoned after being sent at least once (`sprstat_abandoned_sent`),
    /// their data skipped with a FORWARD TSN.
    pub abandoned_sent: u64,
}

/// PrPolicy as the kernel's (policy, value).
fn pr_raw(p: PrPolicy) -> (u16, u32) {
    match p {
        PrPolicy::Reliable => (SCTP_PR_SCTP_NONE, 0),
        PrPolicy::Ttl(v) => (SCTP_PR_SCTP_TTL, v),
        PrPolicy::Rtx(v) => (SCTP_PR_SCTP_RTX, v),
        PrPolicy::Prio(v) => (SCTP_PR_SCTP_PRIO, v),
    }
}

/// The SendFlags of `bits` (those the crate names; the kernel accepts no
/// others in a default).
fn send_flags(bits: u16) -> SendFlags {
    [SendFlags::UNORDERED, SendFlags::ADDR_OVER, SendFlags::ABORT, SendFlags::EOF, SendFlags::SACK_IMMEDIATELY]
        .into_iter()
        .filter(|f| bits & f.bits() != 0)
        .fold(SendFlags::NONE, |all, f| all | f)
}

/// Options of the socket as a whole.
impl Socket {
    /// SCTP_NODELAY: whether small messages go out at once, not held back
    /// to be bundled (Nagle's algorithm off).
    pub fn nodelay(&self) -> io::Result<bool> {
        get_int(self, SCTP_NODELAY).map(|v| v != 0)
    }

    /// Set SCTP_NODELAY.
    pub fn set_nodelay(&self, on: bool) -> io::Result<()> {
        set_int(self, SCTP_NODELAY, on.into())
    }

    /// SCTP_INITMSG: the streams and INIT retries of the associations the
    /// socket will set up.
    pub fn init_msg(&self) -> io::Result<InitMsg> {
        let mut m = sctp_initmsg::default();
        sys::getsockopt(self.fd(), SCTP_INITMSG, &mut m)?;
        Ok(InitMsg {
            num_ostreams: m.sinit_num_ostreams,
            max_instreams: m.sinit_max_instreams,
            max_attempts: m.sinit_max_attempts,
            max_init_timeo: ms(m.sinit_max_init_timeo.into()),
        })
    }

    /// Set SCTP_INITMSG; its zero fields are left as they are.
    pub fn set_init_msg(&self, m: &InitMsg) -> io::Result<()> {
        let raw = sctp_initmsg {
            sinit_num_ostreams: m.num_ostreams,
            sinit_max_instreams: m.max_instreams,
            sinit_max_attempts: m.max_attempts,
            sinit_max_init_timeo: units(m.max_init_timeo, 1_000_000)?,
        };
        sys::setsockopt(self.fd(), SCTP_INITMSG, &raw)
    }

    /// SCTP_AUTOCLOSE: how long an idle association of a one-to-many
    /// socket lives before the kernel shuts it down; `None`: for ever (the
    /// default). In whole seconds. A one-to-one socket is EOPNOTSUPP.
    pub fn autoclose(&self) -> io::Result<Option<Duration>> {
        get_int(self, SCTP_AUTOCLOSE).map(|v| (v != 0).then(|| Duration::from_secs(v as u32 as u64)))
    }

    /// Set SCTP_AUTOCLOSE (rounded up to whole seconds; the kernel caps it
    /// at `net.sctp.max_autoclose`). A one-to-one socket is EOPNOTSUPP.
    pub fn set_autoclose(&self, idle: Option<Duration>) -> io::Result<()> {
        let secs: u32 = match idle {
            Some(d) => units(d, 1_000_000_000)?,
            None => 0,
        };
        sys::setsockopt(self.fd(), SCTP_AUTOCLOSE, &secs)
    }

    /// SCTP_ADAPTATION_LAYER: the adaptation layer indication (RFC 5061)
    /// the socket's INITs and INIT ACKs carry, which the peer receives as
    /// an ADAPTATION_INDICATION notification. 0 (the default): none; Linux
    /// sends the parameter only for a nonzero value.
    pub fn adaptation_layer(&self) -> io::Result<u32> {
        let mut a = sctp_setadaptation::default();
        sys::getsockopt(self.fd(), SCTP_ADAPTATION_LAYER, &mut a)?;
        Ok(a.ssb_adaptation_ind)
    }

    /// Set SCTP_ADAPTATION_LAYER.
    pub fn set_adaptation_layer(&self, indication: u32) -> io::Result<()> {
        sys::setsockopt(self.fd(), SCTP_ADAPTATION_LAYER, &sctp_setadaptation { ssb_adaptation_ind: indication })
    }

    /// SCTP_DISABLE_FRAGMENTS: whether a message bigger than the path MTU
    /// is refused (EMSGSIZE) rather than fragmented.
    pub fn disable_fragments(&self) -> io::Result<bool> {
        get_int(self, SCTP_DISABLE_FRAGMENTS).map(|v| v != 0)
    }

    /// Set SCTP_DISABLE_FRAGMENTS.
    pub fn set_disable_fragments(&self, on: bool) -> io::Result<()> {
        set_int(self, SCTP_DISABLE_FRAGMENTS, on.into())
    }

    /// SCTP_I_WANT_MAPPED_V4_ADDR: whether an IPv6 socket reports IPv4
    /// peers as v4-mapped IPv6 addresses (Linux's default) or as IPv4.
    pub fn mapped_v4(&self) -> io::Result<bool> {
        get_int(self, SCTP_I_WANT_MAPPED_V4_ADDR).map(|v| v != 0)
    }

    /// Set SCTP_I_WANT_MAPPED_V4_ADDR.
    pub fn set_mapped_v4(&self, on: bool) -> io::Result<()> {
        set_int(self, SCTP_I_WANT_MAPPED_V4_ADDR, on.into())
    }

    /// SCTP_RECVRCVINFO: whether each message comes with its
    /// [`RecvInfo`](crate::RecvInfo). This crate's sockets start with it
    /// on; off, [`Message::info`](crate::Message) is `None`.
    pub fn recv_rcvinfo(&self) -> io::Result<bool> {
        get_int(self, SCTP_RECVRCVINFO).map(|v| v != 0)
    }

    /// Set SCTP_RECVRCVINFO.
    pub fn set_recv_rcvinfo(&self, on: bool) -> io::Result<()> {
        set_int(self, SCTP_RECVRCVINFO, on.into())
    }

    /// SCTP_RECVNXTINFO: whether each message comes with the
    /// [`NextInfo`](crate::NextInfo) of the one after it, when there is one
    /// (off by default).
    pub fn recv_nxtinfo(&self) -> io::Result<bool> {
        get_int(self, SCTP_RECVNXTINFO).map(|v| v != 0)
    }

    /// Set SCTP_RECVNXTINFO.
    pub fn set_recv_nxtinfo(&self, on: bool) -> io::Result<()> {
        set_int(self, SCTP_RECVNXTINFO, on.into())
    }

    /// SCTP_FRAGMENT_INTERLEAVE: whether a partially delivered message may
    /// be interleaved with others (off by default). RFC 6458 has levels 0,
    /// 1 and 2; Linux keeps on or off (any nonzero level reads as 1), and
    /// with [`interleaving_supported`](Socket::interleaving_supported) on
    /// behaves as level 2. Turning it off turns interleaving off too.
    pub fn fragment_interleave(&self) -> io::Result<bool> {
        get_int(self, SCTP_FRAGMENT_INTERLEAVE).map(|v| v != 0)
    }

    /// Set SCTP_FRAGMENT_INTERLEAVE.
    pub fn set_fragment_interleave(&self, on: bool) -> io::Result<()> {
        set_int(self, SCTP_FRAGMENT_INTERLEAVE, on.into())
    }

    /// SCTP_PARTIAL_DELIVERY_POINT: the bytes of a message received before
    /// the kernel starts handing it over in parts (0, the default: when the
    /// receive buffer is full).
    pub fn partial_delivery_point(&self) -> io::Result<u32> {
        let mut v: u32 = 0;
        sys::getsockopt(self.fd(), SCTP_PARTIAL_DELIVERY_POINT, &mut v)?;
        Ok(v)
    }

    /// Set SCTP_PARTIAL_DELIVERY_POINT: at most half the receive buffer
    /// (SO_RCVBUF as the kernel reports it), else EINVAL.
    pub fn set_partial_delivery_point(&self, bytes: u32) -> io::Result<()> {
        sys::setsockopt(self.fd(), SCTP_PARTIAL_DELIVERY_POINT, &bytes)
    }

    /// The ids of a one-to-many socket's associations
    /// (SCTP_GET_ASSOC_NUMBER, then SCTP_GET_ASSOC_ID_LIST). A one-to-one
    /// socket is EOPNOTSUPP.
    pub fn assoc_ids(&self) -> io::Result<Vec<AssocId>> {
        let head = size_of::<sctp_assoc_ids>();
        let mut last = Ok(0);
        // An association set up between the count and the list makes the
        // list's room short (EINVAL): count again, a few times.
        for _ in 0..4 {
            let n = get_int(self, SCTP_GET_ASSOC_NUMBER)? as u32 as usize;
            let mut buf = vec![0u8; head + size_of::<AssocId>() * (n + 8)];
            last = sys::getsockopt_bytes(self.fd(), SCTP_GET_ASSOC_ID_LIST, &mut buf);
            match last {
                Ok(len) => {
                    let count = u32::from_ne_bytes([buf[0], buf[1], buf[2], buf[3]]) as usize;
                    let room = (len as usize).min(buf.len()).saturating_sub(head) / size_of::<AssocId>();
                    return Ok(buf[head..]
                        .chunks_exact(size_of::<AssocId>())
                        .take(count.min(room))
                        .map(|b| AssocId::from_ne_bytes([b[0], b[1], b[2], b[3]]))
                        .collect());
                }
                Err(ref e) if e.raw_os_error() == Some(libc::EINVAL) => continue,
                Err(e) => return Err(e),
            }
        }
        last.map(|_| Vec::new())
    }

    /// SCTP_HMAC_IDENT: the HMAC algorithms the socket's INITs offer for
    /// SCTP-AUTH (RFC 4895), most preferred first (Linux's default: SHA-1
    /// alone). EACCES unless the socket has
    /// [`auth_supported`](Socket::auth_supported) on.
    pub fn hmac_ident(&self) -> io::Result<Vec<HmacId>> {
        // The HMAC-ALGO parameter's length field bounds the list.
        let ids = get_list(self, SCTP_HMAC_IDENT, &[0u8; size_of::<sctp_hmacalgo>()], 0, 2, 16, (65535 - 4) / 2)?;
        Ok(ids.chunks_exact(2).map(|b| HmacId::from_raw(u16::from_ne_bytes([b[0], b[1]]))).collect())
    }

    /// Set SCTP_HMAC_IDENT for the socket's future associations. EACCES
    /// unless the socket has [`auth_supported`](Socket::auth_supported)
    /// on; EINVAL for an empty list, one without [`HmacId::Sha1`] or one
    /// longer than the kernel keeps (4 in Linux 6.1); EOPNOTSUPP for an
    /// identifier it does not know.
    pub fn set_hmac_ident(&self, ids: &[HmacId]) -> io::Result<()> {
        let mut buf = Vec::with_capacity(size_of::<sctp_hmacalgo>() + 2 * ids.len());
        buf.extend_from_slice(&u32::try_from(ids.len()).map_err(|_| einval())?.to_ne_bytes());
        for id in ids {
            buf.extend_from_slice(&id.raw().to_ne_bytes());
        }
        sys::setsockopt_bytes(self.fd(), SCTP_HMAC_IDENT, &buf)
    }

    /// SCTP_AUTH_CHUNK: ask the peers of the socket's future associations
    /// to authenticate the chunks of type `chunk` they send it (RFC 4895;
    /// 0 is DATA). The list only grows, and is
    /// [`local_auth_chunks`](Socket::local_auth_chunks). EACCES unless the
    /// socket has [`auth_supported`](Socket::auth_supported) on; EINVAL
    /// for INIT (1), INIT ACK (2), SHUTDOWN COMPLETE (14) and AUTH (15),
    /// which are never authenticated.
    pub fn add_auth_chunk(&self, chunk: u8) -> io::Result<()> {
        sys::setsockopt(self.fd(), SCTP_AUTH_CHUNK, &sctp_authchunk { sauth_chunk: chunk })
    }
}

/// Options per association (or of the socket's future associations, for
/// [`FUTURE_ASSOC`](crate::FUTURE_ASSOC)).
impl Socket {
    /// SCTP_RTOINFO: the retransmission timeout's bounds.
    pub fn rto_info(&self, assoc: AssocId) -> io::Result<RtoInfo> {
        let mut r = sctp_rtoinfo { srto_assoc_id: assoc, ..Default::default() };
        sys::getsockopt(self.fd(), SCTP_RTOINFO, &mut r)?;
        Ok(RtoInfo { initial: ms(r.srto_initial), max: ms(r.srto_max), min: ms(r.srto_min) })
    }

    /// Set SCTP_RTOINFO; its zero fields are left as they are. EINVAL when
    /// the minimum (the one given, or the one there was) exceeds the
    /// maximum; Linux 6.1 checks nothing more (not that `initial` lies
    /// between them, nor any floor: a 1 ms minimum is taken).
    pub fn set_rto_info(&self, assoc: AssocId, r: &RtoInfo) -> io::Result<()> {
        let raw = sctp_rtoinfo { srto_assoc_id: assoc, srto_initial: ms32(r.initial)?, srto_max: ms32(r.max)?, srto_min: ms32(r.min)? };
        sys::setsockopt(self.fd(), SCTP_RTOINFO, &raw)
    }

    /// SCTP_ASSOCINFO: association parameters.
    pub fn assoc_params(&self, assoc: AssocId) -> io::Result<AssocParams> {
        let mut p = sctp_assocparams { sasoc_assoc_id: assoc, ..Default::default() };
        sys::getsockopt(self.fd(), SCTP_ASSOCINFO, &mut p)?;
        Ok(AssocParams {
            max_retrans: p.sasoc_asocmaxrxt,
            peer_destinations: p.sasoc_number_peer_destinations,
            peer_rwnd: p.sasoc_peer_rwnd,
            local_rwnd: p.sasoc_local_rwnd,
            cookie_life: ms(p.sasoc_cookie_life),
        })
    }

    /// Set SCTP_ASSOCINFO: `max_retrans` and `cookie_life`, each unless
    /// zero; the read-only fields are not sent.
    pub fn set_assoc_params(&self, assoc: AssocId, p: &AssocParams) -> io::Result<()> {
        let raw = sctp_assocparams {
            sasoc_assoc_id: assoc,
            sasoc_asocmaxrxt: p.max_retrans,
            sasoc_cookie_life: ms32(p.cookie_life)?,
            ..Default::default()
        };
        sys::setsockopt(self.fd(), SCTP_ASSOCINFO, &raw)
    }

    /// SCTP_PEER_ADDR_PARAMS of peer address `addr` of association
    /// `assoc`, or, for `None`, of the association (or socket) as a whole.
    /// An address that is not the association's is EINVAL.
    pub fn peer_addr_params(&self, assoc: AssocId, addr: Option<SocketAddr>) -> io::Result<PeerAddrParams> {
        let mut p = sctp_paddrparams::zeroed();
        p.0.spp_assoc_id = assoc;
        p.0.spp_address = to_storage(addr.as_ref());
        sys::getsockopt(self.fd(), SCTP_PEER_ADDR_PARAMS, &mut p)?;
        let p = p.0;
        let flags = p.spp_flags;
        Ok(PeerAddrParams {
            heartbeat: (flags & SPP_HB_ENABLE != 0).then(|| ms(p.spp_hbinterval)),
            path_max_retrans: p.spp_pathmaxrxt,
            pmtud: flags & SPP_PMTUD_ENABLE != 0,
            path_mtu: p.spp_pathmtu,
            sack_delay: (flags & SPP_SACKDELAY_ENABLE != 0).then(|| ms(p.spp_sackdelay)),
            ipv6_flowlabel: (flags & SPP_IPV6_FLOWLABEL != 0).then_some(p.spp_ipv6_flowlabel),
            dscp: (flags & SPP_DSCP != 0).then_some(p.spp_dscp),
        })
    }

    /// Set SCTP_PEER_ADDR_PARAMS of `addr` (or, for `None`, of the whole
    /// association, every path of it, or of the socket): every field of
    /// `p`. EINVAL for an address not the association's, a SACK delay over
    /// 500 ms and a fixed path MTU under 512.
    pub fn set_peer_addr_params(&self, assoc: AssocId, addr: Option<SocketAddr>, p: &PeerAddrParams) -> io::Result<()> {
        let mut raw = sctp_paddrparams::zeroed();
        let mut flags = 0;
        match p.heartbeat {
            Some(d) => {
                flags |= SPP_HB_ENABLE | if d.is_zero() { SPP_HB_TIME_IS_ZERO } else { 0 };
                raw.0.spp_hbinterval = ms32(d)?;
            }
            None => flags |= SPP_HB_DISABLE,
        }
        flags |= if p.pmtud { SPP_PMTUD_ENABLE } else { SPP_PMTUD_DISABLE };
        match p.sack_delay {
            Some(d) => {
                flags |= SPP_SACKDELAY_ENABLE;
                raw.0.spp_sackdelay = ms32(d)?;
            }
            None => flags |= SPP_SACKDELAY_DISABLE,
        }
        if let Some(label) = p.ipv6_flowlabel {
            flags |= SPP_IPV6_FLOWLABEL;
            raw.0.spp_ipv6_flowlabel = label;
        }
        if let Some(dscp) = p.dscp {
            flags |= SPP_DSCP;
            raw.0.spp_dscp = dscp;
        }
        raw.0.spp_assoc_id = assoc;
        raw.0.spp_address = to_storage(addr.as_ref());
        raw.0.spp_pathmaxrxt = p.path_max_retrans;
        raw.0.spp_pathmtu = if p.pmtud { 0 } else { p.path_mtu };
        raw.0.spp_flags = flags;
        sys::setsockopt(self.fd(), SCTP_PEER_ADDR_PARAMS, &raw)
    }

    /// Send a heartbeat now (SCTP_PEER_ADDR_PARAMS' SPP_HB_DEMAND) to
    /// `addr`, or, for `None`, on every path of the association; the
    /// other parameters are left as they are. It needs an association:
    /// on a socket without one, EINVAL.
    pub fn request_heartbeat(&self, assoc: AssocId, addr: Option<SocketAddr>) -> io::Result<()> {
        let mut raw = sctp_paddrparams::zeroed();
        raw.0.spp_assoc_id = assoc;
        raw.0.spp_address = to_storage(addr.as_ref());
        raw.0.spp_flags = SPP_HB_DEMAND;
        sys::setsockopt(self.fd(), SCTP_PEER_ADDR_PARAMS, &raw)
    }

    /// SCTP_STATUS of an association (on a one-to-one socket, its own).
    /// EINVAL when there is none.
    pub fn status(&self, assoc: AssocId) -> io::Result<Status> {
        let mut s = sctp_status::zeroed();
        s.sstat_assoc_id = assoc;
        sys::getsockopt(self.fd(), SCTP_STATUS, &mut s)?;
        Ok(Status {
            assoc_id: s.sstat_assoc_id,
            state: AssocState::from(s.sstat_state),
            rwnd: s.sstat_rwnd,
            unacked_data: s.sstat_unackdata,
            pending_data: s.sstat_penddata,
            in_streams: s.sstat_instrms,
            out_streams: s.sstat_outstrms,
            fragmentation_point: s.sstat_fragmentation_point,
            primary: PeerAddrInfo::from_raw(&s.sstat_primary)?,
        })
    }

    /// SCTP_GET_PEER_ADDR_INFO: the state of the path to peer address
    /// `addr` of association `assoc`. EINVAL for an address not the
    /// association's; EACCES for a potentially failed path of an
    /// association that does not expose that state.
    pub fn peer_addr_info(&self, assoc: AssocId, addr: SocketAddr) -> io::Result<PeerAddrInfo> {
        let mut p = sctp_paddrinfo::zeroed();
        p.spinfo_assoc_id = assoc;
        p.spinfo_address = to_storage(Some(&addr));
        sys::getsockopt(self.fd(), SCTP_GET_PEER_ADDR_INFO, &mut p)?;
        PeerAddrInfo::from_raw(&p)
    }

    /// SCTP_DEFAULT_SNDINFO: what a message sent without send information
    /// ([`SendInfo::default()`](crate::SendInfo)) goes with. Its `pr` is
    /// always `Reliable` here: the default policy is
    /// [`default_prinfo`](Socket::default_prinfo)'s.
    pub fn default_sndinfo(&self, assoc: AssocId) -> io::Result<SendInfo> {
        let mut i = sctp_sndinfo { snd_assoc_id: assoc, ..Default::default() };
        sys::getsockopt(self.fd(), SCTP_DEFAULT_SNDINFO, &mut i)?;
        Ok(SendInfo::new()
            .stream(i.snd_sid)
            .ppid(u32::from_be(i.snd_ppid))
            .flags(send_flags(i.snd_flags))
            .context(i.snd_context)
            .assoc(i.snd_assoc_id))
    }

    /// Set SCTP_DEFAULT_SNDINFO of association `info.assoc_id` (or
    /// FUTURE_ASSOC, CURRENT_ASSOC, ALL_ASSOC): its stream, PPID, flags and
    /// context (`info.pr` is not part of it: see
    /// [`set_default_prinfo`](Socket::set_default_prinfo)). The flags may
    /// be UNORDERED, ADDR_OVER, ABORT and EOF; others are EINVAL.
    pub fn set_default_sndinfo(&self, info: &SendInfo) -> io::Result<()> {
        let raw = sctp_sndinfo {
            snd_sid: info.stream,
            snd_flags: info.flags.bits(),
            snd_ppid: info.ppid.to_be(),
            snd_context: info.context,
            snd_assoc_id: info.assoc_id,
        };
        sys::setsockopt(self.fd(), SCTP_DEFAULT_SNDINFO, &raw)
    }

    /// SCTP_DELAYED_SACK: the delayed SACK timer and frequency.
    pub fn delayed_sack(&self, assoc: AssocId) -> io::Result<DelayedSack> {
        let mut s = sctp_sack_info { sack_assoc_id: assoc, ..Default::default() };
        sys::getsockopt(self.fd(), SCTP_DELAYED_SACK, &mut s)?;
        Ok(DelayedSack { delay: ms(s.sack_delay), freq: s.sack_freq })
    }

    /// Set SCTP_DELAYED_SACK (also for CURRENT_ASSOC and ALL_ASSOC); zero
    /// fields are left as they are; a delay over 500 ms is EINVAL.
    pub fn set_delayed_sack(&self, assoc: AssocId, s: &DelayedSack) -> io::Result<()> {
        let raw = sctp_sack_info { sack_assoc_id: assoc, sack_delay: ms32(s.delay)?, sack_freq: s.freq };
        sys::setsockopt(self.fd(), SCTP_DELAYED_SACK, &raw)
    }

    /// SCTP_MAXSEG: the largest DATA chunk payload the socket sends, and
    /// so where messages are fragmented; 0 (the default): as the path MTU
    /// allows. Of an association, its current fragmentation point.
    pub fn maxseg(&self, assoc: AssocId) -> io::Result<u32> {
        get_value(self, SCTP_MAXSEG, assoc)
    }

    /// Set SCTP_MAXSEG; a nonzero size must leave room for a minimal
    /// packet's headers and fit a chunk (about 464 to 65519 bytes), else
    /// EINVAL.
    pub fn set_maxseg(&self, assoc: AssocId, bytes: u32) -> io::Result<()> {
        set_value(self, SCTP_MAXSEG, assoc, bytes)
    }

    /// SCTP_PRIMARY_ADDR: the peer address association `assoc` sends to
    /// by default. EINVAL without an association.
    pub fn primary_addr(&self, assoc: AssocId) -> io::Result<SocketAddr> {
        let mut p = sctp_prim::zeroed();
        p.ssp_assoc_id = assoc;
        sys::getsockopt(self.fd(), SCTP_PRIMARY_ADDR, &mut p)?;
        let ss = p.ssp_addr;
        from_storage(&ss).ok_or_else(|| io::Error::from_raw_os_error(libc::EAFNOSUPPORT))
    }

    /// Set SCTP_PRIMARY_ADDR: send to peer address `addr` by default.
    /// EINVAL for an address not the association's.
    pub fn set_primary_addr(&self, assoc: AssocId, addr: SocketAddr) -> io::Result<()> {
        let mut p = sctp_prim::zeroed();
        p.ssp_assoc_id = assoc;
        p.ssp_addr = to_storage(Some(&addr));
        sys::setsockopt(self.fd(), SCTP_PRIMARY_ADDR, &p)
    }

    /// SCTP_SET_PEER_PRIMARY_ADDR: ask the peer to make our local address
    /// `addr` its primary path to us (an ASCONF, RFC 5061). EPERM unless
    /// the socket has [`asconf_supported`](Socket::asconf_supported) on
    /// and the peer supports ASCONF (which needs AUTH on both ends);
    /// EADDRNOTAVAIL for an address that is not the association's.
    pub fn set_peer_primary_addr(&self, assoc: AssocId, addr: SocketAddr) -> io::Result<()> {
        let mut p = sctp_setpeerprim::zeroed();
        p.sspp_assoc_id = assoc;
        p.sspp_addr = to_storage(Some(&addr));
        sys::setsockopt(self.fd(), SCTP_SET_PEER_PRIMARY_ADDR, &p)
    }

    /// SCTP_PR_SUPPORTED: whether the socket offers PR-SCTP (RFC 3758) in
    /// its INITs (default `net.sctp.prsctp_enable`, on); of an
    /// association, whether the peer does too.
    pub fn pr_supported(&self, assoc: AssocId) -> io::Result<bool> {
        get_value(self, SCTP_PR_SUPPORTED, assoc).map(|v| v != 0)
    }

    /// Set SCTP_PR_SUPPORTED for the socket's future associations (see
    /// [Associations](self#associations) for the id).
    pub fn set_pr_supported(&self, assoc: AssocId, on: bool) -> io::Result<()> {
        set_value(self, SCTP_PR_SUPPORTED, assoc, on.into())
    }

    /// SCTP_DEFAULT_PRINFO: the partial-reliability policy of messages
    /// sent without one.
    pub fn default_prinfo(&self, assoc: AssocId) -> io::Result<PrPolicy> {
        let mut p = sctp_default_prinfo { pr_assoc_id: assoc, ..Default::default() };
        sys::getsockopt(self.fd(), SCTP_DEFAULT_PRINFO, &mut p)?;
        Ok(match p.pr_policy & SCTP_PR_SCTP_MASK {
            SCTP_PR_SCTP_TTL => PrPolicy::Ttl(p.pr_value),
            SCTP_PR_SCTP_RTX => PrPolicy::Rtx(p.pr_value),
            SCTP_PR_SCTP_PRIO => PrPolicy::Prio(p.pr_value),
            _ => PrPolicy::Reliable,
        })
    }

    /// Set SCTP_DEFAULT_PRINFO (also for CURRENT_ASSOC and ALL_ASSOC).
    pub fn set_default_prinfo(&self, assoc: AssocId, policy: PrPolicy) -> io::Result<()> {
        let (pr_policy, pr_value) = pr_raw(policy);
        sys::setsockopt(self.fd(), SCTP_DEFAULT_PRINFO, &sctp_default_prinfo { pr_assoc_id: assoc, pr_value, pr_policy })
    }

    /// SCTP_PR_ASSOC_STATUS: how many messages of association `assoc`
    /// sent with `policy` were abandoned (a Linux extension). EINVAL
    /// without such an association.
    pub fn pr_assoc_status(&self, assoc: AssocId, policy: PrStatusPolicy) -> io::Result<PrStatus> {
        pr_status(self, SCTP_PR_ASSOC_STATUS, assoc, 0, policy)
    }

    /// SCTP_PR_STREAM_STATUS: as [`pr_assoc_status`](Socket::pr_assoc_status),
    /// for the messages of outgoing stream `stream` alone. EINVAL without
    /// such an association or for a stream out of range.
    pub fn pr_stream_status(&self, assoc: AssocId, stream: u16, policy: PrStatusPolicy) -> io::Result<PrStatus> {
        pr_status(self, SCTP_PR_STREAM_STATUS, assoc, stream, policy)
    }

    /// SCTP_RECONFIG_SUPPORTED: whether the socket offers stream
    /// reconfiguration (RFC 6525) in its INITs (default
    /// `net.sctp.reconf_enable`, off); of an association, whether the peer
    /// does too.
    pub fn reconfig_supported(&self, assoc: AssocId) -> io::Result<bool> {
        get_value(self, SCTP_RECONFIG_SUPPORTED, assoc).map(|v| v != 0)
    }

    /// Set SCTP_RECONFIG_SUPPORTED for the socket's future associations
    /// (see [Associations](self#associations) for the id): set it on both
    /// ends before they associate.
    pub fn set_reconfig_supported(&self, assoc: AssocId, on: bool) -> io::Result<()> {
        set_value(self, SCTP_RECONFIG_SUPPORTED, assoc, on.into())
    }

    /// SCTP_ENABLE_STREAM_RESET: the reconfiguration requests an
    /// association may send and accept (none by default).
    pub fn reconfig_requests(&self, assoc: AssocId) -> io::Result<ReconfigRequests> {
        get_value(self, SCTP_ENABLE_STREAM_RESET, assoc).map(ReconfigRequests::from_bits)
    }

    /// Set SCTP_ENABLE_STREAM_RESET (also for CURRENT_ASSOC and
    /// ALL_ASSOC). Both ends need the request enabled: the sender to send
    /// it, the receiver to grant it.
    pub fn set_reconfig_requests(&self, assoc: AssocId, r: ReconfigRequests) -> io::Result<()> {
        set_value(self, SCTP_ENABLE_STREAM_RESET, assoc, r.bits())
    }

    /// SCTP_RESET_STREAMS: reset `streams` (all of them, if empty) of
    /// association `assoc` in `direction`: their sequence numbers start
    /// again at 0 (RFC 6525). Returns once the request is sent; the peer's
    /// answer comes as a STREAM_RESET notification.
    ///
    /// ENOPROTOOPT when the association lacks reconfiguration (either
    /// end's [`reconfig_supported`](Socket::reconfig_supported)) or the
    /// reset request ([`reconfig_requests`](Socket::reconfig_requests));
    /// EINPROGRESS while an earlier request awaits its answer; EINVAL for
    /// no association or a stream number out of range; EAGAIN while an
    /// outgoing stream to reset has data queued.
    pub fn reset_streams(&self, assoc: AssocId, direction: StreamDirection, streams: &[u16]) -> io::Result<()> {
        let head = sctp_reset_streams {
            srs_assoc_id: assoc,
            srs_flags: direction.bits(),
            srs_number_streams: u16::try_from(streams.len()).map_err(|_| einval())?,
        };
        let mut buf = Vec::with_capacity(size_of::<sctp_reset_streams>() + std::mem::size_of_val(streams));
        // SAFETY: sctp_reset_streams is an i32 and two u16s without padding
        // (the layout test: 8 bytes), so its bytes are all initialised.
        buf.extend_from_slice(unsafe {
            std::slice::from_raw_parts(&head as *const sctp_reset_streams as *const u8, size_of::<sctp_reset_streams>())
        });
        for s in streams {
            buf.extend_from_slice(&s.to_ne_bytes());
        }
        sys::setsockopt_bytes(self.fd(), SCTP_RESET_STREAMS, &buf)
    }

    /// SCTP_RESET_ASSOC: reset association `assoc`'s TSNs and all its
    /// streams (RFC 6525). Errors as [`reset_streams`](Socket::reset_streams),
    /// the request being the association reset, and EAGAIN while data sent
    /// is not yet acknowledged.
    pub fn reset_assoc(&self, assoc: AssocId) -> io::Result<()> {
        sys::setsockopt(self.fd(), SCTP_RESET_ASSOC, &assoc)
    }

    /// SCTP_ADD_STREAMS: ask for `incoming` more inbound and `outgoing` more
    /// outbound streams on association `assoc` (RFC 6525). The new count
    /// shows in [`status`](Socket::status) once the peer agrees. Errors as
    /// [`reset_streams`](Socket::reset_streams), the request being the add
    /// streams one; EINVAL for none at all or past 65535 streams.
    pub fn add_streams(&self, assoc: AssocId, incoming: u16, outgoing: u16) -> io::Result<()> {
        sys::setsockopt(self.fd(), SCTP_ADD_STREAMS, &sctp_add_streams { sas_assoc_id: assoc, sas_instrms: incoming, sas_outstrms: outgoing })
    }

    /// SCTP_STREAM_SCHEDULER: how association `assoc` picks the next
    /// stream to send from.
    pub fn stream_scheduler(&self, assoc: AssocId) -> io::Result<StreamScheduler> {
        get_value(self, SCTP_STREAM_SCHEDULER, assoc).and_then(StreamScheduler::from_raw)
    }

    /// Set SCTP_STREAM_SCHEDULER (also for CURRENT_ASSOC and ALL_ASSOC).
    /// A scheduler the kernel lacks is EINVAL.
    pub fn set_stream_scheduler(&self, assoc: AssocId, s: StreamScheduler) -> io::Result<()> {
        set_value(self, SCTP_STREAM_SCHEDULER, assoc, s.raw())
    }

    /// SCTP_STREAM_SCHEDULER_VALUE: stream `stream`'s value for the
    /// scheduler (its priority under `Prio`, its weight under
    /// `WeightedFair`; 0 under the others). Needs an association (EINVAL
    /// without one, or for a stream out of range).
    pub fn stream_scheduler_value(&self, assoc: AssocId, stream: u16) -> io::Result<u16> {
        let mut v = sctp_stream_value { assoc_id: assoc, stream_id: stream, stream_value: 0 };
        sys::getsockopt(self.fd(), SCTP_STREAM_SCHEDULER_VALUE, &mut v)?;
        Ok(v.stream_value)
    }

    /// Set SCTP_STREAM_SCHEDULER_VALUE of an association, or, for
    /// CURRENT_ASSOC, of every current one; the socket has no default
    /// (FUTURE_ASSOC and ALL_ASSOC are EINVAL).
    pub fn set_stream_scheduler_value(&self, assoc: AssocId, stream: u16, value: u16) -> io::Result<()> {
        sys::setsockopt(self.fd(), SCTP_STREAM_SCHEDULER_VALUE, &sctp_stream_value { assoc_id: assoc, stream_id: stream, stream_value: value })
    }

    /// SCTP_INTERLEAVING_SUPPORTED: whether the socket offers user message
    /// interleaving (I-DATA, RFC 8260) in its INITs; of an association,
    /// whether the peer does too.
    pub fn interleaving_supported(&self, assoc: AssocId) -> io::Result<bool> {
        get_value(self, SCTP_INTERLEAVING_SUPPORTED, assoc).map(|v| v != 0)
    }

    /// Set SCTP_INTERLEAVING_SUPPORTED for the socket's future
    /// associations (see [Associations](self#associations) for the id).
    /// EPERM unless the sysctl `net.sctp.intl_enable` is 1
    /// (it is 0 by default) and the socket has
    /// [`fragment_interleave`](Socket::fragment_interleave) on.
    pub fn set_interleaving_supported(&self, assoc: AssocId, on: bool) -> io::Result<()> {
        set_value(self, SCTP_INTERLEAVING_SUPPORTED, assoc, on.into())
    }

    /// SCTP_REMOTE_UDP_ENCAPS_PORT: the peer's UDP port for SCTP over UDP
    /// (RFC 6951) to `addr`, or, for `None`, of the association or socket;
    /// 0: plain SCTP (unless the sysctl `net.sctp.encap_port` gives a
    /// default). Linux 5.11 and later.
    ///
    /// The local side is a sysctl, not an option: the kernel listens for
    /// UDP-encapsulated SCTP on `net.sctp.udp_port` (0, the default: it
    /// does not), and sends encapsulated from that port.
    pub fn remote_udp_encaps_port(&self, assoc: AssocId, addr: Option<SocketAddr>) -> io::Result<u16> {
        let mut e = sctp_udpencaps::zeroed();
        e.sue_assoc_id = assoc;
        e.sue_address = to_storage(addr.as_ref());
        sys::getsockopt(self.fd(), SCTP_REMOTE_UDP_ENCAPS_PORT, &mut e)?;
        Ok(u16::from_be(e.sue_port))
    }

    /// Set SCTP_REMOTE_UDP_ENCAPS_PORT. EINVAL for an address not the
    /// association's.
    pub fn set_remote_udp_encaps_port(&self, assoc: AssocId, addr: Option<SocketAddr>, port: u16) -> io::Result<()> {
        let mut e = sctp_udpencaps::zeroed();
        e.sue_assoc_id = assoc;
        e.sue_address = to_storage(addr.as_ref());
        e.sue_port = port.to_be();
        sys::setsockopt(self.fd(), SCTP_REMOTE_UDP_ENCAPS_PORT, &e)
    }

    /// SCTP_MAX_BURST: the most packets sent at once (default
    /// `net.sctp.max_burst`, 4; 0: no limit).
    pub fn max_burst(&self, assoc: AssocId) -> io::Result<u32> {
        get_value(self, SCTP_MAX_BURST, assoc)
    }

    /// Set SCTP_MAX_BURST (also for CURRENT_ASSOC and ALL_ASSOC).
    pub fn set_max_burst(&self, assoc: AssocId, packets: u32) -> io::Result<()> {
        set_value(self, SCTP_MAX_BURST, assoc, packets)
    }

    /// SCTP_CONTEXT: the value received messages carry as
    /// [`RecvInfo::context`](crate::RecvInfo).
    pub fn context(&self, assoc: AssocId) -> io::Result<u32> {
        get_value(self, SCTP_CONTEXT, assoc)
    }

    /// Set SCTP_CONTEXT (also for CURRENT_ASSOC and ALL_ASSOC).
    pub fn set_context(&self, assoc: AssocId, context: u32) -> io::Result<()> {
        set_value(self, SCTP_CONTEXT, assoc, context)
    }

    /// SCTP_ASCONF_SUPPORTED: whether the socket offers dynamic address
    /// reconfiguration (ASCONF, RFC 5061) in its INITs (default
    /// `net.sctp.addip_enable`, off); of an association, whether the peer
    /// does too. ASCONF needs AUTH ([`auth_supported`](Socket::auth_supported))
    /// unless `net.sctp.addip_noauth_enable` is set.
    pub fn asconf_supported(&self, assoc: AssocId) -> io::Result<bool> {
        get_value(self, SCTP_ASCONF_SUPPORTED, assoc).map(|v| v != 0)
    }

    /// Set SCTP_ASCONF_SUPPORTED for the socket's future associations (see
    /// [Associations](self#associations) for the id).
    pub fn set_asconf_supported(&self, assoc: AssocId, on: bool) -> io::Result<()> {
        set_value(self, SCTP_ASCONF_SUPPORTED, assoc, on.into())
    }

    /// SCTP_AUTH_SUPPORTED: whether the socket offers chunk authentication
    /// (AUTH, RFC 4895) in its INITs (default `net.sctp.auth_enable`,
    /// off); of an association, whether the peer does too.
    pub fn auth_supported(&self, assoc: AssocId) -> io::Result<bool> {
        get_value(self, SCTP_AUTH_SUPPORTED, assoc).map(|v| v != 0)
    }

    /// Set SCTP_AUTH_SUPPORTED for the socket's future associations (see
    /// [Associations](self#associations) for the id).
    pub fn set_auth_supported(&self, assoc: AssocId, on: bool) -> io::Result<()> {
        set_value(self, SCTP_AUTH_SUPPORTED, assoc, on.into())
    }

    /// Set SCTP_AUTH_KEY: shared key number `number` (RFC 4895's Shared
    /// Key Identifier) is `key`, added or replaced, for association
    /// `assoc`, or the socket's future associations (also CURRENT_ASSOC
    /// and ALL_ASSOC). Key 0, empty, is there from the start. EACCES
    /// unless the socket (for FUTURE_ASSOC) or the association (both ends)
    /// has [`auth_supported`](Socket::auth_supported) on; EINVAL for an
    /// empty key or one over 65535 bytes.
    pub fn set_auth_key(&self, assoc: AssocId, number: u16, key: &[u8]) -> io::Result<()> {
        let head = sctp_authkey { sca_assoc_id: assoc, sca_keynumber: number, sca_keylength: u16::try_from(key.len()).map_err(|_| einval())? };
        // sctp_authkey's fields in order, without padding (the layout
        // test: offsets 0, 4 and 6, 8 bytes), the key right after.
        let mut buf = Vec::with_capacity(size_of::<sctp_authkey>() + key.len());
        buf.extend_from_slice(&head.sca_assoc_id.to_ne_bytes());
        buf.extend_from_slice(&head.sca_keynumber.to_ne_bytes());
        buf.extend_from_slice(&head.sca_keylength.to_ne_bytes());
        buf.extend_from_slice(key);
        let r = sys::setsockopt_bytes(self.fd(), SCTP_AUTH_KEY, &buf);
        // Our copy of the key is wiped; black_box keeps the compiler from
        // dropping the stores as dead (the caller's `key` stays theirs).
        buf.fill(0);
        std::hint::black_box(&buf);
        r
    }

    /// SCTP_AUTH_ACTIVE_KEY: the number of the shared key association
    /// `assoc` (or, for FUTURE_ASSOC, the socket's future associations)
    /// authenticates the chunks it sends with (0 by default). EACCES
    /// without AUTH, as [`set_auth_key`](Socket::set_auth_key).
    pub fn auth_active_key(&self, assoc: AssocId) -> io::Result<u16> {
        let mut k = sctp_authkeyid { scact_assoc_id: assoc, scact_keynumber: 0 };
        sys::getsockopt(self.fd(), SCTP_AUTH_ACTIVE_KEY, &mut k)?;
        Ok(k.scact_keynumber)
    }

    /// Set SCTP_AUTH_ACTIVE_KEY (also for CURRENT_ASSOC and ALL_ASSOC):
    /// send with key `number`. EINVAL for a key there is not, or one
    /// deactivated; EACCES without AUTH.
    pub fn set_auth_active_key(&self, assoc: AssocId, number: u16) -> io::Result<()> {
        set_key_id(self, SCTP_AUTH_ACTIVE_KEY, assoc, number)
    }

    /// SCTP_AUTH_DEACTIVATE_KEY: stop using key `number` (also for
    /// CURRENT_ASSOC and ALL_ASSOC). RFC 6458 keeps it for what the peer
    /// sends; Linux 6.1 does not: chunks the peer authenticates with it
    /// are dropped. Once no chunk in flight uses it, an association
    /// reports it free with an AUTHENTICATION notification
    /// ([`FreeKey`](crate::notification::AuthIndication::FreeKey)).
    /// EINVAL for the active key, or a key there is not; EACCES without
    /// AUTH.
    pub fn deactivate_auth_key(&self, assoc: AssocId, number: u16) -> io::Result<()> {
        set_key_id(self, SCTP_AUTH_DEACTIVATE_KEY, assoc, number)
    }

    /// SCTP_AUTH_DELETE_KEY: remove key `number` (also for CURRENT_ASSOC
    /// and ALL_ASSOC). EINVAL for the active key, or a key there is not;
    /// EACCES without AUTH.
    pub fn delete_auth_key(&self, assoc: AssocId, number: u16) -> io::Result<()> {
        set_key_id(self, SCTP_AUTH_DELETE_KEY, assoc, number)
    }

    /// SCTP_PEER_AUTH_CHUNKS: the chunk types the peer of association
    /// `assoc` asked to receive authenticated (its INIT's CHUNKS
    /// parameter): what the association authenticates when sending.
    /// EINVAL without such an association; EACCES when it has no AUTH.
    pub fn peer_auth_chunks(&self, assoc: AssocId) -> io::Result<Vec<u8>> {
        auth_chunks(self, SCTP_PEER_AUTH_CHUNKS, assoc)
    }

    /// SCTP_LOCAL_AUTH_CHUNKS: the chunk types association `assoc` (or,
    /// for FUTURE_ASSOC, the socket) requires the peer to authenticate:
    /// the ones [`add_auth_chunk`](Socket::add_auth_chunk) added. EACCES
    /// without AUTH; EINVAL for an id that names no association.
    pub fn local_auth_chunks(&self, assoc: AssocId) -> io::Result<Vec<u8>> {
        auth_chunks(self, SCTP_LOCAL_AUTH_CHUNKS, assoc)
    }

    /// SCTP_ECN_SUPPORTED: whether the socket offers explicit congestion
    /// notification in its INITs (default `net.sctp.ecn_enable`, on); of an
    /// association, whether the peer does too.
    pub fn ecn_supported(&self, assoc: AssocId) -> io::Result<bool> {
        get_value(self, SCTP_ECN_SUPPORTED, assoc).map(|v| v != 0)
    }

    /// Set SCTP_ECN_SUPPORTED for the socket's future associations (see
    /// [Associations](self#associations) for the id).
    pub fn set_ecn_supported(&self, assoc: AssocId, on: bool) -> io::Result<()> {
        set_value(self, SCTP_ECN_SUPPORTED, assoc, on.into())
    }

    /// SCTP_GET_ASSOC_STATS: association `assoc`'s counters (EINVAL
    /// without one). Reading starts a new period of
    /// [`AssocStats::max_rto_ticks`].
    pub fn assoc_stats(&self, assoc: AssocId) -> io::Result<AssocStats> {
        let mut s = sctp_assoc_stats::zeroed();
        s.sas_assoc_id = assoc;
        sys::getsockopt(self.fd(), SCTP_GET_ASSOC_STATS, &mut s)?;
        Ok(AssocStats {
            max_rto_ticks: s.sas_maxrto,
            max_rto_addr: from_storage(&s.sas_obs_rto_ipaddr),
            sacks_received: s.sas_isacks,
            sacks_sent: s.sas_osacks,
            packets_sent: s.sas_opackets,
            packets_received: s.sas_ipackets,
            retransmitted_chunks: s.sas_rtxchunks,
            out_of_seq_tsns: s.sas_outofseqtsns,
            duplicate_chunks: s.sas_idupchunks,
            gap_acks: s.sas_gapcnt,
            unordered_chunks_sent: s.sas_ouodchunks,
            unordered_chunks_received: s.sas_iuodchunks,
            ordered_chunks_sent: s.sas_oodchunks,
            ordered_chunks_received: s.sas_iodchunks,
            control_chunks_sent: s.sas_octrlchunks,
            control_chunks_received: s.sas_ictrlchunks,
        })
    }

    /// SCTP_PEER_ADDR_THLDS_V2: the failure thresholds of peer address
    /// `addr`, or, for `None`, of the association or socket.
    pub fn peer_addr_thresholds(&self, assoc: AssocId, addr: Option<SocketAddr>) -> io::Result<PeerAddrThresholds> {
        let mut t = sctp_paddrthlds_v2::zeroed();
        t.spt_assoc_id = assoc;
        t.spt_address = to_storage(addr.as_ref());
        sys::getsockopt(self.fd(), SCTP_PEER_ADDR_THLDS_V2, &mut t)?;
        Ok(PeerAddrThresholds { path_max_retrans: t.spt_pathmaxrxt, pf_threshold: t.spt_pathpfthld, ps_threshold: t.spt_pathcpthld })
    }

    /// Set SCTP_PEER_ADDR_THLDS_V2 (every path of the association for
    /// `None`). EINVAL when `pf_threshold` exceeds `ps_threshold`; ENOENT
    /// for an address not the association's.
    pub fn set_peer_addr_thresholds(&self, assoc: AssocId, addr: Option<SocketAddr>, t: &PeerAddrThresholds) -> io::Result<()> {
        let mut raw = sctp_paddrthlds_v2::zeroed();
        raw.spt_assoc_id = assoc;
        raw.spt_address = to_storage(addr.as_ref());
        raw.spt_pathmaxrxt = t.path_max_retrans;
        raw.spt_pathpfthld = t.pf_threshold;
        raw.spt_pathcpthld = t.ps_threshold;
        sys::setsockopt(self.fd(), SCTP_PEER_ADDR_THLDS_V2, &raw)
    }

    /// SCTP_PLPMTUD_PROBE_INTERVAL: how often packetization-layer path MTU
    /// discovery (RFC 8899) probes the path to `addr` (or, for `None`, the
    /// association's or socket's paths); `None`: it is off (the default).
    /// Linux 5.16 and later.
    pub fn plpmtud_probe_interval(&self, assoc: AssocId, addr: Option<SocketAddr>) -> io::Result<Option<Duration>> {
        let mut p = sctp_probeinterval::zeroed();
        p.spi_assoc_id = assoc;
        p.spi_address = to_storage(addr.as_ref());
        sys::getsockopt(self.fd(), SCTP_PLPMTUD_PROBE_INTERVAL, &mut p)?;
        Ok((p.spi_interval != 0).then(|| ms(p.spi_interval)))
    }

    /// Set SCTP_PLPMTUD_PROBE_INTERVAL: at least 5 s (SCTP_PROBE_TIMER_MIN),
    /// else EINVAL; `None` turns PLPMTUD off.
    pub fn set_plpmtud_probe_interval(&self, assoc: AssocId, addr: Option<SocketAddr>, interval: Option<Duration>) -> io::Result<()> {
        let mut p = sctp_probeinterval::zeroed();
        p.spi_assoc_id = assoc;
        p.spi_address = to_storage(addr.as_ref());
        p.spi_interval = interval.map_or(Ok(0), ms32)?;
        sys::setsockopt(self.fd(), SCTP_PLPMTUD_PROBE_INTERVAL, &p)
    }
}

/// On a real kernel SCTP (cargo's runner is tools/kernel-run.sh). Every
/// settable option is set to a value other than its default and read
/// back, so that no check passes by reading a default; the association
/// options are tried on real associations over loopback. Where the kernel
/// rejects a value, the check names its errno (Linux 6.1's).
#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Family, Recv, RecvInfo, ALL_ASSOC, CURRENT_ASSOC, FUTURE_ASSOC};
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    use std::sync::Mutex;
    use std::time::Instant;

    fn addr(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    /// The errno of a call that must fail.
    fn errno<T: std::fmt::Debug>(r: io::Result<T>) -> i32 {
        r.expect_err("the kernel should refuse this").raw_os_error().expect("an errno")
    }

    fn sock(family: Family, ty: c_int) -> Socket {
        Socket::new(family, ty).expect("an SCTP socket (is this the kernel runner?)")
    }

    fn bind(s: &Socket, a: SocketAddr) {
        let (ss, len) = addr::to_sockaddr(&a);
        // SAFETY: `ss` holds `len` bytes of address.
        let r = unsafe { libc::bind(s.as_raw_fd(), &ss as *const sockaddr_storage as *const libc::sockaddr, len) };
        assert_eq!(r, 0, "bind {a}: {}", io::Error::last_os_error());
    }

    fn listen(s: &Socket) {
        // SAFETY: no pointers.
        assert_eq!(unsafe { libc::listen(s.as_raw_fd(), 16) }, 0, "listen: {}", io::Error::last_os_error());
    }

    fn connect(s: &Socket, a: SocketAddr) {
        let (ss, len) = addr::to_sockaddr(&a);
        // SAFETY: `ss` holds `len` bytes of address.
        let r = unsafe { libc::connect(s.as_raw_fd(), &ss as *const sockaddr_storage as *const libc::sockaddr, len) };
        assert_eq!(r, 0, "connect {a}: {}", io::Error::last_os_error());
    }

    fn local(s: &Socket) -> SocketAddr {
        let mut ss = to_storage(None);
        let mut len = size_of::<sockaddr_storage>() as socklen_t;
        // SAFETY: `ss` has `len` writable bytes.
        let r = unsafe { libc::getsockname(s.as_raw_fd(), &mut ss as *mut sockaddr_storage as *mut libc::sockaddr, &mut len) };
        assert_eq!(r, 0);
        addr::from_storage(&ss, len).unwrap()
    }

    fn accept(s: &Socket) -> Socket {
        // SAFETY: NULL address pointers are allowed.
        let fd = unsafe { libc::accept(s.as_raw_fd(), std::ptr::null_mut(), std::ptr::null_mut()) };
        assert!(fd >= 0, "accept: {}", io::Error::last_os_error());
        // SAFETY: a new descriptor, ours alone.
        Socket::from(unsafe { OwnedFd::from_raw_fd(fd) })
    }

    /// A one-to-many association over loopback: `server` listens at all
    /// of `ips` (one port), `client` connected to the first. `prep` runs on
    /// both sockets before.
    struct Many {
        server: Socket,
        client: Socket,
        /// The association's id on each side.
        sid: AssocId,
        cid: AssocId,
        /// The server's addresses, with the port.
        at: Vec<SocketAddr>,
    }

    fn many(ips: &[&str], prep: impl Fn(&Socket)) -> Many {
        let server = sock(Family::V4, libc::SOCK_SEQPACKET);
        prep(&server);
        bind(&server, addr(&format!("{}:0", ips[0])));
        let port = local(&server).port();
        let at: Vec<SocketAddr> = ips.iter().map(|ip| addr(&format!("{ip}:{port}"))).collect();
        if at.len() > 1 {
            server.bind_add(&at[1..]).unwrap();
        }
        listen(&server);
        let client = sock(Family::V4, libc::SOCK_SEQPACKET);
        prep(&client);
        // Blocks until the association is up: by then the server has it
        // too (made on the COOKIE ECHO, before the COOKIE ACK).
        connect(&client, at[0]);
        let cid = *client.assoc_ids().unwrap().first().expect("the client's association");
        let sid = *server.assoc_ids().unwrap().first().expect("the server's association");
        Many { server, client, sid, cid, at }
    }

    /// A one-to-one association: (client, the accepted socket).
    fn one_to_one(prep: impl Fn(&Socket)) -> (Socket, Socket) {
        let listener = sock(Family::V4, libc::SOCK_STREAM);
        prep(&listener);
        bind(&listener, addr("127.0.0.1:0"));
        listen(&listener);
        let client = sock(Family::V4, libc::SOCK_STREAM);
        prep(&client);
        connect(&client, local(&listener));
        (client, accept(&listener))
    }

    /// The next data message, notifications skipped.
    fn recv_data(s: &Socket) -> (Vec<u8>, RecvInfo) {
        loop {
            if let Recv::Data(m) = s.recv_message().unwrap() {
                let info = m.info().expect("RCVINFO is on");
                return (m.data, info);
            }
        }
    }

    /// Retry `f` while it fails with an errno of `busy` (an answer the
    /// peer has yet to give), for up to 5 s.
    fn until_not(busy: &[i32], mut f: impl FnMut() -> io::Result<()>) -> io::Result<()> {
        let start = Instant::now();
        loop {
            match f() {
                Err(e) if busy.contains(&e.raw_os_error().unwrap_or(0)) && start.elapsed() < Duration::from_secs(5) => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                r => return r,
            }
        }
    }

    /// Wait up to 5 s for `cond`.
    fn eventually(what: &str, mut cond: impl FnMut() -> bool) {
        let start = Instant::now();
        while !cond() {
            assert!(start.elapsed() < Duration::from_secs(5), "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    #[test]
    fn time_conversions_round_up_and_refuse_what_does_not_fit() {
        assert_eq!(ms32(Duration::from_micros(1)).unwrap(), 1, "a nonzero time never becomes 0 (\"unchanged\")");
        assert_eq!(ms32(Duration::from_micros(1500)).unwrap(), 2);
        assert_eq!(ms32(Duration::ZERO).unwrap(), 0);
        assert_eq!(errno(ms32(Duration::from_secs(5_000_000))), libc::EINVAL);
        assert_eq!(errno(units::<u16>(Duration::from_millis(65_536), 1_000_000)), libc::EINVAL);
        assert_eq!(AssocState::from(4), AssocState::Established);
        assert_eq!(AssocState::from(99), AssocState::Other(99));
        assert_eq!(PathState::from(0xffff), PathState::Unknown);
        assert_eq!(ReconfigRequests::from_bits(7).bits(), 7);
        assert!(StreamScheduler::from_raw(9).is_err());
    }

    #[test]
    fn socket_flags_set_and_read_back() {
        let s = sock(Family::V4, libc::SOCK_SEQPACKET);
        type Get = fn(&Socket) -> io::Result<bool>;
        type Set = fn(&Socket, bool) -> io::Result<()>;
        let flags: [(&str, Get, Set, bool); 6] = [
            ("nodelay", Socket::nodelay, Socket::set_nodelay, false),
            ("disable_fragments", Socket::disable_fragments, Socket::set_disable_fragments, false),
            ("mapped_v4", Socket::mapped_v4, Socket::set_mapped_v4, true),
            // This crate's sockets start with RCVINFO on.
            ("recv_rcvinfo", Socket::recv_rcvinfo, Socket::set_recv_rcvinfo, true),
            ("recv_nxtinfo", Socket::recv_nxtinfo, Socket::set_recv_nxtinfo, false),
            ("fragment_interleave", Socket::fragment_interleave, Socket::set_fragment_interleave, false),
        ];
        for (name, get, set, default) in flags {
            assert_eq!(get(&s).unwrap(), default, "{name}'s default");
            set(&s, !default).unwrap();
            assert_eq!(get(&s).unwrap(), !default, "{name} set");
            set(&s, default).unwrap();
            assert_eq!(get(&s).unwrap(), default, "{name} set back");
        }
    }

    #[test]
    fn init_msg_sets_what_is_nonzero_and_the_association_gets_its_streams() {
        let s = sock(Family::V4, libc::SOCK_SEQPACKET);
        let default = s.init_msg().unwrap();
        assert_eq!(default.num_ostreams, 10);
        let m = InitMsg { num_ostreams: 17, max_instreams: 33, max_attempts: 3, max_init_timeo: Duration::from_millis(2500) };
        s.set_init_msg(&m).unwrap();
        assert_eq!(s.init_msg().unwrap(), m);
        s.set_init_msg(&InitMsg { num_ostreams: 5, ..Default::default() }).unwrap();
        assert_eq!(s.init_msg().unwrap(), InitMsg { num_ostreams: 5, ..m }, "zero fields are left as they were");
        assert_eq!(errno(s.set_init_msg(&InitMsg { max_init_timeo: Duration::from_secs(70), ..m })), libc::EINVAL, "65535 ms at most");

        // Each end asks for 17 outbound streams and takes up to 12 inbound.
        let a = many(&["127.0.0.1"], |s| s.set_init_msg(&InitMsg { num_ostreams: 17, max_instreams: 12, ..Default::default() }).unwrap());
        let st = a.client.status(a.cid).unwrap();
        assert_eq!((st.out_streams, st.in_streams), (12, 12));
        let b = many(&["127.0.0.1"], |s| s.set_init_msg(&InitMsg { num_ostreams: 17, ..Default::default() }).unwrap());
        let st = b.client.status(b.cid).unwrap();
        assert_eq!((st.out_streams, st.in_streams), (17, 17));
    }

    #[test]
    fn autoclose_is_for_one_to_many_sockets_in_whole_seconds() {
        let s = sock(Family::V4, libc::SOCK_SEQPACKET);
        assert_eq!(s.autoclose().unwrap(), None);
        s.set_autoclose(Some(Duration::from_secs(7))).unwrap();
        assert_eq!(s.autoclose().unwrap(), Some(Duration::from_secs(7)));
        s.set_autoclose(Some(Duration::from_millis(1500))).unwrap();
        assert_eq!(s.autoclose().unwrap(), Some(Duration::from_secs(2)), "rounded up");
        s.set_autoclose(None).unwrap();
        assert_eq!(s.autoclose().unwrap(), None);
        // Linux: autoclose is a one-to-many option.
        let t = sock(Family::V4, libc::SOCK_STREAM);
        assert_eq!(errno(t.autoclose()), libc::EOPNOTSUPP);
        assert_eq!(errno(t.set_autoclose(Some(Duration::from_secs(1)))), libc::EOPNOTSUPP);
    }

    #[test]
    fn adaptation_layer_and_partial_delivery_point() {
        let s = sock(Family::V4, libc::SOCK_SEQPACKET);
        assert_eq!(s.adaptation_layer().unwrap(), 0);
        s.set_adaptation_layer(0x1234_5678).unwrap();
        assert_eq!(s.adaptation_layer().unwrap(), 0x1234_5678);

        assert_eq!(s.partial_delivery_point().unwrap(), 0);
        s.set_partial_delivery_point(1000).unwrap();
        assert_eq!(s.partial_delivery_point().unwrap(), 1000);
        // More than half the receive buffer.
        assert_eq!(errno(s.set_partial_delivery_point(u32::MAX)), libc::EINVAL);
    }

    #[test]
    fn rto_info_of_the_socket_and_of_an_association() {
        let s = sock(Family::V4, libc::SOCK_SEQPACKET);
        let d = s.rto_info(FUTURE_ASSOC).unwrap();
        assert_eq!(d, RtoInfo { initial: Duration::from_secs(3), max: Duration::from_secs(60), min: Duration::from_secs(1) });
        let r = RtoInfo { initial: Duration::from_millis(1500), max: Duration::from_millis(9000), min: Duration::from_millis(700) };
        s.set_rto_info(FUTURE_ASSOC, &r).unwrap();
        assert_eq!(s.rto_info(FUTURE_ASSOC).unwrap(), r);
        s.set_rto_info(FUTURE_ASSOC, &RtoInfo { initial: Duration::from_millis(2000), ..Default::default() }).unwrap();
        assert_eq!(s.rto_info(FUTURE_ASSOC).unwrap(), RtoInfo { initial: Duration::from_millis(2000), ..r });
        // The minimum above the maximum; an association id of none.
        assert_eq!(errno(s.set_rto_info(FUTURE_ASSOC, &RtoInfo { min: Duration::from_secs(20), ..r })), libc::EINVAL);
        assert_eq!(errno(s.rto_info(12345)), libc::EINVAL);

        let a = many(&["127.0.0.1"], |_| ());
        let on = RtoInfo { max: Duration::from_millis(7000), min: Duration::from_millis(600), ..Default::default() };
        a.client.set_rto_info(a.cid, &on).unwrap();
        let got = a.client.rto_info(a.cid).unwrap();
        assert_eq!((got.max, got.min), (on.max, on.min));
        assert_eq!(a.client.rto_info(FUTURE_ASSOC).unwrap().max, Duration::from_secs(60), "the socket's own is its own");
    }

    #[test]
    fn assoc_params_of_the_socket_and_of_an_association() {
        let s = sock(Family::V4, libc::SOCK_SEQPACKET);
        let d = s.assoc_params(FUTURE_ASSOC).unwrap();
        assert_eq!((d.max_retrans, d.cookie_life), (10, Duration::from_secs(60)));
        s.set_assoc_params(FUTURE_ASSOC, &AssocParams { max_retrans: 7, cookie_life: Duration::from_secs(30), ..Default::default() }).unwrap();
        let p = s.assoc_params(FUTURE_ASSOC).unwrap();
        assert_eq!((p.max_retrans, p.cookie_life), (7, Duration::from_secs(30)));

        let a = many(&["127.0.0.1", "127.0.0.2"], |_| ());
        let p = a.client.assoc_params(a.cid).unwrap();
        assert_eq!(p.peer_destinations, 2);
        assert!(p.peer_rwnd > 0 && p.local_rwnd > 0, "{p:?}");
        a.client.set_assoc_params(a.cid, &AssocParams { max_retrans: 4, ..Default::default() }).unwrap();
        assert_eq!(a.client.assoc_params(a.cid).unwrap().max_retrans, 4);
        // With two paths of 5 retransmissions each, at most 10.
        assert_eq!(errno(a.client.set_assoc_params(a.cid, &AssocParams { max_retrans: 11, ..Default::default() })), libc::EINVAL);
    }

    #[test]
    fn peer_addr_params_of_the_socket() {
        let s = sock(Family::V4, libc::SOCK_SEQPACKET);
        let d = s.peer_addr_params(FUTURE_ASSOC, None).unwrap();
        assert_eq!(d.heartbeat, Some(Duration::from_secs(30)));
        assert_eq!(d.path_max_retrans, 5);
        assert!(d.pmtud);
        assert_eq!(d.sack_delay, Some(Duration::from_millis(200)));
        assert_eq!((d.ipv6_flowlabel, d.dscp), (None, None));
        let p = PeerAddrParams {
            heartbeat: Some(Duration::from_secs(5)),
            path_max_retrans: 3,
            pmtud: false,
            path_mtu: 1280,
            sack_delay: Some(Duration::from_millis(100)),
            ipv6_flowlabel: None,
            dscp: Some(0xb8),
        };
        s.set_peer_addr_params(FUTURE_ASSOC, None, &p).unwrap();
        assert_eq!(s.peer_addr_params(FUTURE_ASSOC, None).unwrap(), p);
        let off = PeerAddrParams { heartbeat: None, sack_delay: None, ..p };
        s.set_peer_addr_params(FUTURE_ASSOC, None, &off).unwrap();
        assert_eq!(s.peer_addr_params(FUTURE_ASSOC, None).unwrap(), off);
        // The kernel's bounds: SACK delay 500 ms, fixed path MTU 512.
        assert_eq!(errno(s.set_peer_addr_params(FUTURE_ASSOC, None, &PeerAddrParams { sack_delay: Some(Duration::from_millis(600)), ..p })), libc::EINVAL);
        assert_eq!(errno(s.set_peer_addr_params(FUTURE_ASSOC, None, &PeerAddrParams { path_mtu: 100, ..p })), libc::EINVAL);
        // A heartbeat needs an association.
        assert_eq!(errno(s.request_heartbeat(FUTURE_ASSOC, None)), libc::EINVAL);

        let v6 = sock(Family::V6, libc::SOCK_SEQPACKET);
        let mut q = v6.peer_addr_params(FUTURE_ASSOC, None).unwrap();
        q.ipv6_flowlabel = Some(0x12345);
        v6.set_peer_addr_params(FUTURE_ASSOC, None, &q).unwrap();
        assert_eq!(v6.peer_addr_params(FUTURE_ASSOC, None).unwrap().ipv6_flowlabel, Some(0x12345));
    }

    #[test]
    fn peer_addr_params_per_peer_address() {
        let a = many(&["127.0.0.1", "127.0.0.2"], |_| ());
        let (one, two) = (a.at[0], a.at[1]);
        let before = a.client.peer_addr_params(a.cid, Some(one)).unwrap();
        let mut p = a.client.peer_addr_params(a.cid, Some(two)).unwrap();
        assert_eq!(p, before, "both paths start alike");
        p.heartbeat = Some(Duration::from_secs(7));
        p.path_max_retrans = 2;
        a.client.set_peer_addr_params(a.cid, Some(two), &p).unwrap();
        assert_eq!(a.client.peer_addr_params(a.cid, Some(two)).unwrap(), p);
        assert_eq!(a.client.peer_addr_params(a.cid, Some(one)).unwrap(), before, "the other path is as it was");
        // An address that is not the association's.
        assert_eq!(errno(a.client.peer_addr_params(a.cid, Some(addr("127.0.0.9:9")))), libc::EINVAL);
        assert_eq!(errno(a.client.set_peer_addr_params(a.cid, Some(addr("127.0.0.9:9")), &p)), libc::EINVAL);
        a.client.request_heartbeat(a.cid, Some(two)).unwrap();
        a.client.request_heartbeat(a.cid, None).unwrap();
    }

    #[test]
    fn status_peer_addr_info_and_primary_addr() {
        let a = many(&["127.0.0.1", "127.0.0.2"], |_| ());
        let (one, two) = (a.at[0], a.at[1]);
        let st = a.client.status(a.cid).unwrap();
        assert_eq!(st.assoc_id, a.cid);
        assert_eq!(st.state, AssocState::Established);
        assert_eq!((st.out_streams, st.in_streams), (10, 10));
        assert!(st.rwnd > 0 && st.fragmentation_point > 0, "{st:?}");
        assert_eq!(st.primary.addr, one);
        assert_eq!(st.primary.state, PathState::Active);
        assert_eq!(a.server.status(a.sid).unwrap().state, AssocState::Established);

        let info = a.client.peer_addr_info(a.cid, two).unwrap();
        assert_eq!((info.assoc_id, info.addr), (a.cid, two));
        assert!(info.cwnd > 0 && info.mtu > 0 && info.rto > Duration::ZERO, "{info:?}");
        assert_ne!(info.state, PathState::Inactive);
        assert_eq!(errno(a.client.peer_addr_info(a.cid, addr("127.0.0.9:9"))), libc::EINVAL);

        assert_eq!(a.client.primary_addr(a.cid).unwrap(), one);
        a.client.set_primary_addr(a.cid, two).unwrap();
        assert_eq!(a.client.primary_addr(a.cid).unwrap(), two);
        assert_eq!(a.client.status(a.cid).unwrap().primary.addr, two);
        assert_eq!(errno(a.client.set_primary_addr(a.cid, addr("127.0.0.9:9"))), libc::EINVAL);

        // Without an association.
        let lone = sock(Family::V4, libc::SOCK_SEQPACKET);
        assert_eq!(errno(lone.status(FUTURE_ASSOC)), libc::EINVAL);
        assert_eq!(errno(lone.primary_addr(FUTURE_ASSOC)), libc::EINVAL);
        // A one-to-one socket's own association, whatever the id.
        let (c, _conn) = one_to_one(|_| ());
        assert_eq!(c.status(12345).unwrap().state, AssocState::Established);
    }

    #[test]
    fn default_sndinfo_is_what_a_bare_send_uses() {
        let (c, conn) = one_to_one(|_| ());
        let info = SendInfo::new().stream(2).ppid(77).context(5).flags(SendFlags::UNORDERED);
        c.set_default_sndinfo(&info).unwrap();
        assert_eq!(c.default_sndinfo(FUTURE_ASSOC).unwrap(), info);
        c.send(b"bare", &SendInfo::default()).unwrap();
        let (data, got) = recv_data(&conn);
        assert_eq!(data, b"bare");
        assert_eq!((got.stream, got.ppid, got.unordered()), (2, 77, true));
        // Linux takes UNORDERED, ADDR_OVER, ABORT and EOF only.
        assert_eq!(errno(c.set_default_sndinfo(&info.flags(SendFlags::SACK_IMMEDIATELY))), libc::EINVAL);
    }

    #[test]
    fn delayed_sack_maxseg_max_burst() {
        let s = sock(Family::V4, libc::SOCK_SEQPACKET);
        assert_eq!(s.delayed_sack(FUTURE_ASSOC).unwrap(), DelayedSack { delay: Duration::from_millis(200), freq: 2 });
        let d = DelayedSack { delay: Duration::from_millis(120), freq: 3 };
        s.set_delayed_sack(FUTURE_ASSOC, &d).unwrap();
        assert_eq!(s.delayed_sack(FUTURE_ASSOC).unwrap(), d);
        s.set_delayed_sack(FUTURE_ASSOC, &DelayedSack { freq: 1, ..Default::default() }).unwrap();
        assert_eq!(s.delayed_sack(FUTURE_ASSOC).unwrap(), DelayedSack { delay: Duration::ZERO, freq: 1 }, "freq 1 is off");
        assert_eq!(errno(s.set_delayed_sack(FUTURE_ASSOC, &DelayedSack { delay: Duration::from_millis(501), freq: 0 })), libc::EINVAL);

        assert_eq!(s.maxseg(FUTURE_ASSOC).unwrap(), 0);
        s.set_maxseg(FUTURE_ASSOC, 1000).unwrap();
        assert_eq!(s.maxseg(FUTURE_ASSOC).unwrap(), 1000);
        assert_eq!(errno(s.set_maxseg(FUTURE_ASSOC, 100)), libc::EINVAL, "below the minimal fragment");

        assert_eq!(s.max_burst(FUTURE_ASSOC).unwrap(), 4);
        s.set_max_burst(FUTURE_ASSOC, 9).unwrap();
        assert_eq!(s.max_burst(FUTURE_ASSOC).unwrap(), 9);

        let a = many(&["127.0.0.1"], |s| s.set_maxseg(FUTURE_ASSOC, 1000).unwrap());
        assert_eq!(a.client.maxseg(a.cid).unwrap(), 1000, "an association's fragmentation point");
        assert_eq!(a.client.status(a.cid).unwrap().fragmentation_point, 1000);
        // An association's delay is kept in ticks: 60 ms is a whole number
        // of them at HZ 100, 250, 300 and 1000 (50 ms reads back as 52 at
        // HZ 250, Debian's s390x and amd64 kernels).
        a.client.set_delayed_sack(a.cid, &DelayedSack { delay: Duration::from_millis(60), freq: 4 }).unwrap();
        assert_eq!(a.client.delayed_sack(a.cid).unwrap(), DelayedSack { delay: Duration::from_millis(60), freq: 4 });
        // ALL_ASSOC: the socket and its associations.
        a.server.set_max_burst(ALL_ASSOC, 7).unwrap();
        assert_eq!((a.server.max_burst(FUTURE_ASSOC).unwrap(), a.server.max_burst(a.sid).unwrap()), (7, 7));
        a.server.set_max_burst(CURRENT_ASSOC, 6).unwrap();
        assert_eq!((a.server.max_burst(FUTURE_ASSOC).unwrap(), a.server.max_burst(a.sid).unwrap()), (7, 6));
    }

    #[test]
    fn partial_reliability_defaults() {
        let s = sock(Family::V4, libc::SOCK_SEQPACKET);
        assert!(s.pr_supported(FUTURE_ASSOC).unwrap());
        s.set_pr_supported(FUTURE_ASSOC, false).unwrap();
        assert!(!s.pr_supported(FUTURE_ASSOC).unwrap());
        assert_eq!(s.default_prinfo(FUTURE_ASSOC).unwrap(), PrPolicy::Reliable);
        for p in [PrPolicy::Ttl(500), PrPolicy::Rtx(3), PrPolicy::Prio(7), PrPolicy::Reliable] {
            s.set_default_prinfo(FUTURE_ASSOC, p).unwrap();
            assert_eq!(s.default_prinfo(FUTURE_ASSOC).unwrap(), p);
        }
    }

    #[test]
    fn context_comes_with_each_received_message() {
        let a = many(&["127.0.0.1"], |s| s.set_context(FUTURE_ASSOC, 0xabcd).unwrap());
        assert_eq!(a.server.context(FUTURE_ASSOC).unwrap(), 0xabcd);
        a.client.send(b"one", &SendInfo::new().assoc(a.cid)).unwrap();
        assert_eq!(recv_data(&a.server).1.context, 0xabcd);
        a.server.set_context(a.sid, 0x5678).unwrap();
        assert_eq!(a.server.context(a.sid).unwrap(), 0x5678);
        a.client.send(b"two", &SendInfo::new().assoc(a.cid)).unwrap();
        assert_eq!(recv_data(&a.server).1.context, 0x5678);
    }

    #[test]
    fn extensions_on_offer() {
        let s = sock(Family::V4, libc::SOCK_SEQPACKET);
        type Get = fn(&Socket, AssocId) -> io::Result<bool>;
        type Set = fn(&Socket, AssocId, bool) -> io::Result<()>;
        // Linux's defaults: the net.sctp sysctls' (reconf_enable,
        // addip_enable, auth_enable off; ecn_enable on).
        let exts: [(&str, Get, Set, bool); 4] = [
            ("reconfig", Socket::reconfig_supported, Socket::set_reconfig_supported, false),
            ("asconf", Socket::asconf_supported, Socket::set_asconf_supported, false),
            ("auth", Socket::auth_supported, Socket::set_auth_supported, false),
            ("ecn", Socket::ecn_supported, Socket::set_ecn_supported, true),
        ];
        for (name, get, set, default) in exts {
            assert_eq!(get(&s, FUTURE_ASSOC).unwrap(), default, "{name}'s default");
            set(&s, FUTURE_ASSOC, !default).unwrap();
            assert_eq!(get(&s, FUTURE_ASSOC).unwrap(), !default, "{name} set");
        }
        // Of an association: what both ends agreed on.
        let a = many(&["127.0.0.1"], |s| {
            s.set_ecn_supported(FUTURE_ASSOC, false).unwrap();
            s.set_reconfig_supported(FUTURE_ASSOC, true).unwrap();
        });
        assert!(!a.client.ecn_supported(a.cid).unwrap());
        assert!(a.client.reconfig_supported(a.cid).unwrap());
        assert_eq!(errno(a.client.ecn_supported(12345)), libc::EINVAL);
    }

    #[test]
    fn set_peer_primary_addr_needs_asconf() {
        let a = many(&["127.0.0.1"], |_| ());
        let me = a.client.local_addrs(a.cid).unwrap()[0];
        assert_eq!(errno(a.client.set_peer_primary_addr(a.cid, me)), libc::EPERM, "no ASCONF on this association");
        let b = many(&["127.0.0.1", "127.0.0.2"], |s| {
            s.set_auth_supported(FUTURE_ASSOC, true).unwrap();
            s.set_asconf_supported(FUTURE_ASSOC, true).unwrap();
        });
        assert!(b.server.asconf_supported(b.sid).unwrap());
        // The server asks the client to send to its second address.
        b.server.set_peer_primary_addr(b.sid, b.at[1]).unwrap();
        eventually("the client's primary to follow", || b.client.primary_addr(b.cid).unwrap() == b.at[1]);
        assert_eq!(errno(b.server.set_peer_primary_addr(b.sid, addr("127.0.0.9:9"))), libc::EADDRNOTAVAIL);
    }

    #[test]
    fn reconfiguration_is_refused_unless_both_ends_enable_it() {
        let a = many(&["127.0.0.1"], |_| ());
        assert_eq!(errno(a.client.reset_streams(a.cid, StreamDirection::Outgoing, &[])), libc::ENOPROTOOPT);
        assert_eq!(errno(a.client.reset_assoc(a.cid)), libc::ENOPROTOOPT);
        assert_eq!(errno(a.client.add_streams(a.cid, 1, 1)), libc::ENOPROTOOPT);
        let lone = sock(Family::V4, libc::SOCK_SEQPACKET);
        assert_eq!(errno(lone.reset_streams(FUTURE_ASSOC, StreamDirection::Outgoing, &[])), libc::EINVAL, "no association");

        let s = sock(Family::V4, libc::SOCK_SEQPACKET);
        assert_eq!(s.reconfig_requests(FUTURE_ASSOC).unwrap(), ReconfigRequests::default());
        let r = ReconfigRequests { reset_streams: true, reset_assoc: false, add_streams: true };
        s.set_reconfig_requests(FUTURE_ASSOC, r).unwrap();
        assert_eq!(s.reconfig_requests(FUTURE_ASSOC).unwrap(), r);
    }

    #[test]
    fn stream_reset_restarts_sequence_numbers_and_streams_can_be_added() {
        let all = ReconfigRequests { reset_streams: true, reset_assoc: true, add_streams: true };
        let a = many(&["127.0.0.1"], |s| {
            s.set_reconfig_supported(FUTURE_ASSOC, true).unwrap();
            s.set_reconfig_requests(FUTURE_ASSOC, all).unwrap();
        });
        assert_eq!(a.client.reconfig_requests(a.cid).unwrap(), all, "the association has the socket's");
        let on1 = SendInfo::new().assoc(a.cid).stream(1);
        for ssn in 0..2 {
            a.client.send(b"m", &on1).unwrap();
            assert_eq!(recv_data(&a.server).1.ssn, ssn);
        }
        assert_eq!(errno(a.client.reset_streams(a.cid, StreamDirection::Outgoing, &[999])), libc::EINVAL, "no stream 999");
        a.client.reset_streams(a.cid, StreamDirection::Outgoing, &[1]).unwrap();
        // The next request waits for the first's answer (EINPROGRESS).
        until_not(&[libc::EINPROGRESS], || a.client.reset_streams(a.cid, StreamDirection::Outgoing, &[0])).unwrap();
        a.client.send(b"m", &on1).unwrap();
        assert_eq!(recv_data(&a.server).1.ssn, 0, "stream 1 starts again");

        let before = a.client.status(a.cid).unwrap().out_streams;
        until_not(&[libc::EINPROGRESS], || a.client.add_streams(a.cid, 0, 5)).unwrap();
        eventually("5 more outbound streams", || a.client.status(a.cid).unwrap().out_streams == before + 5);
        assert_eq!(a.server.status(a.sid).unwrap().in_streams, before + 5);
        until_not(&[libc::EINPROGRESS], || a.client.add_streams(a.cid, 3, 0)).unwrap();
        eventually("3 more inbound streams", || a.client.status(a.cid).unwrap().in_streams == 13);

        // The data sent must be acknowledged first (EAGAIN).
        until_not(&[libc::EINPROGRESS, libc::EAGAIN], || a.client.reset_assoc(a.cid)).unwrap();
        until_not(&[libc::EINPROGRESS], || a.client.reset_streams(a.cid, StreamDirection::Both, &[])).unwrap();
        assert_eq!(errno(a.client.add_streams(a.cid, 0, 0)), libc::EINVAL);
    }

    #[test]
    fn stream_scheduler_and_its_values() {
        let a = many(&["127.0.0.1"], |_| ());
        assert_eq!(a.client.stream_scheduler(a.cid).unwrap(), StreamScheduler::Fcfs);
        a.client.set_stream_scheduler(a.cid, StreamScheduler::Prio).unwrap();
        assert_eq!(a.client.stream_scheduler(a.cid).unwrap(), StreamScheduler::Prio);
        a.client.set_stream_scheduler_value(a.cid, 3, 9).unwrap();
        assert_eq!(a.client.stream_scheduler_value(a.cid, 3).unwrap(), 9);
        assert_eq!(errno(a.client.stream_scheduler_value(a.cid, 999)), libc::EINVAL, "no stream 999");
        a.client.set_stream_scheduler(a.cid, StreamScheduler::RoundRobin).unwrap();
        assert_eq!(a.client.stream_scheduler(a.cid).unwrap(), StreamScheduler::RoundRobin);
        // Fair capacity came in Linux 6.3: older kernels refuse it.
        match a.client.set_stream_scheduler(a.cid, StreamScheduler::FairCapacity) {
            Ok(()) => assert_eq!(a.client.stream_scheduler(a.cid).unwrap(), StreamScheduler::FairCapacity),
            Err(e) => assert_eq!(e.raw_os_error(), Some(libc::EINVAL)),
        }
        let lone = sock(Family::V4, libc::SOCK_SEQPACKET);
        assert_eq!(errno(lone.stream_scheduler_value(FUTURE_ASSOC, 0)), libc::EINVAL, "needs an association");
        assert_eq!(errno(lone.set_stream_scheduler_value(FUTURE_ASSOC, 0, 1)), libc::EINVAL, "needs an association");

        // The socket's scheduler is its new associations'.
        let b = many(&["127.0.0.1"], |s| {
            assert_eq!(s.stream_scheduler(FUTURE_ASSOC).unwrap(), StreamScheduler::Fcfs);
            s.set_stream_scheduler(FUTURE_ASSOC, StreamScheduler::RoundRobin).unwrap();
            assert_eq!(s.stream_scheduler(FUTURE_ASSOC).unwrap(), StreamScheduler::RoundRobin);
        });
        assert_eq!(b.client.stream_scheduler(b.cid).unwrap(), StreamScheduler::RoundRobin);
    }

    /// The SCTP-AUTH options (RFC 4895) on one one-to-one pair. AUTH is
    /// turned on per socket (`set_auth_supported`, which sets what the
    /// sysctl `net.sctp.auth_enable` only defaults), so that no other test
    /// sees the kernel's sysctl change.
    #[test]
    fn auth_keys_and_chunks() {
        let off = sock(Family::V4, libc::SOCK_STREAM);
        if !off.auth_supported(FUTURE_ASSOC).unwrap() {
            assert_eq!(errno(off.hmac_ident()), libc::EACCES, "no AUTH on this socket");
            assert_eq!(errno(off.set_hmac_ident(&[HmacId::Sha1])), libc::EACCES);
            assert_eq!(errno(off.add_auth_chunk(0)), libc::EACCES);
            assert_eq!(errno(off.set_auth_key(FUTURE_ASSOC, 1, b"k")), libc::EACCES);
            assert_eq!(errno(off.auth_active_key(FUTURE_ASSOC)), libc::EACCES);
            assert_eq!(errno(off.local_auth_chunks(FUTURE_ASSOC)), libc::EACCES);
        }

        let s = sock(Family::V4, libc::SOCK_STREAM);
        s.set_auth_supported(FUTURE_ASSOC, true).unwrap();
        assert_eq!(s.hmac_ident().unwrap(), vec![HmacId::Sha1], "Linux's default");
        s.set_hmac_ident(&[HmacId::Sha256, HmacId::Sha1]).unwrap();
        assert_eq!(s.hmac_ident().unwrap(), vec![HmacId::Sha256, HmacId::Sha1]);
        assert_eq!(errno(s.set_hmac_ident(&[HmacId::Sha256])), libc::EINVAL, "SHA-1 is a must");
        assert_eq!(errno(s.set_hmac_ident(&[])), libc::EINVAL);
        assert_eq!(errno(s.set_hmac_ident(&[HmacId::Sha1, HmacId::Other(2)])), libc::EOPNOTSUPP);
        assert_eq!(errno(s.set_hmac_ident(&[HmacId::Sha1; 5])), libc::EINVAL, "4 at most");
        assert_eq!(s.local_auth_chunks(FUTURE_ASSOC).unwrap(), vec![]);
        s.add_auth_chunk(0).unwrap();
        s.add_auth_chunk(0).unwrap();
        s.add_auth_chunk(4).unwrap();
        assert_eq!(s.local_auth_chunks(FUTURE_ASSOC).unwrap(), vec![0, 4], "each once, in order");
        for never in [1, 2, 14, 15] {
            assert_eq!(errno(s.add_auth_chunk(never)), libc::EINVAL, "chunk type {never}");
        }
        assert_eq!(s.auth_active_key(FUTURE_ASSOC).unwrap(), 0);
        s.set_auth_active_key(FUTURE_ASSOC, 0).unwrap();
        assert_eq!(errno(s.delete_auth_key(FUTURE_ASSOC, 0)), libc::EINVAL, "key 0 is there, and active");
        assert_eq!(errno(s.set_auth_active_key(FUTURE_ASSOC, 1)), libc::EINVAL, "no key 1 yet");
        assert_eq!(errno(s.set_auth_key(FUTURE_ASSOC, 1, b"")), libc::EINVAL, "an empty key");
        s.set_auth_key(FUTURE_ASSOC, 1, b"socket key").unwrap();
        s.set_auth_active_key(FUTURE_ASSOC, 1).unwrap();
        assert_eq!(s.auth_active_key(FUTURE_ASSOC).unwrap(), 1);

        // Both ends: DATA authenticated with key 1.
        let prep = |s: &Socket| {
            s.set_auth_supported(FUTURE_ASSOC, true).unwrap();
            s.set_hmac_ident(&[HmacId::Sha256, HmacId::Sha1]).unwrap();
            s.add_auth_chunk(0).unwrap();
            s.set_auth_key(FUTURE_ASSOC, 1, b"0123456789abcdef").unwrap();
            s.set_auth_active_key(FUTURE_ASSOC, 1).unwrap();
        };
        let (c, conn) = one_to_one(prep);
        for (end, name) in [(&c, "client"), (&conn, "server")] {
            assert!(end.auth_supported(FUTURE_ASSOC).unwrap(), "{name}: the association has AUTH");
            assert_eq!(end.peer_auth_chunks(FUTURE_ASSOC).unwrap(), vec![0], "{name}: the peer asks for DATA");
            assert_eq!(end.local_auth_chunks(FUTURE_ASSOC).unwrap(), vec![0], "{name}");
            assert_eq!(end.auth_active_key(FUTURE_ASSOC).unwrap(), 1, "{name}");
        }
        c.send(b"signed", &SendInfo::new()).unwrap();
        assert_eq!(recv_data(&conn).0, b"signed");

        // Key 2 on both ends; the active key can be neither deleted nor
        // deactivated.
        for end in [&c, &conn] {
            end.set_auth_key(FUTURE_ASSOC, 2, b"the second key").unwrap();
        }
        assert_eq!(errno(c.delete_auth_key(FUTURE_ASSOC, 1)), libc::EINVAL, "the active key");
        assert_eq!(errno(c.deactivate_auth_key(FUTURE_ASSOC, 1)), libc::EINVAL, "the active key");
        c.set_auth_active_key(FUTURE_ASSOC, 2).unwrap();
        assert_eq!(c.auth_active_key(FUTURE_ASSOC).unwrap(), 2);
        c.send(b"with key 2", &SendInfo::new()).unwrap();
        assert_eq!(recv_data(&conn).0, b"with key 2");
        c.deactivate_auth_key(FUTURE_ASSOC, 1).unwrap();
        assert_eq!(errno(c.set_auth_active_key(FUTURE_ASSOC, 1)), libc::EINVAL, "deactivated");
        // The server still sends with key 1, which the client no longer
        // verifies with (Linux: a deactivated key is not looked up).
        assert_eq!(conn.auth_active_key(FUTURE_ASSOC).unwrap(), 1);
        conn.send(b"back with key 1", &SendInfo::new()).unwrap();
        nothing_arrives(&c, "under a deactivated key");
        c.delete_auth_key(FUTURE_ASSOC, 1).unwrap();
        assert_eq!(errno(c.delete_auth_key(FUTURE_ASSOC, 1)), libc::EINVAL, "gone");
        assert_eq!(errno(c.set_auth_active_key(FUTURE_ASSOC, 9)), libc::EINVAL, "no key 9");
        c.send(b"still", &SendInfo::new()).unwrap();
        assert_eq!(recv_data(&conn).0, b"still");

        // Without AUTH on the association: EACCES; without one: EINVAL.
        let (plain, _plain_conn) = one_to_one(|_| ());
        assert_eq!(errno(plain.peer_auth_chunks(FUTURE_ASSOC)), libc::EACCES);
        assert_eq!(errno(plain.set_auth_key(FUTURE_ASSOC, 1, b"k")), libc::EACCES);
        assert_eq!(errno(plain.auth_active_key(FUTURE_ASSOC)), libc::EACCES);
        assert_eq!(errno(plain.deactivate_auth_key(FUTURE_ASSOC, 0)), libc::EACCES);
        let m = sock(Family::V4, libc::SOCK_SEQPACKET);
        m.set_auth_supported(FUTURE_ASSOC, true).unwrap();
        assert_eq!(errno(m.peer_auth_chunks(FUTURE_ASSOC)), libc::EINVAL, "no association");
        assert_eq!(errno(m.local_auth_chunks(12345)), libc::EINVAL);

        // Different bytes for key 1 at each end: the peer drops the DATA.
        let (c, conn) = one_to_one(|s| {
            s.set_auth_supported(FUTURE_ASSOC, true).unwrap();
            s.add_auth_chunk(0).unwrap();
        });
        c.set_auth_key(FUTURE_ASSOC, 1, b"one key").unwrap();
        conn.set_auth_key(FUTURE_ASSOC, 1, b"another").unwrap();
        c.set_auth_active_key(FUTURE_ASSOC, 1).unwrap();
        c.send(b"forged", &SendInfo::new()).unwrap();
        nothing_arrives(&conn, "under a key the receiver does not share");
    }

    /// No data reaches `s` within half a second (it is left nonblocking).
    fn nothing_arrives(s: &Socket, why: &str) {
        s.set_nonblocking(true).unwrap();
        std::thread::sleep(Duration::from_millis(500));
        loop {
            match s.recv_message() {
                Ok(Recv::Data(m)) => panic!("received {:?} {why}", m.data),
                Ok(_) => continue,
                Err(e) => {
                    assert_eq!(e.raw_os_error(), Some(libc::EAGAIN));
                    break;
                }
            }
        }
    }

    fn set_rcvbuf(s: &Socket, bytes: c_int) {
        let v = &bytes as *const c_int as *const libc::c_void;
        // SAFETY: `v` is a readable c_int of the length passed.
        let r = unsafe { libc::setsockopt(s.as_raw_fd(), libc::SOL_SOCKET, libc::SO_RCVBUF, v, size_of::<c_int>() as socklen_t) };
        assert_eq!(r, 0, "SO_RCVBUF: {}", io::Error::last_os_error());
    }

    #[test]
    fn pr_status_counts_what_ttl_abandoned() {
        // The server reads nothing for a while and its window is small:
        // the messages queued behind the first few outlive their 1 ms.
        let a = many(&["127.0.0.1"], |s| set_rcvbuf(s, 1024));
        let zero = PrStatus::default();
        for p in [PrStatusPolicy::Ttl, PrStatusPolicy::Rtx, PrStatusPolicy::Prio, PrStatusPolicy::All] {
            assert_eq!(a.client.pr_assoc_status(a.cid, p).unwrap(), zero, "{p:?} of a fresh association");
            assert_eq!(a.client.pr_stream_status(a.cid, 0, p).unwrap(), zero, "{p:?} of a fresh stream");
        }
        let filler = [7u8; 1000];
        for _ in 0..20 {
            a.client.send(&filler, &SendInfo::new().assoc(a.cid)).unwrap();
        }
        for _ in 0..5 {
            a.client.send(b"short-lived", &SendInfo::new().assoc(a.cid).stream(2).pr(PrPolicy::Ttl(1))).unwrap();
        }
        std::thread::sleep(Duration::from_millis(100));
        a.client.send(b"last", &SendInfo::new().assoc(a.cid)).unwrap();
        // Reading opens the window: the queue moves, and the expired
        // messages are dropped from it.
        for _ in 0..20 {
            assert_eq!(recv_data(&a.server).0, filler);
        }
        assert_eq!(recv_data(&a.server).0, b"last", "no short-lived message arrives");
        let ttl = a.client.pr_assoc_status(a.cid, PrStatusPolicy::Ttl).unwrap();
        assert_eq!(ttl, PrStatus { abandoned_unsent: 5, abandoned_sent: 0 }, "never sent: the window stayed shut");
        assert_eq!(a.client.pr_assoc_status(a.cid, PrStatusPolicy::All).unwrap(), ttl);
        assert_eq!(a.client.pr_assoc_status(a.cid, PrStatusPolicy::Rtx).unwrap(), zero);
        assert_eq!(a.client.pr_stream_status(a.cid, 2, PrStatusPolicy::Ttl).unwrap(), ttl, "all on stream 2");
        assert_eq!(a.client.pr_stream_status(a.cid, 0, PrStatusPolicy::All).unwrap(), zero);
        assert_eq!(a.server.pr_assoc_status(a.sid, PrStatusPolicy::All).unwrap(), zero, "the receiver abandons nothing");
        assert_eq!(errno(a.client.pr_stream_status(a.cid, 999, PrStatusPolicy::Ttl)), libc::EINVAL, "no stream 999");
        assert_eq!(errno(a.client.pr_assoc_status(12345, PrStatusPolicy::Ttl)), libc::EINVAL);
        assert_eq!(errno(a.client.pr_assoc_status(FUTURE_ASSOC, PrStatusPolicy::Ttl)), libc::EINVAL, "needs an association");
    }

    /// The tests that change a net.sctp sysctl, one at a time: it is the
    /// whole (UML) kernel's, and a test session shares one kernel between
    /// cargo test binaries, so each sets it back.
    static SYSCTL: Mutex<()> = Mutex::new(());

    fn sysctl(name: &str) -> String {
        std::fs::read_to_string(format!("/proc/sys/net/sctp/{name}")).unwrap().trim().to_string()
    }

    fn set_sysctl(name: &str, v: &str) -> io::Result<()> {
        std::fs::write(format!("/proc/sys/net/sctp/{name}"), v)
    }

    #[test]
    fn interleaving_needs_the_sysctl_and_fragment_interleave() {
        let _one = SYSCTL.lock().unwrap();
        let was = sysctl("intl_enable");
        let s = sock(Family::V4, libc::SOCK_SEQPACKET);
        s.set_fragment_interleave(true).unwrap();
        if was == "0" {
            assert_eq!(errno(s.set_interleaving_supported(FUTURE_ASSOC, true)), libc::EPERM, "net.sctp.intl_enable is 0");
        }
        set_sysctl("intl_enable", "1").expect("net.sctp.intl_enable: the tests run as root on the kernel");
        // The sysctl only lets setsockopt turn interleaving on (Linux 6.1
        // does not make it a new socket's default); set it back to what it
        // was as soon as these sockets are set up.
        let r = std::panic::catch_unwind(|| {
            let t = sock(Family::V4, libc::SOCK_SEQPACKET);
            assert!(!t.interleaving_supported(FUTURE_ASSOC).unwrap(), "off by default, the sysctl on or not");
            assert_eq!(errno(t.set_interleaving_supported(FUTURE_ASSOC, true)), libc::EPERM, "fragment_interleave is off");
            t.set_fragment_interleave(true).unwrap();
            t.set_interleaving_supported(FUTURE_ASSOC, false).unwrap();
            assert!(!t.interleaving_supported(FUTURE_ASSOC).unwrap());
            t.set_interleaving_supported(FUTURE_ASSOC, true).unwrap();
            assert!(t.interleaving_supported(FUTURE_ASSOC).unwrap());
            t.set_fragment_interleave(false).unwrap();
            assert!(!t.interleaving_supported(FUTURE_ASSOC).unwrap(), "fragment_interleave off turns it off");
            many(&["127.0.0.1"], |s| {
                s.set_fragment_interleave(true).unwrap();
                s.set_interleaving_supported(FUTURE_ASSOC, true).unwrap();
            })
        });
        set_sysctl("intl_enable", &was).unwrap();
        let a = r.unwrap_or_else(|p| std::panic::resume_unwind(p));
        assert!(a.client.interleaving_supported(a.cid).unwrap(), "the association uses I-DATA");
        a.client.send(b"idata", &SendInfo::new().assoc(a.cid).stream(4)).unwrap();
        let (data, info) = recv_data(&a.server);
        assert_eq!((data.as_slice(), info.stream), (&b"idata"[..], 4));
    }

    #[test]
    fn remote_udp_encaps_port() {
        let s = sock(Family::V4, libc::SOCK_SEQPACKET);
        assert_eq!(s.remote_udp_encaps_port(FUTURE_ASSOC, None).unwrap(), 0);
        s.set_remote_udp_encaps_port(FUTURE_ASSOC, None, 9899).unwrap();
        assert_eq!(s.remote_udp_encaps_port(FUTURE_ASSOC, None).unwrap(), 9899);

        let a = many(&["127.0.0.1", "127.0.0.2"], |_| ());
        a.client.set_remote_udp_encaps_port(a.cid, Some(a.at[1]), 1234).unwrap();
        assert_eq!(a.client.remote_udp_encaps_port(a.cid, Some(a.at[1])).unwrap(), 1234);
        assert_eq!(a.client.remote_udp_encaps_port(a.cid, Some(a.at[0])).unwrap(), 0, "per path");
        a.client.set_remote_udp_encaps_port(a.cid, None, 4321).unwrap();
        assert_eq!(a.client.remote_udp_encaps_port(a.cid, None).unwrap(), 4321);
        assert_eq!(a.client.remote_udp_encaps_port(a.cid, Some(a.at[0])).unwrap(), 4321, "the association's is every path's");
        assert_eq!(errno(a.client.set_remote_udp_encaps_port(a.cid, Some(addr("127.0.0.9:9")), 1)), libc::EINVAL);
    }

    #[test]
    fn assoc_stats_count_what_went_by() {
        let a = many(&["127.0.0.1"], |_| ());
        a.client.send(b"counted", &SendInfo::new().assoc(a.cid)).unwrap();
        recv_data(&a.server);
        a.server.send(b"back", &SendInfo::new().assoc(a.sid).flags(SendFlags::UNORDERED)).unwrap();
        recv_data(&a.client);
        let st = a.client.assoc_stats(a.cid).unwrap();
        assert!(st.packets_sent > 0 && st.packets_received > 0, "{st:?}");
        assert_eq!((st.ordered_chunks_sent, st.unordered_chunks_received), (1, 1), "{st:?}");
        assert!(st.control_chunks_sent > 0 && st.control_chunks_received > 0, "{st:?}");
        let lone = sock(Family::V4, libc::SOCK_SEQPACKET);
        assert_eq!(errno(lone.assoc_stats(FUTURE_ASSOC)), libc::EINVAL);
    }

    #[test]
    fn peer_addr_thresholds() {
        let s = sock(Family::V4, libc::SOCK_SEQPACKET);
        let d = s.peer_addr_thresholds(FUTURE_ASSOC, None).unwrap();
        assert_eq!(d, PeerAddrThresholds { path_max_retrans: 5, pf_threshold: 0, ps_threshold: 0xffff });
        let t = PeerAddrThresholds { path_max_retrans: 6, pf_threshold: 2, ps_threshold: 4 };
        s.set_peer_addr_thresholds(FUTURE_ASSOC, None, &t).unwrap();
        assert_eq!(s.peer_addr_thresholds(FUTURE_ASSOC, None).unwrap(), t);
        assert_eq!(errno(s.set_peer_addr_thresholds(FUTURE_ASSOC, None, &PeerAddrThresholds { pf_threshold: 5, ..t })), libc::EINVAL, "pf above ps");

        let a = many(&["127.0.0.1", "127.0.0.2"], |_| ());
        let before = a.client.peer_addr_thresholds(a.cid, Some(a.at[0])).unwrap();
        a.client.set_peer_addr_thresholds(a.cid, Some(a.at[1]), &t).unwrap();
        assert_eq!(a.client.peer_addr_thresholds(a.cid, Some(a.at[1])).unwrap(), t);
        assert_eq!(a.client.peer_addr_thresholds(a.cid, Some(a.at[0])).unwrap(), before);
        assert_eq!(errno(a.client.set_peer_addr_thresholds(a.cid, Some(addr("127.0.0.9:9")), &t)), libc::ENOENT);
    }

    #[test]
    fn plpmtud_probe_interval() {
        let s = sock(Family::V4, libc::SOCK_SEQPACKET);
        assert_eq!(s.plpmtud_probe_interval(FUTURE_ASSOC, None).unwrap(), None);
        s.set_plpmtud_probe_interval(FUTURE_ASSOC, None, Some(Duration::from_secs(6))).unwrap();
        assert_eq!(s.plpmtud_probe_interval(FUTURE_ASSOC, None).unwrap(), Some(Duration::from_secs(6)));
        assert_eq!(errno(s.set_plpmtud_probe_interval(FUTURE_ASSOC, None, Some(Duration::from_secs(1)))), libc::EINVAL, "5 s at least");
        s.set_plpmtud_probe_interval(FUTURE_ASSOC, None, None).unwrap();
        assert_eq!(s.plpmtud_probe_interval(FUTURE_ASSOC, None).unwrap(), None);
    }

    #[test]
    fn assoc_ids_lists_every_association() {
        let a = many(&["127.0.0.1"], |_| ());
        let second = sock(Family::V4, libc::SOCK_SEQPACKET);
        connect(&second, a.at[0]);
        let mut ids = a.server.assoc_ids().unwrap();
        ids.sort();
        assert_eq!(ids.len(), 2, "{ids:?}");
        assert!(ids.contains(&a.sid));
        assert_eq!(a.client.assoc_ids().unwrap(), vec![a.cid]);
        assert_eq!(sock(Family::V4, libc::SOCK_SEQPACKET).assoc_ids().unwrap(), vec![]);
        assert_eq!(errno(sock(Family::V4, libc::SOCK_STREAM).assoc_ids()), libc::EOPNOTSUPP);
    }

    #[test]
    fn current_and_all_assoc_reach_the_associations() {
        let a = many(&["127.0.0.1"], |_| ());
        let (s, id) = (&a.server, a.sid);
        // 80 ms: whole ticks (see delayed_sack_maxseg_max_burst).
        s.set_delayed_sack(ALL_ASSOC, &DelayedSack { delay: Duration::from_millis(80), freq: 5 }).unwrap();
        assert_eq!(s.delayed_sack(id).unwrap(), DelayedSack { delay: Duration::from_millis(80), freq: 5 });
        assert_eq!(s.delayed_sack(FUTURE_ASSOC).unwrap(), DelayedSack { delay: Duration::from_millis(80), freq: 5 });
        s.set_default_prinfo(ALL_ASSOC, PrPolicy::Rtx(2)).unwrap();
        assert_eq!((s.default_prinfo(id).unwrap(), s.default_prinfo(FUTURE_ASSOC).unwrap()), (PrPolicy::Rtx(2), PrPolicy::Rtx(2)));
        let r = ReconfigRequests { reset_assoc: true, ..Default::default() };
        s.set_reconfig_requests(ALL_ASSOC, r).unwrap();
        assert_eq!((s.reconfig_requests(id).unwrap(), s.reconfig_requests(FUTURE_ASSOC).unwrap()), (r, r));
        s.set_stream_scheduler(ALL_ASSOC, StreamScheduler::RoundRobin).unwrap();
        assert_eq!(s.stream_scheduler(id).unwrap(), StreamScheduler::RoundRobin);
        assert_eq!(s.stream_scheduler(FUTURE_ASSOC).unwrap(), StreamScheduler::RoundRobin);
        s.set_stream_scheduler(CURRENT_ASSOC, StreamScheduler::Prio).unwrap();
        assert_eq!(s.stream_scheduler(id).unwrap(), StreamScheduler::Prio);
        assert_eq!(s.stream_scheduler(FUTURE_ASSOC).unwrap(), StreamScheduler::RoundRobin, "CURRENT_ASSOC leaves the socket's");
        s.set_stream_scheduler_value(CURRENT_ASSOC, 2, 11).unwrap();
        assert_eq!(s.stream_scheduler_value(id, 2).unwrap(), 11);
        // A stream's value is an association's only: no socket default.
        assert_eq!(errno(s.set_stream_scheduler_value(ALL_ASSOC, 2, 12)), libc::EINVAL);
        s.set_context(ALL_ASSOC, 99).unwrap();
        assert_eq!((s.context(id).unwrap(), s.context(FUTURE_ASSOC).unwrap()), (99, 99));
        s.set_default_sndinfo(&SendInfo::new().assoc(ALL_ASSOC).stream(3).ppid(8)).unwrap();
        assert_eq!(s.default_sndinfo(id).unwrap(), SendInfo::new().assoc(id).stream(3).ppid(8));
        assert_eq!(s.default_sndinfo(FUTURE_ASSOC).unwrap(), SendInfo::new().stream(3).ppid(8));
        // The options that only the socket's INITs use take no CURRENT_ASSOC
        // or ALL_ASSOC; an association's id sets the socket's.
        assert_eq!(errno(s.set_ecn_supported(ALL_ASSOC, false)), libc::EINVAL);
        assert_eq!(errno(s.set_pr_supported(CURRENT_ASSOC, false)), libc::EINVAL);
        s.set_pr_supported(id, false).unwrap();
        assert!(!s.pr_supported(FUTURE_ASSOC).unwrap());
        assert!(s.pr_supported(id).unwrap(), "the association's was agreed at its start");
        // Getters take no CURRENT_ASSOC or ALL_ASSOC.
        assert_eq!(errno(s.default_sndinfo(ALL_ASSOC)), libc::EINVAL);
    }
}
