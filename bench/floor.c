/* The floor for `make bench`: what each libsctp function costs when the
 * application writes the system call itself. Every function has libsctp's
 * signature and is built, like the two libraries it is compared with, as a
 * libsctp.so.1 of its own (target/bench/floor), so the harness links it the
 * same way and pays the same PLT hops. Each body is the plain, hand-written
 * call: a msghdr, a control message built in place, one sendmsg, recvmsg,
 * setsockopt or getsockopt, and nothing a careful C programmer would not
 * write anyway. It handles what the benchmark asks of it (and the general
 * cases cheaply); it is a yardstick, not a library.
 *
 * Built with -O2 and no stack protector: the least a compiler makes of it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/sctp.h>

int sctp_sendmsg(int s, const void *msg, size_t len, struct sockaddr *to, socklen_t tolen, uint32_t ppid,
		 uint32_t flags, uint16_t stream_no, uint32_t timetolive, uint32_t context)
{
	struct {
		struct cmsghdr h;
		struct sctp_sndrcvinfo i;
	} c = {
		.h = { .cmsg_len = CMSG_LEN(sizeof(struct sctp_sndrcvinfo)), .cmsg_level = IPPROTO_SCTP,
		       .cmsg_type = SCTP_SNDRCV },
		.i = { .sinfo_stream = stream_no, .sinfo_flags = flags, .sinfo_ppid = ppid,
		       .sinfo_context = context, .sinfo_timetolive = timetolive },
	};
	struct iovec iov = { (void *)msg, len };
	struct msghdr m = { .msg_name = to, .msg_namelen = tolen, .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = &c, .msg_controllen = sizeof c };
	return sendmsg(s, &m, 0);
}

int sctp_send(int s, const void *msg, size_t len, const struct sctp_sndrcvinfo *sinfo, int flags)
{
	struct {
		struct cmsghdr h;
		struct sctp_sndrcvinfo i;
	} c;
	struct iovec iov = { (void *)msg, len };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	if (sinfo) {
		c.h.cmsg_len = CMSG_LEN(sizeof(struct sctp_sndrcvinfo));
		c.h.cmsg_level = IPPROTO_SCTP;
		c.h.cmsg_type = SCTP_SNDRCV;
		c.i = *sinfo;
		m.msg_control = &c;
		m.msg_controllen = sizeof c;
	}
	return sendmsg(s, &m, flags);
}

int sctp_recvmsg(int s, void *msg, size_t len, struct sockaddr *from, socklen_t *fromlen,
		 struct sctp_sndrcvinfo *sinfo, int *msg_flags)
{
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))];
	} c;
	struct iovec iov = { msg, len };
	struct msghdr m = { .msg_name = from, .msg_namelen = fromlen ? *fromlen : 0, .msg_iov = &iov,
			    .msg_iovlen = 1, .msg_control = &c, .msg_controllen = sizeof c };
	struct cmsghdr *h;
	int n = recvmsg(s, &m, msg_flags ? *msg_flags : 0);
	if (n < 0)
		return n;
	if (fromlen)
		*fromlen = m.msg_namelen;
	if (msg_flags)
		*msg_flags = m.msg_flags;
	if (sinfo)
		for (h = CMSG_FIRSTHDR(&m); h; h = CMSG_NXTHDR(&m, h))
			if (h->cmsg_level == IPPROTO_SCTP && h->cmsg_type == SCTP_SNDRCV) {
				memcpy(sinfo, CMSG_DATA(h), sizeof *sinfo);
				break;
			}
	return n;
}

static char *put_cmsg(char *p, int type, const void *data, size_t len)
{
	struct cmsghdr *h = (struct cmsghdr *)p;
	h->cmsg_level = IPPROTO_SCTP;
	h->cmsg_type = type;
	h->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(h), data, len);
	return p + CMSG_SPACE(len);
}

/* Extra destinations the floor takes (the benchmark sends to up to 32 addresses). */
#define FLOOR_DST 31

