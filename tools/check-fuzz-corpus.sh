#!/bin/sh
# make check-fuzz-corpus: the committed corpus (fuzz/corpus/TARGET) through
# each fuzz target (tools/fuzz.sh --list), whose own checks must hold for
# every input. Fuzzing itself is `make fuzz` (tools/fuzz.sh).
set -u
name="fuzz corpus"
. "$(dirname "$0")/lib.sh"
${CARGO:-cargo} build --release --locked --quiet --manifest-path "$top/fuzz/Cargo.toml" ||
	{ not_ok "the fuzz targets do not build"; finish; }
for t in $("$tools/fuzz.sh" --list); do
	check "$t: $(ls "$top/fuzz/corpus/$t" | wc -l) inputs, every check holds" "$top/fuzz/target/release/$t" --seconds 0
done
finish
