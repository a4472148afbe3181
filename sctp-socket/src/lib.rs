//! Kernel SCTP for Rust, on libsctp's own code. (Guide to come.)
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]
