/* sctp_sendv (RFC 6458 9.12) on real associations over loopback: IPv4 and
 * IPv6, one-to-one and one-to-many. Infotypes NOINFO, SNDINFO, PRINFO,
 * AUTHINFO and SPA; addresses (implicit association set-up, extra
 * destinations); several iovecs; errors and the flags argument.
 *
 * The receiver reads with plain recvmsg() and its own SCTP_RCVINFO parsing,
 * so these checks do not depend on the library's receive side.
 *
 * SPA with all three VALID flags is in t_sendv_spa_all.c (lksctp crashes). */
#include "check.h"
#include <signal.h>
#include <sys/uio.h>
#include <sys/wait.h>

/* ---- helpers ---- */

/* The association ids of a one-to-many socket (SCTP_GET_ASSOC_ID_LIST):
 * the number of them, the first in *id. */
static int assoc_ids(int fd, sctp_assoc_t *id)
{
	union {
		struct sctp_assoc_ids ids;
		char buf[sizeof(struct sctp_assoc_ids) + 8 * sizeof(sctp_assoc_t)];
	} u;
	socklen_t len = sizeof(u);
	if (getsockopt(fd, IPPROTO_SCTP, SCTP_GET_ASSOC_ID_LIST, &u, &len) < 0)
		return -1;
	if (id && u.ids.gaids_number_of_ids > 0)
		*id = u.ids.gaids_assoc_id[0];
	return u.ids.gaids_number_of_ids;
}

/* One message read with recvmsg(2); rcv is filled from SCTP_RCVINFO. */
struct rmsg {
	int n;
	char data[256];
	struct sockaddr_storage from;
	socklen_t fromlen;
	int flags;
	int have_rcv;
	struct sctp_rcvinfo rcv;
};

static int recv_plain(int fd, struct rmsg *m)
{
	char cbuf[512];
	struct iovec iov;
	struct msghdr mh;
	memset(m, 0, sizeof(*m));
	memset(&mh, 0, sizeof(mh));
	iov.iov_base = m->data;
	iov.iov_len = sizeof(m->data) - 1;
	mh.msg_name = &m->from;
	mh.msg_namelen = sizeof(m->from);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	if (!wait_readable(fd, 2000))
		return m->n = -2;
	m->n = recvmsg(fd, &mh, 0);
	m->fromlen = mh.msg_namelen;
	m->flags = mh.msg_flags;
	for (struct cmsghdr *cm = CMSG_FIRSTHDR(&mh); m->n >= 0 && cm; cm = CMSG_NXTHDR(&mh, cm))
		if (cm->cmsg_level == IPPROTO_SCTP && cm->cmsg_type == SCTP_RCVINFO) {
			memcpy(&m->rcv, CMSG_DATA(cm), sizeof(m->rcv));
			m->have_rcv = 1;
		}
	return m->n;
}

/* The message arrived with that text, stream and ppid. */
static int arrived(const struct rmsg *m, const char *text, int sid, uint32_t ppid)
{
	return m->n == (int)strlen(text) && memcmp(m->data, text, m->n) == 0 &&
	       (m->flags & MSG_EOR) && m->have_rcv && m->rcv.rcv_sid == sid &&
	       m->rcv.rcv_ppid == ppid;
}

/* sctp_sendv of one text buffer. */
static int sendv1(int fd, const char *text, struct sockaddr *addrs, int addrcnt,
		  void *info, socklen_t infolen, unsigned int infotype, int flags)
{
	struct iovec iov = { (void *)text, strlen(text) };
	return sctp_sendv(fd, &iov, 1, addrs, addrcnt, info, infolen, infotype, flags);
}

/* ---- every infotype, the receiver's view ---- */

