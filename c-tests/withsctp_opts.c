/* A TCP program's socket calls, run under withsctp by check-withsctp on
 * the kernel: which sockets become SCTP, what each TCP option becomes
 * (read back at SOL_SCTP), errno on success and failure, shutdown(SHUT_WR)
 * between a request and its reply, and pass-through for sockets that are
 * not converted. Plain socket calls only: the program does not know about
 * SCTP but for the checks that read SCTP's options back. */
#define _GNU_SOURCE /* POLLRDHUP */
#include "check.h"
#include <fcntl.h>
#include <linux/tcp.h>

/* The TCP states of tcpi_state (include/net/tcp_states.h). */
enum { TCP_ESTABLISHED = 1, TCP_CLOSE = 7, TCP_LISTEN = 10 };

static int proto(int fd)
{
	int p = -1;
	socklen_t l = sizeof(p);
	return getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &p, &l) == 0 ? p : -1;
}

static int tcp_get(int fd, int opt)
{
	int v = -1;
	socklen_t l = sizeof(v);
	return getsockopt(fd, IPPROTO_TCP, opt, &v, &l) == 0 && l == sizeof(v) ? v : -1;
}

static struct sctp_paddrparams paddr(int fd)
{
	struct sctp_paddrparams p;
	socklen_t l = sizeof(p);
	memset(&p, 0, sizeof(p));
	if (getsockopt(fd, SOL_SCTP, SCTP_PEER_ADDR_PARAMS, &p, &l) != 0)
		p.spp_hbinterval = (uint32_t)-1;
	return p;
}

static int set(int fd, int opt, int v)
{
	return setsockopt(fd, IPPROTO_TCP, opt, &v, sizeof(v));
}

