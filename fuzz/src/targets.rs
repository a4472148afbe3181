//! The fuzz targets. Each decodes its input into a call, makes it,
//! and panics if the library's answer differs from [`crate::model`].
//!
//! Buffers handed to the library by pointer are exact-size heap copies, so
//! a read one byte past them is an out-of-bounds read that valgrind (and
//! ASan, where the fuzzer runs with it) reports.

use crate::capture::{self, FUZZ_FD};
use crate::cmsg::{self, Data, SendCmsg};
use crate::errno::{self, Errno};
use crate::model::{self, ne_i32, ne_u16, ne_u32, Addr, Input, ModelCmsg, NotRefused, AF_INET, AF_INET6, SIN6_LEN, SIN_LEN};
use crate::packed;
use crate::types::*;
use crate::uapi::*;
use libc::{c_int, c_uint, c_void, iovec, sockaddr, socklen_t, EBADF, EFAULT, EINVAL, ENOBUFS};
use sctp_socket::notification::*;
use sctp_socket::Notification;
use std::mem::{size_of, MaybeUninit};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::ptr;

/// Exact-size heap copy of `bytes` (NULL when empty: no pointer at all).
fn heap(bytes: &[u8]) -> Box<[u8]> {
    bytes.to_vec().into_boxed_slice()
}

fn ptr_of(b: &[u8]) -> *mut u8 {
    if b.is_empty() {
        ptr::NonNull::dangling().as_ptr()
    } else {
        b.as_ptr() as *mut u8
    }
}

/// A count the library may be given with these bytes: anything it must
/// refuse before reading (negative, beyond the all-IPv4 bound) stays; a
/// positive count larger than the entries really there is cut down, since
/// the library is then entitled to read past the bytes.
fn contract_count(c: c_int, honest: c_int) -> c_int {
    if c > honest && c as u64 * SIN_LEN as u64 <= model::INT_MAX as u64 {
        honest
    } else {
        c
    }
}

/// The C result of a call: its return value and errno if it failed.
fn c_result(rc: c_int) -> Result<c_int, c_int> {
    if rc == -1 {
        Err(errno::get())
    } else {
        Ok(rc)
    }
}

// ---- packed_walk ----

/// The packed-address walker: `walk_bytes` against the model for any count;
/// `array_len` and the exported `sctp_bindx` on an exact-size copy with a
/// count the caller could honestly pass (or one that must be refused
/// before reading), and with NULL.
pub fn packed_walk(data: &[u8]) {
    let mut inp = Input::new(data);
    let sel = inp.u8();
    let raw = inp.i32();
    let flags = match inp.u8() % 4 {
        0 => SCTP_BINDX_ADD_ADDR,
        1 => SCTP_BINDX_REM_ADDR,
        2 => 0,
        _ => raw.rotate_left(7),
    };
    let buf = inp.rest();
    let honest = model::honest_count(buf);
    let count = model::count_pick(sel, raw, honest);

    // walk_bytes: bounds-checked, any count.
    let want = model::walk(buf, count);
    let mut seen = Vec::new();
    let got = packed::walk_bytes(buf, count, |e| {
        seen.push(Addr { offset: e.offset, family: e.family as u16, len: e.len });
        Ok(())
    });
    match (&want, got) {
        (Ok(entries), Ok(len)) => {
            assert_eq!(&seen, entries, "walk_bytes visited other entries than the model");
            assert_eq!(len, entries.iter().map(|e| e.len).sum::<usize>(), "walk_bytes length");
        }
        (Err(why), Err(e)) => {
            assert_eq!(e, errno::EINVAL, "walk_bytes refused {why:?} with {e:?}");
            let prefix = model::walk(buf, seen.len() as c_int).expect("visited entries are valid");
            assert_eq!(seen, prefix, "walk_bytes visited entries past a bad one");
            if matches!(why, model::Refused::TooMany | model::Refused::NegativeCount) {
                assert!(seen.is_empty(), "a count refused up front must not be walked");
            }
        }
        (w, g) => panic!("walk_bytes({count}) = {g:?}, model {w:?}"),
    }

    // array_len and sctp_bindx read the caller's memory: honest counts only.
    let c = contract_count(count, honest);
    let want = model::walk(buf, c);
    let copy = heap(buf);
    // SAFETY: `copy` holds `c` packed entries as far as the walk reads
    // (contract_count), or `c` is refused before anything is read.
    let got = unsafe { packed::array_len(ptr_of(&copy) as *const sockaddr, c) };
    match (&want, got) {
        (Ok(entries), Ok(len)) => assert_eq!(len, entries.iter().map(|e| e.len).sum::<usize>()),
        (Err(_), Err(e)) => assert_eq!(e, errno::EINVAL),
        (w, g) => panic!("array_len({c}) = {g:?}, model {w:?}"),
    }
    // SAFETY: NULL is never read: EFAULT for a positive count.
    let got = unsafe { packed::array_len(ptr::null(), c) };
    let want_null = if c > 0 {
        Err(errno::EFAULT)
    } else if c < 0 {
        Err(errno::EINVAL)
    } else {
        Ok(0)
    };
    assert_eq!(got, want_null, "array_len(NULL, {c})");

    // The exported function, on a descriptor that cannot exist: the
    // library's checks answer first, else the kernel's EBADF.
    let expect = if flags != SCTP_BINDX_ADD_ADDR && flags != SCTP_BINDX_REM_ADDR {
        EINVAL
    } else if want.is_err() {
        EINVAL
    } else {
        EBADF
    };
    // SAFETY: as for array_len.
    let rc = unsafe { crate::bindx::sctp_bindx(-1, ptr_of(&copy) as *mut sockaddr, c, flags) };
    assert_eq!(c_result(rc), Err(expect), "sctp_bindx(-1, {c}, {flags:#x})");
    // SAFETY: NULL is never read.
    let rc = unsafe { crate::bindx::sctp_bindx(-1, ptr::null_mut(), c, flags) };
    let expect_null = if flags != SCTP_BINDX_ADD_ADDR && flags != SCTP_BINDX_REM_ADDR {
        EINVAL
    } else if c > 0 {
        EFAULT
    } else if c < 0 {
        EINVAL
    } else {
        EBADF
    };
    assert_eq!(c_result(rc), Err(expect_null), "sctp_bindx(-1, NULL, {c}, {flags:#x})");
}