int sctp_sendv(int s, const struct iovec *iov, int iovcnt, struct sockaddr *addrs, int addrcnt, void *info,
	       socklen_t infolen, unsigned int infotype, int flags)
{
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(struct sctp_sndinfo)) + CMSG_SPACE(sizeof(struct sctp_prinfo)) +
		       CMSG_SPACE(sizeof(struct sctp_authinfo)) + FLOOR_DST * CMSG_SPACE(sizeof(struct in6_addr))];
	} c;
	struct msghdr m = { .msg_iov = (struct iovec *)iov, .msg_iovlen = iovcnt, .msg_control = &c };
	char *p = c.b, *a = (char *)addrs;
	int i;
	(void)infolen;
	if (addrcnt > FLOOR_DST + 1) {
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < addrcnt; i++) {
		struct sockaddr *sa = (struct sockaddr *)a;
		size_t n = sa->sa_family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
		if (i == 0) {
			m.msg_name = sa;
			m.msg_namelen = n;
		} else if (sa->sa_family == AF_INET)
			p = put_cmsg(p, SCTP_DSTADDRV4, &((struct sockaddr_in *)sa)->sin_addr, sizeof(struct in_addr));
		else
			p = put_cmsg(p, SCTP_DSTADDRV6, &((struct sockaddr_in6 *)sa)->sin6_addr,
				     sizeof(struct in6_addr));
		a += n;
	}
	switch (infotype) {
	case SCTP_SENDV_SNDINFO:
		p = put_cmsg(p, SCTP_SNDINFO, info, sizeof(struct sctp_sndinfo));
		break;
	case SCTP_SENDV_PRINFO:
		p = put_cmsg(p, SCTP_PRINFO, info, sizeof(struct sctp_prinfo));
		break;
	case SCTP_SENDV_AUTHINFO:
		p = put_cmsg(p, SCTP_AUTHINFO, info, sizeof(struct sctp_authinfo));
		break;
	case SCTP_SENDV_SPA: {
		struct sctp_sendv_spa *spa = info;
		if (spa->sendv_flags & SCTP_SEND_SNDINFO_VALID)
			p = put_cmsg(p, SCTP_SNDINFO, &spa->sendv_sndinfo, sizeof(struct sctp_sndinfo));
		if (spa->sendv_flags & SCTP_SEND_PRINFO_VALID)
			p = put_cmsg(p, SCTP_PRINFO, &spa->sendv_prinfo, sizeof(struct sctp_prinfo));
		if (spa->sendv_flags & SCTP_SEND_AUTHINFO_VALID)
			p = put_cmsg(p, SCTP_AUTHINFO, &spa->sendv_authinfo, sizeof(struct sctp_authinfo));
		break;
	}
	}
	m.msg_controllen = p - c.b;
	if (!m.msg_controllen)
		m.msg_control = NULL;
	return sendmsg(s, &m, flags);
}

int sctp_recvv(int s, const struct iovec *iov, int iovlen, struct sockaddr *from, socklen_t *fromlen, void *info,
	       socklen_t *infolen, unsigned int *infotype, int *flags)
{
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(struct sctp_rcvinfo)) + CMSG_SPACE(sizeof(struct sctp_nxtinfo))];
	} c;
	struct msghdr m = { .msg_name = from, .msg_namelen = fromlen ? *fromlen : 0, .msg_iov = (struct iovec *)iov,
			    .msg_iovlen = iovlen, .msg_control = &c, .msg_controllen = sizeof c };
	struct sctp_rcvinfo *rcv = NULL;
	struct sctp_nxtinfo *nxt = NULL;
	struct cmsghdr *h;
	int n = recvmsg(s, &m, flags ? *flags : 0);
	if (n < 0)
		return n;
	if (fromlen)
		*fromlen = m.msg_namelen;
	if (flags)
		*flags = m.msg_flags;
	if (!info || !infolen || !infotype)
		return n;
	for (h = CMSG_FIRSTHDR(&m); h; h = CMSG_NXTHDR(&m, h)) {
		if (h->cmsg_level != IPPROTO_SCTP)
			continue;
		if (h->cmsg_type == SCTP_RCVINFO)
			rcv = (struct sctp_rcvinfo *)CMSG_DATA(h);
		else if (h->cmsg_type == SCTP_NXTINFO)
			nxt = (struct sctp_nxtinfo *)CMSG_DATA(h);
	}
	if (rcv && nxt && *infolen >= sizeof(struct sctp_recvv_rn)) {
		memcpy(info, rcv, sizeof *rcv);
		memcpy((char *)info + sizeof *rcv, nxt, sizeof *nxt);
		*infolen = sizeof(struct sctp_recvv_rn);
		*infotype = SCTP_RECVV_RN;
	} else if (rcv && *infolen >= sizeof *rcv) {
		memcpy(info, rcv, sizeof *rcv);
		*infolen = sizeof *rcv;
		*infotype = SCTP_RECVV_RCVINFO;
	} else if (nxt && *infolen >= sizeof *nxt) {
		memcpy(info, nxt, sizeof *nxt);
		*infolen = sizeof *nxt;
		*infotype = SCTP_RECVV_NXTINFO;
	} else
		*infotype = SCTP_RECVV_NOINFO;
	return n;
}

