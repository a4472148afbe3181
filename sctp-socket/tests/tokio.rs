//! The tokio API on a real kernel SCTP: cargo runs this binary through
//! tools/kernel-run.sh (see tests/sockets.rs), one boot for all of it.
//! Every test is bounded by a timeout, so that a lost wake-up fails instead
//! of hanging.

mod common;

use common::{addr, data, send_room};
use sctp_socket::tokio::{OwnedReadHalf, OwnedWriteHalf, SctpEndpoint, SctpListener, SctpStream};
use sctp_socket::{Family, SendInfo};
use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::time::timeout;


/// `f` within 20 s.
async fn bounded<F: Future>(f: F) -> F::Output {
    timeout(Duration::from_secs(20), f).await.expect("timed out")
}

#[test]
fn futures_and_types_are_send() {
    // A compile-time check: this function is never called.
    #[allow(dead_code, unused_must_use)]
    fn check(s: &SctpStream, l: &SctpListener, e: &SctpEndpoint, r: &OwnedReadHalf, w: &OwnedWriteHalf, buf: &mut [u8], a: SocketAddr) {
        fn send<F: Future + Send>(_: F) {}
        let i = SendInfo::new();
        send(SctpStream::connect(a));
        send(SctpStream::connectx(&[a]));
        send(SctpStream::connectx_from(&[a], &[a]));
        send(s.send(buf, &i));
        send(s.send_to(buf, &[a], &i));
        send(s.recv(buf));
        send(s.recv_message());
        send(s.readable());
        send(l.accept());
        send(e.connectx(&[a]));
        send(e.send(buf, &i));
        send(e.send_to(buf, &[a], &i));
        send(e.recv(buf));
        send(e.recv_message());
        send(r.recv(buf));
        send(r.recv_message());
        send(w.send(buf, &i));
    }
    fn send_sync<T: Send + Sync>() {}
    send_sync::<SctpStream>();
    send_sync::<SctpListener>();
    send_sync::<SctpEndpoint>();
    send_sync::<OwnedReadHalf>();
    send_sync::<OwnedWriteHalf>();
    let _ = check;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stream_echo_over_ipv4_and_ipv6() {
    for local in ["127.0.0.1:0", "[::1]:0"] {
        let listener = SctpListener::bind(addr(local)).unwrap();
        let at = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let (conn, peer) = listener.accept().await.unwrap();
            assert_eq!(peer.ip(), at.ip());
            let mut buf = [0u8; 256];
            for _ in 0..3 {
                let m = data(conn.recv(&mut buf).await.unwrap());
                let info = m.info().expect("RCVINFO is on");
                assert!(m.eor());
                conn.send(m.data, &SendInfo::new().stream(info.stream + 1).ppid(info.ppid)).await.unwrap();
            }
        });
        let client = bounded(SctpStream::connect(at)).await.unwrap();
        assert_eq!(client.peer_addr().unwrap(), at);
        let mut buf = [0u8; 256];
        for (stream, text) in [(0u16, &b"one"[..]), (3, b"two"), (8, b"three")] {
            bounded(client.send(text, &SendInfo::new().stream(stream).ppid(42))).await.unwrap();
            let m = data(bounded(client.recv(&mut buf)).await.unwrap());
            let info = m.info().unwrap();
            assert_eq!((m.data, info.stream, info.ppid), (text, stream + 1, 42), "over {local}");
        }
        bounded(server).await.unwrap();
    }
}

#[tokio::test]
async fn async_read_and_write_and_end_of_stream() {
    let listener = SctpListener::bind(addr("127.0.0.1:0")).unwrap();
    let at = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        let (mut conn, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 64];
        let n = conn.read(&mut buf).await.unwrap();
        conn.write_all(&buf[..n]).await.unwrap();
        // The client's shutdown: the end of the stream.
        assert_eq!(conn.read(&mut buf).await.unwrap(), 0);
    });
    let mut client = bounded(SctpStream::connect(at)).await.unwrap();
    client.write_all(b"request").await.unwrap();
    let mut reply = [0u8; 64];
    let n = bounded(client.read(&mut reply)).await.unwrap();
    assert_eq!(&reply[..n], b"request");
    client.shutdown().await.unwrap();
    bounded(server).await.unwrap();
}

