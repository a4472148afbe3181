//! `make bench`'s safe-API side (bench/measure.sh): the calls of
//! [`Socket::send`] and [`Socket::recv`] in loops of their own, measured
//! as bench/harness.c measures the C functions.
//!
//! ```sh
//! cargo build --release -p sctp-socket --example bench_calls
//! valgrind --tool=callgrind --toggle-collect='loop_*' target/release/examples/bench_calls instr
//! LD_PRELOAD=target/bench/count.so target/release/examples/bench_calls allocs
//! ```
//!
//! - `instr`: each loop (`loop_safe_send`, `loop_safe_recv`, and
//!   `loop_safe_recv_info` and `loop_safe_recv_from`, which also decode and
//!   keep the receive information or the sender's address; unmangled so
//!   that callgrind can be told to collect inside them only) runs 8 batches
//!   of 32 calls, after a warm-up call of each outside them; prints "phase
//!   NAME LOOP CALLS" for each. Nothing is collected outside the loops, so
//!   the one dump at exit holds each loop's inclusive cost alone.
//! - `allocs`: the same, with bench/count.c preloaded: prints "allocs NAME
//!   CALLS MALLOCS CALLOCS REALLOCS" around each, as the harness does.
//!
//! The traffic the loops do not measure (the peer's receives and sends)
//! is raw recv(2)/send(2), outside the loops. The sockets are one-to-one
//! (SctpListener/SctpStream), so that `SendInfo::new().stream(1).ppid(5)`
//! needs no association id; the user-space work of a send or a receive is
//! the same on either style.

use sctp_socket::{Recv, SctpListener, SctpStream, SendInfo, Socket};
use std::net::SocketAddr;
use std::os::fd::AsRawFd;
use std::process::exit;

const BATCH: usize = 32;
const BATCHES: usize = 8;
const SIZE: usize = 64;

static PAYLOAD: [u8; SIZE] = [b'x'; SIZE];

fn die(what: &str) -> ! {
    eprintln!("bench_calls: {what}: {}", std::io::Error::last_os_error());
    exit(2)
}

#[no_mangle]
#[inline(never)]
pub extern "C" fn loop_safe_send(sock: &Socket, info: &SendInfo, n: usize) {
    for _ in 0..n {
        match sock.send(&PAYLOAD, info) {
            Ok(SIZE) => {}
            _ => die("Socket::send"),
        }
    }
}

