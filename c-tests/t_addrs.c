/* sctp_getpaddrs / sctp_getladdrs / sctp_freepaddrs / sctp_freeladdrs and
 * sctp_getaddrlen: counts and contents on one-to-one and one-to-many
 * sockets, IPv4 and IPv6, a multi-homed server, and the error paths. */
#include "check.h"

#include <sys/un.h>

/* ---- packed address arrays ---- */

/* Every entry is AF_INET/AF_INET6 and carries the given port. */
static int list_all_port(const struct sockaddr *addrs, int n, unsigned short port)
{
	const char *p = (const char *)addrs;
	for (int i = 0; i < n; i++) {
		const struct sockaddr *a = (const struct sockaddr *)p;
		size_t len = entry_len(a);
		unsigned short got;
		if (len == 0)
			return 0;
		got = a->sa_family == AF_INET ? ((const struct sockaddr_in *)a)->sin_port
					       : ((const struct sockaddr_in6 *)a)->sin6_port;
		if (ntohs(got) != port)
			return 0;
		p += len;
	}
	return 1;
}

/* ---- set-up ---- */

/* A listening socket bound to 127.0.0.1, .2 and .3 on one port. */
static int multihomed_server(int type)
{
	int fd = sctp_socket(AF_INET, type);
	unsigned short port;
	if (fd < 0)
		return -1;
	if (bind_ip(fd, "127.0.0.1", 0) < 0) {
		close(fd);
		return -1;
	}
	port = local_port(fd);
	struct sockaddr_in more[2] = { addr4("127.0.0.2", port), addr4("127.0.0.3", port) };
	if (sctp_bindx(fd, (struct sockaddr *)more, 2, SCTP_BINDX_ADD_ADDR) < 0 || listen(fd, 8) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* A one-to-many client bound to ip, connected to server port, and the id. */
static int many_client(int family, const char *ip, const char *to, unsigned short port,
		       sctp_assoc_t *id)
{
	int fd = sctp_socket(family, SOCK_SEQPACKET);
	if (fd < 0 || bind_ip(fd, ip, 0) < 0 || subscribe_event(fd, SCTP_ASSOC_CHANGE) < 0 ||
	    connect_ip(fd, to, port) < 0)
		return -1;
	*id = comm_up_id(fd);
	return fd;
}

/* ---- sctp_getaddrlen ---- */

static void test_getaddrlen(void)
{
	CHECK(sctp_getaddrlen(AF_INET) == sizeof(struct sockaddr_in),
	      "getaddrlen(AF_INET) == sizeof(struct sockaddr_in)");
	CHECK(sctp_getaddrlen(AF_INET6) == sizeof(struct sockaddr_in6),
	      "getaddrlen(AF_INET6) == sizeof(struct sockaddr_in6)");
	CHECK(sctp_getaddrlen(AF_UNIX) == 0, "getaddrlen(AF_UNIX) == 0");
	CHECK(sctp_getaddrlen(0) == 0, "getaddrlen(AF_UNSPEC) == 0");
	CHECK(sctp_getaddrlen(AF_PACKET) == 0, "getaddrlen(AF_PACKET) == 0");
}

/* ---- one-to-many, multi-homed server ---- */

static void check_server_view(int srv, unsigned short sport, sctp_assoc_t sid,
			      unsigned short cport)
{
	struct sockaddr *addrs = NULL;
	int n;

	n = sctp_getpaddrs(srv, sid, &addrs);
	CHECK(n == 1, "one-to-many server: getpaddrs counts the client's 1 address");
	if (n > 0) {
		CHECK(list_has(addrs, n, "127.0.0.5", cport), "one-to-many server: peer is 127.0.0.5:client port");
		CHECK(sctp_freepaddrs(addrs) == 0, "freepaddrs returns 0");
	}
	n = sctp_getladdrs(srv, sid, &addrs);
	CHECK(n == 3, "one-to-many server: getladdrs(assoc) counts 3");
	if (n > 0) {
		CHECK(list_has(addrs, n, "127.0.0.1", sport) && list_has(addrs, n, "127.0.0.2", sport) &&
			      list_has(addrs, n, "127.0.0.3", sport),
		      "one-to-many server: getladdrs(assoc) lists 127.0.0.1-3 on the server port");
		sctp_freeladdrs(addrs);
	}
	n = sctp_getladdrs(srv, 0, &addrs);
	CHECK(n == 3, "one-to-many server: getladdrs(id 0) gives the 3 bound addresses");
	if (n > 0) {
		CHECK(list_all_port(addrs, n, sport), "one-to-many server: all on the server port");
		sctp_freeladdrs(addrs);
	}
}

static void test_one_to_many(void)
{
	struct sockaddr *addrs = NULL;
	sctp_assoc_t cid = 0, sid, cid2 = 0;
	unsigned short sport, cport;
	int srv, cl, cl2, n;

	srv = multihomed_server(SOCK_SEQPACKET);
	REQUIRE(srv >= 0 && subscribe_event(srv, SCTP_ASSOC_CHANGE) == 0,
		"one-to-many server on 127.0.0.1-3");
	sport = local_port(srv);
	cl = many_client(AF_INET, "127.0.0.5", "127.0.0.1", sport, &cid);
	REQUIRE(cl >= 0 && cid != 0, "one-to-many client on 127.0.0.5 associated");
	cport = local_port(cl);
	sid = comm_up_id(srv);
	REQUIRE(sid != 0, "server saw the association come up");

	n = sctp_getpaddrs(cl, cid, &addrs);
	CHECK(n == 3, "one-to-many client: getpaddrs counts the server's 3 addresses");
	if (n > 0) {
		CHECK(list_has(addrs, n, "127.0.0.1", sport), "client: peer 127.0.0.1:server port");
		CHECK(list_has(addrs, n, "127.0.0.2", sport), "client: peer 127.0.0.2:server port");
		CHECK(list_has(addrs, n, "127.0.0.3", sport), "client: peer 127.0.0.3:server port");
		sctp_freepaddrs(addrs);
	}
	n = sctp_getladdrs(cl, cid, &addrs);
	CHECK(n == 1, "one-to-many client: getladdrs(assoc) counts 1");
	if (n > 0) {
		CHECK(list_has(addrs, n, "127.0.0.5", cport), "client: local 127.0.0.5:client port");
		sctp_freeladdrs(addrs);
	}
	check_server_view(srv, sport, sid, cport);

	CHECK_ERR(sctp_getpaddrs(cl, 0, &addrs), EINVAL,
		  "one-to-many, one association: getpaddrs(id 0) -> EINVAL");
	CHECK_ERR(sctp_getpaddrs(cl, 0x7fffffff, &addrs), EINVAL,
		  "one-to-many: getpaddrs(unknown id) -> EINVAL");
	CHECK_ERR(sctp_getladdrs(cl, 0x7fffffff, &addrs), EINVAL,
		  "one-to-many: getladdrs(unknown id) -> EINVAL");

	/* A second association on the same server. */
	cl2 = many_client(AF_INET, "127.0.0.6", "127.0.0.2", sport, &cid2);
	REQUIRE(cl2 >= 0 && cid2 != 0, "second client associated");
	CHECK(comm_up_id(srv) != 0, "server saw the second association");
	CHECK_ERR(sctp_getpaddrs(srv, 0, &addrs), EINVAL,
		  "one-to-many, two associations: getpaddrs(id 0) -> EINVAL");
	CHECK(sctp_getladdrs(srv, 0, &addrs) == 3,
	      "one-to-many, two associations: getladdrs(id 0) still gives the endpoint's 3");
	sctp_freeladdrs(addrs);
	CHECK(peer_count(srv, sid) == 1, "first association still has 1 peer address");

	/* Leak check material: many rounds of get/free. */
	int good = 0;
	for (int i = 0; i < 1000; i++) {
		addrs = NULL;
		if (sctp_getpaddrs(cl, cid, &addrs) == 3 && list_has(addrs, 3, "127.0.0.2", sport))
			good++;
		sctp_freepaddrs(addrs);
	}
	CHECK(good == 1000, "1000 rounds of getpaddrs/freepaddrs all give the 3 addresses");
	good = 0;
	for (int i = 0; i < 1000; i++) {
		addrs = NULL;
		if (sctp_getladdrs(srv, 0, &addrs) == 3)
			good++;
		sctp_freeladdrs(addrs);
	}
	CHECK(good == 1000, "1000 rounds of getladdrs/freeladdrs all give the 3 addresses");

	close(cl2);
	close(cl);
	close(srv);
}

/* ---- one-to-one ---- */

static void test_one_to_one(void)
{
	struct sockaddr *addrs = NULL;
	unsigned short sport, cport;
	int srv, cl, acc, n;

	srv = multihomed_server(SOCK_STREAM);
	REQUIRE(srv >= 0, "one-to-one server on 127.0.0.1-3");
	sport = local_port(srv);
	cl = sctp_socket(AF_INET, SOCK_STREAM);
	REQUIRE(cl >= 0 && bind_ip(cl, "127.0.0.5", 0) == 0 &&
			connect_ip(cl, "127.0.0.3", sport) == 0,
		"one-to-one client on 127.0.0.5 connected to 127.0.0.3");
	cport = local_port(cl);
	REQUIRE(wait_readable(srv, 2000) && (acc = accept(srv, NULL, NULL)) >= 0, "accepted");

	n = sctp_getpaddrs(cl, 0, &addrs);
	CHECK(n == 3, "one-to-one client: getpaddrs(id 0) counts 3");
	if (n > 0) {
		CHECK(list_has(addrs, n, "127.0.0.1", sport) && list_has(addrs, n, "127.0.0.2", sport) &&
			      list_has(addrs, n, "127.0.0.3", sport),
		      "one-to-one client: peers are 127.0.0.1-3 on the server port");
		sctp_freepaddrs(addrs);
	}
	CHECK(peer_count(cl, 0x7fffffff) == 3, "one-to-one: the id is ignored (getpaddrs)");
	n = sctp_getladdrs(cl, 0, &addrs);
	CHECK(n == 1, "one-to-one client: getladdrs counts 1");
	if (n > 0) {
		CHECK(list_has(addrs, n, "127.0.0.5", cport), "one-to-one client: local 127.0.0.5");
		sctp_freeladdrs(addrs);
	}

	n = sctp_getpaddrs(acc, 0, &addrs);
	CHECK(n == 1, "accepted socket: getpaddrs counts 1");
	if (n > 0) {
		CHECK(list_has(addrs, n, "127.0.0.5", cport), "accepted socket: peer is the client");
		sctp_freepaddrs(addrs);
	}
	n = sctp_getladdrs(acc, 0, &addrs);
	CHECK(n == 3, "accepted socket: getladdrs counts 3");
	if (n > 0) {
		CHECK(list_all_port(addrs, n, sport), "accepted socket: local addresses on the server port");
		sctp_freeladdrs(addrs);
	}
	CHECK_ERR(sctp_getpaddrs(srv, 0, &addrs), EINVAL,
		  "listening one-to-one socket: getpaddrs -> EINVAL");
	close(acc);
	close(cl);
	close(srv);
}

/* ---- IPv6 ---- */

static void test_ipv6(int type)
{
	const char *tn = type == SOCK_STREAM ? "one-to-one" : "one-to-many";
	struct sockaddr *addrs = NULL;
	sctp_assoc_t cid = 0;
	unsigned short sport, cport;
	int srv, cl, n;

	srv = sctp_listener(AF_INET6, type, "::1");
	REQUIRE(srv >= 0, "%s IPv6 server on ::1", tn);
	sport = local_port(srv);
	cl = sctp_socket(AF_INET6, type);
	REQUIRE(cl >= 0 && bind_ip(cl, "::1", 0) == 0 && subscribe_event(cl, SCTP_ASSOC_CHANGE) == 0 &&
			connect_ip(cl, "::1", sport) == 0,
		"%s IPv6 client connected", tn);
	cport = local_port(cl);
	if (type == SOCK_SEQPACKET)
		cid = comm_up_id(cl);

	n = sctp_getpaddrs(cl, cid, &addrs);
	CHECK(n == 1, "%s IPv6: getpaddrs counts 1", tn);
	if (n > 0) {
		CHECK(list_has(addrs, n, "::1", sport), "%s IPv6: peer ::1:server port", tn);
		sctp_freepaddrs(addrs);
	}
	n = sctp_getladdrs(cl, cid, &addrs);
	CHECK(n == 1, "%s IPv6: getladdrs counts 1", tn);
	if (n > 0) {
		CHECK(list_has(addrs, n, "::1", cport), "%s IPv6: local ::1:client port", tn);
		sctp_freeladdrs(addrs);
	}
	close(cl);
	close(srv);
}

/* An IPv6 server on ::1 and 127.0.0.2: an IPv6 client sees both. */
static void test_ipv6_mixed_peer(void)
{
	struct sockaddr *addrs = NULL;
	unsigned short sport;
	int srv, cl, acc, n;

	srv = sctp_socket(AF_INET6, SOCK_STREAM);
	REQUIRE(srv >= 0 && bind_ip(srv, "::1", 0) == 0, "IPv6 server on ::1");
	sport = local_port(srv);
	struct sockaddr_in v4 = addr4("127.0.0.2", sport);
	REQUIRE(sctp_bindx(srv, (struct sockaddr *)&v4, 1, SCTP_BINDX_ADD_ADDR) == 0 &&
			listen(srv, 4) == 0,
		"IPv6 server also on 127.0.0.2");
	cl = sctp_socket(AF_INET6, SOCK_STREAM);
	REQUIRE(cl >= 0 && connect_ip(cl, "::1", sport) == 0, "IPv6 client connected to ::1");
	REQUIRE(wait_readable(srv, 2000) && (acc = accept(srv, NULL, NULL)) >= 0, "accepted");

	n = sctp_getpaddrs(cl, 0, &addrs);
	CHECK(n == 2, "IPv6 client of a mixed server: getpaddrs counts 2");
	if (n > 0) {
		CHECK(list_has(addrs, n, "::1", sport), "mixed server: ::1 listed");
		CHECK(list_has(addrs, n, "::ffff:127.0.0.2", sport),
		      "mixed server: 127.0.0.2 listed v4-mapped");
		sctp_freepaddrs(addrs);
	}
	close(acc);
	close(cl);
	close(srv);
}

/* ---- wildcard and unbound sockets ---- */

static void test_wildcard(int family)
{
	const char *fn = family == AF_INET6 ? "IPv6" : "IPv4";
	const char *any = family == AF_INET6 ? "::" : "0.0.0.0";
	const char *lo = family == AF_INET6 ? "::1" : "127.0.0.1";
	struct sockaddr *addrs = NULL;
	unsigned short port;
	int fd, n;

	fd = sctp_socket(family, SOCK_SEQPACKET);
	REQUIRE(fd >= 0, "%s socket", fn);
	n = sctp_getladdrs(fd, 0, &addrs);
	CHECK(n == 0, "%s unbound socket: getladdrs counts 0", fn);
	sctp_freeladdrs(addrs);

	REQUIRE(bind_ip(fd, any, 0) == 0, "%s socket bound to the wildcard", fn);
	port = local_port(fd);
	addrs = NULL;
	n = sctp_getladdrs(fd, 0, &addrs);
	CHECK(n >= 1, "%s wildcard socket: getladdrs counts at least 1", fn);
	if (n > 0) {
		CHECK(list_all_port(addrs, n, port), "%s wildcard: every address carries the port", fn);
		CHECK(list_has(addrs, n, lo, port), "%s wildcard: the loopback address is listed", fn);
		CHECK(!list_has(addrs, n, any, port), "%s wildcard: the wildcard itself is not listed", fn);
		sctp_freeladdrs(addrs);
	}
	CHECK_ERR(sctp_getpaddrs(fd, 0, &addrs), EINVAL, "%s no association: getpaddrs -> EINVAL", fn);
	close(fd);

	fd = sctp_socket(family, SOCK_STREAM);
	CHECK_ERR(sctp_getpaddrs(fd, 0, &addrs), EINVAL,
		  "%s unconnected one-to-one: getpaddrs -> EINVAL", fn);
	close(fd);
}

/* ---- bad descriptors ---- */

static void test_bad_fds(void)
{
	struct sockaddr *addrs = NULL;
	int pfd[2];
	int udp = socket(AF_INET, SOCK_DGRAM, 0);
	int unx = socket(AF_UNIX, SOCK_STREAM, 0);

	CHECK_ERR(sctp_getpaddrs(-1, 0, &addrs), EBADF, "getpaddrs fd -1 -> EBADF");
	CHECK_ERR(sctp_getladdrs(-1, 0, &addrs), EBADF, "getladdrs fd -1 -> EBADF");
	REQUIRE(pipe(pfd) == 0, "pipe");
	CHECK_ERR(sctp_getpaddrs(pfd[0], 0, &addrs), ENOTSOCK, "getpaddrs on a pipe -> ENOTSOCK");
	CHECK_ERR(sctp_getladdrs(pfd[1], 0, &addrs), ENOTSOCK, "getladdrs on a pipe -> ENOTSOCK");
	close(pfd[0]);
	close(pfd[1]);
	REQUIRE(udp >= 0 && unx >= 0, "UDP and UNIX sockets");
	CHECK_ERR(sctp_getpaddrs(udp, 0, &addrs), EOPNOTSUPP, "getpaddrs on UDP -> EOPNOTSUPP");
	CHECK_ERR(sctp_getladdrs(udp, 0, &addrs), EOPNOTSUPP, "getladdrs on UDP -> EOPNOTSUPP");
	CHECK_ERR(sctp_getpaddrs(unx, 0, &addrs), EOPNOTSUPP, "getpaddrs on AF_UNIX -> EOPNOTSUPP");
	close(udp);
	close(unx);
	CHECK(sctp_freepaddrs(NULL) == 0, "freepaddrs(NULL) returns 0");
	CHECK(sctp_freeladdrs(NULL) == 0, "freeladdrs(NULL) returns 0");
}

int main(int argc, char **argv)
{
	(void)argc;
	check_start(argv[0]);
	test_getaddrlen();
	test_one_to_many();
	test_one_to_one();
	test_ipv6(SOCK_SEQPACKET);
	test_ipv6(SOCK_STREAM);
	test_ipv6_mixed_peer();
	test_wildcard(AF_INET);
	test_wildcard(AF_INET6);
	test_bad_fds();
	return check_end();
}
