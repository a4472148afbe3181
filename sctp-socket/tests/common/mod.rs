//! What the kernel tests share.

#![allow(dead_code)] // each test binary uses its own part

use sctp_socket::{Message, Recv};
use std::net::SocketAddr;

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
