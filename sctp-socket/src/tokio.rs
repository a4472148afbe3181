//! Async SCTP on tokio (the crate's `tokio` feature): [`SctpStream`],
//! [`SctpListener`] and [`SctpEndpoint`], the blocking types' counterparts,
//! on non-blocking sockets registered with tokio's reactor
//! ([`AsyncFd`]).
//!
//! ```no_run
//! # async fn f() -> std::io::Result<()> {
//! use sctp_socket::tokio::{SctpEndpoint, SctpStream};
//! use sctp_socket::{Recv, SendInfo};
//!
//! let server = SctpEndpoint::bind("127.0.0.1:9877".parse().unwrap())?;
//! let client = SctpStream::connect("127.0.0.1:9877".parse().unwrap()).await?;
//! client.send(b"hello", &SendInfo::new().stream(1)).await?;
//! let mut buf = [0u8; 1024];
//! if let Recv::Data(m) = server.recv(&mut buf).await? {
//!     let info = m.info().unwrap();
//!     server.send(m.data, &SendInfo::new().stream(info.stream).assoc(info.assoc_id)).await?;
//! }
//! # Ok(()) }
//! ```
//!
//! Each operation that can wait comes three ways: an `async fn`
//! (`recv`), a `poll_` method for hand-written futures (`poll_recv`), and
//! a `try_` method that makes one non-blocking attempt and says
//! `WouldBlock` when it would wait (`try_recv`, usually after
//! [`readable`](SctpStream::readable)). All the futures are `Send`.
//!
//! The types dereference to [`Socket`], for addresses and options. Its
//! sending and receiving methods, reached that way, see a non-blocking
//! socket (`WouldBlock` where they would wait): use this module's.
//!
//! Every constructor registers the socket with the current runtime's
//! reactor, so it must run within a tokio runtime that has IO enabled
//! (it panics otherwise, as tokio's own sockets do).
//!
//! # Cancel safety
//!
//! Dropping a future before it completes (in a `tokio::select!`, a
//! timeout) loses nothing, except where said:
//!
//! | method | cancel-safe |
//! |---|---|
//! | `recv`, `accept`, `readable`, `writable` | yes: the system call that takes the data or the association is made in the poll that completes the future |
//! | `send`, `send_to` | yes: a message is sent whole in the poll that completes, or not at all |
//! | `recv_message` | yes: the parts of a message already read stay with the socket, and the next `recv_message` goes on with that message. A `recv` (or `AsyncRead` read) in between drops them and reads on from where the kernel is: the rest of that message |
//! | `connect`, `connectx`, `connectx_from` (stream) | dropping the future closes the socket, so the association being set up is aborted |
//! | `SctpEndpoint::connectx` | completes in its first poll |

use crate::recv::{Raw, Reassembly};
use crate::send::{SendFlags, SendInfo};
use crate::socket::{Family, Socket};
use crate::{sys, AssocId, Recv};
use ::tokio::io::unix::AsyncFd;
use ::tokio::io::{AsyncRead, AsyncWrite, Interest, ReadBuf};
use std::fmt;
use std::io::{self, IoSlice};
use std::net::SocketAddr;
use std::ops::Deref;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{ready, Context, Poll};

/// A non-blocking socket registered with the reactor, with what
/// `recv_message` keeps between polls: what every type here is made of.
struct Io {
    fd: AsyncFd<Socket>,
    /// The parts of a message that a `recv_message` read before its future
    /// was dropped.
    partial: Mutex<Reassembly>,
    /// Whether `partial` holds any: a `recv` checks this flag, not the lock.
    kept: AtomicBool,
}

impl fmt::Debug for Io {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Io").field("fd", self.fd.get_ref()).finish()
    }
}

impl Io {
    /// Make `sock` non-blocking and register it.
    fn new(sock: Socket) -> io::Result<Io> {
        sock.set_nonblocking(true)?;
        // SAFETY: the Socket owns its descriptor (an OwnedFd, closed only
        // when the Socket drops) and never changes it, so as_raw_fd gives
        // the same open descriptor for as long as the AsyncFd holds it; Io
        // never hands out the Socket mutably.
        let fd = unsafe { AsyncFd::register(sock) }?;
        Ok(Io { fd, partial: Mutex::new(Reassembly::default()), kept: AtomicBool::new(false) })
    }

