//! sctp_sendmsg(3), sctp_send(3) and sctp_sendv(3).

use crate::cmsg::{self, CmsgWriter, OneCmsg};
use crate::errno::{self, check_size, Errno, Result, EFAULT, EINVAL};
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
    let sinfo = sctp_sndrcvinfo {
        sinfo_stream: stream_no,
        // The field is 16 bits wide; lksctp truncates the same way.
        sinfo_flags: flags as u16,
        sinfo_ppid: ppid,
        sinfo_context: context,
        sinfo_timetolive: timetolive,
        ..Default::default()
    };
    let control = OneCmsg::new(IPPROTO_SCTP, SCTP_SNDRCV, sinfo);
    let iov = iovec { iov_base: msg as *mut c_void, iov_len: len };
    // SAFETY: the kernel reads the caller's buffers; `control` is ours.
    errno::to_c(unsafe { send(s, &iov, 1, to, tolen, &control as *const _ as *mut c_void, control.controllen(), 0) })
}

/// Send `len` bytes of `msg` with `sinfo` (may be NULL) as its SCTP_SNDRCV
/// cmsg; `flags` are sendmsg(2)'s.
/// `msg` has `len` readable bytes; `sinfo` is NULL or readable.
#[no_mangle]
pub unsafe extern "C" fn sctp_send(s: c_int, msg: *const c_void, len: size_t, sinfo: *const sctp_sndrcvinfo, flags: c_int) -> c_int {
    let iov = iovec { iov_base: msg as *mut c_void, iov_len: len };
    if sinfo.is_null() {
        // SAFETY: the kernel reads the caller's buffer.
        return errno::to_c(unsafe { send(s, &iov, 1, core::ptr::null_mut(), 0, core::ptr::null_mut(), 0, flags) });
    }
    // SAFETY: non-NULL and readable by the contract.
    let control = OneCmsg::new(IPPROTO_SCTP, SCTP_SNDRCV, unsafe { sinfo.read_unaligned() });
    // SAFETY: as above; `control` is ours.
    errno::to_c(unsafe { send(s, &iov, 1, core::ptr::null_mut(), 0, &control as *const _ as *mut c_void, control.controllen(), flags) })
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
    // SAFETY: the caller's contract is passed on.
    errno::to_c(unsafe { sendv(s, iov, iovcnt, addrs, addrcnt, info, infolen, infotype, flags) })
}

/// The send information of one sctp_sendv call, copied out of `info`.
#[derive(Default)]
struct SendInfo {
    snd: Option<sctp_sndinfo>,
    pr: Option<sctp_prinfo>,
    auth: Option<sctp_authinfo>,
}

impl SendInfo {
    /// # Safety
    /// `info` has `infolen` readable bytes (or is NULL).
    unsafe fn from_c(info: *const c_void, infolen: socklen_t, infotype: c_uint) -> Result<SendInfo> {
        /// The caller's struct, if `infolen` is exactly its size.
        unsafe fn exactly<T: Copy>(info: *const c_void, infolen: socklen_t) -> Result<T> {
            if infolen as usize != size_of::<T>() {
                return Err(EINVAL);
            }
            if info.is_null() {
                return Err(EFAULT);
            }
            // SAFETY: `info` has `infolen` == size_of::<T>() bytes.
            Ok(unsafe { (info as *const T).read_unaligned() })
        }
        use sctp_sendv_infotype::*;
        let mut out = SendInfo::default();
        // SAFETY (each `exactly`): `info` has `infolen` bytes.
        match infotype {
            t if t == SCTP_SENDV_NOINFO as c_uint => {
                if infolen != 0 {
                    return Err(EINVAL);
                }
            }
            t if t == SCTP_SENDV_SNDINFO as c_uint => out.snd = Some(unsafe { exactly(info, infolen)? }),
            t if t == SCTP_SENDV_PRINFO as c_uint => out.pr = Some(unsafe { exactly(info, infolen)? }),
            t if t == SCTP_SENDV_AUTHINFO as c_uint => out.auth = Some(unsafe { exactly(info, infolen)? }),
            t if t == SCTP_SENDV_SPA as c_uint => {
                let spa: sctp_sendv_spa = unsafe { exactly(info, infolen)? };
                let valid = |flag| spa.sendv_flags & flag != 0;
                out.snd = valid(SCTP_SEND_SNDINFO_VALID).then_some(spa.sendv_sndinfo);
                out.pr = valid(SCTP_SEND_PRINFO_VALID).then_some(spa.sendv_prinfo);
                out.auth = valid(SCTP_SEND_AUTHINFO_VALID).then_some(spa.sendv_authinfo);
            }
            _ => return Err(EINVAL),
        }
        Ok(out)
    }