// ---- cmsg_build ----

/// A packed address array built from the input: mostly well-formed
/// entries, sometimes an unknown family or a short tail.
fn addr_array(inp: &mut Input) -> Vec<u8> {
    let n = inp.u8() % 6;
    let mut out = Vec::new();
    for _ in 0..n {
        match inp.u8() % 8 {
            0..=3 => {
                out.extend_from_slice(&AF_INET.to_ne_bytes());
                out.extend(inp.bytes(SIN_LEN - 2));
            }
            4..=6 => {
                out.extend_from_slice(&AF_INET6.to_ne_bytes());
                out.extend(inp.bytes(SIN6_LEN - 2));
            }
            _ => {
                let len = (inp.u8() % 30) as usize;
                out.extend(inp.bytes(len));
            }
        }
    }
    out
}

/// What one sctp_sendv info yields: the cmsgs it adds, or an errno.
/// Fields are compared without the structs' padding bytes.
struct InfoModel {
    cmsgs: Vec<(c_int, Vec<u8>)>,
}

fn without_padding(ty: c_int, data: &[u8]) -> Vec<u8> {
    if ty == SCTP_PRINFO {
        // u16 pr_policy, 2 bytes of padding, u32 pr_value
        let mut d = data.to_vec();
        d[2] = 0;
        d[3] = 0;
        d
    } else {
        data.to_vec()
    }
}

fn info_model(infotype: c_uint, infolen: socklen_t, info: Option<&[u8]>) -> Result<InfoModel, c_int> {
    let need = |size: usize| -> Result<&[u8], c_int> {
        if infolen as usize != size {
            return Err(EINVAL);
        }
        info.ok_or(EFAULT)
    };
    let mut cmsgs = Vec::new();
    match infotype {
        0 => {
            if infolen != 0 {
                return Err(EINVAL);
            }
        }
        1 => cmsgs.push((SCTP_SNDINFO, need(size_of::<sctp_sndinfo>())?.to_vec())),
        2 => cmsgs.push((SCTP_PRINFO, need(size_of::<sctp_prinfo>())?.to_vec())),
        3 => cmsgs.push((SCTP_AUTHINFO, need(size_of::<sctp_authinfo>())?.to_vec())),
        4 => {
            let b = need(size_of::<sctp_sendv_spa>())?;
            let flags = u32::from_ne_bytes(b[0..4].try_into().unwrap());
            let o_snd = std::mem::offset_of!(sctp_sendv_spa, sendv_sndinfo);
            let o_pr = std::mem::offset_of!(sctp_sendv_spa, sendv_prinfo);
            let o_auth = std::mem::offset_of!(sctp_sendv_spa, sendv_authinfo);
            if flags & SCTP_SEND_SNDINFO_VALID != 0 {
                cmsgs.push((SCTP_SNDINFO, b[o_snd..o_snd + size_of::<sctp_sndinfo>()].to_vec()));
            }
            if flags & SCTP_SEND_PRINFO_VALID != 0 {
                cmsgs.push((SCTP_PRINFO, b[o_pr..o_pr + size_of::<sctp_prinfo>()].to_vec()));
            }
            if flags & SCTP_SEND_AUTHINFO_VALID != 0 {
                cmsgs.push((SCTP_AUTHINFO, b[o_auth..o_auth + size_of::<sctp_authinfo>()].to_vec()));
            }
        }
        _ => return Err(EINVAL),
    }
    Ok(InfoModel { cmsgs })
}

