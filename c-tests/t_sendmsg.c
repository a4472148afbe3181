/* sctp_sendmsg, sctp_recvmsg and sctp_send on real associations over
 * loopback: IPv4 and IPv6, one-to-one (SOCK_STREAM) and one-to-many
 * (SOCK_SEQPACKET).
 *
 * The receiver's sinfo is only filled when the kernel adds an SCTP_SNDRCV
 * cmsg, i.e. with sctp_data_io_event subscribed (SCTP_EVENTS). */
#include "check.h"
#include <signal.h>

/* ---- helpers ---- */

/* SCTP_EVENTS with only the given events on. */
static int set_events(int fd, int data_io, int assoc, int shutdown)
{
	struct sctp_event_subscribe ev;
	memset(&ev, 0, sizeof(ev));
	ev.sctp_data_io_event = data_io;
	ev.sctp_association_event = assoc;
	ev.sctp_shutdown_event = shutdown;
	return setsockopt(fd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev));
}

/* A client and a server. One-to-one: connected and accepted. One-to-many:
 * nothing yet, the first sctp_sendmsg to c->to sets the association up. */
/* sctp_sendmsg from the client: to the server's address on one-to-many,
 * without an address on one-to-one. */
static int cli_send(struct sctp_pair *c, const char *msg, uint32_t ppid,
		    uint32_t flags, uint16_t stream, uint32_t ttl, uint32_t ctx)
{
	struct sockaddr *to = NULL;
	socklen_t tolen = 0;
	if (c->type == SOCK_SEQPACKET) {
		to = (struct sockaddr *)&c->to;
		tolen = addr_len(c->family);
	}
	return sctp_sendmsg(c->cli, msg, strlen(msg), to, tolen, ppid, flags,
			    stream, ttl, ctx);
}

/* One received message. */
struct msg {
	int n;
	char data[256];
	struct sockaddr_storage from;
	socklen_t fromlen;
	struct sctp_sndrcvinfo si;
	int flags;
};

/* sctp_recvmsg with everything asked for; -2 if nothing came within 2 s.
 * sinfo is pre-filled with fill so untouched fields can be told apart. */
static int recv_msg(int fd, struct msg *m, int fill)
{
	memset(m, 0, sizeof(*m));
	memset(&m->si, fill, sizeof(m->si));
	m->fromlen = sizeof(m->from);
	if (!wait_readable(fd, 2000))
		return m->n = -2;
	m->n = sctp_recvmsg(fd, m->data, sizeof(m->data) - 1,
			    (struct sockaddr *)&m->from, &m->fromlen, &m->si,
			    &m->flags);
	return m->n;
}

static int got(const struct msg *m, const char *text)
{
	return m->n == (int)strlen(text) && memcmp(m->data, text, m->n) == 0;
}

/* ---- sctp_sendmsg / sctp_recvmsg: stream, ppid, flags, ssn, tsn, from ---- */

