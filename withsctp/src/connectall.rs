//! WITHSCTP_CONNECT_ALL=1: a connect() to one of the addresses a host
//! name resolved to becomes an sctp_connectx to all of them. getaddrinfo
//! records each answer's addresses here ([`record`]); connect looks its
//! address up ([`lookup`]) and picks what the socket can use ([`select`]).
//!
//! The table is a seqlock per slot, every word an atomic: a writer that
//! cannot claim a slot (another writer has it) records nothing, and a
//! reader that sees a slot being written treats it as absent. Neither
//! waits, so connect stays async-signal-safe and has no data race.

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use core::sync::atomic::{fence, AtomicBool, AtomicU32, AtomicU64, Ordering::*};

pub const ANSWERS: usize = 8;
pub const ADDRS: usize = 16;

/// Set once, in the constructor.
pub static ENABLED: AtomicBool = AtomicBool::new(false);

/// An address in three words: the family (4 or 6), then the 16 bytes (an
/// IPv4 address in the first 4).
fn encode(a: IpAddr) -> [u64; 3] {
    let (tag, b) = match a {
        IpAddr::V4(v) => {
            let mut b = [0u8; 16];
            b[..4].copy_from_slice(&v.octets());
            (4, b)
        }
        IpAddr::V6(v) => (6, v.octets()),
    };
    let (h, l) = b.split_at(8);
    [tag, u64::from_ne_bytes(h.try_into().unwrap_or([0; 8])), u64::from_ne_bytes(l.try_into().unwrap_or([0; 8]))]
}

fn decode(w: [u64; 3]) -> Option<IpAddr> {
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&w[1].to_ne_bytes());
    b[8..].copy_from_slice(&w[2].to_ne_bytes());
    match w[0] {
        4 => Some(IpAddr::V4(Ipv4Addr::new(b[0], b[1], b[2], b[3]))),
        6 => Some(IpAddr::V6(Ipv6Addr::from(b))),
        _ => None,
    }
}

/// An IPv4-mapped IPv6 address is its IPv4 address (what an AF_INET6
/// socket connects to for one).
pub fn canonical(a: IpAddr) -> IpAddr {
    match a {
        IpAddr::V6(v) => v.to_ipv4_mapped().map_or(a, IpAddr::V4),
        _ => a,
    }
}

pub struct Table {
    next: AtomicU32,
    slots: [Slot; ANSWERS],
}

struct Slot {
    seq: AtomicU32,
    len: AtomicU32,
    words: [AtomicU64; ADDRS * 3],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answer {
    pub addrs: [Option<IpAddr>; ADDRS],
    pub len: usize,
}

impl Answer {
    pub const EMPTY: Answer = Answer { addrs: [None; ADDRS], len: 0 };

    pub fn iter(&self) -> impl Iterator<Item = IpAddr> + '_ {
        self.addrs[..self.len].iter().flatten().copied()
    }

    /// Adds `a` unless it is there already or the answer is full.
    pub fn push(&mut self, a: IpAddr) {
        let a = canonical(a);
        if self.len < ADDRS && !self.iter().any(|b| b == a) {
            self.addrs[self.len] = Some(a);
            self.len += 1;
        }
    }
}

impl Table {
    #[allow(clippy::declare_interior_mutable_const)]
    pub const fn new() -> Table {
        const W: AtomicU64 = AtomicU64::new(0);
        #[allow(clippy::declare_interior_mutable_const)]
        const S: Slot = Slot { seq: AtomicU32::new(0), len: AtomicU32::new(0), words: [W; ADDRS * 3] };
        Table { next: AtomicU32::new(0), slots: [S; ANSWERS] }
    }

    /// Records an answer in the next slot (the oldest), unless another
    /// thread is writing that one: then the answer is not recorded.
    pub fn record(&self, a: &Answer) {
        let slot = &self.slots[self.next.fetch_add(1, Relaxed) as usize % ANSWERS];
        let s = slot.seq.load(Relaxed);
        if s % 2 == 1 || slot.seq.compare_exchange(s, s.wrapping_add(1), Acquire, Relaxed).is_err() {
            return;
        }
        fence(Release);
        slot.len.store(a.len as u32, Relaxed);
        for (i, addr) in a.addrs[..a.len].iter().enumerate() {
            let w = addr.map_or([0; 3], encode);
            for (j, v) in w.iter().enumerate() {
                slot.words[i * 3 + j].store(*v, Relaxed);
            }
        }
        slot.seq.store(s.wrapping_add(2), Release);
    }

    fn read(slot: &Slot) -> Option<Answer> {
        let s = slot.seq.load(Acquire);
        if s % 2 == 1 {
            return None;
        }
        let len = (slot.len.load(Relaxed) as usize).min(ADDRS);
        let mut a = Answer::EMPTY;
        for i in 0..len {
            let w = [0, 1, 2].map(|j| slot.words[i * 3 + j].load(Relaxed));
            a.addrs[i] = decode(w);
        }
        a.len = len;
        fence(Acquire);
        (slot.seq.load(Relaxed) == s).then_some(a)
    }