static int packed_len(const struct sockaddr *addrs, int cnt)
{
	const char *a = (const char *)addrs;
	int i, len = 0;
	for (i = 0; i < cnt; i++) {
		int n = ((const struct sockaddr *)(a + len))->sa_family == AF_INET ? sizeof(struct sockaddr_in)
										     : sizeof(struct sockaddr_in6);
		len += n;
	}
	return len;
}

int sctp_bindx(int sd, struct sockaddr *addrs, int addrcnt, int flags)
{
	return setsockopt(sd, SOL_SCTP, flags == SCTP_BINDX_ADD_ADDR ? SCTP_SOCKOPT_BINDX_ADD : SCTP_SOCKOPT_BINDX_REM,
			  addrs, packed_len(addrs, addrcnt));
}

int sctp_connectx(int sd, struct sockaddr *addrs, int addrcnt, sctp_assoc_t *id)
{
	struct sctp_getaddrs_old arg = { .assoc_id = 0, .addr_num = packed_len(addrs, addrcnt), .addrs = addrs };
	socklen_t len = sizeof arg;
	int r = getsockopt(sd, SOL_SCTP, SCTP_SOCKOPT_CONNECTX3, &arg, &len);
	if (id && (r == 0 || errno == EINPROGRESS))
		*id = arg.assoc_id;
	return r < 0 ? r : 0;
}

static int getaddrs(int sd, sctp_assoc_t id, struct sockaddr **addrs, int opt)
{
	size_t cap = 4096, used;
	struct sctp_getaddrs *g = malloc(cap);
	socklen_t len;
	for (;;) {
		void *bigger;
		if (!g)
			return -1;
		len = cap;
		g->assoc_id = id;
		if (getsockopt(sd, SOL_SCTP, opt, g, &len) == 0)
			break;
		if (errno != ENOMEM) {
			free(g);
			return -1;
		}
		cap *= 2;
		bigger = realloc(g, cap);
		if (!bigger)
			free(g);
		g = bigger;
	}
	/* The kernel's length counts the head for peer addresses, not for
	 * local ones: move what it wrote, no more than the buffer holds. */
	used = len < cap - sizeof *g ? len : cap - sizeof *g;
	int n = g->addr_num;
	memmove(g, g + 1, used);
	*addrs = (struct sockaddr *)g;
	return n;
}

int sctp_getpaddrs(int sd, sctp_assoc_t id, struct sockaddr **addrs)
{
	return getaddrs(sd, id, addrs, SCTP_GET_PEER_ADDRS);
}

int sctp_getladdrs(int sd, sctp_assoc_t id, struct sockaddr **addrs)
{
	return getaddrs(sd, id, addrs, SCTP_GET_LOCAL_ADDRS);
}

int sctp_freepaddrs(struct sockaddr *addrs)
{
	free(addrs);
	return 0;
}

int sctp_freeladdrs(struct sockaddr *addrs)
{
	free(addrs);
	return 0;
}

/* The benchmark reads SCTP_STATUS, whose struct starts with the id. */
int sctp_opt_info(int sd, sctp_assoc_t id, int opt, void *arg, socklen_t *size)
{
	*(sctp_assoc_t *)arg = id;
	return getsockopt(sd, SOL_SCTP, opt, arg, size);
}
