//! An SCTP one-to-many echo server on the blocking API: what
//! c-tests/echo_server_fixed.c (the seed's server, fixed) does, in safe Rust.
//!
//! One endpoint on port 9877 of all addresses takes associations from any
//! number of clients (such as the seed's `echo_client`, or
//! `echo_client.rs`); each message comes back to its sender on the next
//! stream, wrapping to 0 at the association's negotiated outbound streams
//! (it asks for 10 in INIT), with its PPID. NODELAY is on. It prints
//! `listening` once it takes associations.
//!
//! ```sh
//! cargo run --example echo_server -- [-a addr] [-p port] [-i 0|1] [-n max] [-t secs]
//! #  -a  the address to bind (IPv4 or IPv6; default: all, :: or 0.0.0.0)
//! #  -p  the port (9877)
//! #  -i  1: reply on stream+1 (default); 0: on the message's stream
//! #  -n  exit after this many echoed messages (0, the default: no limit)
//! #  -t  exit after this many seconds without a message (10; negative: never)
//! ```
//!
//! The same server on tokio is `tokio_echo_server.rs`; `make
//! check-rust-api` runs both against the seed client and compares what it
//! prints with what echo_server_fixed gives it.

mod common;

use common::{die, reply_info, say_listening, Options};
use sctp_socket::Recv;
use std::os::fd::AsRawFd;
use std::time::Duration;

/// Whether the socket has something to read within `idle` (poll(2), as
/// echo_server_fixed waits).
fn readable_within(sock: &impl AsRawFd, idle: Option<Duration>) -> bool {
    let mut p = libc::pollfd { fd: sock.as_raw_fd(), events: libc::POLLIN, revents: 0 };
    let ms = idle.map_or(-1, |d| d.as_millis().min(i32::MAX as u128) as libc::c_int);
    // SAFETY: one pollfd, ours, for the call.
    unsafe { libc::poll(&mut p, 1, ms) > 0 }
}

fn main() {
    let prog = "echo_server";
    let o = Options::parse(prog);
    let ep = common::endpoint(prog, &o);
    say_listening();
    let mut buf = [0u8; 8192];
    let mut count = 0u64;
    while readable_within(&ep, o.idle) {
        let m = match ep.recv(&mut buf) {
            Ok(Recv::Data(m)) => m,
            Ok(Recv::Notification(_)) => continue,
            Err(e) => die(prog, "recv", e),
        };
        // Every message has its receive information (the endpoint turns
        // SCTP_RECVRCVINFO on).
        let Some(info) = m.info() else { continue };
        let reply = reply_info(&ep, &info, o.increment).unwrap_or_else(|e| die(prog, "getsockopt SCTP_STATUS", e));
        if let Err(e) = ep.send(m.data, &reply) {
            die(prog, "send", e);
        }
        count += 1;
        if o.max_msgs > 0 && count >= o.max_msgs {
            break;
        }
    }
}
