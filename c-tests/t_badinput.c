/* The bad-input table: every libsctp function given wrong arguments, one row
 * per case with the result expected (-1 and an errno, or a count), on a
 * real kernel SCTP. docs/BAD-INPUT.md carries the same table with the
 * results for this library and for lksctp-tools.
 *
 * The library's conventions, asserted here:
 *   - a NULL pointer the library itself would read or write -> -1/EFAULT;
 *   - inconsistent or invalid values (flags, families, counts, infotype,
 *     infolen, option, size) -> -1/EINVAL, found before anything is read;
 *   - buffers only the kernel touches (data, iov arrays, iovcnt) go to the
 *     kernel unchanged, and the row expects what the kernel answers.
 *
 * Each row runs in a forked child with a time limit, so a library that
 * crashes on a row (lksctp dereferences NULL and walks past arrays) gives
 * "crashed: SIGSEGV" on that row and the table goes on. Address arrays end
 * at a PROT_NONE page: reading one byte past them faults, always.
 *
 * A row's output line names the call and the expectation only (no ports,
 * ids or pointers), so two libraries' outputs can be compared line by line.
 * Rows tagged FIX are where we deliberately differ from lksctp. */
#include "check.h"

#include <limits.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <sys/wait.h>

#ifndef IOV_MAX
#define IOV_MAX 1024
#endif

/* Rows that hand the kernel a bad data buffer, iov array or iov count on
 * purpose: valgrind's memcheck checks syscall arguments before the kernel
 * does and would report exactly what the row tests, so its reports are
 * paused for that one call (the library code on that path is the same as
 * for good arguments, which the rest of the suite runs under memcheck). */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define KERNEL_ONLY(...)                                                       \
	({                                                                     \
		VALGRIND_DISABLE_ERROR_REPORTING;                              \
		long kernel_only_rc_ = (long)(__VA_ARGS__);                    \
		int kernel_only_errno_ = errno;                                \
		VALGRIND_ENABLE_ERROR_REPORTING;                               \
		errno = kernel_only_errno_;                                    \
		kernel_only_rc_;                                               \
	})
#endif
#endif
#ifndef KERNEL_ONLY
#define KERNEL_ONLY(...) ((long)(__VA_ARGS__))
#endif

/* ---- the fixture: sockets every row may use (created once, inherited) ---- */

static struct {
	int many;               /* one-to-many server on 127.0.0.1 ... */
	unsigned short many_port;
	sctp_assoc_t id1, id2;  /* ... with two associations (its ids) */
	int mc1, mc2;           /* the two one-to-many clients */
	int one;                /* an unconnected one-to-one SCTP socket */
	int lst;                /* a listening one-to-one socket on 127.0.0.1 */
	unsigned short lst_port;
	int tcp;                /* a TCP socket */
	int notsock;            /* a pipe's read end */
	int cli;                /* one-to-one client connected to lst ... */
	int acc;                /* ... and its accepted peer */
	unsigned short closed_port; /* nothing listens there */
} F;

static int connect4(int fd, unsigned short port)
{
	struct sockaddr_in a = addr4("127.0.0.1", port);
	return connect(fd, (struct sockaddr *)&a, sizeof(a));
}

/* A new IPv4 SCTP socket (the rows that change a socket make their own). */
static int fresh(int type)
{
	return sctp_socket(AF_INET, type);
}

/* A new connected one-to-one pair on F.lst; the accepted end (returned)
 * has SCTP_RECVRCVINFO and SCTP_RECVNXTINFO on and `msgs` messages of 6
 * bytes queued, all of them delivered to its receive queue. -1 on failure. */
static int queued(int msgs)
{
	int cli = fresh(SOCK_STREAM), acc;
	if (cli < 0 || connect4(cli, F.lst_port) < 0 || !wait_readable(F.lst, 3000))
		return -1;
	acc = accept(F.lst, NULL, NULL);
	if (acc < 0 || set_int(acc, SCTP_RECVRCVINFO, 1) < 0 || set_int(acc, SCTP_RECVNXTINFO, 1) < 0)
		return -1;
	for (int i = 0; i < msgs; i++)
		if (send(cli, "hello", 6, 0) != 6)
			return -1;
	/* Wait until the kernel counts every DATA chunk as received: then
	 * they are all on acc's receive queue (SCTP_NXTINFO needs that). */
	for (int tries = 0; tries < 300; tries++) {
		struct sctp_assoc_stats st;
		socklen_t len = sizeof(st);
		memset(&st, 0, sizeof(st));
		if (getsockopt(acc, IPPROTO_SCTP, SCTP_GET_ASSOC_STATS, &st, &len) == 0 &&
		    st.sas_iodchunks >= (unsigned)msgs)
			return acc;
		usleep(10000);
	}
	return -1;
}

/* ---- address arrays that end at an unreadable page ---- */

