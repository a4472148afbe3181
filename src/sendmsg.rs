//! sctp_sendmsg(3), sctp_send(3) and sctp_sendv(3).

use crate::cmsg::{self, CmsgBuf, Data, SendCmsg};
use crate::cptr::required;
use crate::errno::{self, Errno, Result, ResultExt, EINVAL};
use crate::packed::{self, Entry};
use crate::types::*;
use crate::uapi::*;
use core::mem::{offset_of, size_of, MaybeUninit};
use core::ptr::null_mut;
use libc::{c_int, c_uint, c_void, in6_addr, in_addr, iovec, size_t, sockaddr, sockaddr_in, sockaddr_in6, socklen_t, AF_INET};

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
    let mut slot = MaybeUninit::<sctp_sndrcvinfo>::uninit();
    // SAFETY: `slot` is ours, and all-zero bytes are a valid
    // sctp_sndrcvinfo (integers only).
    let sinfo = unsafe {
        core::ptr::write_bytes(slot.as_mut_ptr(), 0, 1);
        slot.assume_init_mut()
    };
    sinfo.sinfo_stream = stream_no;
    // The field is 16 bits wide; lksctp truncates the same way.
    sinfo.sinfo_flags = flags as u16;
    sinfo.sinfo_ppid = ppid;
    sinfo.sinfo_context = context;
    sinfo.sinfo_timetolive = timetolive;
    let info = SendCmsg::Sndrcv(Data::from(&*sinfo));
    let iov = iovec { iov_base: msg as *mut c_void, iov_len: len };
    // SAFETY: the kernel reads `len` bytes at `msg` and `tolen` at `to`,
    // which the caller's contract makes readable.
    unsafe { send_with::<SNDRCV_CONTROL>(s, &iov, 1, to, tolen, Some(info), 0) }.or_minus_one_errno()
}

/// Send `len` bytes of `msg` with `sinfo` (may be NULL) as its SCTP_SNDRCV
/// cmsg; `flags` are sendmsg(2)'s.
/// `msg` has `len` readable bytes; `sinfo` is NULL or readable.
#[no_mangle]
pub unsafe extern "C" fn sctp_send(s: c_int, msg: *const c_void, len: size_t, sinfo: *const sctp_sndrcvinfo, flags: c_int) -> c_int {
    let iov = iovec { iov_base: msg as *mut c_void, iov_len: len };
    // Two calls rather than one with an Option: sctp_send would take one
    // instruction more (measured).
    let r = if sinfo.is_null() {
        // SAFETY: the kernel reads `len` bytes at `msg`, readable per the
        // caller's contract.
        unsafe { send(s, &iov, 1, null_mut(), 0, null_mut(), 0, flags) }
    } else {
        // SAFETY: `sinfo` is non-NULL, so a readable struct per the
        // contract; its bytes are sent as they are (a typed copy need not
        // keep the padding).
        let info = SendCmsg::Sndrcv(unsafe { Data::from_ptr(sinfo) });
        // SAFETY: the kernel reads `len` bytes at `msg`, readable per the
        // caller's contract.
        unsafe { send_with::<SNDRCV_CONTROL>(s, &iov, 1, null_mut(), 0, Some(info), flags) }
    };
    r.or_minus_one_errno()
}

/// Room for one SCTP_SNDRCV cmsg.
const SNDRCV_CONTROL: usize = cmsg::space_for(size_of::<sctp_sndrcvinfo>());

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
    let sendv = || -> Result<c_int> {
        // SAFETY: `info` is NULL or has `infolen` readable bytes, per the
        // caller's contract.
        let info = unsafe { SendInfo::from_c(info, infolen, infotype)? };
        if addrcnt <= 1 {
            // The common case: the send information is all the control data.
            // SAFETY: `addrs` is NULL or has `addrcnt` packed addresses, per
            // the contract.
            let (name, namelen) = unsafe { first_address(addrs, addrcnt)? };
            // SAFETY: the kernel reads the caller's `iovcnt` iovecs and the
            // `namelen` bytes of its first address, readable per the contract.
            return unsafe { send_with::<INFO_CONTROL>(s, iov, iovcnt as usize, name, namelen, info.cmsgs(), flags) };
        }
        // SAFETY: sendv_many needs `iov` with `iovcnt` entries and `addrs`
        // NULL or with `addrcnt` packed addresses: the caller's promises.
        errno::pass_through(unsafe { sendv_many(s, iov, iovcnt, addrs, addrcnt, info, flags) })
    };
    sendv().or_minus_one_errno()
}

