//! [`Socket`]: what every SCTP socket can do, whatever its style.

use crate::sys;
use libc::c_int;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};

/// An SCTP socket of either style. [`SctpStream`](crate),
/// [`SctpListener`](crate) and
/// [`SctpEndpoint`](crate) dereference to it, so its methods
/// (addresses, sending, receiving, options, notifications) are theirs.
#[derive(Debug)]
pub struct Socket {
    fd: OwnedFd,
}

impl Socket {
    /// socket(`family`, `ty` | SOCK_CLOEXEC, IPPROTO_SCTP).
    pub(crate) fn new(family: c_int, ty: c_int) -> io::Result<Socket> {
        // SAFETY: socket(2) takes no pointers.
        let fd = sys::c_result(unsafe { libc::socket(family, ty | libc::SOCK_CLOEXEC, sys::IPPROTO_SCTP) })?;
        // SAFETY: `fd` is a new descriptor that nothing else owns.
        Ok(Socket { fd: unsafe { OwnedFd::from_raw_fd(fd) } })
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