/// Check a captured control buffer: whole messages, zero padding, and
/// exactly the expected (type, data) pairs in any order.
fn check_control(sent: &capture::Sent, mut want: Vec<(c_int, Vec<u8>)>) {
    let space: usize = want.iter().map(|(_, d)| model::cmsg_space(d.len())).sum();
    if want.is_empty() {
        assert!(sent.control.is_none() && sent.controllen == 0, "no info, no addresses: no control buffer");
        return;
    }
    let control = sent.control.as_ref().expect("a control buffer");
    assert_eq!(sent.controllen, space, "msg_controllen is the sum of CMSG_SPACE");
    let parsed = model::parse_cmsgs(control);
    let mut got = Vec::new();
    let mut end = 0;
    for ModelCmsg { offset, len, level, ty } in &parsed {
        assert_eq!(*offset, end, "cmsgs are back to back");
        assert_eq!(*level, IPPROTO_SCTP, "every cmsg is at IPPROTO_SCTP");
        let data = &control[offset + model::CMSG_HDR..offset + len];
        let pad = &control[offset + len..(offset + model::cmsg_align(*len)).min(control.len())];
        assert!(pad.iter().all(|&b| b == 0), "cmsg padding is zero");
        got.push((*ty, without_padding(*ty, data)));
        end = offset + model::cmsg_align(*len);
    }
    assert_eq!(end, control.len(), "the control buffer holds whole cmsgs only");
    for w in &mut want {
        w.1 = without_padding(w.0, &w.1);
    }
    got.sort();
    want.sort();
    assert_eq!(got, want, "the cmsgs built");
}

/// The cmsg builder: the SendCmsg encoder on its own, then sctp_sendv,
/// sctp_send and sctp_sendmsg through the interposed sendmsg, each checked
/// against the model of the control messages RFC 6458 asks for.
pub fn cmsg_build(data: &[u8]) {
    let mut inp = Input::new(data);
    match inp.u8() % 4 {
        0 => writer(&mut inp),
        1 | 2 => sendv(&mut inp),
        _ => sendmsg_send(&mut inp),
    }
}

/// The bytes of a buffer the target filled before handing it out.
fn init_bytes(buf: &[MaybeUninit<u8>]) -> &[u8] {
    // SAFETY: every byte of the buffers passed here was initialised (to
    // 0xa5, then by the encoder).
    unsafe { std::slice::from_raw_parts(buf.as_ptr() as *const u8, buf.len()) }
}

