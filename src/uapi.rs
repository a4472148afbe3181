//! Mirrors of the kernel's `<linux/sctp.h>` that this library and the
//! safe API (`sctp-socket`) touch.
//!
//! The C header includes `<linux/sctp.h>` itself, so cbindgen does not emit
//! these: it skips this module (`cbindgen:ignore` on `mod uapi` in lib.rs),
//! and cbindgen.toml excludes the structs by name as well. Everything here
//! is `pub`, for the Rust crates on top (the safe API, the fuzz targets).
//! The layout test at the end of this file (`cargo test`) checks every
//! size, field offset and constant here against the real header.

use libc::{c_int, c_uint, sockaddr, sockaddr_storage};

pub type sctp_assoc_t = i32;

pub const SOL_SCTP: c_int = 132;
pub const IPPROTO_SCTP: c_int = 132;

// Control message types (enum sctp_cmsg_type).
pub const SCTP_SNDRCV: c_int = 1;
pub const SCTP_SNDINFO: c_int = 2;
pub const SCTP_RCVINFO: c_int = 3;
pub const SCTP_NXTINFO: c_int = 4;
pub const SCTP_PRINFO: c_int = 5;
pub const SCTP_AUTHINFO: c_int = 6;
pub const SCTP_DSTADDRV4: c_int = 7;
pub const SCTP_DSTADDRV6: c_int = 8;

// Socket options the library is built on.
pub const SCTP_SOCKOPT_BINDX_ADD: c_int = 100;
pub const SCTP_SOCKOPT_BINDX_REM: c_int = 101;
pub const SCTP_SOCKOPT_PEELOFF: c_int = 102;
pub const SCTP_SOCKOPT_CONNECTX_OLD: c_int = 107;
pub const SCTP_GET_PEER_ADDRS: c_int = 108;
pub const SCTP_GET_LOCAL_ADDRS: c_int = 109;
pub const SCTP_SOCKOPT_CONNECTX: c_int = 110;
pub const SCTP_SOCKOPT_CONNECTX3: c_int = 111;
pub const SCTP_SOCKOPT_PEELOFF_FLAGS: c_int = 122;

pub const SCTP_BINDX_ADD_ADDR: c_int = 0x01;
pub const SCTP_BINDX_REM_ADDR: c_int = 0x02;

// Options sctp_opt_info passes through (see opt_info.rs).
pub const SCTP_RTOINFO: c_int = 0;
pub const SCTP_ASSOCINFO: c_int = 1;
pub const SCTP_INITMSG: c_int = 2;
pub const SCTP_NODELAY: c_int = 3;
pub const SCTP_AUTOCLOSE: c_int = 4;
pub const SCTP_PRIMARY_ADDR: c_int = 6;
pub const SCTP_DISABLE_FRAGMENTS: c_int = 8;
pub const SCTP_PEER_ADDR_PARAMS: c_int = 9;
pub const SCTP_DEFAULT_SEND_PARAM: c_int = 10;
pub const SCTP_EVENTS: c_int = 11;
pub const SCTP_I_WANT_MAPPED_V4_ADDR: c_int = 12;
pub const SCTP_MAXSEG: c_int = 13;
pub const SCTP_STATUS: c_int = 14;
pub const SCTP_GET_PEER_ADDR_INFO: c_int = 15;
pub const SCTP_DELAYED_SACK: c_int = 16;
pub const SCTP_CONTEXT: c_int = 17;
pub const SCTP_MAX_BURST: c_int = 20;
pub const SCTP_AUTH_ACTIVE_KEY: c_int = 24;
pub const SCTP_PEER_AUTH_CHUNKS: c_int = 26;
pub const SCTP_LOCAL_AUTH_CHUNKS: c_int = 27;
pub const SCTP_PEER_ADDR_THLDS: c_int = 31;
pub const SCTP_DEFAULT_SNDINFO: c_int = 34;
pub const SCTP_PEER_ADDR_THLDS_V2: c_int = 37;
pub const SCTP_GET_ASSOC_STATS: c_int = 112;
pub const SCTP_PR_SUPPORTED: c_int = 113;
pub const SCTP_DEFAULT_PRINFO: c_int = 114;
pub const SCTP_PR_ASSOC_STATUS: c_int = 115;
pub const SCTP_PR_STREAM_STATUS: c_int = 116;
pub const SCTP_RECONFIG_SUPPORTED: c_int = 117;
pub const SCTP_ENABLE_STREAM_RESET: c_int = 118;
pub const SCTP_STREAM_SCHEDULER: c_int = 123;
pub const SCTP_STREAM_SCHEDULER_VALUE: c_int = 124;
pub const SCTP_INTERLEAVING_SUPPORTED: c_int = 125;
pub const SCTP_EVENT: c_int = 127;
pub const SCTP_ASCONF_SUPPORTED: c_int = 128;
pub const SCTP_AUTH_SUPPORTED: c_int = 129;
pub const SCTP_ECN_SUPPORTED: c_int = 130;
pub const SCTP_EXPOSE_POTENTIALLY_FAILED_STATE: c_int = 131;
pub const SCTP_REMOTE_UDP_ENCAPS_PORT: c_int = 132;
pub const SCTP_PLPMTUD_PROBE_INTERVAL: c_int = 133;

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

// ---- Notifications (RFC 6458 section 6.1) ----

/// recvmsg's msg_flags bit: the message is a notification, not data.
pub const MSG_NOTIFICATION: c_int = 0x8000;

// Association ids of the options that take one (SCTP_EVENT's se_assoc_id).
pub const SCTP_FUTURE_ASSOC: sctp_assoc_t = 0;
pub const SCTP_CURRENT_ASSOC: sctp_assoc_t = 1;
pub const SCTP_ALL_ASSOC: sctp_assoc_t = 2;

