//! [`Socket`]: what every SCTP socket can do, whatever its style.

use crate::addr::{self, Packed};
use crate::{sys, AssocId};
use libc::{c_int, c_void, sockaddr, sockaddr_storage, socklen_t};
use std::fmt;
use std::io;
use std::mem::size_of;
use std::net::SocketAddr;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};

/// The address family of a new socket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// AF_INET.
    V4,
    /// AF_INET6 (which also reaches IPv4 peers, as v4-mapped addresses,
    /// unless IPV6_V6ONLY is set).
    V6,
}

impl Family {
    /// The family of `addr`.
    pub fn of(addr: &SocketAddr) -> Family {
        if addr.is_ipv4() { Family::V4 } else { Family::V6 }
    }

    fn raw(self) -> c_int {
        match self {
            Family::V4 => libc::AF_INET,
            Family::V6 => libc::AF_INET6,
        }
    }
}

/// The error socket() gives when the kernel has no SCTP: EPROTONOSUPPORT,
/// with how to load it. Inside an `io::Error` of kind `Unsupported`.
#[derive(Debug)]
pub struct NoSctp;

impl fmt::Display for NoSctp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "this kernel has no SCTP (socket(IPPROTO_SCTP): EPROTONOSUPPORT): load it with `modprobe sctp` \
                   (Debian, Ubuntu: the module is in linux-modules-extra; Fedora: kernel-modules-extra)")
    }
}

impl std::error::Error for NoSctp {}

/// socket()'s error, EPROTONOSUPPORT explained as [`NoSctp`].
fn explain(e: io::Error) -> io::Error {
    if e.raw_os_error() == Some(libc::EPROTONOSUPPORT) {
        io::Error::new(io::ErrorKind::Unsupported, NoSctp)
    } else {
        e
    }
}

/// Whether this kernel has SCTP: a socket can be made. For a program or a
/// test suite to tell, before it relies on it.
pub fn sctp_available() -> bool {
    Socket::new(Family::V4, libc::SOCK_SEQPACKET).is_ok() || Socket::new(Family::V6, libc::SOCK_SEQPACKET).is_ok()
}


/// An SCTP socket of either style. [`SctpStream`](crate::SctpStream),
/// [`SctpListener`](crate::SctpListener) and
/// [`SctpEndpoint`](crate::SctpEndpoint) dereference to it, so its methods
/// (addresses, sending, receiving, options, notifications) are theirs.
#[derive(Debug)]
pub struct Socket {
    fd: OwnedFd,
}

impl Socket {
    /// socket(`family`, `ty` | SOCK_CLOEXEC, IPPROTO_SCTP), receiving
    /// SCTP_RCVINFO.
    pub(crate) fn new(family: Family, ty: c_int) -> io::Result<Socket> {
        // SAFETY: socket(2) takes no pointers.
        let fd = sys::c_result(unsafe { libc::socket(family.raw(), ty | libc::SOCK_CLOEXEC, sys::IPPROTO_SCTP) }).map_err(explain)?;
        // SAFETY: `fd` is a new descriptor that nothing else owns.
        let s = Socket { fd: unsafe { OwnedFd::from_raw_fd(fd) } };
        // Every socket this crate makes receives SCTP_RCVINFO: each message
        // comes with its RecvInfo.
        sys::setsockopt(s.fd(), sctp::uapi::SCTP_RECVRCVINFO, &(1 as c_int))?;
        Ok(s)
    }

    /// bind(2) to `addr`.
    pub(crate) fn bind(&self, addr: &SocketAddr) -> io::Result<()> {
        let (ss, len) = addr::to_sockaddr(addr);
        // SAFETY: `ss` holds `len` bytes of address.
        sys::c_result(unsafe { libc::bind(self.as_raw_fd(), &ss as *const sockaddr_storage as *const sockaddr, len) }).map(drop)
    }

    /// bind(2) to the first address, sctp_bindx to the others.
    pub(crate) fn bind_all(&self, addrs: &[SocketAddr]) -> io::Result<()> {
        let (first, rest) = addrs.split_first().ok_or_else(|| io::Error::from_raw_os_error(libc::EINVAL))?;
        self.bind(first)?;
        if !rest.is_empty() {
            self.bind_add(rest)?;
        }
        Ok(())
    }

