//! sctp_bindx(3): add or remove local addresses of an SCTP socket.

use crate::errno::{self, Result, ResultExt, EINVAL};
use crate::packed;
use crate::uapi::*;
use libc::{c_int, c_void, sockaddr, socklen_t};

/// The most one setsockopt is given. Since 5.9 Linux reads at most
/// PAGE_ALIGN(65,551) bytes of an SCTP socket option and silently drops the
/// rest, so one call with a longer list (4,353 IPv4 addresses and up) would
/// bind only the addresses in that first part and return 0, as lksctp's
/// does. 64 KiB is under that limit whatever the page size.
const MAX_OPTLEN: usize = 64 * 1024;

/// Bind (SCTP_BINDX_ADD_ADDR) or unbind (SCTP_BINDX_REM_ADDR) the `addrcnt`
/// packed addresses at `addrs`. Any other flags, or an unknown address
/// family, is EINVAL. A list longer than the kernel takes at once goes in
/// parts, all or nothing: when a part fails, the parts before it are undone
/// and its error returned.
/// `addrs` points to `addrcnt` packed sockaddr_in/sockaddr_in6 (or is NULL).
#[no_mangle]
pub unsafe extern "C" fn sctp_bindx(sd: c_int, addrs: *mut sockaddr, addrcnt: c_int, flags: c_int) -> c_int {
    // SAFETY: bindx needs `addrs` NULL or holding `addrcnt` packed
    // addresses, which the caller promises.
    unsafe { bindx(sd, addrs, addrcnt, flags) }.or_minus_one_errno()
}

/// sctp_bindx.
///
/// # Safety
/// `addrs` points to `addrcnt` packed addresses (or is NULL).
#[inline(always)]
unsafe fn bindx(sd: c_int, addrs: *mut sockaddr, addrcnt: c_int, flags: c_int) -> Result<c_int> {
    let opt = match flags {
        SCTP_BINDX_ADD_ADDR => SCTP_SOCKOPT_BINDX_ADD,
        SCTP_BINDX_REM_ADDR => SCTP_SOCKOPT_BINDX_REM,
        _ => return Err(EINVAL),
    };
    // SAFETY: `addrs` is NULL or holds `addrcnt` packed addresses, per the
    // contract, as array_len needs.
    let len = unsafe { packed::array_len(addrs, addrcnt)? };
    if len > MAX_OPTLEN {
        // SAFETY: `addrs` holds `addrcnt` valid packed addresses: array_len
        // has just walked them without error.
        return errno::pass_through(unsafe { bindx_in_parts(sd, addrs, addrcnt, opt) });
    }
    // SAFETY: `addrs` holds the `len` bytes array_len has just walked, and
    // len <= MAX_OPTLEN fits a socklen_t.
    errno::pass_through(unsafe { libc::setsockopt(sd, SOL_SCTP, opt, addrs as *const c_void, len as socklen_t) })
}

/// Apply `opt` to the array part by part; if a part fails (the kernel has
/// undone that part itself), apply the opposite option to the parts before
/// it, best effort, and fail with the first failure's errno.
/// C-shaped (0, or -1 with errno set), as setsockopt is: sctp_bindx passes
/// its answer through, and its common path keeps no branches for this one.
///
/// # Safety
/// `addrs` holds `count` packed addresses, already walked without error.
#[cold]
#[inline(never)]
unsafe fn bindx_in_parts(sd: c_int, addrs: *mut sockaddr, count: c_int, opt: c_int) -> c_int {
    let undo = if opt == SCTP_SOCKOPT_BINDX_ADD { SCTP_SOCKOPT_BINDX_REM } else { SCTP_SOCKOPT_BINDX_ADD };
    let mut done = 0; // addresses in the parts that succeeded
    let apply = |part, n, len| {
        // SAFETY: for_each_part hands out `len` bytes of the array at
        // `part`, readable per the contract.
        unsafe { bind_part(sd, opt, part, len) }.map(|()| done += n)
    };
    // SAFETY: `addrs` holds `count` packed addresses, per the contract.
    let Err(e) = (unsafe { for_each_part(addrs, count, apply) }) else {
        return 0;
    };
    // The parts before the failed one, cut the same way again.
    let revert = |part, _, len| {
        // SAFETY: for_each_part hands out `len` bytes of the array's first
        // `done` addresses at `part`, readable per the contract.
        unsafe { bind_part(sd, undo, part, len) }
    };
    // SAFETY: the first `done` (< `count`) addresses of the array are
    // themselves a packed array at `addrs`.
    let _ = unsafe { for_each_part(addrs, done, revert) };
    Err(e).or_minus_one_errno()
}