// enum sctp_sn_type: sn_type, and se_type of SCTP_EVENT.
pub const SCTP_SN_TYPE_BASE: u16 = 1 << 15;
pub const SCTP_DATA_IO_EVENT: u16 = SCTP_SN_TYPE_BASE;
pub const SCTP_ASSOC_CHANGE: u16 = SCTP_SN_TYPE_BASE + 1;
pub const SCTP_PEER_ADDR_CHANGE: u16 = SCTP_SN_TYPE_BASE + 2;
pub const SCTP_SEND_FAILED: u16 = SCTP_SN_TYPE_BASE + 3;
pub const SCTP_REMOTE_ERROR: u16 = SCTP_SN_TYPE_BASE + 4;
pub const SCTP_SHUTDOWN_EVENT: u16 = SCTP_SN_TYPE_BASE + 5;
pub const SCTP_PARTIAL_DELIVERY_EVENT: u16 = SCTP_SN_TYPE_BASE + 6;
pub const SCTP_ADAPTATION_INDICATION: u16 = SCTP_SN_TYPE_BASE + 7;
pub const SCTP_AUTHENTICATION_EVENT: u16 = SCTP_SN_TYPE_BASE + 8;
pub const SCTP_SENDER_DRY_EVENT: u16 = SCTP_SN_TYPE_BASE + 9;
pub const SCTP_STREAM_RESET_EVENT: u16 = SCTP_SN_TYPE_BASE + 10;
pub const SCTP_ASSOC_RESET_EVENT: u16 = SCTP_SN_TYPE_BASE + 11;
pub const SCTP_STREAM_CHANGE_EVENT: u16 = SCTP_SN_TYPE_BASE + 12;
pub const SCTP_SEND_FAILED_EVENT: u16 = SCTP_SN_TYPE_BASE + 13;
pub const SCTP_SN_TYPE_MAX: u16 = SCTP_SEND_FAILED_EVENT;

// enum sctp_sac_state: sac_state.
pub const SCTP_COMM_UP: u16 = 0;
pub const SCTP_COMM_LOST: u16 = 1;
pub const SCTP_RESTART: u16 = 2;
pub const SCTP_SHUTDOWN_COMP: u16 = 3;
pub const SCTP_CANT_STR_ASSOC: u16 = 4;

// enum sctp_spc_state: spc_state.
pub const SCTP_ADDR_AVAILABLE: c_int = 0;
pub const SCTP_ADDR_UNREACHABLE: c_int = 1;
pub const SCTP_ADDR_REMOVED: c_int = 2;
pub const SCTP_ADDR_ADDED: c_int = 3;
pub const SCTP_ADDR_MADE_PRIM: c_int = 4;
pub const SCTP_ADDR_CONFIRMED: c_int = 5;
pub const SCTP_ADDR_POTENTIALLY_FAILED: c_int = 6;

// enum sctp_ssf_flags: ssf_flags.
pub const SCTP_DATA_UNSENT: u16 = 0;
pub const SCTP_DATA_SENT: u16 = 1;

// pdapi_indication.
pub const SCTP_PARTIAL_DELIVERY_ABORTED: u32 = 0;

// auth_indication.
pub const SCTP_AUTH_NEW_KEY: u32 = 0;
pub const SCTP_AUTH_FREE_KEY: u32 = 1;
pub const SCTP_AUTH_NO_AUTH: u32 = 2;

// strreset_flags, assocreset_flags, strchange_flags.
pub const SCTP_STREAM_RESET_INCOMING_SSN: u16 = 0x0001;
pub const SCTP_STREAM_RESET_OUTGOING_SSN: u16 = 0x0002;
pub const SCTP_STREAM_RESET_DENIED: u16 = 0x0004;
pub const SCTP_STREAM_RESET_FAILED: u16 = 0x0008;
pub const SCTP_ASSOC_RESET_DENIED: u16 = 0x0004;
pub const SCTP_ASSOC_RESET_FAILED: u16 = 0x0008;
pub const SCTP_ASSOC_CHANGE_DENIED: u16 = 0x0004;
pub const SCTP_ASSOC_CHANGE_FAILED: u16 = 0x0008;
pub const SCTP_STREAM_CHANGE_DENIED: u16 = SCTP_ASSOC_CHANGE_DENIED;
pub const SCTP_STREAM_CHANGE_FAILED: u16 = SCTP_ASSOC_CHANGE_FAILED;

/// The header every notification starts with: `sn_header` of union
/// sctp_notification, which RFC 6458 names struct sctp_tlv and Linux
/// leaves unnamed.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_tlv {
    pub sn_type: u16,
    pub sn_flags: u16,
    pub sn_length: u32,
}

/// SCTP_ASSOC_CHANGE. The zero-length arrays here and below stand for the
/// C flexible array members: they give the offset where the variable part
/// starts and add no size.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_assoc_change {
    pub sac_type: u16,
    pub sac_flags: u16,
    pub sac_length: u32,
    pub sac_state: u16,
    pub sac_error: u16,
    pub sac_outbound_streams: u16,
    pub sac_inbound_streams: u16,
    pub sac_assoc_id: sctp_assoc_t,
    pub sac_info: [u8; 0],
}

/// SCTP_PEER_ADDR_CHANGE: `__attribute__((packed, aligned(4)))` in the
/// kernel, so alignment 4 and no padding on every architecture (its
/// sockaddr_storage is 8-aligned elsewhere).
#[repr(C, packed(4))]
#[derive(Clone, Copy)]
pub struct sctp_paddr_change {
    pub spc_type: u16,
    pub spc_flags: u16,
    pub spc_length: u32,
    pub spc_aaddr: sockaddr_storage,
    pub spc_state: c_int,
    pub spc_error: c_int,
    pub spc_assoc_id: sctp_assoc_t,
}

