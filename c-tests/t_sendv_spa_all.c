/* sctp_sendv with infotype SCTP_SENDV_SPA and all three VALID flags
 * (SNDINFO, PRINFO, AUTHINFO). lksctp 1.0.19 builds the three cmsgs in a
 * stack buffer sized for one struct sctp_sendv_spa and overflows it (its
 * upstream issue 68): the message goes out, then the function aborts on
 * the stack protector. The call runs in a child process so that a crash
 * shows as a failed [fix] check here instead of ending the program.
 *
 * Without AUTH negotiated the kernel ignores the AUTHINFO key number. */
#include "check.h"
#include <signal.h>
#include <sys/uio.h>
#include <sys/wait.h>

/* Returns the child's wait status; it exits 0 when sctp_sendv returned len. */
static int spa_all_in_child(int fd, const char *text, struct sockaddr *to, int tocnt)
{
	pid_t pid = fork();
	if (pid == 0) {
		struct sctp_sendv_spa spa;
		struct iovec iov = { (void *)text, strlen(text) };
		memset(&spa, 0, sizeof(spa));
		spa.sendv_flags = SCTP_SEND_SNDINFO_VALID | SCTP_SEND_PRINFO_VALID |
				  SCTP_SEND_AUTHINFO_VALID;
		spa.sendv_sndinfo.snd_sid = 6;
		spa.sendv_sndinfo.snd_ppid = 0x66;
		spa.sendv_prinfo.pr_policy = SCTP_PR_SCTP_TTL;
		spa.sendv_prinfo.pr_value = 5000;
		spa.sendv_authinfo.auth_keynumber = 0;
		int rc = sctp_sendv(fd, &iov, 1, to, tocnt, &spa, sizeof(spa), SCTP_SENDV_SPA, 0);
		_exit(rc == (int)strlen(text) ? 0 : 1);
	}
	int status = -1;
	waitpid(pid, &status, 0);
	return status;
}

/* Read one message with recvmsg(2): its length, stream and ppid. */
static int recv_rcvinfo(int fd, char *buf, size_t len, struct sctp_rcvinfo *rcv)
{
	char cbuf[256];
	struct iovec iov = { buf, len };
	struct msghdr mh;
	memset(&mh, 0, sizeof(mh));
	memset(rcv, 0, sizeof(*rcv));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	if (!wait_readable(fd, 2000))
		return -2;
	int n = recvmsg(fd, &mh, 0);
	for (struct cmsghdr *cm = CMSG_FIRSTHDR(&mh); n >= 0 && cm; cm = CMSG_NXTHDR(&mh, cm))
		if (cm->cmsg_level == IPPROTO_SCTP && cm->cmsg_type == SCTP_RCVINFO)
			memcpy(rcv, CMSG_DATA(cm), sizeof(*rcv));
	return n;
}

static void test_spa_all(int family, int type)
{
	char label[64], buf[64];
	struct sctp_rcvinfo rcv;
	struct sockaddr_storage to;
	int one = 1;
	snprintf(label, sizeof(label), "%s %s", family == AF_INET6 ? "IPv6" : "IPv4",
		 type == SOCK_STREAM ? "one-to-one" : "one-to-many");

	int lst = sctp_listener(family, type, family == AF_INET6 ? "::1" : "127.0.0.1");
	int cli = sctp_socket(family, type);
	REQUIRE(lst >= 0 && cli >= 0, "%s: sockets", label);
	setsockopt(lst, IPPROTO_SCTP, SCTP_RECVRCVINFO, &one, sizeof(one));
	if (family == AF_INET6) {
		struct sockaddr_in6 a = addr6("::1", local_port(lst));
		memcpy(&to, &a, sizeof(a));
	} else {
		struct sockaddr_in a = addr4("127.0.0.1", local_port(lst));
		memcpy(&to, &a, sizeof(a));
	}
	int srv = lst, st;
	if (type == SOCK_STREAM) {
		REQUIRE(connect(cli, (struct sockaddr *)&to, addr_len(family)) == 0, "%s: connect", label);
		srv = accept(lst, NULL, NULL);
		st = spa_all_in_child(cli, "spa-all", NULL, 0);
	} else {
		/* The association first: the kernel never delivers a PR-SCTP
		 * TTL message that sets an association up. addrcnt 1: lksctp
		 * still uses its stack buffer. */
		REQUIRE(connect(cli, (struct sockaddr *)&to, addr_len(family)) == 0, "%s: connect", label);
		st = spa_all_in_child(cli, "spa-all", (struct sockaddr *)&to, 1);
	}
	CHECK_FIX(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		  "%s: SPA with SNDINFO|PRINFO|AUTHINFO_VALID returns the length", label);
	int n = recv_rcvinfo(srv, buf, sizeof(buf), &rcv);
	CHECK(n == 7 && memcmp(buf, "spa-all", 7) == 0, "%s: the message arrives", label);
	CHECK(rcv.rcv_sid == 6 && rcv.rcv_ppid == 0x66, "%s: with the SNDINFO's sid and ppid", label);
	close(cli);
	if (srv != lst)
		close(srv);
	close(lst);
}

int main(int argc, char **argv)
{
	(void)argc;
	check_start(argv[0]);
	signal(SIGPIPE, SIG_IGN);
	test_spa_all(AF_INET, SOCK_STREAM);
	test_spa_all(AF_INET6, SOCK_SEQPACKET);
	return check_end();
}
