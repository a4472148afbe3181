#!/bin/sh
# make check-man: the man pages in man/, one per exported function
# (libsctp.map, through tools/exports.sh), each with the sections a page
# must have, rendering with `man -l` (and groff -ww) without a warning.
# sctp.7 too, with its own sections, naming every socket option, control
# message type and notification type of the <linux/sctp.h> the compiler
# finds (${CC:-gcc}), and listing exactly the sysctls and /proc/net/sctp
# files of a kernel with SCTP (tools/kernel-run.sh: one command).
# And the section 1 pages, one per command `make install` installs
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

# page_ok PAGE LABEL MISSING SECTION...: PAGE renders with `man -l` and
# groff -ww without a warning and has each SECTION (.SH); MISSING is what
# else the caller found it lacks. One line: ok, or not ok with why.
page_ok() {
	p_page=$1 p_label=$2 p_missing=$3
	shift 3
	# man-db's own warnings (it runs groff with -ww), then groff directly.
	p_w1=$(MANWIDTH=80 man --warnings -l "$p_page" 2>&1 >/dev/null)
	p_w2=$(groff -ww -man -Tutf8 -z "$p_page" 2>&1)
	for sec in "$@"; do
		grep -q "^\.SH \"*$sec\"*\$" "$p_page" || p_missing="$p_missing '$sec'"
	done
	if [ -n "$p_w1$p_w2$p_missing" ]; then
		not_ok "$p_label"
		[ -n "$p_w1" ] && printf '%s\n' "$p_w1" | sed 's/^/#   man: /'
		[ -n "$p_w2" ] && printf '%s\n' "$p_w2" | sed 's/^/#   groff: /'
		[ -n "$p_missing" ] && echo "#   missing:$p_missing"
	else
		ok "$p_label renders with 'man -l' and groff -ww without warnings, and has its sections"
	fi
}

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
	missing=
	grep -q 'Differences from lksctp-tools' "$page" || missing="$missing 'Differences from lksctp-tools'"
	grep -q -- '-lsctp' "$page" || missing="$missing 'Link with -lsctp'"
	grep -q '#include <netinet/sctp.h>' "$page" || missing="$missing '#include <netinet/sctp.h>'"
	page_ok "$page" "$page_name.3" "$missing" NAME SYNOPSIS DESCRIPTION "RETURN VALUE" ERRORS NOTES "SEE ALSO"
done

# ---- sctp(7) ----
page=$dir/sctp.7
[ -f "$page" ] || { not_ok "sctp.7 is missing"; finish; }
page_ok "$page" sctp.7 "" NAME SYNOPSIS DESCRIPTION "SOCKET OPTIONS" "ANCILLARY DATA" NOTIFICATIONS SYSCTLS \
	"/PROC INTERFACES" ERRORS NOTES "SEE ALSO"

# The page's text without its comments: a name in a comment is not documented.
text=$(mktemp)
sed '/^\.\\"/d' "$page" > "$text"
uapi=$(printf '#include <linux/sctp.h>\n' | ${CC:-gcc} -M -x c - 2>/dev/null | tr ' \\' '\n\n' | grep '/linux/sctp\.h$' | head -n 1)
# names AWK-PROGRAM: the SCTP_* names on the lines of the header it prints.
names() {
	awk "$1" "$uapi" | grep -o 'SCTP_[A-Z0-9_]*' | sort -u
}
if [ -z "$uapi" ]; then
	not_ok "${CC:-gcc} finds no <linux/sctp.h> (linux-libc-dev)"