/// SCTP_REMOTE_ERROR. `sre_error` is in network byte order.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_remote_error {
    pub sre_type: u16,
    pub sre_flags: u16,
    pub sre_length: u32,
    pub sre_error: u16,
    pub sre_assoc_id: sctp_assoc_t,
    pub sre_data: [u8; 0],
}

/// SCTP_SEND_FAILED (deprecated by RFC 6458 for SCTP_SEND_FAILED_EVENT).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_send_failed {
    pub ssf_type: u16,
    pub ssf_flags: u16,
    pub ssf_length: u32,
    pub ssf_error: u32,
    pub ssf_info: sctp_sndrcvinfo,
    pub ssf_assoc_id: sctp_assoc_t,
    pub ssf_data: [u8; 0],
}

/// SCTP_SEND_FAILED_EVENT.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_send_failed_event {
    pub ssf_type: u16,
    pub ssf_flags: u16,
    pub ssf_length: u32,
    pub ssf_error: u32,
    pub ssfe_info: sctp_sndinfo,
    pub ssf_assoc_id: sctp_assoc_t,
    pub ssf_data: [u8; 0],
}

/// SCTP_SHUTDOWN_EVENT.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_shutdown_event {
    pub sse_type: u16,
    pub sse_flags: u16,
    pub sse_length: u32,
    pub sse_assoc_id: sctp_assoc_t,
}

/// SCTP_ADAPTATION_INDICATION.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_adaptation_event {
    pub sai_type: u16,
    pub sai_flags: u16,
    pub sai_length: u32,
    pub sai_adaptation_ind: u32,
    pub sai_assoc_id: sctp_assoc_t,
}

/// SCTP_PARTIAL_DELIVERY_EVENT.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_pdapi_event {
    pub pdapi_type: u16,
    pub pdapi_flags: u16,
    pub pdapi_length: u32,
    pub pdapi_indication: u32,
    pub pdapi_assoc_id: sctp_assoc_t,
    pub pdapi_stream: u32,
    pub pdapi_seq: u32,
}

/// SCTP_AUTHENTICATION_EVENT.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_authkey_event {
    pub auth_type: u16,
    pub auth_flags: u16,
    pub auth_length: u32,
    pub auth_keynumber: u16,
    pub auth_altkeynumber: u16,
    pub auth_indication: u32,
    pub auth_assoc_id: sctp_assoc_t,
}

/// SCTP_SENDER_DRY_EVENT.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_sender_dry_event {
    pub sender_dry_type: u16,
    pub sender_dry_flags: u16,
    pub sender_dry_length: u32,
    pub sender_dry_assoc_id: sctp_assoc_t,
}

/// SCTP_STREAM_RESET_EVENT.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_stream_reset_event {
    pub strreset_type: u16,
    pub strreset_flags: u16,
    pub strreset_length: u32,
    pub strreset_assoc_id: sctp_assoc_t,
    pub strreset_stream_list: [u16; 0],
}

/// SCTP_ASSOC_RESET_EVENT.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_assoc_reset_event {
    pub assocreset_type: u16,
    pub assocreset_flags: u16,
    pub assocreset_length: u32,
    pub assocreset_assoc_id: sctp_assoc_t,
    pub assocreset_local_tsn: u32,
    pub assocreset_remote_tsn: u32,
}

/// SCTP_STREAM_CHANGE_EVENT.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_stream_change_event {
    pub strchange_type: u16,
    pub strchange_flags: u16,
    pub strchange_length: u32,
    pub strchange_assoc_id: sctp_assoc_t,
    pub strchange_instrms: u16,
    pub strchange_outstrms: u16,
}

/// SCTP_EVENT's argument: one notification type on or off.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_event {
    pub se_assoc_id: sctp_assoc_t,
    pub se_type: u16,
    pub se_on: u8,
}

// enum sctp_sinfo_flags: snd_flags, sinfo_flags, rcv_flags.
pub const SCTP_UNORDERED: u16 = 1 << 0;
pub const SCTP_ADDR_OVER: u16 = 1 << 1;
pub const SCTP_ABORT: u16 = 1 << 2;
pub const SCTP_SACK_IMMEDIATELY: u16 = 1 << 3;
pub const SCTP_SENDALL: u16 = 1 << 6;
pub const SCTP_EOF: u16 = libc::MSG_FIN as u16;

// ---- socket options (the safe API's) ----
// What sctp-socket's options module reads and writes: the option numbers
// the list above lacks, their flag and policy values, and the option
// structs. Each struct is the kernel's, field for field.

pub const SCTP_SET_PEER_PRIMARY_ADDR: c_int = 5;
pub const SCTP_ADAPTATION_LAYER: c_int = 7;
pub const SCTP_FRAGMENT_INTERLEAVE: c_int = 18;
pub const SCTP_PARTIAL_DELIVERY_POINT: c_int = 19;
pub const SCTP_GET_ASSOC_NUMBER: c_int = 28;
pub const SCTP_GET_ASSOC_ID_LIST: c_int = 29;
pub const SCTP_RECVRCVINFO: c_int = 32;
pub const SCTP_RECVNXTINFO: c_int = 33;
pub const SCTP_RESET_STREAMS: c_int = 119;
pub const SCTP_RESET_ASSOC: c_int = 120;
pub const SCTP_ADD_STREAMS: c_int = 121;
pub const SCTP_AUTH_CHUNK: c_int = 21;
pub const SCTP_HMAC_IDENT: c_int = 22;
pub const SCTP_AUTH_KEY: c_int = 23;
pub const SCTP_AUTH_DELETE_KEY: c_int = 25;
pub const SCTP_AUTH_DEACTIVATE_KEY: c_int = 35;

