/* Concurrency: one one-to-many socket written by 8 threads at once and one
 * one-to-many socket read by 8 threads at once, 10,000 messages per sender,
 * while the main thread peels associations off the receiving socket.
 *
 *   - sender i owns stream i and sends seq 0..9999 with ppid (i << 24 | seq),
 *     the payload repeating sender, seq and ppid; senders 0-2 use
 *     sctp_sendmsg, 3-4 sctp_send, 5-7 sctp_sendv (SNDINFO);
 *   - 8 receivers share the server socket, each calling sctp_recvv (with
 *     SCTP_RECVRCVINFO) until every message has arrived; each message's
 *     rcv_sid, rcv_ppid and rcv_ssn must agree with its payload (a single
 *     sender per stream makes the SSN equal to seq), and a table of atomic
 *     counters shows any message lost or delivered twice;
 *   - meanwhile the main thread connects 8 more clients to the server, waits
 *     until a receiver has seen each one's first message (to learn its
 *     association id), peels the association off with sctp_peeloff and
 *     exchanges 100 more messages on the new socket with sctp_recvmsg: they
 *     must all arrive there, in order, and none on the shared socket.
 *
 * The library has no global state (checked separately: its .data/.bss are
 * the C runtime's only); this shows the calls are safe to make at once on
 * one socket. THREADS_VERBOSE=1 prints timings and per-thread counts on
 * stderr (they vary from run to run, so they stay out of the output). */
#include "check.h"

#include <pthread.h>
#include <signal.h>
#include <sys/uio.h>
#include <time.h>

#define SENDERS 8
#define RECEIVERS 8
#define PEELS 8
#define PEEL_MSGS 100
#define HELLO_STREAM 9
#define MAGIC_DATA 0x5c7d0001u
#define MAGIC_HELLO 0x5c7d0002u
#define MAGIC_PEEL 0x5c7d0003u

static int per_sender = 10000;

struct payload {
	uint32_t magic, who, seq, ppid;
};

static int srv, cli;                 /* the shared one-to-many sockets */
static struct sockaddr_in srv_addr;
static sctp_assoc_t cli_assoc;       /* the client's association id */

/* Shared counters, updated with GCC's __atomic builtins (C and C++ alike). */
#define A_ADD(x, n) __atomic_fetch_add(&(x), (n), __ATOMIC_SEQ_CST)
#define A_LOAD(x) __atomic_load_n(&(x), __ATOMIC_SEQ_CST)
#define A_STORE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_SEQ_CST)

static unsigned char *seen;          /* [sender * per_sender + seq] */
static int received;                 /* data messages received on srv */
static int bad_info;                 /* sid/ppid/ssn disagree with the payload */
static int bad_payload;              /* unknown magic, sender or seq */
static int duplicates;
static int crossed;                  /* a peeled association's message on srv */
static int recv_errors, send_errors;
static int senders_done;
static int stop;
static sctp_assoc_t hello_id[PEELS];
static int per_receiver[RECEIVERS];
static int verbose;

