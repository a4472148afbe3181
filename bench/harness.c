/* `make bench`: one harness, built three ways (tools/bench.sh):
 *
 *   ours     our <netinet/sctp.h> and target/lib/libsctp.so.1
 *   lksctp   the system's <netinet/sctp.h> and libsctp.so.1
 *   floor    bench/floor.c, hand-written system calls, as a libsctp.so.1
 *
 * Modes (run on a kernel with SCTP; each is bounded in time):
 *
 *   harness instr    every measured call inside a function named loop_*,
 *                    one phase per function; meant for
 *                    valgrind --tool=callgrind --toggle-collect='loop_*',
 *                    which gets one dump per phase (CALLGRIND_DUMP_STATS_AT).
 *                    Prints "phase NAME FUNCTION CALLS" for each.
 *   harness allocs   the same phases and sctp_sendv with 1..32 addresses,
 *                    under LD_PRELOAD=count.so: prints
 *                    "allocs NAME CALLS MALLOCS CALLOCS REALLOCS".
 *   harness rate ROUNDS SECONDS NAME=LIBRARY...
 *                    one-to-many echo round trips over loopback, the
 *                    libraries loaded side by side and taking turns (see
 *                    rate()): prints "ROUND SIZE NAME TRIPS ELAPSED".
 *   harness scale    sctp_bindx of 10,000 IPv4 addresses to an AF_INET
 *                    socket, then 10,000 IPv4 and 10,000 IPv6 (fd00::/112,
 *                    which must be on lo) to an AF_INET6 socket, and
 *                    sctp_getladdrs after each: prints
 *                    "scale NAME EXPECTED GOT GETSOCKOPTS ERRNO SECONDS".
 *   harness echo ROUNDS SECONDS ASSOCS SIZE NAME=PORT...
 *                    the client of echo servers running on 127.0.0.1:PORT
 *                    (see echo_client()): prints
 *                    "ROUND SIZE NAME MESSAGES ELAPSED".
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/callgrind.h>
/* After <netinet/in.h>: lksctp's header defines IPPROTO_SCTP as a macro. */
#include <netinet/sctp.h>

#ifndef BUILD
#define BUILD "?"
#endif

/* The measured loops: callgrind collects inside these only. */
#define LOOP __attribute__((noipa))