/* `len` bytes whose last one is followed by a PROT_NONE page. */
static void *guarded(size_t len)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t pages = (len + page - 1) / page + 1;
	char *p = (char *)mmap(NULL, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	mprotect(p + (pages - 1) * page, page, PROT_NONE);
	return p + (pages - 1) * page - len;
}

/* A packed array described by `spec`, one letter per entry: '4' 127.0.0.1,
 * '6' ::1 (both on `port`), 'u' an AF_UNIX family in a sockaddr_in-sized
 * entry. The array ends exactly at a guard page. */
static struct sockaddr *arr(const char *spec, unsigned short port)
{
	size_t len = 0, off = 0;
	for (const char *c = spec; *c; c++)
		len += *c == '6' ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
	char *p = (char *)guarded(len);
	if (!p)
		return NULL;
	for (const char *c = spec; *c; c++) {
		if (*c == '6') {
			struct sockaddr_in6 a = addr6("::1", port);
			memcpy(p + off, &a, sizeof(a));
			off += sizeof(a);
		} else {
			struct sockaddr_in a = addr4("127.0.0.1", port);
			if (*c == 'u')
				a.sin_family = AF_UNIX;
			memcpy(p + off, &a, sizeof(a));
			off += sizeof(a);
		}
	}
	return (struct sockaddr *)p;
}

/* The smallest count whose all-IPv4 array is longer than INT_MAX bytes. */
#define HUGE_COUNT ((int)(INT_MAX / sizeof(struct sockaddr_in) + 1))

/* ---- helpers for rows that check more than the return value ---- */

static char hello[] = "hello";
static struct iovec data_iov = { hello, 6 };

/* sctp_sendv on the fixture's connected socket. */
static long sendv(struct sockaddr *addrs, int addrcnt, void *info, socklen_t infolen,
		  unsigned int infotype)
{
	return sctp_sendv(F.cli, &data_iov, 1, addrs, addrcnt, info, infolen, infotype, 0);
}

/* An info struct of `len` bytes ending at a guard page: reading past the
 * size the caller gave faults. Valid flags for SPA. */
static void *info_of(size_t len)
{
	unsigned char *p = (unsigned char *)guarded(len);
	if (p)
		memset(p, 0, len);
	if (p && len >= sizeof(uint32_t)) {
		uint32_t flags = SCTP_SEND_SNDINFO_VALID;
		memcpy(p, &flags, sizeof(flags));
	}
	return p;
}

/* sctp_recvv with room for `room` bytes of info on a socket where RCVINFO
 * and NXTINFO are both due (two messages queued). Returns the byte count
 * when *infotype is `want` and *infolen its size (unchanged for NOINFO),
 * else 1000 + the infotype stored, or 2000 + the infolen stored. The info
 * buffer ends at a guard page: a store longer than `room` faults. */
static long recvv_room(socklen_t room, unsigned int want)
{
	int fd = queued(2);
	char buf[64];
	struct iovec iov = { buf, sizeof(buf) };
	struct sctp_recvv_rn *rn = (struct sctp_recvv_rn *)guarded(sizeof(*rn));
	void *info = (char *)rn + sizeof(*rn) - room;
	socklen_t infolen = room;
	unsigned int infotype = 99;
	int flags = 0;
	long n;
	if (fd < 0 || !rn)
		return -100;
	n = sctp_recvv(fd, &iov, 1, NULL, NULL, info, &infolen, &infotype, &flags);
	if (n < 0)
		return n;
	if (infotype != want)
		return 1000 + infotype;
	if ((want == SCTP_RECVV_RCVINFO && infolen != sizeof(struct sctp_rcvinfo)) ||
	    (want == SCTP_RECVV_NXTINFO && infolen != sizeof(struct sctp_nxtinfo)) ||
	    (want == SCTP_RECVV_RN && infolen != sizeof(struct sctp_recvv_rn)) ||
	    (want == SCTP_RECVV_NOINFO && infolen != room))
		return 2000 + infolen;
	return n;
}

/* sctp_getladdrs/getpaddrs, freeing what they return. */
static long getaddrs(int (*get)(int, sctp_assoc_t, struct sockaddr **),
		     int (*put)(struct sockaddr *), int fd, sctp_assoc_t id)
{
	struct sockaddr *a = NULL;
	int n = get(fd, id, &a);
	if (n >= 0)
		put(a);
	return n;
}

static long recvv_iov(const struct iovec *iov, int iovlen)
{
	int fd = queued(1);
	if (fd < 0)
		return -100;
	return KERNEL_ONLY(sctp_recvv(fd, iov, iovlen, NULL, NULL, NULL, NULL, NULL, NULL));
}

static long recvmsg_null(void)
{
	int fd = queued(1);
	if (fd < 0)
		return -100;
	return KERNEL_ONLY(sctp_recvmsg(fd, NULL, 10, NULL, NULL, NULL, NULL));
}

