//! Hand-made seed inputs, one list per target, laid out the way each
//! target decodes its input (see `targets.rs`). `driver --write-seeds DIR`
//! writes them out; fuzz/corpus/ started from them.

use crate::model::{self, AF_INET, AF_INET6};

fn v4(a: [u8; 4], port: u16) -> Vec<u8> {
    let mut e = AF_INET.to_ne_bytes().to_vec();
    e.extend_from_slice(&port.to_be_bytes());
    e.extend_from_slice(&a);
    e.extend_from_slice(&[0; 8]);
    e
}

fn v6(last: u8, port: u16) -> Vec<u8> {
    let mut e = AF_INET6.to_ne_bytes().to_vec();
    e.extend_from_slice(&port.to_be_bytes());
    e.extend_from_slice(&[0; 4]);
    let mut a = [0u8; 16];
    a[15] = last;
    e.extend_from_slice(&a);
    e.extend_from_slice(&[0; 4]);
    e
}

fn unknown() -> Vec<u8> {
    let mut e = (libc::AF_UNIX as u16).to_ne_bytes().to_vec();
    e.extend_from_slice(&[0; 14]);
    e
}

/// packed_walk: [count selector, raw i32, flags selector] + array bytes.
pub fn packed_walk() -> Vec<Vec<u8>> {
    let arrays: Vec<Vec<u8>> = vec![
        vec![],
        v4([127, 0, 0, 1], 9),
        v6(1, 9),
        [v4([127, 0, 0, 1], 9), v6(1, 9), v4([127, 0, 0, 2], 9)].concat(),
        unknown(),
        [v4([127, 0, 0, 1], 9), unknown(), v4([127, 0, 0, 3], 9)].concat(),
        [v6(1, 9), v6(2, 9)].concat()[..40].to_vec(),
        v4([10, 0, 0, 1], 0)[..1].to_vec(),
    ];
    let mut out = Vec::new();
    for a in &arrays {
        for (sel, raw, fsel) in [(0u8, 0i32, 0u8), (1, 0, 1), (4, 0, 0), (5, 3, 0), (6, 0, 0), (7, 0, 0), (8, 0, 2), (9, -5, 3)] {
            let mut s = vec![sel];
            s.extend_from_slice(&raw.to_le_bytes());
            s.push(fsel);
            s.extend_from_slice(a);
            out.push(s);
        }
    }
    out
}

/// cmsg_build's sctp_sendv inputs: [1, infotype sel, infolen sel, info
/// NULL sel, info bytes, address array, addrs NULL sel, count sel, raw
/// i32, payload length, payload].
fn sendv(infotype: u8, infolen_sel: u8, info: &[u8], addrs: &[(u8, Vec<u8>)], count_sel: u8) -> Vec<u8> {
    let mut s = vec![1, infotype, infolen_sel, 1];
    s.extend_from_slice(info);
    s.push(addrs.len() as u8);
    for (kind, bytes) in addrs {
        s.push(*kind);
        if *kind == 7 {
            // raw bytes: a length, then all of them, family included
            s.push(bytes.len() as u8);
            s.extend_from_slice(bytes);
        } else {
            s.extend_from_slice(&bytes[2..]);
        }
    }
    s.push(1);
    s.push(count_sel);
    s.extend_from_slice(&0i32.to_le_bytes());
    s.push(1);
    s.push(b'x');
    s
}

