//! The one-to-many style (SOCK_SEQPACKET): one [`SctpEndpoint`] carries
//! many associations, each named by an id; [`Association`] is a handle on
//! one of them.

use crate::send::{SendFlags, SendInfo};
use crate::socket::{Family, Socket};
use crate::stream::{fd_traits, set_reuseaddr, SctpStream};
use crate::{sys, AssocId};
use std::io;
use std::net::SocketAddr;
use std::ops::Deref;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};

/// A one-to-many SCTP socket: it accepts associations from any number of
/// peers and sets them up to any number, and every receive says which
/// association it came on ([`RecvInfo::assoc_id`](crate::RecvInfo)).
#[derive(Debug)]
pub struct SctpEndpoint {
    sock: Socket,
}

impl SctpEndpoint {
    /// An endpoint that accepts associations at `addr` (bound and
    /// listening; port 0 picks one).
    pub fn bind(addr: SocketAddr) -> io::Result<SctpEndpoint> {
        SctpEndpoint::bind_multi(&[addr])
    }

    /// An endpoint at all of `addrs` (bind, then sctp_bindx: multi-homed),
    /// accepting associations.
    pub fn bind_multi(addrs: &[SocketAddr]) -> io::Result<SctpEndpoint> {
        let first = addrs.first().ok_or_else(|| io::Error::from_raw_os_error(libc::EINVAL))?;
        let sock = Socket::new(Family::of(first), libc::SOCK_SEQPACKET)?;
        set_reuseaddr(&sock)?;
        sock.bind_all(addrs)?;
        sock.listen(libc::SOMAXCONN)?;
        Ok(SctpEndpoint { sock })
    }

    /// An endpoint that only sets associations up (a client): the kernel
    /// picks its port and addresses on the first connect or send.
    pub fn new(family: Family) -> io::Result<SctpEndpoint> {
        Ok(SctpEndpoint { sock: Socket::new(family, libc::SOCK_SEQPACKET)? })
    }

    /// Set up an association to the peer at all of `addrs`
    /// (sctp_connectx) and return its id. Blocks until it is up, unless the
    /// socket is non-blocking: then it returns the id at once, and the
    /// association's COMM_UP (or CANT_STR_ASSOC) notification says how it
    /// went.
    pub fn connectx(&self, addrs: &[SocketAddr]) -> io::Result<AssocId> {
        self.sock.connectx_nonblocking(addrs).map(|(id, _)| id)
    }

    /// A handle on association `id`.
    pub fn association(&self, id: AssocId) -> Association<'_> {
        Association { ep: self, id }
    }

    /// Branch association `id` off into a one-to-one socket of its own
    /// (sctp_peeloff), close-on-exec, non-blocking if asked.
    pub fn peeloff(&self, id: AssocId, nonblocking: bool) -> io::Result<SctpStream> {
        let flags = libc::SOCK_CLOEXEC | if nonblocking { libc::SOCK_NONBLOCK } else { 0 };
        let fd = sys::c_result(sctp::peeloff::sctp_peeloff_flags(self.as_raw_fd(), id, flags as libc::c_uint))?;
        // SAFETY: a new descriptor, ours alone.
        Ok(SctpStream::from_socket(Socket::from(unsafe { OwnedFd::from_raw_fd(fd) })))
    }
}

impl Deref for SctpEndpoint {
    type Target = Socket;
    fn deref(&self) -> &Socket {
        &self.sock
    }
}

fd_traits!(SctpEndpoint);

/// One association of an [`SctpEndpoint`].
#[derive(Clone, Copy, Debug)]
pub struct Association<'a> {
    ep: &'a SctpEndpoint,
    id: AssocId,
}

impl<'a> Association<'a> {
    /// Its id.
    pub fn id(&self) -> AssocId {
        self.id
    }

    /// Send one message on it, with `info`'s stream, PPID, flags and
    /// policy (its `assoc_id` is this association's).
    pub fn send(&self, data: &[u8], info: &SendInfo) -> io::Result<usize> {
        self.ep.send(data, &info.assoc(self.id))
    }

    /// The peer's addresses.
    pub fn peer_addrs(&self) -> io::Result<Vec<SocketAddr>> {
        self.ep.peer_addrs(self.id)
    }

    /// The local addresses it uses.
    pub fn local_addrs(&self) -> io::Result<Vec<SocketAddr>> {
        self.ep.local_addrs(self.id)
    }

    /// Shut it down gracefully (SCTP_EOF): what was sent is delivered,
    /// then it ends with SHUTDOWN_COMP.
    pub fn shutdown(&self) -> io::Result<()> {
        self.ep.send(&[], &SendInfo::new().assoc(self.id).flags(SendFlags::EOF)).map(drop)
    }

    /// Abort it at once, `cause` as the user-initiated abort's reason.
    pub fn abort(&self, cause: &[u8]) -> io::Result<()> {
        self.ep.send(cause, &SendInfo::new().assoc(self.id).flags(SendFlags::ABORT)).map(drop)
    }

    /// Branch it off into a one-to-one socket (see
    /// [`SctpEndpoint::peeloff`]).
    pub fn peeloff(self, nonblocking: bool) -> io::Result<SctpStream> {
        self.ep.peeloff(self.id, nonblocking)
    }
}