static void die(const char *fmt, ...)
{
	va_list ap;
	int e = errno;
	va_start(ap, fmt);
	fprintf(stderr, "harness[" BUILD "]: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, ": %s\n", strerror(e));
	va_end(ap);
	exit(2);
}

static char payload[65536], inbuf[65536];

/* ---- sockets ---- */

static int seqpacket(int family)
{
	int one = 1, big = 1 << 20, sd = socket(family, SOCK_SEQPACKET, IPPROTO_SCTP);
	if (sd < 0)
		die("socket");
	if (setsockopt(sd, IPPROTO_SCTP, SCTP_NODELAY, &one, sizeof one) < 0)
		die("SCTP_NODELAY");
	setsockopt(sd, SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
	setsockopt(sd, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
	return sd;
}

/* SCTP_SNDRCV on every message (what sctp_recvmsg reports in sinfo). */
static void data_io_events(int sd)
{
	struct sctp_event_subscribe ev;
	memset(&ev, 0, sizeof ev);
	ev.sctp_data_io_event = 1;
	if (setsockopt(sd, IPPROTO_SCTP, SCTP_EVENTS, &ev, sizeof ev) < 0)
		die("SCTP_EVENTS");
}

static void rcvinfo(int sd)
{
	int one = 1;
	if (setsockopt(sd, IPPROTO_SCTP, SCTP_RECVRCVINFO, &one, sizeof one) < 0)
		die("SCTP_RECVRCVINFO");
}

static struct sockaddr_in v4(const char *ip, int port)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	inet_pton(AF_INET, ip, &a.sin_addr);
	return a;
}

/* A listening one-to-many socket on 127.0.0.1 and an ephemeral port. */
static int server(struct sockaddr_in *addr)
{
	int sd = seqpacket(AF_INET);
	socklen_t len = sizeof *addr;
	*addr = v4("127.0.0.1", 0);
	if (bind(sd, (struct sockaddr *)addr, sizeof *addr) < 0 || listen(sd, 1024) < 0)
		die("bind/listen");
	if (getsockname(sd, (struct sockaddr *)addr, &len) < 0)
		die("getsockname");
	return sd;
}

/* Raw traffic outside the measured loops (callgrind does not collect it,
 * and it allocates nothing). */
static void raw_send(int sd, const struct sockaddr_in *to, size_t len)
{
	struct iovec iov = { payload, len };
	struct msghdr m = { .msg_name = (void *)to, .msg_namelen = to ? sizeof *to : 0, .msg_iov = &iov, .msg_iovlen = 1 };
	if (sendmsg(sd, &m, 0) != (ssize_t)len)
		die("raw sendmsg");
}

static void raw_recv(int sd)
{
	char control[256];
	struct iovec iov = { inbuf, sizeof inbuf };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control };
	if (recvmsg(sd, &m, 0) < 0)
		die("raw recvmsg");
	if (m.msg_flags & MSG_NOTIFICATION)
		raw_recv(sd);
}

static void fill(int sd, const struct sockaddr_in *to, int n)
{
	while (n--)
		raw_send(sd, to, 64);
}

static void drain(int sd, int n)
{
	while (n--)
		raw_recv(sd);
}

/* ---- the measured loops ---- */

LOOP static void loop_sctp_sendmsg(int sd, const struct sockaddr_in *to, int n)
{
	for (int i = 0; i < n; i++)
		if (sctp_sendmsg(sd, payload, 64, (struct sockaddr *)to, sizeof *to, 7, 0, 1, 0, 0) != 64)
			die("sctp_sendmsg");
}

LOOP static void loop_sctp_send(int sd, const struct sctp_sndrcvinfo *sinfo, int n)
{
	for (int i = 0; i < n; i++)
		if (sctp_send(sd, payload, 64, sinfo, 0) != 64)
			die("sctp_send");
}

LOOP static void loop_sctp_recvmsg(int sd, int n)
{
	for (int i = 0; i < n; i++) {
		struct sockaddr_in6 from;
		socklen_t fromlen = sizeof from;
		struct sctp_sndrcvinfo sinfo;
		int flags = 0;
		if (sctp_recvmsg(sd, inbuf, sizeof inbuf, (struct sockaddr *)&from, &fromlen, &sinfo, &flags) < 0)
			die("sctp_recvmsg");
	}
}

LOOP static void loop_sctp_sendv(int sd, struct sockaddr *addrs, int addrcnt, int n)
{
	struct iovec iov = { payload, 64 };
	struct sctp_sendv_spa spa;
	memset(&spa, 0, sizeof spa);
	spa.sendv_flags = SCTP_SEND_SNDINFO_VALID;
	spa.sendv_sndinfo.snd_sid = 1;
	spa.sendv_sndinfo.snd_ppid = 7;
	for (int i = 0; i < n; i++)
		if (sctp_sendv(sd, &iov, 1, addrs, addrcnt, &spa, sizeof spa, SCTP_SENDV_SPA, 0) != 64)
			die("sctp_sendv (%d addresses)", addrcnt);
}

/* What sctp-socket's Socket::send(data, &SendInfo::new().stream(1).ppid(5))
 * asks of the kernel, in C (bench/measure.sh compares the two). */
LOOP static void loop_sctp_sendv_sndinfo(int sd, sctp_assoc_t id, int n)
{
	struct iovec iov = { payload, 64 };
	struct sctp_sndinfo snd;
	memset(&snd, 0, sizeof snd);
	snd.snd_sid = 1;
	snd.snd_ppid = htonl(5);
	snd.snd_assoc_id = id;
	for (int i = 0; i < n; i++)
		if (sctp_sendv(sd, &iov, 1, NULL, 0, &snd, sizeof snd, SCTP_SENDV_SNDINFO, 0) != 64)
			die("sctp_sendv (SNDINFO)");
}

LOOP static void loop_sctp_recvv(int sd, int n)
{
	for (int i = 0; i < n; i++) {
		struct iovec iov = { inbuf, sizeof inbuf };
		struct sockaddr_in6 from;
		socklen_t fromlen = sizeof from;
		struct sctp_rcvinfo info;
		socklen_t infolen = sizeof info;
		unsigned int infotype;
		int flags = 0;
		if (sctp_recvv(sd, &iov, 1, (struct sockaddr *)&from, &fromlen, &info, &infolen, &infotype, &flags) < 0)
			die("sctp_recvv");
		if (infotype != SCTP_RECVV_RCVINFO)
			die("sctp_recvv: infotype %u", infotype);
	}
}

LOOP static void loop_sctp_bindx(const int *sds, struct sockaddr *addrs, int addrcnt, int n)
{
	for (int i = 0; i < n; i++)
		if (sctp_bindx(sds[i], addrs, addrcnt, SCTP_BINDX_ADD_ADDR) < 0)
			die("sctp_bindx (%d addresses)", addrcnt);
}

LOOP static void loop_sctp_connectx(const int *sds, struct sockaddr *addrs, int n)
{
	for (int i = 0; i < n; i++) {
		sctp_assoc_t id;
		if (sctp_connectx(sds[i], addrs, 1, &id) < 0)
			die("sctp_connectx");
	}
}

LOOP static void loop_sctp_getpaddrs(int sd, sctp_assoc_t id, int n)
{
	for (int i = 0; i < n; i++) {
		struct sockaddr *addrs;
		if (sctp_getpaddrs(sd, id, &addrs) != 1)
			die("sctp_getpaddrs");
		sctp_freepaddrs(addrs);
	}
}

LOOP static void loop_sctp_getladdrs(int sd, sctp_assoc_t id, int n)
{
	for (int i = 0; i < n; i++) {
		struct sockaddr *addrs;
		if (sctp_getladdrs(sd, id, &addrs) < 1)
			die("sctp_getladdrs");
		sctp_freeladdrs(addrs);
	}
}

LOOP static void loop_sctp_opt_info(int sd, sctp_assoc_t id, int n)
{
	for (int i = 0; i < n; i++) {
		struct sctp_status st;
		socklen_t len = sizeof st;
		memset(&st, 0, sizeof st);
		if (sctp_opt_info(sd, id, SCTP_STATUS, &st, &len) < 0)
			die("sctp_opt_info");
	}
}

/* ---- phases ---- */

enum { C_MALLOC, C_CALLOC, C_REALLOC, C_GETSOCKOPT, C_N };
static unsigned long *counts; /* bench/count.c's, when preloaded */
static unsigned long at_start[C_N];
static int alloc_mode;

static unsigned long count(int i)
{
	return counts ? counts[i] : 0;
}

static void phase_start(void)
{
	for (int i = 0; i < C_N; i++)
		at_start[i] = count(i);
}

static void phase_end(const char *name, const char *function, int calls)
{
	if (alloc_mode) {
		if (!counts) {
			fprintf(stderr, "harness: allocs needs LD_PRELOAD=count.so\n");
			exit(2);
		}
		printf("allocs %s %d %lu %lu %lu\n", name, calls, count(C_MALLOC) - at_start[C_MALLOC],
		       count(C_CALLOC) - at_start[C_CALLOC], count(C_REALLOC) - at_start[C_REALLOC]);
	} else {
		printf("phase %s %s %d\n", name, function, calls);
		CALLGRIND_DUMP_STATS_AT(name);
	}
	fflush(stdout);
}

/* Calls per phase. Sends and receives go in batches of BATCH, so that no
 * queue fills up while the same thread is both ends. */
#define BATCH 32
#define BATCHES 8
#define SOCKS 32

static void close_all(int *sds, int n)
{
	for (int i = 0; i < n; i++)
		close(sds[i]);
}

static void open_all(int *sds, int n)
{
	for (int i = 0; i < n; i++)
		sds[i] = seqpacket(AF_INET);
}

static int measure(void)
{
	struct sockaddr_in srv1, srv2, dst[32];
	struct sctp_sndrcvinfo s1_sinfo, c1_sinfo;
	struct sockaddr_in from;
	socklen_t fromlen;
	int flags, sds[SOCKS];
	int S1 = server(&srv1), C1 = seqpacket(AF_INET);
	int S2 = server(&srv2), C2 = seqpacket(AF_INET);

	data_io_events(S1);
	data_io_events(C1);
	rcvinfo(S2);

	/* Warm-up, outside the loops: the associations come up, the first
	 * call of each function has bound its symbols (LD_BIND_NOW anyway),
	 * malloc has initialised itself. */
	if (sctp_sendmsg(C1, payload, 64, (struct sockaddr *)&srv1, sizeof srv1, 7, 0, 1, 0, 0) != 64)
		die("warm-up sctp_sendmsg");
	flags = 0;
	fromlen = sizeof from;
	if (sctp_recvmsg(S1, inbuf, sizeof inbuf, (struct sockaddr *)&from, &fromlen, &s1_sinfo, &flags) != 64)
		die("warm-up sctp_recvmsg");
	s1_sinfo.sinfo_flags = 0;
	if (sctp_send(S1, payload, 64, &s1_sinfo, 0) != 64)
		die("warm-up sctp_send");
	flags = 0;
	fromlen = sizeof from;
	if (sctp_recvmsg(C1, inbuf, sizeof inbuf, (struct sockaddr *)&from, &fromlen, &c1_sinfo, &flags) != 64)
		die("warm-up sctp_recvmsg");
	{
		struct iovec iov = { payload, 64 };
		struct sctp_sendv_spa spa;
		struct sctp_rcvinfo info;
		socklen_t infolen = sizeof info;
		unsigned int infotype;
		memset(&spa, 0, sizeof spa);
		spa.sendv_flags = SCTP_SEND_SNDINFO_VALID;
		if (sctp_sendv(C2, &iov, 1, (struct sockaddr *)&srv2, 1, &spa, sizeof spa, SCTP_SENDV_SPA, 0) != 64)
			die("warm-up sctp_sendv");
		iov.iov_base = inbuf;
		iov.iov_len = sizeof inbuf;
		flags = 0;
		if (sctp_recvv(S2, &iov, 1, NULL, NULL, &info, &infolen, &infotype, &flags) != 64)
			die("warm-up sctp_recvv");
	}
	{
		struct sockaddr *addrs;
		struct sctp_status st;
		socklen_t len = sizeof st;
		if (sctp_getpaddrs(C1, c1_sinfo.sinfo_assoc_id, &addrs) < 1)
			die("warm-up sctp_getpaddrs");
		sctp_freepaddrs(addrs);
		if (sctp_getladdrs(C1, c1_sinfo.sinfo_assoc_id, &addrs) < 1)
			die("warm-up sctp_getladdrs");
		sctp_freeladdrs(addrs);
		if (sctp_opt_info(C1, c1_sinfo.sinfo_assoc_id, SCTP_STATUS, &st, &len) < 0)
			die("warm-up sctp_opt_info");
	}

	phase_start();
	for (int b = 0; b < BATCHES; b++) {
		loop_sctp_sendmsg(C1, &srv1, BATCH);
		drain(S1, BATCH);
	}
	phase_end("sendmsg", "sctp_sendmsg", BATCH * BATCHES);

	phase_start();
	for (int b = 0; b < BATCHES; b++) {
		loop_sctp_send(S1, &s1_sinfo, BATCH);
		drain(C1, BATCH);
	}
	phase_end("send", "sctp_send", BATCH * BATCHES);

	phase_start();
	for (int b = 0; b < BATCHES; b++) {
		fill(C1, &srv1, BATCH);
		loop_sctp_recvmsg(S1, BATCH);
	}
	phase_end("recvmsg", "sctp_recvmsg", BATCH * BATCHES);

	phase_start();
	for (int b = 0; b < BATCHES; b++) {
		loop_sctp_sendv(C2, (struct sockaddr *)&srv2, 1, BATCH);
		drain(S2, BATCH);
	}
	phase_end("sendv", "sctp_sendv", BATCH * BATCHES);

	phase_start();
	for (int b = 0; b < BATCHES; b++) {
		loop_sctp_sendv_sndinfo(S1, s1_sinfo.sinfo_assoc_id, BATCH);
		drain(C1, BATCH);
	}
	phase_end("sendv_sndinfo", "sctp_sendv", BATCH * BATCHES);

	phase_start();
	for (int b = 0; b < BATCHES; b++) {
		fill(C2, &srv2, BATCH);
		loop_sctp_recvv(S2, BATCH);
	}
	phase_end("recvv", "sctp_recvv", BATCH * BATCHES);

	/* sctp_bindx: each socket of SOCKS gets 1, then 64 addresses. */
	{
		struct sockaddr_in many[64];
		for (int i = 0; i < 64; i++) {
			char ip[32];
			snprintf(ip, sizeof ip, "127.0.1.%d", i + 1);
			many[i] = v4(ip, 0);
		}
		open_all(sds, SOCKS);
		phase_start();
		loop_sctp_bindx(sds, (struct sockaddr *)many, 1, SOCKS);
		phase_end("bindx1", "sctp_bindx", SOCKS);
		close_all(sds, SOCKS);

		open_all(sds, SOCKS);
		phase_start();
		loop_sctp_bindx(sds, (struct sockaddr *)many, 64, SOCKS);
		phase_end("bindx64", "sctp_bindx", SOCKS);
		close_all(sds, SOCKS);
	}

	open_all(sds, SOCKS);
	phase_start();
	loop_sctp_connectx(sds, (struct sockaddr *)&srv1, SOCKS);
	phase_end("connectx", "sctp_connectx", SOCKS);
	close_all(sds, SOCKS);

	phase_start();
	loop_sctp_getpaddrs(C1, c1_sinfo.sinfo_assoc_id, BATCH * BATCHES);
	phase_end("getpaddrs", "sctp_getpaddrs", BATCH * BATCHES);

	phase_start();
	loop_sctp_getladdrs(C1, c1_sinfo.sinfo_assoc_id, BATCH * BATCHES);
	phase_end("getladdrs", "sctp_getladdrs", BATCH * BATCHES);

	phase_start();
	loop_sctp_opt_info(C1, c1_sinfo.sinfo_assoc_id, BATCH * BATCHES);
	phase_end("opt_info", "sctp_opt_info", BATCH * BATCHES);

	/* sctp_sendv to an existing association with 1..32 addresses: the
	 * first is the destination, the kernel ignores the others (SCTP_DSTADDRV4
	 * matters only when a message sets up an association). */
	if (alloc_mode) {
		static const int ns[] = { 1, 2, 4, 8, 9, 16, 17, 32 };
		for (int i = 0; i < 32; i++) {
			char ip[32];
			snprintf(ip, sizeof ip, "127.0.0.%d", i + 1);
			dst[i] = v4(ip, ntohs(srv2.sin_port));
		}
		for (unsigned k = 0; k < sizeof ns / sizeof ns[0]; k++) {
			char name[32];
			snprintf(name, sizeof name, "sendv_%daddr", ns[k]);
			phase_start();
			loop_sctp_sendv(C2, (struct sockaddr *)dst, ns[k], BATCH);
			phase_end(name, "sctp_sendv", BATCH);
			drain(S2, BATCH);
		}
	}
	close(C1);
	close(C2);
	close(S1);
	close(S2);
	return 0;
}

/* ---- message rate ---- */

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec * 1e-9;
}

