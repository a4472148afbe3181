/* The C suite's harness and helpers: see check.h. */
#include "check.h"

int check_failures;
const char *check_prog = "?";
char label[80];

void check_report(int ok, int line, const char *tag, const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	if (ok)
		printf("ok - %s: %s", check_prog, tag);
	else
		printf("not ok - %s:%d: %s", check_prog, line, tag);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!ok)
		printf(" (errno %d: %s)", saved, strerror(saved));
	printf("\n");
	fflush(stdout);
	if (!ok)
		check_failures++;
	errno = saved;
}

void check_start(const char *prog)
{
	const char *slash = strrchr(prog, '/');
	check_prog = slash ? slash + 1 : prog;
	setvbuf(stdout, NULL, _IOLBF, 0);
}

void set_label(int family, int type)
{
	snprintf(label, sizeof(label), "%s %s",
		 family == AF_INET6 ? "IPv6" : "IPv4",
		 type == SOCK_STREAM ? "one-to-one" : "one-to-many");
}

int check_end(void)
{
	return check_failures ? 1 : 0;
}

struct sockaddr_in addr4(const char *ip, unsigned short port)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	inet_pton(AF_INET, ip, &a.sin_addr);
	return a;
}

struct sockaddr_in6 addr6(const char *ip, unsigned short port)
{
	struct sockaddr_in6 a;
	memset(&a, 0, sizeof(a));
	a.sin6_family = AF_INET6;
	a.sin6_port = htons(port);
	inet_pton(AF_INET6, ip, &a.sin6_addr);
	return a;
}

unsigned short local_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
		return 0;
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

int sctp_socket(int family, int type)
{
	int one = 1;
	int fd = socket(family, type, IPPROTO_SCTP);
	if (fd >= 0)
		setsockopt(fd, IPPROTO_SCTP, SCTP_NODELAY, &one, sizeof(one));
	return fd;
}

socklen_t addr_len(int family)
{
	return family == AF_INET6 ? sizeof(struct sockaddr_in6)
				  : sizeof(struct sockaddr_in);
}

int is_loopback(const struct sockaddr_storage *ss, socklen_t len,
		       int family, unsigned short port)
{
	if (len != addr_len(family) || ss->ss_family != family)
		return 0;
	if (family == AF_INET) {
		const struct sockaddr_in *a = (const struct sockaddr_in *)ss;
		return a->sin_port == htons(port) &&
		       a->sin_addr.s_addr == htonl(INADDR_LOOPBACK);
	}
	const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)ss;
	return a->sin6_port == htons(port) && IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
}

int set_int(int fd, int opt, int val)
{
	return setsockopt(fd, IPPROTO_SCTP, opt, &val, sizeof(val));
}

int sctp_listener(int family, int type, const char *ip)
{
	int fd = sctp_socket(family, type);
	int rc;
	if (fd < 0)
		return -1;
	if (family == AF_INET6) {
		struct sockaddr_in6 a = addr6(ip, 0);
		rc = bind(fd, (struct sockaddr *)&a, sizeof(a));
	} else {
		struct sockaddr_in a = addr4(ip, 0);
		rc = bind(fd, (struct sockaddr *)&a, sizeof(a));
	}
	if (rc < 0 || listen(fd, 16) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int pair_sockets(struct sctp_pair *c, int family, int type)
{
	const char *ip = family == AF_INET6 ? "::1" : "127.0.0.1";
	memset(c, 0, sizeof(*c));
	c->family = family;
	c->type = type;
	c->srv = -1;
	c->lst = sctp_listener(family, type, ip);
	c->cli = sctp_socket(family, type);
	if (c->lst < 0 || c->cli < 0)
		return -1;
	c->srv_port = local_port(c->lst);
	if (family == AF_INET6) {
		struct sockaddr_in6 a = addr6(ip, c->srv_port);
		memcpy(&c->to, &a, sizeof(a));
	} else {
		struct sockaddr_in a = addr4(ip, c->srv_port);
		memcpy(&c->to, &a, sizeof(a));
	}
	return 0;
}

int pair_connect(struct sctp_pair *c)
{
	if (connect(c->cli, (struct sockaddr *)&c->to, addr_len(c->family)) < 0)
		return -1;
	c->srv = c->type == SOCK_STREAM ? accept(c->lst, NULL, NULL) : c->lst;
	return c->srv < 0 ? -1 : 0;
}

int pair_open(struct sctp_pair *c, int family, int type, int rcvinfo)
{
	if (pair_sockets(c, family, type) < 0)
		return -1;
	if (rcvinfo && (set_int(c->lst, SCTP_RECVRCVINFO, 1) < 0 || set_int(c->cli, SCTP_RECVRCVINFO, 1) < 0))
		return -1;
	if (type == SOCK_SEQPACKET) {
		c->srv = c->lst;
		return 0;
	}
	return pair_connect(c);
}

void pair_close(struct sctp_pair *c)
{
	if (c->cli >= 0)
		close(c->cli);
	if (c->srv >= 0 && c->srv != c->lst)
		close(c->srv);
	if (c->lst >= 0)
		close(c->lst);
}

int subscribe_event(int fd, unsigned short type)
{
	struct sctp_event ev;
	memset(&ev, 0, sizeof(ev));
	ev.se_type = type;
	ev.se_on = 1;
	return setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof(ev));
}

int wait_readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
	return poll(&p, 1, ms) > 0;
}