/// A receive loop named `$name`: each message's receive information must
/// be there, and `$keep` is what the loop does with the message `$m`.
macro_rules! recv_loop {
    ($(#[$doc:meta])* $name:ident, |$m:ident| $keep:expr) => {
        $(#[$doc])*
        #[no_mangle]
        #[inline(never)]
        pub extern "C" fn $name(sock: &Socket, buf: &mut [u8; 65536], n: usize) {
            for _ in 0..n {
                match sock.recv(buf) {
                    Ok(Recv::Data($m)) if $m.info().is_some() => {
                        $keep;
                    }
                    _ => die("Socket::recv"),
                }
            }
        }
    };
}

recv_loop!(loop_safe_recv, |m| ());
recv_loop!(
    /// With the receive information decoded and kept (`black_box`): what
    /// a caller that reads it pays on top.
    loop_safe_recv_info, |m| std::hint::black_box(m.info())
);
recv_loop!(
    /// With the sender's address decoded and kept.
    loop_safe_recv_from, |m| std::hint::black_box(m.from())
);

fn raw_send(fd: i32) {
    // SAFETY: PAYLOAD is SIZE readable bytes.
    if unsafe { libc::send(fd, PAYLOAD.as_ptr() as *const libc::c_void, SIZE, 0) } != SIZE as isize {
        die("raw send");
    }
}

fn raw_recv(fd: i32, buf: &mut [u8]) {
    // SAFETY: buf is writable for its length.
    if unsafe { libc::recv(fd, buf.as_mut_ptr() as *mut libc::c_void, buf.len(), 0) } < 0 {
        die("raw recv");
    }
}

/// bench/count.c's counters, when it is preloaded.
fn counts() -> Option<&'static [u64; 4]> {
    // SAFETY: a C string; the symbol, when present, is count.c's array.
    let p = unsafe { libc::dlsym(libc::RTLD_DEFAULT, c"bench_counts".as_ptr()) };
    // SAFETY: count.c's unsigned long[4], alive for the process.
    (!p.is_null()).then(|| unsafe { &*(p as *const [u64; 4]) })
}

fn allocs_now(c: Option<&'static [u64; 4]>) -> [u64; 3] {
    // Volatile reads: the counters change behind the compiler's back.
    c.map(|c| {
        // SAFETY: references to count.c's live, aligned counters.
        unsafe { [std::ptr::read_volatile(&c[0]), std::ptr::read_volatile(&c[1]), std::ptr::read_volatile(&c[2])] }
    })
    .unwrap_or([0; 3])
}

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let alloc_mode = match mode.as_str() {
        "instr" => false,
        "allocs" => true,
        _ => {
            eprintln!("usage: bench_calls instr | allocs");
            exit(2)
        }
    };
    let c = counts();
    if alloc_mode && c.is_none() {
        eprintln!("bench_calls: allocs needs LD_PRELOAD=count.so");
        exit(2)
    }
    let l = SctpListener::bind("127.0.0.1:0".parse::<SocketAddr>().unwrap()).unwrap_or_else(|_| die("bind"));
    let addr = l.local_addr().unwrap_or_else(|_| die("local_addr"));
    let client = SctpStream::connect(addr).unwrap_or_else(|_| die("connect"));
    let (server, _) = l.accept().unwrap_or_else(|_| die("accept"));
    client.set_nodelay(true).unwrap_or_else(|_| die("nodelay"));
    server.set_nodelay(true).unwrap_or_else(|_| die("nodelay"));
    let info = SendInfo::new().stream(1).ppid(5);
    let mut buf = Box::new([0u8; 65536]);
    let mut scratch = vec![0u8; 65536];

    // Warm-up, outside the loops.
    warm_up(&client, &server, &info, &mut buf);

    let phase = |name: &str, f: &str, before: [u64; 3]| {
        if alloc_mode {
            let a = allocs_now(c);
            println!("allocs {name} {} {} {} {}", BATCH * BATCHES, a[0] - before[0], a[1] - before[1], a[2] - before[2]);
        } else {
            println!("phase {name} {f} {}", BATCH * BATCHES);
        }
    };

    let before = allocs_now(c);
    for _ in 0..BATCHES {
        loop_safe_send(&client, &info, BATCH);
        for _ in 0..BATCH {
            raw_recv(server.as_raw_fd(), &mut scratch);
        }
    }
    phase("safe_send", "loop_safe_send", before);

    let recv_loops: [(&str, &str, extern "C" fn(&Socket, &mut [u8; 65536], usize)); 3] = [
        ("safe_recv", "loop_safe_recv", loop_safe_recv),
        ("safe_recv_info", "loop_safe_recv_info", loop_safe_recv_info),
        ("safe_recv_from", "loop_safe_recv_from", loop_safe_recv_from),
    ];
    for (name, f, recv_loop) in recv_loops {
        let before = allocs_now(c);
        for _ in 0..BATCHES {
            for _ in 0..BATCH {
                raw_send(client.as_raw_fd());
            }
            recv_loop(&server, &mut buf, BATCH);
        }
        phase(name, f, before);
    }
}

/// The first send and receive, outside the loops (not a `loop_*` name).
fn warm_up(client: &Socket, server: &Socket, info: &SendInfo, buf: &mut [u8; 65536]) {
    if client.send(&PAYLOAD, info).ok() != Some(SIZE) {
        die("warm-up send");
    }
    match server.recv(buf) {
        Ok(Recv::Data(m)) if m.info().is_some() => {}
        _ => die("warm-up recv"),
    }
}