// SCTP_HMAC_IDENT's identifiers (RFC 4895 section 6.1).
pub const SCTP_AUTH_HMAC_ID_SHA1: u16 = 1;
pub const SCTP_AUTH_HMAC_ID_SHA256: u16 = 3;

// enum sctp_spp_flags: sctp_paddrparams' spp_flags.
pub const SPP_HB_ENABLE: u32 = 1 << 0;
pub const SPP_HB_DISABLE: u32 = 1 << 1;
pub const SPP_HB: u32 = SPP_HB_ENABLE | SPP_HB_DISABLE;
pub const SPP_HB_DEMAND: u32 = 1 << 2;
pub const SPP_PMTUD_ENABLE: u32 = 1 << 3;
pub const SPP_PMTUD_DISABLE: u32 = 1 << 4;
pub const SPP_PMTUD: u32 = SPP_PMTUD_ENABLE | SPP_PMTUD_DISABLE;
pub const SPP_SACKDELAY_ENABLE: u32 = 1 << 5;
pub const SPP_SACKDELAY_DISABLE: u32 = 1 << 6;
pub const SPP_SACKDELAY: u32 = SPP_SACKDELAY_ENABLE | SPP_SACKDELAY_DISABLE;
pub const SPP_HB_TIME_IS_ZERO: u32 = 1 << 7;
pub const SPP_IPV6_FLOWLABEL: u32 = 1 << 8;
pub const SPP_DSCP: u32 = 1 << 9;

// PR-SCTP policies (sctp_prinfo's and sctp_default_prinfo's pr_policy).
pub const SCTP_PR_SCTP_NONE: u16 = 0x0000;
pub const SCTP_PR_SCTP_TTL: u16 = 0x0010;
pub const SCTP_PR_SCTP_RTX: u16 = 0x0020;
pub const SCTP_PR_SCTP_PRIO: u16 = 0x0030;
pub const SCTP_PR_SCTP_MASK: u16 = 0x0030;
/// sctp_prstatus' sprstat_policy: the sum over every policy.
pub const SCTP_PR_SCTP_ALL: u16 = 1 << 7;

// SCTP_ENABLE_STREAM_RESET's value, and sctp_reset_streams' srs_flags.
pub const SCTP_ENABLE_RESET_STREAM_REQ: u32 = 0x01;
pub const SCTP_ENABLE_RESET_ASSOC_REQ: u32 = 0x02;
pub const SCTP_ENABLE_CHANGE_ASSOC_REQ: u32 = 0x04;
pub const SCTP_ENABLE_STRRESET_MASK: u32 = 0x07;
pub const SCTP_STREAM_RESET_INCOMING: u16 = 0x01;
pub const SCTP_STREAM_RESET_OUTGOING: u16 = 0x02;

// enum sctp_sched_type. Linux 6.3 adds SCTP_SS_FC (3) and SCTP_SS_WFQ (4),
// which this 6.1 header lacks (options.rs names them itself).
pub const SCTP_SS_FCFS: u32 = 0;
pub const SCTP_SS_DEFAULT: u32 = SCTP_SS_FCFS;
pub const SCTP_SS_PRIO: u32 = 1;
pub const SCTP_SS_RR: u32 = 2;
pub const SCTP_SS_MAX: u32 = SCTP_SS_RR;

// enum sctp_sstat_state: sctp_status' sstat_state.
pub const SCTP_EMPTY: i32 = 0;
pub const SCTP_CLOSED: i32 = 1;
pub const SCTP_COOKIE_WAIT: i32 = 2;
pub const SCTP_COOKIE_ECHOED: i32 = 3;
pub const SCTP_ESTABLISHED: i32 = 4;
pub const SCTP_SHUTDOWN_PENDING: i32 = 5;
pub const SCTP_SHUTDOWN_SENT: i32 = 6;
pub const SCTP_SHUTDOWN_RECEIVED: i32 = 7;
pub const SCTP_SHUTDOWN_ACK_SENT: i32 = 8;

// enum sctp_spinfo_state: sctp_paddrinfo's spinfo_state.
pub const SCTP_INACTIVE: i32 = 0;
pub const SCTP_PF: i32 = 1;
pub const SCTP_ACTIVE: i32 = 2;
pub const SCTP_UNCONFIRMED: i32 = 3;
pub const SCTP_UNKNOWN: i32 = 0xffff;

/// SCTP_INITMSG.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_initmsg {
    pub sinit_num_ostreams: u16,
    pub sinit_max_instreams: u16,
    pub sinit_max_attempts: u16,
    pub sinit_max_init_timeo: u16,
}

/// SCTP_RTOINFO.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_rtoinfo {
    pub srto_assoc_id: sctp_assoc_t,
    pub srto_initial: u32,
    pub srto_max: u32,
    pub srto_min: u32,
}

/// SCTP_ASSOCINFO.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_assocparams {
    pub sasoc_assoc_id: sctp_assoc_t,
    pub sasoc_asocmaxrxt: u16,
    pub sasoc_number_peer_destinations: u16,
    pub sasoc_peer_rwnd: u32,
    pub sasoc_local_rwnd: u32,
    pub sasoc_cookie_life: u32,
}

/// SCTP_SET_PEER_PRIMARY_ADDR: `__attribute__((packed, aligned(4)))`,
/// which changes no offset here (the address follows a 4-byte id), only
/// the alignment: packed(4) is exact.
#[repr(C, packed(4))]
#[derive(Clone, Copy)]
pub struct sctp_setpeerprim {
    pub sspp_assoc_id: sctp_assoc_t,
    pub sspp_addr: sockaddr_storage,
}