    fn sock(&self) -> &Socket {
        self.fd.get_ref()
    }

    /// Deregister, and make the socket blocking again.
    fn into_socket(self) -> io::Result<Socket> {
        let sock = self.fd.into_inner();
        sock.set_nonblocking(false)?;
        Ok(sock)
    }

    /// `f` once the socket is ready for `interest` (READABLE or
    /// WRITABLE), again each time it says WouldBlock.
    fn poll_io<R>(&self, cx: &mut Context<'_>, interest: Interest, mut f: impl FnMut(&Socket) -> io::Result<R>) -> Poll<io::Result<R>> {
        loop {
            let mut guard = if interest.is_readable() { ready!(self.fd.poll_read_ready(cx))? } else { ready!(self.fd.poll_write_ready(cx))? };
            if let Ok(r) = guard.try_io(|fd| f(fd.get_ref())) {
                return Poll::Ready(r);
            }
        }
    }

    /// A `recv`: the parts a cancelled `recv_message` kept are dropped
    /// first (this module's doc says why).
    fn drop_kept(&self) {
        if self.kept.load(Ordering::Relaxed) {
            *self.partial.lock().unwrap_or_else(PoisonError::into_inner) = Reassembly::default();
            self.kept.store(false, Ordering::Relaxed);
        }
    }

    async fn recv<'b>(&self, buf: &'b mut [u8]) -> io::Result<Recv<&'b [u8]>> {
        self.drop_kept();
        let raw = self.fd.async_io(Interest::READABLE, |s| s.recv_raw(buf, 0)).await?;
        raw.into_recv(buf)
    }

    fn poll_recv_raw(&self, cx: &mut Context<'_>, buf: &mut [u8]) -> Poll<io::Result<Raw>> {
        self.drop_kept();
        self.poll_io(cx, Interest::READABLE, |s| s.recv_raw(buf, 0))
    }

    fn poll_recv<'b>(&self, cx: &mut Context<'_>, buf: &'b mut [u8]) -> Poll<io::Result<Recv<&'b [u8]>>> {
        let raw = ready!(self.poll_recv_raw(cx, buf))?;
        Poll::Ready(raw.into_recv(buf))
    }

    fn try_recv<'b>(&self, buf: &'b mut [u8]) -> io::Result<Recv<&'b [u8]>> {
        self.drop_kept();
        self.fd.try_io(Interest::READABLE, |s| s.recv_raw(buf, 0))?.into_recv(buf)
    }

    /// One more part of the message being reassembled, the socket being
    /// ready: `Some` with the message once it is whole (or an error),
    /// `None` to poll again (for the next part, or for readiness if it was
    /// not there yet).
    fn message_part(&self, read: impl FnOnce(&mut Reassembly) -> Result<io::Result<Option<Recv<Vec<u8>>>>, ()>) -> Option<io::Result<Recv<Vec<u8>>>> {
        let mut partial = self.partial.lock().unwrap_or_else(PoisonError::into_inner);
        let r = read(&mut partial);
        self.kept.store(!partial.is_empty(), Ordering::Relaxed);
        match r {
            Ok(Ok(Some(m))) => Some(Ok(m)),
            Ok(Err(e)) => Some(Err(e)),
            Ok(Ok(None)) | Err(()) => None,
        }
    }

    async fn recv_message(&self) -> io::Result<Recv<Vec<u8>>> {
        loop {
            let mut guard = self.fd.readable().await?;
            let part = self.message_part(|p| guard.try_io(|fd| p.read_part(fd.get_ref())).map_err(drop));
            if let Some(r) = part {
                return r;
            }
        }
    }

    fn poll_recv_message(&self, cx: &mut Context<'_>) -> Poll<io::Result<Recv<Vec<u8>>>> {
        loop {
            let mut guard = ready!(self.fd.poll_read_ready(cx))?;
            let part = self.message_part(|p| guard.try_io(|fd| p.read_part(fd.get_ref())).map_err(drop));
            if let Some(r) = part {
                return Poll::Ready(r);
            }
        }
    }

    fn try_recv_message(&self) -> io::Result<Recv<Vec<u8>>> {
        loop {
            let part = self.message_part(|p| Ok(self.fd.try_io(Interest::READABLE, |s| p.read_part(s))));
            if let Some(r) = part {
                return r;
            }
        }
    }

    async fn send(&self, data: &[u8], info: &SendInfo) -> io::Result<usize> {
        self.fd.async_io(Interest::WRITABLE, |s| s.send(data, info)).await
    }

    async fn send_to(&self, data: &[u8], to: &[SocketAddr], info: &SendInfo) -> io::Result<usize> {
        self.fd.async_io(Interest::WRITABLE, |s| s.send_to(data, to, info)).await
    }

    async fn readable(&self) -> io::Result<()> {
        self.fd.readable().await.map(drop)
    }

    async fn writable(&self) -> io::Result<()> {
        self.fd.writable().await.map(drop)
    }

    fn poll_read(&self, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        // No room: nothing to read (a receive into nothing would be
        // truncated, and say so).
        if buf.remaining() == 0 {
            return Poll::Ready(Ok(()));
        }
        let dst = buf.initialize_unfilled();
        let n = loop {
            let raw = ready!(self.poll_recv_raw(cx, dst))?;
            match raw.into_recv(dst)? {
                Recv::Data(m) => break m.data.len(),
                Recv::Notification(_) => continue,
            }
        };
        buf.advance(n);
        Poll::Ready(Ok(()))
    }
}