/// cmsg_build: the encoder, sctp_sendv with each infotype and with several
/// addresses, sctp_sendmsg and sctp_send.
pub fn cmsg_build() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    // The encoder: [0, cap u16, message count, (kind, far sel, data, [far
    // offset])...]; kinds 0..=5 are SNDRCV, SNDINFO, PRINFO, AUTHINFO,
    // DSTADDRV4, DSTADDRV6; far sel 0 puts the message far past the end.
    let mut all = vec![0, 200, 0, 6];
    for (kind, n) in [(0u8, 32usize), (1, 16), (2, 8), (3, 2), (4, 4), (5, 16)] {
        all.extend([kind, 1]);
        all.extend((1..=n as u8).map(|b| b.wrapping_mul(kind + 3)));
    }
    out.push(all);
    // Two SNDINFO in 40 bytes: the second is refused.
    out.push([vec![0, 40, 0, 2, 1, 1], vec![7; 16], vec![1, 1], vec![7; 16]].concat());
    // An offset past the buffer, then a message that fits exactly.
    out.push(vec![0, 24, 0, 2, 3, 0, 1, 2, 9, 3, 1, 5, 0]);
    out.push(vec![0, 0, 0, 1, 1, 1, 0, 0]);
    let snd: Vec<u8> = (1..=16).collect();
    let pr: Vec<u8> = vec![1, 0, 0, 0, 0x88, 0x13, 0, 0];
    let auth: Vec<u8> = vec![5, 0];
    let mut spa = vec![0u8; 32];
    spa[0] = 7;
    spa[4..20].copy_from_slice(&snd);
    spa[20..28].copy_from_slice(&pr);
    spa[28..30].copy_from_slice(&auth);
    let a4 = v4([127, 0, 0, 1], 9);
    let a6 = v6(1, 9);
    out.push(sendv(0, 0, &[], &[], 0));
    out.push(sendv(1, 0, &snd, &[], 0));
    out.push(sendv(2, 0, &pr, &[], 0));
    out.push(sendv(3, 0, &auth, &[], 0));
    out.push(sendv(4, 0, &spa, &[], 0));
    out.push(sendv(4, 0, &spa, &[(0, a4.clone()), (4, a6.clone()), (0, a4.clone())], 0));
    out.push(sendv(1, 0, &snd, &[(4, a6.clone()), (0, a4.clone())], 0));
    out.push(sendv(0, 0, &[], &[(0, a4.clone()), (7, unknown())], 0));
    out.push(sendv(1, 3, &snd, &[], 0));
    out.push(sendv(5, 0, &[], &[(0, a4.clone())], 7));
    out.push(sendv(0, 0, &[], &[(0, a4)], 6));
    // sctp_sendmsg: [3, payload len, payload, 0, stream, flags, ppid, ttl, context, to sel, to]
    let mut s = vec![3, 2, b'h', b'i', 0];
    s.extend_from_slice(&3u16.to_le_bytes());
    s.extend_from_slice(&0x8000_0001u32.to_le_bytes());
    s.extend_from_slice(&0x1234_5678u32.to_le_bytes());
    s.extend_from_slice(&1000u32.to_le_bytes());
    s.extend_from_slice(&7u32.to_le_bytes());
    s.push(1);
    s.extend_from_slice(&v4([127, 0, 0, 1], 9));
    out.push(s);
    // sctp_send: [3, payload len, payload, 1, with-info sel, sinfo(32), flags]
    let mut s = vec![3, 1, b'x', 1, 1];
    s.extend((0..32u8).map(|i| i.wrapping_mul(37)));
    s.extend_from_slice(&0i32.to_le_bytes());
    out.push(s);
    out.push(vec![3, 1, b'x', 1, 0]);
    out
}

fn cmsg(level: i32, ty: i32, data: &[u8]) -> Vec<u8> {
    let mut c = model::cmsg_header(model::CMSG_HDR + data.len(), level, ty);
    c.extend_from_slice(data);
    c.resize(model::cmsg_align(c.len()), 0);
    c
}

/// cmsg_parse: control buffers as the kernel fills them, truncated ones,
/// and headers that lie about their length.
pub fn cmsg_parse() -> Vec<Vec<u8>> {
    let sctp = 132;
    let nxt = cmsg(sctp, 4, &[1; 16]);
    let rcv = cmsg(sctp, 3, &[2; 28]);
    let sndrcv = cmsg(sctp, 1, &[3; 32]);
    let all = [nxt.clone(), rcv.clone(), sndrcv.clone()].concat();
    let mut out = vec![
        vec![],
        nxt.clone(),
        rcv.clone(),
        sndrcv.clone(),
        all.clone(),
        all[..all.len() - 10].to_vec(),
        [cmsg(1, 1, &[0; 4]), sndrcv.clone()].concat(),
        [cmsg(sctp, 3, &[2; 8]), rcv.clone()].concat(),
    ];
    let mut lie = rcv.clone();
    lie[0] = 200;
    out.push(lie);
    let mut short = rcv;
    short[0] = 3;
    out.push(short);
    let mut huge = sndrcv;
    huge[7] = 0x80;
    out.push(huge);
    out
}

/// A notification of `kind` as the kernel lays it out: its `fixed`-byte
/// struct (zeros but for the header and `fields`, at their offsets in
/// `<linux/sctp.h>`), then `tail`.
fn notif(kind: u16, fixed: usize, fields: &[(usize, &[u8])], tail: &[u8]) -> Vec<u8> {
    let mut b = vec![0u8; fixed];
    b[0..2].copy_from_slice(&kind.to_ne_bytes());
    b[4..8].copy_from_slice(&((fixed + tail.len()) as u32).to_ne_bytes());
    for (off, v) in fields {
        b[*off..*off + v.len()].copy_from_slice(v);
    }
    b.extend_from_slice(tail);
    b
}