/// The send information of sctp_sendv's `info`, by piece: the caller's
/// structs, checked against `infotype` and `infolen`.
struct SendInfo<'a> {
    snd: Option<Data<'a, sctp_sndinfo>>,
    pr: Option<Data<'a, sctp_prinfo>>,
    auth: Option<Data<'a, sctp_authinfo>>,
}

/// Room for all three pieces of send information as cmsgs.
const INFO_CONTROL: usize =
    cmsg::space_for(size_of::<sctp_sndinfo>()) + cmsg::space_for(size_of::<sctp_prinfo>()) + cmsg::space_for(size_of::<sctp_authinfo>());

impl<'a> SendInfo<'a> {
    /// EINVAL for an unknown infotype or an `infolen` that is not exactly
    /// the infotype's struct (0 for NOINFO); EFAULT for a NULL `info`.
    ///
    /// # Safety
    /// `info` is NULL or has `infolen` bytes readable for `'a`.
    #[inline(always)]
    unsafe fn from_c(info: *const c_void, infolen: socklen_t, infotype: c_uint) -> Result<SendInfo<'a>> {
        use sctp_sendv_infotype::*;
        // `info`, if `infolen` is exactly the infotype's struct.
        let exactly = |size: usize| if infolen as usize != size { Err(EINVAL) } else { required(info as *const u8) };
        let mut out = SendInfo { snd: None, pr: None, auth: None };
        // SAFETY: `exactly` hands out `info` only non-NULL and with
        // `infolen` the struct's size, so, per the contract, a readable
        // struct of the infotype: the SNDINFO, PRINFO or AUTHINFO piece
        // itself, or an sctp_sendv_spa whose sendv_flags is read here and
        // whose members (at their offset_of!) lie inside it.
        unsafe {
            match infotype {
                t if t == SCTP_SENDV_NOINFO as c_uint => {
                    if infolen != 0 {
                        return Err(EINVAL);
                    }
                }
                t if t == SCTP_SENDV_SNDINFO as c_uint => {
                    out.snd = Some(Data::from_ptr(exactly(size_of::<sctp_sndinfo>())?.cast()));
                }
                t if t == SCTP_SENDV_PRINFO as c_uint => {
                    out.pr = Some(Data::from_ptr(exactly(size_of::<sctp_prinfo>())?.cast()));
                }
                t if t == SCTP_SENDV_AUTHINFO as c_uint => {
                    out.auth = Some(Data::from_ptr(exactly(size_of::<sctp_authinfo>())?.cast()));
                }
                t if t == SCTP_SENDV_SPA as c_uint => {
                    let spa = exactly(size_of::<sctp_sendv_spa>())?;
                    let valid = spa.add(offset_of!(sctp_sendv_spa, sendv_flags)).cast::<u32>().read_unaligned();
                    let member = |flag: u32, offset: usize| (valid & flag != 0).then(|| spa.add(offset));
                    let (snd, pr, auth) = (
                        member(SCTP_SEND_SNDINFO_VALID, offset_of!(sctp_sendv_spa, sendv_sndinfo)),
                        member(SCTP_SEND_PRINFO_VALID, offset_of!(sctp_sendv_spa, sendv_prinfo)),
                        member(SCTP_SEND_AUTHINFO_VALID, offset_of!(sctp_sendv_spa, sendv_authinfo)),
                    );
                    out.snd = snd.map(|p| Data::from_ptr(p.cast()));
                    out.pr = pr.map(|p| Data::from_ptr(p.cast()));
                    out.auth = auth.map(|p| Data::from_ptr(p.cast()));
                }
                _ => return Err(EINVAL),
            }
        }
        Ok(out)
    }

    /// The pieces as SCTP_SNDINFO, SCTP_PRINFO and SCTP_AUTHINFO cmsgs.
    #[inline(always)]
    fn cmsgs(&self) -> impl Iterator<Item = SendCmsg<'a>> {
        [self.snd.map(SendCmsg::Sndinfo), self.pr.map(SendCmsg::Prinfo), self.auth.map(SendCmsg::Authinfo)].into_iter().flatten()
    }
}

