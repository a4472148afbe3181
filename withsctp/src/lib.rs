//! libwithsctp.so.1: an LD_PRELOAD library that runs an unmodified TCP
//! program over SCTP (the one-to-one style, RFC 6458 section 4), as
//! lksctp-tools' libwithsctp does, done properly. The withsctp command
//! (`main.rs`) loads it; man/withsctp.1 is the user's side of what
//! follows.
//!
//! It interposes seven calls and nothing else:
//!
//! | call       | on a converted socket                                           |
//! |------------|-----------------------------------------------------------------|
//! | socket     | AF_INET/AF_INET6, SOCK_STREAM with any flags, protocol 0 or IPPROTO_TCP: IPPROTO_SCTP |
//! | setsockopt, getsockopt | IPPROTO_TCP options as [`tcp`] maps them; SO_KEEPALIVE on also turns heartbeats on |
//! | shutdown   | SHUT_WR succeeds and sends nothing (SCTP has no half-close: its SHUTDOWN would stop the peer's reply), unless WITHSCTP_SHUT_WR=shutdown |
//! | bind       | then adds WITHSCTP_BIND_ADDRS ([`extra`]) with sctp_bindx          |
//! | getaddrinfo | (no socket) with WITHSCTP_CONNECT_ALL=1, remembers the answer's addresses ([`connectall`]) |
//! | connect    | with WITHSCTP_CONNECT_ALL=1, to an address of a remembered answer: sctp_connectx to all it can use |
//!
//! "Converted" is what the kernel says (SO_PROTOCOL is IPPROTO_SCTP), so
//! there is no table of descriptors (the only table is of getaddrinfo's
//! answers, lock-free): nothing to lock, nothing to go stale
//! across fork, dup or close, and every wrapper is as thread-safe and
//! async-signal-safe as the call it wraps (the real calls come from
//! [`real`], resolved in the constructor). errno is restored after every
//! internal call of a wrapper that succeeds.
//!
//! no_std over libc as libsctp, whose crate it uses for the kernel's
//! structs, errno's convention and sctp_bindx (and, without std, the
//! panic handler that aborts).
#![cfg_attr(not(test), no_std)]
#![deny(unsafe_op_in_unsafe_fn)]
#![allow(clippy::missing_safety_doc)]

pub mod connectall;
pub mod extra;
mod real;
pub mod tcp;

use core::mem::{size_of, zeroed};
use core::sync::atomic::{AtomicBool, Ordering::Relaxed};
use libc::{c_int, c_void, sockaddr, sockaddr_in, sockaddr_in6, socklen_t};
use sctp::cptr::required;
use sctp::errno::{self, Errno, Result, ResultExt};
use sctp::uapi::{
    sctp_assoc_value, sctp_initmsg, sctp_paddrparams, sctp_status, IPPROTO_SCTP, SCTP_BINDX_ADD_ADDR, SCTP_INITMSG,
    SCTP_MAXSEG, SCTP_NODELAY, SCTP_PEER_ADDR_PARAMS, SCTP_STATUS, SOL_SCTP, SPP_HB_ENABLE,
};
use tcp::TcpOpt;

const ENOPROTOOPT: Errno = Errno(libc::ENOPROTOOPT);

pub(crate) fn errno_get() -> c_int {
    errno::get()
}

pub(crate) fn errno_set(e: c_int) {
    // SAFETY: __errno_location returns this thread's errno, valid to write.
    unsafe { *libc::__errno_location() = e }
}

/// Runs `f` and, if it succeeds, puts back the errno it found: internal
/// calls that failed on the way (a probe) must not show.
fn keeping_errno(f: impl FnOnce() -> c_int) -> c_int {
    let e = errno_get();
    let r = f();
    if r != -1 {
        errno_set(e);
    }
    r
}

#[used]
#[link_section = ".init_array"]
static CONSTRUCTOR: extern "C" fn() = init;

