//! Kernel SCTP for Rust, on libsctp's own code. (Guide to come.)
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

mod addr;
mod endpoint;
pub mod notification;
mod recv;
mod send;
mod socket;
mod stream;
mod sys;
#[cfg(feature = "tokio")]
pub mod tokio;

pub use endpoint::{Association, SctpEndpoint};
pub use notification::Notification;
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
