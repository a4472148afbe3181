#!/bin/sh
# make fuzz: each fuzz target for a bounded time, then the whole corpus
# replayed under valgrind. Not part of `make check` (which replays the
# corpus: tools/check-fuzz-corpus.sh); see fuzz/README.md.
#
#   tools/fuzz.sh [TARGET...]       default: every [[bin]] of fuzz/Cargo.toml
#   tools/fuzz.sh --list            print those targets
#
#   FUZZ_SECONDS   time per target (default 60)
#   FUZZ_ENGINE    libfuzzer (cargo fuzz, the default when cargo-fuzz is
#                  installed) or plain (the targets' own driver)
#   FUZZ_CMIN=1    minimise each corpus afterwards (cargo fuzz cmin)
#
# cargo fuzz runs with --sanitizer none: that is what works on a stable
# toolchain (sanitizers need nightly's -Z flags); libFuzzer still gets
# coverage feedback. Memory errors are then the valgrind replay's to find:
# the targets hand the library exact-size heap copies, so a read one byte
# past the caller's buffer is an invalid read there. New corpus entries
# land in fuzz/corpus/TARGET; a failing input in fuzz/artifacts/TARGET.
set -eu
here=$(cd "$(dirname "$0")/../fuzz" && pwd)
secs=${FUZZ_SECONDS:-60}
targets() { sed -n '/^\[\[bin\]\]/,/^name/ s/^name = "\(.*\)"/\1/p' "$here/Cargo.toml"; }
if [ "${1:-}" = --list ]; then
	targets
	exit 0
fi
[ $# -gt 0 ] || set -- $(targets)

engine=${FUZZ_ENGINE:-}
if [ -z "$engine" ]; then
	if cargo fuzz --version > /dev/null 2>&1; then
		engine=libfuzzer
	else
		echo "fuzz: cargo-fuzz is not installed (cargo install cargo-fuzz); using the plain driver" >&2
		engine=plain
	fi
fi

rc=0
for t in "$@"; do
	start=$(date +%s)
	case "$engine" in
	libfuzzer)
		cargo fuzz run "$t" --sanitizer none --fuzz-dir "$here" -- \
			-max_total_time="$secs" -rss_limit_mb=2048 -print_final_stats=1 || rc=1
		if [ "${FUZZ_CMIN:-0}" = 1 ]; then
			cargo fuzz cmin "$t" --sanitizer none --fuzz-dir "$here" || rc=1
		fi
		;;
	plain)
		cargo build --release --quiet --manifest-path "$here/Cargo.toml" --bin "$t"
		"$here/target/release/$t" --seconds "$secs" --seed "$(date +%s)" || rc=1
		;;
	*)
		echo "fuzz: FUZZ_ENGINE is libfuzzer or plain" >&2
		exit 2
		;;
	esac
	echo "fuzz: $t: $(( $(date +%s) - start )) s"
done

# The corpus under memcheck, with the plain driver (libFuzzer's binary
# would run the corpus too, but valgrind and its allocator do not mix).
if command -v valgrind > /dev/null; then
	cargo build --release --quiet --manifest-path "$here/Cargo.toml"
	for t in "$@"; do
		valgrind -q --error-exitcode=99 "$here/target/release/$t" --seconds 0 || rc=1
	done
else
	echo "fuzz: valgrind is not installed: corpus not replayed under memcheck" >&2
fi
[ $rc -eq 0 ] && echo "fuzz: no failure" || echo "fuzz: FAILED (see fuzz/artifacts/)"
exit $rc