/// SCTP_PRIMARY_ADDR: packed, aligned(4), as sctp_setpeerprim.
#[repr(C, packed(4))]
#[derive(Clone, Copy)]
pub struct sctp_prim {
    pub ssp_assoc_id: sctp_assoc_t,
    pub ssp_addr: sockaddr_storage,
}

/// SCTP_ADAPTATION_LAYER.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_setadaptation {
    pub ssb_adaptation_ind: u32,
}

/// The fields of struct sctp_paddrparams, which the kernel declares
/// `__attribute__((packed, aligned(4)))`: no padding at all (spp_pathmtu,
/// a u32, is at offset 138), and the struct 4-aligned, 156 bytes. Rust
/// cannot say packed and aligned of one struct, so this is the packed
/// part (155 bytes) and [`sctp_paddrparams`] the aligned whole.
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct sctp_paddrparams_fields {
    pub spp_assoc_id: sctp_assoc_t,
    pub spp_address: sockaddr_storage,
    pub spp_hbinterval: u32,
    pub spp_pathmaxrxt: u16,
    pub spp_pathmtu: u32,
    pub spp_sackdelay: u32,
    pub spp_flags: u32,
    pub spp_ipv6_flowlabel: u32,
    pub spp_dscp: u8,
}

/// SCTP_PEER_ADDR_PARAMS: struct sctp_paddrparams, its fields in `.0`.
#[repr(C, align(4))]
#[derive(Clone, Copy)]
pub struct sctp_paddrparams(pub sctp_paddrparams_fields);

/// SCTP_DELAYED_SACK.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_sack_info {
    pub sack_assoc_id: sctp_assoc_t,
    pub sack_delay: u32,
    pub sack_freq: u32,
}

/// The argument of the options that carry one number per association
/// (SCTP_MAXSEG, SCTP_CONTEXT, SCTP_MAX_BURST, SCTP_PR_SUPPORTED, ...).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_assoc_value {
    pub assoc_id: sctp_assoc_t,
    pub assoc_value: u32,
}

/// SCTP_STREAM_SCHEDULER_VALUE.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_stream_value {
    pub assoc_id: sctp_assoc_t,
    pub stream_id: u16,
    pub stream_value: u16,
}

/// SCTP_GET_PEER_ADDR_INFO, and sctp_status' primary path: packed,
/// aligned(4), whose fields all fall on 4-byte offsets, so packed(4) is
/// exact.
#[repr(C, packed(4))]
#[derive(Clone, Copy)]
pub struct sctp_paddrinfo {
    pub spinfo_assoc_id: sctp_assoc_t,
    pub spinfo_address: sockaddr_storage,
    pub spinfo_state: i32,
    pub spinfo_cwnd: u32,
    pub spinfo_srtt: u32,
    pub spinfo_rto: u32,
    pub spinfo_mtu: u32,
}

/// SCTP_STATUS.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct sctp_status {
    pub sstat_assoc_id: sctp_assoc_t,
    pub sstat_state: i32,
    pub sstat_rwnd: u32,
    pub sstat_unackdata: u16,
    pub sstat_penddata: u16,
    pub sstat_instrms: u16,
    pub sstat_outstrms: u16,
    pub sstat_fragmentation_point: u32,
    pub sstat_primary: sctp_paddrinfo,
}

/// The head of SCTP_GET_ASSOC_ID_LIST's answer; `gaids_number_of_ids`
/// ids (sctp_assoc_t) follow it.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_assoc_ids {
    pub gaids_number_of_ids: u32,
}

/// SCTP_GET_ASSOC_STATS.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct sctp_assoc_stats {
    pub sas_assoc_id: sctp_assoc_t,
    pub sas_obs_rto_ipaddr: sockaddr_storage,
    pub sas_maxrto: u64,
    pub sas_isacks: u64,
    pub sas_osacks: u64,
    pub sas_opackets: u64,
    pub sas_ipackets: u64,
    pub sas_rtxchunks: u64,
    pub sas_outofseqtsns: u64,
    pub sas_idupchunks: u64,
    pub sas_gapcnt: u64,
    pub sas_ouodchunks: u64,
    pub sas_iuodchunks: u64,
    pub sas_oodchunks: u64,
    pub sas_iodchunks: u64,
    pub sas_octrlchunks: u64,
    pub sas_ictrlchunks: u64,
}

/// SCTP_PEER_ADDR_THLDS_V2.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct sctp_paddrthlds_v2 {
    pub spt_assoc_id: sctp_assoc_t,
    pub spt_address: sockaddr_storage,
    pub spt_pathmaxrxt: u16,
    pub spt_pathpfthld: u16,
    pub spt_pathcpthld: u16,
}

/// SCTP_DEFAULT_PRINFO.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_default_prinfo {
    pub pr_assoc_id: sctp_assoc_t,
    pub pr_value: u32,
    pub pr_policy: u16,
}

/// The head of SCTP_RESET_STREAMS' argument; `srs_number_streams` stream
/// numbers (u16) follow it (none: every stream).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_reset_streams {
    pub srs_assoc_id: sctp_assoc_t,
    pub srs_flags: u16,
    pub srs_number_streams: u16,
}

/// SCTP_ADD_STREAMS.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_add_streams {
    pub sas_assoc_id: sctp_assoc_t,
    pub sas_instrms: u16,
    pub sas_outstrms: u16,
}

