//! Control messages: building the ones we send, finding the ones the
//! kernel hands back. Both work on plain byte buffers with bounds checks,
//! so malformed input (a fuzzer's, or a truncated MSG_CTRUNC answer) can
//! at worst be ignored, never read or written past.

use crate::errno::{Errno, Result};
use core::mem::size_of;
use libc::{c_int, cmsghdr};

const ALIGN: usize = size_of::<usize>();

const fn align(n: usize) -> usize {
    (n + ALIGN - 1) & !(ALIGN - 1)
}

/// Bytes before a control message's data (CMSG_LEN(0)).
pub const HDR: usize = align(size_of::<cmsghdr>());
const _: () = assert!(HDR == size_of::<cmsghdr>());

/// CMSG_SPACE: room one control message with `data` bytes takes.
pub const fn space(data: usize) -> usize {
    HDR + align(data)
}

/// CMSG_LEN: the cmsg_len of a control message with `data` bytes.
pub const fn len(data: usize) -> usize {
    HDR + data
}

/// Storage for control messages, aligned for cmsghdr.
#[repr(C, align(8))]
pub struct CmsgBuf<const N: usize>(pub [u8; N]);

impl<const N: usize> CmsgBuf<N> {
    pub const fn new() -> Self {
        CmsgBuf([0; N])
    }
}

impl<const N: usize> Default for CmsgBuf<N> {
    fn default() -> Self {
        Self::new()
    }
}

/// Write one SCTP control message carrying the `n` bytes at `data` at
/// offset `at` of `buf`, padding zeroed; returns the offset after it. The
/// unchecked twin of [`CmsgWriter::push_with`], for buffers sized for what
/// goes in them.
///
/// # Safety
/// `buf` has `at + space(n)` writable bytes; `data` has `n` readable bytes.
#[inline(always)]
pub unsafe fn put(buf: *mut u8, at: usize, ty: c_int, data: *const u8, n: usize) -> usize {
    let hdr = cmsghdr { cmsg_len: len(n) as _, cmsg_level: crate::uapi::IPPROTO_SCTP, cmsg_type: ty };
    // SAFETY: per the contract; cmsghdr is plain data, written unaligned.
    unsafe {
        let p = buf.add(at);
        (p as *mut cmsghdr).write_unaligned(hdr);
        core::ptr::copy_nonoverlapping(data, p.add(HDR), n);
        core::ptr::write_bytes(p.add(len(n)), 0, space(n) - len(n));
    }
    at + space(n)
}

/// One SCTP_SNDRCV control message, laid out as the C macros lay it: the
/// fast path of sctp_sendmsg and sctp_send. It is built zeroed in place, so
/// no byte the kernel reads (the struct's padding included) is unset.
#[repr(C)]
pub struct SndrcvCmsg {
    hdr: cmsghdr,
    data: crate::uapi::sctp_sndrcvinfo,
}

impl SndrcvCmsg {
    /// A message in `slot`, zeroed whole, with its header set; fill the
    /// data in place through [`SndrcvCmsg::data_mut`].
    pub fn zeroed_in(slot: &mut core::mem::MaybeUninit<Self>) -> &mut Self {
        // SAFETY: `slot` is ours and writable; all-zero bytes are a valid
        // cmsghdr and sctp_sndrcvinfo (integers only).
        let c = unsafe {
            core::ptr::write_bytes(slot.as_mut_ptr(), 0, 1);
            slot.assume_init_mut()
        };
        c.hdr.cmsg_len = len(size_of::<crate::uapi::sctp_sndrcvinfo>()) as _;
        c.hdr.cmsg_level = crate::uapi::IPPROTO_SCTP;
        c.hdr.cmsg_type = crate::uapi::SCTP_SNDRCV;
        c
    }

    /// The data, to fill field by field (its padding stays zero).
    pub fn data_mut(&mut self) -> &mut crate::uapi::sctp_sndrcvinfo {
        &mut self.data
    }

    /// The msg_controllen to pass (CMSG_LEN, as lksctp passes).
    #[allow(clippy::unnecessary_cast)] // cmsg_len is not size_t on every libc
    pub fn controllen(&self) -> usize {
        self.hdr.cmsg_len as usize
    }
}

/// Appends control messages to a buffer.
pub struct CmsgWriter<'a> {
    buf: &'a mut [u8],
    used: usize,
}

impl<'a> CmsgWriter<'a> {
    pub fn new(buf: &'a mut [u8]) -> Self {
        CmsgWriter { buf, used: 0 }
    }

    /// Bytes written so far: the msg_controllen to pass.
    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Start of the buffer, for msg_control.
    pub fn as_ptr(&self) -> *const u8 {
        self.buf.as_ptr()
    }

    /// Take the first `n` bytes as written already (by [`put`]).
    pub fn skip(&mut self, n: usize) {
        self.used = self.used.max(n.min(self.buf.len()));
    }

