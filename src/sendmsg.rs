//! sctp_sendmsg(3), sctp_send(3) and sctp_sendv(3).

use crate::cmsg::{self, CmsgBuf, CmsgWriter, SndrcvCmsg};
use crate::cptr::required;
use crate::errno::{self, Errno, Result, ResultExt, EINVAL};
use crate::packed::{self, Entry};
use crate::types::*;
use crate::uapi::*;
use core::mem::{offset_of, size_of, MaybeUninit};
use libc::{c_int, c_uint, c_void, in6_addr, in_addr, iovec, msghdr, size_t, sockaddr, sockaddr_in, sockaddr_in6, socklen_t, AF_INET};

/// Send `len` bytes of `msg` to `to` (or the connected peer) on `stream_no`
/// with the given SCTP send parameters, in one SCTP_SNDRCV cmsg.
/// `msg` has `len` readable bytes; `to` is NULL or has `tolen` bytes.
#[no_mangle]
pub unsafe extern "C" fn sctp_sendmsg(
    s: c_int,
    msg: *const c_void,
    len: size_t,
    to: *mut sockaddr,
    tolen: socklen_t,
    ppid: u32,
    flags: u32,
    stream_no: u16,
    timetolive: u32,
    context: u32,
) -> c_int {
    // Built in place on zeroed bytes: a struct literal leaves the 2 padding
    // bytes after sinfo_flags unset (the compiler may fill them with the
    // upper half of `flags`), and the kernel reads the whole cmsg.
    let mut slot = MaybeUninit::uninit();
    let control = SndrcvCmsg::zeroed_in(&mut slot);
    let sinfo = control.data_mut();
    sinfo.sinfo_stream = stream_no;
    // The field is 16 bits wide; lksctp truncates the same way.
    sinfo.sinfo_flags = flags as u16;
    sinfo.sinfo_ppid = ppid;
    sinfo.sinfo_context = context;
    sinfo.sinfo_timetolive = timetolive;
    let control: &SndrcvCmsg = control;
    let iov = iovec { iov_base: msg as *mut c_void, iov_len: len };
    // SAFETY: the kernel reads the caller's buffers; `control` is ours.
    unsafe { send(s, &iov, 1, to, tolen, control as *const _ as *mut c_void, control.controllen(), 0) }.or_minus_one_errno()
}

/// Send `len` bytes of `msg` with `sinfo` (may be NULL) as its SCTP_SNDRCV
/// cmsg; `flags` are sendmsg(2)'s.
/// `msg` has `len` readable bytes; `sinfo` is NULL or readable.
#[no_mangle]
pub unsafe extern "C" fn sctp_send(s: c_int, msg: *const c_void, len: size_t, sinfo: *const sctp_sndrcvinfo, flags: c_int) -> c_int {
    let iov = iovec { iov_base: msg as *mut c_void, iov_len: len };
    if sinfo.is_null() {
        // SAFETY: the kernel reads the caller's buffer.
        return unsafe { send(s, &iov, 1, core::ptr::null_mut(), 0, core::ptr::null_mut(), 0, flags) }.or_minus_one_errno();
    }
    let mut slot = MaybeUninit::uninit();
    let control = SndrcvCmsg::zeroed_in(&mut slot);
    // The caller's bytes as they are (a typed copy need not keep padding).
    // SAFETY: `sinfo` is non-NULL and has a readable struct, per the contract.
    unsafe {
        let n = size_of::<sctp_sndrcvinfo>();
        core::ptr::copy_nonoverlapping(sinfo as *const u8, control.data_mut() as *mut _ as *mut u8, n)
    };
    let control: &SndrcvCmsg = control;
    // SAFETY: as above; `control` is ours.
    unsafe { send(s, &iov, 1, core::ptr::null_mut(), 0, control as *const _ as *mut c_void, control.controllen(), flags) }
        .or_minus_one_errno()
}