    /// listen(2).
    pub(crate) fn listen(&self, backlog: c_int) -> io::Result<()> {
        // SAFETY: listen(2) takes no pointers.
        sys::c_result(unsafe { libc::listen(self.as_raw_fd(), backlog) }).map(drop)
    }

    /// connect(2) to `addr`.
    pub(crate) fn connect(&self, addr: &SocketAddr) -> io::Result<()> {
        let (ss, len) = addr::to_sockaddr(addr);
        // SAFETY: `ss` holds `len` bytes of address.
        sys::c_result(unsafe { libc::connect(self.as_raw_fd(), &ss as *const sockaddr_storage as *const sockaddr, len) }).map(drop)
    }

    /// sctp_connectx: one association to the peer at all of `addrs`.
    /// Returns its id, also when a non-blocking socket is still
    /// connecting (`Err` EINPROGRESS then, with the id lost: use
    /// [`connectx_nonblocking`](Socket::connectx_nonblocking)).
    pub(crate) fn connectx(&self, addrs: &[SocketAddr]) -> io::Result<AssocId> {
        match self.connectx_nonblocking(addrs)? {
            (id, true) => Ok(id),
            (_, false) => Err(io::Error::from_raw_os_error(libc::EINPROGRESS)),
        }
    }

    /// sctp_connectx that tells a finished connect (`true`) from one in
    /// progress on a non-blocking socket (`false`); the id is good in both.
    pub(crate) fn connectx_nonblocking(&self, addrs: &[SocketAddr]) -> io::Result<(AssocId, bool)> {
        let mut p = Packed::new(addrs)?;
        let mut id: AssocId = 0;
        // SAFETY: `p` holds `p.count()` packed addresses; `id` is writable.
        let r = unsafe { sctp::connectx::sctp_connectx(self.as_raw_fd(), p.as_ptr(), p.count(), &mut id) };
        match sys::c_result(r) {
            Ok(_) => Ok((id, true)),
            Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => Ok((id, false)),
            Err(e) => Err(e),
        }
    }

    /// Add local addresses to the bound socket (sctp_bindx
    /// SCTP_BINDX_ADD_ADDR): multi-homing. On an established association
    /// the kernel tells the peer (ASCONF) when `net.sctp.addip_enable` is on.
    pub fn bind_add(&self, addrs: &[SocketAddr]) -> io::Result<()> {
        self.bindx(addrs, 1)
    }

    /// Remove local addresses (sctp_bindx SCTP_BINDX_REM_ADDR).
    pub fn bind_remove(&self, addrs: &[SocketAddr]) -> io::Result<()> {
        self.bindx(addrs, 2)
    }

    fn bindx(&self, addrs: &[SocketAddr], flags: c_int) -> io::Result<()> {
        let mut p = Packed::new(addrs)?;
        // SAFETY: `p` holds `p.count()` packed addresses.
        sys::c_result(unsafe { sctp::bindx::sctp_bindx(self.as_raw_fd(), p.as_ptr(), p.count(), flags) }).map(drop)
    }

    /// The peer's addresses on association `assoc` (ignored on one-to-one
    /// sockets), all of them (sctp_getpaddrs).
    pub fn peer_addrs(&self, assoc: AssocId) -> io::Result<Vec<SocketAddr>> {
        self.addrs(assoc, sctp::addrs::sctp_getpaddrs)
    }

    /// The local addresses of association `assoc`, or of the socket for
    /// 0 (sctp_getladdrs).
    pub fn local_addrs(&self, assoc: AssocId) -> io::Result<Vec<SocketAddr>> {
        self.addrs(assoc, sctp::addrs::sctp_getladdrs)
    }

