/* Notifications through sctp_recvmsg and sctp_recvv: MSG_NOTIFICATION in
 * the flags, SCTP_ASSOC_CHANGE (COMM_UP, SHUTDOWN_COMP, COMM_LOST),
 * SCTP_SHUTDOWN_EVENT and SCTP_PEER_ADDR_CHANGE on real associations over
 * loopback, subscribed with SCTP_EVENTS or SCTP_EVENT. */
#include "check.h"
#include <signal.h>
#include <sys/uio.h>

/* ---- helpers ---- */

static void set_notify_label(int family, int type, int use_event)
{
	set_label(family, type);
	strncat(label, use_event ? " SCTP_EVENT" : " SCTP_EVENTS", sizeof(label) - strlen(label) - 1);
}

/* Association, shutdown (and data) events: with the SCTP_EVENTS struct or
 * one SCTP_EVENT per type. */
static int subscribe(int fd, int use_event)
{
	if (use_event)
		return subscribe_event(fd, SCTP_ASSOC_CHANGE) | subscribe_event(fd, SCTP_SHUTDOWN_EVENT);
	struct sctp_event_subscribe ev;
	memset(&ev, 0, sizeof(ev));
	ev.sctp_data_io_event = 1;
	ev.sctp_association_event = 1;
	ev.sctp_shutdown_event = 1;
	return setsockopt(fd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev));
}

static int set_initmsg(int fd, int ostreams, int instreams)
{
	struct sctp_initmsg im;
	memset(&im, 0, sizeof(im));
	im.sinit_num_ostreams = ostreams;
	im.sinit_max_instreams = instreams;
	return setsockopt(fd, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof(im));
}

/* One thing received: a notification or data. */
struct note {
	int n;
	struct sockaddr_storage from;
	socklen_t fromlen;
	int flags;
	unsigned int infotype; /* sctp_recvv only */
	struct sctp_rcvinfo rcv;
	/* Last: union sctp_notification ends in flexible arrays (C++ wants them last). */
	union {
		char raw[512];
		union sctp_notification sn;
	} u;
};

/* sctp_recvmsg, or sctp_recvv when via_recvv; n is -2 after 3 s of nothing. */
static int get_note(int fd, struct note *x, int via_recvv)
{
	memset(x, 0, sizeof(*x));
	x->fromlen = sizeof(x->from);
	x->infotype = 99;
	if (!wait_readable(fd, 3000))
		return x->n = -2;
	if (!via_recvv) {
		struct sctp_sndrcvinfo si;
		x->n = sctp_recvmsg(fd, x->u.raw, sizeof(x->u.raw), (struct sockaddr *)&x->from,
				    &x->fromlen, &si, &x->flags);
	} else {
		struct iovec iov = { x->u.raw, sizeof(x->u.raw) };
		socklen_t infolen = sizeof(x->rcv);
		x->n = sctp_recvv(fd, &iov, 1, (struct sockaddr *)&x->from, &x->fromlen,
				  &x->rcv, &infolen, &x->infotype, &x->flags);
	}
	return x->n;
}

static int is_note(const struct note *x, uint16_t type)
{
	return x->n >= (int)sizeof(x->u.sn.sn_header) && (x->flags & MSG_NOTIFICATION) &&
	       x->u.sn.sn_header.sn_type == type && x->u.sn.sn_header.sn_length == (uint32_t)x->n;
}

static int is_assoc_change(const struct note *x, int state)
{
	return is_note(x, SCTP_ASSOC_CHANGE) && x->u.sn.sn_assoc_change.sac_state == state;
}

/* A connected pair with server settings: events subscribed at both ends,
 * the server 5 out and 12 in, the client 7 out and 9 in (SCTP_INITMSG,
 * before the association); one-to-many connects too. */
static int conn_open(struct sctp_pair *c, int family, int type, int use_event)
{
	if (pair_sockets(c, family, type) || subscribe(c->lst, use_event) || subscribe(c->cli, use_event) ||
	    set_initmsg(c->lst, 5, 12) || set_initmsg(c->cli, 7, 9))
		return -1;
	return pair_connect(c);
}

/* ---- COMM_UP on both ends, then a graceful shutdown by close() ---- */