static void test_infotypes(int family, int type)
{
	struct sctp_pair c;
	struct rmsg m;
	struct sctp_sndinfo snd;
	struct sctp_prinfo pr;
	struct sctp_authinfo auth;
	struct sctp_sendv_spa spa;
	sctp_assoc_t id = 0;
	int many = type == SOCK_SEQPACKET;
	/* One-to-many gives the address where the info has no assoc id. */
	struct sockaddr *to = many ? (struct sockaddr *)&c.to : NULL;
	int tocnt = many ? 1 : 0;
	set_label(family, type);
	REQUIRE(pair_open(&c, family, type, 1) == 0, "%s: set up", label);

	CHECK(sendv1(c.cli, "noinfo", to, tocnt, NULL, 0, SCTP_SENDV_NOINFO, 0) == 6,
	      many ? "%s: NOINFO with addrcnt 1 sets the association up"
		   : "%s: NOINFO returns the length", label);
	recv_plain(c.srv, &m);
	CHECK(arrived(&m, "noinfo", 0, 0), "%s: NOINFO: arrives on stream 0, ppid 0", label);
	CHECK(is_loopback(&m.from, m.fromlen, family, local_port(c.cli)),
	      "%s: NOINFO: from the client's address", label);
	if (many)
		CHECK(assoc_ids(c.cli, &id) == 1, "%s: the client has one association", label);

	memset(&snd, 0, sizeof(snd));
	snd.snd_sid = 3;
	snd.snd_ppid = 0x01020304;
	snd.snd_flags = SCTP_UNORDERED;
	snd.snd_context = 9;
	snd.snd_assoc_id = id;
	CHECK(sendv1(c.cli, "sndinfo", NULL, 0, &snd, sizeof(snd), SCTP_SENDV_SNDINFO, 0) == 7,
	      "%s: SNDINFO returns the length", label);
	recv_plain(c.srv, &m);
	CHECK(arrived(&m, "sndinfo", 3, 0x01020304), "%s: SNDINFO: snd_sid and snd_ppid arrive", label);
	CHECK(m.rcv.rcv_flags & SCTP_UNORDERED, "%s: SNDINFO: SCTP_UNORDERED arrives", label);
	sctp_assoc_t srv_id = m.rcv.rcv_assoc_id;

	memset(&pr, 0, sizeof(pr));
	pr.pr_policy = SCTP_PR_SCTP_TTL;
	pr.pr_value = 5000;
	CHECK(sendv1(c.cli, "prinfo", to, tocnt, &pr, sizeof(pr), SCTP_SENDV_PRINFO, 0) == 6,
	      "%s: PRINFO (TTL 5000 ms) returns the length", label);
	recv_plain(c.srv, &m);
	CHECK(arrived(&m, "prinfo", 0, 0), "%s: PRINFO: arrives", label);

	/* Without AUTH negotiated the kernel ignores the key number. */
	memset(&auth, 0, sizeof(auth));
	auth.auth_keynumber = 0;
	CHECK(sendv1(c.cli, "authinfo", to, tocnt, &auth, sizeof(auth), SCTP_SENDV_AUTHINFO, 0) == 8,
	      "%s: AUTHINFO without AUTH: the kernel sends anyway", label);
	recv_plain(c.srv, &m);
	CHECK(arrived(&m, "authinfo", 0, 0), "%s: AUTHINFO: arrives", label);

	memset(&spa, 0, sizeof(spa));
	spa.sendv_flags = SCTP_SEND_SNDINFO_VALID;
	spa.sendv_sndinfo.snd_sid = 4;
	spa.sendv_sndinfo.snd_ppid = 0x44;
	spa.sendv_sndinfo.snd_assoc_id = id;
	spa.sendv_prinfo.pr_policy = SCTP_PR_SCTP_RTX; /* not VALID: ignored */
	CHECK(sendv1(c.cli, "spa-snd", NULL, 0, &spa, sizeof(spa), SCTP_SENDV_SPA, 0) == 7,
	      "%s: SPA with SNDINFO_VALID returns the length", label);
	recv_plain(c.srv, &m);
	CHECK(arrived(&m, "spa-snd", 4, 0x44), "%s: SPA SNDINFO_VALID: sid and ppid arrive", label);

	spa.sendv_flags = SCTP_SEND_SNDINFO_VALID | SCTP_SEND_PRINFO_VALID;
	spa.sendv_sndinfo.snd_sid = 5;
	spa.sendv_sndinfo.snd_ppid = 0x55;
	spa.sendv_prinfo.pr_policy = SCTP_PR_SCTP_TTL;
	spa.sendv_prinfo.pr_value = 5000;
	CHECK(sendv1(c.cli, "spa-snd-pr", NULL, 0, &spa, sizeof(spa), SCTP_SENDV_SPA, 0) == 10,
	      "%s: SPA with SNDINFO_VALID|PRINFO_VALID returns the length", label);
	recv_plain(c.srv, &m);
	CHECK(arrived(&m, "spa-snd-pr", 5, 0x55), "%s: SPA SNDINFO|PRINFO: sid and ppid arrive", label);

	spa.sendv_flags = SCTP_SEND_PRINFO_VALID;
	CHECK(sendv1(c.cli, "spa-pr", to, tocnt, &spa, sizeof(spa), SCTP_SENDV_SPA, 0) == 6,
	      "%s: SPA with PRINFO_VALID only returns the length", label);
	recv_plain(c.srv, &m);
	CHECK(arrived(&m, "spa-pr", 0, 0), "%s: SPA PRINFO_VALID: arrives on stream 0", label);

	spa.sendv_flags = 0;
	CHECK(sendv1(c.cli, "spa-none", to, tocnt, &spa, sizeof(spa), SCTP_SENDV_SPA, 0) == 8,
	      "%s: SPA with no VALID flag returns the length", label);
	recv_plain(c.srv, &m);
	CHECK(arrived(&m, "spa-none", 0, 0), "%s: SPA with no VALID flag: arrives on stream 0", label);

	struct iovec iov[3] = { { (void *)"ab", 2 }, { (void *)"", 0 }, { (void *)"cdef", 4 } };
	CHECK(sctp_sendv(c.cli, iov, 3, to, tocnt, NULL, 0, SCTP_SENDV_NOINFO, 0) == 6,
	      "%s: three iovecs: returns the total length", label);
	recv_plain(c.srv, &m);
	CHECK(arrived(&m, "abcdef", 0, 0), "%s: three iovecs: the receiver sees one message, concatenated", label);

	/* The server replies: by assoc id, then by address. */
	memset(&snd, 0, sizeof(snd));
	snd.snd_sid = 2;
	snd.snd_ppid = 0x0a0b0c0d;
	snd.snd_assoc_id = many ? srv_id : 0;
	CHECK(sendv1(c.srv, "reply", NULL, 0, &snd, sizeof(snd), SCTP_SENDV_SNDINFO, 0) == 5,
	      "%s: the server replies with SNDINFO", label);
	recv_plain(c.cli, &m);
	CHECK(arrived(&m, "reply", 2, 0x0a0b0c0d), "%s: the client receives the reply", label);
	CHECK(is_loopback(&m.from, m.fromlen, family, c.srv_port),
	      "%s: the reply comes from the server's address", label);
	if (many) {
		CHECK(sendv1(c.cli, "addr", to, 1, NULL, 0, SCTP_SENDV_NOINFO, 0) == 4,
		      "%s: a message to the existing association by address", label);
		recv_plain(c.srv, &m);
		CHECK(arrived(&m, "addr", 0, 0) && m.rcv.rcv_assoc_id == srv_id,
		      "%s: it arrives on the same association", label);
		struct sockaddr_storage peer = m.from;
		CHECK(sendv1(c.srv, "back", (struct sockaddr *)&peer, 1, NULL, 0, SCTP_SENDV_NOINFO, 0) == 4,
		      "%s: the server replies to the address it got", label);
		recv_plain(c.cli, &m);
		CHECK(arrived(&m, "back", 0, 0), "%s: the client receives it", label);
		CHECK(assoc_ids(c.cli, NULL) == 1 && assoc_ids(c.srv, NULL) == 1,
		      "%s: still one association on each side", label);
	}
	pair_close(&c);
}

