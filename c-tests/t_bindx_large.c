/* sctp_bindx with a list longer than Linux reads of one setsockopt (since
 * 5.9: PAGE_ALIGN(65,551) bytes, 4,352 IPv4 addresses). The kernel drops the
 * rest without a word, so with lksctp one call of 5,000 addresses binds
 * 4,352 and returns 0. Ours passes the list in parts of at most 64 KiB, all
 * or nothing: a part that fails undoes the parts before it. */
#include "check.h"

#define COUNT 5000 /* 80,000 bytes */

static struct sockaddr_in list[COUNT];

/* A socket bound to 127.1.0.1 and its port; `list` filled with COUNT
 * addresses 127.3.x.y on that port. */
static int bound_socket(unsigned short *port)
{
	int fd = sctp_socket(AF_INET, SOCK_SEQPACKET);
	REQUIRE(fd >= 0, "socket");
	struct sockaddr_in first = addr4("127.1.0.1", 0);
	REQUIRE(bind(fd, (struct sockaddr *)&first, sizeof(first)) == 0, "bind 127.1.0.1");
	*port = local_port(fd);
	for (int i = 0; i < COUNT; i++) {
		char ip[32];
		snprintf(ip, sizeof(ip), "127.3.%d.%d", i / 250, i % 250 + 1);
		list[i] = addr4(ip, *port);
	}
	return fd;
}

/* The index in `list` of an address 127.3.x.y, or -1. */
static int index_of(const struct sockaddr_in *a)
{
	unsigned long h = ntohl(a->sin_addr.s_addr);
	if (a->sin_family != AF_INET || (h >> 16) != 0x7f03 || (h & 0xff) == 0 || (h & 0xff) > 250)
		return -1;
	return (int)((h >> 8) & 0xff) * 250 + (int)(h & 0xff) - 1;
}

/* Whether the socket's addresses are 127.1.0.1 and list[from..to), each
 * once, in that order if `ordered`. */
static int bound_are(int fd, int from, int to, int ordered)
{
	static char seen[COUNT];
	struct sockaddr *addrs = NULL;
	int n = sctp_getladdrs(fd, 0, &addrs);
	struct sockaddr_in *a = (struct sockaddr_in *)addrs;
	int ok = n == 1 + to - from && a[0].sin_addr.s_addr == htonl(0x7f010001);
	memset(seen, 0, sizeof(seen));
	for (int i = 1; ok && i < n; i++) {
		int k = index_of(&a[i]);
		ok = k >= from && k < to && !seen[k] && (!ordered || k == from + i - 1);
		if (ok)
			seen[k] = 1;
	}
	if (n > 0)
		sctp_freeladdrs(addrs);
	return ok;
}

static void test_add_and_remove(void)
{
	unsigned short port;
	int fd = bound_socket(&port);
	CHECK(sctp_bindx(fd, (struct sockaddr *)list, COUNT, SCTP_BINDX_ADD_ADDR) == 0,
	      "one sctp_bindx ADD of %d addresses (80,000 bytes) returns 0", COUNT);
	int n = laddr_count(fd);
	CHECK_FIX(n == COUNT + 1, "all %d are bound, not the first 4,352", COUNT);
	printf("# bound: %d\n", n - 1);
	CHECK_FIX(bound_are(fd, 0, COUNT, 1), "each once, in the order given");

	CHECK(sctp_bindx(fd, (struct sockaddr *)list, 4500, SCTP_BINDX_REM_ADDR) == 0,
	      "one sctp_bindx REM of 4,500 of them (72,000 bytes) returns 0");
	n = laddr_count(fd);
	CHECK_FIX(n == COUNT - 4500 + 1, "exactly those 4,500 are gone");
	printf("# left: %d\n", n - 1);
	CHECK_FIX(bound_are(fd, 4500, COUNT, 1), "the others stay, in order");
	close(fd);
}

static void test_add_fails_at_the_end(void)
{
	unsigned short port;
	int fd = bound_socket(&port);
	list[COUNT - 1] = addr4("192.0.2.1", port); /* not local */
	CHECK_ERR_FIX(sctp_bindx(fd, (struct sockaddr *)list, COUNT, SCTP_BINDX_ADD_ADDR), EADDRNOTAVAIL,
		      "ADD of %d whose last is not a local address: EADDRNOTAVAIL (lksctp: 0, the last never "
		      "reaches the kernel)", COUNT);
	int n = laddr_count(fd);
	CHECK_FIX(n == 1, "nothing of it stays bound: the first part is undone");
	printf("# bound: %d\n", n);
	struct sockaddr_in other = addr4("127.4.0.1", port);
	CHECK(sctp_bindx(fd, (struct sockaddr *)&other, 1, SCTP_BINDX_ADD_ADDR) == 0,
	      "the socket binds another address after that");
	close(fd);
}

static void test_remove_fails_at_the_end(void)
{
	static struct sockaddr_in rem[4501];
	unsigned short port;
	int fd = bound_socket(&port);
	REQUIRE(sctp_bindx(fd, (struct sockaddr *)list, COUNT - 1, SCTP_BINDX_ADD_ADDR) == 0,
		"ADD of %d addresses", COUNT - 1);
	int before = laddr_count(fd);
	/* 4,500 bound addresses, then list[COUNT - 1], which never was. */
	memcpy(rem, list, 4500 * sizeof(rem[0]));
	rem[4500] = list[COUNT - 1];
	CHECK_ERR_FIX(sctp_bindx(fd, (struct sockaddr *)rem, 4501, SCTP_BINDX_REM_ADDR), EINVAL,
		      "REM of 4,501 whose last is not bound: EINVAL (lksctp: 0)");
	int n = laddr_count(fd);
	CHECK_FIX(n == before, "nothing is removed: the first part is bound again");
	printf("# bound: %d of %d\n", n, before);
	CHECK_FIX(bound_are(fd, 0, COUNT - 1, 0), "the same addresses, each once (the part bound again comes last)");
	close(fd);
}

int main(int argc, char **argv)
{
	(void)argc;
	check_start(argv[0]);
	test_add_and_remove();
	test_add_fails_at_the_end();
	test_remove_fails_at_the_end();
	return check_end();
}
