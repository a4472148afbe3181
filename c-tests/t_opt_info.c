/* sctp_opt_info: the library puts the association id into the option
 * structure and reads the option. Every structure below is passed with a
 * garbage id (0x7fffffff) in it and the right id as the argument.
 *
 * lksctp only accepts part of the options whose structure starts with an
 * association id and answers the others (and unknown options) with a
 * positive ENOTSUP; those checks are [fix]. */
#include "check.h"

#define GARBAGE_ID ((sctp_assoc_t)0x7fffffff)

/* ---- set-up ---- */

struct assoc {
	int srv, cl;              /* one-to-many server and client */
	sctp_assoc_t sid, cid;    /* the association on each side */
	unsigned short sport;
};

/* One-to-many server on 127.0.0.1 and 127.0.0.2; one-to-many client on
 * 127.0.0.9 asking for 5 outbound / 7 inbound streams. */
static struct assoc make_assoc(void)
{
	struct assoc a = { -1, -1, 0, 0, 0 };
	struct sctp_initmsg im;
	struct sockaddr_in more;

	memset(&im, 0, sizeof(im));
	im.sinit_num_ostreams = 5;
	im.sinit_max_instreams = 7;
	a.srv = sctp_socket(AF_INET, SOCK_SEQPACKET);
	a.cl = sctp_socket(AF_INET, SOCK_SEQPACKET);
	if (a.srv < 0 || a.cl < 0 || bind_ip(a.srv, "127.0.0.1", 0) < 0)
		return a;
	a.sport = local_port(a.srv);
	more = addr4("127.0.0.2", a.sport);
	if (sctp_bindx(a.srv, (struct sockaddr *)&more, 1, SCTP_BINDX_ADD_ADDR) < 0 ||
	    listen(a.srv, 4) < 0 || subscribe_event(a.srv, SCTP_ASSOC_CHANGE) < 0 ||
	    bind_ip(a.cl, "127.0.0.9", 0) < 0 || subscribe_event(a.cl, SCTP_ASSOC_CHANGE) < 0 ||
	    setsockopt(a.cl, IPPROTO_SCTP, SCTP_INITMSG, &im, sizeof(im)) < 0 ||
	    connect_ip(a.cl, "127.0.0.1", a.sport) < 0)
		return a;
	a.cid = comm_up_id(a.cl);
	a.sid = comm_up_id(a.srv);
	return a;
}

static void close_assoc(struct assoc *a)
{
	close(a->cl);
	close(a->srv);
}

/* ss points into a packed structure: only memcpy from/to it. */
static int is_addr(const void *ss, const char *ip, unsigned short port)
{
	if (strchr(ip, ':')) {
		struct sockaddr_in6 w = addr6(ip, port), g;
		memcpy(&g, ss, sizeof(g));
		return g.sin6_family == AF_INET6 && g.sin6_port == w.sin6_port &&
		       memcmp(&g.sin6_addr, &w.sin6_addr, sizeof(w.sin6_addr)) == 0;
	}
	struct sockaddr_in w = addr4(ip, port), g;
	memcpy(&g, ss, sizeof(g));
	return g.sin_family == AF_INET && g.sin_port == w.sin_port &&
	       g.sin_addr.s_addr == w.sin_addr.s_addr;
}

static void set_addr(void *ss, const char *ip, unsigned short port)
{
	memset(ss, 0, sizeof(struct sockaddr_storage));
	if (strchr(ip, ':')) {
		struct sockaddr_in6 a = addr6(ip, port);
		memcpy(ss, &a, sizeof(a));
	} else {
		struct sockaddr_in a = addr4(ip, port);
		memcpy(ss, &a, sizeof(a));
	}
}

/* Read an option whose structure is a sctp_assoc_value; -1 on failure. */
static long assoc_value(int fd, sctp_assoc_t id, int opt)
{
	struct sctp_assoc_value av = { .assoc_id = GARBAGE_ID, .assoc_value = 0 };
	socklen_t len = sizeof(av);
	if (sctp_opt_info(fd, id, opt, &av, &len) != 0)
		return -1;
	return (long)av.assoc_value;
}

static int set_assoc_value(int fd, sctp_assoc_t id, int opt, unsigned value)
{
	struct sctp_assoc_value av = { .assoc_id = id, .assoc_value = value };
	return setsockopt(fd, IPPROTO_SCTP, opt, &av, sizeof(av));
}

