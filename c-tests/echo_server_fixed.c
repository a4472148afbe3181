/* The seed one-to-many stream echo server (seed/echo_server.c,
 * after UNP's sctpserv01) with its bugs fixed. Not a test: c-tests/t_seed_echo.sh
 * runs it against the unchanged seed client.
 *
 * Fixed:
 *  - the reply goes to the address sctp_recvmsg filled in (the seed stored
 *    it in servaddr and replied to the zeroed cliaddr: sctp_sendmsg EINVAL);
 *  - Getsockopt exits only when getsockopt fails (the seed's missing braces
 *    made it exit(1) always, so the stream increment path always died);
 *  - the address -> assoc id lookup asks SCTP_GET_PEER_ADDR_INFO: the
 *    kernel does not return spp_assoc_id for SCTP_PEER_ADDR_PARAMS;
 *  - evnts and msg_flags are initialised (msg_flags is also an input of
 *    sctp_recvmsg), bind/listen errors are reported;
 *  - SCTP_INITMSG asks for 10 outbound streams;
 *  - it cannot run forever: it exits after -n messages or -t idle seconds.
 *
 * Usage: echo_server_fixed [-a addr] [-p port] [-i 0|1] [-n max] [-t secs]
 *   -a  IPv4 address to bind (default INADDR_ANY)
 *   -p  port (default 9877)
 *   -i  stream increment: reply on stream+1 (wrapping at the association's
 *       outbound streams) when 1 (default), on the same stream when 0
 *   -n  exit after this many echoed messages (default 0: no limit)
 *   -t  exit after this many seconds without a message (default 10)
 * It prints "listening" on stdout once it accepts associations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <arpa/inet.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/sctp.h>

#define BUFFSIZE 8192
#define SERV_PORT 9877
#define LISTENQ 1024
#define SERV_MAX_SCTP_STRM 10

int sctp_get_no_strms(int sock_fd, struct sockaddr *to, socklen_t tolen);
sctp_assoc_t sctp_address_to_associd(int sock_fd, struct sockaddr *sa, socklen_t salen);
ssize_t Sctp_recvmsg(int s, void *msg, size_t len, struct sockaddr *from,
		     socklen_t *fromlen, struct sctp_sndrcvinfo *sinfo, int *msg_flags);
ssize_t Sctp_sendmsg(int s, void *data, size_t len, struct sockaddr *to, socklen_t tolen,
		     uint32_t ppid, uint32_t flags, uint16_t stream_no, uint32_t timetolive,
		     uint32_t context);
void Getsockopt(int fd, int level, int optname, void *optval, socklen_t *optlenptr);

static void die(const char *what)
{
	fprintf(stderr, "echo_server_fixed: %s: %s\n", what, strerror(errno));
	exit(1);
}

int main(int argc, char *argv[])
{
	int sock_fd, msg_flags, opt, one = 1;
	char readbuf[BUFFSIZE];
	struct sockaddr_in servaddr, cliaddr;
	struct sctp_sndrcvinfo sri;
	struct sctp_event_subscribe evnts;
	struct sctp_initmsg initm;
	int stream_increment = 1;
	long max_msgs = 0, count = 0;
	int idle_secs = 10;
	unsigned short port = SERV_PORT;
	const char *addr = NULL;
	socklen_t len;
	ssize_t rd_sz;

	while ((opt = getopt(argc, argv, "a:p:i:n:t:")) != -1) {
		switch (opt) {
		case 'a': addr = optarg; break;
		case 'p': port = (unsigned short)atoi(optarg); break;
		case 'i': stream_increment = atoi(optarg); break;
		case 'n': max_msgs = atol(optarg); break;
		case 't': idle_secs = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: %s [-a addr] [-p port] [-i 0|1] [-n max] [-t secs]\n",
				argv[0]);
			return 2;
		}
	}

	sock_fd = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	if (sock_fd < 0)
		die("socket");
	setsockopt(sock_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(sock_fd, IPPROTO_SCTP, SCTP_NODELAY, &one, sizeof(one));

	memset(&servaddr, 0, sizeof(servaddr));
	memset(&cliaddr, 0, sizeof(cliaddr));
	servaddr.sin_family = AF_INET;
	servaddr.sin_port = htons(port);
	servaddr.sin_addr.s_addr = htonl(INADDR_ANY);
	if (addr && inet_pton(AF_INET, addr, &servaddr.sin_addr) != 1) {
		fprintf(stderr, "echo_server_fixed: bad address %s\n", addr);
		return 2;
	}
	if (bind(sock_fd, (struct sockaddr *)&servaddr, sizeof(servaddr)) < 0)
		die("bind");

	memset(&initm, 0, sizeof(initm));
	initm.sinit_num_ostreams = SERV_MAX_SCTP_STRM;
	if (setsockopt(sock_fd, IPPROTO_SCTP, SCTP_INITMSG, &initm, sizeof(initm)) < 0)
		die("setsockopt SCTP_INITMSG");

	memset(&evnts, 0, sizeof(evnts));
	evnts.sctp_data_io_event = 1;
	if (setsockopt(sock_fd, IPPROTO_SCTP, SCTP_EVENTS, &evnts, sizeof(evnts)) < 0)
		die("setsockopt SCTP_EVENTS");
	if (listen(sock_fd, LISTENQ) < 0)
		die("listen");
	printf("listening\n");
	fflush(stdout);

	for (;;) {
		struct pollfd p = { .fd = sock_fd, .events = POLLIN, .revents = 0 };
		if (poll(&p, 1, idle_secs * 1000) <= 0)
			break; /* idle (or poll failed): done */
		len = sizeof(cliaddr);
		msg_flags = 0;
		rd_sz = Sctp_recvmsg(sock_fd, readbuf, sizeof(readbuf),
				     (struct sockaddr *)&cliaddr, &len, &sri, &msg_flags);
		if (msg_flags & MSG_NOTIFICATION)
			continue;
		if (stream_increment) {
			sri.sinfo_stream++;
			if (sri.sinfo_stream >=
			    sctp_get_no_strms(sock_fd, (struct sockaddr *)&cliaddr, len))
				sri.sinfo_stream = 0;
		}
		Sctp_sendmsg(sock_fd, readbuf, rd_sz, (struct sockaddr *)&cliaddr, len,
			     sri.sinfo_ppid, sri.sinfo_flags, sri.sinfo_stream, 0, 0);
		if (max_msgs > 0 && ++count >= max_msgs)
			break;
	}
	close(sock_fd);
	return 0;
}

