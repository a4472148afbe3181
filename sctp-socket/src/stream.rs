//! The one-to-one style (SOCK_STREAM): [`SctpStream`] and
//! [`SctpListener`], shaped like std's TcpStream and TcpListener. This is
//! the style for porting TCP programs.

use crate::send::SendInfo;
use crate::socket::{Family, Socket};
use crate::{sys, Recv};
use std::io::{self, IoSlice, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::ops::Deref;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};

/// A one-to-one SCTP socket with its one association: what `connect`
/// makes and what [`SctpListener::accept`] and
/// [`SctpEndpoint::peeloff`](crate::SctpEndpoint::peeloff) return.
///
/// [`Read`] and [`Write`] move message bytes as TCP programs expect;
/// [`Socket::send`] and [`Socket::recv`] (through `Deref`) add streams,
/// PPIDs and message boundaries.
#[derive(Debug)]
pub struct SctpStream {
    sock: Socket,
}

impl SctpStream {
    /// Connect to `addr`.
    pub fn connect(addr: SocketAddr) -> io::Result<SctpStream> {
        let sock = Socket::new(Family::of(&addr), libc::SOCK_STREAM)?;
        sock.connect(&addr)?;
        Ok(SctpStream { sock })
    }

    /// Connect to one peer at all of `addrs` (sctp_connectx): the
    /// association uses each as a path. They must be of one family unless
    /// the first is IPv6.
    pub fn connectx(addrs: &[SocketAddr]) -> io::Result<SctpStream> {
        let first = addrs.first().ok_or_else(|| io::Error::from_raw_os_error(libc::EINVAL))?;
        let sock = Socket::new(Family::of(first), libc::SOCK_STREAM)?;
        sock.connectx(addrs)?;
        Ok(SctpStream { sock })
    }

    /// Bind to `local` first (all of them: multi-homing), then connect to
    /// all of `remote`.
    pub fn connectx_from(local: &[SocketAddr], remote: &[SocketAddr]) -> io::Result<SctpStream> {
        let first = local.first().ok_or_else(|| io::Error::from_raw_os_error(libc::EINVAL))?;
        let sock = Socket::new(Family::of(first), libc::SOCK_STREAM)?;
        sock.bind_all(local)?;
        sock.connectx(remote)?;
        Ok(SctpStream { sock })
    }

    pub(crate) fn from_socket(sock: Socket) -> SctpStream {
        SctpStream { sock }
    }

    /// shutdown(2). SCTP has no half-close: `Shutdown::Write` (or `Both`)
    /// starts the association's graceful shutdown, after which neither side
    /// sends; the peer reads end-of-stream once it has read what was sent.
    /// `Shutdown::Read` is accepted and does nothing, as Linux has it.
    pub fn shutdown(&self, how: Shutdown) -> io::Result<()> {
        let how = match how {
            Shutdown::Read => libc::SHUT_RD,
            Shutdown::Write => libc::SHUT_WR,
            Shutdown::Both => libc::SHUT_RDWR,
        };
        // SAFETY: shutdown(2) takes no pointers.
        sys::c_result(unsafe { libc::shutdown(self.as_raw_fd(), how) }).map(drop)
    }

    /// Abort the association at once: an ABORT chunk, and the socket is
    /// closed (SO_LINGER of 0, then close). Linux refuses SCTP_ABORT on a
    /// one-to-one socket (EINVAL), so, unlike
    /// [`Association::abort`](crate::Association::abort), no cause goes with it.
    pub fn abort(self) -> io::Result<()> {
        let linger = libc::linger { l_onoff: 1, l_linger: 0 };
        // SAFETY: `linger` is a readable struct linger of the length passed.
        sys::c_result(unsafe {
            libc::setsockopt(self.as_raw_fd(), libc::SOL_SOCKET, libc::SO_LINGER, &linger as *const libc::linger as *const libc::c_void,
                             std::mem::size_of::<libc::linger>() as libc::socklen_t)
        })?;
        drop(self);
        Ok(())
    }
}

impl Deref for SctpStream {
    type Target = Socket;
    fn deref(&self) -> &Socket {
        &self.sock
    }
}

