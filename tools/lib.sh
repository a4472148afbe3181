# Sourced by every script in tools/: the one way a check prints, counts
# and waits. A script sets $name (the prefix of its lines), sources this,
# and ends with `finish`.
#
#   ok TEXT, not_ok TEXT    print "ok - NAME: TEXT" / "not ok - NAME: TEXT"
#   check TEXT CMD...       ok or not_ok by CMD's exit status; CMD's output
#                           (its last 20 lines, as "#   " lines) on failure
#   say LINE...             print lines as they are and count them (the
#                           ok/not ok lines of another tool); say - reads stdin
#   note TEXT               print "# TEXT"
#   finish [NOTE]           print "# NOTE" and "# NAME: N passed, N failed (S s)";
#                           exit 0 when nothing failed and something passed
#   count FILE              print "PASSED FAILED" for the ok/not ok lines of
#                           FILE and cargo's "test result:" lines in it
#
#   fresh_dir DIR           empty DIR (making it if need be), print its absolute path
#   need_lksctp             lksctp's header and library (Debian's libsctp-dev) in
#                           $lk_inc and $lk_lib (LKSCTP_INCLUDE, LKSCTP_LIBDIR), or
#                           a not_ok and finish
#
#   cargo_test PLATFORM CC LOG   the crate's unit tests as PLATFORM's binaries
#                           (tools/arch.sh), under its qemu-user if it has one,
#                           the layout test compiling with CC; cargo's "test
#                           result:" lines, or a not_ok with LOG's last lines
#   in_kernel LOG CMD...    CMD on a kernel with SCTP (tools/kernel-run.sh),
#                           its output in LOG; when it or the guest fails,
#                           a not_ok with LOG's last lines, and its status
#
#   wait_for FILE PATTERN SECONDS [COUNT]   until FILE has COUNT (default 1)
#                                           lines matching the grep PATTERN
#   wait_sctp_listen PORT SECONDS           until an SCTP socket listens on
#                                           PORT (/proc/net/sctp/eps lists
#                                           only those)
#   wait_tcp_listen PORT SECONDS            the same for TCP
# Each wait polls every 0.1 s and returns 1 when SECONDS pass first: a
# readiness wait, never a fixed sleep that a loaded machine can outlast.
#
#   on_exit                 the script's own clean-up, if it defines one:
#                           called at exit (lib.sh owns the EXIT trap)
#
# $tools and $top are this folder and the top of the tree; a script outside
# tools/ sets $tools before sourcing this. $multiarch is the host's multiarch
# triplet (Debian's libraries are in /usr/lib/$multiarch), exported for the
# programs the scripts run.

tools=${tools:-$(cd "$(dirname "$0")" && pwd)}
top=$(cd "$tools/.." && pwd)
multiarch=${multiarch:-$("$tools/arch.sh" host multiarch)}
export multiarch
start=$(date +%s)
lib_tally=$(mktemp "${TMPDIR:-/tmp}/tally.XXXXXX")
lib_log=$lib_tally.log
lib_exit() {
	command -v on_exit > /dev/null && on_exit
	rm -f "$lib_tally" "$lib_log"
}
trap lib_exit EXIT
trap 'exit 1' INT TERM

ok() { say "ok - $name: $*"; }
not_ok() { say "not ok - $name: $*"; }
note() { echo "# $*"; }

say() {
	if [ "${1:-}" = - ]; then
		while IFS= read -r lib_line; do say "$lib_line"; done
		return 0
	fi
	for lib_line in "$@"; do
		echo "$lib_line"
		echo "$lib_line" >> "$lib_tally"
	done
}

check() {
	lib_what=$1
	shift
	if "$@" > "$lib_log" 2>&1; then
		ok "$lib_what"
	else
		not_ok "$lib_what"
		tail -n 20 "$lib_log" | sed 's/^/#   /'
	fi
}

