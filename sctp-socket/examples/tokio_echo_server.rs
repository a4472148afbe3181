//! The SCTP one-to-many echo server of `echo_server.rs` on the tokio API
//! (`sctp_socket::tokio::SctpEndpoint`): the same command line, the same
//! replies, the same output.
//!
//! One endpoint on port 9877 of all addresses; each message comes back to
//! its sender on the next stream, wrapping to 0 at the association's
//! negotiated outbound streams (10 asked for in INIT), with its PPID.
//! NODELAY is on. It prints `listening` once it takes associations. The
//! idle limit is a timeout around the receive, which is cancel-safe: a
//! receive dropped by the timeout has taken nothing.
//!
//! ```sh
//! cargo run --features tokio --example tokio_echo_server -- [-a addr] [-p port] [-i 0|1] [-n max] [-t secs]
//! #  -a  the address to bind (IPv4 or IPv6; default: all, :: or 0.0.0.0)
//! #  -p  the port (9877)
//! #  -i  1: reply on stream+1 (default); 0: on the message's stream
//! #  -n  exit after this many echoed messages (0, the default: no limit)
//! #  -t  exit after this many seconds without a message (10; negative: never)
//! ```

mod common;

use common::{die, reply_info, say_listening, Options};
use sctp_socket::tokio::SctpEndpoint;
use sctp_socket::Recv;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let prog = "tokio_echo_server";
    let o = Options::parse(prog);
    let ep = SctpEndpoint::from_std(common::endpoint(prog, &o)).unwrap_or_else(|e| die(prog, "register with tokio", e));
    say_listening();
    let mut buf = [0u8; 8192];
    let mut count = 0u64;
    loop {
        let got = match o.idle {
            Some(idle) => match tokio::time::timeout(idle, ep.recv(&mut buf)).await {
                Ok(r) => r,
                Err(_) => break,
            },
            None => ep.recv(&mut buf).await,
        };
        let m = match got {
            Ok(Recv::Data(m)) => m,
            Ok(Recv::Notification(_)) => continue,
            Err(e) => die(prog, "recv", e),
        };
        let Some(info) = m.info() else { continue };
        let reply = reply_info(&ep, &info, o.increment).unwrap_or_else(|e| die(prog, "getsockopt SCTP_STATUS", e));
        if let Err(e) = ep.send(m.data, &reply).await {
            die(prog, "send", e);
        }
        count += 1;
        if o.max_msgs > 0 && count >= o.max_msgs {
            break;
        }
    }
}