/// notification_parse: one notification of every kind the kernel sends
/// (some twice), unknown types, and the malformed: truncated, lying
/// lengths, a bad address family, an odd stream list.
pub fn notification_parse() -> Vec<Vec<u8>> {
    let id = |v: i32| v.to_ne_bytes();
    let u16n = |v: u16| v.to_ne_bytes();
    let u32n = |v: u32| v.to_ne_bytes();
    let abort = [6u8, 0, 0, 8, 0, 0x0c, 0, 4];
    let streams: Vec<u8> = [1u16, 7, 0xffff].iter().flat_map(|s| s.to_ne_bytes()).collect();
    let mut sin6 = v6(1, 9899);
    sin6[24..28].copy_from_slice(&3u32.to_ne_bytes());
    let valid = vec![
        // SCTP_ASSOC_CHANGE: COMM_UP, then COMM_LOST with the peer's ABORT.
        notif(0x8001, 20, &[(8, &u16n(0)), (12, &u16n(10)), (14, &u16n(10)), (16, &id(1))], &[]),
        notif(0x8001, 20, &[(8, &u16n(1)), (10, &u16n(12)), (16, &id(2))], &abort),
        // SCTP_PEER_ADDR_CHANGE, IPv4 and IPv6.
        notif(0x8002, 148, &[(8, &v4([127, 0, 0, 1], 9899)), (136, &3i32.to_ne_bytes()), (144, &id(3))], &[]),
        notif(0x8002, 148, &[(8, &sin6), (136, &6i32.to_ne_bytes()), (140, &110i32.to_ne_bytes()), (144, &id(4))], &[]),
        // SCTP_REMOTE_ERROR (cause in network order), with its data.
        notif(0x8004, 16, &[(8, &0x0102u16.to_be_bytes()), (12, &id(5))], b"cause"),
        // SCTP_SEND_FAILED (sctp_sndrcvinfo at 12) and SCTP_SEND_FAILED_EVENT (sctp_sndinfo at 12).
        notif(0x8003, 48, &[(2, &u16n(1)), (8, &u32n(32)), (12, &u16n(2)), (14, &u16n(3)), (20, &51u32.to_be_bytes()),
            (24, &u32n(7)), (40, &id(6)), (44, &id(6))], b"undelivered"),
        notif(0x800d, 32, &[(8, &u32n(32)), (12, &u16n(4)), (16, &51u32.to_be_bytes()), (20, &u32n(9)), (24, &id(7)),
            (28, &id(7))], b"lost"),
        notif(0x8005, 12, &[(8, &id(8))], &[]),
        notif(0x8007, 16, &[(8, &u32n(0xa0b0_c0d0)), (12, &id(9))], &[]),
        notif(0x8006, 24, &[(8, &u32n(0)), (12, &id(10)), (16, &u32n(3)), (20, &u32n(44))], &[]),
        notif(0x8008, 20, &[(8, &u16n(2)), (10, &u16n(1)), (12, &u32n(1)), (16, &id(11))], &[]),
        notif(0x8009, 12, &[(8, &id(12))], &[]),
        // SCTP_STREAM_RESET_EVENT with a stream list, and for all streams.
        notif(0x800a, 12, &[(2, &u16n(0x0006)), (8, &id(13))], &streams),
        notif(0x800a, 12, &[(2, &u16n(0x0001)), (8, &id(14))], &[]),
        notif(0x800b, 20, &[(2, &u16n(0x0008)), (8, &id(15)), (12, &u32n(0xffff_fff0)), (16, &u32n(42))], &[]),
        notif(0x800c, 16, &[(2, &u16n(0x0004)), (8, &id(16)), (12, &u16n(20)), (14, &u16n(30))], &[]),
        // Types the kernel does not send: unknown, and SCTP_DATA_IO_EVENT.
        notif(0x9000, 8, &[], b"future"),
        notif(0x8000, 8, &[], &[]),
    ];
    let mut out = valid.clone();
    for v in &valid {
        // Cut short (sn_length past the end), and lengths that lie.
        out.push(v[..v.len() / 2].to_vec());
        let mut l = v.clone();
        l[4..8].copy_from_slice(&(v.len() as u32 + 1).to_ne_bytes());
        out.push(l);
        let mut l = v.clone();
        l[4..8].copy_from_slice(&(v.len() as u32 - 1).to_ne_bytes());
        out.push(l);
    }
    out.push(vec![]);
    out.push(vec![1, 0x80, 0, 0, 20, 0, 0]);
    out.push(notif(0x8002, 148, &[(8, &unknown())], &[]));
    out.push(notif(0x800a, 12, &[], &[1, 0, 2]));
    out
}
