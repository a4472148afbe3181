/* A minimal test harness for the C suite: these declarations and macros,
 * and check.c, which tools/check-c.sh compiles once per build and links
 * into every test.
 *
 * Each test program prints one line per check:
 *     ok - <program>: <description>
 *     not ok - <program>:<line>: <description> (<details>)
 * tools/check-c.sh counts those lines and prints "N passed, N failed".
 *
 * A check tagged FIX asserts one of our deliberate departures from
 * lksctp-tools (a bug of theirs we fix); its line carries "[fix]" so the
 * differential suite can tell an expected difference from a regression.
 *
 * Only standard socket calls are used here; the library is exercised by the
 * tests themselves.
 */
#ifndef CHECK_H
#define CHECK_H

/* System headers first, in the order lksctp's header needs, so the same
 * tests also build against lksctp-tools for the differential suite. That
 * our header stands alone in any order is checked by tools/check-header.sh. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>
#include <netinet/sctp.h>

extern int check_failures;
extern const char *check_prog;

void check_report(int ok, int line, const char *tag, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* CHECK(cond, "what is checked", args...) */
#define CHECK(cond, ...) check_report(!!(cond), __LINE__, "", __VA_ARGS__)
/* Same, for a result where we deliberately differ from lksctp. */
#define CHECK_FIX(cond, ...) check_report(!!(cond), __LINE__, "[fix] ", __VA_ARGS__)

/* CHECK_ERR(call, EXPECTED_ERRNO, "what"): call returns -1 with that errno. */
#define CHECK_ERR(call, err, ...) CHECK_ERR_TAGGED("", call, err, __VA_ARGS__)
#define CHECK_ERR_FIX(call, err, ...) CHECK_ERR_TAGGED("[fix] ", call, err, __VA_ARGS__)
#define CHECK_ERR_TAGGED(tag, call, err, ...)                                  \
	do {                                                                   \
		errno = 0;                                                     \
		long check_rc_ = (long)(call);                                 \
		int check_errno_ = errno;                                      \
		check_report(check_rc_ == -1 && check_errno_ == (err), __LINE__, \
			     tag, __VA_ARGS__);                                \
		if (!(check_rc_ == -1 && check_errno_ == (err)))               \
			printf("#   got %ld errno %d (%s), want -1 errno %d (%s)\n", \
			       check_rc_, check_errno_, strerror(check_errno_), \
			       (int)(err), strerror(err));                     \
	} while (0)

/* Stop the program when a precondition for the later checks fails. */
#define REQUIRE(cond, ...)                                                     \
	do {                                                                   \
		int check_ok_ = !!(cond);                                      \
		check_report(check_ok_, __LINE__, "", __VA_ARGS__);            \
		if (!check_ok_) {                                              \
			printf("# %s: stopping after a failed requirement\n",   \
			       check_prog);                                    \
			exit(1);                                               \
		}                                                              \
	} while (0)

void check_start(const char *prog);

/* A prefix for descriptions: "IPv4 one-to-many" and the like. */
extern char label[80];
void set_label(int family, int type);

int check_end(void);

/* ---- socket set-up shared by the tests (plain socket calls only) ---- */

struct sockaddr_in addr4(const char *ip, unsigned short port);

struct sockaddr_in6 addr6(const char *ip, unsigned short port);

/* The port a socket is bound to, in host order. */
unsigned short local_port(int fd);

/* An SCTP socket with Nagle off (tests ping-pong small messages). */
int sctp_socket(int family, int type);

/* sizeof the sockaddr of `family` (AF_INET or AF_INET6). */
socklen_t addr_len(int family);

/* Is `ss` (of length `len`) the loopback address of `family` at `port`? */
int is_loopback(const struct sockaddr_storage *ss, socklen_t len,
		       int family, unsigned short port);

/* setsockopt of an int SCTP option. */
int set_int(int fd, int opt, int val);

/* A listening SCTP socket bound to ip, port chosen by the kernel. */
int sctp_listener(int family, int type, const char *ip);

/* A connected pair on loopback: a listener (`lst`), the client (`cli`)
 * and where the server reads (`srv`: the accepted socket on one-to-one,
 * the listener itself on one-to-many; a one-to-many client associates on
 * its first send to `to`). With `rcvinfo`, SCTP_RECVRCVINFO is on at both
 * ends (before accept, so the accepted socket has it too). */
struct sctp_pair {
	int family, type;
	int lst, srv, cli;
	struct sockaddr_storage to; /* the server's address */
	unsigned short srv_port;
};

int pair_open(struct sctp_pair *c, int family, int type, int rcvinfo);

/* pair_open in two halves, for options that must be set before the
 * association: the sockets and `to`, then connect (one-to-many too) and
 * `srv`. */
int pair_sockets(struct sctp_pair *c, int family, int type);
int pair_connect(struct sctp_pair *c);

void pair_close(struct sctp_pair *c);

/* Subscribe to the given events (SCTP_EVENT, one per call). */
int subscribe_event(int fd, unsigned short type);

/* Wait (bounded) until fd is readable; 0 on time-out. */
int wait_readable(int fd, int ms);

/* ---- addresses by text ("127.0.0.1", "::1"), packed lists, associations ---- */

size_t entry_len(const struct sockaddr *a);

int same_addr(const struct sockaddr *a, const char *ip, unsigned short port);

/* Does the packed array hold ip:port (family taken from the text)? */
int list_has(const struct sockaddr *addrs, int n, const char *ip, unsigned short port);

int bind_ip(int fd, const char *ip, unsigned short port);

int connect_ip(int fd, const char *ip, unsigned short port);

int peer_count(int fd, sctp_assoc_t id);

/* Number of the socket's bound addresses (sctp_getladdrs, id 0), -1 on error. */
int laddr_count(int fd);

/* The association id of the next SCTP_COMM_UP notification, 0 if none. */
sctp_assoc_t comm_up_id(int fd);

/* The next data message (notifications skipped) into buf: its length, -1
 * on error or when none comes within 3 s. */
int recv_data(int fd, char *buf, size_t size);

/* A packed address array, as sctp_bindx and sctp_connectx take it. */
struct packed {
	char buf[512] __attribute__((aligned(8)));
	size_t len;
	int n;
};

/* Append ip:port: a sockaddr_in6 if ip has a ':', else a sockaddr_in. */
void packed_add(struct packed *p, const char *ip, unsigned short port);

/* Append an entry of a family the library does not know, sized like a
 * sockaddr_in (port `port`). */
void packed_add_family(struct packed *p, sa_family_t family, unsigned short port);

struct sockaddr *packed_sa(struct packed *p);

#endif