    fn addrs(&self, assoc: AssocId, get: unsafe extern "C" fn(c_int, AssocId, *mut *mut sockaddr) -> c_int) -> io::Result<Vec<SocketAddr>> {
        let mut p: *mut sockaddr = std::ptr::null_mut();
        // SAFETY: `p` is writable; on success it is an array of the
        // returned count of packed addresses, malloc'ed, ours to free.
        let n = sys::c_result(unsafe { get(self.as_raw_fd(), assoc, &mut p) })?;
        if p.is_null() {
            return Ok(Vec::new());
        }
        // SAFETY: `p` has `n` packed addresses: their length is what the
        // walk finds, and getaddrs allocated exactly that.
        let r = unsafe {
            let len = sctp::packed::walk_raw(p, n, |_| Ok(())).map_err(sys::io_error);
            len.and_then(|len| addr::unpack(std::slice::from_raw_parts(p as *const u8, len), n))
        };
        // SAFETY: `p` came from sctp_getpaddrs/getladdrs, freed once.
        unsafe { sctp::addrs::sctp_freepaddrs(p) };
        r
    }

    /// The address the socket is bound to (getsockname: one of them, when
    /// it has several; see [`local_addrs`](Socket::local_addrs)).
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.name(libc::getsockname)
    }

    /// The peer's primary address on a one-to-one socket (getpeername).
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.name(libc::getpeername)
    }

    fn name(&self, get: unsafe extern "C" fn(c_int, *mut sockaddr, *mut socklen_t) -> c_int) -> io::Result<SocketAddr> {
        // SAFETY: integers only; all-zero is a value.
        let mut ss: sockaddr_storage = unsafe { std::mem::zeroed() };
        let mut len = size_of::<sockaddr_storage>() as socklen_t;
        // SAFETY: `ss` has `len` writable bytes.
        sys::c_result(unsafe { get(self.as_raw_fd(), &mut ss as *mut sockaddr_storage as *mut sockaddr, &mut len) })?;
        addr::from_storage(&ss, len).ok_or_else(|| io::Error::from_raw_os_error(libc::EAFNOSUPPORT))
    }

    /// Make the socket non-blocking (or blocking again).
    pub fn set_nonblocking(&self, on: bool) -> io::Result<()> {
        // SAFETY: fcntl(F_GETFL/F_SETFL) takes no pointers.
        let fl = sys::c_result(unsafe { libc::fcntl(self.as_raw_fd(), libc::F_GETFL) })?;
        let fl = if on { fl | libc::O_NONBLOCK } else { fl & !libc::O_NONBLOCK };
        // SAFETY: as above.
        sys::c_result(unsafe { libc::fcntl(self.as_raw_fd(), libc::F_SETFL, fl) }).map(drop)
    }

    /// The pending socket error (SO_ERROR), cleared by reading it: how a
    /// non-blocking connect ended.
    pub fn take_error(&self) -> io::Result<Option<io::Error>> {
        let mut err: c_int = 0;
        let mut len = size_of::<c_int>() as socklen_t;
        // SAFETY: `err` is a writable int of `len` bytes.
        sys::c_result(unsafe {
            libc::getsockopt(self.as_raw_fd(), libc::SOL_SOCKET, libc::SO_ERROR, &mut err as *mut c_int as *mut c_void, &mut len)
        })?;
        Ok((err != 0).then(|| io::Error::from_raw_os_error(err)))
    }

    /// The descriptor, borrowed.
    pub(crate) fn fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

impl AsFd for Socket {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

impl AsRawFd for Socket {
    fn as_raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }
}

impl IntoRawFd for Socket {
    fn into_raw_fd(self) -> RawFd {
        self.fd.into_raw_fd()
    }
}

impl From<OwnedFd> for Socket {
    fn from(fd: OwnedFd) -> Socket {
        Socket { fd }
    }
}

impl From<Socket> for OwnedFd {
    fn from(s: Socket) -> OwnedFd {
        s.fd
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kernel_without_sctp_is_explained() {
        let e = explain(io::Error::from_raw_os_error(libc::EPROTONOSUPPORT));
        assert_eq!(e.kind(), io::ErrorKind::Unsupported);
        assert!(e.get_ref().is_some_and(|i| i.is::<NoSctp>()));
        assert!(e.to_string().contains("modprobe sctp"), "{e}");
        let other = explain(io::Error::from_raw_os_error(libc::EMFILE));
        assert_eq!(other.raw_os_error(), Some(libc::EMFILE), "other errors are the kernel's as they are");
        assert!(sctp_available(), "the tests run on a kernel with SCTP");
    }
}
