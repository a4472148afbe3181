//! The seed's SCTP echo client (seed/echo_client.c, after UNP's sctpclient01)
//! on the blocking API: the same command line and, byte for byte, the same
//! output.
//!
//! ```sh
//! cargo run --example echo_client -- HOST          # lines "[stream] text" from stdin
//! cargo run --example echo_client -- HOST echo     # each line sent on all 10 streams
//! ```
//!
//! It talks to an echo server on HOST, port 9877 (`echo_server.rs`,
//! `tokio_echo_server.rs`, c-tests/echo_server_fixed.c), over one
//! one-to-many endpoint.
//!
//! - Without a second argument, each line read from stdin (as fgets reads
//!   them: at most 2047 bytes) must start with `[`: the number after it (C's
//!   strtol with base 0: `0x1f`, `017` and `9` all work) is the stream it is
//!   sent on, the line as it is (newline included) the message. The echo is
//!   printed as `From str:S seq:N (assoc: 0xID):` and its bytes.
//! - With any second argument, it prints `Echoing mesages to all streams`
//!   (sic), and each line (at most 790 bytes, without its newline) is sent
//!   ten times, as `LINE.msg.I` and a NUL on stream I for I in 0..10; then
//!   the ten replies are printed, `From str:S seq:N (assoc:0xID):TEXT`, one a
//!   line.
//!
//! Where the seed goes wrong this one does not, on stderr only (stdout is
//! the seed's): a host that is not an IPv4 address is 0.0.0.0 for both,
//! but this one says so; a send that fails (a stream the association does
//! not have) is reported and its reply not waited for, where the seed
//! waits forever; a receive that fails ends it with status 1, where the
//! seed prints what its buffer held; without a host it prints the seed's
//! complaint and exits 1 (the seed crashes). An IPv6 HOST works too.

use sctp_socket::{Family, Recv, SctpEndpoint, SendInfo};
use std::io::{self, BufRead, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::exit;

const SERV_PORT: u16 = 9877;
/// The seed's MAXLINE: normal mode's line and receive buffers.
const MAXLINE: usize = 2048;
/// The seed's SCTP_MAXLINE: echo mode's buffers (it reads lines of at most
/// SCTP_MAXLINE - 9 - 1 bytes).
const SCTP_MAXLINE: usize = 800;
/// The seed's SERV_MAX_SCTP_STRM: echo mode's streams.
const STREAMS: u16 = 10;

/// fgets(buf, size, stdin): the next line with its newline, or its first
/// size - 1 bytes; None at the end of the input.
fn fgets(input: &mut impl BufRead, size: usize) -> io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    while line.len() < size - 1 {
        let avail = input.fill_buf()?;
        if avail.is_empty() {
            break;
        }
        let room = size - 1 - line.len();
        let take = match avail.iter().take(room).position(|&b| b == b'\n') {
            Some(nl) => nl + 1,
            None => avail.len().min(room),
        };
        line.extend_from_slice(&avail[..take]);
        input.consume(take);
        if line.last() == Some(&b'\n') {
            break;
        }
    }
    Ok((!line.is_empty()).then_some(line))
}

/// C's strlen: the bytes before the first NUL.
fn c_str(b: &[u8]) -> &[u8] {
    &b[..b.iter().position(|&c| c == 0).unwrap_or(b.len())]
}

