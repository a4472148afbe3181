/* sctp_connectx (default version): connecting to a multi-homed server with a
 * packed address array, the returned association id, non-blocking sockets,
 * refused connections and the error paths. */
#include "check.h"

#include <fcntl.h>

/* ---- set-up ---- */

/* A listening socket on all the given addresses (NULL-terminated), one port. */
static int server_on(int family, int type, const char *const *ips)
{
	struct packed p = { .len = 0, .n = 0 };
	unsigned short port;
	int one = 1;
	int fd = sctp_socket(family, type);

	if (fd < 0)
		return -1;
	if (bind_ip(fd, ips[0], 0) < 0)
		goto fail;
	port = local_port(fd);
	for (int i = 1; ips[i]; i++)
		packed_add(&p, ips[i], port);
	if (p.n > 0 && sctp_bindx(fd, packed_sa(&p), p.n, SCTP_BINDX_ADD_ADDR) < 0)
		goto fail;
	if (setsockopt(fd, IPPROTO_SCTP, SCTP_RECVRCVINFO, &one, sizeof(one)) < 0 ||
	    listen(fd, 8) < 0)
		goto fail;
	return fd;
fail:
	close(fd);
	return -1;
}

static const char *const v4_three[] = { "127.0.0.1", "127.0.0.2", "127.0.0.3", NULL };
static const char *const v6_one[] = { "::1", NULL };
static const char *const v6_mixed[] = { "::1", "127.0.0.2", NULL };

/* A client socket subscribed to association changes, rcvinfo on. */
static int client(int family, int type)
{
	int one = 1;
	int fd = sctp_socket(family, type);
	if (fd >= 0 && (subscribe_event(fd, SCTP_ASSOC_CHANGE) < 0 ||
			setsockopt(fd, IPPROTO_SCTP, SCTP_RECVRCVINFO, &one, sizeof(one)) < 0)) {
		close(fd);
		return -1;
	}
	return fd;
}

