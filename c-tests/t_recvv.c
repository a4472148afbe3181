/* sctp_recvv (RFC 6458 9.13) on real associations over loopback: IPv4 and
 * IPv6, one-to-one and one-to-many. What comes back in info depends on
 * SCTP_RECVRCVINFO and SCTP_RECVNXTINFO: NOINFO, RCVINFO, NXTINFO or RN.
 *
 * The kernel adds its cmsgs in the order SCTP_NXTINFO, SCTP_RCVINFO,
 * SCTP_SNDRCV; SCTP_NXTINFO only when another message is already queued. */
#include "check.h"
#include <signal.h>
#include <sys/uio.h>

/* ---- helpers ---- */

/* SCTP_RECVRCVINFO and SCTP_RECVNXTINFO on or off. */
static int set_info(int fd, int rcv, int nxt)
{
	return set_int(fd, SCTP_RECVRCVINFO, rcv) | set_int(fd, SCTP_RECVNXTINFO, nxt);
}

/* A client and a server. One-to-one: connected and accepted. One-to-many:
 * the first message from the client sets the association up. */
static int cli_send(struct sctp_pair *c, const char *msg, uint32_t ppid,
		    uint32_t flags, uint16_t stream)
{
	struct sockaddr *to = NULL;
	socklen_t tolen = 0;
	if (c->type == SOCK_SEQPACKET) {
		to = (struct sockaddr *)&c->to;
		tolen = addr_len(c->family);
	}
	return sctp_sendmsg(c->cli, msg, strlen(msg), to, tolen, ppid, flags, stream, 0, 0);
}

/* Wait until something is queued, then a little longer so that messages
 * sent together are all queued (loopback delivers within the send call). */
static int settle(int fd)
{
	int ok = wait_readable(fd, 2000);
	usleep(100000);
	return ok;
}

/* One sctp_recvv result. info is pre-filled with 0xa5. */
struct rmsg {
	int n;
	char data[256];
	struct sockaddr_storage from;
	socklen_t fromlen;
	union {
		struct sctp_rcvinfo rcv;
		struct sctp_nxtinfo nxt;
		struct sctp_recvv_rn rn;
		unsigned char raw[64];
	} info;
	socklen_t infolen;
	unsigned int infotype;
	int flags;
};

/* sctp_recvv with room for infolen bytes of info; n is -2 after 2 s. */
static int recv_v(int fd, struct rmsg *m, socklen_t infolen)
{
	memset(m, 0, sizeof(*m));
	memset(&m->info, 0xa5, sizeof(m->info));
	m->fromlen = sizeof(m->from);
	m->infolen = infolen;
	m->infotype = 99;
	if (!wait_readable(fd, 2000))
		return m->n = -2;
	struct iovec iov = { m->data, sizeof(m->data) - 1 };
	m->n = sctp_recvv(fd, &iov, 1, (struct sockaddr *)&m->from, &m->fromlen,
			  &m->info, &m->infolen, &m->infotype, &m->flags);
	return m->n;
}

static int got(const struct rmsg *m, const char *text)
{
	return m->n == (int)strlen(text) && memcmp(m->data, text, m->n) == 0;
}

static int untouched(const void *p, size_t len)
{
	const unsigned char *b = (const unsigned char *)p;
	for (size_t i = 0; i < len; i++)
		if (b[i] != 0xa5)
			return 0;
	return 1;
}

/* ---- SCTP_RECVRCVINFO: SCTP_RECVV_RCVINFO ---- */

