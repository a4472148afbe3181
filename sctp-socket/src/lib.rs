//! Kernel SCTP for Rust, on libsctp's own code.
//!
//! This crate is the safe face of the libsctp in this repository: the
//! packed-address walker, the control-message encoder and parser, and
//! sctp_bindx, sctp_connectx, sctp_getpaddrs, sctp_peeloff are the very
//! functions C programs call, tested by lksctp's own suite. Errors are
//! `std::io::Error`s carrying the kernel's errno.
//!
//! # One-to-one or one-to-many
//!
//! SCTP sockets come in two styles, and a program picks one:
//!
//! - **One-to-one** (`SOCK_STREAM`): [`SctpListener`] and [`SctpStream`],
//!   shaped like std's TcpListener and TcpStream (`Read` and `Write`
//!   included). One socket, one association. This is the style for porting
//!   a TCP program: `TCP_NODELAY` becomes [`Socket::set_nodelay`], and
//!   there is no half-close ([`SctpStream::shutdown`] ends the association
//!   for both directions).
//! - **One-to-many** (`SOCK_SEQPACKET`): [`SctpEndpoint`]. One socket
//!   carries associations to many peers; each received message says which
//!   ([`RecvInfo::assoc_id`]), and [`SctpEndpoint::association`] sends on
//!   one. No accept: the first message from a new peer sets its association
//!   up. [`SctpEndpoint::peeloff`] moves one association to a one-to-one
//!   socket of its own.
//!
//! Both dereference to [`Socket`], which has what they share: sending,
//! receiving, addresses, options ([`options`]) and notifications.
//!
//! # Messages and streams
//!
//! SCTP keeps message boundaries: one [`Socket::send`] is one
//! [`Socket::recv`] at the other end (or several, for a message bigger
//! than the buffer: [`Message::eor`] marks the last part, and
//! [`Socket::recv_message`] puts them together). Each message travels on a
//! stream ([`SendInfo::stream`]); streams are ordered independently, so a
//! lost packet on one stream does not hold the others back (no
//! head-of-line blocking across streams). The payload protocol identifier
//! ([`SendInfo::ppid`]) is a number for the application, given in host
//! order: the crate converts it.
//!
//! # Notifications
//!
//! The association's events (it came up, a path failed, the peer shut
//! down, ...) arrive in the same receive calls as data, as
//! [`Recv::Notification`], once subscribed to with [`Socket::subscribe`]
//! and an [`EventSet`]. Each is parsed and bounds-checked into a
//! [`Notification`]; a malformed one is an error value, never a panic.
//!
//! # Multi-homing
//!
//! An endpoint can have several addresses ([`SctpEndpoint::bind_multi`],
//! [`Socket::bind_add`]) and connect to a peer at several
//! ([`SctpStream::connectx`], [`SctpEndpoint::connectx`]): the association
//! then has a path per address and survives one failing.
//! [`Socket::peer_addrs`] and [`Socket::local_addrs`] list them all.
//!
//! # Example
//!
//! ```no_run
//! use sctp_socket::{Recv, SctpEndpoint, SendInfo};
//!
//! let server = SctpEndpoint::bind("0.0.0.0:9877".parse().unwrap())?;
//! let mut buf = [0u8; 8192];
//! loop {
//!     if let Recv::Data(m) = server.recv(&mut buf)? {
//!         let info = m.info().unwrap();
//!         // Echo on the next stream, to the association it came on.
//!         let reply = SendInfo::new().stream(info.stream + 1).ppid(info.ppid);
//!         server.association(info.assoc_id).send(m.data, &reply)?;
//!     }
//! }
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! The kernel must have SCTP (`modprobe sctp`); [`sctp_available`] tells,
//! and socket creation fails with a [`NoSctp`] error saying so.
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

mod addr;
mod endpoint;
pub mod notification;
pub mod options;
mod recv;
mod send;
mod socket;
mod stream;
mod sys;
#[cfg(feature = "tokio")]
pub mod tokio;

pub use endpoint::{Association, SctpEndpoint};
pub use notification::{Event, EventSet, Notification, NotificationError};
pub use recv::{parse_control, Message, NextInfo, Recv, RecvInfo};
pub use send::{PrPolicy, SendFlags, SendInfo};
pub use socket::{sctp_available, Family, NoSctp, Socket};
pub use stream::{SctpListener, SctpStream};

/// An association's identifier on a one-to-many socket, as the kernel
/// numbers them (`sctp_assoc_t`). On a one-to-one socket it is ignored.
pub type AssocId = i32;

/// The socket itself (RFC 6458's SCTP_FUTURE_ASSOC) in options that take
/// an association id.
pub const FUTURE_ASSOC: AssocId = 0;
/// Current associations (SCTP_CURRENT_ASSOC).
pub const CURRENT_ASSOC: AssocId = 1;
/// Current and future associations (SCTP_ALL_ASSOC).
pub const ALL_ASSOC: AssocId = 2;