static void test_basic(int family, int type)
{
	struct sctp_pair c;
	struct msg m;
	set_label(family, type);
	REQUIRE(pair_open(&c, family, type, 0) == 0, "%s: set up", label);
	CHECK(set_events(c.lst, 1, 0, 0) == 0 && set_events(c.cli, 1, 0, 0) == 0,
	      "%s: subscribe sctp_data_io_event", label);
	if (type == SOCK_STREAM)
		CHECK(set_events(c.srv, 1, 0, 0) == 0,
		      "%s: subscribe on the accepted socket", label);

	CHECK(cli_send(&c, "hello", 0x01020304, 0, 3, 0, 0x55) == 5,
	      "%s: sctp_sendmsg returns the length", label);
	unsigned short cli_port = local_port(c.cli);
	recv_msg(c.srv, &m, 0);
	CHECK(got(&m, "hello"), "%s: the server receives the message", label);
	CHECK(m.flags & MSG_EOR, "%s: msg_flags has MSG_EOR", label);
	CHECK(!(m.flags & MSG_NOTIFICATION), "%s: msg_flags has no MSG_NOTIFICATION", label);
	CHECK(m.si.sinfo_stream == 3, "%s: sinfo_stream is the sender's stream", label);
	CHECK(m.si.sinfo_ppid == 0x01020304,
	      "%s: sinfo_ppid is the sender's value, bytes untouched", label);
	CHECK(m.si.sinfo_ssn == 0, "%s: sinfo_ssn is 0 for the first message on a stream", label);
	CHECK(!(m.si.sinfo_flags & SCTP_UNORDERED), "%s: sinfo_flags has no SCTP_UNORDERED", label);
	CHECK(m.si.sinfo_context == 0,
	      "%s: sinfo_context is the receiver's default context (0), not the sender's", label);
	CHECK(m.si.sinfo_assoc_id != 0, "%s: sinfo_assoc_id is set", label);
	CHECK(is_loopback(&m.from, m.fromlen, family, cli_port),
	      "%s: from/fromlen hold the client's address and port", label);
	uint32_t tsn = m.si.sinfo_tsn;
	sctp_assoc_t id = m.si.sinfo_assoc_id;

	CHECK(cli_send(&c, "again", 0xfeedbeef, 0, 3, 0, 0) == 5,
	      "%s: a second message on the same stream", label);
	recv_msg(c.srv, &m, 0);
	CHECK(got(&m, "again") && m.si.sinfo_ppid == 0xfeedbeef,
	      "%s: the second message arrives with its ppid", label);
	CHECK(m.si.sinfo_ssn == 1, "%s: sinfo_ssn counts up on the stream", label);
	CHECK(m.si.sinfo_tsn == tsn + 1, "%s: sinfo_tsn is the next TSN", label);
	CHECK(m.si.sinfo_assoc_id == id, "%s: same sinfo_assoc_id", label);

	CHECK(cli_send(&c, "unordered", 7, SCTP_UNORDERED, 1, 0, 0) == 9,
	      "%s: sctp_sendmsg with SCTP_UNORDERED", label);
	recv_msg(c.srv, &m, 0);
	CHECK(got(&m, "unordered") && m.si.sinfo_stream == 1 && m.si.sinfo_ppid == 7,
	      "%s: the unordered message arrives on its stream", label);
	CHECK(m.si.sinfo_flags & SCTP_UNORDERED,
	      "%s: the receiver sees SCTP_UNORDERED in sinfo_flags", label);

	CHECK(cli_send(&c, "ttl", 8, 0, 2, 10000, 0x77) == 3,
	      "%s: sctp_sendmsg with a timetolive and a context", label);
	recv_msg(c.srv, &m, 0);
	CHECK(got(&m, "ttl") && m.si.sinfo_stream == 2 && m.si.sinfo_ppid == 8,
	      "%s: the message with a timetolive arrives", label);

	/* The reply: one-to-many answers to the address it got in from. */
	int rc;
	if (type == SOCK_SEQPACKET)
		rc = sctp_sendmsg(c.srv, "pong", 4, (struct sockaddr *)&m.from,
				  m.fromlen, 0x0a0b0c0d, 0, 4, 0, 0);
	else
		rc = sctp_sendmsg(c.srv, "pong", 4, NULL, 0, 0x0a0b0c0d, 0, 4, 0, 0);
	CHECK(rc == 4, "%s: the server replies with sctp_sendmsg", label);
	recv_msg(c.cli, &m, 0);
	CHECK(got(&m, "pong"), "%s: the client receives the reply", label);
	CHECK(m.si.sinfo_stream == 4 && m.si.sinfo_ppid == 0x0a0b0c0d,
	      "%s: the reply's stream and ppid", label);
	CHECK(m.si.sinfo_assoc_id != 0 && (m.flags & MSG_EOR),
	      "%s: the reply's sinfo_assoc_id and MSG_EOR", label);
	CHECK(is_loopback(&m.from, m.fromlen, family, c.srv_port),
	      "%s: the client's from holds the server's address and port", label);
	pair_close(&c);
}

/* ---- *msg_flags is output only (RFC 6458 9.8) ----
 * lksctp 1.0.19 also passes *msg_flags into recvmsg, so programs in the
 * style of UNP (the user's seed client among them) that leave it
 * uninitialised get random MSG_PEEK/MSG_DONTWAIT receives. We do not. */