/* The three functions an echo round trip calls, from one library. */
struct lib {
	const char *name;
	__typeof__(sctp_sendmsg) *sendmsg;
	__typeof__(sctp_recvmsg) *recvmsg;
	__typeof__(sctp_send) *send;
};

/* One message of a one-to-many socket, whole (MSG_EOR), not a notification. */
static int receive(const struct lib *l, int sd, struct sctp_sndrcvinfo *sinfo)
{
	for (;;) {
		struct sockaddr_in from;
		socklen_t fromlen = sizeof from;
		int flags = 0;
		int n = l->recvmsg(sd, inbuf, sizeof inbuf, (struct sockaddr *)&from, &fromlen, sinfo, &flags);
		if (n < 0)
			die("%s: sctp_recvmsg", l->name);
		if (flags & MSG_NOTIFICATION)
			continue;
		if (!(flags & MSG_EOR))
			die("%s: partial delivery of %d bytes", l->name, n);
		return n;
	}
}

/* One echo round trip of `size` bytes: the client sends to the server's
 * address (sctp_sendmsg), the server receives (sctp_recvmsg) and echoes on
 * the association it came from (sctp_send), the client receives it. Both
 * ends live in this process: loopback delivers inside the sending call, so
 * nothing sleeps and no scheduler runs between the four calls. */