/// RFC 6458 9.12: send the gathered `iov` to `addrs` (the first as the
/// destination, the rest as SCTP_DSTADDRV4/V6 cmsgs for a new association)
/// with the send information `info` of type `infotype`.
///
/// Unlike lksctp: errors are -1 with errno (lksctp returns -EINVAL), an
/// `infolen` that is not the size of the infotype's struct is EINVAL
/// (lksctp reads past it), SPA with all three VALID flags works (lksctp
/// overflows a stack buffer), `flags` reach sendmsg (lksctp drops them),
/// and up to 16 addresses need no heap allocation.
/// `iov` has `iovcnt` entries; `addrs` has `addrcnt` packed addresses;
/// `info` has `infolen` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn sctp_sendv(
    s: c_int,
    iov: *const iovec,
    iovcnt: c_int,
    addrs: *mut sockaddr,
    addrcnt: c_int,
    info: *mut c_void,
    infolen: socklen_t,
    infotype: c_uint,
    flags: c_int,
) -> c_int {
    // SAFETY: the caller's contract is sendv's.
    unsafe { sendv(s, iov, iovcnt, addrs, addrcnt, info, infolen, infotype, flags) }.or_minus_one_errno()
}

/// sctp_sendv.
///
/// # Safety
/// As for sctp_sendv.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
unsafe fn sendv(
    s: c_int,
    iov: *const iovec,
    iovcnt: c_int,
    addrs: *mut sockaddr,
    addrcnt: c_int,
    info: *mut c_void,
    infolen: socklen_t,
    infotype: c_uint,
    flags: c_int,
) -> Result<c_int> {
    // SAFETY: the caller's contract on `info`.
    let info = unsafe { SendInfo::from_c(info, infolen, infotype)? };
    if addrcnt <= 1 {
        // The common case: the send information is all the control data.
        // SAFETY: the caller's contract on `addrs`.
        let (name, namelen) = unsafe { first_address(addrs, addrcnt)? };
        let mut control = MaybeUninit::<CmsgBuf<INFO_CONTROL>>::uninit();
        // SAFETY: INFO_CONTROL has room for every piece of information.
        let used = unsafe { info.write(control.as_mut_ptr() as *mut u8) };
        // SAFETY: the kernel reads the caller's iov and address, and `used`
        // initialised bytes of our control buffer.
        return unsafe { send(s, iov, iovcnt as usize, name, namelen, control_ptr(&mut control, used), used, flags) };
    }
    // SAFETY: the caller's contract is passed on.
    errno::pass_through(unsafe { sendv_many(s, iov, iovcnt, addrs, addrcnt, info, flags) })
}

/// What `info` holds, by type: where each piece of send information is in
/// the caller's struct, checked against `infotype` and `infolen`.
struct SendInfo {
    snd: *const u8,
    pr: *const u8,
    auth: *const u8,
}

/// Room for all three pieces of send information as cmsgs.
const INFO_CONTROL: usize =
    cmsg::space(size_of::<sctp_sndinfo>()) + cmsg::space(size_of::<sctp_prinfo>()) + cmsg::space(size_of::<sctp_authinfo>());

impl SendInfo {
    /// EINVAL for an unknown infotype or an `infolen` that is not exactly
    /// the infotype's struct (0 for NOINFO); EFAULT for a NULL `info`.
    ///
    /// # Safety
    /// `info` is NULL or has `infolen` readable bytes.
    #[inline]
    unsafe fn from_c(info: *const c_void, infolen: socklen_t, infotype: c_uint) -> Result<SendInfo> {
        use sctp_sendv_infotype::*;
        let none = core::ptr::null();
        let exactly = |size: usize| -> Result<*const u8> {
            if infolen as usize != size {
                Err(EINVAL)
            } else {
                required(info as *const u8)
            }
        };
        let mut out = SendInfo { snd: none, pr: none, auth: none };
        match infotype {
            t if t == SCTP_SENDV_NOINFO as c_uint => {
                if infolen != 0 {
                    return Err(EINVAL);
                }
            }
            t if t == SCTP_SENDV_SNDINFO as c_uint => out.snd = exactly(size_of::<sctp_sndinfo>())?,
            t if t == SCTP_SENDV_PRINFO as c_uint => out.pr = exactly(size_of::<sctp_prinfo>())?,
            t if t == SCTP_SENDV_AUTHINFO as c_uint => out.auth = exactly(size_of::<sctp_authinfo>())?,
            t if t == SCTP_SENDV_SPA as c_uint => {
                let spa = exactly(size_of::<sctp_sendv_spa>())?;
                // SAFETY: `spa` is a whole sctp_sendv_spa of the caller's.
                let valid = unsafe { spa.add(offset_of!(sctp_sendv_spa, sendv_flags)).cast::<u32>().read_unaligned() };
                let member = |flag: u32, offset: usize| {
                    // SAFETY: `offset` is a member's, inside the struct.
                    if valid & flag != 0 { unsafe { spa.add(offset) } } else { none }
                };
                out.snd = member(SCTP_SEND_SNDINFO_VALID, offset_of!(sctp_sendv_spa, sendv_sndinfo));
                out.pr = member(SCTP_SEND_PRINFO_VALID, offset_of!(sctp_sendv_spa, sendv_prinfo));
                out.auth = member(SCTP_SEND_AUTHINFO_VALID, offset_of!(sctp_sendv_spa, sendv_authinfo));
            }
            _ => return Err(EINVAL),
        }
        Ok(out)
    }