#[tokio::test]
async fn connect_to_a_closed_port_is_econnrefused() {
    // A port nothing listens on: bound by a listener, then closed.
    let at = SctpListener::bind(addr("127.0.0.1:0")).unwrap().local_addr().unwrap();
    let err = bounded(SctpStream::connect(at)).await.expect_err("nothing listens there");
    assert_eq!(err.raw_os_error(), Some(libc::ECONNREFUSED), "the kernel's SO_ERROR, not a generic error: {err:?}");
    let err = bounded(SctpStream::connectx(&[at])).await.expect_err("nothing listens there");
    assert_eq!(err.raw_os_error(), Some(libc::ECONNREFUSED), "connectx: {err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn split_halves_work_from_two_tasks() {
    const N: u32 = 50;
    let listener = SctpListener::bind(addr("127.0.0.1:0")).unwrap();
    let at = listener.local_addr().unwrap();
    // The peer echoes each message on its stream.
    let echo = tokio::spawn(async move {
        let (conn, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 64];
        for _ in 0..N {
            let m = data(conn.recv(&mut buf).await.unwrap());
            conn.send(m.data, &SendInfo::new().stream(m.info().unwrap().stream)).await.unwrap();
        }
    });
    let (rd, wr) = bounded(SctpStream::connect(at)).await.unwrap().into_split();
    let writer = tokio::spawn(async move {
        for i in 0..N {
            wr.send(&i.to_be_bytes(), &SendInfo::new().stream((i % 5) as u16)).await.unwrap();
        }
        wr
    });
    let reader = tokio::spawn(async move {
        let mut buf = [0u8; 64];
        for i in 0..N {
            let m = data(rd.recv(&mut buf).await.unwrap());
            assert_eq!(m.data, i.to_be_bytes(), "in order");
            assert_eq!(m.info().unwrap().stream, (i % 5) as u16);
        }
        rd
    });
    let (wr, rd) = (bounded(writer).await.unwrap(), bounded(reader).await.unwrap());
    bounded(echo).await.unwrap();
    let stream = rd.reunite(wr).expect("the halves of one stream");
    assert_eq!(stream.peer_addr().unwrap(), at);
}

#[tokio::test]
async fn a_dropped_recv_loses_nothing() {
    let listener = SctpListener::bind(addr("127.0.0.1:0")).unwrap();
    let at = listener.local_addr().unwrap();
    let (client, accepted) = tokio::join!(SctpStream::connect(at), listener.accept());
    let (client, (conn, _)) = (client.unwrap(), accepted.unwrap());
    let mut buf = [0u8; 64];
    // Nothing there: the receive is still pending when the timer fires,
    // and select! drops it.
    tokio::select! {
        r = client.recv(&mut buf) => panic!("nothing was sent, yet: {r:?}"),
        _ = tokio::time::sleep(Duration::from_millis(100)) => {}
    }
    tokio::select! {
        r = client.recv_message() => panic!("nothing was sent, yet: {r:?}"),
        _ = tokio::time::sleep(Duration::from_millis(50)) => {}
    }
    conn.send(b"after the drop", &SendInfo::new().stream(2)).await.unwrap();
    let m = data(bounded(client.recv(&mut buf)).await.unwrap());
    assert_eq!((m.data, m.info().unwrap().stream), (&b"after the drop"[..], 2));
    // The same for recv_message, and for try_recv once readable.
    conn.send(b"second", &SendInfo::new()).await.unwrap();
    assert_eq!(data(bounded(client.recv_message()).await.unwrap()).data, b"second");
    assert_eq!(client.try_recv(&mut buf).unwrap_err().kind(), std::io::ErrorKind::WouldBlock);
    conn.send(b"third", &SendInfo::new()).await.unwrap();
    bounded(client.readable()).await.unwrap();
    assert_eq!(data(client.try_recv(&mut buf).unwrap()).data, b"third");
}

#[tokio::test]
async fn recv_message_reassembles_a_big_message() {
    let listener = SctpListener::bind(addr("127.0.0.1:0")).unwrap();
    let at = listener.local_addr().unwrap();
    let (client, accepted) = tokio::join!(SctpStream::connect(at), listener.accept());
    let (client, (conn, _)) = (client.unwrap(), accepted.unwrap());
    // Bigger than recv_message's 64 KiB step: several parts.
    let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    send_room(&conn, big.len());
    let sender = tokio::spawn(async move {
        conn.send(&big, &SendInfo::new().stream(1).ppid(7)).await.unwrap();
        conn.send(b"small", &SendInfo::new()).await.unwrap();
        (conn, big)
    });
    let m = data(bounded(client.recv_message()).await.unwrap());
    let (_conn, big) = bounded(sender).await.unwrap();
    assert!(m.eor());
    assert_eq!(m.data.len(), big.len());
    assert!(m.data == big, "the parts in order");
    assert_eq!((m.info().unwrap().stream, m.info().unwrap().ppid), (1, 7));
    assert_eq!(data(bounded(client.recv_message()).await.unwrap()).data, b"small");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoint_send_and_recv_name_their_associations() {
    let server = SctpEndpoint::bind(addr("127.0.0.1:0")).unwrap();
    let at = server.local_addr().unwrap();
    let client = SctpEndpoint::new(Family::V4).unwrap();
    let id = bounded(client.connectx(&[at])).await.unwrap();
    assert!(id > 2, "a real association id, not one of the reserved ones: {id}");
    // Sent at once: it waits in the queue until the association is up.
    bounded(client.send(b"ping", &SendInfo::new().assoc(id).stream(4))).await.unwrap();
    let mut buf = [0u8; 64];
    let m = data(bounded(server.recv(&mut buf)).await.unwrap());
    let info = m.info().unwrap();
    assert_eq!((m.data, info.stream), (&b"ping"[..], 4));
    assert_eq!(m.from().unwrap().ip(), at.ip());
    let server_id = info.assoc_id;
    bounded(server.send(b"pong", &SendInfo::new().assoc(server_id).stream(5))).await.unwrap();
    let m = data(bounded(client.recv(&mut buf)).await.unwrap());
    assert_eq!((m.data, m.info().unwrap().stream, m.info().unwrap().assoc_id), (&b"pong"[..], 5, id));

    // A second client by send_to (an implicit association): another id.
    let other = SctpEndpoint::new(Family::V4).unwrap();
    bounded(other.send_to(b"hello", &[at], &SendInfo::new())).await.unwrap();
    let m = data(bounded(server.recv_message()).await.unwrap());
    let other_id = m.info().unwrap().assoc_id;
    assert_eq!(m.data, b"hello");
    assert_ne!(other_id, server_id);
    bounded(server.send(b"hi", &SendInfo::new().assoc(other_id))).await.unwrap();
    assert_eq!(data(bounded(other.recv(&mut buf)).await.unwrap()).data, b"hi");

    // The first association peeled off into an async stream.
    let peeled = server.peeloff(server_id).unwrap();
    bounded(peeled.send(b"from the peeled-off socket", &SendInfo::new().stream(1))).await.unwrap();
    let m = data(bounded(client.recv(&mut buf)).await.unwrap());
    assert_eq!((m.data, m.info().unwrap().assoc_id), (&b"from the peeled-off socket"[..], id));
    bounded(client.send(b"to it", &SendInfo::new().assoc(id))).await.unwrap();
    assert_eq!(data(bounded(peeled.recv(&mut buf)).await.unwrap()).data, b"to it");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_endpoint_serves_100_concurrent_associations() {
    const CLIENTS: usize = 100;
    const ROUNDS: usize = 5;
    let server = Arc::new(SctpEndpoint::bind(addr("127.0.0.1:0")).unwrap());
    let at = server.local_addr().unwrap();
    // The echo server: one task, replying to each message on its
    // association and stream; it counts what it saw per association.
    let srv = server.clone();
    let echo = tokio::spawn(async move {
        let mut seen: HashMap<i32, usize> = HashMap::new();
        let mut buf = [0u8; 256];
        for _ in 0..CLIENTS * ROUNDS {
            let m = data(srv.recv(&mut buf).await.unwrap());
            let info = m.info().unwrap();
            *seen.entry(info.assoc_id).or_default() += 1;
            srv.send(m.data, &SendInfo::new().assoc(info.assoc_id).stream(info.stream)).await.unwrap();
        }
        seen
    });
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            tokio::spawn(async move {
                let s = SctpStream::connect(at).await.unwrap();
                let mut buf = [0u8; 256];
                for r in 0..ROUNDS {
                    let text = format!("client {c} round {r}");
                    let stream = (r % 10) as u16;
                    s.send(text.as_bytes(), &SendInfo::new().stream(stream)).await.unwrap();
                    let m = data(s.recv(&mut buf).await.unwrap());
                    assert_eq!((m.data, m.info().unwrap().stream), (text.as_bytes(), stream));
                }
                ROUNDS
            })
        })
        .collect();
    let mut round_trips = 0;
    for c in clients {
        round_trips += timeout(Duration::from_secs(60), c).await.expect("timed out").unwrap();
    }
    let seen = timeout(Duration::from_secs(60), echo).await.expect("timed out").unwrap();
    assert_eq!(round_trips, CLIENTS * ROUNDS);
    assert_eq!(seen.len(), CLIENTS, "one association per client");
    assert!(seen.values().all(|&n| n == ROUNDS), "{ROUNDS} messages on each: {seen:?}");
    println!("{} associations, {round_trips} round trips", seen.len());
}

#[tokio::test]
async fn std_and_tokio_types_convert_both_ways() {
    let listener = SctpListener::from_std(sctp_socket::SctpListener::bind(addr("127.0.0.1:0")).unwrap()).unwrap();
    let at = listener.local_addr().unwrap();
    let blocking = tokio::task::spawn_blocking(move || {
        let s = sctp_socket::SctpStream::connect(at).unwrap();
        let mut buf = [0u8; 64];
        let m = data(s.recv(&mut buf).unwrap());
        s.send(m.data, &SendInfo::new()).unwrap();
    });
    let (conn, _) = bounded(listener.accept()).await.unwrap();
    conn.send(b"round", &SendInfo::new()).await.unwrap();
    let mut buf = [0u8; 64];
    assert_eq!(data(bounded(conn.recv(&mut buf)).await.unwrap()).data, b"round");
    bounded(blocking).await.unwrap();
    // Back to blocking: a receive now waits (and here, reads the end).
    let conn = conn.into_std().unwrap();
    let m = tokio::task::spawn_blocking(move || conn.recv(&mut [0u8; 16]).map(|r| data(r).data.len())).await.unwrap();
    assert_eq!(m.unwrap(), 0, "the end of the association, read blocking");
}