extern "C" fn init() {
    real::resolve_all();
    extra::load();
    // SAFETY: getenv with a NUL-terminated name, in the constructor.
    let v = unsafe { libc::getenv(c"WITHSCTP_SHUT_WR".as_ptr()) };
    // SAFETY: getenv's answer, when not NULL, is a NUL-terminated string.
    if !v.is_null() && unsafe { core::ffi::CStr::from_ptr(v) } == c"shutdown" {
        SHUT_WR_PASSES.store(true, Relaxed);
    }
    // SAFETY: as above.
    let v = unsafe { libc::getenv(c"WITHSCTP_CONNECT_ALL".as_ptr()) };
    // SAFETY: as above.
    if !v.is_null() && unsafe { core::ffi::CStr::from_ptr(v) } == c"1" {
        connectall::ENABLED.store(true, Relaxed);
    }
}

/// WITHSCTP_SHUT_WR=shutdown: SHUT_WR is SCTP's SHUTDOWN, as the kernel
/// has it, for programs that half-close to say "that was all" and wait
/// for the peer to close (nc sending a file). Set once, in the constructor.
static SHUT_WR_PASSES: AtomicBool = AtomicBool::new(false);

/// Whether the kernel says `fd` is an SCTP socket (one we converted, or
/// one the program asked for itself).
fn is_sctp(fd: c_int) -> bool {
    real::get_int(fd, libc::SOL_SOCKET, libc::SO_PROTOCOL) == Some(IPPROTO_SCTP)
}

#[cfg_attr(not(test), no_mangle)]
pub extern "C" fn socket(domain: c_int, ty: c_int, protocol: c_int) -> c_int {
    real::socket(domain, ty, tcp::socket_protocol(domain, ty, protocol))
}

#[cfg_attr(not(test), no_mangle)]
pub unsafe extern "C" fn setsockopt(fd: c_int, level: c_int, name: c_int, val: *const c_void, len: socklen_t) -> c_int {
    let keepalive = level == libc::SOL_SOCKET && name == libc::SO_KEEPALIVE;
    if (level == libc::IPPROTO_TCP || keepalive) && keeping_errno(|| is_sctp(fd) as c_int) == 1 {
        return keeping_errno(|| {
            // SAFETY: `val` holds `len` bytes, as setsockopt's caller promises.
            if keepalive { unsafe { keepalive_set(fd, val, len) } } else { unsafe { tcp_set(fd, name, val, len) } }
                .or_minus_one_errno()
        });
    }
    // SAFETY: the caller's arguments, as it passed them.
    unsafe { real::setsockopt(fd, level, name, val, len) }
}

#[cfg_attr(not(test), no_mangle)]
pub unsafe extern "C" fn getsockopt(fd: c_int, level: c_int, name: c_int, val: *mut c_void, len: *mut socklen_t) -> c_int {
    if level == libc::IPPROTO_TCP && keeping_errno(|| is_sctp(fd) as c_int) == 1 {
        // SAFETY: `len` and `val` as getsockopt's caller promises.
        return keeping_errno(|| unsafe { tcp_get(fd, name, val, len) }.or_minus_one_errno());
    }
    // SAFETY: the caller's arguments, as it passed them.
    unsafe { real::getsockopt(fd, level, name, val, len) }
}

/// SHUT_WR on an SCTP one-to-one socket succeeds and sends nothing. SCTP
/// has no half-close: its SHUTDOWN (what the kernel does for SHUT_WR)
/// also stops the peer from sending, so a server answering a request
/// after the client's half-close would get EPIPE. The association ends
/// gracefully when the program closes the socket (or SHUT_RDWR).
/// WITHSCTP_SHUT_WR=shutdown passes it to the kernel instead.
#[cfg_attr(not(test), no_mangle)]
pub extern "C" fn shutdown(fd: c_int, how: c_int) -> c_int {
    if how == libc::SHUT_WR
        && !SHUT_WR_PASSES.load(Relaxed)
        && keeping_errno(|| {
            (is_sctp(fd) && real::get_int(fd, libc::SOL_SOCKET, libc::SO_TYPE) == Some(libc::SOCK_STREAM)) as c_int
        }) == 1
    {
        return 0;
    }
    real::shutdown(fd, how)
}

#[cfg_attr(not(test), no_mangle)]
pub unsafe extern "C" fn bind(fd: c_int, addr: *const sockaddr, len: socklen_t) -> c_int {
    // SAFETY: `addr` holds `len` bytes, as bind's caller promises.
    let r = unsafe { real::bind(fd, addr, len) };
    if r != 0 || extra::get().len == 0 {
        return r;
    }
    keeping_errno(|| if is_sctp(fd) { add_extra(fd).or_minus_one_errno() } else { 0 })
}

