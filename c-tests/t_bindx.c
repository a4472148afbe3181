/* sctp_bindx: adding and removing packed arrays of addresses (IPv4, IPv6
 * and mixed), checked with sctp_getladdrs, and the error paths. */
#include "check.h"

#include <fcntl.h>

static int bindx1(int fd, const char *ip, unsigned short port, int flags)
{
	struct packed p = { .len = 0, .n = 0 };
	packed_add(&p, ip, port);
	return sctp_bindx(fd, packed_sa(&p), p.n, flags);
}

/* ---- reading packed arrays returned by the library ---- */

/* Every entry is AF_INET or AF_INET6 (the array can be walked). */
static int list_valid(const struct sockaddr *addrs, int n)
{
	const char *p = (const char *)addrs;
	for (int i = 0; i < n; i++) {
		size_t len = entry_len((const struct sockaddr *)p);
		if (len == 0)
			return 0;
		p += len;
	}
	return 1;
}

/* Number of entries of the given family. */
static int list_count_family(const struct sockaddr *addrs, int n, int family)
{
	const char *p = (const char *)addrs;
	int count = 0;
	for (int i = 0; i < n; i++) {
		const struct sockaddr *a = (const struct sockaddr *)p;
		size_t len = entry_len(a);
		if (len == 0)
			return -1;
		count += a->sa_family == family;
		p += len;
	}
	return count;
}


static const char *type_name(int type)
{
	return type == SOCK_STREAM ? "one-to-one" : "one-to-many";
}

/* ---- IPv4: three addresses in one call, then removal ---- */

static void test_v4_add_remove(int type)
{
	const char *tn = type_name(type);
	struct packed p = { .len = 0, .n = 0 };
	struct sockaddr *addrs = NULL;
	unsigned short port;
	int fd, n;

	fd = sctp_socket(AF_INET, type);
	REQUIRE(fd >= 0, "%s IPv4 socket", tn);

	packed_add(&p, "127.0.0.1", 0);
	packed_add(&p, "127.0.0.2", 0);
	packed_add(&p, "127.0.0.3", 0);
	CHECK(sctp_bindx(fd, packed_sa(&p), 3, SCTP_BINDX_ADD_ADDR) == 0,
	      "%s: bindx ADD of 127.0.0.1-3 (port 0) in one packed array", tn);
	port = local_port(fd);
	CHECK(port != 0, "%s: the socket got a port", tn);

	n = sctp_getladdrs(fd, 0, &addrs);
	CHECK(n == 3, "%s: getladdrs counts 3 bound addresses", tn);
	if (n > 0) {
		CHECK(list_valid(addrs, n), "%s: getladdrs entries are all AF_INET/AF_INET6", tn);
		CHECK(list_count_family(addrs, n, AF_INET) == n,
		      "%s: getladdrs entries are all sockaddr_in", tn);
		CHECK(list_has(addrs, n, "127.0.0.1", port), "%s: 127.0.0.1 bound on the same port", tn);
		CHECK(list_has(addrs, n, "127.0.0.2", port), "%s: 127.0.0.2 bound on the same port", tn);
		CHECK(list_has(addrs, n, "127.0.0.3", port), "%s: 127.0.0.3 bound on the same port", tn);
		CHECK(sctp_freeladdrs(addrs) == 0, "%s: freeladdrs returns 0", tn);
	}

	CHECK(bindx1(fd, "127.0.0.2", port, SCTP_BINDX_REM_ADDR) == 0,
	      "%s: bindx REM of 127.0.0.2", tn);
	n = sctp_getladdrs(fd, 0, &addrs);
	CHECK(n == 2, "%s: 2 addresses left after REM", tn);
	if (n > 0) {
		CHECK(list_has(addrs, n, "127.0.0.1", port), "%s: 127.0.0.1 still bound", tn);
		CHECK(!list_has(addrs, n, "127.0.0.2", port), "%s: 127.0.0.2 no longer bound", tn);
		CHECK(list_has(addrs, n, "127.0.0.3", port), "%s: 127.0.0.3 still bound", tn);
		sctp_freeladdrs(addrs);
	}
	CHECK(local_port(fd) == port, "%s: the port is unchanged by REM", tn);

	CHECK_ERR(bindx1(fd, "127.0.0.2", port, SCTP_BINDX_REM_ADDR), EINVAL,
		  "%s: REM of an address that is not bound -> EINVAL", tn);
	CHECK(bindx1(fd, "127.0.0.3", port, SCTP_BINDX_REM_ADDR) == 0,
	      "%s: REM of 127.0.0.3", tn);
	CHECK(laddr_count(fd) == 1, "%s: 1 address left", tn);
	CHECK_ERR(bindx1(fd, "127.0.0.1", port, SCTP_BINDX_REM_ADDR), EBUSY,
		  "%s: REM of the last bound address -> EBUSY", tn);
	CHECK(laddr_count(fd) == 1, "%s: the last address stays bound", tn);

	/* The socket still works as a server on what is left. */
	CHECK(listen(fd, 4) == 0, "%s: listen after bindx", tn);
	close(fd);
}