/// strtol(s, NULL, 0) as the seed stores it in sinfo_stream (a uint16_t).
fn strtol_u16(s: &[u8]) -> u16 {
    let mut i = s.iter().take_while(|&&c| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')).count();
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let rest = &s[i..];
    let (base, digits): (u32, &[u8]) = match rest {
        [b'0', b'x' | b'X', d, ..] if d.is_ascii_hexdigit() => (16, &rest[2..]),
        [b'0', ..] => (8, rest),
        _ => (10, rest),
    };
    // long's range: strtol clamps to LONG_MIN/LONG_MAX on overflow.
    let mut n: i128 = 0;
    for &c in digits {
        let Some(d) = (c as char).to_digit(base) else { break };
        n = (n * i128::from(base) + i128::from(d)).min(i128::from(i64::MAX) + 1);
    }
    let n = if neg { (-n).max(i128::from(i64::MIN)) } else { n.min(i128::from(i64::MAX)) };
    n as i64 as u16
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut out = io::stdout().lock();
    let prog = args.first().map_or("echo_client", String::as_str);
    let Some(host) = args.get(1) else {
        let _ = writeln!(out, "Mising host argument - use ' {prog} host [echo]' ");
        let _ = out.flush();
        exit(1)
    };
    let echo_to_all = args.len() > 2;
    if echo_to_all {
        let _ = writeln!(out, "Echoing mesages to all streams");
    }
    let ip: IpAddr = host.parse().unwrap_or_else(|_| {
        eprintln!("echo_client: {host} is not an IP address: sending to 0.0.0.0, as the seed does");
        IpAddr::V4(Ipv4Addr::UNSPECIFIED)
    });
    let server = SocketAddr::new(ip, SERV_PORT);
    let ep = SctpEndpoint::new(Family::of(&server)).unwrap_or_else(|e| {
        eprintln!("echo_client: socket: {e}");
        exit(1)
    });
    let mut input = io::stdin().lock();
    let r = if echo_to_all { echo_all(&ep, server, &mut input, &mut out) } else { lines(&ep, server, &mut input, &mut out) };
    let _ = out.flush();
    if let Err(e) = r {
        eprintln!("echo_client: {e}");
        exit(1);
    }
}

/// The next message's data, notifications skipped.
fn recv_data<'b>(ep: &SctpEndpoint, buf: &'b mut [u8]) -> io::Result<(&'b [u8], u16, u16, u32)> {
    loop {
        // The borrow checker sees one loop iteration's borrow of `buf` as
        // the returned one: receive into a reborrow, and look again.
        let (len, stream, ssn, assoc) = match ep.recv(buf)? {
            Recv::Data(m) => {
                let info = m.info().unwrap_or_default();
                (m.data.len(), info.stream, info.ssn, info.assoc_id as u32)
            }
            Recv::Notification(_) => continue,
        };
        return Ok((&buf[..len], stream, ssn, assoc));
    }
}

/// The seed's sctpstr_cli: "[stream] text" lines.
fn lines(ep: &SctpEndpoint, server: SocketAddr, input: &mut impl BufRead, out: &mut impl Write) -> io::Result<()> {
    let mut buf = [0u8; MAXLINE];
    while let Some(line) = fgets(input, MAXLINE)? {
        if line[0] != b'[' {
            eprint!("Error, line must be of the from '[streamnum] text'");
            continue;
        }
        let stream = strtol_u16(&line[1..]);
        if let Err(e) = ep.send_to(c_str(&line), &[server], &SendInfo::new().stream(stream)) {
            eprintln!("echo_client: send on stream {stream}: {e}");
            continue;
        }
        let (data, stream, ssn, assoc) = recv_data(ep, &mut buf)?;
        write!(out, "From str:{stream} seq:{ssn} (assoc: 0x{assoc:x}):")?;
        out.write_all(c_str(data))?;
    }
    Ok(())
}

/// The seed's sctpstr_cli_echoall: each line on every stream.
fn echo_all(ep: &SctpEndpoint, server: SocketAddr, input: &mut impl BufRead, out: &mut impl Write) -> io::Result<()> {
    let mut buf = [0u8; SCTP_MAXLINE];
    while let Some(line) = fgets(input, SCTP_MAXLINE - 9)? {
        let mut text = c_str(&line);
        if let Some(t) = text.strip_suffix(b"\n") {
            text = t;
        }
        let mut sent = 0;
        for i in 0..STREAMS {
            let mut msg = text.to_vec();
            msg.extend_from_slice(format!(".msg.{i}\0").as_bytes());
            match ep.send_to(&msg, &[server], &SendInfo::new().stream(i)) {
                Ok(_) => sent += 1,
                Err(e) => eprintln!("echo_client: send on stream {i}: {e}"),
            }
        }
        for _ in 0..sent {
            let (data, stream, ssn, assoc) = recv_data(ep, &mut buf)?;
            write!(out, "From str:{stream} seq:{ssn} (assoc:0x{assoc:x}):")?;
            out.write_all(c_str(data))?;
            writeln!(out)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strtol_reads_as_c_does() {
        for (s, n) in [("3] x", 3), ("0x1f]", 31), ("017]", 15), (" 9", 9), ("-1", 65535), ("0x]", 0), ("x", 0), ("65537", 1), ("99999999999999999999999", 65535)] {
            assert_eq!(strtol_u16(s.as_bytes()), n, "{s}");
        }
    }

    #[test]
    fn fgets_cuts_long_lines() {
        let mut input = io::Cursor::new(b"abcdef\ngh".to_vec());
        assert_eq!(fgets(&mut input, 4).unwrap().unwrap(), b"abc");
        assert_eq!(fgets(&mut input, 4).unwrap().unwrap(), b"def");
        assert_eq!(fgets(&mut input, 4).unwrap().unwrap(), b"\n");
        assert_eq!(fgets(&mut input, 4).unwrap().unwrap(), b"gh");
        assert_eq!(fgets(&mut input, 4).unwrap(), None);
    }
}