/// The answer as the real getaddrinfo gives it; with WITHSCTP_CONNECT_ALL=1
/// its IPv4 and IPv6 addresses are remembered for [`connect`].
#[cfg_attr(not(test), no_mangle)]
pub unsafe extern "C" fn getaddrinfo(
    node: *const libc::c_char,
    service: *const libc::c_char,
    hints: *const libc::addrinfo,
    res: *mut *mut libc::addrinfo,
) -> c_int {
    // SAFETY: the caller's arguments, as it passed them.
    let r = unsafe { real::getaddrinfo(node, service, hints, res) };
    if r == 0 && connectall::ENABLED.load(Relaxed) && !res.is_null() {
        let mut a = connectall::Answer::EMPTY;
        // SAFETY: getaddrinfo succeeded, so `*res` is its list's head.
        let mut p = unsafe { *res };
        while !p.is_null() {
            // SAFETY: a node of the list getaddrinfo made, valid until
            // the caller frees it (not before we return).
            let ai = unsafe { &*p };
            // SAFETY: ai_addr holds ai_addrlen bytes, as getaddrinfo made it.
            if let Some((ip, _, _)) = unsafe { sockaddr_ip(ai.ai_addr, ai.ai_addrlen) } {
                a.push(ip);
            }
            p = ai.ai_next;
        }
        if a.len > 1 {
            connectall::TABLE.record(&a);
        }
    }
    r
}

/// An AF_INET or AF_INET6 address's IP, port (network order) and IPv6
/// scope id; None for another family or a short length.
///
/// # Safety
/// `addr` is NULL or holds `len` readable bytes.
unsafe fn sockaddr_ip(addr: *const sockaddr, len: socklen_t) -> Option<(core::net::IpAddr, u16, u32)> {
    if addr.is_null() || (len as usize) < size_of::<libc::sa_family_t>() {
        return None;
    }
    // SAFETY: at least a family's bytes, by the caller's promise.
    let family = c_int::from(unsafe { core::ptr::addr_of!((*addr).sa_family).read_unaligned() });
    if family == libc::AF_INET && len as usize >= size_of::<sockaddr_in>() {
        // SAFETY: a sockaddr_in's bytes, checked above.
        let s: sockaddr_in = unsafe { addr.cast::<sockaddr_in>().read_unaligned() };
        Some((core::net::Ipv4Addr::from(s.sin_addr.s_addr.to_ne_bytes()).into(), s.sin_port, 0))
    } else if family == libc::AF_INET6 && len as usize >= size_of::<sockaddr_in6>() {
        // SAFETY: a sockaddr_in6's bytes, checked above.
        let s: sockaddr_in6 = unsafe { addr.cast::<sockaddr_in6>().read_unaligned() };
        Some((core::net::Ipv6Addr::from(s.sin6_addr.s6_addr).into(), s.sin6_port, s.sin6_scope_id))
    } else {
        None
    }
}

/// With WITHSCTP_CONNECT_ALL=1, a converted stream socket's connect to an
/// address of a remembered getaddrinfo answer: sctp_connectx to every
/// address of it the socket can use, this one first, on this port.
/// Otherwise, and for a single usable address, the real connect.
#[cfg_attr(not(test), no_mangle)]
pub unsafe extern "C" fn connect(fd: c_int, addr: *const sockaddr, len: socklen_t) -> c_int {
    if connectall::ENABLED.load(Relaxed) {
        // SAFETY: `addr` holds `len` bytes, as connect's caller promises.
        if let Some((to, port, scope)) = unsafe { sockaddr_ip(addr, len) } {
            let mut buf = [0u8; connectall::ADDRS * size_of::<sockaddr_in6>()];
            let count = keeping_errno(|| all_addrs(fd, to, port, scope, &mut buf));
            if count > 1 {
                // SCTP_SOCKOPT_CONNECTX (a setsockopt with the packed
                // addresses), as connect's answer wants no association id.
                // SAFETY: `buf` holds `count` packed addresses; no id wanted.
                return keeping_errno(|| unsafe {
                    sctp::connectx::sctp_connectx_v2(fd, buf.as_mut_ptr().cast(), count, core::ptr::null_mut())
                });
            }
        }
    }
    // SAFETY: the caller's arguments, as it passed them.
    unsafe { real::connect(fd, addr, len) }
}

