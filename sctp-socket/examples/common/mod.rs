//! What the two echo servers (echo_server.rs, blocking; tokio_echo_server.rs)
//! share: c-tests/echo_server_fixed.c's command line, the endpoint set up as
//! it sets its socket up, and its choice of the reply's stream.

use sctp_socket::{AssocId, RecvInfo, SctpEndpoint, SendFlags, SendInfo, Socket};
use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::fd::AsRawFd;
use std::process::exit;
use std::time::Duration;

/// The servers' options, as echo_server_fixed's.
pub struct Options {
    /// -a: the address to bind; all of them (:: and so IPv4 too, or 0.0.0.0
    /// where the kernel has no IPv6) by default.
    pub addr: Option<IpAddr>,
    /// -p: the port, 9877 by default.
    pub port: u16,
    /// -i 0|1: reply on stream+1 (wrapping at the association's outbound
    /// streams), or on the message's own stream.
    pub increment: bool,
    /// -n: exit after this many echoed messages (0: no limit).
    pub max_msgs: u64,
    /// -t: exit after this many seconds without a message (10; negative:
    /// never).
    pub idle: Option<Duration>,
}

/// C's atoi: leading blanks, a sign, digits; 0 when there are none.
fn atoi(s: &str) -> i64 {
    let s = s.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let n = digits.bytes().take_while(u8::is_ascii_digit).fold(0i64, |n, d| n.saturating_mul(10).saturating_add(i64::from(d - b'0')));
    if neg { -n } else { n }
}

impl Options {
    /// The command line, getopt-style ("-p 9877" or "-p9877"); a usage
    /// line and status 2 for anything else, as echo_server_fixed.
    pub fn parse(prog: &str) -> Options {
        let mut o = Options { addr: None, port: 9877, increment: true, max_msgs: 0, idle: Some(Duration::from_secs(10)) };
        let usage = || -> ! {
            eprintln!("usage: {prog} [-a addr] [-p port] [-i 0|1] [-n max] [-t secs]");
            exit(2)
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            let Some(opt) = arg.strip_prefix('-').and_then(|a| a.chars().next()) else { usage() };
            let value = match &arg[2..] {
                "" => args.next().unwrap_or_else(|| usage()),
                v => v.to_string(),
            };
            match opt {
                'a' => match value.parse() {
                    Ok(a) => o.addr = Some(a),
                    Err(_) => {
                        eprintln!("{prog}: bad address {value}");
                        exit(2)
                    }
                },
                'p' => o.port = atoi(&value) as u16,
                'i' => o.increment = atoi(&value) != 0,
                'n' => o.max_msgs = atoi(&value).max(0) as u64,
                't' => o.idle = u64::try_from(atoi(&value)).ok().map(Duration::from_secs),
                _ => usage(),
            }
        }
        o
    }
}

/// Print "PROG: WHAT: ERROR" and exit 1, as echo_server_fixed's die().
pub fn die(prog: &str, what: &str, e: io::Error) -> ! {
    eprintln!("{prog}: {what}: {e}");
    exit(1)
}

/// The endpoint, set up as echo_server_fixed sets its socket up: bound to
/// the address and port (SO_REUSEADDR), NODELAY, 10 outbound streams asked
/// for in INIT; listening. The caller prints "listening".
pub fn endpoint(prog: &str, o: &Options) -> SctpEndpoint {
    let ep = match o.addr {
        Some(a) => SctpEndpoint::bind(SocketAddr::new(a, o.port)),
        // All addresses: IPv6's any reaches IPv4 peers too.
        None => SctpEndpoint::bind(SocketAddr::new(IpAddr::V6(Ipv6Addr::UNSPECIFIED), o.port))
            .or_else(|_| SctpEndpoint::bind(SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), o.port))),
    };
    let ep = ep.unwrap_or_else(|e| die(prog, "bind", e));
    set_nodelay(&ep).unwrap_or_else(|e| die(prog, "setsockopt SCTP_NODELAY", e));
    set_init_out_streams(&ep, 10).unwrap_or_else(|e| die(prog, "setsockopt SCTP_INITMSG", e));
    ep
}