/// SCTP_REMOTE_UDP_ENCAPS_PORT; `sue_port` is in network byte order.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct sctp_udpencaps {
    pub sue_assoc_id: sctp_assoc_t,
    pub sue_address: sockaddr_storage,
    pub sue_port: u16,
}

/// SCTP_PLPMTUD_PROBE_INTERVAL.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct sctp_probeinterval {
    pub spi_assoc_id: sctp_assoc_t,
    pub spi_address: sockaddr_storage,
    pub spi_interval: u32,
}

/// SCTP_AUTH_CHUNK.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_authchunk {
    pub sauth_chunk: u8,
}

/// The head of SCTP_HMAC_IDENT's argument; `shmac_num_idents` HMAC
/// identifiers (u16) follow it.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_hmacalgo {
    pub shmac_num_idents: u32,
}

/// The head of SCTP_AUTH_KEY's argument; `sca_keylength` bytes of key
/// follow it.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_authkey {
    pub sca_assoc_id: sctp_assoc_t,
    pub sca_keynumber: u16,
    pub sca_keylength: u16,
}

/// SCTP_AUTH_ACTIVE_KEY, SCTP_AUTH_DEACTIVATE_KEY, SCTP_AUTH_DELETE_KEY.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_authkeyid {
    pub scact_assoc_id: sctp_assoc_t,
    pub scact_keynumber: u16,
}

/// The head of SCTP_PEER_AUTH_CHUNKS / SCTP_LOCAL_AUTH_CHUNKS' answer;
/// `gauth_number_of_chunks` chunk types (u8) follow it.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_authchunks {
    pub gauth_assoc_id: sctp_assoc_t,
    pub gauth_number_of_chunks: u32,
}