/* ---- IPv6 socket: ::1 plus IPv4 addresses as sockaddr_in ---- */

static void test_v6_mixed(int type)
{
	const char *tn = type_name(type);
	struct packed p = { .len = 0, .n = 0 };
	struct sockaddr *addrs = NULL;
	unsigned short port;
	int fd, n, off = 0;

	fd = sctp_socket(AF_INET6, type);
	REQUIRE(fd >= 0, "%s IPv6 socket", tn);

	packed_add(&p, "::1", 0);
	packed_add(&p, "127.0.0.2", 0);
	packed_add(&p, "127.0.0.3", 0);
	CHECK(sctp_bindx(fd, packed_sa(&p), 3, SCTP_BINDX_ADD_ADDR) == 0,
	      "%s IPv6: bindx ADD of sockaddr_in6 ::1 + two sockaddr_in", tn);
	port = local_port(fd);
	CHECK(port != 0, "%s IPv6: the socket got a port", tn);

	/* By default an IPv6 socket reports IPv4 addresses v4-mapped. */
	n = sctp_getladdrs(fd, 0, &addrs);
	CHECK(n == 3, "%s IPv6: getladdrs counts 3 (v4-mapped view)", tn);
	if (n > 0) {
		CHECK(list_count_family(addrs, n, AF_INET6) == n,
		      "%s IPv6: all entries are sockaddr_in6 (v4-mapped view)", tn);
		CHECK(list_has(addrs, n, "::1", port), "%s IPv6: ::1 bound", tn);
		CHECK(list_has(addrs, n, "::ffff:127.0.0.2", port),
		      "%s IPv6: 127.0.0.2 bound (as ::ffff:127.0.0.2)", tn);
		CHECK(list_has(addrs, n, "::ffff:127.0.0.3", port),
		      "%s IPv6: 127.0.0.3 bound (as ::ffff:127.0.0.3)", tn);
		sctp_freeladdrs(addrs);
	}

	/* Without mapping the array mixes sockaddr_in6 and sockaddr_in. */
	CHECK(setsockopt(fd, IPPROTO_SCTP, SCTP_I_WANT_MAPPED_V4_ADDR, &off, sizeof(off)) == 0,
	      "%s IPv6: turn v4-mapped addresses off", tn);
	n = sctp_getladdrs(fd, 0, &addrs);
	CHECK(n == 3, "%s IPv6: getladdrs counts 3 (unmapped view)", tn);
	if (n > 0) {
		CHECK(list_valid(addrs, n), "%s IPv6: mixed-size array walks cleanly", tn);
		CHECK(list_count_family(addrs, n, AF_INET6) == 1,
		      "%s IPv6: one sockaddr_in6", tn);
		CHECK(list_count_family(addrs, n, AF_INET) == 2,
		      "%s IPv6: two sockaddr_in", tn);
		CHECK(list_has(addrs, n, "::1", port), "%s IPv6: ::1 listed", tn);
		CHECK(list_has(addrs, n, "127.0.0.2", port), "%s IPv6: 127.0.0.2 listed", tn);
		CHECK(list_has(addrs, n, "127.0.0.3", port), "%s IPv6: 127.0.0.3 listed", tn);
		sctp_freeladdrs(addrs);
	}

	CHECK(bindx1(fd, "127.0.0.2", port, SCTP_BINDX_REM_ADDR) == 0,
	      "%s IPv6: bindx REM of sockaddr_in 127.0.0.2", tn);
	n = sctp_getladdrs(fd, 0, &addrs);
	CHECK(n == 2, "%s IPv6: 2 addresses left", tn);
	if (n > 0) {
		CHECK(list_has(addrs, n, "::1", port), "%s IPv6: ::1 still bound", tn);
		CHECK(!list_has(addrs, n, "127.0.0.2", port), "%s IPv6: 127.0.0.2 gone", tn);
		CHECK(list_has(addrs, n, "127.0.0.3", port), "%s IPv6: 127.0.0.3 still bound", tn);
		sctp_freeladdrs(addrs);
	}
	CHECK(bindx1(fd, "::1", port, SCTP_BINDX_REM_ADDR) == 0,
	      "%s IPv6: bindx REM of sockaddr_in6 ::1", tn);
	CHECK(laddr_count(fd) == 1, "%s IPv6: 1 address left", tn);
	close(fd);
}

