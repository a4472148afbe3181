//! What the TCP options of a converted socket become (pure: no system
//! call here, so `cargo test` covers it all). man/withsctp.1 gives the
//! same table for users; a change here changes it there.

use libc::c_int;

// <linux/tcp.h>: the libc crate lacks some of these on some targets.
pub const TCP_NODELAY: c_int = 1;
pub const TCP_MAXSEG: c_int = 2;
pub const TCP_CORK: c_int = 3;
pub const TCP_KEEPIDLE: c_int = 4;
pub const TCP_KEEPINTVL: c_int = 5;
pub const TCP_KEEPCNT: c_int = 6;
pub const TCP_SYNCNT: c_int = 7;
pub const TCP_LINGER2: c_int = 8;
pub const TCP_DEFER_ACCEPT: c_int = 9;
pub const TCP_WINDOW_CLAMP: c_int = 10;
pub const TCP_INFO: c_int = 11;
pub const TCP_QUICKACK: c_int = 12;
pub const TCP_THIN_LINEAR_TIMEOUTS: c_int = 16;
pub const TCP_THIN_DUPACK: c_int = 17;
pub const TCP_USER_TIMEOUT: c_int = 18;
pub const TCP_FASTOPEN: c_int = 23;
pub const TCP_NOTSENT_LOWAT: c_int = 25;
pub const TCP_FASTOPEN_CONNECT: c_int = 30;
pub const TCP_FASTOPEN_NO_COOKIE: c_int = 34;
pub const TCP_TX_DELAY: c_int = 37;

/// TCP's answer for TCP_MAXSEG before a connection (TCP_MSS_DEFAULT), and
/// ours while SCTP has no fragmentation point yet.
pub const TCP_MSS_DEFAULT: c_int = 536;
/// sizeof(struct tcp_info) in Linux 6.1: the most TCP_INFO writes.
pub const TCP_INFO_LEN: usize = 232;

/// The protocol socket() is called with: IPPROTO_SCTP for what would be
/// TCP (an IPv4 or IPv6 stream, whatever SOCK_CLOEXEC or SOCK_NONBLOCK
/// come with it, protocol 0 or IPPROTO_TCP), `protocol` for all else.
pub fn socket_protocol(domain: c_int, ty: c_int, protocol: c_int) -> c_int {
    let inet = domain == libc::AF_INET || domain == libc::AF_INET6;
    let stream = ty & !(libc::SOCK_CLOEXEC | libc::SOCK_NONBLOCK) == libc::SOCK_STREAM;
    if inet && stream && (protocol == 0 || protocol == libc::IPPROTO_TCP) {
        sctp::uapi::IPPROTO_SCTP
    } else {
        protocol
    }
}

/// What an option at level IPPROTO_TCP does on a converted socket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TcpOpt {
    /// SCTP_NODELAY, the same int.
    Nodelay,
    /// SCTP_MAXSEG's assoc_value (the user data per chunk, as TCP's MSS).
    Maxseg,
    /// SCTP_PEER_ADDR_PARAMS' spp_hbinterval, seconds as milliseconds:
    /// SCTP has one heartbeat interval for an idle path and between
    /// unanswered heartbeats, so TCP_KEEPIDLE and TCP_KEEPINTVL both set
    /// it, the last one wins, and both read it.
    HbInterval,
    /// SCTP_PEER_ADDR_PARAMS' spp_pathmaxrxt (TCP_KEEPCNT): unanswered
    /// heartbeats or retransmissions before the path is down.
    PathMaxRxt,
    /// SCTP_INITMSG's sinit_max_attempts (TCP_SYNCNT): INIT is SCTP's SYN.
    InitAttempts,
    /// TCP_INFO, read only: a struct tcp_info with the fields SCTP_STATUS
    /// has an answer for, the others 0.
    Info,
    /// A hint with no SCTP counterpart whose absence a TCP program cannot
    /// notice but as timing (TCP_CORK, TCP_QUICKACK, ...): setting it
    /// succeeds and does nothing, reading it gives 0.
    NoEffect,
    /// An option whose promise SCTP cannot keep (TCP_MD5SIG, TCP_REPAIR,
    /// TCP_ULP, TCP_CONGESTION, TCP_INQ, ...) or that Linux does not know:
    /// ENOPROTOOPT, Linux's own answer for an option it lacks, which TCP
    /// programs already handle (kernels without MD5 or kTLS give it).
    Unsupported,
}