int sctp_get_no_strms(int sock_fd, struct sockaddr *to, socklen_t tolen)
{
	socklen_t retsz;
	struct sctp_status status;
	retsz = sizeof(status);
	memset(&status, 0, sizeof(status));

	status.sstat_assoc_id = sctp_address_to_associd(sock_fd, to, tolen);
	Getsockopt(sock_fd, IPPROTO_SCTP, SCTP_STATUS, &status, &retsz);
	return status.sstat_outstrms;
}

void Getsockopt(int fd, int level, int optname, void *optval, socklen_t *optlenptr)
{
	if (getsockopt(fd, level, optname, optval, optlenptr) < 0) {
		fprintf(stderr, "getsockopt: %s\n", strerror(errno));
		exit(1);
	}
}

/* The seed asked SCTP_PEER_ADDR_PARAMS, but Linux (6.1 at least) does not
 * write spp_assoc_id back: it stays 0 and SCTP_STATUS on assoc 0 of a
 * one-to-many socket is EINVAL. SCTP_GET_PEER_ADDR_INFO looks the address
 * up the same way and does return the association's id. */
sctp_assoc_t sctp_address_to_associd(int sock_fd, struct sockaddr *sa, socklen_t salen)
{
	struct sctp_paddrinfo pi;
	socklen_t siz;

	siz = sizeof(struct sctp_paddrinfo);
	memset(&pi, 0, siz);
	memcpy(&pi.spinfo_address, sa, salen);
	if (sctp_opt_info(sock_fd, 0, SCTP_GET_PEER_ADDR_INFO, &pi, &siz) < 0) {
		fprintf(stderr, "sctp_opt_info SCTP_GET_PEER_ADDR_INFO: %s\n", strerror(errno));
		exit(1);
	}
	return pi.spinfo_assoc_id;
}

ssize_t Sctp_recvmsg(int s, void *msg, size_t len, struct sockaddr *from,
		     socklen_t *fromlen, struct sctp_sndrcvinfo *sinfo, int *msg_flags)
{
	ssize_t ret;
	ret = sctp_recvmsg(s, msg, len, from, fromlen, sinfo, msg_flags);
	if (ret < 0) {
		fprintf(stderr, "sctp_recvmsg: %s\n", strerror(errno));
		exit(1);
	}
	return ret;
}

ssize_t Sctp_sendmsg(int s, void *data, size_t len, struct sockaddr *to, socklen_t tolen,
		     uint32_t ppid, uint32_t flags, uint16_t stream_no, uint32_t timetolive,
		     uint32_t context)
{
	ssize_t ret;
	ret = sctp_sendmsg(s, data, len, to, tolen, ppid, flags, stream_no, timetolive, context);
	if (ret < 0) {
		fprintf(stderr, "sctp_sendmsg: %s\n", strerror(errno));
		exit(1);
	}
	return ret;
}