static void test_rcvinfo(int family, int type)
{
	struct sctp_pair c;
	struct rmsg m;
	set_label(family, type);
	REQUIRE(pair_open(&c, family, type, 0) == 0, "%s: set up", label);
	CHECK(set_info(c.srv, 1, 0) == 0, "%s: SCTP_RECVRCVINFO on", label);
	CHECK(cli_send(&c, "one", 0x11223344, 0, 2) == 3, "%s: send on stream 2", label);
	unsigned short cli_port = local_port(c.cli);
	recv_v(c.srv, &m, sizeof(m.info.rcv));
	CHECK(got(&m, "one"), "%s: rcvinfo: the message arrives", label);
	CHECK((m.flags & MSG_EOR) && !(m.flags & MSG_NOTIFICATION),
	      "%s: rcvinfo: flags have MSG_EOR, no MSG_NOTIFICATION", label);
	CHECK(!(m.flags & MSG_CTRUNC), "%s: rcvinfo: no MSG_CTRUNC", label);
	CHECK(m.infotype == SCTP_RECVV_RCVINFO, "%s: rcvinfo: infotype SCTP_RECVV_RCVINFO", label);
	CHECK(m.infolen == sizeof(struct sctp_rcvinfo), "%s: rcvinfo: infolen is sizeof(struct sctp_rcvinfo)", label);
	CHECK(m.info.rcv.rcv_sid == 2 && m.info.rcv.rcv_ppid == 0x11223344,
	      "%s: rcvinfo: rcv_sid and rcv_ppid are the sender's", label);
	CHECK(m.info.rcv.rcv_ssn == 0 && m.info.rcv.rcv_flags == 0,
	      "%s: rcvinfo: rcv_ssn 0, rcv_flags 0", label);
	CHECK(m.info.rcv.rcv_context == 0, "%s: rcvinfo: rcv_context 0", label);
	CHECK(m.info.rcv.rcv_assoc_id != 0, "%s: rcvinfo: rcv_assoc_id set", label);
	CHECK(is_loopback(&m.from, m.fromlen, family, cli_port),
	      "%s: rcvinfo: from/fromlen hold the client's address", label);
	uint32_t tsn = m.info.rcv.rcv_tsn;
	sctp_assoc_t id = m.info.rcv.rcv_assoc_id;

	CHECK(cli_send(&c, "two", 5, 0, 2) == 3, "%s: again on stream 2", label);
	recv_v(c.srv, &m, sizeof(m.info.rcv));
	CHECK(got(&m, "two") && m.infotype == SCTP_RECVV_RCVINFO && m.info.rcv.rcv_ppid == 5,
	      "%s: rcvinfo: the second message", label);
	CHECK(m.info.rcv.rcv_ssn == 1 && m.info.rcv.rcv_tsn == tsn + 1,
	      "%s: rcvinfo: rcv_ssn and rcv_tsn count up", label);
	CHECK(m.info.rcv.rcv_assoc_id == id, "%s: rcvinfo: same rcv_assoc_id", label);

	CHECK(cli_send(&c, "three", 6, SCTP_UNORDERED, 1) == 5, "%s: unordered on stream 1", label);
	recv_v(c.srv, &m, sizeof(m.info));
	CHECK(got(&m, "three") && m.info.rcv.rcv_sid == 1 && (m.info.rcv.rcv_flags & SCTP_UNORDERED),
	      "%s: rcvinfo: rcv_flags has SCTP_UNORDERED", label);
	CHECK(m.infotype == SCTP_RECVV_RCVINFO && m.infolen == sizeof(struct sctp_rcvinfo),
	      "%s: rcvinfo: a larger info buffer still gives RCVINFO and its length", label);
	pair_close(&c);
}

/* ---- both on: SCTP_RECVV_RN, then RCVINFO for the last message ---- */