pub fn classify(optname: c_int) -> TcpOpt {
    match optname {
        TCP_NODELAY => TcpOpt::Nodelay,
        TCP_MAXSEG => TcpOpt::Maxseg,
        TCP_KEEPIDLE | TCP_KEEPINTVL => TcpOpt::HbInterval,
        TCP_KEEPCNT => TcpOpt::PathMaxRxt,
        TCP_SYNCNT => TcpOpt::InitAttempts,
        TCP_INFO => TcpOpt::Info,
        TCP_CORK | TCP_LINGER2 | TCP_DEFER_ACCEPT | TCP_WINDOW_CLAMP | TCP_QUICKACK | TCP_THIN_LINEAR_TIMEOUTS
        | TCP_THIN_DUPACK | TCP_USER_TIMEOUT | TCP_FASTOPEN | TCP_NOTSENT_LOWAT | TCP_FASTOPEN_CONNECT
        | TCP_FASTOPEN_NO_COOKIE | TCP_TX_DELAY => TcpOpt::NoEffect,
        _ => TcpOpt::Unsupported,
    }
}

/// The range Linux's TCP accepts for an int option we map, so that a
/// value TCP would refuse with EINVAL is refused here too (and 0, which
/// SCTP reads as "leave unchanged", never reaches it).
pub fn valid(opt: TcpOpt, v: c_int) -> bool {
    match opt {
        // MAX_TCP_KEEPIDLE, MAX_TCP_KEEPINTVL (both 32767 s).
        TcpOpt::HbInterval => (1..=32767).contains(&v),
        // MAX_TCP_KEEPCNT, MAX_TCP_SYNCNT.
        TcpOpt::PathMaxRxt | TcpOpt::InitAttempts => (1..=127).contains(&v),
        // TCP_MIN_MSS (88) .. MAX_TCP_WINDOW; 0 is SCTP's "path MTU's".
        TcpOpt::Maxseg => v == 0 || (88..=32767).contains(&v),
        _ => true,
    }
}

/// spp_hbinterval (ms) as TCP_KEEPIDLE's seconds, rounded up so that a
/// short interval never reads as 0.
pub fn hb_secs(ms: u32) -> c_int {
    ms.div_ceil(1000).min(c_int::MAX as u32) as c_int
}

/// TCP_MAXSEG's answer: SCTP's fragmentation point, or TCP's default
/// before it has one.
pub fn maxseg(frag_point: u32) -> c_int {
    match frag_point {
        0 => TCP_MSS_DEFAULT,
        v => v.min(c_int::MAX as u32) as c_int,
    }
}

/// What SCTP_STATUS says, in the struct tcp_info fields it can fill.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// sstat_state (enum sctp_sstat_state), or None with no association.
    pub state: Option<i32>,
    pub rto_ms: u32,
    pub srtt_ms: u32,
    pub mtu: u32,
    pub frag_point: u32,
    pub cwnd: u32,
    pub unacked: u16,
    pub listening: bool,
}

/// enum sctp_sstat_state as the TCP state a program would see.
fn tcp_state(s: &Status) -> u8 {
    const ESTABLISHED: u8 = 1;
    const SYN_SENT: u8 = 2;
    const FIN_WAIT1: u8 = 4;
    const CLOSE: u8 = 7;
    const CLOSE_WAIT: u8 = 8;
    const LAST_ACK: u8 = 9;
    const LISTEN: u8 = 10;
    match s.state {
        Some(2 | 3) => SYN_SENT,     // COOKIE_WAIT, COOKIE_ECHOED
        Some(4) => ESTABLISHED,      // ESTABLISHED
        Some(5 | 6) => FIN_WAIT1,    // SHUTDOWN_PENDING, SHUTDOWN_SENT
        Some(7) => CLOSE_WAIT,       // SHUTDOWN_RECEIVED
        Some(8) => LAST_ACK,         // SHUTDOWN_ACK_SENT
        _ if s.listening => LISTEN,
        _ => CLOSE,
    }
}

