//! Fuzz target: see `sctp_fuzz::targets::packed_walk`.
#![cfg_attr(fuzzing, no_main)]

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| sctp_fuzz::targets::packed_walk(data));

#[cfg(not(fuzzing))]
fn main() {
    sctp_fuzz::driver::main("packed_walk", sctp_fuzz::targets::packed_walk, sctp_fuzz::seeds::packed_walk);
}
