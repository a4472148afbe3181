/* sctp_peeloff_flags: the peeled-off socket gets O_NONBLOCK / FD_CLOEXEC as
 * asked. lksctp declares it but its libsctp.so.1 does not export it, so
 * this program only builds against our library. */
#include "check.h"

#include <fcntl.h>

/* ---- set-up ---- */

struct pair {
	int srv;          /* one-to-many server, subscribed to ASSOC_CHANGE */
	int cl;           /* one-to-one client */
	sctp_assoc_t id;  /* the association, as the server knows it */
};

static struct pair make_pair(void)
{
	struct pair p = { -1, -1, 0 };
	struct sockaddr_in a;

	p.srv = sctp_listener(AF_INET, SOCK_SEQPACKET, "127.0.0.1");
	if (p.srv < 0 || subscribe_event(p.srv, SCTP_ASSOC_CHANGE) < 0)
		return p;
	a = addr4("127.0.0.1", local_port(p.srv));
	p.cl = sctp_socket(AF_INET, SOCK_STREAM);
	if (p.cl >= 0 && connect(p.cl, (struct sockaddr *)&a, sizeof(a)) == 0)
		p.id = comm_up_id(p.srv);
	return p;
}

static void close_pair(struct pair *p)
{
	close(p->cl);
	close(p->srv);
}

static int nonblocking(int fd)
{
	return (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0;
}

static int cloexec(int fd)
{
	return (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0;
}

/* A message each way between the peeled-off socket and the client. */
static int works(int fd, int cl)
{
	char buf[16];
	return send(cl, "up", 2, 0) == 2 && wait_readable(fd, 3000) &&
	       recv(fd, buf, sizeof(buf), 0) == 2 && memcmp(buf, "up", 2) == 0 &&
	       send(fd, "dn", 2, 0) == 2 && wait_readable(cl, 3000) &&
	       recv(cl, buf, sizeof(buf), 0) == 2 && memcmp(buf, "dn", 2) == 0;
}

/* ---- each flag combination ---- */

static void test_flags(unsigned flags, int want_nonblock, int want_cloexec, const char *what)
{
	struct pair p = make_pair();
	int fd;

	REQUIRE(p.srv >= 0 && p.cl >= 0 && p.id != 0, "%s: server with an association", what);
	fd = sctp_peeloff_flags(p.srv, p.id, flags);
	CHECK(fd >= 0 && fd != p.srv, "%s: peeloff_flags returns a new descriptor", what);
	if (fd < 0) {
		close_pair(&p);
		return;
	}
	CHECK(nonblocking(fd) == want_nonblock, "%s: O_NONBLOCK %s", what, want_nonblock ? "set" : "clear");
	CHECK(cloexec(fd) == want_cloexec, "%s: FD_CLOEXEC %s", what, want_cloexec ? "set" : "clear");
	CHECK(!nonblocking(p.srv) && !cloexec(p.srv), "%s: the original socket's flags are untouched", what);
	if (want_nonblock) {
		char c;
		CHECK_ERR(recv(fd, &c, 1, 0), EAGAIN, "%s: recv with nothing queued -> EAGAIN", what);
	}
	CHECK(works(fd, p.cl), "%s: data flows both ways on the new socket", what);
	close(fd);
	close_pair(&p);
}

/* ---- bad arguments ---- */

static void test_errors(void)
{
	const unsigned both = SOCK_NONBLOCK | SOCK_CLOEXEC;
	struct pair p = make_pair();
	int pfd[2];

	REQUIRE(p.srv >= 0 && p.cl >= 0 && p.id != 0, "errors: server with an association");
	REQUIRE(pipe(pfd) == 0, "errors: pipe");
	CHECK_ERR(sctp_peeloff_flags(-1, p.id, both), EBADF, "fd -1 -> EBADF");
	CHECK_ERR(sctp_peeloff_flags(pfd[0], p.id, both), ENOTSOCK, "a pipe -> ENOTSOCK");
	CHECK_ERR(sctp_peeloff_flags(p.cl, 0, both), EINVAL, "a one-to-one socket -> EINVAL");
	CHECK_ERR(sctp_peeloff_flags(p.srv, 0, both), EINVAL, "id 0 -> EINVAL");
	CHECK_ERR(sctp_peeloff_flags(p.srv, p.id + 1000, both), EINVAL, "unknown id -> EINVAL");
	CHECK_ERR(sctp_peeloff_flags(p.srv, p.id + 1000, 0), EINVAL, "unknown id, flags 0 -> EINVAL");
	int fd = sctp_peeloff_flags(p.srv, p.id, both);
	CHECK(fd >= 0 && works(fd, p.cl), "the association still peels off after the failures");
	close(fd);
	close(pfd[0]);
	close(pfd[1]);
	close_pair(&p);
}

int main(int argc, char **argv)
{
	(void)argc;
	check_start(argv[0]);
	test_flags(SOCK_NONBLOCK | SOCK_CLOEXEC, 1, 1, "NONBLOCK|CLOEXEC");
	test_flags(SOCK_NONBLOCK, 1, 0, "NONBLOCK");
	test_flags(SOCK_CLOEXEC, 0, 1, "CLOEXEC");
	test_flags(0, 0, 0, "flags 0");
	test_errors();
	return check_end();
}
