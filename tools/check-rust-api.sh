#!/bin/sh
# make check-rust-api: the safe Rust API's example programs talk to the
# user's C programs, on a real kernel SCTP, and print what the C ones print:
#
#  - the Rust echo server (sctp-socket/examples/echo_server.rs, blocking API)
#    with the unchanged seed client (seed/echo_client.c), in both of its
#    modes (lines "[stream] text" from stdin, and "echo": each line on all
#    10 streams): the client's output and status are what it gives with
#    c-tests/echo_server_fixed.c for the same input (assoc ids aside);
#  - echo_server_fixed with the Rust client (examples/echo_client.rs): its
#    output (stdout and stderr) and status are the seed client's;
#  - the tokio echo server (examples/tokio_echo_server.rs) with the seed
#    client, the same comparison;
#  - both Rust servers with the stream increment off (-i 0), exit after -n
#    messages, and exit 0 by themselves after -t idle seconds;
#  - and, on the host, that the crate's rustdoc builds with no warning.
#
#   tools/check-rust-api.sh          build on the host, run in the kernel
#   tools/check-rust-api.sh run DIR  the exchanges (in the kernel), with the
#                                    programs the first phase put in DIR
#
# The examples are built with `cargo build --release --examples
# --all-features -p sctp-socket --locked`; the C programs as t_seed_echo.sh
# builds them, against SCTP_INCLUDE and SCTP_LIBDIR (default: include,
# target/lib: make lib first). Every server is waited for by its
# "listening" line and /proc/net/sctp/eps, never by a sleep.
set -u

name=rust-api
. "$(dirname "$0")/lib.sh"
out=${RUST_API_DIR:-$top/target/check-rust-api}
inc=${SCTP_INCLUDE:-$top/include}
lib=${SCTP_LIBDIR:-$top/target/lib}
cc=${CC:-gcc}
srv_pid=

on_exit() {
	stop_server
}

stop_server() {
	if [ -n "$srv_pid" ]; then
		kill "$srv_pid" 2>/dev/null
		wait "$srv_pid" 2>/dev/null
		srv_pid=
	fi
}

# ---- build, on the host; then the run, in the kernel ----

if [ "${1:-}" != run ]; then
	out=$(fresh_dir "$out")
	if [ ! -e "$lib/libsctp.so.1" ]; then
		not_ok "$lib/libsctp.so.1 is missing (make lib)"
		finish
	fi
	inc=$(cd "$inc" && pwd)
	lib=$(cd "$lib" && pwd)
	check "the examples build (cargo build --release --examples --all-features -p sctp-socket --locked)" \
		sh -c 'cd "$1" && ${CARGO:-cargo} build --release --examples --all-features -p sctp-socket --locked' sh "$top"
	check "the rustdoc builds with no warning (cargo doc --no-deps --all-features -p sctp-socket, -D warnings)" \
		sh -c 'cd "$1" && RUSTDOCFLAGS="-D warnings" ${CARGO:-cargo} doc --no-deps --all-features -p sctp-socket --locked -q' sh "$top"
	for p in echo_server echo_client tokio_echo_server; do
		cp "$top/target/release/examples/$p" "$out/rust_$p" 2>/dev/null
	done
	check "the seed's echo_client.c compiles unchanged against our library" \
		$cc -o "$out/echo_client" "$top/seed/echo_client.c" -I"$inc" -L"$lib" -Wl,-rpath,"$lib" -lsctp
	check "echo_server_fixed.c compiles against our library" \
		$cc -Wall -Wextra -Werror -o "$out/echo_server_fixed" "$top/c-tests/echo_server_fixed.c" \
		-I"$inc" -L"$lib" -Wl,-rpath,"$lib" -lsctp
	for p in rust_echo_server rust_echo_client rust_tokio_echo_server echo_client echo_server_fixed; do
		[ -x "$out/$p" ] || { not_ok "$p was not built"; finish; }
	done
	in_kernel "$out/kernel.log" sh "$tools/check-rust-api.sh" run "$out" || finish
	say - < "$out/kernel.log"
	finish "outputs in $out/run"
fi

# ---- the exchanges, on the kernel: ok/not ok lines, always status 0 ----

bin=$2
work=$(fresh_dir "$bin/run")

# A server in the background, until it prints "listening" and the kernel
# lists port 9877 as listening.
start_server() { # label program options...
	label=$1
	shift
	timeout 60 "$@" > "$work/$label.srv" 2> "$work/$label.srv.err" &
	srv_pid=$!
	wait_for "$work/$label.srv" listening 10 && wait_sctp_listen 9877 10
}

# A server that ends by itself (-n, -t): it exits 0 within its timeout.
server_exits_0() {
	wait "$srv_pid"
	rc=$?
	srv_pid=
	[ "$rc" -eq 0 ] || { echo "exit status $rc (124: still running after 60 s)"; cat "$work/$label.srv.err"; return 1; }
}