/// shutdown(SHUT_WR) of a one-to-one socket: the association's graceful
/// shutdown (SCTP has no half-close: neither side sends after it, and the
/// peer reads the end of the stream once it has read what was sent).
fn shutdown(sock: &Socket) -> io::Result<()> {
    // SAFETY: shutdown(2) takes no pointers.
    sys::c_result(unsafe { libc::shutdown(sock.as_raw_fd(), libc::SHUT_WR) }).map(drop)
}

/// The sending methods of a type with an `io` field (its `Io`, or an
/// `Arc` of it): [`SctpStream`], [`SctpEndpoint`] and [`OwnedWriteHalf`].
macro_rules! send_methods {
    () => {
        /// Send one message (its whole `data`, or nothing), with `info`
        /// (stream, PPID, flags, association...), once the socket has room.
        /// Returns the bytes sent.
        ///
        /// Cancel-safe: the message is sent whole in the poll that
        /// completes the future, or not at all.
        pub async fn send(&self, data: &[u8], info: &SendInfo) -> io::Result<usize> {
            self.io.send(data, info).await
        }

        /// [`send`](Self::send) as a poll: `Pending` (and `cx` woken
        /// later) while the socket has no room.
        pub fn poll_send(&self, cx: &mut Context<'_>, data: &[u8], info: &SendInfo) -> Poll<io::Result<usize>> {
            self.io.poll_io(cx, Interest::WRITABLE, |s| s.send(data, info))
        }

        /// [`send`](Self::send), once: `WouldBlock` if the socket has no
        /// room now.
        pub fn try_send(&self, data: &[u8], info: &SendInfo) -> io::Result<usize> {
            self.io.fd.try_io(Interest::WRITABLE, |s| s.send(data, info))
        }

        /// Send one message to `to` (see [`Socket::send_to`]: the first
        /// address is the destination, the others more addresses of the
        /// same peer for an association this send sets up).
        ///
        /// Cancel-safe, as [`send`](Self::send).
        pub async fn send_to(&self, data: &[u8], to: &[SocketAddr], info: &SendInfo) -> io::Result<usize> {
            self.io.send_to(data, to, info).await
        }

        /// [`send_to`](Self::send_to) as a poll.
        pub fn poll_send_to(&self, cx: &mut Context<'_>, data: &[u8], to: &[SocketAddr], info: &SendInfo) -> Poll<io::Result<usize>> {
            self.io.poll_io(cx, Interest::WRITABLE, |s| s.send_to(data, to, info))
        }

        /// [`send_to`](Self::send_to), once: `WouldBlock` if the socket has
        /// no room now.
        pub fn try_send_to(&self, data: &[u8], to: &[SocketAddr], info: &SendInfo) -> io::Result<usize> {
            self.io.fd.try_io(Interest::WRITABLE, |s| s.send_to(data, to, info))
        }

        /// Wait until the socket has room to send. Cancel-safe.
        pub async fn writable(&self) -> io::Result<()> {
            self.io.writable().await
        }

        /// Poll for room to send (only the last `cx` given is woken).
        pub fn poll_write_ready(&self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            self.io.fd.poll_write_ready(cx).map_ok(drop)
        }
    };
}