/* ---- extra destination addresses (SCTP_DSTADDRV4/V6) ---- */

/* Pack n addresses back to back, as sctp_sendv wants them. */
static struct sockaddr *pack(char *buf, const struct sockaddr_storage *a, int n)
{
	size_t off = 0;
	for (int i = 0; i < n; i++) {
		socklen_t len = addr_len(a[i].ss_family);
		memcpy(buf + off, &a[i], len);
		off += len;
	}
	return (struct sockaddr *)buf;
}

static struct sockaddr_storage ss4(const char *ip, unsigned short port)
{
	struct sockaddr_storage ss;
	struct sockaddr_in a = addr4(ip, port);
	memset(&ss, 0, sizeof(ss));
	memcpy(&ss, &a, sizeof(a));
	return ss;
}

static struct sockaddr_storage ss6(const char *ip, unsigned short port)
{
	struct sockaddr_storage ss;
	struct sockaddr_in6 a = addr6(ip, port);
	memset(&ss, 0, sizeof(ss));
	memcpy(&ss, &a, sizeof(a));
	return ss;
}

/* The primary path of a one-to-many socket's only association. */
static int primary_is(int fd, const char *ip)
{
	struct sctp_status st;
	socklen_t len = sizeof(st);
	memset(&st, 0, sizeof(st));
	if (assoc_ids(fd, &st.sstat_assoc_id) != 1 ||
	    getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &len) < 0)
		return 0;
	struct sockaddr_in *a = (struct sockaddr_in *)&st.sstat_primary.spinfo_address;
	struct sockaddr_in want = addr4(ip, 0);
	return a->sin_family == AF_INET && a->sin_addr.s_addr == want.sin_addr.s_addr;
}