    /// Write the pieces as SCTP_SNDINFO, SCTP_PRINFO and SCTP_AUTHINFO cmsgs
    /// at `buf`; returns the bytes written.
    ///
    /// # Safety
    /// `buf` has INFO_CONTROL writable bytes; the pieces are still readable.
    #[inline]
    unsafe fn write(&self, buf: *mut u8) -> usize {
        let mut at = 0;
        // SAFETY: each piece is a whole struct of the caller's, and
        // all three together fit INFO_CONTROL.
        unsafe {
            if !self.snd.is_null() {
                at = cmsg::put(buf, at, SCTP_SNDINFO, self.snd, size_of::<sctp_sndinfo>());
            }
            if !self.pr.is_null() {
                at = cmsg::put(buf, at, SCTP_PRINFO, self.pr, size_of::<sctp_prinfo>());
            }
            if !self.auth.is_null() {
                at = cmsg::put(buf, at, SCTP_AUTHINFO, self.auth, size_of::<sctp_authinfo>());
            }
        }
        at
    }
}

/// The destination for msg_name: none, or the first of `addrcnt` (<= 1).
///
/// # Safety
/// `addrs` is NULL or has `addrcnt` packed addresses.
#[inline]
unsafe fn first_address(addrs: *mut sockaddr, addrcnt: c_int) -> Result<(*mut sockaddr, socklen_t)> {
    match addrcnt {
        0 => Ok((core::ptr::null_mut(), 0)),
        1 => {
            let addrs = required(addrs)?;
            // SAFETY: the caller's contract: one address, at offset 0.
            let family = unsafe { packed::family_at(addrs, 0) };
            let len = packed::addr_len(c_int::from(family)).ok_or(EINVAL)?;
            Ok((addrs, len as socklen_t))
        }
        _ => Err(EINVAL),
    }
}

fn control_ptr<T>(control: &mut MaybeUninit<T>, used: usize) -> *mut c_void {
    if used == 0 {
        core::ptr::null_mut()
    } else {
        control.as_mut_ptr() as *mut c_void
    }
}

/// Control buffer kept on the stack for several destinations: the three
/// infos and 16 extra IPv6 addresses. Longer lists take one calloc.
const STACK_CONTROL: usize = INFO_CONTROL + 16 * cmsg::space(size_of::<in6_addr>());

/// The cmsg carrying an extra destination: the bare address (the port is
/// the first destination's).
fn dst_cmsg(family: c_int) -> (c_int, usize) {
    if family == AF_INET {
        (SCTP_DSTADDRV4, size_of::<in_addr>())
    } else {
        (SCTP_DSTADDRV6, size_of::<in6_addr>())
    }
}

/// sctp_sendv to several addresses: the first is the destination, every
/// other one an SCTP_DSTADDRV4/V6 cmsg after the send information.
///
/// Out of line, so that its stack buffer is not set up for every call,
/// and so C-shaped (the value, or -1 with errno set): sctp_sendv passes
/// its answer through as it would a libc call's, and its own common path
/// keeps no branches for this one's failures.
///
/// # Safety
/// As for sctp_sendv.
#[inline(never)]
unsafe fn sendv_many(
    s: c_int,
    iov: *const iovec,
    iovcnt: c_int,
    addrs: *mut sockaddr,
    addrcnt: c_int,
    info: SendInfo,
    flags: c_int,
) -> c_int {
    // SAFETY: the caller's contract is sendv_to_all's.
    unsafe { sendv_to_all(s, iov, iovcnt, addrs, addrcnt, info, flags) }.or_minus_one_errno()
}

