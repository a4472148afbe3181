/* Linked statically by tools/check-static.sh with exactly
 *     gcc -static static-link.c -lsctp
 * (our header and libsctp.a found through C_INCLUDE_PATH and LIBRARY_PATH),
 * then run on a kernel with SCTP: an association over loopback through
 * every family of the API, so that each part of libsctp.a is linked in and
 * works. Not a t_* file: check-c.sh does not build it. */
#include "check.h"

#include <sys/uio.h>

int main(int argc, char **argv)
{
	(void)argc;
	check_start(argv[0]);

	CHECK(sctp_getaddrlen(AF_INET) == (int)sizeof(struct sockaddr_in) &&
		      sctp_getaddrlen(AF_INET6) == (int)sizeof(struct sockaddr_in6),
	      "sctp_getaddrlen");

	/* A one-to-many server on 127.0.0.1 and (sctp_bindx) 127.0.0.2. */
	int srv = sctp_listener(AF_INET, SOCK_SEQPACKET, "127.0.0.1");
	REQUIRE(srv >= 0, "server socket listening on 127.0.0.1");
	unsigned short port = local_port(srv);
	struct sockaddr_in both[2] = { addr4("127.0.0.1", port), addr4("127.0.0.2", port) };
	CHECK(sctp_bindx(srv, (struct sockaddr *)&both[1], 1, SCTP_BINDX_ADD_ADDR) == 0,
	      "sctp_bindx adds 127.0.0.2");
	struct sctp_event_subscribe ev;
	memset(&ev, 0, sizeof(ev));
	ev.sctp_data_io_event = 1;
	REQUIRE(setsockopt(srv, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)) == 0, "server: data_io_event");

	/* A client associating with both addresses. */
	int cl = sctp_socket(AF_INET, SOCK_SEQPACKET);
	REQUIRE(cl >= 0, "client socket");
	REQUIRE(setsockopt(cl, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)) == 0, "client: data_io_event");
	sctp_assoc_t id = 0;
	CHECK(sctp_connectx(cl, (struct sockaddr *)both, 2, &id) == 0 && id != 0,
	      "sctp_connectx to both addresses returns 0 and the association id");

	struct sockaddr *addrs = NULL;
	int n = sctp_getpaddrs(cl, id, &addrs);
	CHECK(n == 2, "sctp_getpaddrs: the server's two addresses (got %d)", n);
	if (n > 0)
		CHECK(sctp_freepaddrs(addrs) == 0, "sctp_freepaddrs");
	addrs = NULL;
	n = sctp_getladdrs(srv, 0, &addrs);
	CHECK(n == 2, "sctp_getladdrs: the server's two addresses (got %d)", n);
	if (n > 0)
		CHECK(sctp_freeladdrs(addrs) == 0, "sctp_freeladdrs");

	struct sctp_status st;
	socklen_t len = sizeof(st);
	memset(&st, 0, sizeof(st));
	CHECK(sctp_opt_info(cl, id, SCTP_STATUS, &st, &len) == 0 && st.sstat_state == SCTP_ESTABLISHED,
	      "sctp_opt_info SCTP_STATUS: established");

	/* sctp_sendmsg -> sctp_recvmsg, stream and ppid carried. */
	const char *msg = "statically linked";
	CHECK(sctp_sendmsg(cl, msg, strlen(msg), (struct sockaddr *)&both[0], sizeof(both[0]),
			   htonl(42), 0, 3, 0, 0) == (int)strlen(msg),
	      "sctp_sendmsg returns the length");
	char buf[256];
	struct sctp_sndrcvinfo si;
	struct sockaddr_in from;
	socklen_t fromlen = sizeof(from);
	int flags = 0;
	memset(&si, 0, sizeof(si));
	REQUIRE(wait_readable(srv, 3000), "the message arrives");
	n = sctp_recvmsg(srv, buf, sizeof(buf), (struct sockaddr *)&from, &fromlen, &si, &flags);
	CHECK(n == (int)strlen(msg) && memcmp(buf, msg, n) == 0 && (flags & MSG_EOR),
	      "sctp_recvmsg: the message, whole");
	CHECK(si.sinfo_stream == 3 && si.sinfo_ppid == htonl(42) && si.sinfo_assoc_id != 0,
	      "sctp_recvmsg: stream 3, ppid 42 and the association id");

	/* sctp_send back on that association -> sctp_recvv. */
	struct sctp_sndrcvinfo reply;
	memset(&reply, 0, sizeof(reply));
	reply.sinfo_assoc_id = si.sinfo_assoc_id;
	reply.sinfo_stream = 1;
	CHECK(sctp_send(srv, "pong", 4, &reply, 0) == 4, "sctp_send replies on the association");
	REQUIRE(wait_readable(cl, 3000), "the reply arrives");
	struct iovec iov = { buf, sizeof(buf) };
	struct sctp_rcvinfo rcv;
	socklen_t infolen = sizeof(rcv);
	unsigned int infotype = 0;
	int one = 1;
	setsockopt(cl, IPPROTO_SCTP, SCTP_RECVRCVINFO, &one, sizeof(one));
	flags = 0;
	memset(&rcv, 0, sizeof(rcv));
	n = sctp_recvv(cl, &iov, 1, NULL, NULL, &rcv, &infolen, &infotype, &flags);
	CHECK(n == 4 && memcmp(buf, "pong", 4) == 0 && infotype == SCTP_RECVV_RCVINFO && rcv.rcv_sid == 1,
	      "sctp_recvv: the reply, with its SCTP_RCVINFO (stream 1)");

	/* sctp_sendv with an SNDINFO, then peel the association off. */
	struct sctp_sndinfo snd;
	memset(&snd, 0, sizeof(snd));
	snd.snd_sid = 2;
	snd.snd_assoc_id = id;
	struct iovec out = { (void *)"sendv", 5 };
	CHECK(sctp_sendv(cl, &out, 1, NULL, 0, &snd, sizeof(snd), SCTP_SENDV_SNDINFO, 0) == 5,
	      "sctp_sendv with SCTP_SENDV_SNDINFO returns the length");
	REQUIRE(wait_readable(srv, 3000), "the sctp_sendv message arrives");
	memset(&si, 0, sizeof(si));
	flags = 0;
	n = sctp_recvmsg(srv, buf, sizeof(buf), NULL, NULL, &si, &flags);
	CHECK(n == 5 && memcmp(buf, "sendv", 5) == 0 && si.sinfo_stream == 2,
	      "the sctp_sendv message arrives on stream 2");

	int peeled = sctp_peeloff(srv, si.sinfo_assoc_id);
	CHECK(peeled >= 0, "sctp_peeloff gives the association its own socket");
	if (peeled >= 0) {
		CHECK(send(peeled, "peeled", 6, 0) == 6 && wait_readable(cl, 3000) &&
			      recv(cl, buf, sizeof(buf), 0) == 6 && memcmp(buf, "peeled", 6) == 0,
		      "data flows on the peeled-off socket");
		close(peeled);
	}
	close(cl);
	close(srv);
	return check_end();
}