static void test_addrs(void)
{
	struct rmsg m;
	struct sctp_sndinfo snd;
	char buf[3 * sizeof(struct sockaddr_in6)];
	set_label(AF_INET, SOCK_SEQPACKET);

	/* A one-to-many server on 127.0.0.1, .2 and .3. */
	int lst = sctp_socket(AF_INET, SOCK_SEQPACKET);
	struct sockaddr_in a = addr4("127.0.0.1", 0);
	REQUIRE(bind(lst, (struct sockaddr *)&a, sizeof(a)) == 0, "%s: bind", label);
	unsigned short port = local_port(lst);
	struct sockaddr_storage more[2] = { ss4("127.0.0.2", port), ss4("127.0.0.3", port) };
	CHECK(sctp_bindx(lst, pack(buf, more, 2), 2, SCTP_BINDX_ADD_ADDR) == 0,
	      "%s: server on 127.0.0.1, .2 and .3", label);
	REQUIRE(listen(lst, 8) == 0 && set_int(lst, SCTP_RECVRCVINFO, 1) == 0, "%s: listen", label);

	memset(&snd, 0, sizeof(snd));
	snd.snd_sid = 1;
	snd.snd_ppid = 7;
	struct sockaddr_storage two[2] = { ss4("127.0.0.1", port), ss4("127.0.0.2", port) };
	int c1 = sctp_socket(AF_INET, SOCK_SEQPACKET);
	CHECK(sendv1(c1, "two", pack(buf, two, 2), 2, &snd, sizeof(snd), SCTP_SENDV_SNDINFO, 0) == 3,
	      "%s: addrcnt 2 returns the length", label);
	recv_plain(lst, &m);
	CHECK(arrived(&m, "two", 1, 7), "%s: addrcnt 2: the message arrives", label);
	CHECK(assoc_ids(c1, NULL) == 1, "%s: addrcnt 2: one association", label);
	CHECK(primary_is(c1, "127.0.0.1"), "%s: addrcnt 2: its primary path is the first address", label);

	/* The first address decides where the association goes first. */
	struct sockaddr_storage three[3] = { ss4("127.0.0.2", port), ss4("127.0.0.1", port),
					     ss4("127.0.0.3", port) };
	int c2 = sctp_socket(AF_INET, SOCK_SEQPACKET);
	CHECK(sendv1(c2, "three", pack(buf, three, 3), 3, NULL, 0, SCTP_SENDV_NOINFO, 0) == 5,
	      "%s: addrcnt 3 returns the length", label);
	recv_plain(lst, &m);
	CHECK(arrived(&m, "three", 0, 0), "%s: addrcnt 3: the message arrives", label);
	CHECK(assoc_ids(c2, NULL) == 1, "%s: addrcnt 3: one association", label);
	CHECK(primary_is(c2, "127.0.0.2"), "%s: addrcnt 3: its primary path is the first address (.2)", label);
	CHECK(assoc_ids(lst, NULL) == 2, "%s: the server has two associations", label);
	close(c1);
	close(c2);
	close(lst);

	/* IPv6 socket: an IPv6 address then an IPv4 one. */
	set_label(AF_INET6, SOCK_SEQPACKET);
	lst = sctp_listener(AF_INET6, SOCK_SEQPACKET, "::");
	REQUIRE(lst >= 0 && set_int(lst, SCTP_RECVRCVINFO, 1) == 0, "%s: server on ::", label);
	port = local_port(lst);
	struct sockaddr_storage mixed[2] = { ss6("::1", port), ss4("127.0.0.1", port) };
	int c3 = sctp_socket(AF_INET6, SOCK_SEQPACKET);
	CHECK(sendv1(c3, "mixed", pack(buf, mixed, 2), 2, NULL, 0, SCTP_SENDV_NOINFO, 0) == 5,
	      "%s: addrcnt 2 (::1 and 127.0.0.1) returns the length", label);
	recv_plain(lst, &m);
	CHECK(arrived(&m, "mixed", 0, 0), "%s: addrcnt 2: the message arrives", label);
	CHECK(is_loopback(&m.from, m.fromlen, AF_INET6, local_port(c3)),
	      "%s: addrcnt 2: from ::1", label);
	CHECK(assoc_ids(c3, NULL) == 1, "%s: addrcnt 2: one association", label);
	close(c3);
	close(lst);
}