/// The receiving methods of a type with an `io` field: [`SctpStream`],
/// [`SctpEndpoint`] and [`OwnedReadHalf`]. `$what` names the socket in
/// the docs.
macro_rules! recv_methods {
    ($what:literal) => {
        #[doc = concat!("Receive one message on ", $what, ", or as much of it as `buf` holds, or a")]
        /// notification, into `buf` (no copy: the data is a slice of it),
        /// as [`Socket::recv`] does once there is one.
        ///
        /// Cancel-safe: if the future is dropped before it completes, no
        /// message was taken; it waits for the next receive.
        pub async fn recv<'b>(&self, buf: &'b mut [u8]) -> io::Result<Recv<&'b [u8]>> {
            self.io.recv(buf).await
        }

        /// [`recv`](Self::recv) as a poll: `Pending` (and `cx` woken
        /// later) until a message is there.
        pub fn poll_recv<'b>(&self, cx: &mut Context<'_>, buf: &'b mut [u8]) -> Poll<io::Result<Recv<&'b [u8]>>> {
            self.io.poll_recv(cx, buf)
        }

        /// [`recv`](Self::recv), once: `WouldBlock` if no message is there
        /// (or the reactor has not said so yet: wait with
        /// [`readable`](Self::readable) first).
        pub fn try_recv<'b>(&self, buf: &'b mut [u8]) -> io::Result<Recv<&'b [u8]>> {
            self.io.try_recv(buf)
        }

        /// Receive one whole message (or notification), reassembled from as
        /// many reads as it takes, into a new `Vec` (as
        /// [`Socket::recv_message`]).
        ///
        /// Cancel-safe: the parts of a message read before the future was
        /// dropped stay with the socket, and the next `recv_message` (or
        /// `poll_recv_message`, `try_recv_message`) returns the message with
        /// them. A [`recv`](Self::recv) in between drops them.
        pub async fn recv_message(&self) -> io::Result<Recv<Vec<u8>>> {
            self.io.recv_message().await
        }

        /// [`recv_message`](Self::recv_message) as a poll.
        pub fn poll_recv_message(&self, cx: &mut Context<'_>) -> Poll<io::Result<Recv<Vec<u8>>>> {
            self.io.poll_recv_message(cx)
        }

        /// [`recv_message`](Self::recv_message) without waiting: the parts
        /// there are now; `WouldBlock` if the message is not whole yet (the
        /// parts read are kept for the next call).
        pub fn try_recv_message(&self) -> io::Result<Recv<Vec<u8>>> {
            self.io.try_recv_message()
        }

        /// Wait until the socket is readable (a message, a notification or
        /// the end of the association is there). Cancel-safe.
        pub async fn readable(&self) -> io::Result<()> {
            self.io.readable().await
        }

        /// Poll for readability (only the last `cx` given is woken).
        pub fn poll_read_ready(&self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            self.io.fd.poll_read_ready(cx).map_ok(drop)
        }

    };
}

/// Both, for the types that carry messages both ways.
macro_rules! message_methods {
    ($what:literal) => {
        send_methods!();
        recv_methods!($what);
    };
}

/// The traits of a type with an `io` field: `Deref` to [`Socket`], and the
/// descriptor's.
macro_rules! socket_traits {
    ($t:ty) => {
        impl Deref for $t {
            type Target = Socket;
            fn deref(&self) -> &Socket {
                self.io.sock()
            }
        }
        impl AsFd for $t {
            fn as_fd(&self) -> BorrowedFd<'_> {
                self.io.sock().as_fd()
            }
        }
        impl AsRawFd for $t {
            fn as_raw_fd(&self) -> RawFd {
                self.io.sock().as_raw_fd()
            }
        }
    };
}

/// A one-to-one SCTP socket with its association, async: what
/// [`connect`](SctpStream::connect) makes, what [`SctpListener::accept`]
/// and [`SctpEndpoint::peeloff`] return. The async
/// [`SctpStream`](crate::SctpStream).
///
/// [`AsyncRead`] and [`AsyncWrite`] move message bytes as TCP programs
/// expect (each write one message on stream 0; a read the next message's
/// bytes, notifications skipped; `AsyncWriteExt::shutdown` the
/// association's graceful shutdown); [`send`](SctpStream::send) and
/// [`recv`](SctpStream::recv) add streams, PPIDs and boundaries.
/// [`into_split`](SctpStream::into_split) gives halves for two tasks.
#[derive(Debug)]
pub struct SctpStream {
    io: Io,
}