/* ---- SCTP_STATUS ---- */

static void test_status(struct assoc *a)
{
	struct sctp_status st;
	socklen_t len = sizeof(st);

	memset(&st, 0, sizeof(st));
	st.sstat_assoc_id = GARBAGE_ID;
	CHECK(sctp_opt_info(a->cl, a->cid, SCTP_STATUS, &st, &len) == 0, "STATUS: returns 0");
	CHECK(len == sizeof(st), "STATUS: size is sizeof(struct sctp_status)");
	CHECK(st.sstat_assoc_id == a->cid, "STATUS: the id was put in the structure");
	CHECK(st.sstat_state == SCTP_ESTABLISHED, "STATUS: state ESTABLISHED");
	CHECK(st.sstat_outstrms == 5, "STATUS: client has the 5 outbound streams it asked for");
	CHECK(st.sstat_instrms == 7, "STATUS: client has the 7 inbound streams it allowed");
	CHECK(is_addr((void *)&st.sstat_primary.spinfo_address, "127.0.0.1", a->sport),
	      "STATUS: primary is the address connected to");
	CHECK(st.sstat_primary.spinfo_state == SCTP_ACTIVE, "STATUS: primary path ACTIVE");

	memset(&st, 0, sizeof(st));
	st.sstat_assoc_id = GARBAGE_ID;
	len = sizeof(st);
	CHECK(sctp_opt_info(a->srv, a->sid, SCTP_STATUS, &st, &len) == 0 &&
		      st.sstat_instrms == 5 && st.sstat_outstrms == 7,
	      "STATUS: server side has 5 in / 7 out");

	len = sizeof(st);
	CHECK_ERR(sctp_opt_info(a->cl, GARBAGE_ID, SCTP_STATUS, &st, &len), EINVAL,
		  "STATUS: unknown id -> EINVAL");
	len = sizeof(st);
	CHECK_ERR(sctp_opt_info(a->cl, 0, SCTP_STATUS, &st, &len), EINVAL,
		  "STATUS: id 0 on one-to-many -> EINVAL");
	len = 4;
	CHECK_ERR(sctp_opt_info(a->cl, a->cid, SCTP_STATUS, &st, &len), EINVAL,
		  "STATUS: size too small -> EINVAL");
	len = sizeof(st);
	CHECK_ERR(sctp_opt_info(-1, a->cid, SCTP_STATUS, &st, &len), EBADF, "STATUS: fd -1 -> EBADF");
}

/* ---- options lksctp accepts ---- */

static void test_rtoinfo(struct assoc *a)
{
	struct sctp_rtoinfo set = { .srto_assoc_id = a->cid, .srto_initial = 1000,
				    .srto_max = 20000, .srto_min = 300 };
	struct sctp_rtoinfo get;
	socklen_t len = sizeof(get);

	REQUIRE(setsockopt(a->cl, IPPROTO_SCTP, SCTP_RTOINFO, &set, sizeof(set)) == 0,
		"RTOINFO: set 1000/20000/300");
	memset(&get, 0, sizeof(get));
	get.srto_assoc_id = GARBAGE_ID;
	CHECK(sctp_opt_info(a->cl, a->cid, SCTP_RTOINFO, &get, &len) == 0, "RTOINFO: returns 0");
	CHECK(get.srto_assoc_id == a->cid, "RTOINFO: the id was put in the structure");
	CHECK(get.srto_max == 20000 && get.srto_min == 300, "RTOINFO: max and min as set");
	CHECK(get.srto_initial == 1000, "RTOINFO: initial as set");
}

static void test_associnfo(struct assoc *a)
{
	struct sctp_assocparams set, get;
	socklen_t len = sizeof(get);

	memset(&set, 0, sizeof(set));
	set.sasoc_assoc_id = a->cid;
	set.sasoc_asocmaxrxt = 7;
	REQUIRE(setsockopt(a->cl, IPPROTO_SCTP, SCTP_ASSOCINFO, &set, sizeof(set)) == 0,
		"ASSOCINFO: set asocmaxrxt 7");
	memset(&get, 0, sizeof(get));
	get.sasoc_assoc_id = GARBAGE_ID;
	CHECK(sctp_opt_info(a->cl, a->cid, SCTP_ASSOCINFO, &get, &len) == 0, "ASSOCINFO: returns 0");
	CHECK(get.sasoc_asocmaxrxt == 7, "ASSOCINFO: asocmaxrxt as set");
	CHECK(get.sasoc_number_peer_destinations == 2, "ASSOCINFO: 2 peer destinations");
}

