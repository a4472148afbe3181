//! sctp_bindx(3): add or remove local addresses of an SCTP socket.

use crate::errno::{self, check, Result, EINVAL};
use crate::packed;
use crate::uapi::*;
use libc::{c_int, c_void, sockaddr, socklen_t};

/// Bind (SCTP_BINDX_ADD_ADDR) or unbind (SCTP_BINDX_REM_ADDR) the `addrcnt`
/// packed addresses at `addrs`. Any other flags, or an unknown address
/// family, is EINVAL.
/// `addrs` points to `addrcnt` packed sockaddr_in/sockaddr_in6 (or is NULL).
#[no_mangle]
pub unsafe extern "C" fn sctp_bindx(sd: c_int, addrs: *mut sockaddr, addrcnt: c_int, flags: c_int) -> c_int {
    // SAFETY: the caller's contract on `addrs` is passed on.
    errno::to_c(unsafe { bindx(sd, addrs, addrcnt, flags) })
}

unsafe fn bindx(sd: c_int, addrs: *const sockaddr, addrcnt: c_int, flags: c_int) -> Result<c_int> {
    let opt = match flags {
        SCTP_BINDX_ADD_ADDR => SCTP_SOCKOPT_BINDX_ADD,
        SCTP_BINDX_REM_ADDR => SCTP_SOCKOPT_BINDX_REM,
        _ => return Err(EINVAL),
    };
    // SAFETY: as above.
    let len = unsafe { packed::array_len(addrs, addrcnt)? };
    // SAFETY: `addrs` holds `len` bytes, just walked.
    check(unsafe { libc::setsockopt(sd, SOL_SCTP, opt, addrs as *const c_void, len as socklen_t) })
}