impl SctpStream {
    /// Connect to `addr`: the association is up when this returns, or the
    /// error is the kernel's (SO_ERROR): ECONNREFUSED when the peer aborts
    /// the setup (nothing listens there), ETIMEDOUT when the INIT
    /// retransmissions run out.
    ///
    /// Dropping the future closes the socket, aborting the setup.
    pub async fn connect(addr: SocketAddr) -> io::Result<SctpStream> {
        let sock = Socket::new(Family::of(&addr), libc::SOCK_STREAM | libc::SOCK_NONBLOCK)?;
        let started = sock.connect(&addr).map(|()| true);
        SctpStream::connected(sock, started).await
    }

    /// Connect to one peer at all of `addrs` (sctp_connectx), as
    /// [`connect`](SctpStream::connect) does to one.
    pub async fn connectx(addrs: &[SocketAddr]) -> io::Result<SctpStream> {
        let first = addrs.first().ok_or_else(|| io::Error::from_raw_os_error(libc::EINVAL))?;
        let sock = Socket::new(Family::of(first), libc::SOCK_STREAM | libc::SOCK_NONBLOCK)?;
        let started = sock.connectx_nonblocking(addrs).map(|(_, done)| done);
        SctpStream::connected(sock, started).await
    }

    /// Bind to all of `local` first (multi-homing), then
    /// [`connectx`](SctpStream::connectx) to `remote`.
    pub async fn connectx_from(local: &[SocketAddr], remote: &[SocketAddr]) -> io::Result<SctpStream> {
        let first = local.first().ok_or_else(|| io::Error::from_raw_os_error(libc::EINVAL))?;
        let sock = Socket::new(Family::of(first), libc::SOCK_STREAM | libc::SOCK_NONBLOCK)?;
        sock.bind_all(local)?;
        let started = sock.connectx_nonblocking(remote).map(|(_, done)| done);
        SctpStream::connected(sock, started).await
    }

    /// The end of a non-blocking connect that `started` (true: already
    /// done): the kernel wakes the socket writable when the association is
    /// up, or with SO_ERROR set when its setup failed.
    async fn connected(sock: Socket, started: io::Result<bool>) -> io::Result<SctpStream> {
        let done = match started {
            Ok(done) => done,
            Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => false,
            Err(e) => return Err(e),
        };
        let io = Io::new(sock)?;
        if !done {
            // Writable stays set: the first send need not wait for it.
            io.fd.ready(Interest::WRITABLE | Interest::ERROR).await?.retain_ready();
            if let Some(e) = io.sock().take_error()? {
                return Err(e);
            }
            // Woken with no error and no association (it went as it
            // came): getpeername's ENOTCONN.
            io.sock().peer_addr()?;
        }
        Ok(SctpStream { io })
    }

    /// Take over a blocking [`SctpStream`](crate::SctpStream): it is made
    /// non-blocking and registered with the current runtime.
    pub fn from_std(stream: crate::SctpStream) -> io::Result<SctpStream> {
        Ok(SctpStream { io: Io::new(Socket::from(OwnedFd::from(stream)))? })
    }

    /// The blocking [`SctpStream`](crate::SctpStream) again (deregistered,
    /// blocking). Parts of a message a cancelled `recv_message` kept are
    /// dropped.
    pub fn into_std(self) -> io::Result<crate::SctpStream> {
        Ok(crate::SctpStream::from(OwnedFd::from(self.io.into_socket()?)))
    }

    message_methods!("the association");

    /// Abort the association at once, `cause` as the user-initiated abort's
    /// reason.
    pub fn abort(&self, cause: &[u8]) -> io::Result<()> {
        self.io.sock().send(cause, &SendInfo::new().flags(SendFlags::ABORT)).map(drop)
    }

    /// Split into a receiving and a sending half, each its own owner of the
    /// socket (an `Arc`), for two tasks. [`OwnedReadHalf::reunite`] puts
    /// them back together.
    pub fn into_split(self) -> (OwnedReadHalf, OwnedWriteHalf) {
        let io = Arc::new(self.io);
        (OwnedReadHalf { io: io.clone() }, OwnedWriteHalf { io })
    }
}