/// The destination for msg_name: none, or the first of `addrcnt` (<= 1).
///
/// # Safety
/// `addrs` is NULL or has `addrcnt` packed addresses.
#[inline(always)]
unsafe fn first_address(addrs: *mut sockaddr, addrcnt: c_int) -> Result<(*mut sockaddr, socklen_t)> {
    match addrcnt {
        0 => Ok((null_mut(), 0)),
        1 => {
            let addrs = required(addrs)?;
            // SAFETY: `addrs` has one address, at offset 0, per the contract.
            let family = unsafe { packed::family_at(addrs, 0) };
            let len = packed::addr_len(c_int::from(family)).ok_or(EINVAL)?;
            Ok((addrs, len as socklen_t))
        }
        _ => Err(EINVAL),
    }
}

/// sendmsg(2) with `msgs` as its control data, built in a buffer of N
/// bytes on the stack (ENOBUFS if they do not fit; ours always do).
///
/// # Safety
/// `iov` has `iovcnt` entries and `name` is NULL or has `namelen` bytes,
/// all readable; `msgs`' data is readable (as Data promises).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
unsafe fn send_with<'a, const N: usize>(
    s: c_int,
    iov: *const iovec,
    iovcnt: usize,
    name: *mut sockaddr,
    namelen: socklen_t,
    msgs: impl IntoIterator<Item = SendCmsg<'a>>,
    flags: c_int,
) -> Result<c_int> {
    let mut control = CmsgBuf::<N>::new();
    let used = msgs.into_iter().try_fold(0, |at, m| m.encode_into(control.bytes_mut(), at))?;
    let control_ptr = if used == 0 { null_mut() } else { control.as_mut_ptr() };
    // SAFETY: `control_ptr` is NULL or our `control`, whose first `used`
    // bytes are written; `iov` and `name` are valid for their lengths, per
    // the contract.
    unsafe { send(s, iov, iovcnt, name, namelen, control_ptr, used, flags) }
}

/// Control buffer kept on the stack for several destinations: the three
/// infos and 16 extra IPv6 addresses. Longer lists take one malloc.
const STACK_CONTROL: usize = INFO_CONTROL + 16 * cmsg::space_for(size_of::<in6_addr>());