static struct iovec null_iov = { NULL, 10 };

/* One valid iovec at the end of a page, followed by a guard page: with a
 * negative count, nothing past it can be read by accident. */
static struct iovec *one_iov(void)
{
	struct iovec *v = (struct iovec *)guarded(sizeof(*v));
	if (v)
		*v = data_iov;
	return v;
}
static struct iovec many_iov[IOV_MAX + 1];

/* ---- the table ----
 *
 * X(id, RC, ERRNO, TAG, "case", call): the call must return RC and, when RC
 * is -1, set errno to ERRNO. TAG is FIX where lksctp deliberately differs.
 * Calls with addrs use arr() arrays, which end at a guard page. */
#define PLAIN 0
#define FIX 1

#define BADINPUT_ROWS(X)                                                                        \
	/* sctp_bindx */                                                                      \
	X(bindx_null, -1, EFAULT, FIX, "sctp_bindx: addrs NULL, addrcnt 1",                       \
	  sctp_bindx(fresh(SOCK_SEQPACKET), NULL, 1, SCTP_BINDX_ADD_ADDR))                        \
	X(bindx_zero, -1, EINVAL, PLAIN, "sctp_bindx: addrcnt 0",                                 \
	  sctp_bindx(fresh(SOCK_SEQPACKET), arr("4", 0), 0, SCTP_BINDX_ADD_ADDR))                 \
	X(bindx_neg, -1, EINVAL, PLAIN, "sctp_bindx: addrcnt -1",                                 \
	  sctp_bindx(fresh(SOCK_SEQPACKET), arr("4", 0), -1, SCTP_BINDX_ADD_ADDR))                \
	X(bindx_huge, -1, EINVAL, FIX, "sctp_bindx: addrcnt INT_MAX/16+1 (EINVAL before reading)", \
	  sctp_bindx(fresh(SOCK_SEQPACKET), arr("4", 0), HUGE_COUNT, SCTP_BINDX_ADD_ADDR))        \
	X(bindx_fam1, -1, EINVAL, PLAIN, "sctp_bindx: unknown sa_family first",                   \
	  sctp_bindx(fresh(SOCK_SEQPACKET), arr("u4", 0), 2, SCTP_BINDX_ADD_ADDR))                \
	X(bindx_fam2, -1, EINVAL, PLAIN, "sctp_bindx: unknown sa_family in the middle",           \
	  sctp_bindx(fresh(SOCK_SEQPACKET), arr("4u6", 0), 3, SCTP_BINDX_ADD_ADDR))               \
	X(bindx_flags0, -1, EINVAL, PLAIN, "sctp_bindx: flags 0",                                 \
	  sctp_bindx(fresh(SOCK_SEQPACKET), arr("4", 0), 1, 0))                                   \
	X(bindx_addrem, -1, EINVAL, PLAIN, "sctp_bindx: flags ADD|REM",                           \
	  sctp_bindx(fresh(SOCK_SEQPACKET), arr("4", 0), 1,                                       \
		     SCTP_BINDX_ADD_ADDR | SCTP_BINDX_REM_ADDR))                                  \
	X(bindx_garbage, -1, EINVAL, PLAIN, "sctp_bindx: flags 0x5a5a",                           \
	  sctp_bindx(fresh(SOCK_SEQPACKET), arr("4", 0), 1, 0x5a5a))                              \
	X(bindx_badfd, -1, EBADF, PLAIN, "sctp_bindx: fd -1",                                     \
	  sctp_bindx(-1, arr("4", 0), 1, SCTP_BINDX_ADD_ADDR))                                    \
	/* sctp_connectx */                                                                   \
	X(cx_null, -1, EFAULT, FIX, "sctp_connectx: addrs NULL, addrcnt 1",                       \
	  sctp_connectx(fresh(SOCK_SEQPACKET), NULL, 1, NULL))                                    \
	X(cx_zero, -1, EINVAL, PLAIN, "sctp_connectx: addrcnt 0",                                 \
	  sctp_connectx(fresh(SOCK_SEQPACKET), arr("4", F.many_port), 0, NULL))                   \
	X(cx_neg, -1, EINVAL, PLAIN, "sctp_connectx: addrcnt -1",                                 \
	  sctp_connectx(fresh(SOCK_SEQPACKET), arr("4", F.many_port), -1, NULL))                  \
	X(cx_huge, -1, EINVAL, FIX, "sctp_connectx: addrcnt INT_MAX/16+1 (EINVAL before reading)", \
	  sctp_connectx(fresh(SOCK_SEQPACKET), arr("4", F.many_port), HUGE_COUNT, NULL))          \
	X(cx_fam1, -1, EINVAL, PLAIN, "sctp_connectx: unknown sa_family first",                   \
	  sctp_connectx(fresh(SOCK_SEQPACKET), arr("u4", F.many_port), 2, NULL))                  \
	X(cx_fam2, -1, EINVAL, PLAIN, "sctp_connectx: unknown sa_family in the middle",           \
	  sctp_connectx(fresh(SOCK_SEQPACKET), arr("4u4", F.many_port), 3, NULL))                 \
	X(cx_listen, -1, EISCONN, PLAIN, "sctp_connectx: on a listening one-to-one socket",       \
	  sctp_connectx(F.lst, arr("4", F.many_port), 1, NULL))                                   \
	X(cx_closed, -1, ECONNREFUSED, PLAIN, "sctp_connectx: to a closed port",                  \
	  sctp_connectx(fresh(SOCK_STREAM), arr("4", F.closed_port), 1, NULL))                    \
	X(cx_badfd, -1, EBADF, PLAIN, "sctp_connectx: fd -1",                                     \
	  sctp_connectx(-1, arr("4", F.many_port), 1, NULL))                                      \
	/* sctp_peeloff */                                                                    \
	X(po_badfd, -1, EBADF, PLAIN, "sctp_peeloff: fd -1", sctp_peeloff(-1, F.id1))             \
	X(po_notsock, -1, ENOTSOCK, PLAIN, "sctp_peeloff: a pipe",                                \
	  sctp_peeloff(F.notsock, F.id1))                                                         \
	X(po_tcp, -1, EOPNOTSUPP, PLAIN, "sctp_peeloff: a TCP socket", sctp_peeloff(F.tcp, F.id1)) \
	X(po_one, -1, EINVAL, PLAIN, "sctp_peeloff: a one-to-one SCTP socket",                    \
	  sctp_peeloff(F.one, F.id1))                                                             \
	X(po_unknown, -1, EINVAL, PLAIN, "sctp_peeloff: unknown association id",                  \
	  sctp_peeloff(F.many, 0x7ffffff0))                                                       \
	X(po_zero, -1, EINVAL, PLAIN, "sctp_peeloff: association id 0",                           \
	  sctp_peeloff(F.many, 0))                                                                \
	/* sctp_opt_info */                                                                   \
	X(oi_arg, -1, EFAULT, FIX, "sctp_opt_info: arg NULL",                                     \
	  ({ socklen_t l = sizeof(struct sctp_status);                                          \
	     sctp_opt_info(F.many, F.id1, SCTP_STATUS, NULL, &l); }))                             \
	X(oi_size, -1, EFAULT, PLAIN, "sctp_opt_info: size NULL",                                 \
	  ({ struct sctp_status s; sctp_opt_info(F.many, F.id1, SCTP_STATUS, &s, NULL); }))       \
	X(oi_small, -1, EINVAL, FIX, "sctp_opt_info: *size 2, less than the assoc id",          \
	  ({ socklen_t l = 2; char *s = (char *)guarded(2);                                               \
	     sctp_opt_info(F.many, F.id1, SCTP_STATUS, s, &l); }))                                \
	X(oi_zero, -1, EINVAL, FIX, "sctp_opt_info: *size 0",                                   \
	  ({ socklen_t l = 0; char *s = (char *)guarded(1);                                               \
	     sctp_opt_info(F.many, F.id1, SCTP_STATUS, s + 1, &l); }))                            \
	X(oi_short, -1, EINVAL, PLAIN, "sctp_opt_info: *size 8, less than struct sctp_status",    \
	  ({ socklen_t l = 8; char *s = (char *)guarded(8);                                               \
	     sctp_opt_info(F.many, F.id1, SCTP_STATUS, s, &l); }))                                \
	X(oi_unsup, -1, EINVAL, FIX, "sctp_opt_info: unsupported option (SCTP_SOCKOPT_PEELOFF)",  \
	  ({ char b[64] = { 0 }; socklen_t l = sizeof(b);                                         \
	     sctp_opt_info(F.many, F.id1, SCTP_SOCKOPT_PEELOFF, b, &l); }))                       \
	X(oi_neg, -1, EINVAL, FIX, "sctp_opt_info: option -1",                                   \
	  ({ char b[64] = { 0 }; socklen_t l = sizeof(b);                                         \
	     sctp_opt_info(F.many, F.id1, -1, b, &l); }))                                         \
	X(oi_badfd, -1, EBADF, PLAIN, "sctp_opt_info: fd -1",                                     \
	  ({ struct sctp_status s; socklen_t l = sizeof(s);                                       \
	     sctp_opt_info(-1, F.id1, SCTP_STATUS, &s, &l); }))                                   \
	/* sctp_getpaddrs, sctp_getladdrs and their frees */                                  \
	X(gp_null, -1, EFAULT, FIX, "sctp_getpaddrs: addrs NULL",                                 \
	  sctp_getpaddrs(F.many, F.id1, NULL))                                                    \
	X(gl_null, -1, EFAULT, FIX, "sctp_getladdrs: addrs NULL",                                 \
	  sctp_getladdrs(F.many, F.id1, NULL))                                                    \
	X(gp_badfd, -1, EBADF, PLAIN, "sctp_getpaddrs: fd -1",                                    \
	  getaddrs(sctp_getpaddrs, sctp_freepaddrs, -1, F.id1))                                   \
	X(gl_badfd, -1, EBADF, PLAIN, "sctp_getladdrs: fd -1",                                    \
	  getaddrs(sctp_getladdrs, sctp_freeladdrs, -1, F.id1))                                   \
	X(gp_notsock, -1, ENOTSOCK, PLAIN, "sctp_getpaddrs: a pipe",                              \
	  getaddrs(sctp_getpaddrs, sctp_freepaddrs, F.notsock, 0))                                \
	X(gp_id0, -1, EINVAL, PLAIN, "sctp_getpaddrs: id 0, one-to-many, two associations",       \
	  getaddrs(sctp_getpaddrs, sctp_freepaddrs, F.many, 0))                                   \
	X(gl_id0, 1, 0, PLAIN, "sctp_getladdrs: id 0, one-to-many, two associations: the endpoint's 1", \
	  getaddrs(sctp_getladdrs, sctp_freeladdrs, F.many, 0))                                   \
	X(gp_unknown, -1, EINVAL, PLAIN, "sctp_getpaddrs: unknown association id",                \
	  getaddrs(sctp_getpaddrs, sctp_freepaddrs, F.many, 0x7ffffff0))                          \
	X(fp_null, 0, 0, PLAIN, "sctp_freepaddrs(NULL)", sctp_freepaddrs(NULL))                   \
	X(fl_null, 0, 0, PLAIN, "sctp_freeladdrs(NULL)", sctp_freeladdrs(NULL))                   \
	X(addrlen, 0, 0, PLAIN, "sctp_getaddrlen(AF_UNIX)", sctp_getaddrlen(AF_UNIX))             \
	/* sctp_sendmsg, sctp_send: buffers the kernel reads */                               \
	X(sm_null, -1, EFAULT, PLAIN, "sctp_sendmsg: msg NULL, len 10 (kernel)",                  \
	  KERNEL_ONLY(sctp_sendmsg(F.cli, NULL, 10, NULL, 0, 0, 0, 0, 0, 0)))                                  \
	X(sm_badfd, -1, EBADF, PLAIN, "sctp_sendmsg: fd -1",                                      \
	  sctp_sendmsg(-1, "hello", 6, NULL, 0, 0, 0, 0, 0, 0))                                   \
	X(sd_null, -1, EFAULT, PLAIN, "sctp_send: msg NULL, len 10 (kernel)",                     \
	  ({ struct sctp_sndrcvinfo si; memset(&si, 0, sizeof(si));                               \
	     KERNEL_ONLY(sctp_send(F.cli, NULL, 10, &si, 0)); }))                                              \
	X(sd_null2, -1, EFAULT, PLAIN, "sctp_send: msg NULL, len 10, sinfo NULL (kernel)",        \
	  KERNEL_ONLY(sctp_send(F.cli, NULL, 10, NULL, 0)))                                                    \
	/* sctp_sendv: the kernel's part */                                                   \
	X(sv_iovnull, -1, EFAULT, PLAIN, "sctp_sendv: iov NULL, iovcnt 1 (kernel)",               \
	  KERNEL_ONLY(sctp_sendv(F.cli, NULL, 1, NULL, 0, NULL, 0, SCTP_SENDV_NOINFO, 0)))                     \
	X(sv_basenull, -1, EFAULT, PLAIN, "sctp_sendv: iov_base NULL, iov_len 10 (kernel)",       \
	  KERNEL_ONLY(sctp_sendv(F.cli, &null_iov, 1, NULL, 0, NULL, 0, SCTP_SENDV_NOINFO, 0)))                \
	X(sv_iovneg, -1, EMSGSIZE, PLAIN, "sctp_sendv: iovcnt -1 (kernel)",                       \
	  KERNEL_ONLY(sctp_sendv(F.cli, one_iov(), -1, NULL, 0, NULL, 0, SCTP_SENDV_NOINFO, 0)))               \
	X(sv_iovmax, -1, EMSGSIZE, PLAIN, "sctp_sendv: iovcnt IOV_MAX+1 (kernel)",                \
	  sctp_sendv(F.cli, many_iov, IOV_MAX + 1, NULL, 0, NULL, 0, SCTP_SENDV_NOINFO, 0))       \
	/* sctp_sendv: info and infotype */                                                   \
	X(sv_type5, -1, EINVAL, FIX, "sctp_sendv: infotype 5",                                    \
	  sendv(NULL, 0, info_of(sizeof(struct sctp_sndinfo)), sizeof(struct sctp_sndinfo), 5))   \
	X(sv_typemax, -1, EINVAL, FIX, "sctp_sendv: infotype 0xffffffff",                         \
	  sendv(NULL, 0, NULL, 0, 0xffffffffu))                                                   \
	X(sv_snd_null, -1, EFAULT, FIX, "sctp_sendv: SNDINFO, info NULL",                         \
	  sendv(NULL, 0, NULL, sizeof(struct sctp_sndinfo), SCTP_SENDV_SNDINFO))                  \
	X(sv_pr_null, -1, EFAULT, FIX, "sctp_sendv: PRINFO, info NULL",                           \
	  sendv(NULL, 0, NULL, sizeof(struct sctp_prinfo), SCTP_SENDV_PRINFO))                    \
	X(sv_auth_null, -1, EFAULT, FIX, "sctp_sendv: AUTHINFO, info NULL",                       \
	  sendv(NULL, 0, NULL, sizeof(struct sctp_authinfo), SCTP_SENDV_AUTHINFO))                \
	X(sv_spa_null, -1, EFAULT, FIX, "sctp_sendv: SPA, info NULL",                             \
	  sendv(NULL, 0, NULL, sizeof(struct sctp_sendv_spa), SCTP_SENDV_SPA))                    \
	X(sv_spa_all, 6, 0, FIX, "sctp_sendv: SPA, SNDINFO|PRINFO|AUTHINFO all valid (three cmsgs)", \
	  ({ struct sctp_sendv_spa *spa = (struct sctp_sendv_spa *)info_of(sizeof(*spa));                                  \
	     spa->sendv_flags = SCTP_SEND_SNDINFO_VALID | SCTP_SEND_PRINFO_VALID |                \
				SCTP_SEND_AUTHINFO_VALID;                                         \
	     sendv(NULL, 0, spa, sizeof(*spa), SCTP_SENDV_SPA); }))                               \
	X(sv_snd_short, -1, EINVAL, FIX, "sctp_sendv: SNDINFO, infolen one less than its struct", \
	  sendv(NULL, 0, info_of(sizeof(struct sctp_sndinfo) - 1),                                \
		sizeof(struct sctp_sndinfo) - 1, SCTP_SENDV_SNDINFO))                             \
	X(sv_snd_long, -1, EINVAL, FIX, "sctp_sendv: SNDINFO, infolen one more than its struct",  \
	  sendv(NULL, 0, info_of(sizeof(struct sctp_sndinfo) + 1),                                \
		sizeof(struct sctp_sndinfo) + 1, SCTP_SENDV_SNDINFO))                             \
	X(sv_pr_short, -1, EINVAL, FIX, "sctp_sendv: PRINFO, infolen 4",                          \
	  sendv(NULL, 0, info_of(4), 4, SCTP_SENDV_PRINFO))                                       \
	X(sv_spa_short, -1, EINVAL, FIX, "sctp_sendv: SPA, infolen 4",                            \
	  sendv(NULL, 0, info_of(4), 4, SCTP_SENDV_SPA))                                          \
	X(sv_noinfo_len, -1, EINVAL, FIX, "sctp_sendv: NOINFO, infolen 16",                       \
	  sendv(NULL, 0, info_of(16), 16, SCTP_SENDV_NOINFO))                                     \
	/* sctp_sendv: addresses */                                                           \
	X(sv_addr_null, -1, EFAULT, FIX, "sctp_sendv: addrs NULL, addrcnt 1",                     \
	  sendv(NULL, 1, NULL, 0, SCTP_SENDV_NOINFO))                                             \
	X(sv_addr_neg, -1, EINVAL, FIX, "sctp_sendv: addrcnt -1",                                 \
	  sendv(arr("4", F.lst_port), -1, NULL, 0, SCTP_SENDV_NOINFO))                            \
	X(sv_addr_huge, -1, EINVAL, FIX, "sctp_sendv: addrcnt INT_MAX/16+1 (EINVAL before reading)", \
	  sendv(arr("4", F.lst_port), HUGE_COUNT, NULL, 0, SCTP_SENDV_NOINFO))                    \
	X(sv_fam1, -1, EINVAL, FIX, "sctp_sendv: unknown sa_family first",                        \
	  sendv(arr("u4", F.lst_port), 2, NULL, 0, SCTP_SENDV_NOINFO))                            \
	X(sv_fam2, -1, EINVAL, FIX, "sctp_sendv: unknown sa_family in the middle",                \
	  sendv(arr("4u4", F.lst_port), 3, NULL, 0, SCTP_SENDV_NOINFO))                           \
	/* sctp_recvmsg, sctp_recvv: buffers the kernel writes */                             \
	X(rm_null, -1, EFAULT, PLAIN, "sctp_recvmsg: msg NULL, len 10 (kernel)", recvmsg_null())  \
	X(rm_badfd, -1, EBADF, PLAIN, "sctp_recvmsg: fd -1",                                      \
	  ({ char b[8]; sctp_recvmsg(-1, b, sizeof(b), NULL, NULL, NULL, NULL); }))               \
	X(rv_iovnull, -1, EFAULT, PLAIN, "sctp_recvv: iov NULL, iovlen 1 (kernel)",               \
	  recvv_iov(NULL, 1))                                                                     \
	X(rv_basenull, -1, EFAULT, PLAIN, "sctp_recvv: iov_base NULL, iov_len 10 (kernel)",       \
	  recvv_iov(&null_iov, 1))                                                                \
	X(rv_iovneg, -1, EMSGSIZE, PLAIN, "sctp_recvv: iovlen -1 (kernel)", recvv_iov(one_iov(), -1)) \
	X(rv_iovmax, -1, EMSGSIZE, PLAIN, "sctp_recvv: iovlen IOV_MAX+1 (kernel)",                \
	  recvv_iov(many_iov, IOV_MAX + 1))                                                       \
	/* sctp_recvv: less room than RN needs: stores the first one the kernel sent \
	 * (SCTP_NXTINFO) if it fits, else nothing, and returns the count. */             \
	X(rv_rn_rcv, 6, 0, PLAIN, "sctp_recvv: RCVINFO and NXTINFO due, infolen sizeof(rcvinfo): NXTINFO", \
	  recvv_room(sizeof(struct sctp_rcvinfo), SCTP_RECVV_NXTINFO))                            \
	X(rv_rn_43, 6, 0, PLAIN, "sctp_recvv: RCVINFO and NXTINFO due, infolen sizeof(rn)-1: NXTINFO", \
	  recvv_room(sizeof(struct sctp_recvv_rn) - 1, SCTP_RECVV_NXTINFO))                       \
	X(rv_rn_rn, 6, 0, PLAIN, "sctp_recvv: RCVINFO and NXTINFO due, infolen sizeof(rn): RN",   \
	  recvv_room(sizeof(struct sctp_recvv_rn), SCTP_RECVV_RN))                                \
	X(rv_rn_15, 6, 0, PLAIN, "sctp_recvv: RCVINFO and NXTINFO due, infolen sizeof(nxtinfo)-1: NOINFO", \
	  recvv_room(sizeof(struct sctp_nxtinfo) - 1, SCTP_RECVV_NOINFO))                         \
	X(rv_rn_4, 6, 0, PLAIN, "sctp_recvv: RCVINFO and NXTINFO due, infolen 4: NOINFO",         \
	  recvv_room(4, SCTP_RECVV_NOINFO))                                                       \
	X(rv_rn_0, 6, 0, PLAIN, "sctp_recvv: RCVINFO and NXTINFO due, infolen 0: NOINFO",         \
	  recvv_room(0, SCTP_RECVV_NOINFO))