/// The encoder on its own: cmsgs of every type the library sends, with
/// the input's data (exact-size heap copies, unaligned as they come), one
/// after another into a buffer of the input's size, some at an offset far
/// past it. Each is written whole at its offset or refused with ENOBUFS,
/// writing nothing; what was written parses back; nothing past it is
/// touched.
fn writer(inp: &mut Input) {
    let cap = (inp.u16() % 600) as usize;
    let mut buf = vec![MaybeUninit::new(0xa5u8); cap];
    let mut pushed: Vec<(c_int, Vec<u8>)> = Vec::new();
    let mut at = 0;
    for _ in 0..inp.u8() % 16 {
        let kind = inp.u8() % 6;
        let far = inp.u8() % 8 == 0;
        let (ty, n) = match kind {
            0 => (SCTP_SNDRCV, size_of::<sctp_sndrcvinfo>()),
            1 => (SCTP_SNDINFO, size_of::<sctp_sndinfo>()),
            2 => (SCTP_PRINFO, size_of::<sctp_prinfo>()),
            3 => (SCTP_AUTHINFO, size_of::<sctp_authinfo>()),
            4 => (SCTP_DSTADDRV4, size_of::<libc::in_addr>()),
            _ => (SCTP_DSTADDRV6, size_of::<libc::in6_addr>()),
        };
        let data = heap(&inp.bytes(n));
        let p = data.as_ptr();
        // SAFETY: `data` holds exactly the type's size in bytes and
        // outlives the message.
        let m = unsafe {
            match kind {
                0 => SendCmsg::Sndrcv(Data::from_ptr(p.cast())),
                1 => SendCmsg::Sndinfo(Data::from_ptr(p.cast())),
                2 => SendCmsg::Prinfo(Data::from_ptr(p.cast())),
                3 => SendCmsg::Authinfo(Data::from_ptr(p.cast())),
                4 => SendCmsg::DstAddrV4(Data::from_ptr(p.cast())),
                _ => SendCmsg::DstAddrV6(Data::from_ptr(p.cast())),
            }
        };
        assert_eq!(m.space(), cmsg::space_for(n), "space is CMSG_SPACE of the type's struct");
        let offset = if far { usize::MAX - (inp.u8() as usize) } else { at };
        let before = init_bytes(&buf).to_vec();
        match m.encode_into(&mut buf, offset) {
            Ok(end) => {
                assert!(!far, "an offset past the buffer was accepted");
                assert_eq!(end, at + cmsg::space_for(n), "a message takes CMSG_SPACE");
                assert!(end <= cap);
                pushed.push((ty, data.to_vec()));
                at = end;
            }
            Err(e) => {
                assert_eq!(e, Errno(ENOBUFS), "a full buffer says ENOBUFS");
                assert!(far || at + cmsg::space_for(n) > cap, "refused although it fit");
                assert_eq!(init_bytes(&buf), &before[..], "a refused message writes nothing");
            }
        }
    }
    let bytes = init_bytes(&buf);
    let got: Vec<_> = cmsg::parse(&bytes[..at]).map(|c| (c.level, c.ty, c.data.to_vec())).collect();
    let want: Vec<_> = pushed.iter().map(|(ty, d)| (IPPROTO_SCTP, *ty, d.clone())).collect();
    assert_eq!(got, want, "what was built parses back");
    let model: Vec<_> = model::parse_cmsgs(&bytes[..at]);
    assert_eq!(model.len(), pushed.len(), "the model parser agrees");
    for m in &model {
        let pad = &bytes[m.offset + m.len..m.offset + model::cmsg_align(m.len)];
        assert!(pad.iter().all(|&b| b == 0), "padding is zero");
    }
    assert!(bytes[at..].iter().all(|&b| b == 0xa5), "nothing written past the messages");
}

