#!/bin/sh
# make demo: the user's echo client (seed/echo_client.c, unchanged) talks to
# the echo server (c-tests/echo_server_fixed.c) over loopback, both linked
# with our libsctp, on a real kernel SCTP (inside User-Mode Linux when this
# kernel has none). Prints the exchange.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
lib=$top/target/lib
bin=$top/target/demo
mkdir -p "$bin"
cc=${CC:-gcc}
for p in "$top/seed/echo_client.c" "$here/echo_server_fixed.c"; do
	$cc -Wall -w -o "$bin/$(basename "$p" .c)" "$p" -I"$top/include" -L"$lib" -Wl,-rpath,"$lib" -lsctp
done

cat > "$bin/exchange" <<EOS
#!/bin/sh
cd "$bin"
./echo_server_fixed -a 127.0.0.1 -i 1 -t 5 > server.log 2>&1 &
server=\$!
i=0; until grep -q listening server.log 2>/dev/null || [ \$i -ge 50 ]; do sleep 0.1; i=\$((i + 1)); done
echo "== echo_client 127.0.0.1  (lines '[stream] text'; the server answers on stream+1)"
printf '%s\n' '[0] hello, SCTP' '[3] one association, many streams' '[9] the last stream wraps to 0' |
	sed 's/^/> /' ; echo
printf '%s\n' '[0] hello, SCTP' '[3] one association, many streams' '[9] the last stream wraps to 0' |
	timeout 10 ./echo_client 127.0.0.1; echo
echo "== echo_client 127.0.0.1 echo  (each line sent on all 10 streams)"
echo '> ping'
echo 'ping' | timeout 10 ./echo_client 127.0.0.1 echo
status=\$?
kill \$server 2>/dev/null; wait \$server 2>/dev/null
echo "== libsctp used: \$(ldd ./echo_client | grep libsctp)"
exit \$status
EOS
chmod +x "$bin/exchange"
"$here/kernel-run.sh" "$bin/exchange"
