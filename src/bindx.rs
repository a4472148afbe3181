//! sctp_bindx(3): add or remove local addresses of an SCTP socket.

use crate::errno::{self, EINVAL};
use crate::packed;
use crate::uapi::*;
use libc::{c_int, c_void, sockaddr, socklen_t};

/// Bind (SCTP_BINDX_ADD_ADDR) or unbind (SCTP_BINDX_REM_ADDR) the `addrcnt`
/// packed addresses at `addrs`. Any other flags, or an unknown address
/// family, is EINVAL.
/// `addrs` points to `addrcnt` packed sockaddr_in/sockaddr_in6 (or is NULL).
#[no_mangle]
pub unsafe extern "C" fn sctp_bindx(sd: c_int, addrs: *mut sockaddr, addrcnt: c_int, flags: c_int) -> c_int {
    let opt = match flags {
        SCTP_BINDX_ADD_ADDR => SCTP_SOCKOPT_BINDX_ADD,
        SCTP_BINDX_REM_ADDR => SCTP_SOCKOPT_BINDX_REM,
        _ => return errno::fail(EINVAL),
    };
    // SAFETY: the caller's contract on `addrs`.
    let len = match unsafe { packed::array_len(addrs, addrcnt) } {
        Ok(len) => len,
        Err(e) => return errno::fail(e),
    };
    // SAFETY: `addrs` holds `len` bytes, just walked. setsockopt's -1 and
    // errno are our convention already.
    unsafe { libc::setsockopt(sd, SOL_SCTP, opt, addrs as *const c_void, len as socklen_t) }
}
