//! Fuzz targets for libsctp's packed-address walker and its control-message
//! builder and parser.
//!
//! The library's own modules are compiled into this crate straight from
//! `../src` (the library is `no_std` with its own panic handler, so it is
//! not linked as a dependency): the targets exercise the shipped code, and
//! the exported functions built on it (`sctp_bindx`, `sctp_sendmsg`,
//! `sctp_send`, `sctp_sendv`) are called as C would call them.
//!
//! `sendmsg(2)` is interposed (see [`capture`]): for the descriptor
//! [`capture::FUZZ_FD`] the message is recorded instead of sent, so a target
//! can check the msghdr and control bytes the library built against a model
//! of what RFC 6458 says they should be.
//!
//! Each target is an ordinary function over bytes ([`targets`]); it panics
//! when the library's answer differs from the model. Under `cargo fuzz`
//! (`--cfg fuzzing`) libFuzzer drives it; otherwise [`driver`] does (corpus
//! replay plus a bounded random-mutation loop), so the targets also build
//! and run on a stable toolchain without libFuzzer.
#![allow(dead_code, unused_imports, non_camel_case_types, clippy::all)]
#![deny(unsafe_op_in_unsafe_fn)]

#[path = "../../src/errno.rs"]
pub mod errno;
#[path = "../../src/cptr.rs"]
pub mod cptr;
#[path = "../../src/packed.rs"]
pub mod packed;
#[path = "../../src/cmsg.rs"]
pub mod cmsg;
#[path = "../../src/uapi.rs"]
pub mod uapi;
#[path = "../../src/types.rs"]
pub mod types;
#[path = "../../src/sendmsg.rs"]
pub mod sendmsg;
#[path = "../../src/bindx.rs"]
pub mod bindx;

pub mod capture;
pub mod driver;
pub mod model;
pub mod seeds;
pub mod targets;