socket_traits!(SctpStream);

/// [`AsyncRead`] and [`AsyncWrite`] of a stream and its halves: message
/// bytes as TCP programs expect them.
macro_rules! async_read {
    ($t:ty) => {
        impl AsyncRead for $t {
            /// The next message's bytes, as many as fit (the rest on the
            /// next reads); notifications are skipped; nothing read is the
            /// end of the association.
            fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
                self.io.poll_read(cx, buf)
            }
        }
    };
}

macro_rules! async_write {
    ($t:ty) => {
        impl AsyncWrite for $t {
            /// One message of `buf`, on stream 0, with the socket's default
            /// send information.
            fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
                self.io.poll_io(cx, Interest::WRITABLE, |s| s.send(buf, &SendInfo::new()))
            }
            fn poll_write_vectored(self: Pin<&mut Self>, cx: &mut Context<'_>, bufs: &[IoSlice<'_>]) -> Poll<io::Result<usize>> {
                self.io.poll_io(cx, Interest::WRITABLE, |s| s.send_vectored(bufs, &SendInfo::new()))
            }
            fn is_write_vectored(&self) -> bool {
                true
            }
            /// Nothing to do: each write was sent.
            fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
                Poll::Ready(Ok(()))
            }
            /// shutdown(SHUT_WR): the association's graceful shutdown (see
            /// [`SctpStream::shutdown`](crate::SctpStream::shutdown)): both
            /// directions end.
            fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
                Poll::Ready(shutdown(self.io.sock()))
            }
        }
    };
}

async_read!(SctpStream);
async_write!(SctpStream);

/// The receiving half of an [`SctpStream`], from
/// [`into_split`](SctpStream::into_split).
#[derive(Debug)]
pub struct OwnedReadHalf {
    io: Arc<Io>,
}

/// The sending half of an [`SctpStream`], from
/// [`into_split`](SctpStream::into_split). Dropping it does not shut the
/// association down (SCTP has no half-close: that would end both
/// directions); [`AsyncWrite::poll_shutdown`] does.
#[derive(Debug)]
pub struct OwnedWriteHalf {
    io: Arc<Io>,
}

/// The halves given to [`OwnedReadHalf::reunite`] were not of one stream;
/// here they are back.
#[derive(Debug)]
pub struct ReuniteError(pub OwnedReadHalf, pub OwnedWriteHalf);

impl fmt::Display for ReuniteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the halves are not of the same SctpStream")
    }
}

impl std::error::Error for ReuniteError {}

impl OwnedReadHalf {
    /// The stream again, from its two halves.
    pub fn reunite(self, other: OwnedWriteHalf) -> Result<SctpStream, ReuniteError> {
        if !Arc::ptr_eq(&self.io, &other.io) {
            return Err(ReuniteError(self, other));
        }
        drop(other);
        match Arc::try_unwrap(self.io) {
            Ok(io) => Ok(SctpStream { io }),
            // Only the two halves own it, and the other is gone.
            Err(io) => Err(ReuniteError(OwnedReadHalf { io: io.clone() }, OwnedWriteHalf { io })),
        }
    }

    recv_methods!("the stream");
}

impl OwnedWriteHalf {
    send_methods!();
}

socket_traits!(OwnedReadHalf);
socket_traits!(OwnedWriteHalf);

async_read!(OwnedReadHalf);
async_write!(OwnedWriteHalf);

/// A one-to-one listening socket, async: [`accept`](SctpListener::accept)
/// gives an [`SctpStream`] per association. The async
/// [`SctpListener`](crate::SctpListener).
#[derive(Debug)]
pub struct SctpListener {
    io: Io,
}

/// accept4(2) of one association, non-blocking and close-on-exec.
fn accept_now(listener: &Socket) -> io::Result<Socket> {
    // SAFETY: accept4 with no address buffer.
    let fd = sys::c_result(unsafe {
        libc::accept4(listener.as_raw_fd(), std::ptr::null_mut(), std::ptr::null_mut(), libc::SOCK_CLOEXEC | libc::SOCK_NONBLOCK)
    })?;
    // SAFETY: a new descriptor, ours alone.
    Ok(Socket::from(unsafe { OwnedFd::from_raw_fd(fd) }))
}