static void test_input_flags(int family, int type)
{
	struct sctp_pair c;
	char buf[64];
	int flags;
	set_label(family, type);
	REQUIRE(pair_open(&c, family, type, 0) == 0, "%s: set up", label);
	CHECK(cli_send(&c, "peek", 1, 0, 0, 0, 0) == 4, "%s: send a message", label);
	REQUIRE(wait_readable(c.srv, 2000), "%s: the message arrives", label);
	flags = MSG_PEEK;
	CHECK(sctp_recvmsg(c.srv, buf, sizeof(buf), NULL, NULL, NULL, &flags) == 4 &&
	      memcmp(buf, "peek", 4) == 0 && (flags & MSG_EOR),
	      "%s: *msg_flags = MSG_PEEK on input: the message is received", label);
	CHECK_FIX(recv(c.srv, buf, sizeof(buf), MSG_DONTWAIT) == -1 && errno == EAGAIN,
		  "%s: *msg_flags is not an input: the message was consumed, not peeked", label);
	CHECK(cli_send(&c, "junk", 1, 0, 0, 0, 0) == 4 && wait_readable(c.srv, 2000),
	      "%s: another message", label);
	flags = 0x1d2b62; /* the seed client's uninitialised msg_flags, once */
	CHECK_FIX(sctp_recvmsg(c.srv, buf, sizeof(buf), NULL, NULL, NULL, &flags) == 4 &&
		  memcmp(buf, "junk", 4) == 0,
		  "%s: garbage in *msg_flags: the message is received", label);
	CHECK_FIX(recv(c.srv, buf, sizeof(buf), MSG_DONTWAIT) == -1 && errno == EAGAIN,
		  "%s: garbage in *msg_flags: the message was consumed", label);
	CHECK(cli_send(&c, "null", 1, 0, 0, 0, 0) == 4 && wait_readable(c.srv, 2000),
	      "%s: another message", label);
	CHECK(sctp_recvmsg(c.srv, buf, sizeof(buf), NULL, NULL, NULL, NULL) == 4,
	      "%s: sctp_recvmsg with msg_flags NULL", label);
	pair_close(&c);
}

/* ---- without sctp_data_io_event the kernel adds no SCTP_SNDRCV ---- */

static void test_no_data_io(int family, int type)
{
	struct sctp_pair c;
	struct msg m;
	set_label(family, type);
	REQUIRE(pair_open(&c, family, type, 0) == 0, "%s: set up", label);
	CHECK(cli_send(&c, "plain", 9, 0, 2, 0, 0) == 5, "%s: send without data_io_event", label);
	recv_msg(c.srv, &m, 0xa5);
	CHECK(got(&m, "plain") && (m.flags & MSG_EOR),
	      "%s: no data_io_event: the message arrives with MSG_EOR", label);
	CHECK(!(m.flags & MSG_CTRUNC), "%s: no data_io_event: no MSG_CTRUNC", label);
	CHECK(is_loopback(&m.from, m.fromlen, family, local_port(c.cli)),
	      "%s: no data_io_event: from is still filled", label);
	CHECK_FIX(m.si.sinfo_assoc_id == 0,
		  "%s: no data_io_event: sinfo_assoc_id is 0 (lksctp leaves sinfo untouched)", label);
	pair_close(&c);
}

/* ---- data_io_event plus SCTP_RECVRCVINFO and SCTP_RECVNXTINFO ---- */

