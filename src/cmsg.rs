//! Control messages: building the ones we send ([`SendCmsg`]), finding the
//! ones the kernel hands back ([`parse`], [`find`]). Both are bounds
//! checked, so malformed input (a fuzzer's, or a truncated MSG_CTRUNC
//! answer) can at worst be ignored or refused, never read or written past.

use crate::errno::{Errno, Result};
use crate::uapi::*;
use core::marker::PhantomData;
use core::mem::{size_of, MaybeUninit};
use core::ptr::NonNull;
use libc::{c_int, c_void, cmsghdr, in6_addr, in_addr, iovec, msghdr, socklen_t};

const ALIGN: usize = size_of::<usize>();

const fn align(n: usize) -> usize {
    (n + ALIGN - 1) & !(ALIGN - 1)
}

/// Bytes before a control message's data (CMSG_LEN(0)).
pub const HDR: usize = align(size_of::<cmsghdr>());
const _: () = assert!(HDR == size_of::<cmsghdr>());

/// CMSG_SPACE: room one control message with `data` bytes takes.
pub const fn space_for(data: usize) -> usize {
    HDR + align(data)
}

/// CMSG_LEN: the cmsg_len of a control message with `data` bytes.
pub const fn len_for(data: usize) -> usize {
    HDR + data
}

/// Room for control messages, aligned for cmsghdr, uninitialised: what
/// is sent is written first ([`SendCmsg::encode_into`]), what is received
/// the kernel writes.
#[repr(C, align(8))]
pub struct CmsgBuf<const N: usize>([MaybeUninit<u8>; N]);

impl<const N: usize> CmsgBuf<N> {
    #[inline(always)]
    pub const fn new() -> Self {
        CmsgBuf([MaybeUninit::uninit(); N])
    }

    pub fn bytes_mut(&mut self) -> &mut [MaybeUninit<u8>] {
        &mut self.0
    }

    /// For msg_control.
    pub fn as_mut_ptr(&mut self) -> *mut c_void {
        self.0.as_mut_ptr() as *mut c_void
    }

    /// The first `n` bytes (at most N), once they are initialised.
    ///
    /// # Safety
    /// The first `n` bytes have been written (by the kernel, or by us).
    pub unsafe fn assume_init(&self, n: usize) -> &[u8] {
        // SAFETY: at most the buffer's N bytes, of which the first `n` are
        // initialised per the contract; u8 has no invalid values.
        unsafe { core::slice::from_raw_parts(self.0.as_ptr() as *const u8, n.min(N)) }
    }
}

impl<const N: usize> Default for CmsgBuf<N> {
    fn default() -> Self {
        Self::new()
    }
}

/// The data of a control message we send: the bytes of a `T` that stay
/// readable for `'a`, the caller's or ours, not necessarily aligned.
/// They are copied as they are, padding included.
#[derive(Clone, Copy, Debug)]
pub struct Data<'a, T> {
    p: NonNull<T>,
    _borrow: PhantomData<&'a T>,
}

impl<'a, T> Data<'a, T> {
    /// # Safety
    /// `p` points to `size_of::<T>()` bytes readable for `'a` (aligned or
    /// not, initialised or not) that nothing writes meanwhile.
    #[inline(always)]
    pub unsafe fn from_ptr(p: *const T) -> Self {
        // SAFETY: a pointer to readable bytes is not NULL.
        Data { p: unsafe { NonNull::new_unchecked(p as *mut T) }, _borrow: PhantomData }
    }
}

impl<'a, T> From<&'a T> for Data<'a, T> {
    #[inline(always)]
    fn from(r: &'a T) -> Self {
        // SAFETY: a reference is readable for its lifetime.
        unsafe { Data::from_ptr(r) }
    }
}

