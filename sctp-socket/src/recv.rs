//! Receiving: each call returns a message's data with its receive
//! information, or a notification ([`Recv`]).
//!
//! The control messages are found by libsctp's own parser
//! (`sctp::cmsg::find`, the one sctp_recvmsg and sctp_recvv use), which is
//! bounds-checked; [`parse_control`] is that step on its own, for the fuzz
//! target.

use crate::notification::Notification;
use crate::{addr, sys, AssocId, Socket};
use libc::{c_int, c_void, iovec, sockaddr_in6, socklen_t};
use sctp::cmsg::{self, CmsgBuf};
use sctp::uapi::{sctp_nxtinfo, sctp_rcvinfo, sctp_sndrcvinfo, MSG_NOTIFICATION, SCTP_NXTINFO, SCTP_RCVINFO, SCTP_SNDRCV};
use std::fmt;
use std::io;
use std::mem::{size_of, MaybeUninit};
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
///
/// Besides the bytes, the message keeps the rest (the receive and next
/// information, the sender's address, the flags) as the kernel wrote it,
/// and the accessors decode it when called: a receive pays for no more
/// than its caller reads (BENCHMARKS.md, row e).
#[derive(Clone)]
pub struct Message<D> {
    /// The bytes. Empty, with [`eor`](Message::eor) false, when a
    /// one-to-one socket's association has shut down (the end of the
    /// stream).
    pub data: D,
    meta: Meta,
}

impl<D> Message<D> {
    /// Stream, PPID, TSN, association...: present when the socket receives
    /// SCTP_RCVINFO, which this crate's constructors turn on (or, with only
    /// SCTP_EVENTS' data_io_event on, the older SCTP_SNDRCV).
    #[inline]
    pub fn info(&self) -> Option<RecvInfo> {
        self.meta.rcv.map(RecvInfo::from_kernel)
    }

    /// The next message waiting, when SCTP_RECVNXTINFO is on and there is
    /// one.
    #[inline]
    pub fn next(&self) -> Option<NextInfo> {
        self.meta.nxt.map(NextInfo::from_kernel)
    }

    /// The sender's address (on a one-to-many socket, the peer's).
    #[inline]
    pub fn from(&self) -> Option<SocketAddr> {
        self.meta.name.get()
    }

    /// MSG_EOR: these bytes end the message. False for a part of a message
    /// bigger than the buffer (or the partial delivery point); the next
    /// receives bring the rest.
    #[inline]
    pub fn eor(&self) -> bool {
        self.meta.flags & libc::MSG_EOR != 0
    }
}

impl<D: fmt::Debug> fmt::Debug for Message<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Message")
            .field("data", &self.data)
            .field("info", &self.info())
            .field("next", &self.next())
            .field("from", &self.from())
            .field("eor", &self.eor())
            .finish()
    }
}

/// Equal when the data and everything the accessors return are.
impl<D: PartialEq> PartialEq for Message<D> {
    fn eq(&self, other: &Self) -> bool {
        self.data == other.data && self.info() == other.info() && self.next() == other.next()
            && self.from() == other.from() && self.eor() == other.eor()
    }
}

impl<D: Eq> Eq for Message<D> {}

/// A message's receive information as the kernel wrote it.
#[derive(Clone, Copy)]
pub(crate) struct Meta {
    flags: c_int,
    rcv: Option<sctp_rcvinfo>,
    nxt: Option<sctp_nxtinfo>,
    name: Name,
}

