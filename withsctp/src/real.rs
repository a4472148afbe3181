//! The real socket calls, the next definitions after ours (libc's, or
//! another preload's): dlsym(RTLD_NEXT) once each, in the library's
//! constructor, so that a wrapper only loads an atomic and calls through
//! it (async-signal-safe, as the call it wraps). A call made before the
//! constructor ran (another library's constructor) resolves its symbol
//! then.

use core::ffi::CStr;
use core::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use libc::{addrinfo, c_char, c_int, c_void, sockaddr, socklen_t};

struct Sym {
    name: &'static CStr,
    addr: AtomicUsize,
}

impl Sym {
    const fn new(name: &'static CStr) -> Sym {
        Sym { name, addr: AtomicUsize::new(0) }
    }

    /// The real function's address, or 0 if there is none (then the call
    /// fails with ENOSYS).
    fn get(&self) -> usize {
        match self.addr.load(Relaxed) {
            0 => self.resolve(),
            a => a,
        }
    }

    fn resolve(&self) -> usize {
        let e = crate::errno_get();
        // SAFETY: dlsym takes a NUL-terminated name (a CStr) and
        // RTLD_NEXT; it reads nothing else and returns an address or NULL.
        let a = unsafe { libc::dlsym(libc::RTLD_NEXT, self.name.as_ptr()) } as usize;
        crate::errno_set(e);
        self.addr.store(a, Relaxed);
        a
    }
}

static SOCKET: Sym = Sym::new(c"socket");
static SETSOCKOPT: Sym = Sym::new(c"setsockopt");
static GETSOCKOPT: Sym = Sym::new(c"getsockopt");
static SHUTDOWN: Sym = Sym::new(c"shutdown");
static BIND: Sym = Sym::new(c"bind");
static CONNECT: Sym = Sym::new(c"connect");
static GETADDRINFO: Sym = Sym::new(c"getaddrinfo");

pub fn resolve_all() {
    for s in [&SOCKET, &SETSOCKOPT, &GETSOCKOPT, &SHUTDOWN, &BIND, &CONNECT, &GETADDRINFO] {
        s.resolve();
    }
}

fn enosys() -> c_int {
    crate::errno_set(libc::ENOSYS);
    -1
}

/// A wrapper `fn $name($arg: $ty, ...) -> c_int` that calls the real
/// function found for `$sym` and is `$none` where there is none. `unsafe
/// fn` for the calls that take pointers: their `# Safety` is the C
/// function's own.
macro_rules! real {
    ($(#[$doc:meta])* unsafe fn $name:ident($($arg:ident: $ty:ty),*) = $sym:ident or $none:expr) => {
        $(#[$doc])*
        pub unsafe fn $name($($arg: $ty),*) -> c_int {
            // SAFETY: `$sym`'s address is what dlsym found for this
            // function's name, called as its C type; the caller's promises
            // (# Safety above) are the function's.
            unsafe { real!(@call $sym, $none, $($arg: $ty),*) }
        }
    };
    (fn $name:ident($($arg:ident: $ty:ty),*) = $sym:ident) => {
        pub fn $name($($arg: $ty),*) -> c_int {
            // SAFETY: as above; this function takes no pointers, so any
            // arguments are sound to pass.
            unsafe { real!(@call $sym, enosys(), $($arg: $ty),*) }
        }
    };
    (@call $sym:ident, $none:expr, $($arg:ident: $ty:ty),*) => {
        match $sym.get() {
            0 => $none,
            a => core::mem::transmute::<usize, unsafe extern "C" fn($($ty),*) -> c_int>(a)($($arg),*),
        }
    };
}

real!(fn socket(domain: c_int, ty: c_int, protocol: c_int) = SOCKET);
real!(fn shutdown(fd: c_int, how: c_int) = SHUTDOWN);
real!(
    /// # Safety
    /// As setsockopt(2): `val` points to `len` readable bytes.
    unsafe fn setsockopt(fd: c_int, level: c_int, name: c_int, val: *const c_void, len: socklen_t) = SETSOCKOPT or enosys()
);
real!(
    /// # Safety
    /// As getsockopt(2): `len` points to a socklen_t, `val` to that many
    /// writable bytes.
    unsafe fn getsockopt(fd: c_int, level: c_int, name: c_int, val: *mut c_void, len: *mut socklen_t) = GETSOCKOPT or enosys()
);
real!(
    /// # Safety
    /// As bind(2): `addr` points to `len` readable bytes.
    unsafe fn bind(fd: c_int, addr: *const sockaddr, len: socklen_t) = BIND or enosys()
);
real!(
    /// # Safety
    /// As connect(2): `addr` points to `len` readable bytes.
    unsafe fn connect(fd: c_int, addr: *const sockaddr, len: socklen_t) = CONNECT or enosys()
);
real!(
    /// # Safety
    /// As getaddrinfo(3): `node` and `service` NULL or NUL-terminated,
    /// `hints` NULL or an addrinfo, `res` writable. It reports through its
    /// result, not errno: EAI_SYSTEM (errno ENOSYS) where there is none.
    unsafe fn getaddrinfo(node: *const c_char, service: *const c_char, hints: *const addrinfo, res: *mut *mut addrinfo)
        = GETADDRINFO or {
            crate::errno_set(libc::ENOSYS);
            libc::EAI_SYSTEM
        }
);

/// An int option, read with the real getsockopt.
pub fn get_int(fd: c_int, level: c_int, name: c_int) -> Option<c_int> {
    let mut v: c_int = 0;
    let mut len = core::mem::size_of::<c_int>() as socklen_t;
    // SAFETY: `v` and `len` are ours, `len` says v's size.
    let r = unsafe { getsockopt(fd, level, name, (&mut v as *mut c_int).cast(), &mut len) };
    (r == 0).then_some(v)
}

/// A struct option `T` (a plain kernel struct, any bytes valid) in and
/// out: the real getsockopt, with `v` as its buffer.
pub fn get_struct<T: Copy>(fd: c_int, level: c_int, name: c_int, v: &mut T) -> c_int {
    let mut len = core::mem::size_of::<T>() as socklen_t;
    // SAFETY: `v` is a T we own, and `len` its size.
    unsafe { getsockopt(fd, level, name, (v as *mut T).cast(), &mut len) }
}

/// A struct option `T` set with the real setsockopt.
pub fn set_struct<T: Copy>(fd: c_int, level: c_int, name: c_int, v: &T) -> c_int {
    // SAFETY: `v` is a T we own, passed with its size.
    unsafe { setsockopt(fd, level, name, (v as *const T).cast(), core::mem::size_of::<T>() as socklen_t) }
}