static int read_paddrparams(struct assoc *a, const char *ip, struct sctp_paddrparams *pp)
{
	socklen_t len = sizeof(*pp);
	memset(pp, 0, sizeof(*pp));
	pp->spp_assoc_id = GARBAGE_ID;
	set_addr((void *)&pp->spp_address, ip, a->sport);
	return sctp_opt_info(a->cl, a->cid, SCTP_PEER_ADDR_PARAMS, pp, &len);
}

static void test_paddrparams(struct assoc *a)
{
	struct sctp_paddrparams pp;

	memset(&pp, 0, sizeof(pp));
	pp.spp_assoc_id = a->cid;
	set_addr((void *)&pp.spp_address, "127.0.0.1", a->sport);
	pp.spp_pathmaxrxt = 3;
	REQUIRE(setsockopt(a->cl, IPPROTO_SCTP, SCTP_PEER_ADDR_PARAMS, &pp, sizeof(pp)) == 0,
		"PEER_ADDR_PARAMS: set pathmaxrxt 3 for 127.0.0.1");
	CHECK(read_paddrparams(a, "127.0.0.1", &pp) == 0, "PEER_ADDR_PARAMS 127.0.0.1: returns 0");
	CHECK(pp.spp_pathmaxrxt == 3, "PEER_ADDR_PARAMS 127.0.0.1: pathmaxrxt as set");
	CHECK(pp.spp_assoc_id == a->cid, "PEER_ADDR_PARAMS: the id was put in the structure");
	CHECK(read_paddrparams(a, "127.0.0.2", &pp) == 0 && pp.spp_pathmaxrxt == 5,
	      "PEER_ADDR_PARAMS 127.0.0.2: pathmaxrxt still the default 5");
	CHECK(read_paddrparams(a, "127.0.0.3", &pp) == -1 && errno == EINVAL,
	      "PEER_ADDR_PARAMS for an address not in the association -> EINVAL");
}

static int read_primary(struct assoc *a, struct sctp_prim *pr)
{
	socklen_t len = sizeof(*pr);
	memset(pr, 0, sizeof(*pr));
	pr->ssp_assoc_id = GARBAGE_ID;
	return sctp_opt_info(a->cl, a->cid, SCTP_PRIMARY_ADDR, pr, &len);
}

static void test_primary(struct assoc *a)
{
	struct sctp_prim pr;

	CHECK(read_primary(a, &pr) == 0, "PRIMARY_ADDR: returns 0");
	CHECK(is_addr((void *)&pr.ssp_addr, "127.0.0.1", a->sport), "PRIMARY_ADDR: 127.0.0.1");
	memset(&pr, 0, sizeof(pr));
	pr.ssp_assoc_id = a->cid;
	set_addr((void *)&pr.ssp_addr, "127.0.0.2", a->sport);
	REQUIRE(setsockopt(a->cl, IPPROTO_SCTP, SCTP_PRIMARY_ADDR, &pr, sizeof(pr)) == 0,
		"PRIMARY_ADDR: set to 127.0.0.2");
	CHECK(read_primary(a, &pr) == 0 && is_addr((void *)&pr.ssp_addr, "127.0.0.2", a->sport),
	      "PRIMARY_ADDR: now 127.0.0.2");
}

/* struct sctp_sndrcvinfo does not start with the association id: lksctp
 * writes the id over sinfo_stream/sinfo_ssn and leaves sinfo_assoc_id as
 * the caller set it. With the right id in sinfo_assoc_id both work. */
static int read_send_param(struct assoc *a, sctp_assoc_t in_struct, struct sctp_sndrcvinfo *get)
{
	socklen_t len = sizeof(*get);
	memset(get, 0, sizeof(*get));
	get->sinfo_assoc_id = in_struct;
	return sctp_opt_info(a->cl, a->cid, SCTP_DEFAULT_SEND_PARAM, get, &len);
}

