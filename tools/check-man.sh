#!/bin/sh
# make check-man: the man pages in man/, one per exported function
# (libsctp.map, through tools/exports.sh), each with the sections a page
# must have, rendering with `man -l` (and groff -ww) without a warning;
# and the section 1 pages, one per command `make install` installs
# (withsctp), checked the same way with a command's sections.
#
#   tools/check-man.sh [MANDIR]      (default: man/ of this tree)
set -u
name=man
. "$(dirname "$0")/lib.sh"
dir=${1:-$top/man}
funcs=$("$tools/exports.sh" names)

for tool in man groff; do
	command -v $tool > /dev/null || { not_ok "'$tool' not found (tools/deps.sh check)"; finish; }
done

for f in $funcs; do
	[ -f "$dir/$f.3" ] || not_ok "$f.3 is missing"
done
for page in "$dir"/*.3; do
	[ -f "$page" ] || continue
	page_name=$(basename "$page" .3)
	case " $(echo $funcs) " in
	*" $page_name "*) ;;
	*) not_ok "$page_name.3 names no exported function" ;;
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
		not_ok "$page_name.3"
		[ -n "$w1" ] && printf '%s\n' "$w1" | sed 's/^/#   man: /'
		[ -n "$w2" ] && printf '%s\n' "$w2" | sed 's/^/#   groff: /'
		[ -n "$missing" ] && echo "#   missing:$missing"
	else
		ok "$page_name.3 renders with 'man -l' and groff -ww without warnings"
	fi
done
# Section 1: a command's page, for a command make install puts in BINDIR.
for page in "$dir"/*.1; do
	[ -f "$page" ] || continue
	page_name=$(basename "$page" .1)
	grep -q "(BINDIR)/$page_name\b" "$top/Makefile" || not_ok "$page_name.1 names no command make install installs"
	w1=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
	w2=$(groff -ww -man -Tutf8 -z "$page" 2>&1)
	missing=
	for sec in NAME SYNOPSIS DESCRIPTION "EXIT STATUS" ENVIRONMENT NOTES "SEE ALSO"; do
		grep -q "^\.SH \"*$sec\"*\$" "$page" || missing="$missing '$sec'"
	done
	grep -q 'Differences from lksctp-tools' "$page" || missing="$missing 'Differences from lksctp-tools'"
	if [ -n "$w1$w2$missing" ]; then
		not_ok "$page_name.1"
		[ -n "$w1" ] && printf '%s\n' "$w1" | sed 's/^/#   man: /'
		[ -n "$w2" ] && printf '%s\n' "$w2" | sed 's/^/#   groff: /'
		[ -n "$missing" ] && echo "#   missing:$missing"
	else
		ok "$page_name.1 renders with 'man -l' and groff -ww without warnings"
	fi
done
finish