static void test_rn(int family, int type)
{
	struct sctp_pair c;
	struct rmsg m;
	set_label(family, type);
	REQUIRE(pair_open(&c, family, type, 0) == 0, "%s: set up", label);
	CHECK(set_info(c.srv, 1, 1) == 0, "%s: SCTP_RECVRCVINFO and SCTP_RECVNXTINFO on", label);
	CHECK(cli_send(&c, "first", 0x33, 0, 3) == 5 &&
	      cli_send(&c, "second!", 0x44, SCTP_UNORDERED, 4) == 7,
	      "%s: two messages", label);
	settle(c.srv);
	recv_v(c.srv, &m, sizeof(m.info.rn));
	CHECK(got(&m, "first") && (m.flags & MSG_EOR), "%s: rn: the first message", label);
	CHECK(m.infotype == SCTP_RECVV_RN, "%s: rn: infotype SCTP_RECVV_RN", label);
	CHECK(m.infolen == sizeof(struct sctp_recvv_rn), "%s: rn: infolen is sizeof(struct sctp_recvv_rn)", label);
	struct sctp_rcvinfo *r = &m.info.rn.recvv_rcvinfo;
	struct sctp_nxtinfo *x = &m.info.rn.recvv_nxtinfo;
	CHECK(r->rcv_sid == 3 && r->rcv_ppid == 0x33 && r->rcv_ssn == 0 && r->rcv_flags == 0,
	      "%s: rn: recvv_rcvinfo describes this message", label);
	CHECK(x->nxt_sid == 4 && x->nxt_ppid == 0x44 && x->nxt_length == 7,
	      "%s: rn: recvv_nxtinfo describes the next message", label);
	CHECK(x->nxt_flags == SCTP_UNORDERED, "%s: rn: nxt_flags is the next's SCTP_UNORDERED", label);
	CHECK(x->nxt_assoc_id != 0, "%s: rn: nxt_assoc_id set", label);
	/* lksctp's control buffer has no room for both cmsgs: the SCTP_RCVINFO
	 * one is cut short, its tail is garbage and MSG_CTRUNC is set. */
	CHECK_FIX(!(m.flags & MSG_CTRUNC), "%s: rn: no MSG_CTRUNC", label);
	CHECK_FIX(r->rcv_assoc_id == x->nxt_assoc_id,
		  "%s: rn: rcv_assoc_id is complete (same association as nxt_assoc_id)", label);

	recv_v(c.srv, &m, sizeof(m.info.rn));
	CHECK(got(&m, "second!"), "%s: rn: the second message", label);
	CHECK(m.infotype == SCTP_RECVV_RCVINFO && m.infolen == sizeof(struct sctp_rcvinfo),
	      "%s: rn: nothing queued after it: SCTP_RECVV_RCVINFO", label);
	CHECK(m.info.rcv.rcv_sid == 4 && m.info.rcv.rcv_ppid == 0x44 &&
	      (m.info.rcv.rcv_flags & SCTP_UNORDERED),
	      "%s: rn: its rcvinfo", label);
	CHECK(!(m.flags & MSG_CTRUNC), "%s: rn: last message: no MSG_CTRUNC", label);
	pair_close(&c);
}

/* ---- only SCTP_RECVNXTINFO: NXTINFO, then NOINFO ---- */

static void test_nxtinfo(int family, int type)
{
	struct sctp_pair c;
	struct rmsg m;
	set_label(family, type);
	REQUIRE(pair_open(&c, family, type, 0) == 0, "%s: set up", label);
	CHECK(set_info(c.srv, 0, 1) == 0, "%s: only SCTP_RECVNXTINFO on", label);
	CHECK(cli_send(&c, "alpha", 1, 0, 5) == 5 && cli_send(&c, "beta", 2, 0, 6) == 4,
	      "%s: two messages", label);
	settle(c.srv);
	recv_v(c.srv, &m, sizeof(m.info));
	CHECK(got(&m, "alpha") && (m.flags & MSG_EOR) && !(m.flags & MSG_CTRUNC),
	      "%s: nxtinfo: the first message", label);
	CHECK(m.infotype == SCTP_RECVV_NXTINFO && m.infolen == sizeof(struct sctp_nxtinfo),
	      "%s: nxtinfo: infotype SCTP_RECVV_NXTINFO, infolen sizeof(struct sctp_nxtinfo)", label);
	CHECK(m.info.nxt.nxt_sid == 6 && m.info.nxt.nxt_ppid == 2 && m.info.nxt.nxt_length == 4 &&
	      m.info.nxt.nxt_flags == 0 && m.info.nxt.nxt_assoc_id != 0,
	      "%s: nxtinfo: describes the next message", label);
	recv_v(c.srv, &m, sizeof(m.info));
	CHECK(got(&m, "beta"), "%s: nxtinfo: the second message", label);
	CHECK(m.infotype == SCTP_RECVV_NOINFO,
	      "%s: nxtinfo: nothing queued after it: SCTP_RECVV_NOINFO", label);
	pair_close(&c);
}

