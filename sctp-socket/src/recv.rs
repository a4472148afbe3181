//! Receiving: each call returns a message's data with its receive
//! information, or a notification ([`Recv`]).
//!
//! The control messages are found by libsctp's own parser
//! (`sctp::cmsg::find`, the one sctp_recvmsg and sctp_recvv use), which is
//! bounds-checked; [`parse_control`] is that step on its own, for the fuzz
//! target.

use crate::notification::Notification;
use crate::{addr, sys, AssocId, Socket};
use libc::{c_int, c_void, iovec, sockaddr_storage, socklen_t};
use sctp::cmsg::{self, CmsgBuf};
use sctp::uapi::{sctp_nxtinfo, sctp_rcvinfo, sctp_sndrcvinfo, MSG_NOTIFICATION, SCTP_NXTINFO, SCTP_RCVINFO, SCTP_SNDRCV};
use std::io;
use std::mem::size_of;
use std::net::SocketAddr;
use std::os::fd::AsRawFd;

/// What one receive returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recv<D> {
    /// A message's data, or part of it (see [`Message::eor`]).
    Data(Message<D>),
    /// An event of the association, of a kind the socket subscribed to.
    Notification(Notification),
}

/// Data received: `D` is `&[u8]` (the caller's buffer, from
/// [`Socket::recv`]) or `Vec<u8>` (a whole message, from
/// [`Socket::recv_message`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message<D> {
    /// The bytes. Empty, with `eor` false, when a one-to-one socket's
    /// association has shut down (the end of the stream).
    pub data: D,
    /// Stream, PPID, TSN, association...: present when the socket receives
    /// SCTP_RCVINFO, which this crate's constructors turn on.
    pub info: Option<RecvInfo>,
    /// The next message waiting, when SCTP_RECVNXTINFO is on and there is
    /// one.
    pub next: Option<NextInfo>,
    /// The sender's address (on a one-to-many socket, the peer's).
    pub from: Option<SocketAddr>,
    /// MSG_EOR: these bytes end the message. False for a part of a message
    /// bigger than the buffer (or the partial delivery point); the next
    /// receives bring the rest.
    pub eor: bool,
}

/// RFC 6458's sctp_rcvinfo: how a message came.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RecvInfo {
    /// The stream it came on.
    pub stream: u16,
    /// Its stream sequence number.
    pub ssn: u16,
    /// SCTP_UNORDERED if it was sent unordered.
    pub flags: u16,
    /// Its payload protocol identifier, the number the sender gave
    /// (converted from network byte order).
    pub ppid: u32,
    /// Its transmission sequence number.
    pub tsn: u32,
    /// The association's cumulative TSN.
    pub cumtsn: u32,
    /// The receiver's context (SCTP_CONTEXT).
    pub context: u32,
    /// The association it came on.
    pub assoc_id: AssocId,
}

impl RecvInfo {
    /// Whether the message was sent unordered.
    pub fn unordered(&self) -> bool {
        self.flags & 1 != 0
    }
}

/// RFC 6458's sctp_nxtinfo: the message after this one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct NextInfo {
    /// Its stream.
    pub stream: u16,
    /// SCTP_UNORDERED, SCTP_COMPLETE (its length is known) and
    /// SCTP_NOTIFICATION (it is a notification).
    pub flags: u16,
    /// Its payload protocol identifier (host byte order).
    pub ppid: u32,
    /// Its length, as far as received.
    pub length: u32,
    /// Its association.
    pub assoc_id: AssocId,
}


/// Room for SNDRCV, RCVINFO and NXTINFO at once, with margin.
const CONTROL: usize = 2 * (cmsg::space_for(size_of::<sctp_sndrcvinfo>()) + cmsg::space_for(size_of::<sctp_rcvinfo>())
    + cmsg::space_for(size_of::<sctp_nxtinfo>()));

/// The receive information in a message's control data: RCVINFO (or, when
/// only SCTP_EVENTS' data_io_event is on, the older SNDRCV) and NXTINFO.
/// Malformed control data yields less, never an out-of-bounds read.
pub fn parse_control(control: &[u8]) -> (Option<RecvInfo>, Option<NextInfo>) {
    // SAFETY: the kernel's structs are integers only: any bytes are one.
    let rcv = unsafe { cmsg::find::<sctp_rcvinfo>(control, SCTP_RCVINFO) };
    let info = rcv.map(|r| RecvInfo {
        stream: r.rcv_sid,
        ssn: r.rcv_ssn,
        flags: r.rcv_flags,
        ppid: u32::from_be(r.rcv_ppid),
        tsn: r.rcv_tsn,
        cumtsn: r.rcv_cumtsn,
        context: r.rcv_context,
        assoc_id: r.rcv_assoc_id,
    });
    let info = info.or_else(|| {
        // SAFETY: as above.
        let s = unsafe { cmsg::find::<sctp_sndrcvinfo>(control, SCTP_SNDRCV) }?;
        Some(RecvInfo {
            stream: s.sinfo_stream,
            ssn: s.sinfo_ssn,
            flags: s.sinfo_flags,
            ppid: u32::from_be(s.sinfo_ppid),
            tsn: s.sinfo_tsn,
            cumtsn: s.sinfo_cumtsn,
            context: s.sinfo_context,
            assoc_id: s.sinfo_assoc_id,
        })
    });
    // SAFETY: as above.
    let next = unsafe { cmsg::find::<sctp_nxtinfo>(control, SCTP_NXTINFO) }.map(|n| NextInfo {
        stream: n.nxt_sid,
        flags: n.nxt_flags,
        ppid: u32::from_be(n.nxt_ppid),
        length: n.nxt_length,
        assoc_id: n.nxt_assoc_id,
    });
    (info, next)
}