int main(int argc, char **argv)
{
	(void)argc;
	check_start(argv[0]);
	struct { int family, type, protocol; const char *what; } conv[] = {
		{ AF_INET, SOCK_STREAM, 0, "AF_INET, SOCK_STREAM, 0" },
		{ AF_INET, SOCK_STREAM, IPPROTO_TCP, "AF_INET, SOCK_STREAM, IPPROTO_TCP" },
		{ AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0, "SOCK_STREAM | SOCK_CLOEXEC" },
		{ AF_INET, SOCK_STREAM | SOCK_NONBLOCK, IPPROTO_TCP, "SOCK_STREAM | SOCK_NONBLOCK" },
		{ AF_INET6, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, "AF_INET6, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK" },
	};
	for (size_t i = 0; i < sizeof(conv) / sizeof(conv[0]); i++) {
		int fd = socket(conv[i].family, conv[i].type, conv[i].protocol);
		CHECK(fd >= 0 && proto(fd) == IPPROTO_SCTP, "socket(%s) is SCTP", conv[i].what);
		if (conv[i].type & SOCK_CLOEXEC)
			CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC, "%s keeps close-on-exec", conv[i].what);
		if (conv[i].type & SOCK_NONBLOCK)
			CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK, "%s keeps O_NONBLOCK", conv[i].what);
		close(fd);
	}
	int u = socket(AF_INET, SOCK_DGRAM, 0), x = socket(AF_UNIX, SOCK_STREAM, 0);
	int s1 = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	CHECK(proto(u) == IPPROTO_UDP, "UDP stays UDP");
	CHECK(proto(x) == 0, "a UNIX stream stays a UNIX stream");
	CHECK(proto(s1) == IPPROTO_SCTP, "an explicit IPPROTO_SCTP one-to-many socket is untouched");
	CHECK_ERR(set(u, TCP_NODELAY, 1), ENOPROTOOPT, "TCP_NODELAY on UDP: the kernel's ENOPROTOOPT, passed through");
	CHECK_ERR(shutdown(u, SHUT_WR), ENOTCONN, "shutdown(SHUT_WR) of an unconnected UDP socket: the kernel's ENOTCONN");
	close(u), close(x), close(s1);

	int fd = socket(AF_INET, SOCK_STREAM, 0);
	errno = EDOM;
	int r = set(fd, TCP_NODELAY, 1);
	CHECK(r == 0 && errno == EDOM, "TCP_NODELAY set: 0, errno untouched");
	int v = -1;
	socklen_t l = sizeof(v);
	r = getsockopt(fd, SOL_SCTP, SCTP_NODELAY, &v, &l);
	CHECK(r == 0 && v == 1, "TCP_NODELAY 1 is SCTP_NODELAY 1 (%d)", v);
	errno = EDOM;
	CHECK(tcp_get(fd, TCP_NODELAY) == 1 && errno == EDOM, "TCP_NODELAY reads 1, errno untouched");
	CHECK(set(fd, TCP_NODELAY, 0) == 0 && tcp_get(fd, TCP_NODELAY) == 0, "TCP_NODELAY 0 reads 0");

	struct sctp_assoc_value av = { 0, 0 };
	l = sizeof(av);
	r = set(fd, TCP_MAXSEG, 1000) == 0 && getsockopt(fd, SOL_SCTP, SCTP_MAXSEG, &av, &l) == 0;
	CHECK(r && av.assoc_value == 1000, "TCP_MAXSEG 1000 is SCTP_MAXSEG 1000 (%u)", av.assoc_value);
	CHECK_ERR(set(fd, TCP_MAXSEG, 10), EINVAL, "TCP_MAXSEG 10: EINVAL, as TCP (below TCP_MIN_MSS)");

	CHECK(set(fd, TCP_KEEPIDLE, 7) == 0, "TCP_KEEPIDLE 7");
	struct sctp_paddrparams p = paddr(fd);
	CHECK(p.spp_hbinterval == 7000 && (p.spp_flags & SPP_HB_ENABLE), "TCP_KEEPIDLE 7 is a heartbeat interval of 7000 ms, heartbeats on (%u)", p.spp_hbinterval);
	CHECK(set(fd, TCP_KEEPINTVL, 9) == 0 && paddr(fd).spp_hbinterval == 9000 && tcp_get(fd, TCP_KEEPIDLE) == 9,
	      "TCP_KEEPINTVL 9 sets the same interval: 9000 ms, and TCP_KEEPIDLE reads 9");
	CHECK(set(fd, TCP_KEEPCNT, 4) == 0 && paddr(fd).spp_pathmaxrxt == 4 && tcp_get(fd, TCP_KEEPCNT) == 4,
	      "TCP_KEEPCNT 4 is spp_pathmaxrxt 4, and reads 4");
	CHECK_ERR(set(fd, TCP_KEEPIDLE, 0), EINVAL, "TCP_KEEPIDLE 0: EINVAL, as TCP");
	CHECK_ERR(set(fd, TCP_KEEPCNT, 128), EINVAL, "TCP_KEEPCNT 128: EINVAL, as TCP");
	struct sctp_initmsg im;
	memset(&im, 0, sizeof(im));
	l = sizeof(im);
	CHECK(set(fd, TCP_SYNCNT, 3) == 0 && getsockopt(fd, SOL_SCTP, SCTP_INITMSG, &im, &l) == 0 &&
	      im.sinit_max_attempts == 3 && tcp_get(fd, TCP_SYNCNT) == 3, "TCP_SYNCNT 3 is sinit_max_attempts 3, and reads 3");
	v = 1;
	CHECK(setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof(v)) == 0, "SO_KEEPALIVE 1");
	v = 0;
	l = sizeof(v);
	CHECK(getsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &v, &l) == 0 && v == 1 && (paddr(fd).spp_flags & SPP_HB_ENABLE),
	      "SO_KEEPALIVE reads 1, heartbeats on");

	int noeffect[] = { TCP_CORK, TCP_QUICKACK, TCP_DEFER_ACCEPT, TCP_WINDOW_CLAMP, TCP_USER_TIMEOUT, TCP_NOTSENT_LOWAT,
			   TCP_FASTOPEN, TCP_LINGER2 };
	for (size_t i = 0; i < sizeof(noeffect) / sizeof(noeffect[0]); i++)
		CHECK(set(fd, noeffect[i], 1) == 0 && tcp_get(fd, noeffect[i]) == 0,
		      "TCP option %d: set succeeds, reads 0 (no SCTP counterpart)", noeffect[i]);
	char buf[64] = "cubic";
	CHECK_ERR(setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, buf, 6), ENOPROTOOPT, "TCP_CONGESTION set: ENOPROTOOPT");
	l = sizeof(buf);
	CHECK_ERR(getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, buf, &l), ENOPROTOOPT, "TCP_CONGESTION get: ENOPROTOOPT");
	CHECK_ERR(setsockopt(fd, IPPROTO_TCP, TCP_MD5SIG, buf, sizeof(buf)), ENOPROTOOPT, "TCP_MD5SIG: ENOPROTOOPT");
	CHECK_ERR(setsockopt(fd, IPPROTO_TCP, TCP_ULP, "tls", 4), ENOPROTOOPT, "TCP_ULP (kTLS): ENOPROTOOPT");
	CHECK_ERR(set(fd, TCP_INFO, 1), ENOPROTOOPT, "TCP_INFO set: ENOPROTOOPT, as TCP");
	CHECK_ERR(set(fd, 999, 1), ENOPROTOOPT, "an unknown TCP option: ENOPROTOOPT");
	CHECK_ERR(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &v, 2), EINVAL, "TCP_NODELAY with optlen 2: EINVAL, as TCP");
	CHECK_ERR(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, NULL, 4), EFAULT, "TCP_NODELAY with a NULL optval: EFAULT");
	CHECK_ERR(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &v, NULL), EFAULT, "getsockopt with a NULL optlen: EFAULT");
	unsigned char b2[8] = { 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa };
	l = 2;
	set(fd, TCP_NODELAY, 1);
	CHECK(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, b2, &l) == 0 && l == 2 && b2[2] == 0xaa,
	      "getsockopt with optlen 2: 2 bytes written, optlen 2");
	struct tcp_info ti;
	memset(&ti, 0xff, sizeof(ti));
	l = sizeof(ti);
	r = getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &l);
	CHECK(r == 0 && ti.tcpi_state == TCP_CLOSE && l == sizeof(ti),
	      "TCP_INFO unconnected: TCP_CLOSE (%d), %u bytes", ti.tcpi_state, (unsigned)l);

	/* (A CHECK's arguments are evaluated in no set order: what it prints
	 * is read before it.) A request, a half-close, a reply: the order of a TCP client that
	 * shuts down its side once it has asked. */
	struct sockaddr_in a = addr4("127.0.0.1", 0);
	socklen_t al = sizeof(a);
	int lst = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	REQUIRE(lst >= 0 && bind(lst, (struct sockaddr *)&a, sizeof(a)) == 0 && listen(lst, 1) == 0 &&
		getsockname(lst, (struct sockaddr *)&a, &al) == 0, "a listening converted socket");
	memset(&ti, 0, sizeof(ti));
	l = sizeof(ti);
	CHECK(getsockopt(lst, IPPROTO_TCP, TCP_INFO, &ti, &l) == 0 && ti.tcpi_state == TCP_LISTEN, "TCP_INFO of a listener: TCP_LISTEN");
	REQUIRE(connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0, "connect");
	int srv = accept(lst, NULL, NULL);
	REQUIRE(srv >= 0 && proto(srv) == IPPROTO_SCTP, "accept gives an SCTP socket");
	memset(&ti, 0, sizeof(ti));
	l = sizeof(ti);
	r = getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &l);
	CHECK(r == 0 && ti.tcpi_state == TCP_ESTABLISHED && ti.tcpi_pmtu > 0 &&
	      ti.tcpi_rto > 0 && ti.tcpi_snd_mss > 0, "TCP_INFO connected: TCP_ESTABLISHED, pmtu %u, rto %u us, mss %u",
	      ti.tcpi_pmtu, ti.tcpi_rto, ti.tcpi_snd_mss);
	v = tcp_get(fd, TCP_MAXSEG);
	CHECK(v > 0 && v <= 1000, "TCP_MAXSEG connected: %d (at most the 1000 set)", v);
	CHECK(write(fd, "request", 7) == 7, "the request sent");
	errno = EDOM;
	CHECK(shutdown(fd, SHUT_WR) == 0 && errno == EDOM, "shutdown(SHUT_WR): 0, errno untouched");
	char rb[16] = { 0 };
	CHECK(read(srv, rb, sizeof(rb)) == 7 && memcmp(rb, "request", 7) == 0, "the server reads the request");
	/* SCTP's SHUTDOWN would reach the server within a round trip: on
	 * loopback, far less than the half second it is given. */
	struct pollfd pf = { .fd = srv, .events = POLLIN | POLLRDHUP };
	r = poll(&pf, 1, 500);
	CHECK(r == 0, "no end of file reaches the server after the client's SHUT_WR (poll: %d, revents %#x)", r, pf.revents);
	CHECK(write(srv, "reply", 5) == 5, "the server can still answer after the client's SHUT_WR");
	memset(rb, 0, sizeof(rb));
	CHECK(read(fd, rb, sizeof(rb)) == 5 && memcmp(rb, "reply", 5) == 0, "the client reads the reply");
	close(srv);
	CHECK(read(fd, rb, sizeof(rb)) == 0, "the server's close is the client's end of file");
	close(fd), close(lst);
	return check_end();
}