static int set_nonblock(int fd)
{
	return fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* The next SCTP_ASSOC_CHANGE notification (data is skipped); 0 if none. */
static int next_assoc_change(int fd, struct sctp_assoc_change *out)
{
	char buf[512];
	for (int tries = 0; tries < 8 && wait_readable(fd, 3000); tries++) {
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
		ssize_t n = recvmsg(fd, &m, 0);
		const struct sctp_assoc_change *ac = (const struct sctp_assoc_change *)buf;
		if (n < 0)
			return 0;
		if ((m.msg_flags & MSG_NOTIFICATION) && ac->sac_type == SCTP_ASSOC_CHANGE) {
			memcpy(out, ac, sizeof(*out));
			return 1;
		}
	}
	return 0;
}

/* Send a message on an association (id ignored on one-to-one sockets). */
static int send_on(int fd, sctp_assoc_t id, const char *msg)
{
	char cbuf[CMSG_SPACE(sizeof(struct sctp_sndinfo))];
	struct iovec iov = { (void *)msg, strlen(msg) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	struct sctp_sndinfo si;

	memset(cbuf, 0, sizeof(cbuf));
	memset(&si, 0, sizeof(si));
	si.snd_assoc_id = id;
	c->cmsg_level = IPPROTO_SCTP;
	c->cmsg_type = SCTP_SNDINFO;
	c->cmsg_len = CMSG_LEN(sizeof(si));
	memcpy(CMSG_DATA(c), &si, sizeof(si));
	return sendmsg(fd, &m, 0) == (ssize_t)strlen(msg) ? 0 : -1;
}

/* Receive the next data message (notifications skipped) into buf, with
 * the association id it came on; its length, or -1 after a time-out. */
static int recv_data_id(int fd, char *buf, size_t size, sctp_assoc_t *id)
{
	for (int tries = 0; tries < 8 && wait_readable(fd, 3000); tries++) {
		char cbuf[256];
		struct iovec iov = { buf, size - 1 };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
				    .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
		ssize_t n = recvmsg(fd, &m, 0);
		if (n < 0)
			return -1;
		if (m.msg_flags & MSG_NOTIFICATION)
			continue;
		buf[n] = 0;
		*id = 0;
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
			if (c->cmsg_level == IPPROTO_SCTP && c->cmsg_type == SCTP_RCVINFO)
				*id = ((struct sctp_rcvinfo *)CMSG_DATA(c))->rcv_assoc_id;
		return (int)n;
	}
	return -1;
}

/* Association id and state of fd's association id (SCTP_STATUS). */
static sctp_assoc_t status_id(int fd, sctp_assoc_t id, int *state)
{
	struct sctp_status st;
	socklen_t len = sizeof(st);
	memset(&st, 0, sizeof(st));
	st.sstat_assoc_id = id;
	if (getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len) < 0)
		return 0;
	*state = st.sstat_state;
	return st.sstat_assoc_id;
}

/* Client -> server -> client round trip on a one-to-many server. */
static int ping_pong_many(int srv, int cl, sctp_assoc_t cid, const char *what)
{
	char buf[64];
	sctp_assoc_t sid = 0, back = 0;
	int ok = 1;

	ok &= send_on(cl, cid, "ping") == 0;
	ok &= recv_data_id(srv, buf, sizeof(buf), &sid) == 4 && strcmp(buf, "ping") == 0;
	CHECK(ok, "%s: data reaches the server", what);
	ok = send_on(srv, sid, "pong") == 0;
	ok &= recv_data_id(cl, buf, sizeof(buf), &back) == 4 && strcmp(buf, "pong") == 0;
	CHECK(ok, "%s: the server's reply reaches the client", what);
	return back;
}

/* ---- one-to-many client ---- */

static void test_many(const char *const *server_ips, const char *const *to, int nto,
		      int family, int npeers, const char *what)
{
	struct packed p = { .len = 0, .n = 0 };
	sctp_assoc_t id = 0x7fffffff;
	int srv, cl, state = -1;
	unsigned short port;

	srv = server_on(family, SOCK_SEQPACKET, server_ips);
	cl = client(family, SOCK_SEQPACKET);
	REQUIRE(srv >= 0 && cl >= 0, "%s: server and client sockets", what);
	port = local_port(srv);
	for (int i = 0; i < nto; i++)
		packed_add(&p, to[i], port);

	CHECK(sctp_connectx(cl, packed_sa(&p), p.n, &id) == 0, "%s: connectx returns 0", what);
	CHECK(id != 0 && id != 0x7fffffff, "%s: connectx filled in a nonzero id", what);
	CHECK(comm_up_id(cl) == id, "%s: id equals the COMM_UP notification's", what);
	CHECK(status_id(cl, id, &state) == id && state == SCTP_ESTABLISHED,
	      "%s: SCTP_STATUS for the id: same id, ESTABLISHED", what);
	CHECK(peer_count(cl, id) == npeers, "%s: getpaddrs(id) counts the server's addresses", what);
	CHECK(ping_pong_many(srv, cl, id, what) == id, "%s: the reply arrives on the same id", what);
	close(cl);
	close(srv);
}

/* ---- one-to-one client ---- */

static void test_one(const char *const *server_ips, const char *to, int family, const char *what)
{
	struct packed p = { .len = 0, .n = 0 };
	sctp_assoc_t id = 0x7fffffff;
	int srv, cl, acc = -1, state = -1;
	char buf[16] = "";

	srv = server_on(family, SOCK_STREAM, server_ips);
	cl = client(family, SOCK_STREAM);
	REQUIRE(srv >= 0 && cl >= 0, "%s: server and client sockets", what);
	packed_add(&p, to, local_port(srv));

	CHECK(sctp_connectx(cl, packed_sa(&p), p.n, &id) == 0, "%s: connectx returns 0", what);
	CHECK(id != 0 && id != 0x7fffffff, "%s: connectx filled in a nonzero id", what);
	CHECK(status_id(cl, 0, &state) == id && state == SCTP_ESTABLISHED,
	      "%s: SCTP_STATUS reports the same id, ESTABLISHED", what);
	CHECK(comm_up_id(cl) == id, "%s: id equals the COMM_UP notification's", what);
	REQUIRE(wait_readable(srv, 3000) && (acc = accept(srv, NULL, NULL)) >= 0,
		"%s: server accepts", what);
	CHECK(send(cl, "hi", 2, 0) == 2 && wait_readable(acc, 3000) &&
		      recv(acc, buf, sizeof(buf), 0) == 2 && memcmp(buf, "hi", 2) == 0,
	      "%s: data flows client -> server", what);
	CHECK(send(acc, "yo", 2, 0) == 2 && wait_readable(cl, 3000) &&
		      recv(cl, buf, sizeof(buf), 0) == 2 && memcmp(buf, "yo", 2) == 0,
	      "%s: data flows server -> client", what);

	CHECK_ERR(sctp_connectx(cl, packed_sa(&p), p.n, &id), EISCONN,
		  "%s: connectx on a connected one-to-one socket -> EISCONN", what);
	close(acc);
	close(cl);
	close(srv);
}

/* ---- id NULL ---- */

static void test_null_id(void)
{
	struct packed p = { .len = 0, .n = 0 };
	int srv = server_on(AF_INET, SOCK_SEQPACKET, v4_three);
	int cl = client(AF_INET, SOCK_SEQPACKET);
	sctp_assoc_t id;

	REQUIRE(srv >= 0 && cl >= 0, "id NULL: sockets");
	packed_add(&p, "127.0.0.3", local_port(srv));
	CHECK(sctp_connectx(cl, packed_sa(&p), p.n, NULL) == 0, "id NULL: connectx returns 0");
	id = comm_up_id(cl);
	CHECK(id != 0, "id NULL: the association comes up");
	ping_pong_many(srv, cl, id, "id NULL");
	close(cl);
	close(srv);
}

/* ---- non-blocking ---- */

static void test_nonblocking_many(void)
{
	struct packed p = { .len = 0, .n = 0 };
	int srv = server_on(AF_INET, SOCK_SEQPACKET, v4_three);
	int cl = client(AF_INET, SOCK_SEQPACKET);
	sctp_assoc_t id = 0;

	REQUIRE(srv >= 0 && cl >= 0 && set_nonblock(cl) == 0, "non-blocking one-to-many: sockets");
	packed_add(&p, "127.0.0.1", local_port(srv));
	packed_add(&p, "127.0.0.2", local_port(srv));
	CHECK_ERR(sctp_connectx(cl, packed_sa(&p), p.n, &id), EINPROGRESS,
		  "non-blocking one-to-many: connectx -> EINPROGRESS");
	CHECK(id != 0, "non-blocking one-to-many: the id is filled in all the same");
	CHECK(comm_up_id(cl) == id, "non-blocking one-to-many: COMM_UP carries that id");
	CHECK(peer_count(cl, id) == 3, "non-blocking one-to-many: getpaddrs(id) counts 3");
	ping_pong_many(srv, cl, id, "non-blocking one-to-many");
	close(cl);
	close(srv);
}

static void test_nonblocking_one(void)
{
	struct packed p = { .len = 0, .n = 0 };
	int srv = server_on(AF_INET6, SOCK_STREAM, v6_one);
	int cl = client(AF_INET6, SOCK_STREAM);
	struct pollfd pf = { .fd = cl, .events = POLLOUT, .revents = 0 };
	sctp_assoc_t id = 0;
	int err = -1, state = -1;
	socklen_t len = sizeof(err);

	REQUIRE(srv >= 0 && cl >= 0 && set_nonblock(cl) == 0, "non-blocking one-to-one: sockets");
	packed_add(&p, "::1", local_port(srv));
	CHECK_ERR(sctp_connectx(cl, packed_sa(&p), p.n, &id), EINPROGRESS,
		  "non-blocking one-to-one: connectx -> EINPROGRESS");
	CHECK(id != 0, "non-blocking one-to-one: the id is filled in all the same");
	CHECK(poll(&pf, 1, 3000) == 1 && (pf.revents & POLLOUT), "non-blocking one-to-one: writable");
	CHECK(getsockopt(cl, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0,
	      "non-blocking one-to-one: SO_ERROR 0");
	CHECK(status_id(cl, 0, &state) == id && state == SCTP_ESTABLISHED,
	      "non-blocking one-to-one: SCTP_STATUS has the same id, ESTABLISHED");
	close(cl);
	close(srv);
}

/* ---- nobody listening ---- */

/* A port with no SCTP socket on it (bound once, then released). */
static unsigned short closed_port(void)
{
	int fd = sctp_listener(AF_INET, SOCK_STREAM, "127.0.0.1");
	unsigned short port = local_port(fd);
	close(fd);
	return port;
}

static void test_refused(void)
{
	struct packed p = { .len = 0, .n = 0 };
	struct sctp_assoc_change ac;
	sctp_assoc_t id = 0;
	int cl, err = -1;
	socklen_t len = sizeof(err);
	struct pollfd pf = { .fd = -1, .events = POLLOUT, .revents = 0 };

	packed_add(&p, "127.0.0.1", closed_port());

	cl = client(AF_INET, SOCK_SEQPACKET);
	REQUIRE(cl >= 0, "refused: one-to-many socket");
	CHECK_ERR(sctp_connectx(cl, packed_sa(&p), p.n, &id), ECONNREFUSED,
		  "refused, blocking one-to-many: connectx -> ECONNREFUSED");
	CHECK(next_assoc_change(cl, &ac) && ac.sac_state == SCTP_CANT_STR_ASSOC,
	      "refused, blocking one-to-many: ASSOC_CHANGE CANT_STR_ASSOC");
	close(cl);

	cl = client(AF_INET, SOCK_SEQPACKET);
	REQUIRE(cl >= 0 && set_nonblock(cl) == 0, "refused: non-blocking one-to-many socket");
	id = 0;
	CHECK_ERR(sctp_connectx(cl, packed_sa(&p), p.n, &id), EINPROGRESS,
		  "refused, non-blocking one-to-many: connectx -> EINPROGRESS");
	CHECK(id != 0, "refused, non-blocking one-to-many: id filled in");
	CHECK(next_assoc_change(cl, &ac) && ac.sac_state == SCTP_CANT_STR_ASSOC &&
		      ac.sac_assoc_id == id,
	      "refused, non-blocking one-to-many: CANT_STR_ASSOC for that id");
	struct sockaddr *none = NULL;
	CHECK_ERR(sctp_getpaddrs(cl, id, &none), EINVAL,
		  "refused: the association is gone (getpaddrs -> EINVAL)");
	close(cl);

	cl = client(AF_INET, SOCK_STREAM);
	REQUIRE(cl >= 0, "refused: one-to-one socket");
	CHECK_ERR(sctp_connectx(cl, packed_sa(&p), p.n, &id), ECONNREFUSED,
		  "refused, blocking one-to-one: connectx -> ECONNREFUSED");
	close(cl);

	cl = client(AF_INET, SOCK_STREAM);
	REQUIRE(cl >= 0 && set_nonblock(cl) == 0, "refused: non-blocking one-to-one socket");
	CHECK_ERR(sctp_connectx(cl, packed_sa(&p), p.n, &id), EINPROGRESS,
		  "refused, non-blocking one-to-one: connectx -> EINPROGRESS");
	pf.fd = cl;
	CHECK(poll(&pf, 1, 3000) == 1, "refused, non-blocking one-to-one: poll reports");
	CHECK(getsockopt(cl, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == ECONNREFUSED,
	      "refused, non-blocking one-to-one: SO_ERROR is ECONNREFUSED");
	close(cl);
}

/* ---- lksctp bug: a stale errno of ENOPROTOOPT sends it to the fallback ---- */

static void test_stale_errno(void)
{
	struct packed p = { .len = 0, .n = 0 };
	int srv = server_on(AF_INET, SOCK_SEQPACKET, v4_three);
	int cl = client(AF_INET, SOCK_SEQPACKET);
	sctp_assoc_t id = 0;
	int rc;

	REQUIRE(srv >= 0 && cl >= 0, "stale errno: sockets");
	packed_add(&p, "127.0.0.1", local_port(srv));
	errno = ENOPROTOOPT;
	rc = sctp_connectx(cl, packed_sa(&p), p.n, &id);
	CHECK_FIX(rc == 0 && id != 0,
		  "connectx succeeds and fills the id although errno was ENOPROTOOPT before");
	CHECK(comm_up_id(cl) != 0, "stale errno: the association is up");
	close(cl);
	close(srv);
}

/* ---- bad arguments ---- */

static void test_errors(void)
{
	struct packed good = { .len = 0, .n = 0 };
	struct packed first = { .len = 0, .n = 0 };
	struct packed middle = { .len = 0, .n = 0 };
	struct packed v6 = { .len = 0, .n = 0 };
	int srv = server_on(AF_INET, SOCK_SEQPACKET, v4_three);
	int cl = client(AF_INET, SOCK_SEQPACKET);
	unsigned short port = local_port(srv);
	sctp_assoc_t id = 0;
	int pfd[2];

	REQUIRE(srv >= 0 && cl >= 0 && pipe(pfd) == 0, "errors: sockets and a pipe");
	packed_add(&good, "127.0.0.1", port);
	packed_add_family(&first, AF_UNIX, 1);
	packed_add(&first, "127.0.0.1", port);
	packed_add(&middle, "127.0.0.1", port);
	packed_add_family(&middle, 0, 1);
	packed_add(&v6, "::1", port);

	CHECK_ERR(sctp_connectx(cl, packed_sa(&first), first.n, &id), EINVAL, "AF_UNIX first entry -> EINVAL");
	CHECK_ERR(sctp_connectx(cl, packed_sa(&middle), middle.n, &id), EINVAL,
		  "AF_UNSPEC second entry -> EINVAL");
	CHECK_ERR(sctp_connectx(cl, packed_sa(&good), 0, &id), EINVAL, "addrcnt 0 -> EINVAL");
	CHECK_ERR(sctp_connectx(cl, packed_sa(&good), -1, &id), EINVAL, "addrcnt -1 -> EINVAL");
	CHECK_ERR(sctp_connectx(cl, packed_sa(&v6), v6.n, &id), EINVAL,
		  "sockaddr_in6 on an IPv4 socket -> EINVAL");
	CHECK_ERR(sctp_connectx(-1, packed_sa(&good), good.n, &id), EBADF, "fd -1 -> EBADF");
	CHECK_ERR(sctp_connectx(pfd[0], packed_sa(&good), good.n, &id), ENOTSOCK, "a pipe -> ENOTSOCK");
	CHECK(!wait_readable(cl, 200), "no association was started by the rejected calls");

	CHECK(sctp_connectx(cl, packed_sa(&good), good.n, &id) == 0, "errors: a good connectx then works");
	CHECK_ERR(sctp_connectx(cl, packed_sa(&good), good.n, &id), EISCONN,
		  "connectx again to the same peer on one-to-many -> EISCONN");
	close(pfd[0]);
	close(pfd[1]);
	close(cl);
	close(srv);
}

int main(int argc, char **argv)
{
	static const char *const to3[] = { "127.0.0.1", "127.0.0.2", "127.0.0.3" };
	static const char *const to2[] = { "127.0.0.3", "127.0.0.2" };
	static const char *const to6[] = { "::1" };
	static const char *const to6m[] = { "::1", "127.0.0.2" };

	(void)argc;
	check_start(argv[0]);
	test_many(v4_three, to3, 3, AF_INET, 3, "one-to-many, 3 addresses");
	test_many(v4_three, to2, 2, AF_INET, 3, "one-to-many, 2 of 3 addresses");
	test_many(v6_one, to6, 1, AF_INET6, 1, "one-to-many IPv6 ::1");
	test_many(v6_mixed, to6m, 2, AF_INET6, 2, "one-to-many IPv6, ::1 + sockaddr_in");
	test_one(v4_three, "127.0.0.2", AF_INET, "one-to-one IPv4");
	test_one(v6_one, "::1", AF_INET6, "one-to-one IPv6");
	test_null_id();
	test_nonblocking_many();
	test_nonblocking_one();
	test_refused();
	test_stale_errno();
	test_errors();
	return check_end();
}