/* ---- both off: NOINFO; scatter over several iovecs ---- */

static void test_noinfo(int family, int type)
{
	struct sctp_pair c;
	struct rmsg m;
	char a[3], b[32];
	struct iovec iov[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	struct sockaddr_storage from;
	socklen_t fromlen = sizeof(from);
	set_label(family, type);
	REQUIRE(pair_open(&c, family, type, 0) == 0, "%s: set up", label);
	CHECK(cli_send(&c, "none", 1, 0, 1) == 4, "%s: send", label);
	recv_v(c.srv, &m, sizeof(m.info));
	CHECK(got(&m, "none") && (m.flags & MSG_EOR), "%s: noinfo: the message arrives", label);
	CHECK(m.infotype == SCTP_RECVV_NOINFO, "%s: noinfo: infotype SCTP_RECVV_NOINFO", label);
	CHECK(untouched(&m.info, sizeof(m.info)), "%s: noinfo: info untouched", label);
	CHECK(is_loopback(&m.from, m.fromlen, family, local_port(c.cli)),
	      "%s: noinfo: from is filled", label);

	CHECK(cli_send(&c, "abcdefgh", 1, 0, 1) == 8, "%s: send 8 bytes", label);
	REQUIRE(wait_readable(c.srv, 2000), "%s: they arrive", label);
	int flags = 0;
	CHECK(sctp_recvv(c.srv, iov, 2, (struct sockaddr *)&from, &fromlen, NULL, NULL, NULL,
			 &flags) == 8,
	      "%s: scatter: 8 bytes into 3 + 32 (info, infolen, infotype NULL)", label);
	CHECK(memcmp(a, "abc", 3) == 0 && memcmp(b, "defgh", 5) == 0,
	      "%s: scatter: the bytes are split over the iovecs", label);
	CHECK((flags & MSG_EOR) && fromlen == addr_len(family), "%s: scatter: MSG_EOR, fromlen", label);
	pair_close(&c);
}

/* ---- *flags is also an input: the flags given to recvmsg ---- */

static void test_input_flags(int family, int type)
{
	struct sctp_pair c;
	char buf[16];
	struct iovec iov = { buf, sizeof(buf) };
	int flags;
	set_label(family, type);
	REQUIRE(pair_open(&c, family, type, 0) == 0, "%s: set up", label);
	CHECK(cli_send(&c, "peek", 1, 0, 0) == 4 && wait_readable(c.srv, 2000),
	      "%s: a message to peek at", label);
	flags = MSG_PEEK;
	CHECK(sctp_recvv(c.srv, &iov, 1, NULL, NULL, NULL, NULL, NULL, &flags) == 4,
	      "%s: *flags = MSG_PEEK: peeks", label);
	flags = 0;
	memset(buf, 0, sizeof(buf));
	CHECK(sctp_recvv(c.srv, &iov, 1, NULL, NULL, NULL, NULL, NULL, &flags) == 4 &&
	      memcmp(buf, "peek", 4) == 0,
	      "%s: the peeked message is still there", label);
	flags = MSG_DONTWAIT;
	CHECK_ERR(sctp_recvv(c.srv, &iov, 1, NULL, NULL, NULL, NULL, NULL, &flags), EAGAIN,
		  "%s: *flags = MSG_DONTWAIT on an empty queue: EAGAIN", label);
	pair_close(&c);
}

/* ---- notifications: MSG_NOTIFICATION, and in nxtinfo ---- */

static void test_notifications(int family, int type)
{
	struct sctp_pair c;
	struct rmsg m;
	union sctp_notification *sn = (union sctp_notification *)m.data;
	set_label(family, type);
	REQUIRE(pair_open(&c, family, type, 0) == 0, "%s: set up", label);
	CHECK(subscribe_event(c.srv, SCTP_SHUTDOWN_EVENT) == 0,
	      "%s: subscribe SCTP_SHUTDOWN_EVENT", label);
	CHECK(set_info(c.srv, 1, 1) == 0, "%s: SCTP_RECVRCVINFO and SCTP_RECVNXTINFO on", label);
	CHECK(cli_send(&c, "last", 9, 0, 1) == 4, "%s: a message", label);
	REQUIRE(wait_readable(c.srv, 2000), "%s: it arrives", label);
	close(c.cli); /* graceful: the server gets SCTP_SHUTDOWN_EVENT after it */
	c.cli = -1;
	usleep(100000);
	recv_v(c.srv, &m, sizeof(m.info.rn));
	CHECK(got(&m, "last") && !(m.flags & MSG_NOTIFICATION), "%s: notify: the data first", label);
	CHECK(m.infotype == SCTP_RECVV_RN, "%s: notify: a notification is next: SCTP_RECVV_RN", label);
	CHECK(m.info.rn.recvv_nxtinfo.nxt_flags & SCTP_NOTIFICATION,
	      "%s: notify: nxt_flags has SCTP_NOTIFICATION", label);
	CHECK(m.info.rn.recvv_nxtinfo.nxt_length == sizeof(struct sctp_shutdown_event),
	      "%s: notify: nxt_length is the notification's length", label);
	recv_v(c.srv, &m, sizeof(m.info.rn));
	CHECK(m.flags & MSG_NOTIFICATION, "%s: notify: flags have MSG_NOTIFICATION", label);
	CHECK(m.n == (int)sizeof(struct sctp_shutdown_event) &&
	      sn->sn_header.sn_type == SCTP_SHUTDOWN_EVENT,
	      "%s: notify: SCTP_SHUTDOWN_EVENT", label);
	CHECK(m.infotype == SCTP_RECVV_NOINFO,
	      "%s: notify: no rcvinfo for a notification: SCTP_RECVV_NOINFO", label);
	pair_close(&c);
}

/* ---- info buffer too small ---- */

static void test_small_info(void)
{
	struct sctp_pair c;
	struct rmsg m;
	set_label(AF_INET, SOCK_STREAM);
	REQUIRE(pair_open(&c, AF_INET, SOCK_STREAM, 0) == 0, "%s: set up", label);
	CHECK(set_info(c.srv, 1, 1) == 0, "%s: both on", label);
	CHECK(cli_send(&c, "m1", 1, 0, 1) == 2 && cli_send(&c, "m2", 2, 0, 2) == 2 &&
	      cli_send(&c, "m3", 3, 0, 3) == 2 && cli_send(&c, "m4", 4, 0, 4) == 2,
	      "%s: four messages", label);
	settle(c.srv);
	/* Room for an rcvinfo only: the kernel's first cmsg, SCTP_NXTINFO,
	 * fits and is returned; the SCTP_RCVINFO after it does not fit. */
	recv_v(c.srv, &m, sizeof(struct sctp_rcvinfo));
	CHECK(got(&m, "m1"), "%s: infolen for an rcvinfo only: the message arrives", label);
	CHECK(m.infotype == SCTP_RECVV_NXTINFO && m.infolen == sizeof(struct sctp_nxtinfo) &&
	      m.info.nxt.nxt_sid == 2 && m.info.nxt.nxt_ppid == 2,
	      "%s: infolen for an rcvinfo only: SCTP_RECVV_NXTINFO (the first that fits)", label);
	CHECK(untouched(m.info.raw + sizeof(struct sctp_nxtinfo),
			sizeof(m.info.raw) - sizeof(struct sctp_nxtinfo)),
	      "%s: infolen for an rcvinfo only: nothing written past the nxtinfo", label);
	recv_v(c.srv, &m, 8);
	CHECK(got(&m, "m2"), "%s: infolen 8: the message arrives", label);
	CHECK(m.infotype == SCTP_RECVV_NOINFO && untouched(&m.info, sizeof(m.info)),
	      "%s: infolen 8: SCTP_RECVV_NOINFO, info untouched", label);
	recv_v(c.srv, &m, 0);
	CHECK(got(&m, "m3") && m.infotype == SCTP_RECVV_NOINFO && untouched(&m.info, sizeof(m.info)),
	      "%s: infolen 0: the message, SCTP_RECVV_NOINFO", label);
	recv_v(c.srv, &m, sizeof(struct sctp_nxtinfo));
	CHECK(got(&m, "m4"), "%s: last message, infolen for an nxtinfo: the message arrives", label);
	CHECK(m.infotype == SCTP_RECVV_NOINFO && untouched(&m.info, sizeof(m.info)),
	      "%s: last message, infolen for an nxtinfo: the rcvinfo does not fit: NOINFO", label);
	pair_close(&c);
}

/* ---- SCTP_RECVRCVINFO with sctp_data_io_event also on ---- */

static void test_with_data_io(int family, int type)
{
	struct sctp_pair c;
	struct rmsg m;
	struct sctp_event_subscribe ev;
	set_label(family, type);
	REQUIRE(pair_open(&c, family, type, 0) == 0, "%s: set up", label);
	memset(&ev, 0, sizeof(ev));
	ev.sctp_data_io_event = 1;
	CHECK(set_info(c.srv, 1, 0) == 0 &&
	      setsockopt(c.srv, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)) == 0,
	      "%s: SCTP_RECVRCVINFO and sctp_data_io_event on", label);
	CHECK(cli_send(&c, "both", 0x55, 0, 7) == 4, "%s: send", label);
	recv_v(c.srv, &m, sizeof(m.info));
	CHECK(got(&m, "both") && m.infotype == SCTP_RECVV_RCVINFO &&
	      m.info.rcv.rcv_sid == 7 && m.info.rcv.rcv_ppid == 0x55,
	      "%s: data_io too: SCTP_RECVV_RCVINFO", label);
	/* lksctp's control buffer has no room for the SCTP_SNDRCV after it. */
	CHECK_FIX(!(m.flags & MSG_CTRUNC), "%s: data_io too: no MSG_CTRUNC", label);
	pair_close(&c);
}