else
	# Socket options: #define SCTP_NAME NUMBER (or another option's name),
	# from SCTP_RTOINFO to the PR-SCTP policies that follow the last one.
	opts=$(names '/^#define[ \t]+SCTP_RTOINFO[ \t]/ { on = 1 } /^#define[ \t]+SCTP_PR_SCTP_NONE[ \t]/ { on = 0 }
		on && /^#define[ \t]+SCTP_[A-Z0-9_]+[ \t]+([0-9]+|SCTP_[A-Z0-9_]+)[ \t]*($|\/\*)/ { print $2 }')
	cmsgs=$(names '/^typedef enum sctp_cmsg_type \{/ { on = 1; next } on && /^\}/ { on = 0 } on')
	notes=$(names '/^enum sctp_sn_type \{/ { on = 1; next } on && /^\}/ { on = 0 } on')
	for kind in "socket option:$opts" "control message type:$cmsgs" "notification type:$notes"; do
		label=${kind%%:*}
		list=${kind#*:}
		n=$(echo $list | wc -w)
		# A header whose layout changed would give no names: that is a failure.
		if [ "$n" -lt 5 ]; then
			not_ok "found only $n ${label}s in $uapi: has its layout changed?"
			continue
		fi
		absent=
		for x in $list; do grep -qw -- "$x" "$text" || absent="$absent $x"; done
		if [ -n "$absent" ]; then
			not_ok "sctp.7 does not mention $(echo $absent | wc -w) of the $n ${label}s of $uapi:"
			for x in $absent; do echo "#   $x"; done
		else
			ok "sctp.7 mentions all $n ${label}s of $uapi"
		fi
	done
fi

# Sysctls (.TP/.TQ tags in SYSCTLS) and /proc/net/sctp files (in /PROC
# INTERFACES) against a kernel's: both ways, so a new one is caught too.
awk '/^\.SH/ { on = ($0 ~ /^\.SH SYSCTLS$/) } on && prev ~ /^\.T[PQ]$/ && /^\.I / { print $2 } { prev = $0 }' "$page" | sort > "$text.sysctls"
awk '/^\.SH/ { on = ($0 ~ /PROC INTERFACES/) } on && prev ~ /^\.TP$/ && /^\.I \/proc\/net\/sctp\// { sub(".*/", "", $2); print $2 } { prev = $0 }' "$page" | sort > "$text.procs"
if in_kernel "$text.kernel" sh -c 'for f in /proc/sys/net/sctp/*; do echo "sysctl ${f##*/}"; done; for f in /proc/net/sctp/*; do echo "proc ${f##*/}"; done; uname -r | sed "s/^/release /"'; then
	release=$(sed -n 's/^release //p' "$text.kernel")
	sed -n 's/^sysctl //p' "$text.kernel" | sort > "$text.ksysctls"
	sed -n 's/^proc //p' "$text.kernel" | sort > "$text.kprocs"
	for kind in "sysctls:net.sctp sysctl" "procs:/proc/net/sctp file"; do
		ext=${kind%%:*}
		label=${kind#*:}
		if [ ! -s "$text.k$ext" ]; then
			not_ok "the kernel ($release) shows no ${label}s"
		elif cmp -s "$text.$ext" "$text.k$ext"; then
			ok "sctp.7 lists the $(wc -l < "$text.$ext") ${label}s of Linux $release, no more, no fewer"
		else
			not_ok "sctp.7's ${label}s differ from Linux $release's (-: the page's only, +: the kernel's only):"
			diff "$text.$ext" "$text.k$ext" | sed -n 's/^< /#   - /p; s/^> /#   + /p'
		fi
	done
fi
rm -f "$text" "$text".*
# Section 1: a command's page, for a command make install puts in BINDIR.
for page in "$dir"/*.1; do
	[ -f "$page" ] || continue
	page_name=$(basename "$page" .1)
	grep -q "(BINDIR)/$page_name\b" "$top/Makefile" || not_ok "$page_name.1 names no command make install installs"
	missing=
	grep -q 'Differences from lksctp-tools' "$page" || missing="$missing 'Differences from lksctp-tools'"
	page_ok "$page" "$page_name.1" "$missing" NAME SYNOPSIS DESCRIPTION "EXIT STATUS" ENVIRONMENT NOTES "SEE ALSO"
done
finish
