#!/bin/sh
# <netinet/sctp.h> must compile on its own, and in every order with either
# family of socket headers: glibc's (<netinet/in.h>, ...) and the kernel's
# (<linux/in.h>, <linux/in6.h>, <linux/socket.h>), as strict C and C++. A
# program written against the kernel's headers must link and run against
# the library, and every name lksctp's header gives a program must be in
# ours with the same type (tools/header-names.py). lksctp's own header
# goes through the same include orders, and how many it passes is printed
# beside ours.
#
#   tools/check-header.sh INCLUDE_DIR LIB_DIR
#
# LKSCTP_INCLUDE (default /usr/include) holds lksctp's netinet/sctp.h
# (Debian: libsctp-dev).
set -eu
name=header-check
. "$(dirname "$0")/lib.sh"
inc=$1
lib=$2
lk_inc=${LKSCTP_INCLUDE:-/usr/include}
cc=${CC:-gcc}
cxx=${CXX:-g++}
work=$(mktemp -d)
on_exit() { rm -rf "$work"; }
strict="-Wall -Wextra -pedantic -Werror"

# Every prototype must be exactly lksctp-tools 1.0.19's; the addresses come
# with the header.
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
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	(void)bindx; (void)connectx; (void)peeloff; (void)peeloff_flags; (void)opt_info;
	(void)getpaddrs; (void)freepaddrs; (void)getladdrs; (void)freeladdrs; (void)getaddrlen;
	(void)sendmsg_; (void)send_; (void)recvmsg_; (void)sendv; (void)recvv; (void)spa; (void)rn;
	(void)sin; (void)sin6;
	return SCTP_SENDV_SPA + SCTP_RECVV_RN + SCTP_SEND_AUTHINFO_VALID + SOL_SCTP + IPPROTO_SCTP
		+ SCTP_BINDX_ADD_ADDR + SCTP_SNDRCV + HAVE_SCTP_SENDV + HAVE_SCTP_PEELOFF_FLAGS;
}'

printf '#include <netinet/sctp.h>\n%s\n' "$uses" > "$work/alone.c"
for std in c99 c11 gnu99 gnu11; do
	check "the header alone compiles ($std)" $cc -std=$std $strict -I"$inc" -fsyntax-only "$work/alone.c"
done
cp "$work/alone.c" "$work/alone.cc"
for std in c++11 c++17; do
	check "the header from C++ compiles ($std)" $cxx -std=$std $strict -I"$inc" -fsyntax-only "$work/alone.cc"
done

# A body for the kernel's family: an IPv4 and an IPv6 address, IPPROTO_SCTP,
# and one of every struct of <linux/sctp.h> and of ours.
{
	echo 'int main(void) {'
	echo '	struct sockaddr_in sin; struct sockaddr_in6 sin6;'
	echo '	struct sctp_sendv_spa spa; struct sctp_recvv_rn rn;'
	sed -n 's/^struct \([a-z0-9_]*\) {.*/\tstruct \1 v_\1; (void)v_\1;/p' /usr/include/linux/sctp.h
	echo '	(void)sin; (void)sin6; (void)spa; (void)rn;'
	echo '	return IPPROTO_SCTP + SCTP_SENDV_SPA + (int)sizeof sin.sin_addr + (int)sizeof sin6.sin6_addr;'
	echo '}'
} > "$work/kernel-body"

# orders DIR BODY FIRST HEADER...: DIR/NNN.c for every order of the HEADERs,
# each after FIRST (which may be empty), then BODY.
orders() {
	mkdir -p "$1"
	python3 - "$@" <<'PY'
import itertools, sys
d, body, first, hs = sys.argv[1], open(sys.argv[2]).read(), sys.argv[3], sys.argv[4:]
for i, p in enumerate(itertools.permutations(hs)):
    with open(f"{d}/{i:03}.c", "w") as f:
        f.write("".join(f"#include <{h}>\n" for h in ([first] if first else []) + list(p)) + body)
PY
}
echo 'int main(void) { return IPPROTO_SCTP + SCTP_SENDV_SPA; }' > "$work/glibc-body"
orders "$work/glibc" "$work/glibc-body" "" sys/socket.h sys/types.h arpa/inet.h netinet/in.h netinet/sctp.h
orders "$work/kernel" "$work/kernel-body" sys/socket.h linux/in.h linux/in6.h linux/socket.h netinet/sctp.h