/// sendv_many's work, as a Result.
///
/// # Safety
/// As for sctp_sendv.
#[inline(always)]
unsafe fn sendv_to_all(
    s: c_int,
    iov: *const iovec,
    iovcnt: c_int,
    addrs: *mut sockaddr,
    addrcnt: c_int,
    info: SendInfo,
    flags: c_int,
) -> Result<c_int> {
    let addrs = required(addrs)?;
    let mut first = None;
    let mut control_len = INFO_CONTROL;
    // SAFETY: the caller's contract on `addrs`, non-NULL.
    unsafe {
        packed::walk_raw(addrs, addrcnt, |e| {
            match first {
                None => first = Some(e.len as socklen_t),
                Some(_) => control_len += cmsg::space(dst_cmsg(e.family).1),
            }
            Ok(())
        })?
    };
    let namelen = first.unwrap_or(0);
    with_control_buffer(control_len, |buf| {
        // SAFETY: `buf` is at least INFO_CONTROL bytes.
        let used = unsafe { info.write(buf.as_mut_ptr()) };
        let mut w = CmsgWriter::new(buf);
        w.skip(used);
        // SAFETY: as above.
        unsafe { push_destinations(&mut w, addrs, addrcnt)? };
        // SAFETY: the kernel reads the caller's iov and address; the control
        // buffer is `w.len()` initialised bytes of ours.
        unsafe { send(s, iov, iovcnt as usize, addrs, namelen, w.as_ptr() as *mut c_void, w.len(), flags) }
    })
}

/// Every address after the first, as an SCTP_DSTADDRV4/V6 cmsg.
///
/// # Safety
/// `addrs` has `addrcnt` packed addresses (already walked once).
unsafe fn push_destinations(w: &mut CmsgWriter, addrs: *const sockaddr, addrcnt: c_int) -> Result<usize> {
    let each = |e: Entry| {
        if e.offset == 0 {
            return Ok(());
        }
        let (ty, n) = dst_cmsg(e.family);
        let field = if ty == SCTP_DSTADDRV4 {
            offset_of!(sockaddr_in, sin_addr)
        } else {
            offset_of!(sockaddr_in6, sin6_addr)
        };
        // SAFETY: the entry has `e.len` bytes at `e.offset`, and its
        // address field lies inside it.
        let src = unsafe { (addrs as *const u8).add(e.offset + field) };
        // SAFETY: `src` has `n` readable bytes; `d` is exactly `n` bytes.
        w.push_with(IPPROTO_SCTP, ty, n, |d| unsafe { core::ptr::copy_nonoverlapping(src, d.as_mut_ptr(), n) })
    };
    // SAFETY: the caller's contract.
    unsafe { packed::walk_raw(addrs, addrcnt, each) }
}

/// Run `f` on a zeroed buffer of `len` bytes aligned for cmsghdr: on the
/// stack when it fits, else from calloc.
fn with_control_buffer<R>(len: usize, f: impl FnOnce(&mut [u8]) -> Result<R>) -> Result<R> {
    let mut stack = MaybeUninit::<CmsgBuf<STACK_CONTROL>>::uninit();
    if len <= STACK_CONTROL {
        let p = stack.as_mut_ptr() as *mut u8;
        // SAFETY: the first `len` bytes of our stack buffer are zeroed,
        // then borrowed for the call only.
        return f(unsafe {
            core::ptr::write_bytes(p, 0, len);
            core::slice::from_raw_parts_mut(p, len)
        });
    }
    // SAFETY: calloc returns `len` zeroed bytes, aligned for any type, or NULL.
    let p = unsafe { libc::calloc(1, len) } as *mut u8;
    if p.is_null() {
        return Err(Errno(libc::ENOMEM));
    }
    // SAFETY: `p` has `len` zeroed bytes, ours until freed below.
    let r = f(unsafe { core::slice::from_raw_parts_mut(p, len) });
    // SAFETY: allocated above, no longer borrowed.
    unsafe { libc::free(p as *mut c_void) };
    r
}

/// sendmsg(2) with the given pieces. Its -1 and errno are the answer as
/// they are.
///
/// # Safety
/// Every pointer is NULL or valid for its length, for the kernel to read.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
unsafe fn send(
    s: c_int,
    iov: *const iovec,
    iovcnt: usize,
    name: *mut sockaddr,
    namelen: socklen_t,
    control: *mut c_void,
    controllen: usize,
    flags: c_int,
) -> Result<c_int> {
    let m = msghdr {
        msg_name: name as *mut c_void,
        msg_namelen: namelen,
        msg_iov: iov as *mut iovec,
        msg_iovlen: iovcnt as _,
        msg_control: control,
        msg_controllen: controllen as _,
        msg_flags: 0,
    };
    // SAFETY: `m` describes buffers valid per this function's contract.
    // SCTP messages are far below 2 GiB: the count fits an int.
    errno::pass_through(unsafe { libc::sendmsg(s, &m, flags) } as c_int)
}