/* ---- snd_context comes back in SCTP_SEND_FAILED_EVENT ---- */

static void test_context(void)
{
	char buf[512];
	union sctp_notification *sn = (union sctp_notification *)buf;
	struct sctp_sndinfo snd;
	set_label(AF_INET, SOCK_SEQPACKET);
	/* A bound socket that does not listen answers INIT with ABORT. */
	int dead = sctp_socket(AF_INET, SOCK_SEQPACKET);
	struct sockaddr_in to = addr4("127.0.0.1", 0);
	bind(dead, (struct sockaddr *)&to, sizeof(to));
	to.sin_port = htons(local_port(dead));
	int s = sctp_socket(AF_INET, SOCK_SEQPACKET);
	CHECK(subscribe_event(s, SCTP_SEND_FAILED_EVENT) == 0, "%s: subscribe SCTP_SEND_FAILED_EVENT", label);
	memset(&snd, 0, sizeof(snd));
	snd.snd_sid = 1;
	snd.snd_ppid = 0x31;
	snd.snd_context = 0x4321;
	CHECK(sendv1(s, "lost", (struct sockaddr *)&to, 1, &snd, sizeof(snd), SCTP_SENDV_SNDINFO, 0) == 4,
	      "%s: SNDINFO with a context to a port that does not listen: queued", label);
	int n = -1;
	if (wait_readable(s, 3000))
		n = recvfrom(s, buf, sizeof(buf), 0, NULL, NULL);
	struct sctp_send_failed_event *f = &sn->sn_send_failed_event;
	CHECK(n == (int)sizeof(*f) + 4 && f->ssf_type == SCTP_SEND_FAILED_EVENT,
	      "%s: SCTP_SEND_FAILED_EVENT with the data", label);
	CHECK(f->ssfe_info.snd_context == 0x4321, "%s: it carries snd_context", label);
	CHECK(f->ssfe_info.snd_sid == 1 && f->ssfe_info.snd_ppid == 0x31 &&
	      memcmp(f->ssf_data, "lost", 4) == 0,
	      "%s: it carries snd_sid, snd_ppid and the data", label);
	close(s);
	close(dead);
}

