//! withsctp PROGRAM [ARG...]: run PROGRAM with libwithsctp.so.1 preloaded
//! (man/withsctp.1), after checking that the kernel has SCTP, which is
//! what the library turns the program's TCP into.
//!
//! The library is looked for relative to this binary first (the install's
//! own layout, so a DESTDIR-staged or moved tree uses its own copy), then
//! at the LIBDIR it was built for. The Makefile passes both at build time:
//! WITHSCTP_RELLIB (the path from the binary's folder) and WITHSCTP_LIB.
use std::ffi::OsString;
use std::net::IpAddr;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{exit, Command};

const LIB: &str = "libwithsctp.so.1";

fn library() -> Option<PathBuf> {
    let rel = option_env!("WITHSCTP_RELLIB").unwrap_or("../lib");
    let abs = option_env!("WITHSCTP_LIB").unwrap_or("/usr/local/lib/libwithsctp.so.1");
    let mut tried = Vec::new();
    if let Some(dir) = std::env::current_exe().ok().and_then(|p| p.parent().map(PathBuf::from)) {
        tried.push(dir.join(rel).join(LIB));
    }
    tried.push(PathBuf::from(abs));
    let found = tried.iter().find(|p| p.is_file()).cloned();
    if found.is_none() {
        let t: Vec<_> = tried.iter().map(|p| p.display().to_string()).collect();
        eprintln!("withsctp: {LIB} not found (looked for {})", t.join(", "));
    }
    found
}

/// The kernel's answer to the socket the library will make.
fn kernel_has_sctp() -> Result<(), std::io::Error> {
    // SAFETY: socket takes no pointers; the descriptor is closed below.
    let fd = unsafe { libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, libc::IPPROTO_SCTP) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: fd is ours, open, and used by nothing else.
    unsafe { libc::close(fd) };
    Ok(())
}

fn usage() -> ! {
    eprintln!("usage: withsctp PROGRAM [ARG...]   (man withsctp)");
    exit(2)
}

fn main() {
    let mut args = std::env::args_os().skip(1).peekable();
    match args.peek().and_then(|a| a.to_str()) {
        None => usage(),
        Some("-h" | "--help") => usage(),
        Some("--") => {
            args.next();
        }
        _ => {}
    }
    let Some(program) = args.next() else { usage() };
    if let Some(v) = std::env::var_os("WITHSCTP_BIND_ADDRS") {
        // The library's own parser takes the same list (extra.rs); it
        // cannot report, so a list it would drop is refused here.
        let v = v.to_string_lossy().into_owned();
        let words: Vec<&str> = v.split([',', ' ', '\t']).filter(|w| !w.is_empty()).collect();
        if let Some(bad) = words.iter().find(|w| w.parse::<IpAddr>().is_err()) {
            eprintln!("withsctp: WITHSCTP_BIND_ADDRS: '{bad}' is not an IPv4 or IPv6 address");
            exit(2);
        }
        if words.len() > 16 {
            eprintln!("withsctp: WITHSCTP_BIND_ADDRS: {} addresses, at most 16", words.len());
            exit(2);
        }
    }
    if let Some(v) = std::env::var_os("WITHSCTP_SHUT_WR") {
        if v != "ignore" && v != "shutdown" {
            eprintln!("withsctp: WITHSCTP_SHUT_WR: '{}': 'ignore' (the default) or 'shutdown'", v.to_string_lossy());
            exit(2);
        }
    }
    if let Some(v) = std::env::var_os("WITHSCTP_CONNECT_ALL") {
        if v != "0" && v != "1" {
            eprintln!("withsctp: WITHSCTP_CONNECT_ALL: '{}': '0' (the default) or '1'", v.to_string_lossy());
            exit(2);
        }
    }
    if let Err(e) = kernel_has_sctp() {
        eprintln!("withsctp: this kernel has no SCTP: socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP): {e}");
        eprintln!("withsctp: load it with 'modprobe sctp' (as root), or build a kernel with CONFIG_IP_SCTP");
        exit(1);
    }
    let Some(lib) = library() else { exit(1) };
    let mut preload = OsString::from(lib);
    if let Some(old) = std::env::var_os("LD_PRELOAD").filter(|o| !o.is_empty()) {
        preload.push(" ");
        preload.push(old);
    }
    let err = Command::new(&program).args(args).env("LD_PRELOAD", preload).exec();
    eprintln!("withsctp: {}: {err}", program.to_string_lossy());
    exit(if err.kind() == std::io::ErrorKind::NotFound { 127 } else { 126 });
}
