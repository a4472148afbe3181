//! Mirrors of the kernel's `<linux/sctp.h>` that this library touches.
//!
//! The C header includes `<linux/sctp.h>` itself, so cbindgen does not emit
//! these (cbindgen.toml excludes them); the layout test at the end of this
//! file (`cargo test`) checks every size, field offset and constant here
//! against the real header.

use libc::{c_int, c_uint, sockaddr};

pub type sctp_assoc_t = i32;

pub(crate) const SOL_SCTP: c_int = 132;
pub(crate) const IPPROTO_SCTP: c_int = 132;

// Control message types (enum sctp_cmsg_type).
pub(crate) const SCTP_SNDRCV: c_int = 1;
pub(crate) const SCTP_SNDINFO: c_int = 2;
pub(crate) const SCTP_RCVINFO: c_int = 3;
pub(crate) const SCTP_NXTINFO: c_int = 4;
pub(crate) const SCTP_PRINFO: c_int = 5;
pub(crate) const SCTP_AUTHINFO: c_int = 6;
pub(crate) const SCTP_DSTADDRV4: c_int = 7;
pub(crate) const SCTP_DSTADDRV6: c_int = 8;

// Socket options the library is built on.
pub(crate) const SCTP_SOCKOPT_BINDX_ADD: c_int = 100;
pub(crate) const SCTP_SOCKOPT_BINDX_REM: c_int = 101;
pub(crate) const SCTP_SOCKOPT_PEELOFF: c_int = 102;
pub(crate) const SCTP_SOCKOPT_CONNECTX_OLD: c_int = 107;
pub(crate) const SCTP_GET_PEER_ADDRS: c_int = 108;
pub(crate) const SCTP_GET_LOCAL_ADDRS: c_int = 109;
pub(crate) const SCTP_SOCKOPT_CONNECTX: c_int = 110;
pub(crate) const SCTP_SOCKOPT_CONNECTX3: c_int = 111;
pub(crate) const SCTP_SOCKOPT_PEELOFF_FLAGS: c_int = 122;

pub(crate) const SCTP_BINDX_ADD_ADDR: c_int = 0x01;
pub(crate) const SCTP_BINDX_REM_ADDR: c_int = 0x02;