fn sendv(inp: &mut Input) {
    let infotype: c_uint = match inp.u8() % 8 {
        t @ 0..=4 => t as c_uint,
        5 => 5,
        6 => c_uint::MAX,
        _ => inp.u32(),
    };
    let natural = match infotype {
        1 => size_of::<sctp_sndinfo>(),
        2 => size_of::<sctp_prinfo>(),
        3 => size_of::<sctp_authinfo>(),
        4 => size_of::<sctp_sendv_spa>(),
        _ => 0,
    } as socklen_t;
    let infolen: socklen_t = match inp.u8() % 6 {
        0..=2 => natural,
        3 => natural.wrapping_add(1),
        4 => natural.wrapping_sub(1),
        _ => inp.u32() % 64,
    };
    let info_null = inp.u8() % 8 == 0;
    // The info buffer holds exactly infolen bytes (at most 64: anything
    // longer than the largest struct must be refused unread).
    let info_bytes = heap(&inp.bytes((infolen as usize).min(64)));
    let addrs = heap(&addr_array(inp));
    let addrs_null = inp.u8() % 8 == 0;
    let honest = model::honest_count(&addrs);
    let (sel, raw) = (inp.u8(), inp.i32());
    let c = contract_count(model::count_pick(sel, raw, honest), honest);
    let plen = (inp.u8() % 4) as usize;
    let payload = heap(&inp.bytes(plen));
    let iov = iovec { iov_base: ptr_of(&payload) as *mut c_void, iov_len: payload.len() };

    let info_ptr = if info_null { ptr::null_mut() } else { ptr_of(&info_bytes) as *mut c_void };
    let addrs_ptr = if addrs_null { ptr::null_mut() } else { ptr_of(&addrs) as *mut sockaddr };
    capture::take();
    // SAFETY: every buffer is as long as the count/length given for it, or
    // the library must refuse the call before reading it (contract_count,
    // and infolen past 64 never matches a struct).
    let rc = unsafe {
        crate::sendmsg::sctp_sendv(FUZZ_FD, &iov, 1, addrs_ptr, c, info_ptr, infolen, infotype, 0)
    };
    let got = c_result(rc);
    let sent = capture::take();

    let info_want = info_model(infotype, infolen, (!info_null).then_some(&info_bytes[..]));
    let addr_want: Result<Vec<Addr>, c_int> = if addrs_null && c > 0 {
        Err(EFAULT)
    } else if addrs_null {
        model::walk(&[], c).map_err(|_| EINVAL)
    } else {
        model::walk(&addrs, c).map_err(|_| EINVAL)
    };
    match (info_want, addr_want) {
        (Ok(info), Ok(entries)) => {
            assert_eq!(got, Ok(payload.len() as c_int), "sctp_sendv returns what sendmsg sent");
            let sent = sent.expect("sctp_sendv called sendmsg");
            assert_eq!(sent.iov_lens, vec![payload.len()]);
            assert_eq!(sent.flags, 0);
            match entries.first() {
                None => assert!(sent.name.is_none() && sent.namelen == 0, "no address, no msg_name"),
                Some(first) => {
                    assert_eq!(sent.namelen as usize, first.len, "msg_namelen is the first address's size");
                    assert_eq!(sent.name.as_deref(), Some(&addrs[..first.len]), "msg_name is the first address");
                }
            }
            let mut want = info.cmsgs;
            for e in entries.iter().skip(1) {
                let a = &addrs[e.offset..e.offset + e.len];
                if e.family == AF_INET {
                    want.push((SCTP_DSTADDRV4, a[4..8].to_vec()));
                } else {
                    want.push((SCTP_DSTADDRV6, a[8..24].to_vec()));
                }
            }
            check_control(&sent, want);
        }
        (i, a) => {
            let allowed: Vec<c_int> = [i.err(), a.err()].into_iter().flatten().collect();
            match got {
                Err(e) if allowed.contains(&e) => {}
                other => panic!("sctp_sendv = {other:?}, the model says one of {allowed:?}"),
            }
            assert!(sent.is_none(), "a refused sctp_sendv must not send");
        }
    }
}

