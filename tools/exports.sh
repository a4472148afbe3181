#!/bin/sh
# The exported functions, from libsctp.map: the one list of them (lksctp's
# version script, plus sctp_peeloff_flags), printed in the form each user
# needs.
#
#   tools/exports.sh names     one name a line (check-abi compares the
#                              header's prototypes, lib.rs's table and
#                              check-man's pages with these)
#   tools/exports.sh symbols   the .so's dynamic symbol table, as
#                              check-abi reads it: "FUNC GLOBAL sctp_bindx@@VERS_1"
#   tools/exports.sh keep      sctp.o's global symbols (the Makefile's
#                              objcopy --keep-global-symbol list)
#
# A name in several version nodes (sctp_connectx) has a symbol in each, the
# last one the default (@@), and one of the base version (no version), as
# lksctp's library has; src/connectx.rs binds them with .symver.
set -eu
map=$(dirname "$0")/../libsctp.map
# One token a line; a node is NAME { ... } [PARENT] ;
sed -e 's|/\*.*\*/||g' -e 's/[{};]/ & /g' "$map" | tr -s ' \t' '\n\n' | awk -v what="${1:-}" '
	$0 == "{" { inside = 1; node = prev; next }
	$0 == "}" { inside = 0; global = 0; next }
	$0 == "global:" { global = 1; next }
	$0 == "local:" { global = 0; next }
	inside && global && /^[a-z_0-9]+$/ {
		if (!($0 in n)) order[++count] = $0
		n[$0]++; last[$0] = node; nodes[$0] = nodes[$0] " " node
	}
	{ prev = $0 }
	END {
		for (k = 1; k <= count; k++) {
			s = order[k]
			if (what == "names") { print s; continue }
			if (n[s] == 1) { print (what == "symbols" ? "FUNC GLOBAL " s "@@" last[s] : s); continue }
			print (what == "symbols" ? "FUNC GLOBAL " s : s "@")
			m = split(nodes[s], v, " ")
			for (j = 1; j <= m; j++)
				print (what == "symbols" ? "FUNC GLOBAL " : "") s (v[j] == last[s] ? "@@" : "@") v[j]
		}
	}' | if [ "${1:-}" = symbols ]; then LC_ALL=C sort; else cat; fi