static void test_up_and_shutdown(int family, int type, int use_event)
{
	struct sctp_pair c;
	struct note x;
	set_notify_label(family, type, use_event);
	REQUIRE(conn_open(&c, family, type, use_event) == 0, "%s: connected", label);

	/* The client reads with sctp_recvmsg. */
	get_note(c.cli, &x, 0);
	CHECK(x.flags & MSG_NOTIFICATION, "%s: client: msg_flags has MSG_NOTIFICATION", label);
	CHECK(x.flags & MSG_EOR, "%s: client: msg_flags has MSG_EOR", label);
	CHECK(is_assoc_change(&x, SCTP_COMM_UP), "%s: client: SCTP_ASSOC_CHANGE SCTP_COMM_UP", label);
	struct sctp_assoc_change *ac = &x.u.sn.sn_assoc_change;
	CHECK(x.n >= (int)sizeof(*ac) && ac->sac_length == (uint32_t)x.n,
	      "%s: client: sac_length is the notification's length", label);
	CHECK(ac->sac_error == 0, "%s: client: sac_error 0", label);
	CHECK(ac->sac_outbound_streams == 7, "%s: client: 7 outbound streams (its SCTP_INITMSG)", label);
	CHECK(ac->sac_inbound_streams == 5, "%s: client: 5 inbound streams (the server's)", label);
	CHECK(ac->sac_assoc_id != 0, "%s: client: sac_assoc_id set", label);
	CHECK(is_loopback(&x.from, x.fromlen, family, c.srv_port),
	      "%s: client: from holds the server's address", label);
	sctp_assoc_t cli_id = ac->sac_assoc_id;

	/* The server reads with sctp_recvv, SCTP_RECVRCVINFO on. */
	CHECK(set_int(c.srv, SCTP_RECVRCVINFO, 1) == 0, "%s: server: SCTP_RECVRCVINFO on", label);
	get_note(c.srv, &x, 1);
	CHECK(x.flags & MSG_NOTIFICATION, "%s: server: sctp_recvv flags have MSG_NOTIFICATION", label);
	CHECK(is_assoc_change(&x, SCTP_COMM_UP), "%s: server: SCTP_ASSOC_CHANGE SCTP_COMM_UP", label);
	CHECK(x.infotype == SCTP_RECVV_NOINFO,
	      "%s: server: a notification comes with SCTP_RECVV_NOINFO", label);
	CHECK(ac->sac_outbound_streams == 5 && ac->sac_inbound_streams == 7,
	      "%s: server: 5 outbound, 7 inbound streams", label);
	CHECK(ac->sac_assoc_id != 0, "%s: server: sac_assoc_id set", label);
	CHECK(is_loopback(&x.from, x.fromlen, family, local_port(c.cli)),
	      "%s: server: from holds the client's address", label);
	sctp_assoc_t srv_id = ac->sac_assoc_id;

	/* Data still reads as data, without MSG_NOTIFICATION. */
	struct sctp_sndrcvinfo si;
	memset(&si, 0, sizeof(si));
	si.sinfo_stream = 1;
	si.sinfo_assoc_id = cli_id;
	CHECK(sctp_send(c.cli, "data", 4, &si, 0) == 4, "%s: client sends data", label);
	get_note(c.srv, &x, 1);
	CHECK(x.n == 4 && !(x.flags & MSG_NOTIFICATION) && (x.flags & MSG_EOR) &&
	      x.infotype == SCTP_RECVV_RCVINFO && x.rcv.rcv_sid == 1,
	      "%s: server: data has no MSG_NOTIFICATION", label);
	CHECK(x.rcv.rcv_assoc_id == srv_id, "%s: server: data's assoc id is the COMM_UP's", label);

	/* The client closes: SHUTDOWN_EVENT, then SHUTDOWN_COMP. */
	close(c.cli);
	c.cli = -1;
	get_note(c.srv, &x, 0);
	CHECK(is_note(&x, SCTP_SHUTDOWN_EVENT),
	      "%s: server: SCTP_SHUTDOWN_EVENT when the peer closes", label);
	CHECK(x.n == (int)sizeof(struct sctp_shutdown_event) &&
	      x.u.sn.sn_shutdown_event.sse_assoc_id == srv_id,
	      "%s: server: sse_length and sse_assoc_id", label);
	get_note(c.srv, &x, 0);
	CHECK(is_assoc_change(&x, SCTP_SHUTDOWN_COMP),
	      "%s: server: then SCTP_ASSOC_CHANGE SCTP_SHUTDOWN_COMP", label);
	CHECK(x.u.sn.sn_assoc_change.sac_assoc_id == srv_id,
	      "%s: server: SHUTDOWN_COMP for the same assoc id", label);
	if (type == SOCK_STREAM) {
		char buf[16];
		int flags = 0;
		CHECK(sctp_recvmsg(c.srv, buf, sizeof(buf), NULL, NULL, NULL, &flags) == 0,
		      "%s: server: then end of file", label);
	}
	pair_close(&c);
}

/* ---- ABORT: SCTP_COMM_LOST ---- */

#define CAUSE_USER_ABORT 12 /* RFC 4960 3.3.10.12 User-Initiated Abort */