/* ---- adding to a socket bound with bind() ---- */

static void test_add_after_bind(void)
{
	struct sockaddr_in a = addr4("127.0.0.1", 0);
	unsigned short port;
	int fd = sctp_socket(AF_INET, SOCK_SEQPACKET);

	REQUIRE(fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0,
		"socket bound to 127.0.0.1 with bind()");
	port = local_port(fd);
	CHECK(bindx1(fd, "127.0.0.2", port, SCTP_BINDX_ADD_ADDR) == 0,
	      "bindx ADD of 127.0.0.2 on the bound port");
	CHECK(bindx1(fd, "127.0.0.3", 0, SCTP_BINDX_ADD_ADDR) == 0,
	      "bindx ADD of 127.0.0.3 with port 0 takes the bound port");
	CHECK(laddr_count(fd) == 3, "3 addresses bound");
	CHECK(local_port(fd) == port, "port unchanged");
	CHECK_ERR(bindx1(fd, "127.0.0.4", port == 65535 ? 65534 : port + 1, SCTP_BINDX_ADD_ADDR),
		  EINVAL, "bindx ADD with a different port -> EINVAL");
	CHECK_ERR(bindx1(fd, "192.0.2.1", port, SCTP_BINDX_ADD_ADDR), EADDRNOTAVAIL,
		  "bindx ADD of a non-local address -> EADDRNOTAVAIL");
	CHECK_ERR(bindx1(fd, "::1", port, SCTP_BINDX_ADD_ADDR), EINVAL,
		  "bindx ADD of a sockaddr_in6 on an IPv4 socket -> EINVAL");
	CHECK_ERR(bindx1(fd, "127.0.0.2", port, SCTP_BINDX_ADD_ADDR), EINVAL,
		  "bindx ADD of an address already bound -> EINVAL");
	CHECK(laddr_count(fd) == 3, "failed ADDs bound nothing");
	close(fd);
}

/* ---- bad flags, families and counts ---- */

static void test_bad_flags(int fd)
{
	CHECK_ERR(bindx1(fd, "127.0.0.2", 0, 0), EINVAL, "flags 0 -> EINVAL");
	CHECK_ERR(bindx1(fd, "127.0.0.2", 0, SCTP_BINDX_ADD_ADDR | SCTP_BINDX_REM_ADDR),
		  EINVAL, "flags ADD|REM -> EINVAL");
	CHECK_ERR(bindx1(fd, "127.0.0.2", 0, 0x100), EINVAL, "flags 0x100 -> EINVAL");
	CHECK_ERR(bindx1(fd, "127.0.0.2", 0, SCTP_BINDX_ADD_ADDR | 0x100), EINVAL,
		  "flags ADD|0x100 -> EINVAL");
	CHECK_ERR(bindx1(fd, "127.0.0.2", 0, -1), EINVAL, "flags -1 -> EINVAL");
}

