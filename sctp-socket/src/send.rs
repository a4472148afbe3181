//! Sending: [`SendInfo`] says how, [`Socket::send`] and its variants send.
//!
//! The control messages are built by libsctp's own encoder
//! (`sctp::cmsg::SendCmsg`), the one sctp_sendv uses, and sent with
//! MSG_NOSIGNAL: a closed association is EPIPE, never SIGPIPE.

use crate::addr;
use crate::{AssocId, Socket};
use libc::{c_int, c_void, in6_addr, in_addr, iovec, sockaddr_storage, socklen_t};
use sctp::cmsg::{self, CmsgBuf, SendCmsg};
use sctp::uapi::{self, sctp_prinfo, sctp_sndinfo};
use std::io::{self, IoSlice};
use std::mem::{size_of, MaybeUninit};
use std::net::SocketAddr;
use std::os::fd::AsRawFd;
use std::ptr::null_mut;

/// Flags of one message (sctp_sndinfo's `snd_flags`), combined with `|`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SendFlags(u16);

impl SendFlags {
    /// No flags.
    pub const NONE: SendFlags = SendFlags(0);
    /// Deliver the message unordered (SCTP_UNORDERED).
    pub const UNORDERED: SendFlags = SendFlags(uapi::SCTP_UNORDERED);
    /// Send to the given address, not the primary path (SCTP_ADDR_OVER).
    pub const ADDR_OVER: SendFlags = SendFlags(uapi::SCTP_ADDR_OVER);
    /// Abort the association; the data, if any, is the user's cause
    /// (SCTP_ABORT).
    pub const ABORT: SendFlags = SendFlags(uapi::SCTP_ABORT);
    /// Shut the association down gracefully after this message
    /// (SCTP_EOF).
    pub const EOF: SendFlags = SendFlags(uapi::SCTP_EOF);
    /// On a one-to-many socket, send to every association (SCTP_SENDALL).
    pub const SENDALL: SendFlags = SendFlags(uapi::SCTP_SENDALL);
    /// Ask the peer to acknowledge at once (SCTP_SACK_IMMEDIATELY).
    pub const SACK_IMMEDIATELY: SendFlags = SendFlags(uapi::SCTP_SACK_IMMEDIATELY);

    /// The raw bits.
    pub const fn bits(self) -> u16 {
        self.0
    }

    /// Whether every flag of `other` is set.
    pub const fn contains(self, other: SendFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for SendFlags {
    type Output = SendFlags;
    fn bitor(self, rhs: SendFlags) -> SendFlags {
        SendFlags(self.0 | rhs.0)
    }
}

/// Partial reliability (RFC 3758, PR-SCTP): when the stack may give up on
/// a message. The association must have PR-SCTP (`pr_supported`, on by
/// default in Linux).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PrPolicy {
    /// Reliable: retransmit until the association fails.
    #[default]
    Reliable,
    /// Give up after this many milliseconds (SCTP_PR_SCTP_TTL).
    Ttl(u32),
    /// Give up after this many retransmissions (SCTP_PR_SCTP_RTX).
    Rtx(u32),
    /// Drop it, lowest priority first, when the send buffer is full; the
    /// value is the priority, 0 highest (SCTP_PR_SCTP_PRIO).
    Prio(u32),
}

impl PrPolicy {
    fn prinfo(self) -> Option<sctp_prinfo> {
        let (policy, value) = match self {
            PrPolicy::Reliable => return None,
            PrPolicy::Ttl(v) => (0x10, v),
            PrPolicy::Rtx(v) => (0x20, v),
            PrPolicy::Prio(v) => (0x30, v),
        };
        // SAFETY: integers only; zeroed so that the padding the kernel
        // copies in is not left undefined.
        let mut p: sctp_prinfo = unsafe { std::mem::zeroed() };
        p.pr_policy = policy;
        p.pr_value = value;
        Some(p)
    }
}

/// How to send one message: RFC 6458's sctp_sndinfo and sctp_prinfo.
///
/// `SendInfo::default()` attaches no send information at all, so the
/// socket's defaults (`set_default_sndinfo`) apply; any other value is
/// sent with the message. Build one with the methods:
///
/// ```
/// # use sctp_socket::{SendInfo, SendFlags, PrPolicy};
/// let info = SendInfo::new().stream(2).ppid(51).flags(SendFlags::UNORDERED).pr(PrPolicy::Ttl(500));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SendInfo {
    /// The stream number.
    pub stream: u16,
    /// The payload protocol identifier, as the number it is: it goes on
    /// the wire in network byte order (no `htonl` needed, unlike C).
    pub ppid: u32,
    /// Flags.
    pub flags: SendFlags,
    /// A value of the sender's, reported back in send-failed
    /// notifications.
    pub context: u32,
    /// The association, on a one-to-many socket (ignored on one-to-one).
    pub assoc_id: AssocId,
    /// Partial reliability.
    pub pr: PrPolicy,
}

impl SendInfo {
    /// The defaults: stream 0, no PPID, no flags, reliable.
    pub const fn new() -> SendInfo {
        SendInfo { stream: 0, ppid: 0, flags: SendFlags::NONE, context: 0, assoc_id: 0, pr: PrPolicy::Reliable }
    }
    /// This stream.
    pub const fn stream(mut self, stream: u16) -> SendInfo {
        self.stream = stream;
        self
    }
    /// This payload protocol identifier.
    pub const fn ppid(mut self, ppid: u32) -> SendInfo {
        self.ppid = ppid;
        self
    }
    /// These flags.
    pub const fn flags(mut self, flags: SendFlags) -> SendInfo {
        self.flags = flags;
        self
    }
    /// This context.
    pub const fn context(mut self, context: u32) -> SendInfo {
        self.context = context;
        self
    }
    /// On this association.
    pub const fn assoc(mut self, assoc_id: AssocId) -> SendInfo {
        self.assoc_id = assoc_id;
        self
    }
    /// With this partial-reliability policy.
    pub const fn pr(mut self, pr: PrPolicy) -> SendInfo {
        self.pr = pr;
        self
    }