static void test_abort(int family, int type)
{
	struct sctp_pair c;
	struct note x;
	set_notify_label(family, type, 0);
	REQUIRE(conn_open(&c, family, type, 0) == 0, "%s: connected", label);
	get_note(c.cli, &x, 0);
	CHECK(is_assoc_change(&x, SCTP_COMM_UP), "%s: client: SCTP_COMM_UP", label);
	sctp_assoc_t cli_id = x.u.sn.sn_assoc_change.sac_assoc_id;
	get_note(c.srv, &x, 0);
	CHECK(is_assoc_change(&x, SCTP_COMM_UP), "%s: server: SCTP_COMM_UP", label);
	sctp_assoc_t srv_id = x.u.sn.sn_assoc_change.sac_assoc_id;

	if (type == SOCK_STREAM) {
		struct linger l = { 1, 0 };
		CHECK(setsockopt(c.cli, SOL_SOCKET, SO_LINGER, &l, sizeof(l)) == 0,
		      "%s: SO_LINGER 0 so close() aborts", label);
		close(c.cli);
		c.cli = -1;
	} else {
		struct sctp_sndrcvinfo si;
		memset(&si, 0, sizeof(si));
		si.sinfo_flags = SCTP_ABORT;
		si.sinfo_assoc_id = cli_id;
		CHECK(sctp_send(c.cli, NULL, 0, &si, 0) == 0, "%s: sctp_send SCTP_ABORT", label);
		get_note(c.cli, &x, 0);
		CHECK(is_assoc_change(&x, SCTP_COMM_LOST),
		      "%s: the aborting end gets SCTP_COMM_LOST", label);
		CHECK(x.u.sn.sn_assoc_change.sac_error == htons(CAUSE_USER_ABORT),
		      "%s: its sac_error is the cause User-Initiated Abort, in network byte order", label);
	}
	get_note(c.srv, &x, 0);
	CHECK(is_assoc_change(&x, SCTP_COMM_LOST), "%s: the peer gets SCTP_COMM_LOST", label);
	CHECK(x.u.sn.sn_assoc_change.sac_assoc_id == srv_id, "%s: for its assoc id", label);
	CHECK(x.u.sn.sn_assoc_change.sac_error == htons(CAUSE_USER_ABORT),
	      "%s: the peer's sac_error is the cause User-Initiated Abort, in network byte order", label);
	pair_close(&c);
}

/* ---- SCTP_PEER_ADDR_CHANGE: a second server address gets confirmed ---- */

static void test_peer_addr_change(void)
{
	struct note x;
	struct sctp_rtoinfo rto;
	struct sockaddr_in a[2] = { addr4("127.0.0.1", 0), addr4("127.0.0.2", 0) };
	set_notify_label(AF_INET, SOCK_SEQPACKET, 1);

	int lst = sctp_socket(AF_INET, SOCK_SEQPACKET);
	REQUIRE(bind(lst, (struct sockaddr *)&a[0], sizeof(a[0])) == 0, "%s: bind 127.0.0.1", label);
	a[1].sin_port = htons(local_port(lst));
	CHECK(sctp_bindx(lst, (struct sockaddr *)&a[1], 1, SCTP_BINDX_ADD_ADDR) == 0,
	      "%s: add 127.0.0.2", label);
	REQUIRE(listen(lst, 4) == 0, "%s: listen", label);
	int cli = sctp_socket(AF_INET, SOCK_SEQPACKET);
	/* Short RTOs so the heartbeat confirming 127.0.0.2 is fast. */
	memset(&rto, 0, sizeof(rto));
	rto.srto_initial = 100;
	rto.srto_min = 50;
	rto.srto_max = 200;
	CHECK(setsockopt(cli, IPPROTO_SCTP, SCTP_RTOINFO, &rto, sizeof(rto)) == 0, "%s: short RTO", label);
	CHECK(subscribe_event(cli, SCTP_PEER_ADDR_CHANGE) == 0, "%s: subscribe SCTP_PEER_ADDR_CHANGE", label);
	a[0].sin_port = a[1].sin_port;
	REQUIRE(connect(cli, (struct sockaddr *)&a[0], sizeof(a[0])) == 0, "%s: connect to 127.0.0.1", label);
	/* No association events subscribed: the first notification is it. */
	get_note(cli, &x, 0);
	struct sctp_paddr_change *pc = &x.u.sn.sn_paddr_change;
	struct sockaddr_in *sin = (struct sockaddr_in *)&pc->spc_aaddr;
	CHECK(is_note(&x, SCTP_PEER_ADDR_CHANGE) && x.n == (int)sizeof(*pc),
	      "%s: SCTP_PEER_ADDR_CHANGE arrives", label);
	CHECK(pc->spc_state == SCTP_ADDR_CONFIRMED,
	      "%s: spc_state SCTP_ADDR_CONFIRMED", label);
	CHECK(sin->sin_family == AF_INET && sin->sin_addr.s_addr == a[1].sin_addr.s_addr &&
	      sin->sin_port == a[1].sin_port,
	      "%s: spc_aaddr is 127.0.0.2 and the server's port", label);
	CHECK(pc->spc_assoc_id != 0, "%s: spc_assoc_id set", label);
	CHECK(!wait_readable(cli, 300), "%s: no other address change", label);
	close(cli);
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
			test_up_and_shutdown(families[f], types[t], 0);
			test_up_and_shutdown(families[f], types[t], 1);
			test_abort(families[f], types[t]);
		}
	test_peer_addr_change();
	return check_end();
}