count() {
	awk '/^ok / { p++ } /^not ok / { f++ }
	     /^test result: / { for (i = 1; i < NF; i++) { if ($(i + 1) ~ /^passed;/) p += $i; if ($(i + 1) ~ /^failed;/) f += $i } }
	     END { print p + 0, f + 0 }' "$1"
}

finish() {
	[ $# -eq 0 ] || note "$*"
	set -- $(count "$lib_tally")
	note "$name: $1 passed, $2 failed ($(( $(date +%s) - start )) s)"
	[ "$2" -eq 0 ] && [ "$1" -gt 0 ]
	exit $?
}

fresh_dir() {
	rm -rf "$1"
	mkdir -p "$1"
	(cd "$1" && pwd)
}

need_lksctp() {
	lk_inc=${LKSCTP_INCLUDE:-/usr/include}
	lk_lib=${LKSCTP_LIBDIR:-/usr/lib/$multiarch}
	[ -e "$lk_inc/netinet/sctp.h" ] && [ -e "$lk_lib/libsctp.so" ] && return 0
	not_ok "lksctp's netinet/sctp.h and libsctp.so are not in $lk_inc and $lk_lib (tools/deps.sh check)"
	finish
}

cargo_test() { # ARCH CC LOG [RUNNER ARGS...]: cargo test of A's build, run by
	# RUNNER (default A's qemu-user; "" for none), with ARGS (packages,
	# --no-run; default the root crate's tests); the test results are said,
	# or the log's end.
	lib_triple=$("$tools/arch.sh" "$1" triple)
	lib_T=$(echo "$lib_triple" | tr 'a-z-' 'A-Z_')
	lib_cc=$2 lib_log=$3 lib_linker=$("$tools/arch.sh" "$1" cross)gcc
	if [ $# -ge 4 ]; then lib_runner=$4; shift 4; else lib_runner=$("$tools/arch.sh" "$1" qemu_user); shift 3; fi
	if (cd "$top" && env "CARGO_TARGET_${lib_T}_LINKER=$lib_linker" \
		${lib_runner:+"CARGO_TARGET_${lib_T}_RUNNER=$lib_runner"} CC="$lib_cc" \
		${CARGO:-cargo} test --release --locked --target "$lib_triple" "$@") > "$lib_log" 2>&1
	then grep '^test result:' "$lib_log" | say -
	else not_ok "cargo test --target $lib_triple $*${lib_runner:+ under $lib_runner}:"; tail -n 20 "$lib_log" | sed 's/^/#   /'; fi
}

in_kernel() {
	lib_klog=$1
	shift
	"$tools/kernel-run.sh" "$@" > "$lib_klog" 2>&1 && return 0
	lib_rc=$?
	not_ok "the run on the kernel ($("$tools/kernel-run.sh" --which)) ended with status $lib_rc:"
	tail -n 20 "$lib_klog" | sed 's/^/#   /'
	return $lib_rc
}

wait_until() { # SECONDS command...: until the command succeeds
	lib_n=$(($1 * 10))
	shift
	while ! "$@"; do
		[ "$lib_n" -gt 0 ] || return 1
		sleep 0.1
		lib_n=$((lib_n - 1))
	done
}
wait_for() { wait_until "$3" lib_has_lines "$1" "$2" "${4:-1}"; }
lib_has_lines() { [ "$(grep -c -e "$2" "$1" 2>/dev/null)" -ge "$3" ] 2>/dev/null; }
wait_sctp_listen() { wait_until "$2" lib_sctp_listening "$1"; }
lib_sctp_listening() { awk -v p="$1" '$6 == p { found = 1 } END { exit !found }' /proc/net/sctp/eps 2>/dev/null; }
wait_tcp_listen() { wait_until "$2" lib_tcp_listening "$(printf '%04X' "$1")"; }
lib_tcp_listening() { grep -q ":$1 00000000:0000 0A" /proc/net/tcp /proc/net/tcp6 2>/dev/null; }
