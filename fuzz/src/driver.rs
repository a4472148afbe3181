//! The targets' own driver when they are built without libFuzzer (no
//! `--cfg fuzzing`): replay a corpus, then mutate it at random for a
//! bounded time. Coverage-blind, but it needs nothing beyond a stable
//! toolchain, and the same binaries replay the corpus under valgrind.
//!
//! ```text
//! TARGET [--seconds N] [--runs N] [--seed N] [PATH...]
//! TARGET --write-seeds DIR
//! ```
//! PATHs are corpus files or directories (default: fuzz/corpus/TARGET).
//! `--seconds 0` only replays. A failing input is saved as
//! fuzz/artifacts/TARGET/crash-HASH (as cargo fuzz names them) and the
//! program exits non-zero; replay it with `TARGET that-file`.

use std::cell::RefCell;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

thread_local! {
    static CURRENT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

fn hash(data: &[u8]) -> String {
    let mut h = DefaultHasher::new();
    data.hash(&mut h);
    format!("{:016x}", h.finish())
}

/// xorshift64*: reproducible from --seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const INTERESTING: &[&[u8]] = &[
    &[0],
    &[0xff],
    &[0x7f],
    &[0x80],
    &[2, 0],           // AF_INET
    &[10, 0],          // AF_INET6
    &[1, 0],           // AF_UNIX
    &[16, 0, 0, 0],    // a cmsg_len / sizeof(sockaddr_in)
    &[28, 0, 0, 0],    // sizeof(sockaddr_in6)
    &[132, 0, 0, 0],   // IPPROTO_SCTP
    &[0xff, 0xff, 0xff, 0x7f],
    &[0, 0, 0, 0x80],
    &[0x00, 0x00, 0x00, 0x08], // 134217728 = INT_MAX/16 + 1, little-endian
    &[0xff, 0xff, 0xff, 0xff],
];

fn mutate(rng: &mut Rng, corpus: &[Vec<u8>], max_len: usize) -> Vec<u8> {
    let mut d = if corpus.is_empty() || rng.below(16) == 0 {
        (0..rng.below(64)).map(|_| rng.next() as u8).collect()
    } else {
        corpus[rng.below(corpus.len())].clone()
    };
    for _ in 0..1 + rng.below(6) {
        match rng.below(8) {
            0 if !d.is_empty() => {
                let i = rng.below(d.len());
                d[i] ^= 1 << rng.below(8);
            }
            1 if !d.is_empty() => {
                let i = rng.below(d.len());
                d[i] = rng.next() as u8;
            }
            2 => {
                let v = INTERESTING[rng.below(INTERESTING.len())];
                let i = rng.below(d.len() + 1);
                for (k, b) in v.iter().enumerate() {
                    if i + k < d.len() {
                        d[i + k] = *b;
                    } else {
                        d.push(*b);
                    }
                }
            }
            3 => {
                let i = rng.below(d.len() + 1);
                let n = 1 + rng.below(16);
                for _ in 0..n {
                    d.insert(i, rng.next() as u8);
                }
            }
            4 if !d.is_empty() => {
                let i = rng.below(d.len());
                let n = 1 + rng.below((d.len() - i).min(32));
                d.drain(i..i + n);
            }
            5 if !d.is_empty() => {
                let i = rng.below(d.len());
                let n = 1 + rng.below((d.len() - i).min(32));
                let chunk: Vec<u8> = d[i..i + n].to_vec();
                let at = rng.below(d.len() + 1);
                d.splice(at..at, chunk);
            }
            6 if !corpus.is_empty() => {
                let other = &corpus[rng.below(corpus.len())];
                let cut = rng.below(d.len() + 1);
                let from = rng.below(other.len() + 1);
                d.truncate(cut);
                d.extend_from_slice(&other[from..]);
            }
            _ => d.truncate(rng.below(d.len() + 1)),
        }
    }
    d.truncate(max_len);
    d
}

fn read_corpus(paths: &[PathBuf]) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            entries.sort();
            for e in entries {
                if e.is_file() {
                    if let Ok(d) = std::fs::read(&e) {
                        out.push((e, d));
                    }
                }
            }
        } else if let Ok(d) = std::fs::read(p) {
            out.push((p.clone(), d));
        } else {
            eprintln!("cannot read {}", p.display());
            std::process::exit(2);
        }
    }
    out
}

/// Run the target on one input, remembering it for the panic hook.
fn run_one(target: fn(&[u8]), data: &[u8]) {
    CURRENT.with(|c| {
        let mut c = c.borrow_mut();
        c.clear();
        c.extend_from_slice(data);
    });
    target(data);
}

pub fn main(name: &'static str, target: fn(&[u8]), seeds: fn() -> Vec<Vec<u8>>) {
    let mut args = std::env::args().skip(1);
    let mut seconds = 10u64;
    let mut runs = u64::MAX;
    let mut seed = 0x5c7d_2026u64;
    let mut paths = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seconds" => seconds = args.next().and_then(|v| v.parse().ok()).expect("--seconds N"),
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).expect("--runs N"),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed N"),
            "--write-seeds" => {
                let dir = PathBuf::from(args.next().expect("--write-seeds DIR"));
                std::fs::create_dir_all(&dir).expect("create the seed directory");
                for s in seeds() {
                    std::fs::write(dir.join(format!("seed-{}", hash(&s))), &s).expect("write a seed");
                }
                return;
            }
            _ => paths.push(PathBuf::from(a)),
        }
    }
    let fuzz_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    if paths.is_empty() {
        paths.push(fuzz_dir.join("corpus").join(name));
    }
    let artifacts = fuzz_dir.join("artifacts").join(name);

    // A failing check panics, possibly inside an extern "C" function of
    // the library, where the panic cannot unwind and aborts: save the
    // input from the hook, which runs first.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let data = CURRENT.with(|c| c.borrow().clone());
        let _ = std::fs::create_dir_all(&artifacts);
        let path = artifacts.join(format!("crash-{}", hash(&data)));
        let _ = std::fs::write(&path, &data);
        default_hook(info);
        eprintln!("{name}: failing input ({} bytes) saved as {}", data.len(), path.display());
        eprintln!("{name}: input {data:02x?}");
        std::process::abort();
    }));

    let corpus: Vec<Vec<u8>> = read_corpus(&paths).into_iter().map(|(_, d)| d).collect();
    let start = Instant::now();
    for d in &corpus {
        run_one(target, d);
    }
    let replayed = corpus.len();
    let mut rng = Rng(seed | 1);
    let max_len = corpus.iter().map(|d| d.len()).max().unwrap_or(0).max(256) * 2;
    let deadline = start + Duration::from_secs(seconds);
    let mut n = 0u64;
    while n < runs && seconds > 0 && Instant::now() < deadline {
        for _ in 0..256 {
            let d = mutate(&mut rng, &corpus, max_len);
            run_one(target, &d);
            n += 1;
        }
    }
    eprintln!(
        "{name}: {replayed} corpus inputs and {n} mutated inputs in {:.1} s, every check held",
        start.elapsed().as_secs_f64()
    );
}
