//! Notifications as the kernel delivers them, on a real kernel SCTP
//! (cargo runs this binary through tools/kernel-run.sh), every kind that
//! loopback can produce.

mod common;

use common::addr;
use sctp_socket::notification::{AssocChangeState, AuthIndication, PartialDeliveryIndication, PeerAddrState};
use sctp_socket::options::{ReconfigRequests, StreamDirection};
use sctp_socket::*;
use std::net::SocketAddr;
use std::sync::{RwLock, RwLockReadGuard};

/// The next notification on `s`, skipping data.
fn next_notification(s: &Socket) -> Notification {
    let mut buf = vec![0u8; 4096];
    loop {
        match s.recv(&mut buf).unwrap() {
            Recv::Notification(n) => return n,
            Recv::Data(_) => continue,
        }
    }
}

/// The next notification that `pick` accepts, skipping others and data.
fn wait_for<T>(s: &Socket, mut pick: impl FnMut(&Notification) -> Option<T>) -> T {
    loop {
        let n = next_notification(s);
        if let Some(t) = pick(&n) {
            return t;
        }
    }
}

/// The net.sctp sysctls a socket copies when it is made: a test that
/// changes some holds this for writing (`with_sysctls`), every other test
/// for reading (`sysctls_as_they_are`), so that no socket is made while
/// they are changed. (A client made between a change of addip_enable and
/// one of addip_noauth_enable had its association refused.)
static SYSCTLS: RwLock<()> = RwLock::new(());

fn sysctls_as_they_are() -> RwLockReadGuard<'static, ()> {
    SYSCTLS.read().unwrap_or_else(|e| e.into_inner())
}

/// `f` with each net.sctp sysctl `name` at `value`; then they are put back.
fn with_sysctls<R>(settings: &[(&str, &str)], f: impl FnOnce() -> R) -> R {
    let _g = SYSCTLS.write().unwrap_or_else(|e| e.into_inner());
    let mut old = Vec::new();
    for (name, value) in settings {
        let path = format!("/proc/sys/net/sctp/{name}");
        old.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
        std::fs::write(&path, value).unwrap();
    }
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    for (path, value) in old.iter().rev() {
        std::fs::write(path, value.trim()).unwrap();
    }
    r.unwrap_or_else(|p| std::panic::resume_unwind(p))
}

#[test]
fn association_change_shutdown_and_sender_dry() {
    let _sysctls = sysctls_as_they_are();
    let server = SctpEndpoint::bind(addr("127.0.0.1:0")).unwrap();
    server.subscribe(EventSet::empty().with(Event::AssocChange).with(Event::Shutdown)).unwrap();
    let client = SctpEndpoint::new(Family::V4).unwrap();
    client.subscribe(EventSet::empty().with(Event::AssocChange).with(Event::SenderDry)).unwrap();
    let id = client.connectx(&[server.local_addr().unwrap()]).unwrap();
    let (state, streams) = wait_for(&client, |n| match n {
        Notification::AssocChange { state, outbound_streams, assoc_id, .. } if *assoc_id == id => Some((*state, *outbound_streams)),
        _ => None,
    });
    assert_eq!(state, AssocChangeState::CommUp);
    assert!(streams >= 1);
    let sid = wait_for(&server, |n| match n {
        Notification::AssocChange { state: AssocChangeState::CommUp, assoc_id, .. } => Some(*assoc_id),
        _ => None,
    });
    client.association(id).send(b"data", &SendInfo::new()).unwrap();
    // Everything sent is acknowledged: the sender is dry.
    let dry = wait_for(&client, |n| matches!(n, Notification::SenderDry { .. }).then(|| n.assoc_id()));
    assert_eq!(dry, Some(id));
    client.association(id).shutdown().unwrap();
    wait_for(&server, |n| matches!(n, Notification::Shutdown { assoc_id } if *assoc_id == sid).then_some(()));
    let end = wait_for(&client, |n| match n {
        Notification::AssocChange { state, .. } => Some(*state),
        _ => None,
    });
    assert_eq!(end, AssocChangeState::ShutdownComplete);
}

