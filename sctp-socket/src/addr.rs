//! std's socket addresses and the kernel's: one conversion each way, and
//! packed lists (sctp_bindx and sctp_connectx take them, getpaddrs and
//! getladdrs return them), walked by libsctp's own `packed` walker.

use libc::{c_int, sa_family_t, sockaddr, sockaddr_in, sockaddr_in6, sockaddr_storage, socklen_t, AF_INET, AF_INET6};
use std::io;
use std::mem::size_of;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};

/// A sockaddr_in or sockaddr_in6, whichever `a` is, and its length.
pub(crate) fn to_sockaddr(a: &SocketAddr) -> (sockaddr_storage, socklen_t) {
    // SAFETY: sockaddr_storage is integers only; all-zero is a value.
    let mut ss: sockaddr_storage = unsafe { std::mem::zeroed() };
    let len = match a {
        SocketAddr::V4(a) => {
            let sin = sockaddr_in {
                sin_family: AF_INET as sa_family_t,
                sin_port: a.port().to_be(),
                sin_addr: libc::in_addr { s_addr: u32::from_ne_bytes(a.ip().octets()) },
                sin_zero: [0; 8],
            };
            // SAFETY: sockaddr_storage has room and alignment for any
            // sockaddr, sockaddr_in included.
            unsafe { (&mut ss as *mut sockaddr_storage as *mut sockaddr_in).write(sin) };
            size_of::<sockaddr_in>()
        }
        SocketAddr::V6(a) => {
            let sin6 = sockaddr_in6 {
                sin6_family: AF_INET6 as sa_family_t,
                sin6_port: a.port().to_be(),
                // As std's own sockets: the field as it is, no byte swap.
                sin6_flowinfo: a.flowinfo(),
                sin6_addr: libc::in6_addr { s6_addr: a.ip().octets() },
                sin6_scope_id: a.scope_id(),
            };
            // SAFETY: as above, for sockaddr_in6.
            unsafe { (&mut ss as *mut sockaddr_storage as *mut sockaddr_in6).write(sin6) };
            size_of::<sockaddr_in6>()
        }
    };
    (ss, len as socklen_t)
}

/// The address in the first `len` bytes of `bytes`, if it is an IPv4 or
/// IPv6 one of its full size.
pub(crate) fn from_bytes(bytes: &[u8]) -> Option<SocketAddr> {
    let family = c_int::from(sa_family_t::from_ne_bytes([*bytes.first()?, *bytes.get(1)?]));
    match family {
        AF_INET if bytes.len() >= size_of::<sockaddr_in>() => {
            // SAFETY: the bytes hold a whole sockaddr_in, integers only,
            // read unaligned.
            let sin = unsafe { (bytes.as_ptr() as *const sockaddr_in).read_unaligned() };
            let ip = Ipv4Addr::from(sin.sin_addr.s_addr.to_ne_bytes());
            Some(SocketAddr::V4(SocketAddrV4::new(ip, u16::from_be(sin.sin_port))))
        }
        AF_INET6 if bytes.len() >= size_of::<sockaddr_in6>() => {
            // SAFETY: the bytes hold a whole sockaddr_in6, integers only,
            // read unaligned.
            let sin6 = unsafe { (bytes.as_ptr() as *const sockaddr_in6).read_unaligned() };
            let ip = Ipv6Addr::from(sin6.sin6_addr.s6_addr);
            Some(SocketAddr::V6(SocketAddrV6::new(ip, u16::from_be(sin6.sin6_port), sin6.sin6_flowinfo, sin6.sin6_scope_id)))
        }
        _ => None,
    }
}

/// The address the kernel wrote into `ss` (`len` bytes of it).
pub(crate) fn from_storage(ss: &sockaddr_storage, len: socklen_t) -> Option<SocketAddr> {
    let len = (len as usize).min(size_of::<sockaddr_storage>());
    // SAFETY: `ss` is a sockaddr_storage: its first `len` (clamped) bytes
    // are readable, and integers.
    from_bytes(unsafe { std::slice::from_raw_parts(ss as *const sockaddr_storage as *const u8, len) })
}

/// Addresses packed back to back, each its own size, as sctp_bindx and
/// sctp_connectx take them.
pub(crate) struct Packed {
    bytes: Vec<u8>,
    count: c_int,
}

impl Packed {
    /// EINVAL for an empty list, as sctp_bindx and sctp_connectx would say.
    pub(crate) fn new(addrs: &[SocketAddr]) -> io::Result<Packed> {
        let count = c_int::try_from(addrs.len()).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
        let mut bytes = Vec::with_capacity(addrs.len() * size_of::<sockaddr_in6>());
        for a in addrs {
            let (ss, len) = to_sockaddr(a);
            // SAFETY: to_sockaddr wrote `len` bytes of `ss`.
            bytes.extend_from_slice(unsafe { std::slice::from_raw_parts(&ss as *const sockaddr_storage as *const u8, len as usize) });
        }
        Ok(Packed { bytes, count })
    }

    /// For the C functions' `struct sockaddr *addrs` (which they only read).
    pub(crate) fn as_ptr(&mut self) -> *mut sockaddr {
        self.bytes.as_mut_ptr() as *mut sockaddr
    }

    pub(crate) fn count(&self) -> c_int {
        self.count
    }
}

/// The `count` packed addresses of `bytes` (the kernel's answer), walked
/// with libsctp's walker; an entry that is not IPv4 or IPv6 is EINVAL.
pub(crate) fn unpack(bytes: &[u8], count: c_int) -> io::Result<Vec<SocketAddr>> {
    let mut out = Vec::with_capacity(count.max(0) as usize);
    sctp::packed::walk_bytes(bytes, count, |e| {
        out.extend(from_bytes(&bytes[e.offset..e.offset + e.len]));
        Ok(())
    })
    .map_err(crate::sys::io_error)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_survive_the_round_trip() {
        let v6 = SocketAddr::V6(SocketAddrV6::new("fe80::1".parse().unwrap(), 9877, 0x12345, 3));
        for a in ["127.0.0.1:9877".parse().unwrap(), "[::1]:1".parse().unwrap(), "[::ffff:10.0.0.1]:2".parse().unwrap(), v6] {
            let (ss, len) = to_sockaddr(&a);
            assert_eq!(from_storage(&ss, len), Some(a));
        }
    }

    #[test]
    fn packed_lists_unpack_in_order() {
        let addrs: Vec<SocketAddr> = vec!["127.0.0.1:1".parse().unwrap(), "[::1]:2".parse().unwrap(), "127.0.0.2:3".parse().unwrap()];
        let p = Packed::new(&addrs).unwrap();
        assert_eq!(p.bytes.len(), 16 + 28 + 16);
        assert_eq!(unpack(&p.bytes, p.count()).unwrap(), addrs);
        assert!(unpack(&p.bytes[..40], 3).is_err(), "a truncated list is an error");
    }
}