static void test_all_cmsgs(int family, int type)
{
	struct sctp_pair c;
	struct msg m;
	set_label(family, type);
	REQUIRE(pair_open(&c, family, type, 0) == 0, "%s: set up", label);
	int srv = c.srv;
	CHECK(set_events(srv, 1, 0, 0) == 0 && set_int(srv, SCTP_RECVRCVINFO, 1) == 0 &&
	      set_int(srv, SCTP_RECVNXTINFO, 1) == 0,
	      "%s: data_io_event, SCTP_RECVRCVINFO and SCTP_RECVNXTINFO on", label);
	CHECK(cli_send(&c, "first", 0x11, 0, 5, 0, 0) == 5 &&
	      cli_send(&c, "second", 0x22, 0, 6, 0, 0) == 6,
	      "%s: two messages queued", label);
	REQUIRE(wait_readable(srv, 2000), "%s: they arrive", label);
	usleep(100000);
	/* The first has SCTP_NXTINFO, SCTP_RCVINFO and SCTP_SNDRCV cmsgs. */
	recv_msg(srv, &m, 0xa5);
	CHECK(got(&m, "first") && (m.flags & MSG_EOR),
	      "%s: all cmsgs on: the first message arrives", label);
	CHECK_FIX(!(m.flags & MSG_CTRUNC), "%s: all cmsgs on: no MSG_CTRUNC", label);
	CHECK_FIX(m.si.sinfo_stream == 5 && m.si.sinfo_ppid == 0x11,
		  "%s: all cmsgs on: sinfo has the stream and ppid", label);
	CHECK_FIX(m.si.sinfo_assoc_id != 0 && m.si.sinfo_assoc_id != (sctp_assoc_t)0xa5a5a5a5,
		  "%s: all cmsgs on: sinfo has the assoc id", label);
	/* The last one has no next message: SCTP_RCVINFO and SCTP_SNDRCV. */
	recv_msg(srv, &m, 0xa5);
	CHECK(got(&m, "second"), "%s: all cmsgs on: the second message arrives", label);
	CHECK_FIX(!(m.flags & MSG_CTRUNC) && m.si.sinfo_stream == 6 && m.si.sinfo_ppid == 0x22,
		  "%s: all cmsgs on, no next message: sinfo filled, no MSG_CTRUNC", label);
	pair_close(&c);
}

/* ---- sinfo_context comes back in SCTP_SEND_FAILED ---- */

static void test_context(int family)
{
	char buf[512];
	union sctp_notification *sn = (union sctp_notification *)buf;
	struct sctp_event_subscribe ev;
	set_label(family, SOCK_SEQPACKET);

	/* A bound socket that does not listen answers INIT with ABORT. */
	int dead = sctp_socket(family, SOCK_SEQPACKET);
	struct sockaddr_storage to;
	if (family == AF_INET6) {
		struct sockaddr_in6 a = addr6("::1", 0);
		bind(dead, (struct sockaddr *)&a, sizeof(a));
		a.sin6_port = htons(local_port(dead));
		memcpy(&to, &a, sizeof(a));
	} else {
		struct sockaddr_in a = addr4("127.0.0.1", 0);
		bind(dead, (struct sockaddr *)&a, sizeof(a));
		a.sin_port = htons(local_port(dead));
		memcpy(&to, &a, sizeof(a));
	}
	int s = sctp_socket(family, SOCK_SEQPACKET);
	memset(&ev, 0, sizeof(ev));
	ev.sctp_association_event = 1;
	ev.sctp_send_failure_event = 1;
	CHECK(setsockopt(s, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)) == 0,
	      "%s: subscribe association and send failure events", label);
	CHECK(sctp_sendmsg(s, "lost", 4, (struct sockaddr *)&to, addr_len(family),
			   0x31, 0, 1, 0, 0x1234) == 4,
	      "%s: sctp_sendmsg to a port that does not listen is queued", label);
	int cant = 0, failed = 0, ctx_ok = 0, info_ok = 0;
	for (int i = 0; i < 4 && !failed && wait_readable(s, 3000); i++) {
		int flags = 0;
		int n = sctp_recvmsg(s, buf, sizeof(buf), NULL, NULL, NULL, &flags);
		if (n <= 0 || !(flags & MSG_NOTIFICATION))
			break;
		if (sn->sn_header.sn_type == SCTP_ASSOC_CHANGE &&
		    sn->sn_assoc_change.sac_state == SCTP_CANT_STR_ASSOC)
			cant = 1;
		if (sn->sn_header.sn_type == SCTP_SEND_FAILED) {
			struct sctp_send_failed *f = &sn->sn_send_failed;
			failed = 1;
			ctx_ok = f->ssf_info.sinfo_context == 0x1234;
			info_ok = f->ssf_info.sinfo_stream == 1 && f->ssf_info.sinfo_ppid == 0x31 &&
				  n == (int)sizeof(*f) + 4 && memcmp(f->ssf_data, "lost", 4) == 0;
		}
	}
	CHECK(cant, "%s: SCTP_ASSOC_CHANGE SCTP_CANT_STR_ASSOC", label);
	CHECK(failed, "%s: SCTP_SEND_FAILED for the queued message", label);
	CHECK(ctx_ok, "%s: SCTP_SEND_FAILED carries the sctp_sendmsg context", label);
	CHECK(info_ok, "%s: SCTP_SEND_FAILED carries the stream, ppid and data", label);
	close(s);
	close(dead);
}