fn truncated(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("SCTP receive truncated: {what}"))
}

/// One recvmsg(2)'s outcome, before it is typed. It holds no borrow of
/// the buffer, so that a caller retrying on EAGAIN (the tokio module) can
/// type it afterwards ([`Raw::into_recv`]).
pub(crate) struct Raw {
    len: usize,
    flags: c_int,
    from: Option<SocketAddr>,
    info: Option<RecvInfo>,
    next: Option<NextInfo>,
}

impl Raw {
    /// The typed answer of a receive that filled `buf`.
    pub(crate) fn into_recv(self, buf: &[u8]) -> io::Result<Recv<&[u8]>> {
        let eor = self.flags & libc::MSG_EOR != 0;
        if self.flags & MSG_NOTIFICATION != 0 {
            if !eor {
                return Err(truncated("a notification bigger than the buffer"));
            }
            return Ok(Recv::Notification(Notification::parse(&buf[..self.len])?));
        }
        Ok(Recv::Data(Message { data: &buf[..self.len], info: self.info, next: self.next, from: self.from, eor }))
    }
}

/// A message read part by part (one recvmsg each) until it is whole:
/// [`Socket::recv_message`]'s loop, and the tokio module's, which keeps it
/// between polls.
#[derive(Default)]
pub(crate) struct Reassembly {
    data: Vec<u8>,
    first: Option<Raw>,
}

impl Reassembly {
    /// Whether no part has been read.
    #[cfg_attr(not(feature = "tokio"), allow(dead_code))]
    pub(crate) fn is_empty(&self) -> bool {
        self.first.is_none()
    }

    /// Read the next part: the message, once it is whole. An error leaves
    /// the parts read before when it is EAGAIN (a non-blocking socket with
    /// nothing more yet), and drops them otherwise.
    pub(crate) fn read_part(&mut self, sock: &Socket) -> io::Result<Option<Recv<Vec<u8>>>> {
        const STEP: usize = 64 * 1024;
        let at = self.data.len();
        self.data.resize(at + STEP, 0);
        let r = match sock.recv_raw(&mut self.data[at..], 0) {
            Ok(r) => r,
            Err(e) => {
                if e.kind() == io::ErrorKind::WouldBlock {
                    self.data.truncate(at);
                } else {
                    *self = Reassembly::default();
                }
                return Err(e);
            }
        };
        self.data.truncate(at + r.len);
        let (done, eof, next) = (r.flags & libc::MSG_EOR != 0, r.len == 0, r.next);
        let first = self.first.take().unwrap_or(r);
        if !(done || eof) {
            self.first = Some(first);
            return Ok(None);
        }
        let data = std::mem::take(&mut self.data);
        if first.flags & MSG_NOTIFICATION != 0 {
            if !done {
                return Err(truncated("a notification cut off by the end of the association"));
            }
            return Ok(Some(Recv::Notification(Notification::parse(&data)?)));
        }
        // The next-info comes with the message's last part.
        Ok(Some(Recv::Data(Message { data, info: first.info, next, from: first.from, eor: done })))
    }
}

impl Socket {
    /// recvmsg(2) into `buf`, with its control data parsed.
    #[inline(always)]
    pub(crate) fn recv_raw(&self, buf: &mut [u8], flags: c_int) -> io::Result<Raw> {
        // SAFETY: integers only; all-zero is a value.
        let mut from: sockaddr_storage = unsafe { std::mem::zeroed() };
        let mut control = CmsgBuf::<CONTROL>::new();
        let iov = iovec { iov_base: buf.as_mut_ptr() as *mut c_void, iov_len: buf.len() };
        let mut m = cmsg::msghdr_for(&mut from as *mut sockaddr_storage as *mut c_void, size_of::<sockaddr_storage>() as socklen_t,
                                     &iov, 1, control.as_mut_ptr(), CONTROL);
        // SAFETY: `m` describes `buf` (writable, its length), `from` and
        // `control`, all ours for the call.
        let n = unsafe { libc::recvmsg(self.as_raw_fd(), &mut m, flags) };
        let n = sys::c_result(n as c_int)? as usize;
        if m.msg_flags & libc::MSG_CTRUNC != 0 {
            return Err(truncated("control data (MSG_CTRUNC)"));
        }
        if m.msg_flags & libc::MSG_TRUNC != 0 {
            return Err(truncated("data (MSG_TRUNC)"));
        }
        #[allow(clippy::unnecessary_cast)] // msg_controllen is not size_t on every libc
        // SAFETY: the kernel wrote the first msg_controllen bytes.
        let control = unsafe { control.assume_init(m.msg_controllen as usize) };
        let (info, next) = parse_control(control);
        Ok(Raw { len: n, flags: m.msg_flags, from: addr::from_storage(&from, m.msg_namelen), info, next })
    }

    /// Receive one message, or as much of it as `buf` holds, or a
    /// notification. A notification bigger than `buf` is an error (a
    /// buffer of 1 KiB holds any but a send-failed one carrying its data;
    /// [`recv_message`](Socket::recv_message) takes any size).
    pub fn recv<'b>(&self, buf: &'b mut [u8]) -> io::Result<Recv<&'b [u8]>> {
        self.recv_raw(buf, 0)?.into_recv(buf)
    }

    /// Receive one whole message (or notification), reassembled from as
    /// many reads as it takes, into a new `Vec`.
    pub fn recv_message(&self) -> io::Result<Recv<Vec<u8>>> {
        // A failure after the first part has lost that part: it is the
        // caller's error as it is, not a short message.
        let mut m = Reassembly::default();
        loop {
            if let Some(r) = m.read_part(self)? {
                return Ok(r);
            }
        }
    }
}