static uint32_t ppid_of(uint32_t who, uint32_t seq)
{
	return who << 24 | (seq & 0xffffff);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- senders ---- */

static void *sender(void *arg)
{
	uint32_t who = (uint32_t)(uintptr_t)arg;
	for (int seq = 0; seq < per_sender; seq++) {
		struct payload p = { MAGIC_DATA, who, (uint32_t)seq, ppid_of(who, seq) };
		int n;
		if (who < 3) {
			n = sctp_sendmsg(cli, &p, sizeof(p), (struct sockaddr *)&srv_addr, sizeof(srv_addr),
					 p.ppid, 0, (uint16_t)who, 0, 0);
		} else if (who < 5) {
			struct sctp_sndrcvinfo si;
			memset(&si, 0, sizeof(si));
			si.sinfo_stream = (uint16_t)who;
			si.sinfo_ppid = p.ppid;
			si.sinfo_assoc_id = cli_assoc;
			n = sctp_send(cli, &p, sizeof(p), &si, 0);
		} else {
			struct sctp_sndinfo snd;
			struct iovec iov = { &p, sizeof(p) };
			memset(&snd, 0, sizeof(snd));
			snd.snd_sid = (uint16_t)who;
			snd.snd_ppid = p.ppid;
			n = sctp_sendv(cli, &iov, 1, (struct sockaddr *)&srv_addr, 1, &snd, sizeof(snd),
				       SCTP_SENDV_SNDINFO, 0);
		}
		if (n != (int)sizeof(p)) {
			A_ADD(send_errors, 1);
			if (n < 0 && errno != EINTR)
				break;
		}
	}
	A_ADD(senders_done, 1);
	return NULL;
}

/* ---- receivers on the shared socket ---- */

static void *receiver(void *arg)
{
	int me = (int)(uintptr_t)arg;
	int total = SENDERS * per_sender;

	while (!A_LOAD(stop) && A_LOAD(received) < total) {
		struct payload p;
		struct iovec iov = { &p, sizeof(p) };
		struct sctp_rcvinfo rcv;
		socklen_t infolen = sizeof(rcv);
		unsigned int infotype = 0;
		int flags = 0;
		int n;

		memset(&rcv, 0, sizeof(rcv));
		n = sctp_recvv(srv, &iov, 1, NULL, NULL, &rcv, &infolen, &infotype, &flags);
		if (n < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
				A_ADD(recv_errors, 1);
			continue;
		}
		if (flags & MSG_NOTIFICATION)
			continue;
		if (n != (int)sizeof(p) || !(flags & MSG_EOR)) {
			A_ADD(bad_payload, 1);
			continue;
		}
		if (p.magic == MAGIC_HELLO && p.who < PEELS) {
			A_STORE(hello_id[p.who], rcv.rcv_assoc_id);
			continue;
		}
		if (p.magic == MAGIC_PEEL) {
			A_ADD(crossed, 1);
			continue;
		}
		if (p.magic != MAGIC_DATA || p.who >= SENDERS || p.seq >= (uint32_t)per_sender) {
			A_ADD(bad_payload, 1);
			continue;
		}
		if (infotype != SCTP_RECVV_RCVINFO || rcv.rcv_sid != p.who ||
		    rcv.rcv_ppid != ppid_of(p.who, p.seq) || p.ppid != rcv.rcv_ppid ||
		    rcv.rcv_ssn != (uint16_t)p.seq)
			A_ADD(bad_info, 1);
		if (A_ADD(seen[p.who * per_sender + p.seq], 1) != 0)
			A_ADD(duplicates, 1);
		per_receiver[me]++;
		A_ADD(received, 1);
	}
	return NULL;
}

/* ---- peeloff while the others run ---- */

/* One client: connect, say hello on the shared socket, get peeled off,
 * then PEEL_MSGS messages must arrive on the peeled socket in order.
 * Returns 0 when all went as expected, else a step number. */
static int peel_one(int k)
{
	struct payload p = { MAGIC_HELLO, (uint32_t)k, 0, 0 };
	struct sctp_event_subscribe ev;
	sctp_assoc_t id = 0;
	int c, peeled, step = 0;

	c = sctp_socket(AF_INET, SOCK_STREAM);
	if (c < 0 || connect(c, (struct sockaddr *)&srv_addr, sizeof(srv_addr)) < 0)
		return 1;
	/* On a stream of its own: the SSNs of stream k % SENDERS start at 0. */
	if (sctp_sendmsg(c, &p, sizeof(p), NULL, 0, 0, 0, HELLO_STREAM, 0, 0) != (int)sizeof(p)) {
		close(c);
		return 2;
	}
	for (int tries = 0; tries < 1000 && !(id = A_LOAD(hello_id[k])); tries++)
		usleep(10000);
	if (!id) {
		close(c);
		return 3;
	}
	peeled = sctp_peeloff(srv, id);
	if (peeled < 0) {
		close(c);
		return 4;
	}
	/* The peeled socket inherits SCTP_RECVRCVINFO; read it the
	 * sctp_recvmsg way instead, from the SCTP_SNDRCV cmsg. */
	memset(&ev, 0, sizeof(ev));
	ev.sctp_data_io_event = 1;
	if (set_int(peeled, SCTP_RECVRCVINFO, 0) < 0 ||
	    setsockopt(peeled, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof(ev)) < 0)
		step = 5;
	for (int seq = 0; seq < PEEL_MSGS && !step; seq++) {
		struct payload q = { MAGIC_PEEL, (uint32_t)k, (uint32_t)seq, ppid_of(0x80 | k, seq) };
		if (sctp_sendmsg(c, &q, sizeof(q), NULL, 0, q.ppid, 0, (uint16_t)(k % SENDERS), 0, 0) !=
		    (int)sizeof(q))
			step = 6;
	}
	for (int seq = 0; seq < PEEL_MSGS && !step; seq++) {
		struct payload r;
		struct sctp_sndrcvinfo si;
		int flags = 0, n;
		memset(&si, 0, sizeof(si));
		if (!wait_readable(peeled, 5000)) {
			step = 7;
			break;
		}
		n = sctp_recvmsg(peeled, &r, sizeof(r), NULL, NULL, &si, &flags);
		if (n != (int)sizeof(r) || (flags & MSG_NOTIFICATION) || r.magic != MAGIC_PEEL ||
		    r.who != (uint32_t)k || r.seq != (uint32_t)seq || si.sinfo_ppid != ppid_of(0x80 | k, seq) ||
		    si.sinfo_stream != k % SENDERS || si.sinfo_ssn != seq)
			step = 8;
	}
	close(peeled);
	close(c);
	return step;
}

/* ---- main ---- */

int main(int argc, char **argv)
{
	pthread_t st[SENDERS], rt[RECEIVERS];
	int total, peel_fail = 0, first_fail = 0;
	double t0, t_sent = 0, t_recv;
	const char *env = getenv("THREADS_MESSAGES");

	(void)argc;
	check_start(argv[0]);
	signal(SIGPIPE, SIG_IGN);
	verbose = getenv("THREADS_VERBOSE") != NULL;
	if (env && atoi(env) > 0 && atoi(env) <= 10000)
		per_sender = atoi(env);
	total = SENDERS * per_sender;
	seen = (unsigned char *)calloc((size_t)total, 1);
	REQUIRE(seen != NULL, "counters");

	srv = sctp_listener(AF_INET, SOCK_SEQPACKET, "127.0.0.1");
	REQUIRE(srv >= 0 && set_int(srv, SCTP_RECVRCVINFO, 1) == 0, "one-to-many server, SCTP_RECVRCVINFO on");
	{
		/* Receivers block in sctp_recvv (the kernel wakes one per
		 * message); the time-out lets them see the end. */
		struct timeval tv = { 0, 200000 };
		REQUIRE(setsockopt(srv, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0, "receive time-out");
	}
	srv_addr = addr4("127.0.0.1", local_port(srv));
	cli = sctp_socket(AF_INET, SOCK_SEQPACKET);
	REQUIRE(cli >= 0 && subscribe_event(cli, SCTP_ASSOC_CHANGE) == 0 &&
			connect(cli, (struct sockaddr *)&srv_addr, sizeof(srv_addr)) == 0,
		"one-to-many client associated");
	/* The client's association id, from its SCTP_COMM_UP. */
	for (int tries = 0; tries < 8 && !cli_assoc && wait_readable(cli, 3000); tries++) {
		char buf[256];
		struct iovec iov = { buf, sizeof(buf) };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
		const struct sctp_assoc_change *ac = (const struct sctp_assoc_change *)buf;
		if (recvmsg(cli, &m, 0) > 0 && (m.msg_flags & MSG_NOTIFICATION) &&
		    ac->sac_type == SCTP_ASSOC_CHANGE && ac->sac_state == SCTP_COMM_UP)
			cli_assoc = ac->sac_assoc_id;
	}
	REQUIRE(cli_assoc != 0, "the client knows its association id");
	{
		/* 1 MiB buffers: with the default ones, eight senders spend most
		 * of the run asleep waiting for send-buffer space, all woken at
		 * every SACK. (FORCE needs root, as in the test kernel; else the
		 * plain option, capped by the sysctls.) */
		int big = 1 << 20;
		if (setsockopt(cli, SOL_SOCKET, SO_SNDBUFFORCE, &big, sizeof(big)) < 0)
			setsockopt(cli, SOL_SOCKET, SO_SNDBUF, &big, sizeof(big));
		if (setsockopt(srv, SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof(big)) < 0)
			setsockopt(srv, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	}

	t0 = now();
	for (int i = 0; i < RECEIVERS; i++)
		REQUIRE(pthread_create(&rt[i], NULL, receiver, (void *)(uintptr_t)i) == 0, "receiver %d started", i);
	for (int i = 0; i < SENDERS; i++)
		REQUIRE(pthread_create(&st[i], NULL, sender, (void *)(uintptr_t)i) == 0, "sender %d started", i);

	/* Peel associations off the shared socket while the senders send. */
	for (int k = 0; k < PEELS; k++) {
		int r = peel_one(k);
		if (r && !peel_fail++)
			first_fail = r;
		if (verbose)
			fprintf(stderr, "# peeloff %d done after %.2f s (senders done: %d)\n", k, now() - t0,
				A_LOAD(senders_done));
	}

	for (int i = 0; i < SENDERS; i++)
		pthread_join(st[i], NULL);
	t_sent = now() - t0;
	/* Give the receivers a bounded time to drain the rest. */
	for (int tries = 0; tries < 3000 && A_LOAD(received) < total; tries++)
		usleep(10000);
	A_STORE(stop, 1);
	for (int i = 0; i < RECEIVERS; i++)
		pthread_join(rt[i], NULL);
	t_recv = now() - t0;

	int missing = 0;
	for (int i = 0; i < total; i++)
		missing += seen[i] == 0;

	if (verbose) {
		fprintf(stderr, "# %d senders x %d messages: all sent after %.2f s, all received after %.2f s (%.0f msg/s)\n",
			SENDERS, per_sender, t_sent, t_recv, total / t_recv);
		for (int i = 0; i < RECEIVERS; i++)
			fprintf(stderr, "# receiver %d: %d messages\n", i, per_receiver[i]);
	}

	CHECK(A_LOAD(send_errors) == 0, "%d senders x %d messages, sctp_sendmsg/sctp_send/sctp_sendv: every send returned its length",
	      SENDERS, per_sender);
	CHECK(A_LOAD(recv_errors) == 0, "%d receivers on one socket: no sctp_recvv error", RECEIVERS);
	CHECK(A_LOAD(received) == total && missing == 0, "all %d messages arrived, none lost", total);
	CHECK(A_LOAD(duplicates) == 0, "no message arrived twice");
	CHECK(A_LOAD(bad_payload) == 0, "every payload is whole and known");
	CHECK(A_LOAD(bad_info) == 0, "on every message rcv_sid, rcv_ppid and rcv_ssn match the payload");
	CHECK(peel_fail == 0, "%d associations peeled off during the run: each one's %d messages arrive on its new socket, in order, with their stream, ppid and ssn",
	      PEELS, PEEL_MSGS);
	if (peel_fail)
		printf("#   %d peeloffs failed, the first at step %d\n", peel_fail, first_fail);
	CHECK(A_LOAD(crossed) == 0, "no message of a peeled-off association arrived on the shared socket");

	close(cli);
	close(srv);
	free(seen);
	return check_end();
}