# compile_orders INCLUDE_DIR DIR COMPILER STD: $n, how many of DIR's orders
# compile (each of ours that does not is a not_ok).
compile_orders() {
	n=0
	for f in "$2"/*.c; do
		if $3 -x "$([ "$3" = "$cxx" ] && echo c++ || echo c)" -std=$4 $strict -I"$1" -fsyntax-only "$f" \
			2> "$work/err"; then
			n=$((n + 1))
		elif [ "$1" = "$inc" ]; then
			not_ok "$4: this order does not compile: $(grep -o '<[^>]*>' "$f" | tr '\n' ' ')"
			sed 's/^/#   /' "$work/err" | head -n 10
		fi
	done
}

# family NAME DIR COMPILER:STD...: ours must compile every order; lksctp's count
# is printed beside it.
family() {
	what=$1 dir=$2
	shift 2
	total=$(ls "$dir" | wc -l)
	for cs in "$@"; do
		c=${cs%%:*} std=${cs#*:}
		compile_orders "$inc" "$dir" "$c" "$std"
		ours=$n lk=-
		if [ -e "$lk_inc/netinet/sctp.h" ]; then
			compile_orders "$lk_inc" "$dir" "$c" "$std"
			lk=$n
		fi
		if [ "$ours" = "$total" ]; then
			ok "$std: all $total orders of $what compile (lksctp 1.0.19's header: $lk of $total)"
		else
			not_ok "$std: $ours of $total orders of $what compile"
		fi
	done
}
family "<sys/socket.h>, <sys/types.h>, <arpa/inet.h>, <netinet/in.h>, <netinet/sctp.h>" \
	"$work/glibc" "$cc:c99" "$cxx:c++17"
family "<linux/in.h>, <linux/in6.h>, <linux/socket.h>, <netinet/sctp.h> after <sys/socket.h>" \
	"$work/kernel" "$cc:c99" "$cc:c11" "$cc:gnu11" "$cxx:c++11" "$cxx:c++17"

# A program written against the kernel's headers, as lksctp-tools' own tests
# are, links against the library and agrees with it on the address sizes.
cat > "$work/kernel-prog.c" <<'EOF'
#include <sys/types.h>
#include <sys/socket.h>
#include <linux/socket.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <sys/uio.h>
#include <netinet/sctp.h>
#include <stdio.h>

int main(void) {
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	sin.sin_family = AF_INET;
	sin6.sin6_family = AF_INET6;
	if (sctp_getaddrlen(sin.sin_family) != (int)sizeof sin ||
	    sctp_getaddrlen(sin6.sin6_family) != (int)sizeof sin6 || IPPROTO_SCTP != 132) {
		fprintf(stderr, "sctp_getaddrlen disagrees with <linux/in.h> and <linux/in6.h>\n");
		return 1;
	}
	return 0;
}
EOF
cp "$work/kernel-prog.c" "$work/kernel-prog.cc"
build_run() { # compiler std source
	$1 -std=$2 $strict -I"$inc" -o "$work/kernel-prog" "$3" -L"$lib" -Wl,-rpath,"$lib" -lsctp &&
		"$work/kernel-prog"
}
for cs in "$cc:c99" "$cc:c11" "$cc:gnu11" "$cxx:c++11" "$cxx:c++17"; do
	c=${cs%%:*} std=${cs#*:}
	src=$work/kernel-prog.c
	[ "$c" = "$cxx" ] && src=$work/kernel-prog.cc
	check "$std: a program on the kernel's socket headers builds, links and runs" build_run "$c" "$std" "$src"
done

# Every name of lksctp's header.
if [ -e "$lk_inc/netinet/sctp.h" ]; then
	CC=$cc python3 "$tools/header-names.py" "$lk_inc/netinet/sctp.h" "$inc" | say -
else
	not_ok "lksctp's header is not at $lk_inc/netinet/sctp.h (tools/deps.sh check)"
fi
finish
