//! The safe API on a real kernel SCTP: cargo runs this binary through
//! tools/kernel-run.sh (`make test-rust`), which boots a kernel with SCTP.

mod common;

use common::{addr, data, send_room};
use sctp_socket::*;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::thread;


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
            (m.data.to_vec(), m.info().unwrap().stream)
        });
        let (conn, peer) = listener.accept().unwrap();
        assert_eq!(peer.ip(), at.ip());
        let mut buf = [0u8; 64];
        let m = data(conn.recv(&mut buf).unwrap());
        assert_eq!(m.data, b"hello");
        assert!(m.eor());
        let info = m.info().expect("RCVINFO is on");
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

#[test]
fn one_to_many_endpoint_names_each_association() {
    let server = SctpEndpoint::bind(addr("127.0.0.1:0")).unwrap();
    let at = server.local_addr().unwrap();
    let clients: Vec<SctpEndpoint> = (0..3).map(|_| SctpEndpoint::new(Family::V4).unwrap()).collect();
    let ids: Vec<AssocId> = clients.iter().map(|c| c.connectx(&[at]).unwrap()).collect();
    for (i, (c, id)) in clients.iter().zip(&ids).enumerate() {
        c.association(*id).send(format!("from {i}").as_bytes(), &SendInfo::new().stream(i as u16)).unwrap();
    }
    let mut seen = Vec::new();
    let mut buf = [0u8; 64];
    while seen.len() < 3 {
        let m = data(server.recv(&mut buf).unwrap());
        let info = m.info().unwrap();
        assert_ne!(info.assoc_id, 0);
        let text = String::from_utf8(m.data.to_vec()).unwrap();
        assert_eq!(text, format!("from {}", info.stream));
        // The reply goes back on the association the message came on.
        server.association(info.assoc_id).send(text.as_bytes(), &SendInfo::new()).unwrap();
        assert_eq!(m.from().unwrap().ip(), at.ip());
        seen.push(info.assoc_id);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 3, "three associations, three ids");
    for (i, c) in clients.iter().enumerate() {
        let m = data(c.recv(&mut buf).unwrap());
        assert_eq!(m.data, format!("from {i}").as_bytes());
    }
}

#[test]
fn multi_homed_bindx_and_connectx_list_every_address() {
    let server = SctpEndpoint::bind_multi(&[addr("127.0.0.1:0")]).unwrap();
    let port = server.local_addr().unwrap().port();
    server.bind_add(&[SocketAddr::new("127.0.0.2".parse().unwrap(), port)]).unwrap();
    let mut local = server.local_addrs(0).unwrap();
    local.sort();
    assert_eq!(local, [SocketAddr::new("127.0.0.1".parse().unwrap(), port), SocketAddr::new("127.0.0.2".parse().unwrap(), port)]);
    let targets = [SocketAddr::new("127.0.0.1".parse().unwrap(), port), SocketAddr::new("127.0.0.2".parse().unwrap(), port)];
    let client = SctpStream::connectx_from(&[addr("127.0.0.3:0"), addr("127.0.0.4:0")], &targets).unwrap();
    let mut peers = client.peer_addrs(0).unwrap();
    peers.sort();
    assert_eq!(peers, targets, "the association has both server addresses as paths");
    let mut mine = client.local_addrs(0).unwrap();
    mine.sort();
    assert_eq!(mine.iter().map(|a| a.ip().to_string()).collect::<Vec<_>>(), ["127.0.0.3", "127.0.0.4"]);
    client.send(b"x", &SendInfo::new()).unwrap();
    let mut buf = [0u8; 8];
    let info = data(server.recv(&mut buf).unwrap()).info().unwrap();
    let mut theirs = server.peer_addrs(info.assoc_id).unwrap();
    theirs.sort();
    assert_eq!(theirs.iter().map(|a| a.ip().to_string()).collect::<Vec<_>>(), ["127.0.0.3", "127.0.0.4"]);
    server.bind_remove(&[SocketAddr::new("127.0.0.2".parse().unwrap(), port)]).unwrap();
    assert_eq!(server.local_addrs(0).unwrap().len(), 1);
    assert_eq!(server.bind_remove(&[]).unwrap_err().raw_os_error(), Some(libc::EINVAL));
}