#[test]
fn cant_start_an_association_to_a_closed_port() {
    let _sysctls = sysctls_as_they_are();
    let closed = SctpEndpoint::bind(addr("127.0.0.1:0")).unwrap();
    let at = closed.local_addr().unwrap();
    drop(closed);
    let client = SctpEndpoint::new(Family::V4).unwrap();
    client.subscribe(EventSet::empty().with(Event::AssocChange).with(Event::SendFailedEvent)).unwrap();
    client.send_to(b"lost", &[at], &SendInfo::new().context(77)).unwrap();
    let mut saw_cant_start = false;
    let mut saw_failed = false;
    while !(saw_cant_start && saw_failed) {
        match next_notification(&client) {
            Notification::AssocChange { state: AssocChangeState::CantStartAssoc, .. } => saw_cant_start = true,
            Notification::SendFailedEvent { info, data, .. } => {
                assert_eq!((info.context, &data[..]), (77, &b"lost"[..]), "the undelivered message comes back with its context");
                saw_failed = true;
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}

#[test]
fn peer_address_change_when_the_peer_adds_an_address() {
    // ASCONF, without AUTH (addip_noauth_enable).
    with_sysctls(&[("addip_enable", "1"), ("addip_noauth_enable", "1")], || {
        let server = SctpEndpoint::bind(addr("127.0.0.1:0")).unwrap();
        let port = server.local_addr().unwrap().port();
        let client = SctpEndpoint::new(Family::V4).unwrap();
        client.subscribe(EventSet::empty().with(Event::PeerAddrChange)).unwrap();
        let id = client.connectx(&[server.local_addr().unwrap()]).unwrap();
        let added = SocketAddr::new("127.0.0.2".parse().unwrap(), port);
        server.bind_add(&[added]).unwrap();
        let (a, state) = wait_for(&client, |n| match n {
            Notification::PeerAddrChange { addr, state, assoc_id, .. } if *assoc_id == id && *state == PeerAddrState::Added => Some((*addr, *state)),
            _ => None,
        });
        assert_eq!((a, state), (added, PeerAddrState::Added));
        assert!(client.peer_addrs(id).unwrap().contains(&added));
    });
}

#[test]
fn stream_reset_is_reported_to_both_ends() {
    let _sysctls = sysctls_as_they_are();
    let server = SctpEndpoint::bind(addr("127.0.0.1:0")).unwrap();
    let client = SctpEndpoint::new(Family::V4).unwrap();
    for s in [&*server, &*client] {
        s.set_reconfig_supported(FUTURE_ASSOC, true).unwrap();
        s.set_reconfig_requests(FUTURE_ASSOC, ReconfigRequests { reset_streams: true, ..Default::default() }).unwrap();
        s.subscribe(EventSet::empty().with(Event::StreamReset)).unwrap();
    }
    let id = client.connectx(&[server.local_addr().unwrap()]).unwrap();
    client.association(id).send(b"x", &SendInfo::new().stream(1)).unwrap();
    let mut buf = [0u8; 16];
    assert!(matches!(server.recv(&mut buf).unwrap(), Recv::Data(_)));
    client.reset_streams(id, StreamDirection::Outgoing, &[1]).unwrap();
    let streams = wait_for(&client, |n| match n {
        Notification::StreamReset { streams, .. } => Some(streams.clone()),
        _ => None,
    });
    assert_eq!(streams, [1]);
    let theirs = wait_for(&server, |n| match n {
        Notification::StreamReset { streams, .. } => Some(streams.clone()),
        _ => None,
    });
    assert_eq!(theirs, [1]);
}

#[test]
fn partial_delivery_aborted_when_the_sender_aborts_mid_message() {
    let _sysctls = sysctls_as_they_are();
    let server = SctpEndpoint::bind(addr("127.0.0.1:0")).unwrap();
    server.subscribe(EventSet::empty().with(Event::PartialDelivery)).unwrap();
    // A small receive buffer: a big message is delivered in parts.
    let small: libc::c_int = 4096;
    // SAFETY: `small` is a readable int.
    unsafe {
        libc::setsockopt(std::os::fd::AsRawFd::as_raw_fd(&server), libc::SOL_SOCKET, libc::SO_RCVBUF,
                         &small as *const libc::c_int as *const libc::c_void, 4);
    }
    let client = SctpEndpoint::new(Family::V4).unwrap();
    let id = client.connectx(&[server.local_addr().unwrap()]).unwrap();
    let big = vec![7u8; 100_000];
    client.association(id).send(&big, &SendInfo::new()).unwrap();
    let mut buf = [0u8; 1000];
    match server.recv(&mut buf).unwrap() {
        Recv::Data(m) => assert!(!m.eor(), "only part of the message fits"),
        other => panic!("expected the first part, got {other:?}"),
    }
    client.association(id).abort(b"bye").unwrap();
    let ind = wait_for(&server, |n| match n {
        Notification::PartialDelivery { indication, .. } => Some(*indication),
        _ => None,
    });
    assert_eq!(ind, PartialDeliveryIndication::Aborted);
}

/// AUTH turned on per socket (SCTP_AUTH_SUPPORTED), not by the sysctl:
/// an association whose peer has no AUTH says so (NO_AUTH); a key that
/// no chunk has used is free as soon as it is deactivated (FREE_KEY).
#[test]
fn authentication_no_auth_and_free_key() {
    let _sysctls = sysctls_as_they_are();
    let events = EventSet::empty().with(Event::AssocChange).with(Event::Authentication);
    let comm_up = |s: &Socket| {
        wait_for(s, |n| match n {
            Notification::AssocChange { state: AssocChangeState::CommUp, assoc_id, .. } => Some(*assoc_id),
            _ => None,
        })
    };
    let lone = SctpEndpoint::bind(addr("127.0.0.1:0")).unwrap();
    lone.set_auth_supported(FUTURE_ASSOC, true).unwrap();
    lone.subscribe(events).unwrap();
    let plain = SctpEndpoint::new(Family::V4).unwrap();
    plain.connectx(&[lone.local_addr().unwrap()]).unwrap();
    let id = comm_up(&lone);
    let n = next_notification(&lone);
    assert_eq!(n, Notification::Authentication { assoc_id: id, key_number: 0, alt_key_number: 0, indication: AuthIndication::NoAuth });

    let server = SctpEndpoint::bind(addr("127.0.0.1:0")).unwrap();
    server.set_auth_supported(FUTURE_ASSOC, true).unwrap();
    let client = SctpEndpoint::new(Family::V4).unwrap();
    client.set_auth_supported(FUTURE_ASSOC, true).unwrap();
    client.subscribe(events).unwrap();
    client.connectx(&[server.local_addr().unwrap()]).unwrap();
    let id = comm_up(&client);
    client.set_auth_key(id, 3, b"never used").unwrap();
    client.deactivate_auth_key(id, 3).unwrap();
    // Queued by the call itself: due at once, so a bounded wait.
    client.set_nonblocking(true).unwrap();
    let start = std::time::Instant::now();
    let mut buf = vec![0u8; 4096];
    let n = loop {
        match client.recv(&mut buf) {
            Ok(Recv::Notification(n)) => break n,
            Ok(Recv::Data(_)) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && start.elapsed().as_secs() < 5 => {
                std::thread::sleep(std::time::Duration::from_millis(10))
            }
            Err(e) => panic!("no FREE_KEY notification: {e}"),
        }
    };
    assert_eq!(n, Notification::Authentication { assoc_id: id, key_number: 3, alt_key_number: 0, indication: AuthIndication::FreeKey });
}