static void round_trip(const struct lib *l, int C, int S, const struct sockaddr_in *srv, size_t size)
{
	struct sctp_sndrcvinfo sinfo;
	int n;
	if (l->sendmsg(C, payload, size, (struct sockaddr *)srv, sizeof *srv, 0, 0, 0, 0, 0) != (int)size)
		die("%s: sctp_sendmsg", l->name);
	n = receive(l, S, &sinfo);
	sinfo.sinfo_flags = 0;
	if (l->send(S, inbuf, n, &sinfo, 0) != n)
		die("%s: sctp_send", l->name);
	if (receive(l, C, &sinfo) != (int)size)
		die("%s: short echo", l->name);
}

/* harness rate ROUNDS SECONDS NAME=LIBRARY...: the libraries are loaded
 * side by side in this one process (each a libsctp.so.1 of its own file)
 * and take turns on the same association: in each round, for each message
 * size, each library in rotating order runs round trips for SECONDS (the
 * clock read every 8). Prints "ROUND SIZE NAME TRIPS ELAPSED" per turn.
 *
 * One process, not one per build: under User-Mode Linux on a busy host two
 * processes running the very same binary differ in speed by a percent or
 * more (and now and then by half), far more than the libraries could. */
static int rate(int argc, char **argv)
{
	static const size_t sizes[] = { 64, 1024, 16384 };
	struct lib libs[8];
	int nlibs = 0, rounds = atoi(argv[0]);
	double seconds = strtod(argv[1], NULL);
	struct sockaddr_in srv;
	int S, C;

	for (int i = 2; i < argc && nlibs < 8; i++, nlibs++) {
		char *eq = strchr(argv[i], '=');
		void *h;
		if (!eq)
			die("rate: %s is not NAME=LIBRARY", argv[i]);
		*eq = 0;
		h = dlopen(eq + 1, RTLD_NOW | RTLD_LOCAL);
		if (!h) {
			fprintf(stderr, "harness: %s\n", dlerror());
			exit(2);
		}
		libs[nlibs].name = argv[i];
		libs[nlibs].sendmsg = (__typeof__(sctp_sendmsg) *)dlsym(h, "sctp_sendmsg");
		libs[nlibs].recvmsg = (__typeof__(sctp_recvmsg) *)dlsym(h, "sctp_recvmsg");
		libs[nlibs].send = (__typeof__(sctp_send) *)dlsym(h, "sctp_send");
		if (!libs[nlibs].sendmsg || !libs[nlibs].recvmsg || !libs[nlibs].send)
			die("rate: %s lacks a function", eq + 1);
		for (int j = 0; j < nlibs; j++)
			if (libs[j].sendmsg == libs[nlibs].sendmsg)
				die("rate: %s and %s are one library", libs[j].name, argv[i]);
	}
	if (rounds < 1 || seconds <= 0 || nlibs < 1)
		die("usage: harness rate ROUNDS SECONDS NAME=LIBRARY...");
	S = server(&srv);
	C = seqpacket(AF_INET);
	data_io_events(S);
	data_io_events(C);
	for (int k = 0; k < nlibs; k++)
		for (unsigned z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
			for (int i = 0; i < 100; i++)
				round_trip(&libs[k], C, S, &srv, sizes[z]);
	for (int r = 0; r < rounds; r++)
		for (unsigned z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
			for (int j = 0; j < nlibs; j++) {
				const struct lib *l = &libs[(r + j) % nlibs];
				long trips = 0;
				double t0 = now(), t;
				do {
					for (int i = 0; i < 8; i++)
						round_trip(l, C, S, &srv, sizes[z]);
					trips += 8;
					t = now() - t0;
				} while (t < seconds);
				printf("%d %zu %s %ld %.9f\n", r, sizes[z], l->name, trips, t);
			}
	close(C);
	close(S);
	return 0;
}

/* ---- echo servers' message rate ---- */

/* harness echo ROUNDS SECONDS ASSOCS SIZE NAME=PORT...: the client of the
 * echo servers' rate (bench/measure.sh starts each server, a process of
 * its own, on 127.0.0.1:PORT, -i 0). For each server it opens ASSOCS
 * one-to-many sockets, one association each; a turn sends one SIZE-byte
 * message on every association (sctp_sendmsg, stream 0, PPID 5) and then
 * takes every echo (sctp_recvmsg). The servers take turns as in rate():
 * in each round each server, in rotating order, gets turns for SECONDS.
 * Prints "ROUND SIZE NAME MESSAGES ELAPSED" per turn; a message is one
 * echoed (sent and received back). */
static int echo_client(int argc, char **argv)
{
	enum { MAXS = 4, MAXA = 64 };
	int rounds = atoi(argv[0]), assocs = atoi(argv[2]), nsrv = 0;
	double seconds = strtod(argv[1], NULL);
	size_t size = strtoul(argv[3], NULL, 10);
	const char *names[MAXS];
	struct sockaddr_in to[MAXS];
	int sds[MAXS][MAXA];

	for (int i = 4; i < argc && nsrv < MAXS; i++, nsrv++) {
		char *eq = strchr(argv[i], '=');
		if (!eq)
			die("echo: %s is not NAME=PORT", argv[i]);
		*eq = 0;
		names[nsrv] = argv[i];
		to[nsrv] = v4("127.0.0.1", atoi(eq + 1));
	}
	if (rounds < 1 || seconds <= 0 || assocs < 1 || assocs > MAXA || size < 1 || size > 8192 || nsrv < 1)
		die("usage: harness echo ROUNDS SECONDS ASSOCS SIZE NAME=PORT...");
	for (int k = 0; k < nsrv; k++)
		for (int a = 0; a < assocs; a++) {
			sds[k][a] = seqpacket(AF_INET);
			data_io_events(sds[k][a]);
		}
	struct lib l = { "client", sctp_sendmsg, sctp_recvmsg, sctp_send };
	/* One turn: every association sends, then every echo comes back. */
#define ECHO_TURN(k) do { \
		for (int a = 0; a < assocs; a++) \
			if (sctp_sendmsg(sds[k][a], payload, size, (struct sockaddr *)&to[k], sizeof to[k], htonl(5), 0, 0, 0, 0) != (int)size) \
				die("echo: %s: sctp_sendmsg", names[k]); \
		for (int a = 0; a < assocs; a++) { \
			struct sctp_sndrcvinfo sinfo; \
			if (receive(&l, sds[k][a], &sinfo) != (int)size) \
				die("echo: %s: short echo", names[k]); \
		} \
	} while (0)
	for (int k = 0; k < nsrv; k++)
		for (int i = 0; i < 100; i++)
			ECHO_TURN(k);
	for (int r = 0; r < rounds; r++)
		for (int j = 0; j < nsrv; j++) {
			int k = (r + j) % nsrv;
			long msgs = 0;
			double t0 = now(), t;
			do {
				ECHO_TURN(k);
				msgs += assocs;
				t = now() - t0;
			} while (t < seconds);
			printf("%d %zu %s %ld %.9f\n", r, size, names[k], msgs, t);
		}
#undef ECHO_TURN
	for (int k = 0; k < nsrv; k++)
		close_all(sds[k], assocs);
	return 0;
}

/* ---- scale ---- */

#define SCALE_N 10000
#define BINDX_CHUNK 1000 /* the kernel reads at most 68 KiB of one setsockopt */

static void scale_bind(int sd, int family, int n)
{
	for (int base = 0; base < n; base += BINDX_CHUNK) {
		int k = n - base < BINDX_CHUNK ? n - base : BINDX_CHUNK;
		if (family == AF_INET) {
			static struct sockaddr_in a[BINDX_CHUNK];
			for (int i = 0; i < k; i++) {
				int j = base + i;
				memset(&a[i], 0, sizeof a[i]);
				a[i].sin_family = AF_INET;
				a[i].sin_addr.s_addr = htonl(0x7f020000u | (j >> 8) << 8 | (j & 255));
			}
			if (sctp_bindx(sd, (struct sockaddr *)a, k, SCTP_BINDX_ADD_ADDR) < 0)
				die("scale: sctp_bindx of IPv4 %d..%d", base, base + k);
		} else {
			static struct sockaddr_in6 a[BINDX_CHUNK];
			for (int i = 0; i < k; i++) {
				int j = base + i;
				memset(&a[i], 0, sizeof a[i]);
				a[i].sin6_family = AF_INET6;
				a[i].sin6_addr.s6_addr[0] = 0xfd;
				a[i].sin6_addr.s6_addr[13] = j >> 8;
				a[i].sin6_addr.s6_addr[15] = j & 255;
			}
			if (sctp_bindx(sd, (struct sockaddr *)a, k, SCTP_BINDX_ADD_ADDR) < 0)
				die("scale: sctp_bindx of IPv6 %d..%d (are fd00::%x:%x on lo?)", base, base + k,
				    base >> 8, base & 255);
		}
	}
}

static void scale_report(const char *name, int sd, int expected)
{
	struct sockaddr *addrs = NULL;
	unsigned long before = count(C_GETSOCKOPT);
	double t0 = now();
	int n, e;
	errno = 0;
	n = sctp_getladdrs(sd, 0, &addrs);
	e = n < 0 ? errno : 0;
	printf("scale %s %d %d %lu %s %.4f\n", name, expected, n, count(C_GETSOCKOPT) - before,
	       e ? strerrorname_np(e) : "0", now() - t0);
	fflush(stdout);
	if (n >= 0)
		sctp_freeladdrs(addrs);
}

static int scale(void)
{
	int s4 = seqpacket(AF_INET), s6 = seqpacket(AF_INET6);
	if (!counts)
		fprintf(stderr, "harness: scale counts getsockopt calls only under LD_PRELOAD=count.so\n");
	scale_bind(s4, AF_INET, SCALE_N);
	scale_report("v4sock_10000v4", s4, SCALE_N);
	close(s4);
	scale_bind(s6, AF_INET, SCALE_N);
	scale_report("v6sock_10000v4", s6, SCALE_N);
	scale_bind(s6, AF_INET6, SCALE_N);
	scale_report("v6sock_10000v4_10000v6", s6, 2 * SCALE_N);
	close(s6);
	return 0;
}

int main(int argc, char **argv)
{
	counts = dlsym(RTLD_DEFAULT, "bench_counts");
	memset(payload, 'x', sizeof payload);
	if (argc >= 2 && !strcmp(argv[1], "instr"))
		return measure();
	if (argc >= 2 && !strcmp(argv[1], "allocs")) {
		alloc_mode = 1;
		return measure();
	}
	if (argc >= 5 && !strcmp(argv[1], "rate"))
		return rate(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "scale"))
		return scale();
	if (argc >= 7 && !strcmp(argv[1], "echo"))
		return echo_client(argc - 2, argv + 2);
	fprintf(stderr, "usage: %s instr | allocs | rate ROUNDS SECONDS NAME=LIBRARY... | scale | echo ROUNDS SECONDS ASSOCS SIZE NAME=PORT...\n", argv[0]);
	return 2;
}