static void test_bad_families(int fd, unsigned short port)
{
	struct packed first = { .len = 0, .n = 0 };
	struct packed middle = { .len = 0, .n = 0 };
	struct packed rem = { .len = 0, .n = 0 };

	packed_add_family(&first, AF_UNIX, 0);
	packed_add(&first, "127.0.0.2", port);
	CHECK_ERR(sctp_bindx(fd, packed_sa(&first), first.n, SCTP_BINDX_ADD_ADDR), EINVAL,
		  "AF_UNIX as first entry -> EINVAL");

	packed_add(&middle, "127.0.0.2", port);
	packed_add_family(&middle, 0, 0);
	packed_add(&middle, "127.0.0.3", port);
	CHECK_ERR(sctp_bindx(fd, packed_sa(&middle), middle.n, SCTP_BINDX_ADD_ADDR), EINVAL,
		  "AF_UNSPEC entry in the middle -> EINVAL");
	CHECK(laddr_count(fd) == 1, "nothing of the rejected arrays was bound");

	packed_add(&rem, "127.0.0.1", port);
	packed_add_family(&rem, AF_PACKET, 0);
	CHECK_ERR(sctp_bindx(fd, packed_sa(&rem), rem.n, SCTP_BINDX_REM_ADDR), EINVAL,
		  "REM with an AF_PACKET entry -> EINVAL");
	CHECK(laddr_count(fd) == 1, "nothing was removed by the rejected REM");
}

static void test_bad_counts(int fd, unsigned short port)
{
	struct packed p = { .len = 0, .n = 0 };
	packed_add(&p, "127.0.0.2", port);
	CHECK_ERR(sctp_bindx(fd, packed_sa(&p), 0, SCTP_BINDX_ADD_ADDR), EINVAL, "ADD addrcnt 0 -> EINVAL");
	CHECK_ERR(sctp_bindx(fd, packed_sa(&p), -1, SCTP_BINDX_ADD_ADDR), EINVAL, "ADD addrcnt -1 -> EINVAL");
	CHECK_ERR(sctp_bindx(fd, packed_sa(&p), 0, SCTP_BINDX_REM_ADDR), EINVAL, "REM addrcnt 0 -> EINVAL");
	CHECK_ERR(sctp_bindx(fd, packed_sa(&p), -5, SCTP_BINDX_REM_ADDR), EINVAL, "REM addrcnt -5 -> EINVAL");
	CHECK(laddr_count(fd) == 1, "bad counts bound nothing");
}

static void test_bad_fds(void)
{
	int pfd[2];
	int udp = socket(AF_INET, SOCK_DGRAM, 0);

	CHECK_ERR(bindx1(-1, "127.0.0.2", 0, SCTP_BINDX_ADD_ADDR), EBADF, "fd -1 -> EBADF");
	REQUIRE(pipe(pfd) == 0, "pipe");
	CHECK_ERR(bindx1(pfd[0], "127.0.0.2", 0, SCTP_BINDX_ADD_ADDR), ENOTSOCK,
		  "a pipe -> ENOTSOCK");
	close(pfd[0]);
	close(pfd[1]);
	REQUIRE(udp >= 0, "UDP socket");
	CHECK_ERR(bindx1(udp, "127.0.0.2", 0, SCTP_BINDX_ADD_ADDR), ENOPROTOOPT,
		  "a UDP socket -> ENOPROTOOPT");
	close(udp);
}

static void test_errors(void)
{
	struct sockaddr_in a = addr4("127.0.0.1", 0);
	unsigned short port;
	int fd = sctp_socket(AF_INET, SOCK_SEQPACKET);

	REQUIRE(fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0,
		"socket bound to 127.0.0.1 for the error cases");
	port = local_port(fd);
	test_bad_flags(fd);
	test_bad_families(fd, port);
	test_bad_counts(fd, port);
	CHECK(laddr_count(fd) == 1, "still exactly one bound address after all errors");
	close(fd);

	test_bad_fds();
}

int main(int argc, char **argv)
{
	(void)argc;
	check_start(argv[0]);
	test_v4_add_remove(SOCK_SEQPACKET);
	test_v4_add_remove(SOCK_STREAM);
	test_v6_mixed(SOCK_SEQPACKET);
	test_v6_mixed(SOCK_STREAM);
	test_add_after_bind();
	test_errors();
	return check_end();
}