impl Meta {
    /// recvmsg's flags and address, and the control data's information:
    /// RCVINFO (or, when only SCTP_EVENTS' data_io_event is on, the older
    /// SNDRCV in its place) and NXTINFO.
    #[inline(always)]
    fn new(flags: c_int, name: Name, control: &[u8]) -> Self {
        const RCV_SPACE: usize = cmsg::space_for(size_of::<sctp_rcvinfo>());
        // SAFETY: the kernel's structs are integers only: any bytes are one.
        let rcv = unsafe { cmsg::find::<sctp_rcvinfo>(control, SCTP_RCVINFO) }.or_else(|| sndrcv_as_rcvinfo(control));
        // With RCVINFO found, a NXTINFO needs room beyond it: most
        // messages (RECVNXTINFO off) are spared a second walk.
        let nxt = if rcv.is_some() && control.len() <= RCV_SPACE {
            None
        } else {
            // SAFETY: as above.
            unsafe { cmsg::find::<sctp_nxtinfo>(control, SCTP_NXTINFO) }
        };
        Meta { flags, rcv, nxt, name }
    }
}

/// An SNDRCV, as the RCVINFO it stands for (the socket receives only the
/// older one).
#[cold]
fn sndrcv_as_rcvinfo(control: &[u8]) -> Option<sctp_rcvinfo> {
    // SAFETY: the kernel's struct is integers only: any bytes are one.
    let s = unsafe { cmsg::find::<sctp_sndrcvinfo>(control, SCTP_SNDRCV) }?;
    Some(sctp_rcvinfo {
        rcv_sid: s.sinfo_stream,
        rcv_ssn: s.sinfo_ssn,
        rcv_flags: s.sinfo_flags,
        rcv_ppid: s.sinfo_ppid,
        rcv_tsn: s.sinfo_tsn,
        rcv_cumtsn: s.sinfo_cumtsn,
        rcv_context: s.sinfo_context,
        rcv_assoc_id: s.sinfo_assoc_id,
    })
}

/// The address recvmsg(2) wrote: SCTP's are a sockaddr_in or a
/// sockaddr_in6, so that is all the room it gets (a longer one would show
/// as a `len` beyond it, and is no address).
#[derive(Clone, Copy)]
struct Name {
    len: socklen_t,
    sa: MaybeUninit<sockaddr_in6>,
}

impl Name {
    #[inline(always)]
    fn new() -> Self {
        Name { len: size_of::<sockaddr_in6>() as socklen_t, sa: MaybeUninit::uninit() }
    }

    fn get(&self) -> Option<SocketAddr> {
        let len = self.len as usize;
        if len > size_of::<sockaddr_in6>() {
            return None;
        }
        // SAFETY: recvmsg wrote the first msg_namelen bytes of `sa` (at
        // most its size, checked above); u8 has no invalid values.
        addr::from_bytes(unsafe { std::slice::from_raw_parts(self.sa.as_ptr() as *const u8, len) })
    }
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


impl RecvInfo {
    fn from_kernel(r: sctp_rcvinfo) -> Self {
        RecvInfo {
            stream: r.rcv_sid,
            ssn: r.rcv_ssn,
            flags: r.rcv_flags,
            ppid: u32::from_be(r.rcv_ppid),
            tsn: r.rcv_tsn,
            cumtsn: r.rcv_cumtsn,
            context: r.rcv_context,
            assoc_id: r.rcv_assoc_id,
        }
    }
}

impl NextInfo {
    fn from_kernel(n: sctp_nxtinfo) -> Self {
        NextInfo { stream: n.nxt_sid, flags: n.nxt_flags, ppid: u32::from_be(n.nxt_ppid), length: n.nxt_length, assoc_id: n.nxt_assoc_id }
    }
}

/// Room for SNDRCV, RCVINFO and NXTINFO at once, with margin.
const CONTROL: usize = 2 * (cmsg::space_for(size_of::<sctp_sndrcvinfo>()) + cmsg::space_for(size_of::<sctp_rcvinfo>())
    + cmsg::space_for(size_of::<sctp_nxtinfo>()));

/// The receive information in a message's control data: RCVINFO (or, when
/// only SCTP_EVENTS' data_io_event is on, the older SNDRCV) and NXTINFO.
/// Malformed control data yields less, never an out-of-bounds read.
pub fn parse_control(control: &[u8]) -> (Option<RecvInfo>, Option<NextInfo>) {
    let m = Message { data: (), meta: Meta::new(0, Name::new(), control) };
    (m.info(), m.next())
}

fn truncated(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("SCTP receive truncated: {what}"))
}