/* ---- errors: as the kernel reports them ---- */

static void test_errors(void)
{
	struct sctp_pair c;
	char buf[16];
	int flags = 0;
	struct sockaddr_in to = addr4("127.0.0.1", 9);
	int p[2];
	set_label(AF_INET, SOCK_STREAM);

	CHECK_ERR(sctp_sendmsg(-1, "x", 1, NULL, 0, 0, 0, 0, 0, 0), EBADF,
		  "sctp_sendmsg on a bad descriptor: EBADF");
	CHECK_ERR(sctp_recvmsg(-1, buf, sizeof(buf), NULL, NULL, NULL, &flags), EBADF,
		  "sctp_recvmsg on a bad descriptor: EBADF");
	REQUIRE(pipe(p) == 0, "a pipe");
	CHECK_ERR(sctp_sendmsg(p[1], "x", 1, NULL, 0, 0, 0, 0, 0, 0), ENOTSOCK,
		  "sctp_sendmsg on a pipe: ENOTSOCK");
	flags = 0;
	CHECK_ERR(sctp_recvmsg(p[0], buf, sizeof(buf), NULL, NULL, NULL, &flags), ENOTSOCK,
		  "sctp_recvmsg on a pipe: ENOTSOCK");
	close(p[0]);
	close(p[1]);

	REQUIRE(pair_open(&c, AF_INET, SOCK_STREAM, 0) == 0, "%s: set up", label);
	CHECK_ERR(sctp_sendmsg(c.cli, "x", 1, NULL, 0, 0, 0, 10, 0, 0), EINVAL,
		  "%s: stream 10 of 10 outbound streams: EINVAL", label);
	CHECK_ERR(sctp_sendmsg(c.lst, "x", 1, NULL, 0, 0, 0, 0, 0, 0), EPIPE,
		  "%s: sctp_sendmsg on the listening socket: EPIPE", label);
	flags = 0;
	CHECK_ERR(sctp_recvmsg(c.lst, buf, sizeof(buf), NULL, NULL, NULL, &flags), ENOTCONN,
		  "%s: sctp_recvmsg on the listening socket: ENOTCONN", label);
	CHECK_ERR(sctp_sendmsg(c.cli, "x", 1, NULL, 0, 0, SCTP_ABORT | SCTP_EOF, 0, 0, 0), EINVAL,
		  "%s: SCTP_ABORT together with SCTP_EOF: EINVAL", label);
	pair_close(&c);

	set_label(AF_INET, SOCK_SEQPACKET);
	int s = sctp_socket(AF_INET, SOCK_SEQPACKET);
	CHECK_ERR(sctp_sendmsg(s, "x", 1, NULL, 0, 0, 0, 0, 0, 0), EPIPE,
		  "%s: no address and no association: EPIPE", label);
	CHECK_ERR(sctp_sendmsg(s, "x", 1, (struct sockaddr *)&to, 4, 0, 0, 0, 0, 0), EINVAL,
		  "%s: tolen too short: EINVAL", label);
	flags = MSG_DONTWAIT;
	struct iovec iov = { buf, sizeof(buf) };
	CHECK_ERR(sctp_recvv(s, &iov, 1, NULL, NULL, NULL, NULL, NULL, &flags), EAGAIN,
		  "%s: sctp_recvv MSG_DONTWAIT with nothing queued: EAGAIN", label);
	close(s);
}

/* ---- sctp_send: a struct sctp_sndrcvinfo ---- */

