//! sctp_recvmsg(3) and sctp_recvv(3).

use crate::cmsg::{self, CmsgBuf};
use crate::cptr::{read_opt, write_opt};
use crate::errno::{Errno, Result, ResultExt};
use crate::types::*;
use crate::uapi::*;
use core::mem::{offset_of, size_of};
use libc::{c_int, c_uint, c_void, iovec, msghdr, size_t, sockaddr, socklen_t};

/// Room for every SCTP cmsg the kernel may attach to one message at once
/// (SCTP_SNDRCV, SCTP_RCVINFO and SCTP_NXTINFO), with margin. lksctp's
/// sctp_recvmsg has room for SCTP_SNDRCV alone: with SCTP_RECVRCVINFO also
/// on it gets MSG_CTRUNC and leaves `sinfo` unfilled.
const CONTROL: usize = 2 * (cmsg::space_for(size_of::<sctp_sndrcvinfo>())
    + cmsg::space_for(size_of::<sctp_rcvinfo>())
    + cmsg::space_for(size_of::<sctp_nxtinfo>()));

/// Receive one message (or notification) into `msg`; fill `from`,
/// `fromlen`, `msg_flags` and `sinfo` (from the SCTP_SNDRCV cmsg, which
/// SCTP_EVENTS' sctp_data_io_event turns on; all zero when absent).
/// `*msg_flags` is output only, as RFC 6458 9.8 has it: lksctp 1.0.19 also
/// passes it into recvmsg(2), so callers that leave it uninitialised (UNP's
/// examples and the programs modelled on them) get random
/// MSG_PEEK/MSG_DONTWAIT receives. sctp_recvv's `*flags` is in/out, as the RFC says.
/// `msg` has `len` writable bytes; every other pointer is NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn sctp_recvmsg(
    s: c_int,
    msg: *mut c_void,
    len: size_t,
    from: *mut sockaddr,
    fromlen: *mut socklen_t,
    sinfo: *mut sctp_sndrcvinfo,
    msg_flags: *mut c_int,
) -> c_int {
    let iov = iovec { iov_base: msg, iov_len: len };
    let mut control = CmsgBuf::<CONTROL>::new();
    // SAFETY: `msg` has `len` writable bytes and `from`, `fromlen` are NULL
    // or valid, per the caller's contract.
    let r = unsafe { receive(s, &iov, 1, from, fromlen, &mut control, 0) }.map(|(n, m)| {
        // SAFETY: `msg_flags` is NULL or writable, per the contract.
        unsafe { write_opt(msg_flags, m.msg_flags) };
        if !sinfo.is_null() {
            const N: usize = size_of::<sctp_sndrcvinfo>();
            // SAFETY: a non-NULL `sinfo` has a writable struct of N bytes,
            // per the contract; the cmsg data found has at least N bytes.
            unsafe {
                match cmsg::find_data(control_bytes(&control, &m), SCTP_SNDRCV, N) {
                    Some(data) => core::ptr::copy_nonoverlapping(data.as_ptr(), sinfo as *mut u8, N),
                    None => core::ptr::write_bytes(sinfo as *mut u8, 0, N),
                }
            }
        }
        n
    });
    r.or_minus_one_errno()
}

/// RFC 6458 9.13: receive into `iov`; `*flags` are recvmsg(2)'s flags in,
/// the message's flags out. `info` receives what SCTP_RECVRCVINFO and
/// SCTP_RECVNXTINFO asked for, as far as `*infolen` allows, and
/// `*infotype` says what that is (SCTP_RECVV_NOINFO if nothing).
/// `iov` has `iovlen` entries; `info` has `*infolen` writable bytes; every
/// other pointer is NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn sctp_recvv(
    s: c_int,
    iov: *const iovec,
    iovlen: c_int,
    from: *mut sockaddr,
    fromlen: *mut socklen_t,
    info: *mut c_void,
    infolen: *mut socklen_t,
    infotype: *mut c_uint,
    flags: *mut c_int,
) -> c_int {
    let mut control = CmsgBuf::<CONTROL>::new();
    // SAFETY: `flags` is NULL or valid, per the caller's contract.
    let in_flags = unsafe { read_opt(flags, 0) };
    // SAFETY: `iov` has `iovlen` entries and `from`, `fromlen` are NULL or
    // valid, per the caller's contract.
    let r = unsafe { receive(s, iov, iovlen as usize, from, fromlen, &mut control, in_flags) }.map(|(n, m)| {
        // SAFETY: `flags` is NULL or writable, per the contract.
        unsafe { write_opt(flags, m.msg_flags) };
        if !info.is_null() && !infolen.is_null() && !infotype.is_null() {
            // SAFETY: all three non-NULL: `info` has `*infolen` writable
            // bytes and the other two are valid, per the contract.
            unsafe { store_recv_info(control_bytes(&control, &m), info, infolen, infotype) };
        }
        n
    });
    r.or_minus_one_errno()
}