    /// The newest recorded answer that holds `addr`.
    pub fn lookup(&self, addr: IpAddr) -> Option<Answer> {
        let addr = canonical(addr);
        let newest = self.next.load(Relaxed) as usize;
        (1..=ANSWERS)
            .map(|k| &self.slots[newest.wrapping_sub(k) % ANSWERS])
            .filter_map(Self::read)
            .find(|a| a.iter().any(|b| b == addr))
    }
}

impl Default for Table {
    fn default() -> Table {
        Table::new()
    }
}

pub static TABLE: Table = Table::new();

/// The addresses to connect to, `to` first, of those an `inet6` socket
/// (else an AF_INET one) can use: IPv4 only on AF_INET, IPv6 only with
/// IPV6_V6ONLY, both otherwise. None unless there are two or more.
pub fn select(answer: &Answer, to: IpAddr, inet6: bool, v6only: bool) -> Option<Answer> {
    let to = canonical(to);
    let usable = |a: &IpAddr| match a {
        IpAddr::V4(_) => !(inet6 && v6only),
        IpAddr::V6(_) => inet6,
    };
    if !usable(&to) {
        return None;
    }
    let mut out = Answer::EMPTY;
    out.push(to);
    answer.iter().filter(usable).for_each(|a| out.push(a));
    (out.len > 1).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn answer(list: &[&str]) -> Answer {
        let mut a = Answer::EMPTY;
        list.iter().for_each(|s| a.push(ip(s)));
        a
    }

    fn strs(a: &Answer) -> std::vec::Vec<std::string::String> {
        a.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn records_and_finds() {
        let t = Table::new();
        assert_eq!(t.lookup(ip("127.0.0.1")), None);
        t.record(&answer(&["127.0.0.1", "127.0.0.2", "::1"]));
        t.record(&answer(&["10.0.0.1", "fe80::1"]));
        assert_eq!(strs(&t.lookup(ip("127.0.0.2")).unwrap()), ["127.0.0.1", "127.0.0.2", "::1"]);
        assert_eq!(strs(&t.lookup(ip("::ffff:10.0.0.1")).unwrap()), ["10.0.0.1", "fe80::1"]);
        assert_eq!(t.lookup(ip("127.0.0.3")), None);
        // The newest answer holding the address wins.
        t.record(&answer(&["127.0.0.2", "127.0.0.9"]));
        assert_eq!(strs(&t.lookup(ip("127.0.0.2")).unwrap()), ["127.0.0.2", "127.0.0.9"]);
        // Oldest replaced: ANSWERS more push the first out.
        for i in 0..ANSWERS {
            t.record(&answer(&[&format!("10.1.0.{i}"), "10.2.0.1"]));
        }
        assert_eq!(t.lookup(ip("127.0.0.1")), None);
        assert!(t.lookup(ip("10.1.0.0")).is_some());
        // A slot being written is absent, and its writer's rival skips.
        let s = &t.slots[t.next.load(Relaxed) as usize % ANSWERS];
        let seq = s.seq.load(Relaxed);
        let held = t.lookup(ip("10.1.0.0")).unwrap();
        s.seq.store(seq + 1, Relaxed);
        assert_eq!(t.lookup(ip("10.1.0.0")), None);
        t.record(&answer(&["192.0.2.1", "192.0.2.2"]));
        assert_eq!(t.lookup(ip("192.0.2.1")), None);
        s.seq.store(seq, Relaxed);
        assert_eq!(t.lookup(ip("10.1.0.0")), Some(held));
    }

    #[test]
    fn dedups_and_caps() {
        let mut a = answer(&["127.0.0.1", "127.0.0.1", "::ffff:127.0.0.1"]);
        assert_eq!(a.len, 1);
        for i in 0..40 {
            a.push(ip(&format!("10.0.0.{i}")));
        }
        assert_eq!(a.len, ADDRS);
    }

    #[test]
    fn selects_per_family() {
        let a = answer(&["::1", "127.0.0.1", "127.0.0.2", "2001:db8::1"]);
        let to = ip("127.0.0.2");
        assert_eq!(strs(&select(&a, to, false, false).unwrap()), ["127.0.0.2", "127.0.0.1"]);
        assert_eq!(strs(&select(&a, to, true, false).unwrap()), ["127.0.0.2", "::1", "127.0.0.1", "2001:db8::1"]);
        assert_eq!(select(&a, to, true, true), None);
        assert_eq!(strs(&select(&a, ip("::1"), true, true).unwrap()), ["::1", "2001:db8::1"]);
        assert_eq!(select(&a, ip("::1"), false, false), None);
        assert_eq!(select(&answer(&["127.0.0.1", "::1"]), ip("127.0.0.1"), false, false), None);
    }
}