static void test_send(int family, int type)
{
	struct sctp_pair c;
	struct msg m;
	struct sctp_sndrcvinfo si;
	set_label(family, type);
	REQUIRE(pair_open(&c, family, type, 0) == 0, "%s: set up", label);
	CHECK(set_events(c.srv, 1, 0, 0) == 0 && set_events(c.cli, 1, 0, 0) == 0,
	      "%s: subscribe sctp_data_io_event", label);
	if (type == SOCK_SEQPACKET) {
		/* sctp_send has no address: set the association up first. */
		CHECK(cli_send(&c, "setup", 0, 0, 0, 0, 0) == 5, "%s: association set up", label);
		recv_msg(c.srv, &m, 0);
		CHECK(got(&m, "setup"), "%s: first message", label);
	}
	memset(&si, 0, sizeof(si));
	si.sinfo_stream = 4;
	si.sinfo_ppid = 0x01020304;
	si.sinfo_flags = SCTP_UNORDERED;
	if (type == SOCK_SEQPACKET) {
		/* The client's assoc id: the server's is a different number. */
		CHECK_ERR(sctp_send(c.cli, "noid", 4, &si, 0), EPIPE,
			  "%s: sctp_send without an assoc id on one-to-many: EPIPE", label);
		si.sinfo_assoc_id = m.si.sinfo_assoc_id; /* the server's */
		/* Reply from the server with its assoc id. */
		CHECK(sctp_send(c.srv, "reply", 5, &si, 0) == 5,
		      "%s: the server's sctp_send with sinfo_assoc_id", label);
		recv_msg(c.cli, &m, 0);
		CHECK(got(&m, "reply") && m.si.sinfo_stream == 4 && m.si.sinfo_ppid == 0x01020304,
		      "%s: the client sees the stream and ppid", label);
		CHECK(m.si.sinfo_flags & SCTP_UNORDERED, "%s: the client sees SCTP_UNORDERED", label);
		si.sinfo_assoc_id = m.si.sinfo_assoc_id; /* now the client's */
		si.sinfo_stream = 6;
		si.sinfo_flags = 0;
		CHECK(sctp_send(c.cli, "back", 4, &si, 0) == 4,
		      "%s: the client's sctp_send with its sinfo_assoc_id", label);
		recv_msg(c.srv, &m, 0);
		CHECK(got(&m, "back") && m.si.sinfo_stream == 6 && m.si.sinfo_ppid == 0x01020304 &&
		      !(m.si.sinfo_flags & SCTP_UNORDERED),
		      "%s: the server sees the stream and ppid", label);
		si.sinfo_assoc_id = 0x7ffffff0;
		CHECK_ERR(sctp_send(c.cli, "x", 1, &si, 0), EPIPE,
			  "%s: sctp_send with an unknown assoc id: EPIPE", label);
	} else {
		CHECK(sctp_send(c.cli, "sinfo", 5, &si, 0) == 5, "%s: sctp_send with sinfo", label);
		recv_msg(c.srv, &m, 0);
		CHECK(got(&m, "sinfo") && m.si.sinfo_stream == 4 && m.si.sinfo_ppid == 0x01020304,
		      "%s: the receiver sees the stream and ppid", label);
		CHECK(m.si.sinfo_flags & SCTP_UNORDERED, "%s: the receiver sees SCTP_UNORDERED", label);
		CHECK(sctp_send(c.srv, "null", 4, NULL, 0) == 4, "%s: sctp_send with sinfo NULL", label);
		recv_msg(c.cli, &m, 0);
		CHECK(got(&m, "null") && m.si.sinfo_stream == 0 && m.si.sinfo_ppid == 0,
		      "%s: sinfo NULL: stream 0, ppid 0", label);
		CHECK(sctp_send(c.cli, "dontwait", 8, &si, MSG_DONTWAIT) == 8,
		      "%s: sctp_send with MSG_DONTWAIT", label);
		recv_msg(c.srv, &m, 0);
		CHECK(got(&m, "dontwait"), "%s: the MSG_DONTWAIT message arrives", label);
	}
	pair_close(&c);
}