#define ROW_FN(id, rc, err, tag, desc, ...) \
	static long row_##id(void) { return (long)(__VA_ARGS__); }
BADINPUT_ROWS(ROW_FN)

struct row {
	const char *desc;
	long (*call)(void);
	long rc;
	int err;
	int fix;
};

#define ROW_ENTRY(id, rc_, err_, tag, desc_, ...) \
	{ .desc = desc_, .call = row_##id, .rc = rc_, .err = err_, .fix = tag },
static const struct row rows[] = { BADINPUT_ROWS(ROW_ENTRY) };

/* ---- running a row ---- */

static const char *errname(int e)
{
	switch (e) {
	case 0: return "0";
	case EFAULT: return "EFAULT";
	case EINVAL: return "EINVAL";
	case EBADF: return "EBADF";
	case ENOTSOCK: return "ENOTSOCK";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case EMSGSIZE: return "EMSGSIZE";
	case EISCONN: return "EISCONN";
	case ECONNREFUSED: return "ECONNREFUSED";
	case ENOMEM: return "ENOMEM";
	case ENOBUFS: return "ENOBUFS";
	case ENOPROTOOPT: return "ENOPROTOOPT";
	case EPIPE: return "EPIPE";
	case EAGAIN: return "EAGAIN";
	default: return strerror(e);
	}
}

struct outcome {
	long rc;
	int err;
	int done;     /* the child reported a result */
	int sig;      /* the child was killed by this signal */
	int status;   /* else its exit status */
};

/* Run one row in a child: a crash or a hang is the row's result. */
static struct outcome run_row(const struct row *r)
{
	struct outcome o = { 0, 0, 0, 0, 0 };
	int p[2], st;
	pid_t pid;

	if (pipe(p) < 0)
		return o;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct { long rc; int err; } res;
		close(p[0]);
		signal(SIGPIPE, SIG_IGN);
		alarm(20);
		errno = 0;
		res.rc = r->call();
		res.err = errno;
		if (write(p[1], &res, sizeof(res)) != (ssize_t)sizeof(res))
			_exit(3);
		/* exit(), not _exit(): memcheck and ASan see the child end. */
		exit(0);
	}
	close(p[1]);
	if (pid > 0) {
		struct { long rc; int err; } res;
		if (read(p[0], &res, sizeof(res)) == (ssize_t)sizeof(res)) {
			o.done = 1;
			o.rc = res.rc;
			o.err = res.err;
		}
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		if (WIFSIGNALED(st))
			o.sig = WTERMSIG(st);
		else if (WIFEXITED(st))
			o.status = WEXITSTATUS(st);
	}
	close(p[0]);
	return o;
}