#[test]
fn peeloff_gives_a_one_to_one_socket_for_the_association() {
    let server = SctpEndpoint::bind(addr("127.0.0.1:0")).unwrap();
    let at = server.local_addr().unwrap();
    let mut client = SctpStream::connect(at).unwrap();
    client.write_all(b"first").unwrap();
    let mut buf = [0u8; 16];
    let id = data(server.recv(&mut buf).unwrap()).info().unwrap().assoc_id;
    let mut peeled = server.association(id).peeloff(false).unwrap();
    // SAFETY: fcntl(F_GETFD) takes no pointers.
    let fdflags = unsafe { libc::fcntl(std::os::fd::AsRawFd::as_raw_fd(&peeled), libc::F_GETFD) };
    assert_eq!(fdflags & libc::FD_CLOEXEC, libc::FD_CLOEXEC, "peeled-off sockets are close-on-exec");
    client.write_all(b"second").unwrap();
    let n = peeled.read(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"second", "the association's data now comes on the new socket");
    peeled.write_all(b"reply").unwrap();
    let n = client.read(&mut buf).unwrap();
    assert_eq!(&buf[..n], b"reply");
    let nb = SctpStream::connect(at).unwrap();
    nb.send(b"x", &SendInfo::new()).unwrap();
    let id2 = data(server.recv(&mut buf).unwrap()).info().unwrap().assoc_id;
    let peeled2 = server.peeloff(id2, true).unwrap();
    let e = peeled2.recv(&mut buf).unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::WouldBlock, "asked for non-blocking");
    assert!(server.peeloff(id, false).is_err(), "an association is peeled off once");
}

#[test]
fn recv_message_reassembles_what_recv_returns_in_parts() {
    let listener = SctpListener::bind(addr("127.0.0.1:0")).unwrap();
    let at = listener.local_addr().unwrap();
    let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let sent = big.clone();
    let client = thread::spawn(move || {
        let s = SctpStream::connect(at).unwrap();
        send_room(&s, sent.len());
        s.send(&sent, &SendInfo::new().stream(2).ppid(7)).unwrap();
        s.send(&sent[..1000], &SendInfo::new()).unwrap();
        s
    });
    let (conn, _) = listener.accept().unwrap();
    let m = data(conn.recv_message().unwrap());
    assert!(m.eor());
    assert_eq!(m.data.len(), big.len());
    assert!(m.data == big, "reassembled in order");
    assert_eq!(m.info().map(|i| (i.stream, i.ppid)), Some((2, 7)));
    // In parts: every part but the last without MSG_EOR.
    let mut buf = [0u8; 300];
    let first = data(conn.recv(&mut buf).unwrap());
    assert_eq!((first.data.len(), first.eor()), (300, false));
    let mut total = 300;
    loop {
        let part = data(conn.recv(&mut buf).unwrap());
        total += part.data.len();
        if part.eor() {
            break;
        }
    }
    assert_eq!(total, 1000);
    drop(client.join().unwrap());
}

#[test]
fn abort_with_a_cause_ends_the_association_for_both() {
    let listener = SctpListener::bind(addr("127.0.0.1:0")).unwrap();
    let at = listener.local_addr().unwrap();
    let client = SctpStream::connect(at).unwrap();
    let (conn, _) = listener.accept().unwrap();
    client.abort().unwrap();
    let mut buf = [0u8; 16];
    let e = conn.recv(&mut buf).unwrap_err();
    assert_eq!(e.raw_os_error(), Some(libc::ECONNRESET));
    let e = conn.send(b"late", &SendInfo::new()).unwrap_err();
    assert_eq!(e.raw_os_error(), Some(libc::EPIPE), "EPIPE, and no SIGPIPE killed us (MSG_NOSIGNAL)");

    // One-to-many: the cause travels.
    let server = SctpEndpoint::bind(addr("127.0.0.1:0")).unwrap();
    let client = SctpEndpoint::new(Family::V4).unwrap();
    let id = client.connectx(&[server.local_addr().unwrap()]).unwrap();
    client.association(id).send(b"hi", &SendInfo::new()).unwrap();
    let sid = data(server.recv(&mut buf).unwrap()).info().unwrap().assoc_id;
    server.association(sid).abort(b"going away").unwrap();
    assert!(client.association(id).send(b"x", &SendInfo::new()).is_err() || client.peer_addrs(id).is_err());
}

#[test]
fn partially_reliable_messages_arrive_on_an_established_association() {
    let listener = SctpListener::bind(addr("127.0.0.1:0")).unwrap();
    let client = SctpStream::connect(listener.local_addr().unwrap()).unwrap();
    let (conn, _) = listener.accept().unwrap();
    for (i, pr) in [PrPolicy::Ttl(5000), PrPolicy::Rtx(3), PrPolicy::Prio(1)].into_iter().enumerate() {
        client.send(&[i as u8], &SendInfo::new().pr(pr).context(9)).unwrap();
        let mut buf = [0u8; 4];
        assert_eq!(data(conn.recv(&mut buf).unwrap()).data, [i as u8]);
    }
}