/// An accepted socket registered, and its peer's primary address.
fn accepted(sock: Socket) -> io::Result<(SctpStream, SocketAddr)> {
    let stream = SctpStream { io: Io::new(sock)? };
    let peer = stream.peer_addr()?;
    Ok((stream, peer))
}

impl SctpListener {
    /// Bind to `addr` and listen (port 0 picks one).
    pub fn bind(addr: SocketAddr) -> io::Result<SctpListener> {
        SctpListener::from_std(crate::SctpListener::bind(addr)?)
    }

    /// Bind to all of `addrs` (a multi-homed server) and listen.
    pub fn bind_multi(addrs: &[SocketAddr]) -> io::Result<SctpListener> {
        SctpListener::from_std(crate::SctpListener::bind_multi(addrs)?)
    }

    /// Take over a blocking [`SctpListener`](crate::SctpListener), made
    /// non-blocking and registered with the current runtime.
    pub fn from_std(listener: crate::SctpListener) -> io::Result<SctpListener> {
        Ok(SctpListener { io: Io::new(Socket::from(OwnedFd::from(listener)))? })
    }

    /// The blocking [`SctpListener`](crate::SctpListener) again.
    pub fn into_std(self) -> io::Result<crate::SctpListener> {
        Ok(crate::SctpListener::from(OwnedFd::from(self.io.into_socket()?)))
    }

    /// The next association, and its peer's primary address.
    ///
    /// Cancel-safe: an association is taken only in the poll that
    /// completes the future.
    pub async fn accept(&self) -> io::Result<(SctpStream, SocketAddr)> {
        accepted(self.io.fd.async_io(Interest::READABLE, accept_now).await?)
    }

    /// [`accept`](Self::accept) as a poll.
    pub fn poll_accept(&self, cx: &mut Context<'_>) -> Poll<io::Result<(SctpStream, SocketAddr)>> {
        let sock = ready!(self.io.poll_io(cx, Interest::READABLE, accept_now))?;
        Poll::Ready(accepted(sock))
    }

    /// [`accept`](Self::accept), once: `WouldBlock` if no association is
    /// waiting.
    pub fn try_accept(&self) -> io::Result<(SctpStream, SocketAddr)> {
        accepted(self.io.fd.try_io(Interest::READABLE, accept_now)?)
    }
}

socket_traits!(SctpListener);

/// A one-to-many SCTP socket, async: associations from and to any number
/// of peers on one socket, each receive saying which it came on. The async
/// [`SctpEndpoint`](crate::SctpEndpoint).
#[derive(Debug)]
pub struct SctpEndpoint {
    io: Io,
}

impl SctpEndpoint {
    /// An endpoint that accepts associations at `addr` (bound and
    /// listening; port 0 picks one).
    pub fn bind(addr: SocketAddr) -> io::Result<SctpEndpoint> {
        SctpEndpoint::from_std(crate::SctpEndpoint::bind(addr)?)
    }

    /// An endpoint at all of `addrs` (multi-homed), accepting associations.
    pub fn bind_multi(addrs: &[SocketAddr]) -> io::Result<SctpEndpoint> {
        SctpEndpoint::from_std(crate::SctpEndpoint::bind_multi(addrs)?)
    }

    /// An endpoint that only sets associations up (a client).
    pub fn new(family: Family) -> io::Result<SctpEndpoint> {
        SctpEndpoint::from_std(crate::SctpEndpoint::new(family)?)
    }

    /// Take over a blocking [`SctpEndpoint`](crate::SctpEndpoint), made
    /// non-blocking and registered with the current runtime.
    pub fn from_std(endpoint: crate::SctpEndpoint) -> io::Result<SctpEndpoint> {
        Ok(SctpEndpoint { io: Io::new(Socket::from(OwnedFd::from(endpoint)))? })
    }

    /// The blocking [`SctpEndpoint`](crate::SctpEndpoint) again.
    pub fn into_std(self) -> io::Result<crate::SctpEndpoint> {
        Ok(crate::SctpEndpoint::from(OwnedFd::from(self.io.into_socket()?)))
    }

