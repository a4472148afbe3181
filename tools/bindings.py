#!/usr/bin/env python3
"""Proof that our library, not lksctp's, served a program
(tools/check-substitution.sh, check-programs.sh, check-deb.sh).

  bindings.py bindings NAME OUR_LIB LOG_DIR BINARY...
      LD_DEBUG=bindings logs (LD_DEBUG_OUTPUT=LOG_DIR/bind): every sctp_*
      symbol each BINARY (or a library it loads) needs, with its version, is
      bound to OUR_LIB, and no other libsctp was loaded.
  bindings.py results NAME OUTPUT_FILE
      A C suite run (of lksctp-built binaries with our library substituted):
      one line per program, "ok" when all its checks passed.

Verdicts are "ok - NAME: ..." / "not ok - NAME: ..." lines; the exit status
is 1 when any "not ok" was printed.
"""
import collections
import glob
import os
import re
import subprocess
import sys

import compat
from compat import EXITED, not_ok, note, ok, read_results


# ---- bindings ----

BINDING = re.compile(r"binding file (\S+) \[\d+\] to (\S+) \[\d+\]: normal symbol `([^']+)'(?: \[([^\]]+)\])?")


def needed_sctp_symbols(path):
    """{(symbol, version)} of the undefined sctp_* symbols of an ELF file."""
    out = subprocess.run(["nm", "-D", "--undefined-only", "--with-symbol-versions", path],
                         capture_output=True, text=True).stdout
    syms = set()
    for line in out.splitlines():
        m = re.search(r"\b(sctp_\w+)@+(\w+)", line)
        if m:
            syms.add((m.group(1), m.group(2)))
    return syms


def loaded_libraries(path):
    """The shared libraries ldd lists for path (resolved), to find the ones
    that need sctp_* symbols (iperf3 needs them through libiperf.so.0)."""
    out = subprocess.run(["ldd", path], capture_output=True, text=True).stdout
    libs = []
    for line in out.splitlines():
        m = re.search(r"=> (/\S+)", line)
        if m and "libsctp.so" not in m.group(1):
            libs.append(m.group(1))
    return libs


def bindings(name, our_lib, log_dir, binaries):
    ours = os.path.realpath(our_lib)
    lines = []
    for f in sorted(glob.glob(os.path.join(log_dir, "bind.*"))):
        with open(f, errors="replace") as fh:
            lines.extend(fh.read().splitlines())
    bound = collections.defaultdict(set)  # referencing file (real path) -> {(sym, ver, target real path)}
    others = set()  # libsctp files other than ours seen in the logs
    for line in lines:
        m = BINDING.search(line)
        if not m:
            continue
        src, dst, sym, ver = m.group(1), m.group(2), m.group(3), m.group(4) or ""
        # A program started through PATH is named as it was run: "sctp_test".
        rsrc = os.path.realpath(src) if "/" in src else src
        rdst = os.path.realpath(dst) if "/" in dst else dst
        for p, r in ((src, rsrc), (dst, rdst)):
            if "libsctp.so" in os.path.basename(p) and r != ours:
                others.add(p)
        if sym.startswith("sctp_"):
            bound[rsrc].add((sym, ver, rdst))
    if not lines:
        not_ok(name, f"no LD_DEBUG output in {log_dir}")
        return
    for b in binaries:
        label = os.path.basename(b)
        users = [(b, needed_sctp_symbols(b))]
        users += [(lib, needed_sctp_symbols(lib)) for lib in loaded_libraries(b)]
        users = [(u, s) for u, s in users if s]
        if not users:
            not_ok(name, f"{label}: references no sctp_* symbol")
            continue
        for user, syms in users:
            ru = os.path.realpath(user)
            got = bound.get(ru, set())
            if ru == os.path.realpath(b):
                got = got | bound.get(os.path.basename(b), set())
            wrong = sorted(f"{s}@{v} -> {d}" for s, v, d in got if d != ours)
            missing = sorted(f"{s}@{v}" for s, v in syms if (s, v, ours) not in got)
            where = label if ru == os.path.realpath(b) else f"{label} (through {os.path.basename(user)})"
            if wrong:
                not_ok(name, f"{where}: sctp_* symbols bound to another library: {', '.join(wrong)}")
            elif missing:
                not_ok(name, f"{where}: no binding to ours seen for {', '.join(missing)}")
            else:
                syms_text = ", ".join(sorted(f"{s}@{v}" for s, v in syms))
                ok(name, f"{where}: {syms_text} bound to {our_lib}")
    if others:
        not_ok(name, f"another libsctp was loaded: {', '.join(sorted(others))}")
    else:
        ok(name, "no other libsctp loaded in any of these processes")


# ---- results of a substituted suite run ----

def results(name, path):
    rs = read_results(path)
    by_prog = collections.OrderedDict()
    for r in rs:
        by_prog.setdefault(r.prog, []).append(r)
    if not by_prog:
        not_ok(name, f"no results in {path}")
        return
    for prog, lst in by_prog.items():
        bad = [r for r in lst if not r.passed]
        checks = [r for r in lst if not EXITED.match(r.desc)]
        fixes = [r for r in checks if r.fix and r.passed]
        if bad:
            not_ok(name, f"{prog}: {len(bad)} of {len(checks)} checks fail")
            for r in bad:
                note(f"  {r.raw}")
        else:
            ok(name, f"{prog}: all {len(checks)} checks pass, {len(fixes)} of them [fix] checks")



def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "bindings" and len(argv) >= 6:
        bindings(argv[2], argv[3], argv[4], argv[5:])
    elif cmd == "results" and len(argv) == 4:
        results(argv[2], argv[3])
    else:
        sys.exit(__doc__)
    return 1 if compat.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