#[test]
fn send_to_sets_up_an_implicit_association_with_extra_destinations() {
    let server = SctpEndpoint::bind_multi(&[addr("127.0.0.1:0")]).unwrap();
    let port = server.local_addr().unwrap().port();
    server.bind_add(&[SocketAddr::new("127.0.0.2".parse().unwrap(), port)]).unwrap();
    let client = SctpEndpoint::new(Family::V4).unwrap();
    let to = [SocketAddr::new("127.0.0.1".parse().unwrap(), port), SocketAddr::new("127.0.0.2".parse().unwrap(), port)];
    client.send_to(b"implicit", &to, &SendInfo::new().stream(1)).unwrap();
    let mut buf = [0u8; 16];
    let m = data(server.recv(&mut buf).unwrap());
    assert_eq!(m.data, b"implicit");
    assert_eq!(m.info().unwrap().stream, 1);
    let mut buf2 = [0u8; 16];
    let reply = SendInfo::new().assoc(m.info().unwrap().assoc_id);
    server.send(b"r", &reply).unwrap();
    let back = data(client.recv(&mut buf2).unwrap());
    let mut peers = client.peer_addrs(back.info().unwrap().assoc_id).unwrap();
    peers.sort();
    assert_eq!(peers, to);
    assert_eq!(client.send_to(b"x", &[], &SendInfo::new()).unwrap_err().raw_os_error(), Some(libc::EINVAL));
}

#[test]
fn vectored_sends_are_one_message() {
    let listener = SctpListener::bind(addr("[::1]:0")).unwrap();
    let at = listener.local_addr().unwrap();
    let client = SctpStream::connect(at).unwrap();
    let (conn, _) = listener.accept().unwrap();
    let parts = [std::io::IoSlice::new(b"ab"), std::io::IoSlice::new(b""), std::io::IoSlice::new(b"cde")];
    assert_eq!(client.send_vectored(&parts, &SendInfo::new().flags(SendFlags::UNORDERED)).unwrap(), 5);
    let mut buf = [0u8; 16];
    let m = data(conn.recv(&mut buf).unwrap());
    assert_eq!((m.data, m.eor()), (&b"abcde"[..], true));
    assert!(m.info().unwrap().unordered());
}

#[test]
fn next_info_and_the_older_sndrcv_are_decoded_from_the_control_data() {
    let listener = SctpListener::bind(addr("127.0.0.1:0")).unwrap();
    let at = listener.local_addr().unwrap();
    // SCTP_EVENTS' data_io_event turns the older SNDRCV on beside RCVINFO.
    // Set on the listener, which the accepted socket inherits it from: on
    // a connected one-to-one socket the kernel (6.1) applies SCTP_EVENT to
    // the association, and SNDRCV follows the socket's own setting.
    listener.subscribe(EventSet::from(Event::DataIo)).unwrap();
    let client = SctpStream::connect(at).unwrap();
    let (conn, _) = listener.accept().unwrap();
    conn.set_recv_nxtinfo(true).unwrap();
    let mut buf = [0u8; 64];
    let sends: [(&[u8], u16, u32); 4] = [(b"one", 1, 11), (b"two!", 2, 22), (b"three", 3, 33), (b"four", 4, 44)];
    // A packet each: the kernel (6.1) gives no NXTINFO for a message whose
    // successor came bundled in the same packet as the one after it.
    client.set_nodelay(true).unwrap();
    for (d, stream, ppid) in sends {
        client.send(d, &SendInfo::new().stream(stream).ppid(ppid)).unwrap();
        thread::sleep(std::time::Duration::from_millis(20));
    }
    // All four wait before the first receive: its NXTINFO tells of the
    // second.
    thread::sleep(std::time::Duration::from_millis(200));
    let m = data(conn.recv(&mut buf).unwrap());
    assert_eq!((m.data, m.info().map(|i| (i.stream, i.ppid))), (&b"one"[..], Some((1, 11))));
    let next = m.next().expect("NXTINFO is on and a message waits");
    assert_eq!((next.stream, next.ppid, next.length), (2, 22, 4));
    // recv_message: the next-info comes with the whole message.
    let m = data(conn.recv_message().unwrap());
    assert_eq!(m.next().map(|n| (n.stream, n.ppid, n.length)), Some((3, 33, 5)));

    // RCVINFO off: the older SNDRCV alone gives the same information, with
    // the next-info beside it.
    conn.set_recv_rcvinfo(false).unwrap();
    let m = data(conn.recv(&mut buf).unwrap());
    assert_eq!((m.data, m.info().map(|i| (i.stream, i.ppid))), (&b"three"[..], Some((3, 33))));
    assert_eq!(m.next().map(|n| n.stream), Some(4));
    conn.set_recv_nxtinfo(false).unwrap();
    let m = data(conn.recv(&mut buf).unwrap());
    assert_eq!((m.data, m.info().map(|i| (i.stream, i.ppid)), m.next()), (&b"four"[..], Some((4, 44)), None));
    assert_eq!(m.from().map(|a| a.ip()), Some(at.ip()));
}
