//! The safe API on a real kernel SCTP: cargo runs this binary through
//! tools/kernel-run.sh (`make test-rust`), which boots a kernel with SCTP.

use sctp_socket::*;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::thread;

fn addr(s: &str) -> SocketAddr {
    s.parse().unwrap()
}

/// Data from a receive, or a panic saying what came instead.
fn data<D: std::fmt::Debug>(r: Recv<D>) -> Message<D> {
    match r {
        Recv::Data(m) => m,
        other => panic!("expected data, got {other:?}"),
    }
}

#[test]
fn one_to_one_ipv4_and_ipv6_carry_stream_and_ppid() {
    for local in ["127.0.0.1:0", "[::1]:0"] {
        let listener = SctpListener::bind(addr(local)).unwrap();
        let at = listener.local_addr().unwrap();
        let client = thread::spawn(move || {
            let s = SctpStream::connect(at).unwrap();
            s.send(b"hello", &SendInfo::new().stream(3).ppid(0x01020304)).unwrap();
            let mut buf = [0u8; 64];
            let m = data(s.recv(&mut buf).unwrap());
            (m.data.to_vec(), m.info.unwrap().stream)
        });
        let (conn, peer) = listener.accept().unwrap();
        assert_eq!(peer.ip(), at.ip());
        let mut buf = [0u8; 64];
        let m = data(conn.recv(&mut buf).unwrap());
        assert_eq!(m.data, b"hello");
        assert!(m.eor);
        let info = m.info.expect("RCVINFO is on");
        assert_eq!((info.stream, info.ppid), (3, 0x01020304));
        conn.send(b"back", &SendInfo::new().stream(1)).unwrap();
        assert_eq!(client.join().unwrap(), (b"back".to_vec(), 1));
    }
}

#[test]
fn read_and_write_work_as_for_tcp_and_shutdown_ends_the_stream() {
    let listener = SctpListener::bind(addr("127.0.0.1:0")).unwrap();
    let at = listener.local_addr().unwrap();
    let client = thread::spawn(move || {
        let mut s = SctpStream::connect(at).unwrap();
        s.write_all(b"request").unwrap();
        let mut reply = [0u8; 16];
        let n = s.read(&mut reply).unwrap();
        s.shutdown(Shutdown::Write).unwrap();
        reply[..n].to_vec()
    });
    let (mut conn, _) = listener.accept().unwrap();
    let mut buf = [0u8; 16];
    let n = conn.read(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"request");
    conn.write_all(b"reply").unwrap();
    assert_eq!(client.join().unwrap(), b"reply");
    assert_eq!(conn.read(&mut buf).unwrap(), 0, "the peer's shutdown is the end of the stream");
}