    /// Start an association to the peer at all of `addrs` (sctp_connectx)
    /// and return its id, without waiting for it to come up: it completes
    /// in its first poll.
    ///
    /// A one-to-many socket's readiness says nothing about one of its
    /// associations (it is writable while the association is still being
    /// set up, and the kernel wakes it for an association only through
    /// notifications), so there is nothing to wait on. The id is good at
    /// once: messages sent on it wait in the send queue until the
    /// association is up. To know when it is, or that it failed, subscribe
    /// to association changes and [`recv`](Self::recv) the COMM_UP or
    /// CANT_STR_ASSOC notification; sends on an association that failed
    /// fail (EPIPE or EINVAL, the id being gone).
    pub async fn connectx(&self, addrs: &[SocketAddr]) -> io::Result<AssocId> {
        self.io.sock().connectx_nonblocking(addrs).map(|(id, _)| id)
    }

    /// Branch association `id` off into an async one-to-one
    /// [`SctpStream`] (sctp_peeloff, non-blocking, close-on-exec),
    /// registered with the current runtime.
    pub fn peeloff(&self, id: AssocId) -> io::Result<SctpStream> {
        let flags = libc::SOCK_CLOEXEC | libc::SOCK_NONBLOCK;
        let fd = sys::c_result(sctp::peeloff::sctp_peeloff_flags(self.as_raw_fd(), id, flags as libc::c_uint))?;
        // SAFETY: a new descriptor, ours alone.
        let sock = Socket::from(unsafe { OwnedFd::from_raw_fd(fd) });
        Ok(SctpStream { io: Io::new(sock)? })
    }

    message_methods!("any association");
}

socket_traits!(SctpEndpoint);


#[cfg(test)]
mod tests {
    use super::*;

    /// A message bigger than the receive buffer comes in parts, with waits
    /// between them: a `recv_message` dropped at each wait keeps what it
    /// read, and the next one returns the whole message.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn recv_message_dropped_between_parts_keeps_them() {
        let listener = SctpListener::bind("127.0.0.1:0".parse().unwrap()).unwrap();
        // A small receive buffer (the accepted socket's, and so the
        // association's window): the message cannot be there whole.
        let small: libc::c_int = 16 * 1024;
        // SAFETY: `small` is a readable int of the length passed.
        sys::c_result(unsafe {
            libc::setsockopt(listener.as_raw_fd(), libc::SOL_SOCKET, libc::SO_RCVBUF, &small as *const libc::c_int as *const libc::c_void,
                             std::mem::size_of::<libc::c_int>() as libc::socklen_t)
        }).unwrap();
        let at = listener.local_addr().unwrap();
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let sent = big.clone();
        let sender = std::thread::spawn(move || {
            let s = crate::SctpStream::connect(at).unwrap();
            // Room for the message in the send buffer: the kernel refuses a
            // bigger one (EMSGSIZE), and its default is less on a smaller
            // machine (Debian's i386 kernel in QEMU).
            let room = sent.len() as libc::c_int;
            // SAFETY: `room` is a readable int of the length passed.
            sys::c_result(unsafe {
                libc::setsockopt(s.as_raw_fd(), libc::SOL_SOCKET, libc::SO_SNDBUF, &room as *const libc::c_int as *const libc::c_void,
                                 std::mem::size_of::<libc::c_int>() as libc::socklen_t)
            }).unwrap();
            s.send(&sent, &SendInfo::new().stream(3)).unwrap();
            s.send(b"after", &SendInfo::new()).unwrap();
            // Until the receiver is done: its end of the association.
            let _ = s.recv(&mut [0u8; 16]);
        });
        let (conn, _) = listener.accept().await.unwrap();
        let (mut polls, mut dropped_mid_message) = (0, 0);
        let m = loop {
            polls += 1;
            ::tokio::select! {
                biased;
                r = conn.recv_message() => break r.unwrap(),
                _ = ::tokio::time::sleep(std::time::Duration::from_millis(1)) => dropped_mid_message += conn.io.kept.load(Ordering::Relaxed) as u32,
            }
        };
        let Recv::Data(m) = m else { panic!("a notification") };
        assert_eq!(m.data.len(), big.len());
        assert!(m.data == big, "the parts in order");
        assert_eq!(m.info().unwrap().stream, 3);
        let Recv::Data(after) = conn.recv_message().await.unwrap() else { panic!("a notification") };
        assert_eq!(after.data, b"after");
        drop(conn);
        sender.join().unwrap();
        println!("{polls} polls, {dropped_mid_message} futures dropped with parts kept");
        assert!(dropped_mid_message > 0, "no future was dropped between two parts");
    }
}