/// sctp_sendv to several addresses: the first is the destination, every
/// other one an SCTP_DSTADDRV4/V6 cmsg after the send information.
///
/// Out of line, so that its stack buffer is not set up for every call,
/// and so C-shaped (the value, or -1 with errno set): sctp_sendv passes
/// its answer through as it would a libc call's, and its own common path
/// keeps no branches for this one's failures.
///
/// # Safety
/// `iov` has `iovcnt` entries; `addrs` is NULL or has `addrcnt` packed
/// addresses.
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
    let send_to_all = || -> Result<c_int> {
        let addrs = required(addrs)?;
        let mut control_len: usize = info.cmsgs().map(SendCmsg::space).sum();
        // SAFETY: `addrs` has `addrcnt` packed addresses, per the contract.
        let namelen = unsafe {
            extra_destinations(addrs, addrcnt, |m| {
                control_len += m.space();
                Ok(())
            })?
        };
        with_control_buffer(control_len, |buf| {
            let mut used = info.cmsgs().try_fold(0, |at, m| m.encode_into(buf, at))?;
            // SAFETY: `addrs` has `addrcnt` packed addresses, per the
            // contract (and the walk above found them well-formed).
            unsafe {
                extra_destinations(addrs, addrcnt, |m| {
                    used = m.encode_into(buf, used)?;
                    Ok(())
                })?
            };
            // SAFETY: the kernel reads the caller's `iovcnt` iovecs and the
            // `namelen` bytes of its first address, readable per the
            // contract, and the `used` bytes of `buf` written above.
            unsafe { send(s, iov, iovcnt as usize, addrs, namelen, buf.as_mut_ptr() as *mut c_void, used, flags) }
        })
    };
    send_to_all().or_minus_one_errno()
}

/// Walk the `addrcnt` packed addresses at `addrs`, handing `f` each one
/// after the first as its SCTP_DSTADDRV4/V6 cmsg (the bare address: the
/// port is the first one's). Returns the first one's length, for
/// msg_namelen.
///
/// # Safety
/// `addrs` has `addrcnt` packed addresses, readable for `'a`.
unsafe fn extra_destinations<'a>(
    addrs: *const sockaddr,
    addrcnt: c_int,
    mut f: impl FnMut(SendCmsg<'a>) -> Result<()>,
) -> Result<socklen_t> {
    let mut namelen = 0;
    let each = |e: Entry| {
        if e.offset == 0 {
            namelen = e.len as socklen_t;
            return Ok(());
        }
        let entry = (addrs as *const u8).wrapping_add(e.offset);
        // SAFETY: the walk found a whole sockaddr_in or sockaddr_in6 (by
        // `e.family`) of the caller's at `entry`; its address field lies
        // inside it.
        f(unsafe {
            if e.family == AF_INET {
                SendCmsg::DstAddrV4(Data::from_ptr(entry.add(offset_of!(sockaddr_in, sin_addr)).cast::<in_addr>()))
            } else {
                SendCmsg::DstAddrV6(Data::from_ptr(entry.add(offset_of!(sockaddr_in6, sin6_addr)).cast::<in6_addr>()))
            }
        })
    };
    // SAFETY: `addrs` has `addrcnt` packed addresses, per the contract.
    unsafe { packed::walk_raw(addrs, addrcnt, each)? };
    Ok(namelen)
}

/// Run `f` on an uninitialised buffer of `len` bytes aligned for cmsghdr:
/// on the stack when it fits, else from malloc.
fn with_control_buffer<R>(len: usize, f: impl FnOnce(&mut [MaybeUninit<u8>]) -> Result<R>) -> Result<R> {
    let mut stack = CmsgBuf::<STACK_CONTROL>::new();
    if let Some(buf) = stack.bytes_mut().get_mut(..len) {
        return f(buf);
    }
    // SAFETY: malloc returns `len` bytes aligned for any type, or NULL.
    let p = unsafe { libc::malloc(len) } as *mut MaybeUninit<u8>;
    if p.is_null() {
        return Err(Errno(libc::ENOMEM));
    }
    // SAFETY: `p` has `len` bytes, ours until freed below; MaybeUninit
    // needs no initialisation.
    let r = f(unsafe { core::slice::from_raw_parts_mut(p, len) });
    // SAFETY: allocated above and no longer borrowed. free leaves errno
    // alone (POSIX.1-2024; glibc since 2.33), so a failure's stands.
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
    let m = cmsg::msghdr_for(name as *mut c_void, namelen, iov, iovcnt, control, controllen);
    // SAFETY: `m` describes buffers valid per this function's contract.
    // SCTP messages are far below 2 GiB: the count fits an int.
    errno::pass_through(unsafe { libc::sendmsg(s, &m, flags) } as c_int)
}