/// One recvmsg(2)'s outcome, before it is typed. It holds no borrow of
/// the buffer, so that a caller retrying on EAGAIN (the tokio module) can
/// type it afterwards ([`Raw::into_recv`]).
pub(crate) struct Raw {
    len: usize,
    meta: Meta,
}

impl Raw {
    /// The typed answer of a receive that filled `buf`.
    #[inline(always)]
    pub(crate) fn into_recv(self, buf: &[u8]) -> io::Result<Recv<&[u8]>> {
        let data = &buf[..self.len];
        if self.meta.flags & MSG_NOTIFICATION != 0 {
            return notification(data, self.meta.flags & libc::MSG_EOR != 0, "a notification bigger than the buffer");
        }
        Ok(Recv::Data(Message { data, meta: self.meta }))
    }
}

/// A notification's answer: parsed when whole, else `cut` as the error.
#[cold]
fn notification<D>(bytes: &[u8], whole: bool, cut: &str) -> io::Result<Recv<D>> {
    if !whole {
        return Err(truncated(cut));
    }
    Ok(Recv::Notification(Notification::parse(bytes)?))
}

/// A message read part by part (one recvmsg each) until it is whole:
/// [`Socket::recv_message`]'s loop, and the tokio module's, which keeps it
/// between polls.
#[derive(Default)]
pub(crate) struct Reassembly {
    data: Vec<u8>,
    first: Option<Meta>,
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
        let done = r.meta.flags & libc::MSG_EOR != 0;
        let mut meta = self.first.take().unwrap_or(r.meta);
        if !(done || r.len == 0) {
            self.first = Some(meta);
            return Ok(None);
        }
        let data = std::mem::take(&mut self.data);
        if meta.flags & MSG_NOTIFICATION != 0 {
            return notification(&data, done, "a notification cut off by the end of the association").map(Some);
        }
        // The first part's information and address; the last part's
        // next-info and end of record.
        meta.nxt = r.meta.nxt;
        meta.flags = (meta.flags & !libc::MSG_EOR) | (r.meta.flags & libc::MSG_EOR);
        Ok(Some(Recv::Data(Message { data, meta })))
    }
}

impl Socket {
    /// recvmsg(2) into `buf`, with its control data parsed.
    #[inline(always)]
    pub(crate) fn recv_raw(&self, buf: &mut [u8], flags: c_int) -> io::Result<Raw> {
        let mut name = Name::new();
        let mut control = CmsgBuf::<CONTROL>::new();
        let iov = iovec { iov_base: buf.as_mut_ptr() as *mut c_void, iov_len: buf.len() };
        let mut m = cmsg::msghdr_for(name.sa.as_mut_ptr() as *mut c_void, name.len, &iov, 1, control.as_mut_ptr(), CONTROL);
        // SAFETY: `m` describes `buf` (writable, its length), `name.sa`
        // and `control`, all ours for the call.
        let n = unsafe { libc::recvmsg(self.as_raw_fd(), &mut m, flags) };
        let n = sys::c_result(n as c_int)? as usize;
        if m.msg_flags & (libc::MSG_CTRUNC | libc::MSG_TRUNC) != 0 {
            return Err(truncated(if m.msg_flags & libc::MSG_CTRUNC != 0 { "control data (MSG_CTRUNC)" } else { "data (MSG_TRUNC)" }));
        }
        name.len = m.msg_namelen;
        #[allow(clippy::unnecessary_cast)] // msg_controllen is not size_t on every libc
        // SAFETY: the kernel wrote the first msg_controllen bytes.
        let control = unsafe { control.assume_init(m.msg_controllen as usize) };
        Ok(Raw { len: n, meta: Meta::new(m.msg_flags, name, control) })
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
