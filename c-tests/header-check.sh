#!/bin/sh
# <netinet/sctp.h> must compile on its own, first, and in every order with
# the system's socket headers (lksctp's breaks when it comes before
# <netinet/in.h>), as strict C99 and C11, and from C++.
#
#   c-tests/header-check.sh INCLUDE_DIR
set -eu
inc=$1
cc=${CC:-gcc}
cxx=${CXX:-g++}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
strict="-Wall -Wextra -pedantic -Werror"

try() { # what, compiler command...
	what=$1; shift
	if "$@" 2> "$work/err"; then
		[ -n "${quiet:-}" ] || echo "ok - header-check: $what compiles"
	else
		echo "not ok - header-check: $what does not compile:"; sed 's/^/#   /' "$work/err" | head -n 15; fail=1
	fi
}

# Every prototype must be exactly lksctp-tools 1.0.19's.
uses='int main(void) {
	int (*bindx)(int, struct sockaddr *, int, int) = sctp_bindx;
	int (*connectx)(int, struct sockaddr *, int, sctp_assoc_t *) = sctp_connectx;
	int (*peeloff)(int, sctp_assoc_t) = sctp_peeloff;
	int (*peeloff_flags)(int, sctp_assoc_t, unsigned) = sctp_peeloff_flags;
	int (*opt_info)(int, sctp_assoc_t, int, void *, socklen_t *) = sctp_opt_info;
	int (*getpaddrs)(int, sctp_assoc_t, struct sockaddr **) = sctp_getpaddrs;
	int (*freepaddrs)(struct sockaddr *) = sctp_freepaddrs;
	int (*getladdrs)(int, sctp_assoc_t, struct sockaddr **) = sctp_getladdrs;
	int (*freeladdrs)(struct sockaddr *) = sctp_freeladdrs;
	int (*getaddrlen)(sa_family_t) = sctp_getaddrlen;
	int (*sendmsg_)(int, const void *, size_t, struct sockaddr *, socklen_t, uint32_t, uint32_t,
			uint16_t, uint32_t, uint32_t) = sctp_sendmsg;
	int (*send_)(int, const void *, size_t, const struct sctp_sndrcvinfo *, int) = sctp_send;
	int (*recvmsg_)(int, void *, size_t, struct sockaddr *, socklen_t *, struct sctp_sndrcvinfo *,
			int *) = sctp_recvmsg;
	int (*sendv)(int, const struct iovec *, int, struct sockaddr *, int, void *, socklen_t,
		     unsigned int, int) = sctp_sendv;
	int (*recvv)(int, const struct iovec *, int, struct sockaddr *, socklen_t *, void *,
		     socklen_t *, unsigned int *, int *) = sctp_recvv;
	struct sctp_sendv_spa spa;
	struct sctp_recvv_rn rn;
	(void)bindx; (void)connectx; (void)peeloff; (void)peeloff_flags; (void)opt_info;
	(void)getpaddrs; (void)freepaddrs; (void)getladdrs; (void)freeladdrs; (void)getaddrlen;
	(void)sendmsg_; (void)send_; (void)recvmsg_; (void)sendv; (void)recvv; (void)spa; (void)rn;
	return SCTP_SENDV_SPA + SCTP_RECVV_RN + SCTP_SEND_AUTHINFO_VALID + SOL_SCTP + IPPROTO_SCTP
		+ SCTP_BINDX_ADD_ADDR + SCTP_SNDRCV + HAVE_SCTP_SENDV + HAVE_SCTP_PEELOFF_FLAGS;
}'

printf '#include <netinet/sctp.h>\n%s\n' "$uses" > "$work/alone.c"
for std in c99 c11 gnu99 gnu11; do
	try "the header alone ($std)" $cc -std=$std $strict -I"$inc" -fsyntax-only "$work/alone.c"
done
cp "$work/alone.c" "$work/alone.cc"
for std in c++11 c++17; do
	try "the header from C++ ($std)" $cxx -std=$std -Wall -Wextra -Werror -I"$inc" -fsyntax-only "$work/alone.cc"
done

# Every order of the five headers the user's notes list.
python3 - "$work" <<'PY'
import itertools, sys
hs = ["sys/socket.h", "sys/types.h", "arpa/inet.h", "netinet/in.h", "netinet/sctp.h"]
for i, p in enumerate(itertools.permutations(hs)):
    with open(f"{sys.argv[1]}/order{i:03}.c", "w") as f:
        f.write("".join(f"#include <{h}>\n" for h in p))
        f.write("int main(void) { return IPPROTO_SCTP + SCTP_SENDV_SPA; }\n")
PY
n=0
quiet=1
for f in "$work"/order*.c; do
	try "$(grep -o '<[^>]*>' "$f" | tr '\n' ' ')" $cc -std=c99 $strict -I"$inc" -fsyntax-only "$f"
	n=$((n + 1))
done
[ $fail -eq 0 ] && echo "ok - header-check: all $n include orders of the five socket headers compile"
exit $fail
