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
    if count as usize * SIN_LEN > INT_MAX {
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

pub const CMSG_HDR: usize = 16; // CMSG_LEN(0) on x86-64
pub const fn align8(n: usize) -> usize {
    (n + 7) & !7
}
pub const fn cmsg_space(n: usize) -> usize {
    CMSG_HDR + align8(n)
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
/// documents: a header needs 16 bytes; a cmsg_len below 16 or beyond the
/// bytes left ends the walk; the next header starts at the aligned end.
pub fn parse_cmsgs(buf: &[u8]) -> Vec<ModelCmsg> {
    let mut out = Vec::new();
    let mut off = 0usize;
    while buf.len().saturating_sub(off) >= CMSG_HDR {
        let len = u64::from_ne_bytes(buf[off..off + 8].try_into().unwrap()) as usize;
        let level = c_int::from_ne_bytes(buf[off + 8..off + 12].try_into().unwrap());
        let ty = c_int::from_ne_bytes(buf[off + 12..off + 16].try_into().unwrap());
        if len < CMSG_HDR || len > buf.len() - off {
            break;
        }
        out.push(ModelCmsg { offset: off, len, level, ty });
        match off.checked_add(align8(len)) {
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