impl Read for SctpStream {
    /// The next message's bytes (as many as fit; the rest on the next
    /// reads). Notifications, should the socket have subscribed to any, are
    /// skipped: use [`Socket::recv`] to see them. 0 is the end of the
    /// association.
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        (&*self).read(buf)
    }
}

impl Read for &SctpStream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.sock.recv(buf)? {
                Recv::Data(m) => return Ok(m.data.len()),
                Recv::Notification(_) => continue,
            }
        }
    }
}

impl Write for SctpStream {
    /// One message of `buf`, on stream 0, with the socket's default send
    /// information.
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        (&*self).write(buf)
    }
    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        (&*self).write_vectored(bufs)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Write for &SctpStream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.sock.send(buf, &SendInfo::new())
    }
    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        self.sock.send_vectored(bufs, &SendInfo::new())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A one-to-one listening socket: [`accept`](SctpListener::accept) gives
/// an [`SctpStream`] per association.
#[derive(Debug)]
pub struct SctpListener {
    sock: Socket,
}

impl SctpListener {
    /// Bind to `addr` and listen. Port 0 picks one (see
    /// [`Socket::local_addr`]).
    pub fn bind(addr: SocketAddr) -> io::Result<SctpListener> {
        SctpListener::bind_multi(&[addr])
    }

    /// Bind to all of `addrs` (bind, then sctp_bindx: a multi-homed
    /// server) and listen.
    pub fn bind_multi(addrs: &[SocketAddr]) -> io::Result<SctpListener> {
        let first = addrs.first().ok_or_else(|| io::Error::from_raw_os_error(libc::EINVAL))?;
        let sock = Socket::new(Family::of(first), libc::SOCK_STREAM)?;
        set_reuseaddr(&sock)?;
        sock.bind_all(addrs)?;
        sock.listen(libc::SOMAXCONN)?;
        Ok(SctpListener { sock })
    }

    /// The next association, and its peer's primary address. The new socket
    /// is close-on-exec.
    pub fn accept(&self) -> io::Result<(SctpStream, SocketAddr)> {
        // SAFETY: accept4 with no address buffer.
        let fd = sys::c_result(unsafe { libc::accept4(self.as_raw_fd(), std::ptr::null_mut(), std::ptr::null_mut(), libc::SOCK_CLOEXEC) })?;
        // SAFETY: a new descriptor, ours alone.
        let stream = SctpStream { sock: Socket::from(unsafe { OwnedFd::from_raw_fd(fd) }) };
        let peer = stream.peer_addr()?;
        Ok((stream, peer))
    }
}

impl Deref for SctpListener {
    type Target = Socket;
    fn deref(&self) -> &Socket {
        &self.sock
    }
}

/// SO_REUSEADDR, as a server wants (a restarted one can bind its port at
/// once).
pub(crate) fn set_reuseaddr(sock: &Socket) -> io::Result<()> {
    let one: libc::c_int = 1;
    // SAFETY: `one` is a readable int.
    sys::c_result(unsafe {
        libc::setsockopt(sock.as_raw_fd(), libc::SOL_SOCKET, libc::SO_REUSEADDR, &one as *const libc::c_int as *const libc::c_void,
                         std::mem::size_of::<libc::c_int>() as libc::socklen_t)
    }).map(drop)
}

macro_rules! fd_traits {
    ($($t:ident),*) => {$(
        impl AsFd for $t {
            fn as_fd(&self) -> BorrowedFd<'_> {
                self.sock.as_fd()
            }
        }
        impl AsRawFd for $t {
            fn as_raw_fd(&self) -> RawFd {
                self.sock.as_raw_fd()
            }
        }
        impl IntoRawFd for $t {
            fn into_raw_fd(self) -> RawFd {
                self.sock.into_raw_fd()
            }
        }
        impl From<OwnedFd> for $t {
            /// Take over a descriptor that is an SCTP socket of this style.
            fn from(fd: OwnedFd) -> $t {
                $t { sock: Socket::from(fd) }
            }
        }
        impl From<$t> for OwnedFd {
            fn from(s: $t) -> OwnedFd {
                s.sock.into()
            }
        }
    )*};
}
pub(crate) use fd_traits;
fd_traits!(SctpStream, SctpListener);
