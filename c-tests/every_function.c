/* One program calling every libsctp function once, on real sockets: built
 * against an installed copy (tools/check-install.sh) to show that what
 * `make install` puts in place works as a user would use it. */
#include <netinet/sctp.h>
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int failures;
#define EXPECT(cond, what)                                                         \
	do {                                                                       \
		if (cond)                                                          \
			printf("ok - every_function: %s\n", what);                 \
		else {                                                             \
			printf("not ok - every_function: %s (%s)\n", what, strerror(errno)); \
			failures++;                                                \
		}                                                                  \
	} while (0)

static struct sockaddr_in v4(const char *ip, unsigned short port)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	inet_pton(AF_INET, ip, &a.sin_addr);
	return a;
}

int main(void)
{
	int on = 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	struct sctp_event_subscribe ev;
	memset(&ev, 0, sizeof(ev));
	ev.sctp_data_io_event = 1;

	int srv = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	struct sockaddr_in two[2] = { v4("127.0.0.1", 0), v4("127.0.0.2", 0) };
	EXPECT(bind(srv, (struct sockaddr *)&two[0], sizeof(two[0])) == 0, "bind");
	socklen_t len = sizeof(two[0]);
	getsockname(srv, (struct sockaddr *)&two[0], &len);
	two[1].sin_port = two[0].sin_port;
	EXPECT(sctp_bindx(srv, (struct sockaddr *)&two[1], 1, SCTP_BINDX_ADD_ADDR) == 0, "sctp_bindx");
	setsockopt(srv, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev));
	setsockopt(srv, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof(on));
	listen(srv, 5);

	int cli = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	setsockopt(cli, IPPROTO_SCTP, SCTP_NODELAY, &on, sizeof(on));
	sctp_assoc_t id = 0;
	EXPECT(sctp_connectx(cli, (struct sockaddr *)two, 2, &id) == 0 && id != 0, "sctp_connectx");

	struct sockaddr *addrs;
	EXPECT(sctp_getpaddrs(cli, id, &addrs) == 2, "sctp_getpaddrs: 2 peer addresses");
	EXPECT(sctp_freepaddrs(addrs) == 0, "sctp_freepaddrs");
	EXPECT(sctp_getladdrs(srv, 0, &addrs) == 2, "sctp_getladdrs: 2 local addresses");
	EXPECT(sctp_freeladdrs(addrs) == 0, "sctp_freeladdrs");
	EXPECT(sctp_getaddrlen(AF_INET) == (int)sizeof(struct sockaddr_in), "sctp_getaddrlen");

	struct sctp_status st;
	memset(&st, 0, sizeof(st));
	len = sizeof(st);
	EXPECT(sctp_opt_info(cli, id, SCTP_STATUS, &st, &len) == 0 && st.sstat_state == SCTP_ESTABLISHED,
	       "sctp_opt_info SCTP_STATUS: established");

	EXPECT(sctp_sendmsg(cli, "one", 3, (struct sockaddr *)&two[0], sizeof(two[0]), htonl(7), 0, 1, 0, 0) == 3,
	       "sctp_sendmsg");
	char buf[64];
	struct sctp_sndrcvinfo sri;
	int flags = 0;
	struct sockaddr_in from;
	len = sizeof(from);
	EXPECT(sctp_recvmsg(srv, buf, sizeof(buf), (struct sockaddr *)&from, &len, &sri, &flags) == 3 &&
		       sri.sinfo_stream == 1 && sri.sinfo_ppid == htonl(7),
	       "sctp_recvmsg: stream 1, ppid 7");
	sctp_assoc_t srv_id = sri.sinfo_assoc_id;

	struct sctp_sndrcvinfo si;
	memset(&si, 0, sizeof(si));
	si.sinfo_assoc_id = id;
	si.sinfo_stream = 2;
	EXPECT(sctp_send(cli, "two", 3, &si, 0) == 3, "sctp_send");
	struct sctp_sndinfo snd;
	memset(&snd, 0, sizeof(snd));
	snd.snd_sid = 3;
	snd.snd_assoc_id = id;
	struct iovec iov = { (void *)"three", 5 };
	EXPECT(sctp_sendv(cli, &iov, 1, NULL, 0, &snd, sizeof(snd), SCTP_SENDV_SNDINFO, 0) == 5, "sctp_sendv");

	struct sctp_rcvinfo rcv;
	socklen_t infolen;
	unsigned int infotype;
	int got_two = 0, got_three = 0;
	for (int i = 0; i < 2; i++) {
		iov.iov_base = buf;
		iov.iov_len = sizeof(buf);
		infolen = sizeof(rcv);
		flags = 0;
		int n = sctp_recvv(srv, &iov, 1, NULL, NULL, &rcv, &infolen, &infotype, &flags);
		got_two |= n == 3 && infotype == SCTP_RECVV_RCVINFO && rcv.rcv_sid == 2;
		got_three |= n == 5 && infotype == SCTP_RECVV_RCVINFO && rcv.rcv_sid == 3;
	}
	EXPECT(got_two && got_three, "sctp_recvv: both messages with their streams");

	int one = sctp_peeloff(srv, srv_id);
	EXPECT(one >= 0, "sctp_peeloff");
	EXPECT(sctp_sendmsg(one, "back", 4, NULL, 0, 0, 0, 0, 0, 0) == 4, "send on the peeled-off socket");
	EXPECT(sctp_recvmsg(cli, buf, sizeof(buf), NULL, NULL, NULL, NULL) == 4, "the client gets it");

	int cli2 = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	sctp_assoc_t id2 = 0;
	EXPECT(sctp_connectx(cli2, (struct sockaddr *)two, 1, &id2) == 0, "second association");
	EXPECT(sctp_sendmsg(cli2, "x", 1, (struct sockaddr *)&two[0], sizeof(two[0]), 0, 0, 0, 0, 0) == 1,
	       "data on it");
	len = sizeof(from);
	EXPECT(sctp_recvmsg(srv, buf, sizeof(buf), NULL, NULL, &sri, NULL) == 1, "server gets it");
	int nb = sctp_peeloff_flags(srv, sri.sinfo_assoc_id, SOCK_NONBLOCK | SOCK_CLOEXEC);
	EXPECT(nb >= 0, "sctp_peeloff_flags");

	close(nb);
	close(one);
	close(cli2);
	close(cli);
	close(srv);
	return failures != 0;
}
