/* sctp_getladdrs has no arbitrary cap: lksctp 1.0.19 grows its buffer 4 KiB
 * at a time and gives up at 128 KiB with ENOBUFS (about 8,000 IPv4
 * addresses); ours grows geometrically until the kernel's answer fits. */
#include "check.h"

#define COUNT 9000 /* 9,000 * 16 bytes = 144,000 > 128 KiB */

int main(int argc, char **argv)
{
	(void)argc;
	check_start(argv[0]);
	int fd = sctp_socket(AF_INET, SOCK_SEQPACKET);
	REQUIRE(fd >= 0, "socket");
	struct sockaddr_in first = addr4("127.1.0.1", 0);
	REQUIRE(bind(fd, (struct sockaddr *)&first, sizeof(first)) == 0, "bind 127.1.0.1");
	unsigned short port = local_port(fd);

	static struct sockaddr_in more[COUNT - 1];
	for (int i = 0; i < COUNT - 1; i++) {
		char ip[32];
		snprintf(ip, sizeof(ip), "127.2.%d.%d", (i / 250) % 250, i % 250 + 1);
		more[i] = addr4(ip, port);
	}
	int ok = 1;
	for (int i = 0; i < COUNT - 1 && ok; i += 1000) {
		int n = COUNT - 1 - i < 1000 ? COUNT - 1 - i : 1000;
		ok = sctp_bindx(fd, (struct sockaddr *)&more[i], n, SCTP_BINDX_ADD_ADDR) == 0;
	}
	REQUIRE(ok, "sctp_bindx of %d addresses, 1000 at a time", COUNT - 1);

	struct sockaddr *addrs = NULL;
	int n = sctp_getladdrs(fd, 0, &addrs);
	CHECK_FIX(n == COUNT, "sctp_getladdrs returns all %d addresses (144,000 bytes)", COUNT);
	/* Reported whatever n is, so that both libraries print the same checks
	 * (tools/check-compat.sh); without all the addresses they fail too. */
	int in_order = n == COUNT, right_port = n == COUNT;
	if (n == COUNT) {
		struct sockaddr_in *a = (struct sockaddr_in *)addrs;
		for (int i = 0; i < n; i++) {
			struct in_addr want = i == 0 ? first.sin_addr : more[i - 1].sin_addr;
			in_order &= a[i].sin_family == AF_INET && a[i].sin_addr.s_addr == want.s_addr;
			right_port &= ntohs(a[i].sin_port) == port;
		}
	}
	CHECK_FIX(in_order, "every address is there, in the order bound");
	CHECK_FIX(right_port, "every address carries the socket's port");
	CHECK(sctp_freeladdrs(addrs) == 0, "sctp_freeladdrs");
	close(fd);
	return check_end();
}
