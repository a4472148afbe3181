"""A short exchange through pysctp over loopback, on a real kernel SCTP.

pysctp's C extension (_sctp) calls sctp_bindx, sctp_connectx, sctp_getpaddrs,
sctp_getladdrs, sctp_freepaddrs, sctp_freeladdrs, sctp_sendmsg, sctp_recvmsg
and sctp_peeloff of whichever libsctp.so.1 it was linked against. Prints one
"ok"/"not ok" line per check and exits 1 if any failed.
"""
import select
import socket
import sys

import _sctp
import sctp

failed = 0


def check(cond, what):
    global failed
    print(("ok - " if cond else "not ok - ") + "pysctp: " + what, flush=True)
    if not cond:
        failed += 1


def recv_data(sk, maxlen=4096, timeout=5.0):
    """The next data message on sk, skipping notifications."""
    while True:
        ready, _, _ = select.select([sk.fileno()], [], [], timeout)
        if not ready:
            raise TimeoutError("no message within %.0f s" % timeout)
        fromaddr, flags, msg, notif = sk.sctp_recv(maxlen)
        if not flags & sctp.FLAG_NOTIFICATION:
            return fromaddr, flags, msg, notif


def one_to_one(family, addrs, port):
    """sctpsocket_tcp: bindx two addresses, connectx to both, a message each
    way on chosen streams, and the address lists."""
    name = "IPv6" if family == socket.AF_INET6 else "IPv4"
    srv = sctp.sctpsocket_tcp(family)
    srv.bindx([(a, port) for a in addrs])
    srv.listen(1)
    local = sorted(a[:2] for a in srv.getladdrs())
    check(local == sorted((a, port) for a in addrs),
          "%s one-to-one: bindx bound %s (getladdrs: %s)" % (name, addrs, local))

    cli = sctp.sctpsocket_tcp(family)
    cli.events.clear()  # data_io only: sctp_recv fills sndrcvinfo
    out = {}
    cli.connectx([(a, port) for a in addrs], out)
    check(out.get("assoc_id", 0) > 0, "%s one-to-one: connectx returns association id %s"
          % (name, out.get("assoc_id")))
    peers = sorted(a[:2] for a in cli.getpaddrs())
    check(peers == sorted((a, port) for a in addrs),
          "%s one-to-one: getpaddrs lists the server's addresses: %s" % (name, peers))

    conn, _ = srv.accept()
    conn.events.clear()
    msg = b"hello from the client, stream 1"
    sent = cli.sctp_send(msg, stream=1)
    _, flags, got, info = recv_data(conn)
    check(sent == len(msg) and got == msg and info.stream == 1 and flags & sctp.FLAG_EOR,
          "%s one-to-one: server received %r on stream %d" % (name, got, info.stream))
    reply = b"hello back, stream 2"
    conn.sctp_send(reply, stream=2)
    fromaddr, _, got, info = recv_data(cli)
    check(got == reply and info.stream == 2 and info.assoc_id == out.get("assoc_id"),
          "%s one-to-one: client received %r on stream %d from %s, association %d"
          % (name, got, info.stream, fromaddr, info.assoc_id))
    for s in (cli, conn, srv):
        s.close()


def one_to_many(port):
    """sctpsocket_udp: an implicit association by sctp_send, the server
    answers over a peeled-off socket."""
    srv = sctp.sctpsocket_udp(socket.AF_INET)
    srv.bind(("127.0.0.1", port))
    srv.listen(5)
    srv.events.clear()
    cli = sctp.sctpsocket_udp(socket.AF_INET)
    cli.events.clear()

    msg = b"ping over a one-to-many socket"
    cli.sctp_send(msg, to=("127.0.0.1", port), stream=3)
    fromaddr, _, got, info = recv_data(srv)
    check(got == msg and info.stream == 3 and info.assoc_id > 0,
          "one-to-many: server received %r on stream %d, association %d"
          % (got, info.stream, info.assoc_id))

    peeled = srv.peeloff(info.assoc_id)
    check(isinstance(peeled, sctp.sctpsocket_tcp), "one-to-many: peeloff gives a one-to-one socket")
    peeled.events.clear()
    peeled.sctp_send(b"pong from the peeled-off socket", stream=0)
    fromaddr, _, got, info = recv_data(cli)
    check(got == b"pong from the peeled-off socket" and fromaddr[1] == port,
          "one-to-many: client received %r from %s" % (got, fromaddr))
    peeled.sctp_send(b"second message")
    _, _, got, _ = recv_data(cli)
    check(got == b"second message", "one-to-many: the peeled-off association goes on carrying data")
    try:
        srv.peeloff(info.assoc_id)
        check(False, "one-to-many: a second peeloff of the same association fails")
    except IOError as e:
        check(True, "one-to-many: a second peeloff of the same association fails (%s)" % e.strerror)
    for s in (cli, peeled, srv):
        s.close()


def main():
    check(_sctp.getconstant("IPPROTO_SCTP") == 132, "the _sctp extension loads")
    for what, fn in (("IPv4 one-to-one", lambda: one_to_one(socket.AF_INET, ["127.0.0.1", "127.0.0.2"], 36101)),
                     ("IPv6 one-to-one", lambda: one_to_one(socket.AF_INET6, ["::1"], 36102)),
                     ("one-to-many", lambda: one_to_many(36103))):
        try:
            fn()
        except Exception as e:  # a failure of one part is reported, the others still run
            check(False, "%s: %s: %s" % (what, type(e).__name__, e))
    print("pysctp exchange: %s" % ("all checks passed" if not failed else "%d checks failed" % failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