static const char *signame(int sig)
{
	switch (sig) {
	case SIGSEGV: return "SIGSEGV";
	case SIGBUS: return "SIGBUS";
	case SIGABRT: return "SIGABRT";
	case SIGALRM: return "SIGALRM (hung)";
	case SIGFPE: return "SIGFPE";
	case SIGILL: return "SIGILL";
	default: return "another signal";
	}
}

static void report_row(int line, const struct row *r, const struct outcome *o)
{
	char want[64], got[96];
	int ok;

	if (r->rc == -1)
		snprintf(want, sizeof(want), "-1 %s", errname(r->err));
	else
		snprintf(want, sizeof(want), "%ld", r->rc);

	if (o->sig)
		snprintf(got, sizeof(got), "crashed: %s", signame(o->sig));
	else if (!o->done)
		snprintf(got, sizeof(got), "child exited %d without a result", o->status);
	else if (o->rc == -1)
		snprintf(got, sizeof(got), "-1 %s", errname(o->err));
	else
		snprintf(got, sizeof(got), "%ld", o->rc);

	ok = o->done && !o->sig && o->status == 0 && o->rc == r->rc &&
	     (r->rc != -1 || o->err == r->err);
	if (o->done && !o->sig && o->status != 0)
		snprintf(got + strlen(got), sizeof(got) - strlen(got),
			 ", child exited %d (a sanitizer or memcheck error)", o->status);

	errno = 0;
	if (ok)
		check_report(1, line, r->fix ? "[fix] " : "", "%s -> %s", r->desc, want);
	else
		check_report(0, line, r->fix ? "[fix] " : "", "%s -> %s, got %s", r->desc, want, got);
}

