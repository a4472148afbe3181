#!/bin/sh
# make demo: the user's echo client (seed/echo_client.c, unchanged) talks to
# the echo server (c-tests/echo_server_fixed.c) over loopback, both linked
# with our libsctp, on a real kernel SCTP (tools/kernel-run.sh: inside
# User-Mode Linux when this kernel has none). Prints the exchange.
set -eu
name=demo
. "$(dirname "$0")/lib.sh"
lib=$top/target/lib
bin=$top/target/demo
mkdir -p "$bin"
cc=${CC:-gcc}
# The seed client as the user builds it (it has warnings of its own).
$cc -o "$bin/echo_client" "$top/seed/echo_client.c" -I"$top/include" -L"$lib" -Wl,-rpath,"$lib" -lsctp
$cc -Wall -Wextra -Werror -o "$bin/echo_server_fixed" "$top/c-tests/echo_server_fixed.c" \
	-I"$top/include" -L"$lib" -Wl,-rpath,"$lib" -lsctp

cat > "$bin/exchange" << EOS
#!/bin/sh
tools=$tools
. "\$tools/lib.sh"
cd "$bin"
./echo_server_fixed -a 127.0.0.1 -i 1 -t 5 > server.log 2>&1 &
server=\$!
wait_for server.log listening 10
lines='[0] hello, SCTP
[3] one association, many streams
[9] the last stream wraps to 0'
echo "== echo_client 127.0.0.1  (lines '[stream] text'; the server answers on stream+1)"
echo "\$lines" | sed 's/^/> /'; echo
echo "\$lines" | timeout 10 ./echo_client 127.0.0.1; echo
echo "== echo_client 127.0.0.1 echo  (each line sent on all 10 streams)"
echo '> ping'
echo 'ping' | timeout 10 ./echo_client 127.0.0.1 echo
status=\$?
kill \$server 2>/dev/null; wait \$server 2>/dev/null
echo "== libsctp used: \$(ldd ./echo_client | grep libsctp)"
exit \$status
EOS
chmod +x "$bin/exchange"
"$tools/kernel-run.sh" "$bin/exchange"