/// Call `f(part, addresses, bytes)` on consecutive parts of the `count`
/// packed addresses at `addrs`, each whole addresses and at most
/// MAX_OPTLEN bytes, stopping at the first error.
///
/// # Safety
/// `addrs` holds `count` packed addresses (as for [`packed::walk_raw`]).
unsafe fn for_each_part(
    addrs: *mut sockaddr,
    count: c_int,
    mut f: impl FnMut(*mut sockaddr, c_int, usize) -> Result<()>,
) -> Result<()> {
    // Where the current part begins, and its addresses so far.
    let (mut start, mut n) = (0, 0);
    let mut flush = |from: usize, addresses: c_int, to: usize| {
        // SAFETY: `from` is an entry's offset inside the array, so the
        // pointer stays in it.
        f(unsafe { (addrs as *mut u8).add(from) } as *mut sockaddr, addresses, to - from)
    };
    // SAFETY: `addrs` holds `count` packed addresses, per the contract, as
    // walk_raw needs.
    let end = unsafe {
        packed::walk_raw(addrs, count, |e| {
            if e.offset + e.len - start > MAX_OPTLEN {
                flush(start, n, e.offset)?;
                (start, n) = (e.offset, 0);
            }
            n += 1;
            Ok(())
        })?
    };
    if n > 0 {
        flush(start, n, end)?;
    }
    Ok(())
}

/// One setsockopt of `len` bytes at `part`, its failure as an Errno.
///
/// # Safety
/// `part` holds `len` readable bytes.
unsafe fn bind_part(sd: c_int, opt: c_int, part: *mut sockaddr, len: usize) -> Result<()> {
    // SAFETY: `part` holds `len` readable bytes, per the contract; len <=
    // MAX_OPTLEN fits a socklen_t.
    errno::check(unsafe { libc::setsockopt(sd, SOL_SCTP, opt, part as *const c_void, len as socklen_t) }).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::mem::size_of;
    use libc::{sockaddr_in, sockaddr_in6, AF_INET, AF_INET6};

    /// The parts for_each_part cuts a list of families into, as
    /// (first address, addresses, bytes).
    fn parts(families: &[c_int]) -> Vec<(usize, c_int, usize)> {
        let mut buf = Vec::new();
        for &f in families {
            let mut entry = vec![0u8; packed::addr_len(f).unwrap()];
            entry[..2].copy_from_slice(&(f as libc::sa_family_t).to_ne_bytes());
            buf.extend(entry);
        }
        let base = buf.as_mut_ptr() as *mut sockaddr;
        let mut got = vec![];
        let mut first = 0usize;
        // SAFETY: `buf` holds the packed addresses just built.
        let r = unsafe {
            for_each_part(base, families.len() as c_int, |_, n, len| {
                got.push((first, n, len));
                first += n as usize;
                Ok(())
            })
        };
        assert_eq!(r, Ok(()));
        got
    }

    #[test]
    fn a_list_that_fits_is_one_part() {
        assert_eq!(parts(&[AF_INET; 4096]), [(0, 4096, 65536)]);
        assert_eq!(parts(&[]), []);
    }

    #[test]
    fn a_longer_list_is_cut_between_whole_addresses() {
        let v4 = size_of::<sockaddr_in>();
        let v6 = size_of::<sockaddr_in6>();
        assert_eq!(parts(&[AF_INET; 10_000]), [(0, 4096, 4096 * v4), (4096, 4096, 4096 * v4), (8192, 1808, 1808 * v4)]);
        // 2,340 IPv6 addresses are 65,520 bytes; the next would pass 64 KiB.
        let per = MAX_OPTLEN / v6;
        let rest = 5000 - 2 * per;
        assert_eq!(
            parts(&[AF_INET6; 5000]),
            [(0, per as c_int, per * v6), (per, per as c_int, per * v6), (2 * per, rest as c_int, rest * v6)]
        );
        let mixed: Vec<c_int> = (0..6000).map(|i| if i % 3 == 0 { AF_INET6 } else { AF_INET }).collect();
        let got = parts(&mixed);
        assert!(got.iter().all(|&(_, _, len)| len <= MAX_OPTLEN));
        assert_eq!(got.iter().map(|&(_, n, _)| n).sum::<c_int>(), 6000);
        assert_eq!(got.iter().map(|&(_, _, len)| len).sum::<usize>(), 2000 * v6 + 4000 * v4);
    }
}
