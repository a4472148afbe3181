# Sourced by the scripts that start a server and a client: bounded readiness
# waits, polling every 0.1 s, instead of sleeping a fixed time and hoping
# the server is up (it may not be, on a loaded machine). Each returns 1 when
# SECONDS pass first.
#
#   wait_for FILE PATTERN SECONDS [COUNT]   FILE has COUNT (default 1) lines
#                                           matching the grep PATTERN
#   wait_sctp_listen PORT SECONDS           an SCTP socket listens on PORT
#                                           (/proc/net/sctp/eps lists only those)
#   wait_tcp_listen PORT SECONDS            a TCP socket listens on PORT

wait_until() { # SECONDS command...: until the command succeeds
	wait_n=$(($1 * 10))
	shift
	while ! "$@"; do
		[ "$wait_n" -gt 0 ] || return 1
		sleep 0.1
		wait_n=$((wait_n - 1))
	done
}

wait_for() {
	wait_until "$3" wait_has_lines "$1" "$2" "${4:-1}"
}
wait_has_lines() {
	[ "$(grep -c -e "$2" "$1" 2>/dev/null)" -ge "$3" ] 2>/dev/null
}

wait_sctp_listen() {
	wait_until "$2" wait_sctp_listening "$1"
}
wait_sctp_listening() {
	awk -v p="$1" '$6 == p { found = 1 } END { exit !found }' /proc/net/sctp/eps 2>/dev/null
}

wait_tcp_listen() {
	wait_until "$2" wait_tcp_listening "$(printf '%04X' "$1")"
}
wait_tcp_listening() {
	grep -q ":$1 00000000:0000 0A" /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
