/* The three ABI versions of sctp_connectx, each called explicitly:
 *   VERS_1: int sctp_connectx(int, struct sockaddr *, int)         (no id)
 *   VERS_2: int sctp_connectx(int, struct sockaddr *, int, sctp_assoc_t *)
 *   VERS_3: the default, same prototype as VERS_2
 * Each must really connect; VERS_2 and VERS_3 return 0 and fill the id. */
#include "check.h"

#include <fcntl.h>

#ifdef __cplusplus /* the .symver names are the C names */
extern "C" {
#endif
int connectx_v1(int fd, struct sockaddr *addrs, int addrcnt);
__asm__(".symver connectx_v1, sctp_connectx@VERS_1");
int connectx_v2(int fd, struct sockaddr *addrs, int addrcnt, sctp_assoc_t *id);
__asm__(".symver connectx_v2, sctp_connectx@VERS_2");
int connectx_v3(int fd, struct sockaddr *addrs, int addrcnt, sctp_assoc_t *id);
__asm__(".symver connectx_v3, sctp_connectx@VERS_3");
#ifdef __cplusplus
}
#endif

/* ---- set-up ---- */

/* A listening server on 127.0.0.1 and 127.0.0.2, one port. */
static int server(int type)
{
	int fd = sctp_listener(AF_INET, type, "127.0.0.1");
	struct sockaddr_in more = addr4("127.0.0.2", local_port(fd));
	if (fd >= 0 && sctp_bindx(fd, (struct sockaddr *)&more, 1, SCTP_BINDX_ADD_ADDR) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The server's two addresses, packed. */
struct two {
	struct sockaddr_in a[2];
};

static struct two targets(int srv)
{
	struct two t = { { addr4("127.0.0.1", local_port(srv)), addr4("127.0.0.2", local_port(srv)) } };
	return t;
}

static int client(int type, int nonblock)
{
	int fd = sctp_socket(AF_INET, type);
	if (fd < 0)
		return -1;
	if (subscribe_event(fd, SCTP_ASSOC_CHANGE) < 0 ||
	    (nonblock && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* A port with no SCTP socket on it (bound once, then released). */
static unsigned short closed_port(void)
{
	int fd = sctp_listener(AF_INET, SOCK_STREAM, "127.0.0.1");
	unsigned short port = local_port(fd);
	close(fd);
	return port;
}

/* One message client -> server over a one-to-one pair (accepting). */
static int data_flows_one(int srv, int cl)
{
	char buf[16];
	int acc, ok;
	if (!wait_readable(srv, 3000) || (acc = accept(srv, NULL, NULL)) < 0)
		return 0;
	ok = send(cl, "abc", 3, 0) == 3 && recv_data(acc, buf, sizeof(buf)) == 3 &&
	     memcmp(buf, "abc", 3) == 0;
	close(acc);
	return ok;
}

/* One message client -> server on a one-to-many pair (client side
 * connected to exactly one association, so sendto the server works). */
static int data_flows_many(int srv, int cl)
{
	struct sockaddr_in to = addr4("127.0.0.1", local_port(srv));
	char buf[16];
	return sendto(cl, "xyz", 3, 0, (struct sockaddr *)&to, sizeof(to)) == 3 &&
	       recv_data(srv, buf, sizeof(buf)) == 3 && memcmp(buf, "xyz", 3) == 0;
}

/* ---- VERS_1: three arguments, 0 on success ---- */

static void test_v1(void)
{
	int srv, cl;
	struct two t;
	struct sockaddr_in bad = addr4("127.0.0.1", closed_port());

	srv = server(SOCK_STREAM);
	cl = client(SOCK_STREAM, 0);
	REQUIRE(srv >= 0 && cl >= 0, "VERS_1 one-to-one: sockets");
	t = targets(srv);
	CHECK(connectx_v1(cl, (struct sockaddr *)t.a, 2) == 0, "VERS_1 one-to-one: returns 0");
	CHECK(comm_up_id(cl) != 0, "VERS_1 one-to-one: association up");
	CHECK(data_flows_one(srv, cl), "VERS_1 one-to-one: data flows");
	close(cl);
	close(srv);

	srv = server(SOCK_SEQPACKET);
	cl = client(SOCK_SEQPACKET, 0);
	REQUIRE(srv >= 0 && cl >= 0, "VERS_1 one-to-many: sockets");
	t = targets(srv);
	CHECK(connectx_v1(cl, (struct sockaddr *)t.a, 2) == 0, "VERS_1 one-to-many: returns 0");
	CHECK(comm_up_id(cl) != 0, "VERS_1 one-to-many: association up");
	CHECK(data_flows_many(srv, cl), "VERS_1 one-to-many: data flows");
	close(cl);

	cl = client(SOCK_SEQPACKET, 1);
	REQUIRE(cl >= 0, "VERS_1 non-blocking: socket");
	CHECK_ERR(connectx_v1(cl, (struct sockaddr *)t.a, 2), EINPROGRESS,
		  "VERS_1 non-blocking: -> EINPROGRESS");
	CHECK(comm_up_id(cl) != 0, "VERS_1 non-blocking: association comes up");
	close(cl);
	close(srv);

	cl = client(SOCK_SEQPACKET, 0);
	REQUIRE(cl >= 0, "VERS_1 errors: socket");
	CHECK_ERR(connectx_v1(cl, (struct sockaddr *)&bad, 1), ECONNREFUSED,
		  "VERS_1: nobody listening -> ECONNREFUSED");
	t.a[1].sin_family = AF_UNIX;
	CHECK_ERR(connectx_v1(cl, (struct sockaddr *)t.a, 2), EINVAL, "VERS_1: unknown family -> EINVAL");
	CHECK_ERR(connectx_v1(cl, (struct sockaddr *)t.a, 0), EINVAL, "VERS_1: addrcnt 0 -> EINVAL");
	CHECK_ERR(connectx_v1(cl, (struct sockaddr *)t.a, -1), EINVAL, "VERS_1: addrcnt -1 -> EINVAL");
	CHECK_ERR(connectx_v1(-1, (struct sockaddr *)t.a, 1), EBADF, "VERS_1: fd -1 -> EBADF");
	close(cl);
}

/* ---- VERS_2 and VERS_3: four arguments, 0 and the id on success ---- */

typedef int (*connectx_fn)(int, struct sockaddr *, int, sctp_assoc_t *);

static void test_id_version(connectx_fn cx, const char *v)
{
	sctp_assoc_t id;
	int srv, cl;
	struct two t;

	srv = server(SOCK_STREAM);
	cl = client(SOCK_STREAM, 0);
	REQUIRE(srv >= 0 && cl >= 0, "%s one-to-one: sockets", v);
	t = targets(srv);
	id = 0x7fffffff;
	CHECK(cx(cl, (struct sockaddr *)t.a, 2, &id) == 0, "%s one-to-one: returns 0", v);
	CHECK(id != 0 && id != 0x7fffffff, "%s one-to-one: id filled in", v);
	CHECK(comm_up_id(cl) == id, "%s one-to-one: id equals COMM_UP's", v);
	CHECK(data_flows_one(srv, cl), "%s one-to-one: data flows", v);
	close(cl);
	close(srv);

	srv = server(SOCK_SEQPACKET);
	cl = client(SOCK_SEQPACKET, 0);
	REQUIRE(srv >= 0 && cl >= 0, "%s one-to-many: sockets", v);
	t = targets(srv);
	id = 0x7fffffff;
	CHECK(cx(cl, (struct sockaddr *)t.a, 2, &id) == 0, "%s one-to-many: returns 0", v);
	CHECK(id != 0 && id != 0x7fffffff, "%s one-to-many: id filled in", v);
	CHECK(comm_up_id(cl) == id, "%s one-to-many: id equals COMM_UP's", v);
	CHECK(data_flows_many(srv, cl), "%s one-to-many: data flows", v);
	close(cl);

	cl = client(SOCK_SEQPACKET, 0);
	REQUIRE(cl >= 0, "%s id NULL: socket", v);
	CHECK(cx(cl, (struct sockaddr *)t.a, 2, NULL) == 0, "%s id NULL: returns 0", v);
	CHECK(comm_up_id(cl) != 0, "%s id NULL: association up", v);
	close(cl);
	close(srv);
}

static void test_id_version_errors(connectx_fn cx, const char *v)
{
	struct sockaddr_in bad = addr4("127.0.0.1", closed_port());
	sctp_assoc_t id = 0;
	int cl = client(SOCK_SEQPACKET, 0);
	struct two t = targets(cl);

	REQUIRE(cl >= 0, "%s errors: socket", v);
	CHECK_ERR(cx(cl, (struct sockaddr *)&bad, 1, &id), ECONNREFUSED,
		  "%s: nobody listening -> ECONNREFUSED", v);
	t.a[0].sin_family = AF_UNIX;
	CHECK_ERR(cx(cl, (struct sockaddr *)t.a, 2, &id), EINVAL, "%s: unknown family -> EINVAL", v);
	t.a[0].sin_family = AF_INET;
	CHECK_ERR(cx(cl, (struct sockaddr *)t.a, 0, &id), EINVAL, "%s: addrcnt 0 -> EINVAL", v);
	CHECK_ERR(cx(cl, (struct sockaddr *)t.a, -3, &id), EINVAL, "%s: addrcnt -3 -> EINVAL", v);
	CHECK_ERR(cx(-1, (struct sockaddr *)t.a, 1, &id), EBADF, "%s: fd -1 -> EBADF", v);
	close(cl);
}

/* Non-blocking: VERS_3 still reports the id, VERS_2 (SCTP_SOCKOPT_CONNECTX)
 * cannot and leaves it 0. */
static void test_nonblocking(connectx_fn cx, const char *v, int id_expected)
{
	int srv = server(SOCK_SEQPACKET);
	int cl = client(SOCK_SEQPACKET, 1);
	struct two t = targets(srv);
	sctp_assoc_t id = 0x7fffffff, up;

	REQUIRE(srv >= 0 && cl >= 0, "%s non-blocking: sockets", v);
	CHECK_ERR(cx(cl, (struct sockaddr *)t.a, 2, &id), EINPROGRESS, "%s non-blocking: -> EINPROGRESS", v);
	up = comm_up_id(cl);
	CHECK(up != 0, "%s non-blocking: association comes up", v);
	if (id_expected)
		CHECK(id == up, "%s non-blocking: id filled in, equal to COMM_UP's", v);
	else
		CHECK(id == 0, "%s non-blocking: id set to 0", v);
	close(cl);
	close(srv);
}

/* Each versioned reference bound to a function of its own, VERS_3 the
 * default: glibc's dynamic linker. musl's ignores symbol versions and
 * binds all three to the default, VERS_3, as it would with lksctp's
 * library: there the old versions exist for no binary, and a
 * three-argument call to VERS_3 is undefined, so VERS_1 and VERS_2 are
 * not called. */
static int versions_bound_apart(void)
{
	typedef void (*fn)(void);
	fn v1 = (fn)connectx_v1, v2 = (fn)connectx_v2, v3 = (fn)connectx_v3;
#ifdef __GLIBC__
	int ok = v1 != v2 && v1 != v3 && v2 != v3 && v3 == (fn)sctp_connectx;
	CHECK(ok, "sctp_connectx@VERS_1, @VERS_2 and @VERS_3 bind to three functions, VERS_3 the default");
	if (!ok)
		printf("# the dynamic linker ignored the symbol versions: VERS_1 and VERS_2 not called\n");
	return ok;
#else
	CHECK(v1 == v3 && v2 == v3 && v3 == (fn)sctp_connectx,
	      "not glibc (musl): every versioned sctp_connectx reference binds to the default, VERS_3");
	return 0;
#endif
}

int main(int argc, char **argv)
{
	(void)argc;
	check_start(argv[0]);
	if (versions_bound_apart()) {
		test_v1();
		test_id_version(connectx_v2, "VERS_2");
		test_id_version_errors(connectx_v2, "VERS_2");
		test_nonblocking(connectx_v2, "VERS_2", 0);
	}
	test_id_version(connectx_v3, "VERS_3");
	test_id_version_errors(connectx_v3, "VERS_3");
	test_nonblocking(connectx_v3, "VERS_3", 1);
	test_id_version(sctp_connectx, "default");
	test_nonblocking(sctp_connectx, "default", 1);
	return check_end();
}
