/* sctp_peeloff: branching an association of a one-to-many socket off into
 * a one-to-one socket that works on its own, and the error paths. */
#include "check.h"

#include <fcntl.h>

/* ---- set-up ---- */

/* A one-to-one client connected to the one-to-many server srv. */
static int connect_client(int family, int srv)
{
	int fd = sctp_socket(family, SOCK_STREAM);
	int rc;
	if (fd < 0)
		return -1;
	/* Bound to one address, so the association has one path. */
	if (family == AF_INET6) {
		struct sockaddr_in6 me = addr6("::1", 0);
		struct sockaddr_in6 a = addr6("::1", local_port(srv));
		rc = bind(fd, (struct sockaddr *)&me, sizeof(me));
		rc = rc < 0 ? rc : connect(fd, (struct sockaddr *)&a, sizeof(a));
	} else {
		struct sockaddr_in me = addr4("127.0.0.1", 0);
		struct sockaddr_in a = addr4("127.0.0.1", local_port(srv));
		rc = bind(fd, (struct sockaddr *)&me, sizeof(me));
		rc = rc < 0 ? rc : connect(fd, (struct sockaddr *)&a, sizeof(a));
	}
	if (rc < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

struct pair {
	int srv;          /* one-to-many server, subscribed to ASSOC_CHANGE */
	int cl;           /* one-to-one client */
	sctp_assoc_t id;  /* the association, as the server knows it */
};

static struct pair make_pair(int family)
{
	struct pair p = { -1, -1, 0 };
	p.srv = sctp_listener(family, SOCK_SEQPACKET, family == AF_INET6 ? "::1" : "127.0.0.1");
	if (p.srv < 0 || subscribe_event(p.srv, SCTP_ASSOC_CHANGE) < 0)
		return p;
	p.cl = connect_client(family, p.srv);
	if (p.cl >= 0)
		p.id = comm_up_id(p.srv);
	return p;
}

static void close_pair(struct pair *p)
{
	close(p->cl);
	close(p->srv);
}

static int got(int fd, const char *want)
{
	char buf[64];
	int n = recv_data(fd, buf, sizeof(buf));
	return n == (int)strlen(want) && memcmp(buf, want, n) == 0;
}

static int sock_type(int fd)
{
	int type = -1;
	socklen_t len = sizeof(type);
	getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len);
	return type;
}

/* Same family, port and address (flow info and scope are not compared). */
static int same_sockaddr(const struct sockaddr *a, const struct sockaddr *b)
{
	if (a->sa_family != b->sa_family)
		return 0;
	if (a->sa_family == AF_INET) {
		const struct sockaddr_in *x = (const struct sockaddr_in *)a, *y = (const struct sockaddr_in *)b;
		return x->sin_port == y->sin_port && x->sin_addr.s_addr == y->sin_addr.s_addr;
	}
	const struct sockaddr_in6 *x = (const struct sockaddr_in6 *)a, *y = (const struct sockaddr_in6 *)b;
	return a->sa_family == AF_INET6 && x->sin6_port == y->sin6_port &&
	       memcmp(&x->sin6_addr, &y->sin6_addr, sizeof(x->sin6_addr)) == 0;
}

/* Is fd's only peer address the only local address of peer (compared
 * with getladdrs: getsockname on a peeled-off IPv6 socket gives "::")? */
static int peer_is(int fd, int peer)
{
	struct sockaddr *paddrs = NULL, *laddrs = NULL;
	int np = sctp_getpaddrs(fd, 0, &paddrs);
	int nl = sctp_getladdrs(peer, 0, &laddrs);
	int ok = np == 1 && nl == 1 && same_sockaddr(paddrs, laddrs);
	if (np > 0)
		sctp_freepaddrs(paddrs);
	if (nl > 0)
		sctp_freeladdrs(laddrs);
	return ok;
}

/* ---- the peeled-off socket works on its own ---- */

static void test_peeloff(int family)
{
	const char *fn = family == AF_INET6 ? "IPv6" : "IPv4";
	struct sockaddr *addrs = NULL;
	struct pair p = make_pair(family);
	int fd;

	REQUIRE(p.srv >= 0 && p.cl >= 0 && p.id != 0, "%s: one-to-many server with an association", fn);
	CHECK(send(p.cl, "early", 5, 0) == 5, "%s: client sends before the peel-off", fn);
	usleep(100 * 1000);

	fd = sctp_peeloff(p.srv, p.id);
	CHECK(fd >= 0 && fd != p.srv, "%s: sctp_peeloff returns a new descriptor", fn);
	if (fd < 0) {
		close_pair(&p);
		return;
	}
	/* The kernel keeps SOCK_SEQPACKET as the type of a peeled-off socket. */
	CHECK(sock_type(fd) == SOCK_SEQPACKET, "%s: the new socket's SO_TYPE is SOCK_SEQPACKET", fn);
	CHECK(!(fcntl(fd, F_GETFL) & O_NONBLOCK), "%s: the new socket is blocking", fn);
	CHECK(!(fcntl(fd, F_GETFD) & FD_CLOEXEC), "%s: the new socket is not close-on-exec", fn);
	CHECK(got(fd, "early"), "%s: data queued before the peel-off is read on the new socket", fn);

	CHECK(peer_is(fd, p.cl), "%s: getpaddrs on the new socket gives the client's address", fn);
	CHECK(peer_is(p.cl, fd), "%s: the client's peer is the new socket's address", fn);
	CHECK(send(fd, "one", 3, 0) == 3 && got(p.cl, "one"), "%s: new socket -> client", fn);
	CHECK(send(p.cl, "two", 3, 0) == 3 && got(fd, "two"), "%s: client -> new socket", fn);
	CHECK(send(p.cl, "three", 5, 0) == 5 && got(fd, "three") && !wait_readable(p.srv, 300),
	      "%s: the original socket no longer gets the association's data", fn);
	CHECK_ERR(sctp_getpaddrs(p.srv, p.id, &addrs), EINVAL,
		  "%s: the association is gone from the original socket (getpaddrs -> EINVAL)", fn);
	CHECK_ERR(sctp_peeloff(p.srv, p.id), EINVAL, "%s: peeling it off again -> EINVAL", fn);
	CHECK_ERR(sctp_peeloff(fd, p.id), EINVAL, "%s: peeling off the peeled socket -> EINVAL", fn);
	CHECK_ERR(sctp_peeloff(fd, 0), EINVAL, "%s: peeling off the peeled socket, id 0 -> EINVAL", fn);

	/* The original socket keeps serving new associations. */
	int cl2 = connect_client(family, p.srv);
	CHECK(cl2 >= 0 && comm_up_id(p.srv) != 0, "%s: a new association on the original socket", fn);
	CHECK(send(cl2, "four", 4, 0) == 4 && got(p.srv, "four"),
	      "%s: its data arrives on the original socket", fn);
	close(cl2);

	/* Closing the peeled socket shuts the association down. */
	char c;
	close(fd);
	CHECK(wait_readable(p.cl, 3000) && recv(p.cl, &c, 1, 0) == 0,
	      "%s: closing the new socket ends the client's association (EOF)", fn);
	close_pair(&p);
}

/* The new socket does not inherit O_NONBLOCK from the one-to-many socket. */
static void test_flags_not_inherited(void)
{
	struct pair p = make_pair(AF_INET);
	int fd;

	REQUIRE(p.srv >= 0 && p.cl >= 0 && p.id != 0, "server with an association");
	fcntl(p.srv, F_SETFL, fcntl(p.srv, F_GETFL) | O_NONBLOCK);
	fd = sctp_peeloff(p.srv, p.id);
	CHECK(fd >= 0, "peeloff from a non-blocking socket");
	CHECK(fd >= 0 && !(fcntl(fd, F_GETFL) & O_NONBLOCK),
	      "the new socket does not inherit O_NONBLOCK");
	close(fd);
	close_pair(&p);
}

/* Two associations: peeling off one leaves the other. */
static void test_two_associations(void)
{
	struct pair p = make_pair(AF_INET);
	int cl2, fd;
	sctp_assoc_t id2;

	REQUIRE(p.srv >= 0 && p.cl >= 0 && p.id != 0, "server with a first association");
	cl2 = connect_client(AF_INET, p.srv);
	id2 = comm_up_id(p.srv);
	REQUIRE(cl2 >= 0 && id2 != 0 && id2 != p.id, "a second association");
	fd = sctp_peeloff(p.srv, id2);
	CHECK(fd >= 0, "peel off the second association");
	CHECK(send(cl2, "b", 1, 0) == 1 && got(fd, "b"), "second client's data on the new socket");
	CHECK(send(p.cl, "a", 1, 0) == 1 && got(p.srv, "a"),
	      "first client's data still on the original socket");
	CHECK(peer_is(fd, cl2), "the new socket's peer is the second client");
	close(fd);
	close(cl2);
	close_pair(&p);
}

/* ---- bad arguments ---- */

static void test_errors(void)
{
	struct pair p = make_pair(AF_INET);
	int pfd[2];
	int udp = socket(AF_INET, SOCK_DGRAM, 0);
	int one = sctp_socket(AF_INET, SOCK_STREAM);

	REQUIRE(p.srv >= 0 && p.cl >= 0 && p.id != 0, "errors: server with an association");
	REQUIRE(pipe(pfd) == 0 && udp >= 0 && one >= 0, "errors: pipe and sockets");
	CHECK_ERR(sctp_peeloff(-1, p.id), EBADF, "fd -1 -> EBADF");
	CHECK_ERR(sctp_peeloff(pfd[0], p.id), ENOTSOCK, "a pipe -> ENOTSOCK");
	CHECK_ERR(sctp_peeloff(udp, p.id), EOPNOTSUPP, "a UDP socket -> EOPNOTSUPP");
	CHECK_ERR(sctp_peeloff(one, 0), EINVAL, "an unconnected one-to-one SCTP socket -> EINVAL");
	CHECK_ERR(sctp_peeloff(p.cl, 0), EINVAL, "a connected one-to-one SCTP socket -> EINVAL");
	CHECK_ERR(sctp_peeloff(p.cl, p.id), EINVAL, "a connected one-to-one socket, its id -> EINVAL");
	CHECK_ERR(sctp_peeloff(p.srv, 0), EINVAL, "one-to-many, id 0 -> EINVAL");
	CHECK_ERR(sctp_peeloff(p.srv, p.id + 1000), EINVAL, "one-to-many, unknown id -> EINVAL");
	CHECK_ERR(sctp_peeloff(p.srv, -1), EINVAL, "one-to-many, id -1 -> EINVAL");
	CHECK(send(p.cl, "ok", 2, 0) == 2 && got(p.srv, "ok"),
	      "the association still works after the failed peel-offs");
	close(pfd[0]);
	close(pfd[1]);
	close(udp);
	close(one);
	close_pair(&p);
}

int main(int argc, char **argv)
{
	(void)argc;
	check_start(argv[0]);
	test_peeloff(AF_INET);
	test_peeloff(AF_INET6);
	test_flags_not_inherited();
	test_two_associations();
	test_errors();
	return check_end();
}
