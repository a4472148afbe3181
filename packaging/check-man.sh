#!/bin/sh
# Check the man pages in man/: one per exported function, each rendering
# with `man -l` (and groff -ww) without a single warning.
#
#   packaging/check-man.sh [MANDIR]      (default: man/ of this tree)
#
# Prints an ok/not ok line per page; exits non-zero on a missing page, a
# page for no exported function, or any warning or error from man/groff.
set -u
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-$here/../man}

# The exported functions, as the library's version script lists them.
funcs="sctp_bindx sctp_connectx sctp_freeladdrs sctp_freepaddrs sctp_getaddrlen
sctp_getladdrs sctp_getpaddrs sctp_opt_info sctp_peeloff sctp_peeloff_flags
sctp_recvmsg sctp_recvv sctp_send sctp_sendmsg sctp_sendv"

for tool in man groff; do
	command -v $tool >/dev/null || { echo "check-man: '$tool' not found (apt-get install man-db groff-base)" >&2; exit 1; }
done

fail=0
for f in $funcs; do
	[ -f "$dir/$f.3" ] || { echo "not ok - man: $f.3 is missing"; fail=1; }
done
for page in "$dir"/*.3; do
	[ -f "$page" ] || continue
	name=$(basename "$page" .3)
	case " $(echo $funcs) " in
	*" $name "*) ;;
	*) echo "not ok - man: $name.3 names no exported function"; fail=1 ;;
	esac
	# man-db's own warnings (it runs groff with -ww), then groff directly.
	w1=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
	w2=$(groff -ww -man -Tutf8 -z "$page" 2>&1)
	# Every section a page must have.
	missing=
	for sec in NAME SYNOPSIS DESCRIPTION "RETURN VALUE" ERRORS NOTES "SEE ALSO"; do
		grep -q "^\.SH \"*$sec\"*\$" "$page" || missing="$missing '$sec'"
	done
	grep -q 'Differences from lksctp-tools' "$page" || missing="$missing 'Differences from lksctp-tools'"
	grep -q -- '-lsctp' "$page" || missing="$missing 'Link with -lsctp'"
	grep -q '#include <netinet/sctp.h>' "$page" || missing="$missing '#include <netinet/sctp.h>'"
	if [ -n "$w1$w2$missing" ]; then
		echo "not ok - man: $name.3"
		[ -n "$w1" ] && printf '%s\n' "$w1" | sed 's/^/#   man: /'
		[ -n "$w2" ] && printf '%s\n' "$w2" | sed 's/^/#   groff: /'
		[ -n "$missing" ] && echo "#   missing:$missing"
		fail=1
	else
		echo "ok - man: $name.3 renders with 'man -l' and groff -ww without warnings"
	fi
done
exit $fail