    fn cmsg_space(&self) -> usize {
        let room = |present: bool, n: usize| if present { cmsg::space(n) } else { 0 };
        room(self.snd.is_some(), size_of::<sctp_sndinfo>())
            + room(self.pr.is_some(), size_of::<sctp_prinfo>())
            + room(self.auth.is_some(), size_of::<sctp_authinfo>())
    }

    fn write(&self, w: &mut CmsgWriter) -> Result<()> {
        if let Some(v) = &self.snd {
            w.push(IPPROTO_SCTP, SCTP_SNDINFO, v)?;
        }
        if let Some(v) = &self.pr {
            w.push(IPPROTO_SCTP, SCTP_PRINFO, v)?;
        }
        if let Some(v) = &self.auth {
            w.push(IPPROTO_SCTP, SCTP_AUTHINFO, v)?;
        }
        Ok(())
    }
}

/// Control buffer kept on the stack: all three infos and 16 extra IPv6
/// destinations. Larger address lists take one malloc.
const STACK_CONTROL: usize = 80 + 16 * cmsg::space(size_of::<in6_addr>());

/// The cmsg carrying an extra destination: the bare address (the port is
/// the first destination's).
fn dst_cmsg(family: c_int) -> (c_int, usize) {
    if family == AF_INET {
        (SCTP_DSTADDRV4, size_of::<in_addr>())
    } else {
        (SCTP_DSTADDRV6, size_of::<in6_addr>())
    }
}

#[allow(clippy::too_many_arguments)]
unsafe fn sendv(
    s: c_int,
    iov: *const iovec,
    iovcnt: c_int,
    addrs: *mut sockaddr,
    addrcnt: c_int,
    info: *const c_void,
    infolen: socklen_t,
    infotype: c_uint,
    flags: c_int,
) -> Result<c_int> {
    // SAFETY: the caller's contract on `info`.
    let info = unsafe { SendInfo::from_c(info, infolen, infotype)? };
    if addrs.is_null() && addrcnt > 0 {
        return Err(EFAULT);
    }
    let mut first: Option<Entry> = None;
    let mut control_len = info.cmsg_space();
    // SAFETY: the caller's contract on `addrs`, non-NULL when read.
    unsafe {
        packed::walk_raw(addrs, addrcnt, |e| {
            match first {
                None => first = Some(e),
                Some(_) => control_len += cmsg::space(dst_cmsg(e.family).1),
            }
            Ok(())
        })?
    };
    let (name, namelen) = match first {
        Some(e) => (addrs, e.len as socklen_t),
        None => (core::ptr::null_mut(), 0),
    };
    with_control_buffer(control_len, |buf| {
        let mut w = CmsgWriter::new(buf);
        info.write(&mut w)?;
        // SAFETY: as above.
        unsafe { push_destinations(&mut w, addrs, addrcnt)? };
        let control = if w.is_empty() { core::ptr::null_mut() } else { buf_ptr(&w) };
        // SAFETY: the kernel reads the caller's iov and address; the control
        // buffer is `w.len()` initialised bytes of ours.
        unsafe { send(s, iov, iovcnt as usize, name, namelen, control, w.len(), flags) }
    })
}

fn buf_ptr(w: &CmsgWriter) -> *mut c_void {
    w.as_ptr() as *mut c_void
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
/// stack when it fits, else from malloc.
fn with_control_buffer<R>(len: usize, f: impl FnOnce(&mut [u8]) -> Result<R>) -> Result<R> {
    let mut stack = MaybeUninit::<cmsg::CmsgBuf<STACK_CONTROL>>::uninit();
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

/// sendmsg(2) with the given pieces.
///
/// # Safety
/// Every pointer is NULL or valid for its length, for the kernel to read.
#[allow(clippy::too_many_arguments)]
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
    // SAFETY: msghdr is plain data; all-zero is its empty value.
    let mut m: msghdr = unsafe { core::mem::zeroed() };
    m.msg_name = name as *mut c_void;
    m.msg_namelen = namelen;
    m.msg_iov = iov as *mut iovec;
    m.msg_iovlen = iovcnt as _;
    m.msg_control = control;
    m.msg_controllen = controllen as _;
    // SAFETY: `m` describes buffers valid per this function's contract.
    check_size(unsafe { libc::sendmsg(s, &m, flags) })
}