    fn sndinfo(&self) -> sctp_sndinfo {
        sctp_sndinfo {
            snd_sid: self.stream,
            snd_flags: self.flags.0,
            snd_ppid: self.ppid.to_be(),
            snd_context: self.context,
            snd_assoc_id: self.assoc_id,
        }
    }
}

/// Room for SNDINFO and PRINFO: a message's own send information.
const CONTROL: usize = cmsg::space_for(size_of::<sctp_sndinfo>()) + cmsg::space_for(size_of::<sctp_prinfo>());

impl Socket {
    /// Send one message (its whole `data`, or nothing), with `info`.
    /// Returns the bytes sent.
    pub fn send(&self, data: &[u8], info: &SendInfo) -> io::Result<usize> {
        self.send_vectored(&[IoSlice::new(data)], info)
    }

    /// Send one message gathered from `bufs`.
    pub fn send_vectored(&self, bufs: &[IoSlice<'_>], info: &SendInfo) -> io::Result<usize> {
        let snd = info.sndinfo();
        let pr = info.pr.prinfo();
        let mut control = CmsgBuf::<CONTROL>::new();
        let mut used = 0;
        if *info != SendInfo::default() {
            used = SendCmsg::Sndinfo((&snd).into()).encode_into(control.bytes_mut(), used).map_err(crate::sys::io_error)?;
        }
        if let Some(p) = &pr {
            used = SendCmsg::Prinfo(p.into()).encode_into(control.bytes_mut(), used).map_err(crate::sys::io_error)?;
        }
        self.sendmsg(bufs, None, control.bytes_mut(), used)
    }

    /// Send one message to `to`: the first address is the destination,
    /// and on a one-to-many socket with no association to it yet, the
    /// others are more addresses of the same peer for the association this
    /// send sets up (RFC 6458's implicit association; SCTP_DSTADDRV4/V6).
    ///
    /// Linux 6.1 loses a partially reliable message ([`PrPolicy`] other
    /// than `Reliable`) that sets an association up, whatever its policy
    /// value (seen in this crate's tests, through sctp_sendv as well): send
    /// the first message reliable.
    pub fn send_to(&self, data: &[u8], to: &[SocketAddr], info: &SendInfo) -> io::Result<usize> {
        let (first, extra) = to.split_first().ok_or_else(|| io::Error::from_raw_os_error(libc::EINVAL))?;
        let snd = info.sndinfo();
        let pr = info.pr.prinfo();
        let v4: Vec<in_addr> = extra.iter().filter_map(|a| match a {
            SocketAddr::V4(a) => Some(in_addr { s_addr: u32::from_ne_bytes(a.ip().octets()) }),
            SocketAddr::V6(_) => None,
        }).collect();
        let v6: Vec<in6_addr> = extra.iter().filter_map(|a| match a {
            SocketAddr::V6(a) => Some(in6_addr { s6_addr: a.ip().octets() }),
            SocketAddr::V4(_) => None,
        }).collect();
        let mut msgs = (*info != SendInfo::default()).then_some(SendCmsg::Sndinfo((&snd).into())).into_iter()
            .chain(pr.as_ref().map(|p| SendCmsg::Prinfo(p.into())))
            .chain(v4.iter().map(|a| SendCmsg::DstAddrV4(a.into())))
            .chain(v6.iter().map(|a| SendCmsg::DstAddrV6(a.into())));
        let room: usize = msgs.clone().map(SendCmsg::space).sum();
        // u64s: aligned for cmsghdr.
        let mut heap = vec![MaybeUninit::<u64>::uninit(); room.div_ceil(8)];
        // SAFETY: `heap` is room.div_ceil(8) * 8 >= room bytes, ours;
        // MaybeUninit needs no initialisation.
        let buf = unsafe { std::slice::from_raw_parts_mut(heap.as_mut_ptr() as *mut MaybeUninit<u8>, room) };
        let used = msgs.try_fold(0, |at, m| m.encode_into(buf, at)).map_err(crate::sys::io_error)?;
        self.sendmsg(&[IoSlice::new(data)], Some(first), buf, used)
    }

    /// sendmsg(2) of `bufs` to `to` (or the association's peer), with the
    /// first `used` bytes of `control`, written, as control data.
    #[inline(always)]
    fn sendmsg(&self, bufs: &[IoSlice<'_>], to: Option<&SocketAddr>, control: &mut [MaybeUninit<u8>], used: usize) -> io::Result<usize> {
        let name: Option<(sockaddr_storage, socklen_t)> = to.map(addr::to_sockaddr);
        let (name_ptr, namelen) = match &name {
            Some((ss, len)) => (ss as *const sockaddr_storage as *mut c_void, *len),
            None => (null_mut(), 0),
        };
        let control_ptr = if used == 0 { null_mut() } else { control.as_mut_ptr() as *mut c_void };
        // IoSlice is an iovec (std guarantees the layout on Unix).
        let m = cmsg::msghdr_for(name_ptr, namelen, bufs.as_ptr() as *const iovec, bufs.len(), control_ptr, used);
        // SAFETY: `m` points at the caller's slices (read only), our
        // address and the `used` bytes of control data written before.
        let n = unsafe { libc::sendmsg(self.as_raw_fd(), &m, libc::MSG_NOSIGNAL) };
        crate::sys::c_result(n as c_int).map(|_| n as usize)
    }
}
