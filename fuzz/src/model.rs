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

// ---- notifications ----

/// A native-endian integer of `b` at `off` (the caller has checked the
/// length).
pub fn ne_u16(b: &[u8], off: usize) -> u16 {
    u16::from_ne_bytes([b[off], b[off + 1]])
}
pub fn ne_u32(b: &[u8], off: usize) -> u32 {
    u32::from_ne_bytes([b[off], b[off + 1], b[off + 2], b[off + 3]])
}
pub fn ne_i32(b: &[u8], off: usize) -> i32 {
    ne_u32(b, off) as i32
}

/// Each notification kind's struct size and the offset of its association
/// id, as `<linux/sctp.h>` lays them out (the same on every architecture:
/// fixed-size integers, a 128-byte sockaddr_storage in the packed
/// sctp_paddr_change). Written from the header, not from the library's
/// mirrors. None for a type the kernel does not send.
pub fn notification_layout(kind: u16) -> Option<(usize, usize)> {
    Some(match kind {
        0x8001 => (20, 16),  // sctp_assoc_change, sac_info[] after
        0x8002 => (148, 144), // sctp_paddr_change
        0x8003 => (48, 44),  // sctp_send_failed (sctp_sndrcvinfo at 12), ssf_data[] after
        0x8004 => (16, 12),  // sctp_remote_error (2 bytes of padding after sre_error), sre_data[] after
        0x8005 => (12, 8),   // sctp_shutdown_event
        0x8006 => (24, 12),  // sctp_pdapi_event
        0x8007 => (16, 12),  // sctp_adaptation_event
        0x8008 => (20, 16),  // sctp_authkey_event
        0x8009 => (12, 8),   // sctp_sender_dry_event
        0x800a => (12, 8),   // sctp_stream_reset_event, u16 strreset_stream_list[] after
        0x800b => (20, 8),   // sctp_assoc_reset_event
        0x800c => (16, 8),   // sctp_stream_change_event
        0x800d => (32, 28),  // sctp_send_failed_event (sctp_sndinfo at 12), ssf_data[] after
        _ => return None,
    })
}

/// A notification as the model reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelNotification {
    pub kind: u16,
    /// sn_length: the notification is that many bytes.
    pub len: usize,
    /// The kind's struct size (8, the header's, for an unknown kind).
    pub fixed: usize,
    /// The association id, for a kind the kernel sends.
    pub assoc_id: Option<i32>,
}

/// Why the model refuses notification bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotRefused {
    Short,
    PastEnd,
    TooSmall,
    Family,
    OddStreamList,
}

/// The rules of RFC 6458's notification layout: an 8-byte header (u16
/// type, u16 flags, u32 length); the notification is its length's bytes,
/// which must be there and hold the kind's struct; a peer address change's
/// address is AF_INET or AF_INET6; a stream reset's stream list is whole
/// u16s.
pub fn notification(b: &[u8]) -> Result<ModelNotification, NotRefused> {
    if b.len() < 8 {
        return Err(NotRefused::Short);
    }
    let kind = ne_u16(b, 0);
    let len = ne_u32(b, 4) as u64;
    if len > b.len() as u64 {
        return Err(NotRefused::PastEnd);
    }
    let len = len as usize;
    let layout = notification_layout(kind);
    let fixed = layout.map_or(8, |(f, _)| f);
    if len < fixed {
        return Err(NotRefused::TooSmall);
    }
    if kind == 0x8002 && ![AF_INET, AF_INET6].contains(&ne_u16(b, 8)) {
        return Err(NotRefused::Family);
    }
    if kind == 0x800a && (len - fixed) % 2 != 0 {
        return Err(NotRefused::OddStreamList);
    }
    Ok(ModelNotification { kind, len, fixed, assoc_id: layout.map(|(_, at)| ne_i32(b, at)) })
}