/// Store RCVINFO, NXTINFO or both (RN) in `info`, as far as `*infolen`
/// has room, the way lksctp does: the first of them the kernel sent (it
/// sends NXTINFO first) if that fits, then both if RN fits. A short buffer
/// gets less, not an error: the message is already consumed.
///
/// # Safety
/// `info` has `*infolen` writable bytes; `infolen` and `infotype` are valid.
unsafe fn store_recv_info(control: &[u8], info: *mut c_void, infolen: *mut socklen_t, infotype: *mut c_uint) {
    use core::ptr::copy_nonoverlapping;
    use sctp_recvv_infotype::*;
    const RCV: usize = size_of::<sctp_rcvinfo>();
    const NXT: usize = size_of::<sctp_nxtinfo>();
    const RN: usize = size_of::<sctp_recvv_rn>();
    const RN_NXT: usize = offset_of!(sctp_recvv_rn, recvv_nxtinfo);
    // SAFETY: `infolen` is valid, per the contract.
    let room = unsafe { infolen.read_unaligned() } as usize;
    let out = info as *mut u8;
    // What is stored so far; NOINFO leaves *infolen as it is.
    let (mut got, mut len) = (SCTP_RECVV_NOINFO, room);
    for c in cmsg::parse(control) {
        let data = c.data.as_ptr();
        // SAFETY: each copy writes no more than `room` bytes of `info`
        // (RN_NXT + NXT = RN), from cmsg data of at least the bytes copied
        // or from `info` itself, not overlapping (NXT <= RN_NXT).
        unsafe {
            match (c.level, c.ty) {
                (IPPROTO_SCTP, SCTP_RCVINFO) if c.data.len() >= RCV => match got {
                    SCTP_RECVV_NOINFO if room >= RCV => {
                        copy_nonoverlapping(data, out, RCV);
                        (got, len) = (SCTP_RECVV_RCVINFO, RCV);
                    }
                    SCTP_RECVV_NXTINFO if room >= RN => {
                        // The NXTINFO stored first moves to its place in RN.
                        copy_nonoverlapping(out, out.add(RN_NXT), NXT);
                        copy_nonoverlapping(data, out, RCV);
                        (got, len) = (SCTP_RECVV_RN, RN);
                        break;
                    }
                    _ => break,
                },
                (IPPROTO_SCTP, SCTP_NXTINFO) if c.data.len() >= NXT => match got {
                    SCTP_RECVV_NOINFO if room >= NXT => {
                        copy_nonoverlapping(data, out, NXT);
                        (got, len) = (SCTP_RECVV_NXTINFO, NXT);
                    }
                    SCTP_RECVV_RCVINFO if room >= RN => {
                        copy_nonoverlapping(data, out.add(RN_NXT), NXT);
                        (got, len) = (SCTP_RECVV_RN, RN);
                        break;
                    }
                    _ => break,
                },
                _ => {}
            }
        }
    }
    // SAFETY: `infotype` and `infolen` are valid, per the contract.
    unsafe {
        infotype.write_unaligned(got as c_uint);
        infolen.write_unaligned(len as socklen_t);
    }
}

/// recvmsg(2) with a control buffer of ours. Returns its result (SCTP
/// messages are far below 2 GiB) and the msghdr as the kernel left it, or
/// recvmsg's failure as it is; `fromlen` is updated here.
///
/// # Safety
/// `iov` has `iovlen` entries; `fromlen` is NULL or valid, and `from` NULL
/// or with `*fromlen` writable bytes.
#[inline(always)]
unsafe fn receive(
    s: c_int,
    iov: *const iovec,
    iovlen: usize,
    from: *mut sockaddr,
    fromlen: *mut socklen_t,
    control: &mut CmsgBuf<CONTROL>,
    flags: c_int,
) -> Result<(c_int, msghdr)> {
    // SAFETY: `fromlen` is NULL or valid, per the contract.
    let namelen = unsafe { read_opt(fromlen, 0) };
    let mut m = cmsg::msghdr_for(from as *mut c_void, namelen, iov, iovlen, control.as_mut_ptr(), CONTROL);
    // SAFETY: `m` describes the caller's `iov` and `from` (`msg_namelen`
    // writable bytes, or NULL), valid per the contract, and our CONTROL
    // bytes of `control`.
    let n = unsafe { libc::recvmsg(s, &mut m, flags) } as c_int;
    if n < 0 {
        // recvmsg's -1 and errno stand, as errno::pass_through would have
        // them; its `== -1` test costs sctp_recvmsg two instructions.
        return Err(Errno::SET);
    }
    // SAFETY: `fromlen` is NULL or valid, per the contract.
    unsafe { write_opt(fromlen, m.msg_namelen) };
    Ok((n, m))
}

/// The control bytes the kernel wrote.
fn control_bytes<'a>(control: &'a CmsgBuf<CONTROL>, m: &msghdr) -> &'a [u8] {
    #[allow(clippy::unnecessary_cast)] // msg_controllen is not size_t on every libc
    // SAFETY: recvmsg wrote the first msg_controllen bytes of `control`
    // (assume_init takes at most the buffer's CONTROL).
    unsafe { control.assume_init(m.msg_controllen as usize) }
}