fn sendmsg_send(inp: &mut Input) {
    let plen = (inp.u8() % 4) as usize;
    let payload = heap(&inp.bytes(plen));
    if inp.u8() % 2 == 0 {
        let stream = inp.u16();
        let flags = inp.u32();
        let ppid = inp.u32();
        let ttl = inp.u32();
        let context = inp.u32();
        let tolen = if inp.u8() % 2 == 0 { 0 } else { SIN_LEN };
        let to = heap(&inp.bytes(tolen));
        let to_ptr = if to.is_empty() { ptr::null_mut() } else { ptr_of(&to) as *mut sockaddr };
        capture::take();
        // SAFETY: every buffer is as long as the length given for it.
        let rc = unsafe {
            crate::sendmsg::sctp_sendmsg(FUZZ_FD, ptr_of(&payload) as *const c_void, payload.len(), to_ptr,
                to.len() as socklen_t, ppid, flags, stream, ttl, context)
        };
        assert_eq!(c_result(rc), Ok(payload.len() as c_int));
        let sent = capture::take().expect("sctp_sendmsg called sendmsg");
        assert_eq!(sent.name.as_deref(), (!to.is_empty()).then_some(&to[..]));
        let mut want = vec![0u8; size_of::<sctp_sndrcvinfo>()];
        want[0..2].copy_from_slice(&stream.to_ne_bytes());
        want[4..6].copy_from_slice(&(flags as u16).to_ne_bytes());
        want[8..12].copy_from_slice(&ppid.to_ne_bytes());
        want[12..16].copy_from_slice(&context.to_ne_bytes());
        want[16..20].copy_from_slice(&ttl.to_ne_bytes());
        // The struct's 2 padding bytes (6..8) must be zeros too: the
        // kernel reads the whole cmsg, and anything else is stack garbage.
        let control = sent.control.as_ref().expect("one SCTP_SNDRCV cmsg");
        assert_eq!(sent.controllen, model::CMSG_HDR + want.len(), "msg_controllen is CMSG_LEN, as lksctp");
        let parsed = model::parse_cmsgs(control);
        assert_eq!(parsed.len(), 1);
        assert_eq!((parsed[0].level, parsed[0].ty), (IPPROTO_SCTP, SCTP_SNDRCV));
        assert_eq!(&control[model::CMSG_HDR..], &want[..], "SCTP_SNDRCV carries the arguments, zeros elsewhere");
    } else {
        let with_info = inp.u8() % 4 != 0;
        let sinfo = heap(&inp.bytes(size_of::<sctp_sndrcvinfo>()));
        let flags = inp.i32() & (libc::MSG_DONTWAIT | libc::MSG_NOSIGNAL | libc::MSG_EOR);
        let sinfo_ptr = if with_info { ptr_of(&sinfo) as *const sctp_sndrcvinfo } else { ptr::null() };
        capture::take();
        // SAFETY: every buffer is as long as the length given for it.
        let rc = unsafe {
            crate::sendmsg::sctp_send(FUZZ_FD, ptr_of(&payload) as *const c_void, payload.len(), sinfo_ptr, flags)
        };
        assert_eq!(c_result(rc), Ok(payload.len() as c_int));
        let sent = capture::take().expect("sctp_send called sendmsg");
        assert_eq!(sent.flags, flags, "sctp_send passes its flags to sendmsg");
        assert!(sent.name.is_none());
        if !with_info {
            assert!(sent.control.is_none() && sent.controllen == 0, "sinfo NULL: no cmsg");
        } else {
            let control = sent.control.as_ref().expect("one SCTP_SNDRCV cmsg");
            let parsed = model::parse_cmsgs(control);
            assert_eq!(parsed.len(), 1);
            assert_eq!((parsed[0].level, parsed[0].ty), (IPPROTO_SCTP, SCTP_SNDRCV));
            let data = &control[model::CMSG_HDR..];
            // Fields as the caller gave them (padding 6..8 not compared).
            assert_eq!(&data[0..6], &sinfo[0..6]);
            assert_eq!(&data[8..], &sinfo[8..]);
        }
    }
}

// ---- cmsg_parse ----

/// The cmsg parser on arbitrary bytes (what a truncated or hostile control
/// buffer could hold): the same messages as the model, data inside the
/// buffer, and `find` picking the first SCTP cmsg of a type, read only if
/// long enough.
pub fn cmsg_parse(data: &[u8]) {
    let buf = heap(data);
    let model = model::parse_cmsgs(&buf);
    let got: Vec<ModelCmsg> = cmsg::parse(&buf)
        .map(|c| {
            let start = c.data.as_ptr() as usize - buf.as_ptr() as usize;
            assert!(start >= model::CMSG_HDR && start + c.data.len() <= buf.len(), "data inside the buffer");
            ModelCmsg { offset: start - model::CMSG_HDR, len: c.data.len() + model::CMSG_HDR, level: c.level, ty: c.ty }
        })
        .collect();
    assert_eq!(got, model, "parse");

    /// What the model says cmsg::find::<T>(buf, ty) finds.
    fn model_find<T: Copy>(buf: &[u8], model: &[ModelCmsg], ty: c_int) -> Option<T> {
        // The first SCTP message of that type with room for a whole T: a
        // shorter one is passed over (cmsg::find_data's contract).
        model
            .iter()
            .find(|m| m.level == IPPROTO_SCTP && m.ty == ty && m.len - model::CMSG_HDR >= size_of::<T>())
            .map(|m| {
                let d = &buf[m.offset + model::CMSG_HDR..m.offset + m.len];
                // SAFETY: `d` has at least size_of::<T>() bytes; T is plain data.
                unsafe { ptr::read_unaligned(d.as_ptr() as *const T) }
            })
    }
    fn check_find<T: Copy + PartialEq + std::fmt::Debug>(buf: &[u8], model: &[ModelCmsg], ty: c_int) {
        // SAFETY: T is one of the kernel's integer structs (the calls below).
        assert_eq!(unsafe { cmsg::find::<T>(buf, ty) }, model_find::<T>(buf, model, ty), "find type {ty}");
    }
    check_find::<sctp_sndrcvinfo>(&buf, &model, SCTP_SNDRCV);
    check_find::<sctp_rcvinfo>(&buf, &model, SCTP_RCVINFO);
    check_find::<sctp_nxtinfo>(&buf, &model, SCTP_NXTINFO);

    // The safe API's receive-info parser on the same bytes: RCVINFO, or
    // else the older SNDRCV, and NXTINFO, field for field, the PPIDs from
    // network byte order.
    let (info, next) = sctp_socket::parse_control(&buf);
    let rcv = model_find::<sctp_rcvinfo>(&buf, &model, SCTP_RCVINFO).map(|r| {
        (r.rcv_sid, r.rcv_ssn, r.rcv_flags, u32::from_be(r.rcv_ppid), r.rcv_tsn, r.rcv_cumtsn, r.rcv_context, r.rcv_assoc_id)
    });
    let want_info = rcv.or_else(|| {
        model_find::<sctp_sndrcvinfo>(&buf, &model, SCTP_SNDRCV).map(|r| {
            (r.sinfo_stream, r.sinfo_ssn, r.sinfo_flags, u32::from_be(r.sinfo_ppid), r.sinfo_tsn, r.sinfo_cumtsn, r.sinfo_context, r.sinfo_assoc_id)
        })
    });
    let got_info = info.map(|i| (i.stream, i.ssn, i.flags, i.ppid, i.tsn, i.cumtsn, i.context, i.assoc_id));
    assert_eq!(got_info, want_info, "parse_control's RecvInfo");
    let want_next = model_find::<sctp_nxtinfo>(&buf, &model, SCTP_NXTINFO)
        .map(|n| (n.nxt_sid, n.nxt_flags, u32::from_be(n.nxt_ppid), n.nxt_length, n.nxt_assoc_id));
    assert_eq!(next.map(|n| (n.stream, n.flags, n.ppid, n.length, n.assoc_id)), want_next, "parse_control's NextInfo");
}