// Options sctp_opt_info passes through (see opt_info.rs).
pub(crate) const SCTP_RTOINFO: c_int = 0;
pub(crate) const SCTP_ASSOCINFO: c_int = 1;
pub(crate) const SCTP_INITMSG: c_int = 2;
pub(crate) const SCTP_NODELAY: c_int = 3;
pub(crate) const SCTP_AUTOCLOSE: c_int = 4;
pub(crate) const SCTP_PRIMARY_ADDR: c_int = 6;
pub(crate) const SCTP_DISABLE_FRAGMENTS: c_int = 8;
pub(crate) const SCTP_PEER_ADDR_PARAMS: c_int = 9;
pub(crate) const SCTP_DEFAULT_SEND_PARAM: c_int = 10;
pub(crate) const SCTP_EVENTS: c_int = 11;
pub(crate) const SCTP_I_WANT_MAPPED_V4_ADDR: c_int = 12;
pub(crate) const SCTP_MAXSEG: c_int = 13;
pub(crate) const SCTP_STATUS: c_int = 14;
pub(crate) const SCTP_GET_PEER_ADDR_INFO: c_int = 15;
pub(crate) const SCTP_DELAYED_SACK: c_int = 16;
pub(crate) const SCTP_CONTEXT: c_int = 17;
pub(crate) const SCTP_MAX_BURST: c_int = 20;
pub(crate) const SCTP_AUTH_ACTIVE_KEY: c_int = 24;
pub(crate) const SCTP_PEER_AUTH_CHUNKS: c_int = 26;
pub(crate) const SCTP_LOCAL_AUTH_CHUNKS: c_int = 27;
pub(crate) const SCTP_PEER_ADDR_THLDS: c_int = 31;
pub(crate) const SCTP_DEFAULT_SNDINFO: c_int = 34;
pub(crate) const SCTP_PEER_ADDR_THLDS_V2: c_int = 37;
pub(crate) const SCTP_GET_ASSOC_STATS: c_int = 112;
pub(crate) const SCTP_PR_SUPPORTED: c_int = 113;
pub(crate) const SCTP_DEFAULT_PRINFO: c_int = 114;
pub(crate) const SCTP_PR_ASSOC_STATUS: c_int = 115;
pub(crate) const SCTP_PR_STREAM_STATUS: c_int = 116;
pub(crate) const SCTP_RECONFIG_SUPPORTED: c_int = 117;
pub(crate) const SCTP_ENABLE_STREAM_RESET: c_int = 118;
pub(crate) const SCTP_STREAM_SCHEDULER: c_int = 123;
pub(crate) const SCTP_STREAM_SCHEDULER_VALUE: c_int = 124;
pub(crate) const SCTP_INTERLEAVING_SUPPORTED: c_int = 125;
pub(crate) const SCTP_EVENT: c_int = 127;
pub(crate) const SCTP_ASCONF_SUPPORTED: c_int = 128;
pub(crate) const SCTP_AUTH_SUPPORTED: c_int = 129;
pub(crate) const SCTP_ECN_SUPPORTED: c_int = 130;
pub(crate) const SCTP_EXPOSE_POTENTIALLY_FAILED_STATE: c_int = 131;
pub(crate) const SCTP_REMOTE_UDP_ENCAPS_PORT: c_int = 132;
pub(crate) const SCTP_PLPMTUD_PROBE_INTERVAL: c_int = 133;

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_sndrcvinfo {
    pub sinfo_stream: u16,
    pub sinfo_ssn: u16,
    pub sinfo_flags: u16,
    pub sinfo_ppid: u32,
    pub sinfo_context: u32,
    pub sinfo_timetolive: u32,
    pub sinfo_tsn: u32,
    pub sinfo_cumtsn: u32,
    pub sinfo_assoc_id: sctp_assoc_t,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_sndinfo {
    pub snd_sid: u16,
    pub snd_flags: u16,
    pub snd_ppid: u32,
    pub snd_context: u32,
    pub snd_assoc_id: sctp_assoc_t,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_rcvinfo {
    pub rcv_sid: u16,
    pub rcv_ssn: u16,
    pub rcv_flags: u16,
    pub rcv_ppid: u32,
    pub rcv_tsn: u32,
    pub rcv_cumtsn: u32,
    pub rcv_context: u32,
    pub rcv_assoc_id: sctp_assoc_t,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_nxtinfo {
    pub nxt_sid: u16,
    pub nxt_flags: u16,
    pub nxt_ppid: u32,
    pub nxt_length: u32,
    pub nxt_assoc_id: sctp_assoc_t,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_prinfo {
    pub pr_policy: u16,
    pub pr_value: u32,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_authinfo {
    pub auth_keynumber: u16,
}

/// SCTP_SOCKOPT_CONNECTX3's argument; `addr_num` is a byte count.
#[repr(C)]
pub struct sctp_getaddrs_old {
    pub assoc_id: sctp_assoc_t,
    pub addr_num: c_int,
    pub addrs: *mut sockaddr,
}

/// The fixed head of SCTP_GET_PEER_ADDRS / SCTP_GET_LOCAL_ADDRS's answer;
/// the packed addresses follow it.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct sctp_getaddrs {
    pub assoc_id: sctp_assoc_t,
    pub addr_num: u32,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct sctp_peeloff_arg_t {
    pub associd: sctp_assoc_t,
    pub sd: c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct sctp_peeloff_flags_arg_t {
    pub p_arg: sctp_peeloff_arg_t,
    pub flags: c_uint,
}

/// Every mirrored struct's size, alignment and field offsets, and every
/// constant's value, checked against the C headers by the C compiler.
#[cfg(test)]
mod layout {
    use super::*;
    use crate::types::*;
    use core::mem::{align_of, offset_of, size_of};
    use std::fmt::Write;

    macro_rules! check_struct {
        ($out:ident, $c:literal, $t:ty { $($f:ident),* $(,)? }) => {{
            writeln!($out, "_Static_assert(sizeof({}) == {}, \"sizeof {}\");", $c, size_of::<$t>(), $c).unwrap();
            writeln!($out, "_Static_assert(_Alignof({}) == {}, \"alignof {}\");", $c, align_of::<$t>(), $c).unwrap();
            $(writeln!($out, "_Static_assert(offsetof({}, {}) == {}, \"offsetof {}.{}\");",
                $c, stringify!($f), offset_of!($t, $f), $c, stringify!($f)).unwrap();)*
        }};
    }

    macro_rules! check_consts {
        ($out:ident, $($name:ident),* $(,)?) => {{
            $(writeln!($out, "_Static_assert({} == {}, \"value of {}\");", stringify!($name), $name as i64, stringify!($name)).unwrap();)*
        }};
    }

    #[test]
    fn rust_mirrors_match_the_c_headers() {
        let mut c = String::from("#include <stddef.h>\n#include <netinet/sctp.h>\n");
        check_struct!(c, "struct sctp_sndrcvinfo", sctp_sndrcvinfo { sinfo_stream, sinfo_ssn, sinfo_flags, sinfo_ppid,
            sinfo_context, sinfo_timetolive, sinfo_tsn, sinfo_cumtsn, sinfo_assoc_id });
        check_struct!(c, "struct sctp_sndinfo", sctp_sndinfo { snd_sid, snd_flags, snd_ppid, snd_context, snd_assoc_id });
        check_struct!(c, "struct sctp_rcvinfo", sctp_rcvinfo { rcv_sid, rcv_ssn, rcv_flags, rcv_ppid, rcv_tsn,
            rcv_cumtsn, rcv_context, rcv_assoc_id });
        check_struct!(c, "struct sctp_nxtinfo", sctp_nxtinfo { nxt_sid, nxt_flags, nxt_ppid, nxt_length, nxt_assoc_id });
        check_struct!(c, "struct sctp_prinfo", sctp_prinfo { pr_policy, pr_value });
        check_struct!(c, "struct sctp_authinfo", sctp_authinfo { auth_keynumber });
        check_struct!(c, "struct sctp_getaddrs_old", sctp_getaddrs_old { assoc_id, addr_num, addrs });
        check_struct!(c, "struct sctp_getaddrs", sctp_getaddrs { assoc_id, addr_num });
        check_struct!(c, "sctp_peeloff_arg_t", sctp_peeloff_arg_t { associd, sd });
        check_struct!(c, "sctp_peeloff_flags_arg_t", sctp_peeloff_flags_arg_t { p_arg, flags });
        check_struct!(c, "sctp_assoc_t", sctp_assoc_t {});
        // The two our header defines, against how it compiles them.
        check_struct!(c, "struct sctp_sendv_spa", sctp_sendv_spa { sendv_flags, sendv_sndinfo, sendv_prinfo, sendv_authinfo });
        check_struct!(c, "struct sctp_recvv_rn", sctp_recvv_rn { recvv_rcvinfo, recvv_nxtinfo });
        check_consts!(c, SOL_SCTP, IPPROTO_SCTP, SCTP_SNDRCV, SCTP_SNDINFO, SCTP_RCVINFO, SCTP_NXTINFO, SCTP_PRINFO,
            SCTP_AUTHINFO, SCTP_DSTADDRV4, SCTP_DSTADDRV6, SCTP_SOCKOPT_BINDX_ADD, SCTP_SOCKOPT_BINDX_REM,
            SCTP_SOCKOPT_PEELOFF, SCTP_SOCKOPT_CONNECTX_OLD, SCTP_GET_PEER_ADDRS, SCTP_GET_LOCAL_ADDRS,
            SCTP_SOCKOPT_CONNECTX, SCTP_SOCKOPT_CONNECTX3, SCTP_SOCKOPT_PEELOFF_FLAGS, SCTP_BINDX_ADD_ADDR,
            SCTP_BINDX_REM_ADDR, SCTP_RTOINFO, SCTP_ASSOCINFO, SCTP_INITMSG, SCTP_NODELAY, SCTP_AUTOCLOSE,
            SCTP_PRIMARY_ADDR, SCTP_DISABLE_FRAGMENTS, SCTP_PEER_ADDR_PARAMS, SCTP_DEFAULT_SEND_PARAM, SCTP_EVENTS,
            SCTP_I_WANT_MAPPED_V4_ADDR, SCTP_MAXSEG, SCTP_STATUS, SCTP_GET_PEER_ADDR_INFO, SCTP_DELAYED_SACK,
            SCTP_CONTEXT, SCTP_MAX_BURST, SCTP_AUTH_ACTIVE_KEY, SCTP_PEER_AUTH_CHUNKS, SCTP_LOCAL_AUTH_CHUNKS,
            SCTP_PEER_ADDR_THLDS, SCTP_DEFAULT_SNDINFO, SCTP_PEER_ADDR_THLDS_V2, SCTP_GET_ASSOC_STATS,
            SCTP_PR_SUPPORTED, SCTP_DEFAULT_PRINFO, SCTP_PR_ASSOC_STATUS, SCTP_PR_STREAM_STATUS,
            SCTP_RECONFIG_SUPPORTED, SCTP_ENABLE_STREAM_RESET, SCTP_STREAM_SCHEDULER, SCTP_STREAM_SCHEDULER_VALUE,
            SCTP_INTERLEAVING_SUPPORTED, SCTP_EVENT, SCTP_ASCONF_SUPPORTED, SCTP_AUTH_SUPPORTED, SCTP_ECN_SUPPORTED,
            SCTP_EXPOSE_POTENTIALLY_FAILED_STATE, SCTP_REMOTE_UDP_ENCAPS_PORT, SCTP_PLPMTUD_PROBE_INTERVAL,
            SCTP_SEND_SNDINFO_VALID, SCTP_SEND_PRINFO_VALID, SCTP_SEND_AUTHINFO_VALID);
        use sctp_recvv_infotype::*;
        use sctp_sendv_infotype::*;
        check_consts!(c, SCTP_SENDV_NOINFO, SCTP_SENDV_SNDINFO, SCTP_SENDV_PRINFO, SCTP_SENDV_AUTHINFO, SCTP_SENDV_SPA,
            SCTP_RECVV_NOINFO, SCTP_RECVV_RCVINFO, SCTP_RECVV_NXTINFO, SCTP_RECVV_RN);

        let dir = std::env::temp_dir().join(format!("sctp-layout-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let src = dir.join("layout.c");
        std::fs::write(&src, &c).unwrap();
        let include = concat!(env!("CARGO_MANIFEST_DIR"), "/include");
        // CC may carry flags (musl's: "musl-gcc -idirafter ...").
        let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
        let mut cc = cc.split_whitespace();
        let out = std::process::Command::new(cc.next().expect("CC names a compiler"))
            .args(cc)
            .args(["-std=c11", "-fsyntax-only", "-Werror", "-I", include])
            .arg(&src)
            .output()
            .expect("a C compiler to check struct layouts");
        std::fs::remove_dir_all(&dir).ok();
        assert!(out.status.success(), "layout differs from the C headers:\n{}", String::from_utf8_lossy(&out.stderr));
        // The check must have checked something.
        assert!(c.matches("_Static_assert").count() > 100);
    }
}