/// An SCTP control message we send: one of the types RFC 6458 lets a
/// sender attach, with its data. [`space`](SendCmsg::space) sizes it and
/// [`encode_into`](SendCmsg::encode_into) writes it, so the room reserved
/// for a message and the bytes written for it cannot disagree.
#[derive(Clone, Copy, Debug)]
pub enum SendCmsg<'a> {
    Sndrcv(Data<'a, sctp_sndrcvinfo>),
    Sndinfo(Data<'a, sctp_sndinfo>),
    Prinfo(Data<'a, sctp_prinfo>),
    Authinfo(Data<'a, sctp_authinfo>),
    /// An extra destination: the bare address (the port is msg_name's).
    DstAddrV4(Data<'a, in_addr>),
    DstAddrV6(Data<'a, in6_addr>),
}

impl SendCmsg<'_> {
    /// cmsg_type, the data and its length.
    #[inline(always)]
    fn type_and_data(self) -> (c_int, *const u8, usize) {
        fn raw<T>(ty: c_int, d: Data<'_, T>) -> (c_int, *const u8, usize) {
            (ty, d.p.as_ptr() as *const u8, size_of::<T>())
        }
        match self {
            SendCmsg::Sndrcv(d) => raw(SCTP_SNDRCV, d),
            SendCmsg::Sndinfo(d) => raw(SCTP_SNDINFO, d),
            SendCmsg::Prinfo(d) => raw(SCTP_PRINFO, d),
            SendCmsg::Authinfo(d) => raw(SCTP_AUTHINFO, d),
            SendCmsg::DstAddrV4(d) => raw(SCTP_DSTADDRV4, d),
            SendCmsg::DstAddrV6(d) => raw(SCTP_DSTADDRV6, d),
        }
    }

    /// The bytes the message takes in a control buffer (CMSG_SPACE).
    #[inline(always)]
    pub fn space(self) -> usize {
        space_for(self.type_and_data().2)
    }

    /// Write the message at offset `at` of `buf`: header, data and zeroed
    /// padding, every byte of its [`space`](SendCmsg::space). Returns the
    /// offset after it, or ENOBUFS (and writes nothing) if it does not fit.
    #[inline(always)]
    pub fn encode_into(self, buf: &mut [MaybeUninit<u8>], at: usize) -> Result<usize> {
        let (ty, data, n) = self.type_and_data();
        let end = at.checked_add(space_for(n)).ok_or(Errno(libc::ENOBUFS))?;
        let slot = buf.get_mut(at..end).ok_or(Errno(libc::ENOBUFS))?;
        let hdr = cmsghdr_for(len_for(n), ty);
        let p = slot.as_mut_ptr() as *mut u8;
        // SAFETY: `slot` is space_for(n) = HDR + align(n) writable bytes,
        // room for the header, the `n` bytes of data and the padding after
        // them. `data` has `n` readable bytes that nothing writes (Data's
        // contract), so none inside `buf`, which is ours to write here.
        // cmsghdr is plain data, written unaligned.
        unsafe {
            (p as *mut cmsghdr).write_unaligned(hdr);
            core::ptr::copy_nonoverlapping(data, p.add(HDR), n);
            core::ptr::write_bytes(p.add(len_for(n)), 0, space_for(n) - len_for(n));
        }
        Ok(end)
    }
}

/// One control message found in a received buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cmsg<'a> {
    pub level: c_int,
    pub ty: c_int,
    pub data: &'a [u8],
}

// musl's cmsghdr and msghdr have private padding fields beside the
// socklen_t and int that glibc and the kernel have as size_t (cmsg_len,
// msg_iovlen, msg_controllen): the kernel reads them as the high halves, so
// they must be zero, and a struct literal cannot name them. glibc's have
// none, and a literal costs the hot paths fewer instructions than zeroing.

/// An SCTP cmsghdr of `len` bytes (header and data) and type `ty`.
#[inline(always)]
fn cmsghdr_for(len: usize, ty: c_int) -> cmsghdr {
    #[cfg(not(target_env = "musl"))]
    let h = cmsghdr { cmsg_len: len as _, cmsg_level: IPPROTO_SCTP, cmsg_type: ty };
    #[cfg(target_env = "musl")]
    let h = {
        // SAFETY: cmsghdr is integers only, for which all-zero bytes are a
        // value; the named fields are set below.
        let mut h: cmsghdr = unsafe { core::mem::zeroed() };
        h.cmsg_len = len as _;
        h.cmsg_level = IPPROTO_SCTP;
        h.cmsg_type = ty;
        h
    };
    h
}

/// The msghdr for sendmsg or recvmsg, flags zero.
#[inline(always)]
pub fn msghdr_for(name: *mut c_void, namelen: socklen_t, iov: *const iovec, iovlen: usize,
                  control: *mut c_void, controllen: usize) -> msghdr {
    let iov = iov as *mut iovec;
    #[cfg(not(target_env = "musl"))]
    let m = msghdr { msg_name: name, msg_namelen: namelen, msg_iov: iov, msg_iovlen: iovlen as _,
                     msg_control: control, msg_controllen: controllen as _, msg_flags: 0 };
    #[cfg(target_env = "musl")]
    let m = {
        // SAFETY: msghdr is integers and raw pointers only, for which
        // all-zero bytes are a value (null pointers); the named fields are
        // set below.
        let mut m: msghdr = unsafe { core::mem::zeroed() };
        m.msg_name = name;
        m.msg_namelen = namelen;
        m.msg_iov = iov;
        m.msg_iovlen = iovlen as _;
        m.msg_control = control;
        m.msg_controllen = controllen as _;
        m
    };
    m
}

/// The control message at the start of `rest`; None at the end or at a
/// malformed or truncated header.
#[inline(always)]
fn first(rest: &[u8]) -> Option<Cmsg<'_>> {
    if rest.len() < HDR {
        return None;
    }
    // SAFETY: a whole cmsghdr (HDR bytes) starts `rest`, plain data read
    // unaligned.
    let hdr = unsafe { core::ptr::read_unaligned(rest.as_ptr() as *const cmsghdr) };
    #[allow(clippy::unnecessary_cast)] // cmsg_len is not size_t on every libc
    let total = hdr.cmsg_len as usize;
    if total < HDR || total > rest.len() {
        return None;
    }
    // SAFETY: HDR <= total <= rest.len().
    let data = unsafe { rest.get_unchecked(HDR..total) };
    Some(Cmsg { level: hdr.cmsg_level, ty: hdr.cmsg_type, data })
}

/// What follows `c`, the message at the start of `rest`. The last
/// message's padding may be cut off: then nothing follows.
#[inline(always)]
fn after<'a>(rest: &'a [u8], c: &Cmsg<'_>) -> &'a [u8] {
    &rest[align(HDR + c.data.len()).min(rest.len())..]
}

/// The control messages in the first msg_controllen bytes of a buffer,
/// stopping at the first malformed or truncated header.
pub fn parse(buf: &[u8]) -> impl Iterator<Item = Cmsg<'_>> {
    let mut rest = buf;
    core::iter::from_fn(move || {
        let c = first(rest)?;
        rest = after(rest, &c);
        Some(c)
    })
}

/// The data of the first SCTP control message of type `ty` holding at
/// least `want` bytes.
#[inline(always)]
pub fn find_data(buf: &[u8], ty: c_int, want: usize) -> Option<&[u8]> {
    let mut rest = buf;
    loop {
        let c = first(rest)?;
        if c.level == IPPROTO_SCTP && c.ty == ty && c.data.len() >= want {
            return Some(c.data);
        }
        rest = after(rest, &c);
    }
}

/// The first SCTP control message of type `ty`, as a `T`.
///
/// # Safety
/// Every bit pattern must be a valid `T` (the kernel's integer structs).
pub unsafe fn find<T: Copy>(buf: &[u8], ty: c_int) -> Option<T> {
    let data = find_data(buf, ty, size_of::<T>())?;
    // SAFETY: `data` has at least size_of::<T>() bytes, and any bytes are a
    // valid T, per the contract.
    Some(unsafe { core::ptr::read_unaligned(data.as_ptr() as *const T) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_match_the_c_macros() {
        // SAFETY: CMSG_SPACE / CMSG_LEN are pure arithmetic.
        unsafe {
            for n in [0u32, 1, 2, 8, 16, 28, 32] {
                assert_eq!(space_for(n as usize), libc::CMSG_SPACE(n) as usize);
                assert_eq!(len_for(n as usize), libc::CMSG_LEN(n) as usize);
            }
        }
    }

    /// Messages encoded one after another into `buf`; the bytes used.
    fn encode_all(buf: &mut [MaybeUninit<u8>], msgs: &[SendCmsg]) -> Result<usize> {
        msgs.iter().try_fold(0, |at, m| m.encode_into(buf, at))
    }

    /// The first `n` bytes of a buffer, once written.
    fn written(buf: &[MaybeUninit<u8>], n: usize) -> &[u8] {
        // SAFETY: the tests pass the count of bytes encode_into wrote.
        unsafe { core::slice::from_raw_parts(buf.as_ptr() as *const u8, n) }
    }

    #[test]
    fn built_messages_parse_back() {
        let mut buf = CmsgBuf::<256>::new();
        let snd = sctp_sndinfo { snd_sid: 3, snd_flags: 0, snd_ppid: 7, snd_context: 9, snd_assoc_id: 11 };
        let pr = sctp_prinfo { pr_policy: 1, pr_value: 500 };
        let dst = in_addr { s_addr: u32::from_ne_bytes([127, 0, 0, 2]) };
        let msgs = [SendCmsg::Sndinfo((&snd).into()), SendCmsg::Prinfo((&pr).into()), SendCmsg::DstAddrV4((&dst).into())];
        let n = encode_all(buf.bytes_mut(), &msgs).unwrap();
        assert_eq!(n, space_for(16) + space_for(8) + space_for(4));
        assert_eq!(n, msgs.iter().map(|m| m.space()).sum::<usize>());
        let bytes = written(buf.bytes_mut(), n);
        let got: Vec<_> = parse(bytes).map(|c| (c.level, c.ty, c.data.len())).collect();
        assert_eq!(got, [(IPPROTO_SCTP, SCTP_SNDINFO, 16), (IPPROTO_SCTP, SCTP_PRINFO, 8), (IPPROTO_SCTP, SCTP_DSTADDRV4, 4)]);
        // SAFETY: sctp_sndinfo is integers only.
        assert_eq!(unsafe { find::<sctp_sndinfo>(bytes, SCTP_SNDINFO) }, Some(snd));
        // SAFETY: sctp_prinfo is integers only.
        assert_eq!(unsafe { find::<sctp_prinfo>(bytes, SCTP_PRINFO) }, Some(pr));
        // SAFETY: sctp_rcvinfo is integers only.
        assert_eq!(unsafe { find::<sctp_rcvinfo>(bytes, SCTP_RCVINFO) }, None);
        assert_eq!(find_data(bytes, SCTP_DSTADDRV4, 4), Some(&[127, 0, 0, 2][..]));
        assert!(bytes[space_for(16) + space_for(8) + len_for(4)..].iter().all(|&b| b == 0), "the padding is zeroed");
    }

    #[test]
    fn a_full_buffer_refuses_instead_of_overflowing() {
        let mut buf = [MaybeUninit::new(0xa5u8); 40];
        let snd = sctp_sndinfo::default();
        let m = SendCmsg::Sndinfo((&snd).into());
        assert_eq!(m.encode_into(&mut buf, 0), Ok(space_for(16)));
        assert_eq!(m.encode_into(&mut buf, space_for(16)), Err(Errno(libc::ENOBUFS)));
        assert_eq!(m.encode_into(&mut buf, usize::MAX), Err(Errno(libc::ENOBUFS)));
        assert!(written(&buf, 40)[space_for(16)..].iter().all(|&b| b == 0xa5), "a refused message writes nothing");
    }

    /// One control message's bytes, as any sender could lay it out.
    fn raw_cmsg(level: c_int, ty: c_int, data: &[u8]) -> Vec<u8> {
        let mut b = vec![0u8; space_for(data.len())];
        b[..8].copy_from_slice(&(len_for(data.len()) as u64).to_ne_bytes());
        b[8..12].copy_from_slice(&level.to_ne_bytes());
        b[12..16].copy_from_slice(&ty.to_ne_bytes());
        b[HDR..HDR + data.len()].copy_from_slice(data);
        b
    }

    #[test]
    fn truncated_or_bogus_headers_end_the_walk() {
        let full = raw_cmsg(IPPROTO_SCTP, SCTP_SNDRCV, &[0; 32]);
        // Cut in the middle of the data: nothing is returned.
        assert_eq!(parse(&full[..30]).count(), 0);
        // A header claiming less than itself.
        let mut bogus = [0u8; 32];
        bogus[0] = 3;
        assert_eq!(parse(&bogus).count(), 0);
        // A header claiming more than the buffer.
        bogus[0] = 200;
        assert_eq!(parse(&bogus).count(), 0);
        // Short data for the type asked: not read.
        let small = raw_cmsg(IPPROTO_SCTP, SCTP_SNDRCV, &[0; 4]);
        // SAFETY: sctp_sndrcvinfo is integers only.
        assert_eq!(unsafe { find::<sctp_sndrcvinfo>(&small, SCTP_SNDRCV) }, None);
        assert_eq!(parse(&small).count(), 1);
    }
}