size_t entry_len(const struct sockaddr *a)
{
	if (a->sa_family == AF_INET)
		return sizeof(struct sockaddr_in);
	if (a->sa_family == AF_INET6)
		return sizeof(struct sockaddr_in6);
	return 0;
}

int same_addr(const struct sockaddr *a, const char *ip, unsigned short port)
{
	if (strchr(ip, ':')) {
		struct sockaddr_in6 w = addr6(ip, port);
		const struct sockaddr_in6 *g = (const struct sockaddr_in6 *)a;
		return a->sa_family == AF_INET6 && g->sin6_port == w.sin6_port &&
		       memcmp(&g->sin6_addr, &w.sin6_addr, sizeof(w.sin6_addr)) == 0;
	} else {
		struct sockaddr_in w = addr4(ip, port);
		const struct sockaddr_in *g = (const struct sockaddr_in *)a;
		return a->sa_family == AF_INET && g->sin_port == w.sin_port &&
		       g->sin_addr.s_addr == w.sin_addr.s_addr;
	}
}

int list_has(const struct sockaddr *addrs, int n, const char *ip, unsigned short port)
{
	const char *p = (const char *)addrs;
	for (int i = 0; i < n; i++) {
		const struct sockaddr *a = (const struct sockaddr *)p;
		size_t len = entry_len(a);
		if (len == 0)
			return 0;
		if (same_addr(a, ip, port))
			return 1;
		p += len;
	}
	return 0;
}

int bind_ip(int fd, const char *ip, unsigned short port)
{
	if (strchr(ip, ':')) {
		struct sockaddr_in6 a = addr6(ip, port);
		return bind(fd, (struct sockaddr *)&a, sizeof(a));
	}
	struct sockaddr_in a = addr4(ip, port);
	return bind(fd, (struct sockaddr *)&a, sizeof(a));
}

int connect_ip(int fd, const char *ip, unsigned short port)
{
	if (strchr(ip, ':')) {
		struct sockaddr_in6 a = addr6(ip, port);
		return connect(fd, (struct sockaddr *)&a, sizeof(a));
	}
	struct sockaddr_in a = addr4(ip, port);
	return connect(fd, (struct sockaddr *)&a, sizeof(a));
}

int peer_count(int fd, sctp_assoc_t id)
{
	struct sockaddr *addrs = NULL;
	int n = sctp_getpaddrs(fd, id, &addrs);
	if (n > 0)
		sctp_freepaddrs(addrs);
	return n;
}

int laddr_count(int fd)
{
	struct sockaddr *addrs = NULL;
	int n = sctp_getladdrs(fd, 0, &addrs);
	if (n > 0)
		sctp_freeladdrs(addrs);
	return n;
}

sctp_assoc_t comm_up_id(int fd)
{
	char buf[512];
	for (int tries = 0; tries < 8 && wait_readable(fd, 3000); tries++) {
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
		const struct sctp_assoc_change *ac = (const struct sctp_assoc_change *)buf;
		if (recvmsg(fd, &m, 0) < 0)
			return 0;
		if ((m.msg_flags & MSG_NOTIFICATION) && ac->sac_type == SCTP_ASSOC_CHANGE)
			return ac->sac_state == SCTP_COMM_UP ? ac->sac_assoc_id : 0;
	}
	return 0;
}

int recv_data(int fd, char *buf, size_t size)
{
	for (int tries = 0; tries < 8 && wait_readable(fd, 3000); tries++) {
		struct iovec iov = { buf, size };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
		ssize_t n = recvmsg(fd, &m, 0);
		if (n < 0)
			return -1;
		if (!(m.msg_flags & MSG_NOTIFICATION))
			return (int)n;
	}
	return -1;
}

void packed_add(struct packed *p, const char *ip, unsigned short port)
{
	if (strchr(ip, ':')) {
		struct sockaddr_in6 a = addr6(ip, port);
		memcpy(p->buf + p->len, &a, sizeof(a));
		p->len += sizeof(a);
	} else {
		struct sockaddr_in a = addr4(ip, port);
		memcpy(p->buf + p->len, &a, sizeof(a));
		p->len += sizeof(a);
	}
	p->n++;
}

void packed_add_family(struct packed *p, sa_family_t family, unsigned short port)
{
	struct sockaddr_in a = addr4("127.0.0.1", port);
	a.sin_family = family;
	memcpy(p->buf + p->len, &a, sizeof(a));
	p->len += sizeof(a);
	p->n++;
}

struct sockaddr *packed_sa(struct packed *p)
{
	return (struct sockaddr *)p->buf;
}