/* ---- set-up ---- */

static void setup(void)
{
	int pfd[2];
	struct sockaddr_in any = addr4("127.0.0.1", 0);
	int s;

	F.many = sctp_listener(AF_INET, SOCK_SEQPACKET, "127.0.0.1");
	REQUIRE(F.many >= 0 && subscribe_event(F.many, SCTP_ASSOC_CHANGE) == 0,
		"one-to-many server on 127.0.0.1");
	F.many_port = local_port(F.many);
	F.mc1 = fresh(SOCK_SEQPACKET);
	F.mc2 = fresh(SOCK_SEQPACKET);
	REQUIRE(F.mc1 >= 0 && connect4(F.mc1, F.many_port) == 0, "first one-to-many client connected");
	F.id1 = comm_up_id(F.many);
	REQUIRE(F.mc2 >= 0 && connect4(F.mc2, F.many_port) == 0, "second one-to-many client connected");
	F.id2 = comm_up_id(F.many);
	REQUIRE(F.id1 != 0 && F.id2 != 0 && F.id1 != F.id2, "the server has two associations");

	F.one = fresh(SOCK_STREAM);
	F.lst = sctp_listener(AF_INET, SOCK_STREAM, "127.0.0.1");
	REQUIRE(F.one >= 0 && F.lst >= 0, "one-to-one sockets, one listening");
	F.lst_port = local_port(F.lst);
	F.cli = fresh(SOCK_STREAM);
	REQUIRE(F.cli >= 0 && connect4(F.cli, F.lst_port) == 0 && wait_readable(F.lst, 3000) &&
			(F.acc = accept(F.lst, NULL, NULL)) >= 0,
		"one-to-one pair connected");

	F.tcp = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	REQUIRE(F.tcp >= 0 && pipe(pfd) == 0, "a TCP socket and a pipe");
	F.notsock = pfd[0];

	/* A port nothing listens on: held bound, never listening, so that no
	 * other test's ephemeral bind can take it (closing it let one, once,
	 * on s390x: the connectx then succeeded). */
	s = fresh(SOCK_STREAM);
	REQUIRE(s >= 0 && bind(s, (struct sockaddr *)&any, sizeof(any)) == 0, "a port to close");
	F.closed_port = local_port(s);

	for (int i = 0; i <= IOV_MAX; i++)
		many_iov[i] = data_iov;
}

int main(int argc, char **argv)
{
	(void)argc;
	check_start(argv[0]);
	setup();
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct outcome o = run_row(&rows[i]);
		report_row(__LINE__, &rows[i], &o);
	}
	return check_end();
}