/* Read notifications (at most 4, 2 s each) until one of type/state. */
static int wait_notification(int fd, uint16_t type, int state)
{
	char buf[512];
	union sctp_notification *sn = (union sctp_notification *)buf;
	for (int i = 0; i < 4 && wait_readable(fd, 2000); i++) {
		int flags = 0;
		int n = sctp_recvmsg(fd, buf, sizeof(buf), NULL, NULL, NULL, &flags);
		if (n <= 0)
			return 0;
		if (!(flags & MSG_NOTIFICATION) || sn->sn_header.sn_type != type)
			continue;
		if (state < 0 || sn->sn_assoc_change.sac_state == state)
			return 1;
	}
	return 0;
}

/* ---- sctp_send with SCTP_EOF shuts an association down ---- */

static void test_eof(int family)
{
	struct sctp_pair c;
	struct msg m;
	struct sctp_sndrcvinfo si;
	set_label(family, SOCK_SEQPACKET);
	REQUIRE(pair_open(&c, family, SOCK_SEQPACKET, 0) == 0, "%s: set up", label);
	CHECK(set_events(c.srv, 1, 1, 1) == 0 && set_events(c.cli, 1, 1, 1) == 0,
	      "%s: subscribe data, association and shutdown events", label);
	CHECK(cli_send(&c, "bye", 0, 0, 0, 0, 0) == 3, "%s: a message sets the association up", label);
	CHECK(wait_notification(c.cli, SCTP_ASSOC_CHANGE, SCTP_COMM_UP),
	      "%s: client: SCTP_COMM_UP", label);
	CHECK(wait_notification(c.srv, SCTP_ASSOC_CHANGE, SCTP_COMM_UP),
	      "%s: server: SCTP_COMM_UP", label);
	recv_msg(c.srv, &m, 0);
	CHECK(got(&m, "bye"), "%s: the message arrives", label);

	memset(&si, 0, sizeof(si));
	si.sinfo_flags = SCTP_EOF;
	si.sinfo_assoc_id = m.si.sinfo_assoc_id;
	CHECK(sctp_send(c.srv, NULL, 0, &si, 0) == 0,
	      "%s: sctp_send with SCTP_EOF returns 0", label);
	CHECK(wait_notification(c.cli, SCTP_SHUTDOWN_EVENT, -1),
	      "%s: the peer gets SCTP_SHUTDOWN_EVENT", label);
	CHECK(wait_notification(c.cli, SCTP_ASSOC_CHANGE, SCTP_SHUTDOWN_COMP),
	      "%s: the peer gets SCTP_ASSOC_CHANGE SCTP_SHUTDOWN_COMP", label);
	CHECK(wait_notification(c.srv, SCTP_ASSOC_CHANGE, SCTP_SHUTDOWN_COMP),
	      "%s: the sender gets SCTP_ASSOC_CHANGE SCTP_SHUTDOWN_COMP", label);
	CHECK_ERR(sctp_send(c.srv, "x", 1, &si, 0), EINVAL,
		  "%s: sctp_send with SCTP_EOF and data: EINVAL", label);
	si.sinfo_flags = 0;
	CHECK_ERR(sctp_send(c.srv, "x", 1, &si, 0), EPIPE,
		  "%s: sctp_send on the closed association: EPIPE", label);
	pair_close(&c);
}

int main(int argc, char **argv)
{
	(void)argc;
	check_start(argv[0]);
	signal(SIGPIPE, SIG_IGN);
	const int families[] = { AF_INET, AF_INET6 };
	const int types[] = { SOCK_STREAM, SOCK_SEQPACKET };

	for (int f = 0; f < 2; f++)
		for (int t = 0; t < 2; t++) {
			test_basic(families[f], types[t]);
			test_input_flags(families[f], types[t]);
			test_send(families[f], types[t]);
		}
	test_no_data_io(AF_INET, SOCK_STREAM);
	test_no_data_io(AF_INET6, SOCK_SEQPACKET);
	test_all_cmsgs(AF_INET, SOCK_STREAM);
	test_all_cmsgs(AF_INET6, SOCK_SEQPACKET);
	test_context(AF_INET);
	test_context(AF_INET6);
	test_eof(AF_INET);
	test_eof(AF_INET6);
	test_errors();
	return check_end();
}
