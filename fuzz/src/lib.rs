//! Fuzz targets for libsctp's packed-address walker and its control-message
//! builder and parser, and for the safe API's notification parser.
//!
//! The library is a dependency (its rlib, with the `std` feature that
//! leaves the panic handler to std), its modules re-exported below under
//! the names the targets use: the targets exercise the shipped code, and
//! the exported functions built on it (`sctp_bindx`, `sctp_sendmsg`,
//! `sctp_send`, `sctp_sendv`) are called as C would call them. The safe API
//! (`sctp-socket`) is one too, for `Notification::parse`.
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

// The library's modules, under the names the targets use (crate::cmsg, ...).
pub use sctp::{bindx, cmsg, cptr, errno, packed, sendmsg, types, uapi};

pub mod capture;
pub mod driver;
pub mod model;
pub mod seeds;
pub mod targets;
