//! Fuzz target: see `sctp_fuzz::targets::cmsg_build`.
#![cfg_attr(fuzzing, no_main)]

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| sctp_fuzz::targets::cmsg_build(data));

#[cfg(not(fuzzing))]
fn main() {
    sctp_fuzz::driver::main("cmsg_build", sctp_fuzz::targets::cmsg_build, sctp_fuzz::seeds::cmsg_build);
}
