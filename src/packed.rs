//! Packed address arrays: sockaddr_in and sockaddr_in6 back to back, each
//! taking exactly its own size, as sctp_bindx, sctp_connectx and sctp_sendv
//! take them and as the kernel returns them from SCTP_GET_*_ADDRS.

use crate::errno::{Result, EINVAL};
use core::mem::size_of;
use libc::{c_int, sa_family_t, sockaddr, sockaddr_in, sockaddr_in6, AF_INET, AF_INET6};

/// Size of one address of `family`, or None if SCTP does not carry it.
pub fn addr_len(family: c_int) -> Option<usize> {
    match family {
        AF_INET => Some(size_of::<sockaddr_in>()),
        AF_INET6 => Some(size_of::<sockaddr_in6>()),
        _ => None,
    }
}

/// One address found by [`walk`]: where it starts and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub offset: usize,
    pub family: c_int,
    pub len: usize,
}

/// Walk `count` packed addresses whose families `family_at(offset)` reads,
/// calling `each` for every entry; returns the array's total length.
///
/// EINVAL for a negative count, an unknown family, or an array whose length
/// would not fit a socket option's int-sized length. The count is checked
/// against that bound before any entry is read, so a huge count never
/// makes us read far past a short array.
pub fn walk(
    count: c_int,
    mut family_at: impl FnMut(usize) -> Option<sa_family_t>,
    mut each: impl FnMut(Entry) -> Result<()>,
) -> Result<usize> {
    let max = c_int::MAX as usize;
    // As unsigned, a negative count is beyond the bound too; one comparison
    // sends both it and an empty array off the common path.
    let count = count as u32 as usize;
    if count.wrapping_sub(1) >= max / size_of::<sockaddr_in>() {
        return if count == 0 { Ok(0) } else { Err(EINVAL) };
    }
    let mut offset = 0usize;
    for _ in 0..count {
        let family = c_int::from(family_at(offset).ok_or(EINVAL)?);
        let len = addr_len(family).ok_or(EINVAL)?;
        each(Entry { offset, family, len })?;
        offset += len;
    }
    // At most 28 bytes an entry and count <= INT_MAX / 16: no overflow on
    // the way, so one check at the end does.
    if offset > max {
        return Err(EINVAL);
    }
    Ok(offset)
}

/// [`walk`] over a C caller's array.
///
/// # Safety
/// `addrs` must point to `count` packed addresses, as the C API requires of
/// its callers; only the family of each entry is read here, and only after
/// the previous entries' families said where it starts.
pub unsafe fn walk_raw(
    addrs: *const sockaddr,
    count: c_int,
    each: impl FnMut(Entry) -> Result<()>,
) -> Result<usize> {
    // SAFETY: per the contract, an entry starts at each offset walked.
    walk(count, |offset| Some(unsafe { family_at(addrs, offset) }), each)
}

/// The family of the entry at `offset` of a caller's array.
///
/// # Safety
/// An entry of the array at `addrs` starts at `offset`.
#[inline(always)]
pub unsafe fn family_at(addrs: *const sockaddr, offset: usize) -> sa_family_t {
    // SAFETY: an entry's first two bytes are sa_family. The array is
    // packed, so the read may be unaligned.
    unsafe { core::ptr::read_unaligned((addrs as *const u8).add(offset) as *const sa_family_t) }
}

/// Total length of a caller's packed array, validating every family.
/// NULL is an empty array: EFAULT with a positive count, as the kernel
/// would say.
///
/// # Safety
/// `addrs` is NULL or points to `count` packed addresses (as for
/// [`walk_raw`]).
pub unsafe fn array_len(addrs: *const sockaddr, count: c_int) -> Result<usize> {
    match crate::cptr::required(addrs) {
        // SAFETY: `addrs` holds `count` packed addresses, per the contract.
        Ok(addrs) => unsafe { walk_raw(addrs, count, |_| Ok(())) },
        Err(efault) => match count {
            0 => Ok(0),
            1.. => Err(efault),
            _ => Err(EINVAL),
        },
    }
}

/// [`walk`] over bytes we hold, bounds-checked: a truncated entry is EINVAL.
pub fn walk_bytes(buf: &[u8], count: c_int, mut each: impl FnMut(Entry) -> Result<()>) -> Result<usize> {
    walk(
        count,
        |offset| {
            let b = buf.get(offset..offset + 2)?;
            Some(sa_family_t::from_ne_bytes([b[0], b[1]]))
        },
        |e| {
            if e.offset + e.len > buf.len() {
                return Err(EINVAL);
            }
            each(e)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4() -> Vec<u8> {
        let mut b = vec![0u8; size_of::<sockaddr_in>()];
        b[..2].copy_from_slice(&(AF_INET as sa_family_t).to_ne_bytes());
        b
    }
    fn v6() -> Vec<u8> {
        let mut b = vec![0u8; size_of::<sockaddr_in6>()];
        b[..2].copy_from_slice(&(AF_INET6 as sa_family_t).to_ne_bytes());
        b
    }

    #[test]
    fn mixed_families_are_walked_by_their_own_size() {
        let buf = [v4(), v6(), v4()].concat();
        let mut seen = vec![];
        let len = walk_bytes(&buf, 3, |e| {
            seen.push(e);
            Ok(())
        });
        assert_eq!(len, Ok(16 + 28 + 16));
        assert_eq!(seen.iter().map(|e| (e.offset, e.len)).collect::<Vec<_>>(), [(0, 16), (16, 28), (44, 16)]);
    }

    #[test]
    fn zero_count_is_empty_and_negative_is_einval() {
        assert_eq!(walk_bytes(&[], 0, |_| Ok(())), Ok(0));
        assert_eq!(walk_bytes(&v4(), -1, |_| Ok(())), Err(EINVAL));
    }

    #[test]
    fn unknown_family_first_or_in_the_middle_is_einval() {
        let mut bad = v4();
        bad[..2].copy_from_slice(&(libc::AF_UNIX as sa_family_t).to_ne_bytes());
        assert_eq!(walk_bytes(&bad, 1, |_| Ok(())), Err(EINVAL));
        let buf = [v6(), bad, v4()].concat();
        let mut n = 0;
        assert_eq!(walk_bytes(&buf, 3, |_| { n += 1; Ok(()) }), Err(EINVAL));
        assert_eq!(n, 1, "entries before the bad one are visited, none after");
    }

    #[test]
    fn count_beyond_int_sized_option_is_rejected_before_reading() {
        let mut reads = 0;
        let r = walk(c_int::MAX / 16 + 1, |_| { reads += 1; Some(AF_INET as sa_family_t) }, |_| Ok(()));
        assert_eq!(r, Err(EINVAL));
        assert_eq!(reads, 0);
    }

    #[test]
    fn running_total_past_int_max_is_einval() {
        // All IPv6: the count passes the all-IPv4 bound, the bytes do not.
        let r = walk(c_int::MAX / 16, |_| Some(AF_INET6 as sa_family_t), |_| Ok(()));
        assert_eq!(r, Err(EINVAL));
    }

    #[test]
    fn truncated_entry_in_bytes_is_einval() {
        let buf = v6();
        assert_eq!(walk_bytes(&buf[..20], 1, |_| Ok(())), Err(EINVAL));
        assert_eq!(walk_bytes(&buf[..1], 1, |_| Ok(())), Err(EINVAL));
    }
}
