//! What the two echo servers (echo_server.rs, blocking; tokio_echo_server.rs)
//! share: c-tests/echo_server_fixed.c's command line, the endpoint set up as
//! it sets its socket up, and its choice of the reply's stream.

use sctp_socket::options::InitMsg;
use sctp_socket::{RecvInfo, SctpEndpoint, SendFlags, SendInfo, Socket};
use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
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
    ep.set_nodelay(true).unwrap_or_else(|e| die(prog, "setsockopt SCTP_NODELAY", e));
    ep.set_init_msg(&InitMsg { num_ostreams: 10, ..InitMsg::default() }).unwrap_or_else(|e| die(prog, "setsockopt SCTP_INITMSG", e));
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
        if stream >= sock.status(info.assoc_id)?.out_streams {
            stream = 0;
        }
    }
    let flags = if info.unordered() { SendFlags::UNORDERED } else { SendFlags::NONE };
    Ok(SendInfo::new().stream(stream).ppid(info.ppid).flags(flags).assoc(info.assoc_id))
}