# A client run: stdin is the text given; stdout, stderr and status kept.
run_client() { # label client text [echo]
	c_label=$1 client=$2 text=$3
	shift 3
	printf '%s' "$text" | timeout 10 "$client" 127.0.0.1 "$@" > "$work/$c_label.out" 2> "$work/$c_label.err"
	echo $? > "$work/$c_label.rc"
}

normalize() { # file: the association ids, which differ from run to run, as ID
	sed 's/(assoc:\( *\)0x[0-9a-f]*)/(assoc:\10xID)/g' "$1"
}

# Run LABEL printed what REF printed (stdout, assoc ids aside, and stderr)
# and ended the same, with status 0.
same_as() { # label ref
	rc=0
	for f in out err; do
		normalize "$work/$1.$f" > "$work/$1.$f.norm"
		normalize "$work/$2.$f" > "$work/$2.$f.norm"
		cmp -s "$work/$2.$f.norm" "$work/$1.$f.norm" || { echo "std$f differs from $2's:"; diff -u "$work/$2.$f.norm" "$work/$1.$f.norm" | head -n 15; rc=1; }
	done
	[ "$(cat "$work/$1.rc")" = 0 ] && [ "$(cat "$work/$2.rc")" = 0 ] ||
		{ echo "exit status $(cat "$work/$1.rc"), $2's $(cat "$work/$2.rc")"; rc=1; }
	[ -s "$work/$2.out" ] || { echo "$2 printed nothing"; rc=1; }
	return $rc
}

long=$(printf '%03000d' 0 | tr 0 x)
# Normal mode: streams in decimal, hex and octal, one wrapping to 0, a line
# without "[" (an error on stderr), one longer than the seed's 2047-byte
# buffer (sent in two reads, the second not starting with "["), and a last
# line without its newline.
lines="[0] hello
[3] world
[9] the last stream wraps to 0
[0x2] hex
[010] octal: stream 8
no bracket
[1] $long
[4] the end, no newline"
# Echo mode: each line on all 10 streams; an empty line, one longer than
# its 790-byte buffer, a last one without its newline.
echo_lines="abc
xyz

$long
last"

# The references: the seed client with echo_server_fixed (increment on).
if start_server fixed "$bin/echo_server_fixed" -t 300; then
	run_client ref_lines "$bin/echo_client" "$lines"
	run_client ref_echo "$bin/echo_client" "$echo_lines" echo
	# The Rust client, against the same server.
	run_client rust_client_lines "$bin/rust_echo_client" "$lines"
	check "echo_client.rs with echo_server_fixed, lines mode: the seed client's output, byte for byte" \
		same_as rust_client_lines ref_lines
	run_client rust_client_echo "$bin/rust_echo_client" "$echo_lines" echo
	check "echo_client.rs with echo_server_fixed, echo mode: the seed client's output, byte for byte" \
		same_as rust_client_echo ref_echo
else
	not_ok "echo_server_fixed did not listen on 9877 within 10 s:"
	sed 's/^/#   /' "$work/fixed.srv.err"
fi
stop_server
if start_server fixed0 "$bin/echo_server_fixed" -i 0 -n 10 -t 300; then
	run_client ref_echo0 "$bin/echo_client" "hello
" echo
fi
stop_server

# The Rust servers with the seed client: what it printed with the C one.
for server in echo_server tokio_echo_server; do
	if check "$server.rs listens on 9877 (its \"listening\" line, /proc/net/sctp/eps)" \
		start_server "$server" "$bin/rust_$server" -t 300; then
		run_client "${server}_lines" "$bin/echo_client" "$lines"
		check "$server.rs with the seed client, lines mode: what echo_server_fixed gives it" \
			same_as "${server}_lines" ref_lines
		run_client "${server}_echo" "$bin/echo_client" "$echo_lines" echo
		check "$server.rs with the seed client, echo mode: what echo_server_fixed gives it" \
			same_as "${server}_echo" ref_echo
	fi
	stop_server
	# The idle exit on its own: no client can be caught by it.
	if check "$server.rs -t 3 listens on 9877" start_server "${server}_idle" "$bin/rust_$server" -t 3; then
		check "$server.rs -t 3: exits 0 by itself after 3 idle seconds" server_exits_0
	fi
	stop_server
	if check "$server.rs -i 0 -n 10 listens on 9877" start_server "${server}0" "$bin/rust_$server" -i 0 -n 10 -t 300; then
		run_client "${server}_echo0" "$bin/echo_client" "hello
" echo
		check "$server.rs -i 0, echo mode: each reply on its own stream, as echo_server_fixed -i 0" \
			same_as "${server}_echo0" ref_echo0
		check "$server.rs -n 10: exits 0 after the 10th message" server_exits_0
	fi
	stop_server
done
exit 0