/// "listening", at once (the checks wait for it).
pub fn say_listening() {
    let mut out = io::stdout().lock();
    let _ = writeln!(out, "listening").and_then(|()| out.flush());
}

/// How to send the echo of a message that came with `info`: to its
/// association, with its PPID and unordered flag, on its stream or, with
/// the increment, the next one, wrapping to 0 at the association's
/// negotiated outbound streams (SCTP_STATUS).
pub fn reply_info(sock: &Socket, info: &RecvInfo, increment: bool) -> io::Result<SendInfo> {
    let mut stream = info.stream;
    if increment {
        stream = stream.wrapping_add(1);
        if stream >= out_streams(sock, info.assoc_id)? {
            stream = 0;
        }
    }
    let flags = if info.unordered() { SendFlags::UNORDERED } else { SendFlags::NONE };
    Ok(SendInfo::new().stream(stream).ppid(info.ppid).flags(flags).assoc(info.assoc_id))
}

// TODO: use options.rs (set_nodelay, set_init_msg, status) once it lands;
// until then, the three options by hand.

const SOL_SCTP: libc::c_int = 132;
const SCTP_INITMSG: libc::c_int = 2;
const SCTP_NODELAY: libc::c_int = 3;
const SCTP_STATUS: libc::c_int = 14;

/// struct sctp_initmsg.
#[repr(C)]
#[allow(dead_code)] // read by the kernel
#[derive(Clone, Copy, Default)]
struct InitMsg {
    num_ostreams: u16,
    max_instreams: u16,
    max_attempts: u16,
    max_init_timeo: u16,
}

/// struct sctp_status; its sctp_paddrinfo (packed, 4-aligned) as words.
#[repr(C)]
#[allow(dead_code)] // written by the kernel
#[derive(Clone, Copy)]
struct Status {
    assoc_id: AssocId,
    state: i32,
    rwnd: u32,
    unackdata: u16,
    penddata: u16,
    instrms: u16,
    outstrms: u16,
    fragmentation_point: u32,
    primary: [u32; 38],
}

fn setsockopt<T: Copy>(sock: &Socket, opt: libc::c_int, val: &T) -> io::Result<()> {
    // SAFETY: `val` is a readable T of the length passed.
    let r = unsafe { libc::setsockopt(sock.as_raw_fd(), SOL_SCTP, opt, val as *const T as *const libc::c_void, size_of::<T>() as libc::socklen_t) };
    if r < 0 { Err(io::Error::last_os_error()) } else { Ok(()) }
}

fn set_nodelay(sock: &Socket) -> io::Result<()> {
    setsockopt(sock, SCTP_NODELAY, &(1 as libc::c_int))
}

fn set_init_out_streams(sock: &Socket, n: u16) -> io::Result<()> {
    setsockopt(sock, SCTP_INITMSG, &InitMsg { num_ostreams: n, ..InitMsg::default() })
}

/// The association's negotiated outbound streams.
fn out_streams(sock: &Socket, assoc: AssocId) -> io::Result<u16> {
    let mut st = Status { assoc_id: assoc, state: 0, rwnd: 0, unackdata: 0, penddata: 0, instrms: 0, outstrms: 0, fragmentation_point: 0, primary: [0; 38] };
    let mut len = size_of::<Status>() as libc::socklen_t;
    // SAFETY: `st` is a writable Status of `len` bytes, integers only.
    let r = unsafe { libc::getsockopt(sock.as_raw_fd(), SOL_SCTP, SCTP_STATUS, &mut st as *mut Status as *mut libc::c_void, &mut len) };
    if r < 0 { Err(io::Error::last_os_error()) } else { Ok(st.outstrms) }
}
