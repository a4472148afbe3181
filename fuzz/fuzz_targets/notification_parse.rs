//! Fuzz target: see `sctp_fuzz::targets::notification_parse`.
#![cfg_attr(fuzzing, no_main)]

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| sctp_fuzz::targets::notification_parse(data));

#[cfg(not(fuzzing))]
fn main() {
    sctp_fuzz::driver::main("notification_parse", sctp_fuzz::targets::notification_parse, sctp_fuzz::seeds::notification_parse);
}