/// The addresses connect should pass to sctp_connectx, packed in `buf`,
/// and how many (0 when connect should be the real one).
fn all_addrs(fd: c_int, to: core::net::IpAddr, port: u16, scope: u32, buf: &mut [u8]) -> c_int {
    if !is_sctp(fd) || real::get_int(fd, libc::SOL_SOCKET, libc::SO_TYPE) != Some(libc::SOCK_STREAM) {
        return 0;
    }
    let inet6 = match real::get_int(fd, libc::SOL_SOCKET, libc::SO_DOMAIN) {
        Some(libc::AF_INET) => false,
        Some(libc::AF_INET6) => true,
        _ => return 0,
    };
    let v6only = inet6 && real::get_int(fd, libc::IPPROTO_IPV6, libc::IPV6_V6ONLY) == Some(1);
    let Some(answer) = connectall::TABLE.lookup(to) else { return 0 };
    let Some(list) = connectall::select(&answer, to, inet6, v6only) else { return 0 };
    let mut used = 0;
    for (i, a) in list.iter().enumerate() {
        // The program's scope id belongs to its own address.
        put_addr(buf, &mut used, a, port, if i == 0 { scope } else { 0 });
    }
    list.len as c_int
}

/// # Safety
/// `val` holds `len` readable bytes (or is NULL).
unsafe fn read_int(val: *const c_void, len: socklen_t) -> Result<c_int> {
    if (len as usize) < size_of::<c_int>() {
        return Err(errno::EINVAL);
    }
    let p = required(val)?.cast::<c_int>();
    // SAFETY: non-NULL and at least an int long, by the caller's promise.
    Ok(unsafe { p.read_unaligned() })
}

fn sctp_set<T: Copy>(fd: c_int, name: c_int, v: &T) -> Result<c_int> {
    errno::check(real::set_struct(fd, SOL_SCTP, name, v))
}

fn sctp_get<T: Copy>(fd: c_int, name: c_int, v: &mut T) -> Result<c_int> {
    errno::check(real::get_struct(fd, SOL_SCTP, name, v))
}

/// SCTP_PEER_ADDR_PARAMS of the association (or the socket's defaults
/// before there is one): assoc id 0 and the wildcard address mean that on
/// a one-to-one socket.
fn paddrparams() -> sctp_paddrparams {
    // SAFETY: a plain kernel struct, for which all zeros is valid.
    unsafe { zeroed() }
}

/// # Safety
/// `val` holds `len` readable bytes (or is NULL).
unsafe fn tcp_set(fd: c_int, name: c_int, val: *const c_void, len: socklen_t) -> Result<c_int> {
    let opt = tcp::classify(name);
    if matches!(opt, TcpOpt::Unsupported | TcpOpt::Info) {
        return Err(ENOPROTOOPT);
    }
    // SAFETY: the caller's promise.
    let v = unsafe { read_int(val, len) }?;
    if !tcp::valid(opt, v) {
        return Err(errno::EINVAL);
    }
    match opt {
        TcpOpt::Nodelay => sctp_set(fd, SCTP_NODELAY, &c_int::from(v != 0)),
        TcpOpt::Maxseg => sctp_set(fd, SCTP_MAXSEG, &sctp_assoc_value { assoc_id: 0, assoc_value: v as u32 }),
        TcpOpt::HbInterval => {
            let mut p = paddrparams();
            p.0.spp_flags = SPP_HB_ENABLE;
            p.0.spp_hbinterval = v as u32 * 1000;
            sctp_set(fd, SCTP_PEER_ADDR_PARAMS, &p)
        }
        TcpOpt::PathMaxRxt => {
            let mut p = paddrparams();
            p.0.spp_pathmaxrxt = v as u16;
            sctp_set(fd, SCTP_PEER_ADDR_PARAMS, &p)
        }
        TcpOpt::InitAttempts => {
            sctp_set(fd, SCTP_INITMSG, &sctp_initmsg { sinit_max_attempts: v as u16, ..Default::default() })
        }
        TcpOpt::NoEffect => Ok(0),
        TcpOpt::Unsupported | TcpOpt::Info => Err(ENOPROTOOPT),
    }
}