static void test_default_send_param(struct assoc *a)
{
	struct sctp_sndrcvinfo set, get;

	memset(&set, 0, sizeof(set));
	set.sinfo_assoc_id = a->cid;
	set.sinfo_stream = 3;
	set.sinfo_ppid = htonl(42);
	REQUIRE(setsockopt(a->cl, IPPROTO_SCTP, SCTP_DEFAULT_SEND_PARAM, &set, sizeof(set)) == 0,
		"DEFAULT_SEND_PARAM: set stream 3, ppid 42");
	CHECK(read_send_param(a, a->cid, &get) == 0, "DEFAULT_SEND_PARAM (id also in the struct): returns 0");
	CHECK(get.sinfo_stream == 3 && get.sinfo_ppid == htonl(42),
	      "DEFAULT_SEND_PARAM (id also in the struct): as set");
	CHECK_FIX(read_send_param(a, GARBAGE_ID, &get) == 0 && get.sinfo_stream == 3 &&
			  get.sinfo_ppid == htonl(42) && get.sinfo_assoc_id == a->cid,
		  "DEFAULT_SEND_PARAM: the id is put in sinfo_assoc_id");
}

static void test_maxseg(struct assoc *a)
{
	CHECK(assoc_value(a->cl, a->cid, SCTP_MAXSEG) > 0, "MAXSEG: returns 0 with a positive size");
	REQUIRE(set_assoc_value(a->cl, a->cid, SCTP_MAXSEG, 1000) == 0, "MAXSEG: set 1000");
	CHECK(assoc_value(a->cl, a->cid, SCTP_MAXSEG) == 1000, "MAXSEG: 1000 as set");
}

static void test_peer_addr_info(struct assoc *a, const char *ip, int want_state)
{
	struct sctp_paddrinfo pi;
	socklen_t len = sizeof(pi);

	memset(&pi, 0, sizeof(pi));
	pi.spinfo_assoc_id = GARBAGE_ID;
	set_addr((void *)&pi.spinfo_address, ip, a->sport);
	CHECK(sctp_opt_info(a->cl, a->cid, SCTP_GET_PEER_ADDR_INFO, &pi, &len) == 0,
	      "GET_PEER_ADDR_INFO %s: returns 0", ip);
	CHECK(pi.spinfo_assoc_id == a->cid, "GET_PEER_ADDR_INFO %s: the association's id", ip);
	CHECK(is_addr((void *)&pi.spinfo_address, ip, a->sport), "GET_PEER_ADDR_INFO %s: the address", ip);
	if (want_state >= 0)
		CHECK(pi.spinfo_state == want_state, "GET_PEER_ADDR_INFO %s: path ACTIVE", ip);
}

/* ---- RFC 6458 options lksctp does not pass on ---- */

/* struct sctp_sndinfo does not start with the id either: it goes into
 * snd_assoc_id. */
static void test_default_sndinfo(struct assoc *a)
{
	struct sctp_sndinfo set, get;
	socklen_t len = sizeof(get);

	memset(&set, 0, sizeof(set));
	set.snd_assoc_id = a->cid;
	set.snd_sid = 2;
	set.snd_ppid = htonl(77);
	REQUIRE(setsockopt(a->cl, IPPROTO_SCTP, SCTP_DEFAULT_SNDINFO, &set, sizeof(set)) == 0,
		"DEFAULT_SNDINFO: set sid 2, ppid 77");
	memset(&get, 0, sizeof(get));
	get.snd_assoc_id = GARBAGE_ID;
	CHECK_FIX(sctp_opt_info(a->cl, a->cid, SCTP_DEFAULT_SNDINFO, &get, &len) == 0 &&
			  get.snd_sid == 2 && get.snd_ppid == htonl(77) && get.snd_assoc_id == a->cid,
		  "DEFAULT_SNDINFO: the id is put in snd_assoc_id, read back as set");
}

static void test_assoc_values(struct assoc *a)
{
	struct sctp_sack_info sack = { .sack_assoc_id = a->cid, .sack_delay = 120, .sack_freq = 3 };
	socklen_t len = sizeof(sack);

	CHECK_FIX(assoc_value(a->cl, a->cid, SCTP_PR_SUPPORTED) == 1, "PR_SUPPORTED: reads 1");

	REQUIRE(set_assoc_value(a->cl, a->cid, SCTP_CONTEXT, 1234) == 0, "CONTEXT: set 1234");
	CHECK_FIX(assoc_value(a->cl, a->cid, SCTP_CONTEXT) == 1234, "CONTEXT: reads 1234");
	REQUIRE(set_assoc_value(a->cl, a->cid, SCTP_MAX_BURST, 6) == 0, "MAX_BURST: set 6");
	CHECK_FIX(assoc_value(a->cl, a->cid, SCTP_MAX_BURST) == 6, "MAX_BURST: reads 6");

	REQUIRE(setsockopt(a->cl, IPPROTO_SCTP, SCTP_DELAYED_SACK, &sack, sizeof(sack)) == 0,
		"DELAYED_SACK: set delay 120, freq 3");
	memset(&sack, 0, sizeof(sack));
	sack.sack_assoc_id = GARBAGE_ID;
	CHECK_FIX(sctp_opt_info(a->cl, a->cid, SCTP_DELAYED_SACK, &sack, &len) == 0 &&
			  sack.sack_delay == 120 && sack.sack_freq == 3,
		  "DELAYED_SACK: read back as set");
}