// ---- notification_parse ----

/// The safe API's notification parser (`sctp_socket::Notification::parse`)
/// on arbitrary bytes, an exact-size heap copy: it never panics; it
/// accepts exactly what the model's length rules accept; and what it
/// parses agrees with the model's reading of the bytes at the kernel
/// header's offsets: the kind, the association, every fixed field, and
/// the variable part (the bytes from the kind's struct to sn_length).
pub fn notification_parse(data: &[u8]) {
    let buf = heap(data);
    let got = Notification::parse(&buf);
    let want = model::notification(&buf);
    let (n, m) = match (got, want) {
        (Ok(n), Ok(m)) => (n, m),
        (Err(e), Err(why)) => {
            // The header's type is reported when there was a header.
            assert_eq!(e.kind(), (why != NotRefused::Short).then(|| ne_u16(&buf, 0)), "{e} ({why:?})");
            let io: std::io::Error = e.clone().into();
            assert_eq!(io.kind(), std::io::ErrorKind::InvalidData);
            assert!(!e.to_string().is_empty());
            return;
        }
        (g, w) => panic!("Notification::parse = {g:?}, the model says {w:?}"),
    };
    let b = &buf[..m.len];
    let tail = &b[m.fixed..];
    assert_eq!(n.kind(), m.kind, "the parsed kind is the sn_type");
    assert_eq!(n.assoc_id(), m.assoc_id, "the association id at the kind's offset");
    let kind_known = model::notification_layout(m.kind).is_some();
    assert_eq!(matches!(n, Notification::Unknown { .. }), !kind_known, "Unknown exactly for the kinds the kernel does not send");
    assert_eq!(n.event().map(|e| e.sn_type()), kind_known.then_some(m.kind));
    let ppid = |off| u32::from_be(ne_u32(b, off));
    let status = |raw| match raw {
        0 => DataStatus::Unsent,
        1 => DataStatus::Sent,
        v => DataStatus::Other(v),
    };
    match n {
        Notification::AssocChange { state, error, outbound_streams, inbound_streams, info, .. } => {
            let want = match ne_u16(b, 8) {
                0 => AssocChangeState::CommUp,
                1 => AssocChangeState::CommLost,
                2 => AssocChangeState::Restart,
                3 => AssocChangeState::ShutdownComplete,
                4 => AssocChangeState::CantStartAssoc,
                v => AssocChangeState::Other(v),
            };
            assert_eq!(state, want);
            assert_eq!((error, outbound_streams, inbound_streams), (ne_u16(b, 10), ne_u16(b, 12), ne_u16(b, 14)));
            assert_eq!(info, tail);
        }
        Notification::PeerAddrChange { addr, state, error, .. } => {
            // spc_aaddr at 8: family, port (network order), then the address.
            assert_eq!(addr.port(), u16::from_be(ne_u16(b, 10)));
            let ip = if ne_u16(b, 8) == AF_INET {
                IpAddr::V4(Ipv4Addr::new(b[12], b[13], b[14], b[15]))
            } else {
                let mut a = [0u8; 16];
                a.copy_from_slice(&b[16..32]);
                IpAddr::V6(Ipv6Addr::from(a))
            };
            assert_eq!(addr.ip(), ip);
            let want = match ne_i32(b, 136) {
                0 => PeerAddrState::Available,
                1 => PeerAddrState::Unreachable,
                2 => PeerAddrState::Removed,
                3 => PeerAddrState::Added,
                4 => PeerAddrState::MadePrimary,
                5 => PeerAddrState::Confirmed,
                6 => PeerAddrState::PotentiallyFailed,
                v => PeerAddrState::Other(v),
            };
            assert_eq!((state, error), (want, ne_i32(b, 140)));
        }
        Notification::RemoteError { cause, data, .. } => {
            assert_eq!(cause, u16::from_be(ne_u16(b, 8)), "the cause, from network order");
            assert_eq!(data, tail);
        }
        Notification::SendFailed { status: st, error, info, data, .. } => {
            assert_eq!((st, error), (status(ne_u16(b, 2)), ne_u32(b, 8)));
            let want = SndRcvInfo {
                stream: ne_u16(b, 12),
                ssn: ne_u16(b, 14),
                flags: ne_u16(b, 16),
                ppid: ppid(20),
                context: ne_u32(b, 24),
                timetolive: ne_u32(b, 28),
                tsn: ne_u32(b, 32),
                cumtsn: ne_u32(b, 36),
                assoc_id: ne_i32(b, 40),
            };
            assert_eq!(info, want);
            assert_eq!(data, tail);
        }
        Notification::SendFailedEvent { status: st, error, info, data, .. } => {
            assert_eq!((st, error), (status(ne_u16(b, 2)), ne_u32(b, 8)));
            let want = SndInfo { stream: ne_u16(b, 12), flags: ne_u16(b, 14), ppid: ppid(16), context: ne_u32(b, 20), assoc_id: ne_i32(b, 24) };
            assert_eq!(info, want);
            assert_eq!(data, tail);
        }
        Notification::Shutdown { .. } | Notification::SenderDry { .. } => {}
        Notification::AdaptationIndication { indication, .. } => assert_eq!(indication, ne_u32(b, 8)),
        Notification::PartialDelivery { indication, stream, seq, .. } => {
            let want = match ne_u32(b, 8) {
                0 => PartialDeliveryIndication::Aborted,
                v => PartialDeliveryIndication::Other(v),
            };
            assert_eq!((indication, stream, seq), (want, ne_u32(b, 16), ne_u32(b, 20)));
        }
        Notification::Authentication { key_number, alt_key_number, indication, .. } => {
            let want = match ne_u32(b, 12) {
                0 => AuthIndication::NewKey,
                1 => AuthIndication::FreeKey,
                2 => AuthIndication::NoAuth,
                v => AuthIndication::Other(v),
            };
            assert_eq!((key_number, alt_key_number, indication), (ne_u16(b, 8), ne_u16(b, 10), want));
        }
        Notification::StreamReset { flags, streams, .. } => {
            assert_eq!(flags.bits(), ne_u16(b, 2));
            let want: Vec<u16> = (0..tail.len() / 2).map(|i| ne_u16(tail, 2 * i)).collect();
            assert_eq!(streams, want);
        }
        Notification::AssocReset { flags, local_tsn, remote_tsn, .. } => {
            assert_eq!((flags.bits(), local_tsn, remote_tsn), (ne_u16(b, 2), ne_u32(b, 12), ne_u32(b, 16)));
        }
        Notification::StreamChange { flags, inbound_streams, outbound_streams, .. } => {
            assert_eq!((flags.bits(), inbound_streams, outbound_streams), (ne_u16(b, 2), ne_u16(b, 12), ne_u16(b, 14)));
        }
        Notification::Unknown { kind, bytes } => {
            assert_eq!(kind, m.kind);
            assert_eq!(bytes, b, "an unknown kind keeps its sn_length bytes");
        }
        // Notification is non_exhaustive: a variant added to it fails here
        // until this target checks it.
        other => panic!("a variant this target does not check: {other:?}"),
    }
}