/// SO_KEEPALIVE goes to the kernel as it is (so that reading it back
/// answers as set); turning it on also turns SCTP's heartbeats on, in
/// case they were off. Turning it off leaves heartbeats as they are: they
/// are how SCTP notices a dead path, which TCP does by its retransmissions.
///
/// # Safety
/// `val` holds `len` readable bytes (or is NULL).
unsafe fn keepalive_set(fd: c_int, val: *const c_void, len: socklen_t) -> Result<c_int> {
    // SAFETY: the caller's promise, passed on.
    errno::check(unsafe { real::setsockopt(fd, libc::SOL_SOCKET, libc::SO_KEEPALIVE, val, len) })?;
    // SAFETY: as above; the kernel has just read the same int.
    if unsafe { read_int(val, len) }? != 0 {
        let mut p = paddrparams();
        p.0.spp_flags = SPP_HB_ENABLE;
        sctp_set(fd, SCTP_PEER_ADDR_PARAMS, &p)?;
    }
    Ok(0)
}

fn status(fd: c_int) -> tcp::Status {
    // SAFETY: a plain kernel struct, for which all zeros is valid.
    let mut s: sctp_status = unsafe { zeroed() };
    let listening = real::get_int(fd, libc::SOL_SOCKET, libc::SO_ACCEPTCONN) == Some(1);
    if sctp_get(fd, SCTP_STATUS, &mut s).is_err() {
        return tcp::Status { listening, ..Default::default() };
    }
    let p = s.sstat_primary;
    tcp::Status {
        state: Some(s.sstat_state),
        rto_ms: p.spinfo_rto,
        srtt_ms: p.spinfo_srtt,
        mtu: p.spinfo_mtu,
        frag_point: s.sstat_fragmentation_point,
        cwnd: p.spinfo_cwnd,
        unacked: s.sstat_unackdata,
        listening,
    }
}

/// As TCP's getsockopt: `*len` is read, at most the option's size is
/// written to `val`, and `*len` says how much.
///
/// # Safety
/// `len` is NULL or points to a socklen_t; `val` to `*len` writable bytes.
unsafe fn tcp_get(fd: c_int, name: c_int, val: *mut c_void, len: *mut socklen_t) -> Result<c_int> {
    let opt = tcp::classify(name);
    if opt == TcpOpt::Unsupported {
        return Err(ENOPROTOOPT);
    }
    let len = required(len)?;
    // SAFETY: non-NULL, a socklen_t by the caller's promise.
    let want = unsafe { len.read_unaligned() } as c_int;
    if want < 0 {
        return Err(errno::EINVAL);
    }
    let int = |v: c_int| -> Result<([u8; tcp::TCP_INFO_LEN], usize)> {
        let mut b = [0u8; tcp::TCP_INFO_LEN];
        b[..4].copy_from_slice(&v.to_ne_bytes());
        Ok((b, 4))
    };
    let (bytes, size) = match opt {
        TcpOpt::Info => (tcp::tcp_info(&status(fd)), tcp::TCP_INFO_LEN),
        TcpOpt::Nodelay => {
            let mut v: c_int = 0;
            sctp_get(fd, SCTP_NODELAY, &mut v)?;
            int(v)?
        }
        TcpOpt::Maxseg => {
            let mut v = sctp_assoc_value::default();
            sctp_get(fd, SCTP_MAXSEG, &mut v)?;
            int(tcp::maxseg(v.assoc_value))?
        }
        TcpOpt::HbInterval | TcpOpt::PathMaxRxt => {
            let mut p = paddrparams();
            sctp_get(fd, SCTP_PEER_ADDR_PARAMS, &mut p)?;
            let f = p.0;
            int(if opt == TcpOpt::HbInterval { tcp::hb_secs(f.spp_hbinterval) } else { c_int::from(f.spp_pathmaxrxt) })?
        }
        TcpOpt::InitAttempts => {
            let mut m = sctp_initmsg::default();
            sctp_get(fd, SCTP_INITMSG, &mut m)?;
            int(c_int::from(m.sinit_max_attempts))?
        }
        TcpOpt::NoEffect => int(0)?,
        TcpOpt::Unsupported => return Err(ENOPROTOOPT),
    };
    let n = size.min(want as usize);
    if n > 0 {
        let val = required(val)?;
        // SAFETY: `val` has room for `*len` >= n bytes by the caller's
        // promise; `bytes` is ours and at least n long.
        unsafe { core::ptr::copy_nonoverlapping(bytes.as_ptr(), val.cast::<u8>(), n) };
    }
    // SAFETY: checked non-NULL above, a socklen_t.
    unsafe { len.write_unaligned(n as socklen_t) };
    Ok(0)
}