    /// Append one control message whose data `fill` writes into the
    /// `data_len` bytes it is given. ENOBUFS when the buffer is full.
    pub fn push_with(&mut self, level: c_int, ty: c_int, data_len: usize, fill: impl FnOnce(&mut [u8])) -> Result<()> {
        let start = self.used;
        let end = start.checked_add(space(data_len)).ok_or(Errno(libc::ENOBUFS))?;
        let slot = self.buf.get_mut(start..end).ok_or(Errno(libc::ENOBUFS))?;
        slot.fill(0);
        let hdr = cmsghdr { cmsg_len: len(data_len) as _, cmsg_level: level, cmsg_type: ty };
        // SAFETY: `slot` is at least HDR >= size_of::<cmsghdr>() bytes long;
        // cmsghdr is plain data, written unaligned into bytes.
        unsafe { core::ptr::write_unaligned(slot.as_mut_ptr() as *mut cmsghdr, hdr) };
        fill(&mut slot[HDR..HDR + data_len]);
        self.used = end;
        Ok(())
    }

    /// Append one control message carrying `value` (tests build with it).
    #[cfg(test)]
    pub fn push<T: Copy>(&mut self, level: c_int, ty: c_int, value: &T) -> Result<()> {
        self.push_with(level, ty, size_of::<T>(), |data| {
            // SAFETY: `data` is exactly size_of::<T>() bytes; T is one of
            // the kernel's plain repr(C) structs, copied bytewise.
            unsafe { core::ptr::copy_nonoverlapping(value as *const T as *const u8, data.as_mut_ptr(), data.len()) }
        })
    }
}

/// One control message found in a received buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cmsg<'a> {
    pub level: c_int,
    pub ty: c_int,
    pub data: &'a [u8],
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
        if c.level == crate::uapi::IPPROTO_SCTP && c.ty == ty && c.data.len() >= want {
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
    use crate::uapi::*;

    #[test]
    fn sizes_match_the_c_macros() {
        // SAFETY: CMSG_SPACE / CMSG_LEN are pure arithmetic.
        unsafe {
            for n in [0u32, 1, 2, 8, 16, 28, 32] {
                assert_eq!(space(n as usize), libc::CMSG_SPACE(n) as usize);
                assert_eq!(len(n as usize), libc::CMSG_LEN(n) as usize);
            }
        }
    }

    #[test]
    fn built_messages_parse_back() {
        let mut buf = CmsgBuf::<256>::new();
        let snd = sctp_sndinfo { snd_sid: 3, snd_flags: 0, snd_ppid: 7, snd_context: 9, snd_assoc_id: 11 };
        let pr = sctp_prinfo { pr_policy: 1, pr_value: 500 };
        let mut w = CmsgWriter::new(&mut buf.0);
        w.push(IPPROTO_SCTP, SCTP_SNDINFO, &snd).unwrap();
        w.push(IPPROTO_SCTP, SCTP_PRINFO, &pr).unwrap();
        w.push_with(IPPROTO_SCTP, SCTP_DSTADDRV4, 4, |d| d.copy_from_slice(&[127, 0, 0, 2])).unwrap();
        let n = w.len();
        assert_eq!(n, space(16) + space(8) + space(4));
        let got: Vec<_> = parse(&buf.0[..n]).map(|c| (c.ty, c.data.len())).collect();
        assert_eq!(got, [(SCTP_SNDINFO, 16), (SCTP_PRINFO, 8), (SCTP_DSTADDRV4, 4)]);
        // SAFETY: sctp_sndinfo is integers only.
        assert_eq!(unsafe { find::<sctp_sndinfo>(&buf.0[..n], SCTP_SNDINFO) }, Some(snd));
        // SAFETY: sctp_prinfo is integers only.
        assert_eq!(unsafe { find::<sctp_prinfo>(&buf.0[..n], SCTP_PRINFO) }, Some(pr));
        // SAFETY: sctp_rcvinfo is integers only.
        assert_eq!(unsafe { find::<sctp_rcvinfo>(&buf.0[..n], SCTP_RCVINFO) }, None);
    }

    #[test]
    fn a_full_buffer_refuses_instead_of_overflowing() {
        let mut buf = [0u8; 40];
        let mut w = CmsgWriter::new(&mut buf);
        w.push(IPPROTO_SCTP, SCTP_SNDINFO, &sctp_sndinfo::default()).unwrap();
        assert_eq!(w.push(IPPROTO_SCTP, SCTP_SNDINFO, &sctp_sndinfo::default()), Err(Errno(libc::ENOBUFS)));
        assert_eq!(w.len(), space(16));
    }

    #[test]
    fn truncated_or_bogus_headers_end_the_walk() {
        let mut buf = CmsgBuf::<64>::new();
        let mut w = CmsgWriter::new(&mut buf.0);
        w.push(IPPROTO_SCTP, SCTP_SNDRCV, &sctp_sndrcvinfo::default()).unwrap();
        // Cut in the middle of the data: nothing is returned.
        assert_eq!(parse(&buf.0[..30]).count(), 0);
        // A header claiming less than itself.
        let mut bogus = [0u8; 32];
        bogus[0] = 3;
        assert_eq!(parse(&bogus).count(), 0);
        // A header claiming more than the buffer.
        bogus[0] = 200;
        assert_eq!(parse(&bogus).count(), 0);
        // Short data for the type asked: not read.
        let mut small = CmsgBuf::<64>::new();
        let mut w = CmsgWriter::new(&mut small.0);
        w.push_with(IPPROTO_SCTP, SCTP_SNDRCV, 4, |_| {}).unwrap();
        let n = w.len();
        // SAFETY: sctp_sndrcvinfo is integers only.
        assert_eq!(unsafe { find::<sctp_sndrcvinfo>(&small.0[..n], SCTP_SNDRCV) }, None);
    }
}