static void test_unsupported(struct assoc *a)
{
	struct sctp_status st;
	int v = 0;
	socklen_t len = sizeof(st);

	CHECK_ERR_FIX(sctp_opt_info(a->cl, a->cid, 9999, &st, &len), EINVAL,
		      "unknown option 9999 -> -1/EINVAL");
	CHECK_ERR_FIX(sctp_opt_info(a->cl, a->cid, SCTP_SOCKOPT_PEELOFF, &st, &len), EINVAL,
		      "internal option SCTP_SOCKOPT_PEELOFF -> -1/EINVAL");
	/* lksctp passes socket-wide options through (no id is stored in
	 * them); programs rely on that, so we do the same. */
	len = sizeof(v);
	v = -1;
	CHECK(sctp_opt_info(a->cl, a->cid, SCTP_NODELAY, &v, &len) == 0 && v == 1 && len == sizeof(v),
	      "SCTP_NODELAY (socket-wide) passes through and reads 1");
}

/* ---- one-to-one and IPv6 ---- */

static void test_ipv6_one_to_one(void)
{
	int srv = sctp_listener(AF_INET6, SOCK_STREAM, "::1");
	int cl = sctp_socket(AF_INET6, SOCK_STREAM);
	unsigned short port = local_port(srv);
	struct sctp_paddrinfo pi;
	struct sctp_status st;
	socklen_t len = sizeof(st);

	REQUIRE(srv >= 0 && cl >= 0 && bind_ip(cl, "::1", 0) == 0 && connect_ip(cl, "::1", port) == 0,
		"IPv6 one-to-one pair");
	memset(&st, 0, sizeof(st));
	st.sstat_assoc_id = GARBAGE_ID;
	CHECK(sctp_opt_info(cl, GARBAGE_ID, SCTP_STATUS, &st, &len) == 0,
	      "IPv6 one-to-one: STATUS works whatever the id");
	CHECK(st.sstat_state == SCTP_ESTABLISHED && st.sstat_assoc_id != GARBAGE_ID &&
		      st.sstat_assoc_id != 0,
	      "IPv6 one-to-one: ESTABLISHED, with the association's real id");
	CHECK(is_addr((void *)&st.sstat_primary.spinfo_address, "::1", port), "IPv6 one-to-one: primary ::1");

	memset(&pi, 0, sizeof(pi));
	set_addr((void *)&pi.spinfo_address, "::1", port);
	len = sizeof(pi);
	CHECK(sctp_opt_info(cl, 0, SCTP_GET_PEER_ADDR_INFO, &pi, &len) == 0 &&
		      pi.spinfo_state == SCTP_ACTIVE,
	      "IPv6 one-to-one: GET_PEER_ADDR_INFO ::1 ACTIVE");
	close(cl);
	close(srv);
}

int main(int argc, char **argv)
{
	struct assoc a;

	(void)argc;
	check_start(argv[0]);
	a = make_assoc();
	REQUIRE(a.cid != 0 && a.sid != 0, "one-to-many association to a server on 127.0.0.1-2");
	test_status(&a);
	test_peer_addr_info(&a, "127.0.0.1", SCTP_ACTIVE);
	test_peer_addr_info(&a, "127.0.0.2", -1);
	test_rtoinfo(&a);
	test_associnfo(&a);
	test_paddrparams(&a);
	test_primary(&a);
	test_default_send_param(&a);
	test_maxseg(&a);
	test_default_sndinfo(&a);
	test_assoc_values(&a);
	test_unsupported(&a);
	close_assoc(&a);
	test_ipv6_one_to_one();
	return check_end();
}