/// After the program's bind to a specific address: WITHSCTP_BIND_ADDRS
/// added with sctp_bindx on the same port (IPv4 ones only on an AF_INET
/// socket). A wildcard bind has every address already. Its failure is
/// bind's: the user asked for these addresses.
fn add_extra(fd: c_int) -> Result<c_int> {
    // SAFETY: sockaddr_in6 is plain data; zeros are valid.
    let mut me: sockaddr_in6 = unsafe { zeroed() };
    let mut len = size_of::<sockaddr_in6>() as socklen_t;
    // SAFETY: `me` has room for `len` bytes (either family fits).
    errno::check(unsafe { libc::getsockname(fd, (&mut me as *mut sockaddr_in6).cast(), &mut len) })?;
    let family = c_int::from(me.sin6_family);
    let (port, wildcard) = if family == libc::AF_INET {
        // SAFETY: an AF_INET answer is a sockaddr_in, which is smaller.
        let v4: sockaddr_in = unsafe { core::ptr::read_unaligned((&me as *const sockaddr_in6).cast()) };
        (v4.sin_port, v4.sin_addr.s_addr == 0)
    } else {
        (me.sin6_port, me.sin6_addr.s6_addr == [0; 16])
    };
    if wildcard {
        return Ok(0);
    }
    let mut buf = [0u8; extra::MAX * size_of::<sockaddr_in6>()];
    let (mut used, mut count) = (0usize, 0);
    for a in extra::get().iter() {
        if a.is_ipv6() && family != libc::AF_INET6 {
            continue;
        }
        put_addr(&mut buf, &mut used, a, port, 0);
        count += 1;
    }
    if count == 0 {
        return Ok(0);
    }
    // SAFETY: `buf` holds `count` packed addresses, each of its family's size.
    errno::pass_through(unsafe { sctp::bindx::sctp_bindx(fd, buf.as_mut_ptr().cast(), count, SCTP_BINDX_ADD_ADDR) })
}

/// Appends `a` with `port` (network order) as a sockaddr_in or
/// sockaddr_in6 to `buf` at `*used`, as sctp_bindx and sctp_connectx take
/// them packed.
fn put_addr(buf: &mut [u8], used: &mut usize, a: core::net::IpAddr, port: u16, scope: u32) {
    match a {
        core::net::IpAddr::V4(v4) => {
            // SAFETY: sockaddr_in is plain data; zeros are valid.
            let mut s: sockaddr_in = unsafe { zeroed() };
            s.sin_family = libc::AF_INET as libc::sa_family_t;
            s.sin_port = port;
            s.sin_addr.s_addr = u32::from_ne_bytes(v4.octets());
            put(buf, used, &s);
        }
        core::net::IpAddr::V6(v6) => {
            // SAFETY: sockaddr_in6 is plain data; zeros are valid.
            let mut s: sockaddr_in6 = unsafe { zeroed() };
            s.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            s.sin6_port = port;
            s.sin6_addr.s6_addr = v6.octets();
            s.sin6_scope_id = scope;
            put(buf, used, &s);
        }
    }
}

/// Appends `s`'s bytes to `buf` at `*used` (the caller sized `buf` for
/// MAX of the largest address).
fn put<T: Copy>(buf: &mut [u8], used: &mut usize, s: &T) {
    let n = size_of::<T>();
    // SAFETY: `s` is a T, readable as n bytes of plain data.
    let bytes = unsafe { core::slice::from_raw_parts((s as *const T).cast::<u8>(), n) };
    buf[*used..*used + n].copy_from_slice(bytes);
    *used += n;
}