/* ---- errors ---- */

static void test_errors(void)
{
	struct sctp_pair c;
	struct sctp_sndinfo snd[2];
	struct sctp_prinfo pr[2];
	struct sctp_authinfo auth[2];
	struct sctp_sendv_spa spa;
	char buf[2 * sizeof(struct sockaddr_in6)];
	struct iovec iov = { (void *)"x", 1 };
	set_label(AF_INET, SOCK_STREAM);
	memset(snd, 0, sizeof(snd));
	memset(pr, 0, sizeof(pr));
	memset(auth, 0, sizeof(auth));
	memset(&spa, 0, sizeof(spa));

	CHECK_ERR(sctp_sendv(-1, &iov, 1, NULL, 0, NULL, 0, SCTP_SENDV_NOINFO, 0), EBADF,
		  "sctp_sendv on a bad descriptor: EBADF");

	/* The server never reads: lksctp sends what we reject. */
	REQUIRE(pair_open(&c, AF_INET, SOCK_STREAM, 1) == 0, "%s: set up", label);
	int fd = c.cli;
	CHECK_ERR_FIX(sctp_sendv(fd, &iov, 1, NULL, 0, NULL, 0, SCTP_SENDV_SPA + 1, 0), EINVAL,
		      "%s: infotype out of range: -1 EINVAL (lksctp sends without info)", label);
	CHECK_ERR_FIX(sctp_sendv(fd, &iov, 1, NULL, 0, snd, sizeof(snd[0]) - 1, SCTP_SENDV_SNDINFO, 0),
		      EINVAL, "%s: SNDINFO with infolen too small: -1 EINVAL", label);
	CHECK_ERR_FIX(sctp_sendv(fd, &iov, 1, NULL, 0, snd, sizeof(snd[0]) + 4, SCTP_SENDV_SNDINFO, 0),
		      EINVAL, "%s: SNDINFO with infolen too large: -1 EINVAL", label);
	CHECK_ERR_FIX(sctp_sendv(fd, &iov, 1, NULL, 0, pr, sizeof(pr[0]) - 2, SCTP_SENDV_PRINFO, 0),
		      EINVAL, "%s: PRINFO with infolen too small: -1 EINVAL", label);
	CHECK_ERR_FIX(sctp_sendv(fd, &iov, 1, NULL, 0, pr, sizeof(pr[0]) + 8, SCTP_SENDV_PRINFO, 0),
		      EINVAL, "%s: PRINFO with infolen too large: -1 EINVAL", label);
	CHECK_ERR_FIX(sctp_sendv(fd, &iov, 1, NULL, 0, auth, 0, SCTP_SENDV_AUTHINFO, 0),
		      EINVAL, "%s: AUTHINFO with infolen 0: -1 EINVAL", label);
	CHECK_ERR_FIX(sctp_sendv(fd, &iov, 1, NULL, 0, auth, sizeof(auth), SCTP_SENDV_AUTHINFO, 0),
		      EINVAL, "%s: AUTHINFO with infolen too large: -1 EINVAL", label);
	CHECK_ERR_FIX(sctp_sendv(fd, &iov, 1, NULL, 0, &spa, sizeof(spa) - 4, SCTP_SENDV_SPA, 0),
		      EINVAL, "%s: SPA with infolen too small: -1 EINVAL", label);

	struct sockaddr_storage bad[2] = { ss4("127.0.0.1", c.srv_port), ss4("127.0.0.1", 1) };
	bad[0].ss_family = AF_UNIX;
	CHECK_ERR_FIX(sctp_sendv(fd, &iov, 1, pack(buf, bad, 1), 1, NULL, 0, SCTP_SENDV_NOINFO, 0),
		      EINVAL, "%s: an address of family AF_UNIX: -1 EINVAL (lksctp returns -22)", label);
	bad[0].ss_family = AF_INET;
	pack(buf, bad, 2);
	((struct sockaddr *)(buf + sizeof(struct sockaddr_in)))->sa_family = AF_UNIX;
	CHECK_ERR_FIX(sctp_sendv(fd, &iov, 1, (struct sockaddr *)buf, 2, NULL, 0, SCTP_SENDV_NOINFO, 0),
		      EINVAL, "%s: a second address of family AF_UNIX: -1 EINVAL (lksctp returns -22)", label);

	/* What the kernel rejects. */
	snd[0].snd_sid = 10;
	CHECK_ERR(sctp_sendv(fd, &iov, 1, NULL, 0, snd, sizeof(snd[0]), SCTP_SENDV_SNDINFO, 0), EINVAL,
		  "%s: snd_sid 10 of 10 outbound streams: EINVAL", label);
	CHECK_ERR(sctp_sendv(fd, &iov, 0, NULL, 0, NULL, 0, SCTP_SENDV_NOINFO, 0), EINVAL,
		  "%s: no data (iovcnt 0): EINVAL", label);
	snd[0].snd_sid = 0;
	snd[0].snd_flags = SCTP_ABORT | SCTP_EOF;
	CHECK_ERR(sctp_sendv(fd, &iov, 1, NULL, 0, snd, sizeof(snd[0]), SCTP_SENDV_SNDINFO, 0), EINVAL,
		  "%s: snd_flags SCTP_ABORT|SCTP_EOF: EINVAL", label);
	pair_close(&c);
}

