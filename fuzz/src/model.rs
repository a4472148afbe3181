//! Independent models of what the library should do, written from the C
//! API's and RFC 6458's rules rather than from the library's code, and the
//! byte reader the targets decode their input with.

use libc::c_int;

pub const AF_INET: u16 = libc::AF_INET as u16;
pub const AF_INET6: u16 = libc::AF_INET6 as u16;
pub const SIN_LEN: usize = 16; // sizeof(struct sockaddr_in)
pub const SIN6_LEN: usize = 28; // sizeof(struct sockaddr_in6)
pub const INT_MAX: usize = c_int::MAX as usize;

/// One entry of a packed address array, as the model sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Addr {
    pub offset: usize,
    pub family: u16,
    pub len: usize,
}

/// Why a packed array is refused: always EINVAL in the C API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    NegativeCount,
    /// count * sizeof(sockaddr_in) > INT_MAX: refused before reading.
    TooMany,
    UnknownFamily(usize),
    /// An entry (or its family field) runs past the bytes given.
    Truncated(usize),
    /// The running length passed INT_MAX.
    TooLong,
}

/// The packed-array rules: `count` entries back to back, each AF_INET
/// (16 bytes) or AF_INET6 (28 bytes) by its first two bytes.
pub fn walk(buf: &[u8], count: c_int) -> Result<Vec<Addr>, Refused> {
    if count < 0 {
        return Err(Refused::NegativeCount);
    }
    // In u64: count * 16 does not fit a 32-bit usize.
    if count as u64 * SIN_LEN as u64 > INT_MAX as u64 {
        return Err(Refused::TooMany);
    }
    let mut out = Vec::new();
    let mut off = 0usize;
    for _ in 0..count {
        if off + 2 > buf.len() {
            return Err(Refused::Truncated(off));
        }
        let family = u16::from_ne_bytes([buf[off], buf[off + 1]]);
        let len = match family {
            AF_INET => SIN_LEN,
            AF_INET6 => SIN6_LEN,
            _ => return Err(Refused::UnknownFamily(off)),
        };
        if off + len > buf.len() {
            return Err(Refused::Truncated(off));
        }
        out.push(Addr { offset: off, family, len });
        off += len;
        if off > INT_MAX {
            return Err(Refused::TooLong);
        }
    }
    Ok(out)
}

/// The largest count a C caller could honestly pass with these bytes as
/// its array: every complete entry, plus one more if its family can be read
/// and is unknown (the walk stops there). Past that the library would be
/// entitled to read beyond the bytes, so the targets never ask for more.
pub fn honest_count(buf: &[u8]) -> c_int {
    let mut off = 0usize;
    let mut n: c_int = 0;
    while off + 2 <= buf.len() && n < 10_000 {
        let family = u16::from_ne_bytes([buf[off], buf[off + 1]]);
        let len = match family {
            AF_INET => SIN_LEN,
            AF_INET6 => SIN6_LEN,
            _ => return n + 1,
        };
        if off + len > buf.len() {
            break;
        }
        off += len;
        n += 1;
    }
    n
}

// The C API's control-message layout on this target: CMSG_LEN(0) is
// sizeof(struct cmsghdr) (16 on 64-bit, 12 on 32-bit), and CMSG_ALIGN
// rounds up to sizeof(long), as the kernel's does.
pub const CMSG_HDR: usize = size_of::<libc::cmsghdr>();
const CMSG_ALIGN_TO: usize = size_of::<libc::c_long>();
pub const fn cmsg_align(n: usize) -> usize {
    (n + CMSG_ALIGN_TO - 1) & !(CMSG_ALIGN_TO - 1)
}
pub const fn cmsg_space(n: usize) -> usize {
    CMSG_HDR + cmsg_align(n)
}

/// A cmsghdr's bytes: cmsg_len `len`, cmsg_level `level`, cmsg_type `ty`.
pub fn cmsg_header(len: usize, level: c_int, ty: c_int) -> Vec<u8> {
    // SAFETY: cmsghdr is integers only (and musl's padding), for which
    // all-zero bytes are a valid value.
    let mut h: libc::cmsghdr = unsafe { core::mem::zeroed() };
    h.cmsg_len = len as _;
    h.cmsg_level = level;
    h.cmsg_type = ty;
    // SAFETY: h is CMSG_HDR initialised bytes, borrowed while h lives.
    unsafe { core::slice::from_raw_parts(&h as *const libc::cmsghdr as *const u8, CMSG_HDR) }.to_vec()
}

/// One control message as the model parses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelCmsg {
    pub offset: usize,
    pub len: usize,
    pub level: c_int,
    pub ty: c_int,
}

/// The control messages in `buf`, by the CMSG_NXTHDR rules the library
/// documents: a header needs CMSG_HDR bytes; a cmsg_len below that or
/// beyond the bytes left ends the walk; the next header starts at the
/// aligned end.
pub fn parse_cmsgs(buf: &[u8]) -> Vec<ModelCmsg> {
    let mut out = Vec::new();
    let mut off = 0usize;
    while buf.len().saturating_sub(off) >= CMSG_HDR {
        // SAFETY: at least CMSG_HDR bytes are left at off; cmsghdr is
        // integers only, read unaligned.
        let h = unsafe { core::ptr::read_unaligned(buf[off..].as_ptr() as *const libc::cmsghdr) };
        let (len, level, ty) = (h.cmsg_len as usize, h.cmsg_level, h.cmsg_type);
        if len < CMSG_HDR || len > buf.len() - off {
            break;
        }
        out.push(ModelCmsg { offset: off, len, level, ty });
        match off.checked_add(cmsg_align(len)) {
            Some(next) => off = next,
            None => break,
        }
    }
    out
}

/// Reads a fuzz input front to back; past the end everything is zero.
pub struct Input<'a> {
    data: &'a [u8],
}

impl<'a> Input<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Input { data }
    }
    pub fn u8(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }
    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }
    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }
    pub fn i32(&mut self) -> i32 {
        self.u32() as i32
    }
    /// `n` bytes (zero-padded if the input runs out).
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.u8()).collect()
    }
    pub fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.data)
    }
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
}

/// Counts worth trying, chosen by `sel` (with `raw` as material): the
/// honest count and its neighbours, small, negative, around the all-IPv4
/// INT_MAX bound, anything.
pub fn count_pick(sel: u8, raw: i32, honest: c_int) -> c_int {
    const BOUND: c_int = (INT_MAX / SIN_LEN) as c_int; // 134217727: still fits
    match sel % 10 {
        0..=3 => honest,
        4 => honest.saturating_sub(1),
        5 => raw & 7,
        6 => -(raw & 0xff) - 1,
        7 => [BOUND + 1, c_int::MAX, c_int::MIN, BOUND * 2][(raw & 3) as usize],
        8 => 0,
        _ => raw,
    }
}
