//! Multi-homing without changing the program: WITHSCTP_BIND_ADDRS lists
//! extra local addresses (IPv4 or IPv6, separated by commas or spaces, at
//! most [`MAX`]) that a converted socket adds with sctp_bindx after the
//! program's own bind to a specific address. Read once, in the
//! constructor; the withsctp command refuses a list this parser would
//! not take whole, so a typo never passes silently.

use core::cell::UnsafeCell;
use core::net::IpAddr;

pub const MAX: usize = 16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct List {
    pub addrs: [Option<IpAddr>; MAX],
    pub len: usize,
}

impl List {
    pub const EMPTY: List = List { addrs: [None; MAX], len: 0 };

    pub fn iter(&self) -> impl Iterator<Item = IpAddr> + '_ {
        self.addrs[..self.len].iter().flatten().copied()
    }
}

/// The list, or None if an entry is not an address or there are more
/// than MAX.
pub fn parse(s: &[u8]) -> Option<List> {
    let mut l = List::EMPTY;
    for word in s.split(|&c| c == b',' || c == b' ' || c == b'\t').filter(|w| !w.is_empty()) {
        let a: IpAddr = core::str::from_utf8(word).ok()?.parse().ok()?;
        *l.addrs.get_mut(l.len)? = Some(a);
        l.len += 1;
    }
    Some(l)
}

struct Slot(UnsafeCell<List>);
// SAFETY: written only by the constructor (`load`), which runs before
// any thread of the program can call bind; read-only afterwards.
unsafe impl Sync for Slot {}
static EXTRA: Slot = Slot(UnsafeCell::new(List::EMPTY));

pub fn load() {
    // SAFETY: getenv with a NUL-terminated name; the constructor runs
    // before the program can change its environment from another thread.
    let v = unsafe { libc::getenv(c"WITHSCTP_BIND_ADDRS".as_ptr()) };
    if v.is_null() {
        return;
    }
    // SAFETY: getenv's answer is a NUL-terminated string.
    let s = unsafe { core::ffi::CStr::from_ptr(v) };
    if let Some(l) = parse(s.to_bytes()) {
        // SAFETY: the one write, in the constructor (see Slot's Sync).
        unsafe { *EXTRA.0.get() = l }
    }
}

pub fn get() -> &'static List {
    // SAFETY: no write after the constructor (see Slot's Sync).
    unsafe { &*EXTRA.0.get() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists() {
        let l = parse(b"127.0.0.2, ::1 127.0.0.3").unwrap();
        assert_eq!(l.len, 3);
        assert_eq!(l.iter().map(|a| a.is_ipv6()).collect::<std::vec::Vec<_>>(), [false, true, false]);
        assert_eq!(parse(b"").unwrap().len, 0);
        assert_eq!(parse(b" , ").unwrap().len, 0);
        assert!(parse(b"127.0.0.2,localhost").is_none());
        assert!(parse(b"127.0.0.256").is_none());
        let many = "10.0.0.1,".repeat(MAX);
        assert_eq!(parse(many.as_bytes()).unwrap().len, MAX);
        assert!(parse(format!("{many}10.0.0.2").as_bytes()).is_none());
    }
}