/// SCTP_PR_ASSOC_STATUS and SCTP_PR_STREAM_STATUS.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct sctp_prstatus {
    pub sprstat_assoc_id: sctp_assoc_t,
    pub sprstat_sid: u16,
    pub sprstat_policy: u16,
    pub sprstat_abandoned_unsent: u64,
    pub sprstat_abandoned_sent: u64,
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
        // Notifications, and SCTP_EVENT's argument.
        check_struct!(c, "__typeof__(((union sctp_notification *)0)->sn_header)", sctp_tlv { sn_type, sn_flags, sn_length });
        check_struct!(c, "struct sctp_assoc_change", sctp_assoc_change { sac_type, sac_flags, sac_length, sac_state, sac_error,
            sac_outbound_streams, sac_inbound_streams, sac_assoc_id, sac_info });
        check_struct!(c, "struct sctp_paddr_change", sctp_paddr_change { spc_type, spc_flags, spc_length, spc_aaddr, spc_state,
            spc_error, spc_assoc_id });
        check_struct!(c, "struct sctp_remote_error", sctp_remote_error { sre_type, sre_flags, sre_length, sre_error, sre_assoc_id, sre_data });
        check_struct!(c, "struct sctp_send_failed", sctp_send_failed { ssf_type, ssf_flags, ssf_length, ssf_error, ssf_info,
            ssf_assoc_id, ssf_data });
        check_struct!(c, "struct sctp_send_failed_event", sctp_send_failed_event { ssf_type, ssf_flags, ssf_length, ssf_error,
            ssfe_info, ssf_assoc_id, ssf_data });
        check_struct!(c, "struct sctp_shutdown_event", sctp_shutdown_event { sse_type, sse_flags, sse_length, sse_assoc_id });
        check_struct!(c, "struct sctp_adaptation_event", sctp_adaptation_event { sai_type, sai_flags, sai_length, sai_adaptation_ind,
            sai_assoc_id });
        check_struct!(c, "struct sctp_pdapi_event", sctp_pdapi_event { pdapi_type, pdapi_flags, pdapi_length, pdapi_indication,
            pdapi_assoc_id, pdapi_stream, pdapi_seq });
        check_struct!(c, "struct sctp_authkey_event", sctp_authkey_event { auth_type, auth_flags, auth_length, auth_keynumber,
            auth_altkeynumber, auth_indication, auth_assoc_id });
        check_struct!(c, "struct sctp_sender_dry_event", sctp_sender_dry_event { sender_dry_type, sender_dry_flags, sender_dry_length,
            sender_dry_assoc_id });
        check_struct!(c, "struct sctp_stream_reset_event", sctp_stream_reset_event { strreset_type, strreset_flags, strreset_length,
            strreset_assoc_id, strreset_stream_list });
        check_struct!(c, "struct sctp_assoc_reset_event", sctp_assoc_reset_event { assocreset_type, assocreset_flags,
            assocreset_length, assocreset_assoc_id, assocreset_local_tsn, assocreset_remote_tsn });
        check_struct!(c, "struct sctp_stream_change_event", sctp_stream_change_event { strchange_type, strchange_flags,
            strchange_length, strchange_assoc_id, strchange_instrms, strchange_outstrms });
        check_struct!(c, "struct sctp_event", sctp_event { se_assoc_id, se_type, se_on });
        // Each member of the union, at its start (the kernel's offsets).
        for m in ["sn_header", "sn_assoc_change", "sn_paddr_change", "sn_remote_error", "sn_send_failed", "sn_shutdown_event",
                  "sn_adaptation_event", "sn_pdapi_event", "sn_authkey_event", "sn_sender_dry_event", "sn_strreset_event",
                  "sn_assocreset_event", "sn_strchange_event", "sn_send_failed_event"] {
            writeln!(c, "_Static_assert(offsetof(union sctp_notification, {m}) == 0, \"offsetof {m}\");").unwrap();
        }
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
            SCTP_SEND_SNDINFO_VALID, SCTP_SEND_PRINFO_VALID, SCTP_SEND_AUTHINFO_VALID,
            SCTP_UNORDERED, SCTP_ADDR_OVER, SCTP_ABORT, SCTP_SACK_IMMEDIATELY, SCTP_SENDALL, SCTP_EOF);
        check_consts!(c, MSG_NOTIFICATION, SCTP_FUTURE_ASSOC, SCTP_CURRENT_ASSOC, SCTP_ALL_ASSOC, SCTP_SN_TYPE_BASE,
            SCTP_DATA_IO_EVENT, SCTP_ASSOC_CHANGE, SCTP_PEER_ADDR_CHANGE, SCTP_SEND_FAILED, SCTP_REMOTE_ERROR,
            SCTP_SHUTDOWN_EVENT, SCTP_PARTIAL_DELIVERY_EVENT, SCTP_ADAPTATION_INDICATION, SCTP_AUTHENTICATION_EVENT,
            SCTP_SENDER_DRY_EVENT, SCTP_STREAM_RESET_EVENT, SCTP_ASSOC_RESET_EVENT, SCTP_STREAM_CHANGE_EVENT,
            SCTP_SEND_FAILED_EVENT, SCTP_SN_TYPE_MAX, SCTP_COMM_UP, SCTP_COMM_LOST, SCTP_RESTART, SCTP_SHUTDOWN_COMP,
            SCTP_CANT_STR_ASSOC, SCTP_ADDR_AVAILABLE, SCTP_ADDR_UNREACHABLE, SCTP_ADDR_REMOVED, SCTP_ADDR_ADDED,
            SCTP_ADDR_MADE_PRIM, SCTP_ADDR_CONFIRMED, SCTP_ADDR_POTENTIALLY_FAILED, SCTP_DATA_UNSENT, SCTP_DATA_SENT,
            SCTP_PARTIAL_DELIVERY_ABORTED, SCTP_AUTH_NEW_KEY, SCTP_AUTH_FREE_KEY, SCTP_AUTH_NO_AUTH,
            SCTP_STREAM_RESET_INCOMING_SSN, SCTP_STREAM_RESET_OUTGOING_SSN, SCTP_STREAM_RESET_DENIED,
            SCTP_STREAM_RESET_FAILED, SCTP_ASSOC_RESET_DENIED, SCTP_ASSOC_RESET_FAILED, SCTP_ASSOC_CHANGE_DENIED,
            SCTP_ASSOC_CHANGE_FAILED, SCTP_STREAM_CHANGE_DENIED, SCTP_STREAM_CHANGE_FAILED);
        use sctp_recvv_infotype::*;
        use sctp_sendv_infotype::*;
        check_consts!(c, SCTP_SENDV_NOINFO, SCTP_SENDV_SNDINFO, SCTP_SENDV_PRINFO, SCTP_SENDV_AUTHINFO, SCTP_SENDV_SPA,
            SCTP_RECVV_NOINFO, SCTP_RECVV_RCVINFO, SCTP_RECVV_NXTINFO, SCTP_RECVV_RN);

        // ---- socket options (the safe API's) ----
        macro_rules! check_offsets {
            ($out:ident, $c:literal, $t:ty { $($f:ident),* $(,)? }) => {{
                $(writeln!($out, "_Static_assert(offsetof({}, {}) == {}, \"offsetof {}.{}\");",
                    $c, stringify!($f), offset_of!($t, $f), $c, stringify!($f)).unwrap();)*
            }};
        }
        check_struct!(c, "struct sctp_initmsg", sctp_initmsg { sinit_num_ostreams, sinit_max_instreams,
            sinit_max_attempts, sinit_max_init_timeo });
        check_struct!(c, "struct sctp_rtoinfo", sctp_rtoinfo { srto_assoc_id, srto_initial, srto_max, srto_min });
        check_struct!(c, "struct sctp_assocparams", sctp_assocparams { sasoc_assoc_id, sasoc_asocmaxrxt,
            sasoc_number_peer_destinations, sasoc_peer_rwnd, sasoc_local_rwnd, sasoc_cookie_life });
        check_struct!(c, "struct sctp_setpeerprim", sctp_setpeerprim { sspp_assoc_id, sspp_addr });
        check_struct!(c, "struct sctp_prim", sctp_prim { ssp_assoc_id, ssp_addr });
        check_struct!(c, "struct sctp_setadaptation", sctp_setadaptation { ssb_adaptation_ind });
        // Size and alignment from the aligned whole, offsets from its packed fields.
        check_struct!(c, "struct sctp_paddrparams", sctp_paddrparams {});
        check_offsets!(c, "struct sctp_paddrparams", sctp_paddrparams_fields { spp_assoc_id, spp_address,
            spp_hbinterval, spp_pathmaxrxt, spp_pathmtu, spp_sackdelay, spp_flags, spp_ipv6_flowlabel, spp_dscp });
        check_struct!(c, "struct sctp_sack_info", sctp_sack_info { sack_assoc_id, sack_delay, sack_freq });
        check_struct!(c, "struct sctp_assoc_value", sctp_assoc_value { assoc_id, assoc_value });
        check_struct!(c, "struct sctp_stream_value", sctp_stream_value { assoc_id, stream_id, stream_value });
        check_struct!(c, "struct sctp_paddrinfo", sctp_paddrinfo { spinfo_assoc_id, spinfo_address, spinfo_state,
            spinfo_cwnd, spinfo_srtt, spinfo_rto, spinfo_mtu });
        check_struct!(c, "struct sctp_status", sctp_status { sstat_assoc_id, sstat_state, sstat_rwnd, sstat_unackdata,
            sstat_penddata, sstat_instrms, sstat_outstrms, sstat_fragmentation_point, sstat_primary });
        check_struct!(c, "struct sctp_assoc_ids", sctp_assoc_ids { gaids_number_of_ids });
        check_struct!(c, "struct sctp_assoc_stats", sctp_assoc_stats { sas_assoc_id, sas_obs_rto_ipaddr, sas_maxrto,
            sas_isacks, sas_osacks, sas_opackets, sas_ipackets, sas_rtxchunks, sas_outofseqtsns, sas_idupchunks,
            sas_gapcnt, sas_ouodchunks, sas_iuodchunks, sas_oodchunks, sas_iodchunks, sas_octrlchunks,
            sas_ictrlchunks });
        check_struct!(c, "struct sctp_paddrthlds_v2", sctp_paddrthlds_v2 { spt_assoc_id, spt_address, spt_pathmaxrxt,
            spt_pathpfthld, spt_pathcpthld });
        check_struct!(c, "struct sctp_default_prinfo", sctp_default_prinfo { pr_assoc_id, pr_value, pr_policy });
        check_struct!(c, "struct sctp_reset_streams", sctp_reset_streams { srs_assoc_id, srs_flags, srs_number_streams });
        check_struct!(c, "struct sctp_add_streams", sctp_add_streams { sas_assoc_id, sas_instrms, sas_outstrms });
        check_struct!(c, "struct sctp_udpencaps", sctp_udpencaps { sue_assoc_id, sue_address, sue_port });
        check_struct!(c, "struct sctp_probeinterval", sctp_probeinterval { spi_assoc_id, spi_address, spi_interval });
        check_struct!(c, "struct sctp_authchunk", sctp_authchunk { sauth_chunk });
        check_struct!(c, "struct sctp_hmacalgo", sctp_hmacalgo { shmac_num_idents });
        check_struct!(c, "struct sctp_authkey", sctp_authkey { sca_assoc_id, sca_keynumber, sca_keylength });
        check_struct!(c, "struct sctp_authkeyid", sctp_authkeyid { scact_assoc_id, scact_keynumber });
        check_struct!(c, "struct sctp_authchunks", sctp_authchunks { gauth_assoc_id, gauth_number_of_chunks });
        check_struct!(c, "struct sctp_prstatus", sctp_prstatus { sprstat_assoc_id, sprstat_sid, sprstat_policy,
            sprstat_abandoned_unsent, sprstat_abandoned_sent });
        // The lists start right after their heads.
        for (t, list, head) in [("struct sctp_hmacalgo", "shmac_idents", size_of::<sctp_hmacalgo>()),
                                ("struct sctp_authkey", "sca_key", size_of::<sctp_authkey>()),
                                ("struct sctp_authchunks", "gauth_chunks", size_of::<sctp_authchunks>())] {
            writeln!(c, "_Static_assert(offsetof({t}, {list}) == {head}, \"offsetof {t}.{list}\");").unwrap();
        }
        check_consts!(c, SCTP_FUTURE_ASSOC, SCTP_CURRENT_ASSOC, SCTP_ALL_ASSOC, SCTP_SET_PEER_PRIMARY_ADDR,
            SCTP_ADAPTATION_LAYER, SCTP_FRAGMENT_INTERLEAVE, SCTP_PARTIAL_DELIVERY_POINT, SCTP_GET_ASSOC_NUMBER,
            SCTP_GET_ASSOC_ID_LIST, SCTP_RECVRCVINFO, SCTP_RECVNXTINFO, SCTP_RESET_STREAMS, SCTP_RESET_ASSOC,
            SCTP_ADD_STREAMS, SPP_HB_ENABLE, SPP_HB_DISABLE, SPP_HB, SPP_HB_DEMAND, SPP_PMTUD_ENABLE,
            SPP_PMTUD_DISABLE, SPP_PMTUD, SPP_SACKDELAY_ENABLE, SPP_SACKDELAY_DISABLE, SPP_SACKDELAY,
            SPP_HB_TIME_IS_ZERO, SPP_IPV6_FLOWLABEL, SPP_DSCP, SCTP_PR_SCTP_NONE, SCTP_PR_SCTP_TTL, SCTP_PR_SCTP_RTX,
            SCTP_PR_SCTP_PRIO, SCTP_PR_SCTP_MASK, SCTP_ENABLE_RESET_STREAM_REQ, SCTP_ENABLE_RESET_ASSOC_REQ,
            SCTP_ENABLE_CHANGE_ASSOC_REQ, SCTP_ENABLE_STRRESET_MASK, SCTP_STREAM_RESET_INCOMING,
            SCTP_STREAM_RESET_OUTGOING, SCTP_SS_FCFS, SCTP_SS_DEFAULT, SCTP_SS_PRIO, SCTP_SS_RR, SCTP_SS_MAX,
            SCTP_EMPTY, SCTP_CLOSED, SCTP_COOKIE_WAIT, SCTP_COOKIE_ECHOED, SCTP_ESTABLISHED, SCTP_SHUTDOWN_PENDING,
            SCTP_SHUTDOWN_SENT, SCTP_SHUTDOWN_RECEIVED, SCTP_SHUTDOWN_ACK_SENT, SCTP_INACTIVE, SCTP_PF, SCTP_ACTIVE,
            SCTP_UNCONFIRMED, SCTP_UNKNOWN, SCTP_AUTH_CHUNK, SCTP_HMAC_IDENT, SCTP_AUTH_KEY, SCTP_AUTH_DELETE_KEY,
            SCTP_AUTH_DEACTIVATE_KEY, SCTP_AUTH_HMAC_ID_SHA1, SCTP_AUTH_HMAC_ID_SHA256, SCTP_PR_SCTP_ALL);

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
        assert!(c.matches("_Static_assert").count() > 250);
    }
}