/// struct tcp_info's bytes for `s` (tcpi_state, tcpi_rto, tcpi_snd_mss,
/// tcpi_unacked, tcpi_pmtu, tcpi_rtt, tcpi_snd_cwnd; microseconds and
/// segments as TCP counts them), every other field 0.
pub fn tcp_info(s: &Status) -> [u8; TCP_INFO_LEN] {
    let mut b = [0u8; TCP_INFO_LEN];
    let mut put = |off: usize, v: u32| b[off..off + 4].copy_from_slice(&v.to_ne_bytes());
    let mss = s.frag_point.max(1);
    put(8, s.rto_ms.saturating_mul(1000)); // tcpi_rto
    put(16, s.frag_point); // tcpi_snd_mss
    put(24, u32::from(s.unacked)); // tcpi_unacked
    put(60, s.mtu); // tcpi_pmtu
    put(68, s.srtt_ms.saturating_mul(1000)); // tcpi_rtt
    put(80, if s.frag_point == 0 { 0 } else { s.cwnd / mss }); // tcpi_snd_cwnd
    b[0] = tcp_state(s);
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_sockets() {
        use libc::*;
        const S: c_int = 132;
        for d in [AF_INET, AF_INET6] {
            for f in [0, SOCK_CLOEXEC, SOCK_NONBLOCK, SOCK_CLOEXEC | SOCK_NONBLOCK] {
                assert_eq!(socket_protocol(d, SOCK_STREAM | f, 0), S);
                assert_eq!(socket_protocol(d, SOCK_STREAM | f, IPPROTO_TCP), S);
                assert_eq!(socket_protocol(d, SOCK_DGRAM | f, 0), 0);
                assert_eq!(socket_protocol(d, SOCK_SEQPACKET | f, 0), 0);
                assert_eq!(socket_protocol(d, SOCK_RAW | f, IPPROTO_TCP), IPPROTO_TCP);
                assert_eq!(socket_protocol(d, SOCK_STREAM | f, S), S);
                assert_eq!(socket_protocol(d, SOCK_STREAM | f, IPPROTO_MPTCP), IPPROTO_MPTCP);
            }
        }
        assert_eq!(socket_protocol(AF_UNIX, SOCK_STREAM, 0), 0);
        assert_eq!(socket_protocol(AF_PACKET, SOCK_STREAM, 0), 0);
    }

    #[test]
    fn every_option_has_a_choice() {
        assert_eq!(classify(TCP_NODELAY), TcpOpt::Nodelay);
        assert_eq!(classify(TCP_MAXSEG), TcpOpt::Maxseg);
        assert_eq!(classify(TCP_KEEPIDLE), TcpOpt::HbInterval);
        assert_eq!(classify(TCP_KEEPINTVL), TcpOpt::HbInterval);
        assert_eq!(classify(TCP_KEEPCNT), TcpOpt::PathMaxRxt);
        assert_eq!(classify(TCP_SYNCNT), TcpOpt::InitAttempts);
        assert_eq!(classify(TCP_INFO), TcpOpt::Info);
        for o in [3, 8, 9, 10, 12, 16, 17, 18, 23, 25, 30, 34, 37] {
            assert_eq!(classify(o), TcpOpt::NoEffect, "option {o}");
        }
        // CONGESTION, MD5SIG, REPAIR*, QUEUE_SEQ, TIMESTAMP, CC_INFO,
        // SAVE(D)_SYN, ULP, MD5SIG_EXT, FASTOPEN_KEY, ZEROCOPY_RECEIVE, INQ,
        // and numbers Linux 6.1 does not know.
        for o in [13, 14, 15, 19, 20, 21, 22, 24, 26, 27, 28, 29, 31, 32, 33, 35, 36, 38, 0, -1, 1000] {
            assert_eq!(classify(o), TcpOpt::Unsupported, "option {o}");
        }
    }

    #[test]
    fn ranges_are_tcps() {
        assert!(!valid(TcpOpt::HbInterval, 0));
        assert!(valid(TcpOpt::HbInterval, 1) && valid(TcpOpt::HbInterval, 32767));
        assert!(!valid(TcpOpt::HbInterval, 32768) && !valid(TcpOpt::HbInterval, -5));
        assert!(!valid(TcpOpt::PathMaxRxt, 0) && valid(TcpOpt::PathMaxRxt, 127) && !valid(TcpOpt::PathMaxRxt, 128));
        assert!(!valid(TcpOpt::InitAttempts, 0) && valid(TcpOpt::InitAttempts, 1));
        assert!(valid(TcpOpt::Maxseg, 0) && !valid(TcpOpt::Maxseg, 87) && valid(TcpOpt::Maxseg, 1400));
        assert!(valid(TcpOpt::NoEffect, -7) && valid(TcpOpt::Nodelay, 2));
    }

    #[test]
    fn conversions() {
        assert_eq!(hb_secs(30000), 30);
        assert_eq!(hb_secs(1), 1);
        assert_eq!(hb_secs(0), 0);
        assert_eq!(hb_secs(u32::MAX), 4294968);
        assert_eq!(maxseg(0), 536);
        assert_eq!(maxseg(1452), 1452);
    }

    #[test]
    fn tcp_info_fields() {
        let s = Status { state: Some(4), rto_ms: 200, srtt_ms: 3, mtu: 65535, frag_point: 1000, cwnd: 4500, unacked: 2, listening: false };
        let b = tcp_info(&s);
        let at = |off: usize| u32::from_ne_bytes(b[off..off + 4].try_into().unwrap());
        assert_eq!(b[0], 1);
        assert_eq!((at(8), at(16), at(24), at(60), at(68), at(80)), (200_000, 1000, 2, 65535, 3000, 4));
        assert_eq!(tcp_info(&Status { listening: true, ..Status::default() })[0], 10);
        assert_eq!(tcp_info(&Status::default())[0], 7);
        assert_eq!(tcp_info(&Status { state: Some(7), ..Status::default() })[0], 8);
        assert!(tcp_info(&Status::default())[1..].iter().all(|&x| x == 0));
    }
}