/* ---- errors ---- */

static void test_errors(void)
{
	char buf[8];
	struct iovec iov = { buf, sizeof(buf) };
	int flags = 0, p[2];
	CHECK_ERR(sctp_recvv(-1, &iov, 1, NULL, NULL, NULL, NULL, NULL, &flags), EBADF,
		  "sctp_recvv on a bad descriptor: EBADF");
	REQUIRE(pipe(p) == 0, "a pipe");
	flags = 0;
	CHECK_ERR(sctp_recvv(p[0], &iov, 1, NULL, NULL, NULL, NULL, NULL, &flags), ENOTSOCK,
		  "sctp_recvv on a pipe: ENOTSOCK");
	close(p[0]);
	close(p[1]);
	int lst = sctp_listener(AF_INET, SOCK_STREAM, "127.0.0.1");
	flags = 0;
	CHECK_ERR(sctp_recvv(lst, &iov, 1, NULL, NULL, NULL, NULL, NULL, &flags), ENOTCONN,
		  "sctp_recvv on a one-to-one listening socket: ENOTCONN");
	close(lst);
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
			test_rcvinfo(families[f], types[t]);
			test_rn(families[f], types[t]);
			test_nxtinfo(families[f], types[t]);
			test_noinfo(families[f], types[t]);
			test_input_flags(families[f], types[t]);
			test_notifications(families[f], types[t]);
			test_with_data_io(families[f], types[t]);
		}
	test_small_info();
	test_errors();
	return check_end();
}
