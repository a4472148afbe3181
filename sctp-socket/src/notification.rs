//! Placeholder until the typed notifications land.
use std::io;
/// A notification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification(pub Vec<u8>);
impl Notification {
    /// Parse.
    pub fn parse(b: &[u8]) -> io::Result<Notification> { Ok(Notification(b.to_vec())) }
}
