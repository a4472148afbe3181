# Sourced by the check scripts that collect "ok - NAME: ..." and
# "not ok - NAME: ..." lines in a file and print them with a summary at the
# end. The script sets $name (the prefix) and $start (date +%s) first.
#
#   verdict_open DIR        DIR emptied and made absolute in $out; an empty
#                           $verdict file in it
#   ok TEXT, not_ok TEXT    append a result line to $verdict
#   say LINE                append LINE as it is (other tools' verdicts)
#   verdict_close [NOTE]    print $verdict, "# NOTE", and the totals; its
#                           status is 0 when nothing failed and something
#                           passed

verdict_open() {
	rm -rf "$1"
	mkdir -p "$1"
	out=$(cd "$1" && pwd)
	verdict=$out/verdict
	: > "$verdict"
}

ok() { echo "ok - $name: $*" >> "$verdict"; }
not_ok() { echo "not ok - $name: $*" >> "$verdict"; }
say() { echo "$*" >> "$verdict"; }

verdict_close() {
	cat "$verdict"
	[ $# -eq 0 ] || echo "# $*"
	passed=$(grep -c '^ok ' "$verdict")
	failed=$(grep -c '^not ok ' "$verdict")
	echo "# $name: $passed passed, $failed failed ($(( $(date +%s) - start )) s)"
	[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}
