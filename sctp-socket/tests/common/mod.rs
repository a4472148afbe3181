//! What the kernel tests share.

#![allow(dead_code)] // each test binary uses its own part

use sctp_socket::{Message, Recv};
use std::net::SocketAddr;
use std::os::fd::AsRawFd;

pub fn addr(s: &str) -> SocketAddr {
    s.parse().unwrap()
}

/// Data from a receive, or a panic saying what came instead.
pub fn data<D: std::fmt::Debug>(r: Recv<D>) -> Message<D> {
    match r {
        Recv::Data(m) => m,
        other => panic!("expected data, got {other:?}"),
    }
}

/// Room in `s`'s send buffer for one message of `len` bytes: the kernel
/// refuses a bigger one (EMSGSIZE), and its default is less on a smaller
/// machine (Debian's i386 kernel in QEMU).
pub fn send_room(s: &impl AsRawFd, len: usize) {
    let room = len as libc::c_int;
    // SAFETY: `room` is a readable int of the length passed.
    let r = unsafe {
        libc::setsockopt(s.as_raw_fd(), libc::SOL_SOCKET, libc::SO_SNDBUF, &room as *const libc::c_int as *const libc::c_void,
                         std::mem::size_of::<libc::c_int>() as libc::socklen_t)
    };
    assert_eq!(r, 0, "SO_SNDBUF: {}", std::io::Error::last_os_error());
}