/* ---- the flags argument reaches sendmsg: MSG_NOSIGNAL ---- */

/* In a child with SIGPIPE at its default: sctp_sendv on fd with flags.
 * Returns the child's wait status. */
static int sendv_in_child(int fd, int flags)
{
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		int rc = sendv1(fd, "x", NULL, 0, NULL, 0, SCTP_SENDV_NOINFO, flags);
		_exit(rc == -1 && errno == EPIPE ? 0 : 1);
	}
	int status = -1;
	waitpid(pid, &status, 0);
	return status;
}

static void test_flags(void)
{
	struct sctp_pair c;
	char buf[8];
	set_label(AF_INET, SOCK_STREAM);
	REQUIRE(pair_open(&c, AF_INET, SOCK_STREAM, 1) == 0, "%s: set up", label);
	/* The server goes away; once the client sees end of file the
	 * association is gone and sending fails with EPIPE. */
	close(c.srv);
	close(c.lst);
	c.srv = c.lst = -1;
	CHECK(wait_readable(c.cli, 2000) && recv(c.cli, buf, sizeof(buf), 0) == 0,
	      "%s: the client sees the peer's shutdown", label);
	int st = sendv_in_child(c.cli, 0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE,
	      "%s: sctp_sendv on a closed association: SIGPIPE", label);
	st = sendv_in_child(c.cli, MSG_NOSIGNAL);
	CHECK_FIX(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		  "%s: sctp_sendv with flags MSG_NOSIGNAL: EPIPE and no SIGPIPE (lksctp drops flags)", label);
	CHECK_ERR(sendv1(c.cli, "x", NULL, 0, NULL, 0, SCTP_SENDV_NOINFO, 0), EPIPE,
		  "%s: with SIGPIPE ignored: EPIPE", label);
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
		for (int t = 0; t < 2; t++)
			test_infotypes(families[f], types[t]);
	test_addrs();
	test_context();
	test_errors();
	test_flags();
	return check_end();
}
