#!/usr/bin/env python3
"""Everything lksctp's <netinet/sctp.h> gives a program, checked in ours.

    tools/header-names.py LKSCTP_HEADER OUR_INCLUDE_DIR

Reads lksctp-tools' header (Debian's libsctp-dev) and collects what it
declares: macros, structs (members and their types), enum constants and
prototypes. A program built against lksctp's header prints their values,
types, sizes and offsets; probes built against ours assert each of them at
compile time. Macros are compared as the preprocessor leaves them (gcc
-dM): each of lksctp's must be defined by ours with the same expansion, or
with the same value and type; the HAVE_* feature macros must be the same
set, so that #ifdef gives the same answer. Each prototype must be declared
by ours, and lksctp's is repeated verbatim after ours, which fails to
compile if the types differ.

Last, the checks are run on two broken copies of our header (a feature
macro removed, a parameter type changed) and must fail there.

Prints ok/not ok lines for tools/check-header.sh.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

CC = os.environ.get("CC", "gcc")
PREFIX = "header-check: lksctp's names"


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def split_decl(decl):
    """'struct sctp_sndinfo sendv_sndinfo' -> ('struct sctp_sndinfo', 'sendv_sndinfo')."""
    decl = " ".join(decl.split())
    m = re.match(r"(.*?)(\w+)\s*((?:\[[^\]]*\])*)$", decl)
    return (m.group(1).strip() + m.group(3)), m.group(2)


def parse(path):
    """lksctp's header -> macros, structs {tag: [(type, member)]}, enum constants, prototypes."""
    text = strip_comments(open(path).read())
    macros = list(dict.fromkeys(re.findall(r"^[ \t]*#[ \t]*define[ \t]+(\w+)", text, re.M)))
    structs, enums = {}, []
    for m in re.finditer(r"\bstruct\s+(\w+)\s*\{(.*?)\}\s*;", text, re.S):
        body = "\n".join(l for l in m.group(2).splitlines() if not l.strip().startswith("#"))
        structs[m.group(1)] = [split_decl(d) for d in body.split(";") if d.strip()]
    for m in re.finditer(r"\benum\s*\w*\s*\{(.*?)\}\s*;", text, re.S):
        enums += [re.match(r"\s*(\w+)", c).group(1) for c in m.group(1).split(",") if c.strip()]
    rest = re.sub(r"\b(struct|enum)\s*\w*\s*\{.*?\}\s*;", "", text, flags=re.S)
    rest = re.sub(r"^[ \t]*#.*$", "", rest, flags=re.M)
    rest = rest.replace('extern "C" {', "")
    protos = {}
    for decl in rest.split(";"):
        decl = " ".join(decl.replace("}", " ").split())
        m = re.search(r"(\w+)\s*\(", decl)
        if m:
            protos[m.group(1)] = decl + ";"
    return macros, structs, enums, protos


def compile_c(src, inc, work, name, run=False):
    """Compiles (and with run, runs) src; returns (ok, output)."""
    c = os.path.join(work, name + ".c")
    with open(c, "w") as f:
        f.write(src)
    exe = os.path.join(work, name)
    args = [CC, "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-I" + inc, c]
    args += ["-o", exe] if run else ["-fsyntax-only"]
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0 or not run:
        return p.returncode == 0, p.stderr
    p = subprocess.run([exe], capture_output=True, text=True)
    return p.returncode == 0, p.stdout + p.stderr


def defined_macros(inc):
    """Macro name -> expansion after #include <netinet/sctp.h> from inc."""
    p = subprocess.run([CC, "-dM", "-E", "-I" + inc, "-x", "c", "-"],
                       input="#include <netinet/sctp.h>\n", capture_output=True, text=True, check=True)
    out = {}
    for line in p.stdout.splitlines():
        m = re.match(r"#define (\w+)(\([^)]*\))?(.*)$", line)
        if m:
            out[m.group(1)] = ((m.group(2) or ""), " ".join(m.group(3).split()))
    return out


TYPE_OF = """#define TYPE_OF(e) _Generic((e), int: "int", unsigned int: "unsigned int", \\
	long: "long", unsigned long: "unsigned long", long long: "long long", \\
	unsigned long long: "unsigned long long", default: "other")
"""


def lksctp_facts(lk_inc, parsed, lk_macros, work):
    """Runs a program built against lksctp's header; returns its answers as a dict."""
    macros, structs, enums, _ = parsed
    lines = ["#include <netinet/sctp.h>", "#include <stddef.h>", "#include <stdio.h>", TYPE_OF,
             "int main(void) {"]
    for m in macros:
        if m in lk_macros and lk_macros[m][1] and not lk_macros[m][0]:
            lines.append(f'\tprintf("macro {m} %lld %s\\n", (long long)({m}), TYPE_OF({m}));')
    for c in enums:
        lines.append(f'\tprintf("enum {c} %lld %s\\n", (long long)({c}), TYPE_OF({c}));')
    for tag, members in structs.items():
        lines.append(f'\tprintf("struct {tag} %zu %zu\\n", sizeof(struct {tag}), _Alignof(struct {tag}));')
        for _, mem in members:
            lines.append(f'\tprintf("member {tag} {mem} %zu %zu\\n", offsetof(struct {tag}, {mem}), '
                         f'sizeof(((struct {tag} *)0)->{mem}));')
    lines += ["\treturn 0;", "}"]
    ok, out = compile_c("\n".join(lines) + "\n", lk_inc, work, "lksctp-facts", run=True)
    if not ok:
        raise SystemExit(f"not ok - {PREFIX}: the program reading lksctp's header failed:\n" +
                         "\n".join("#   " + l for l in out.splitlines()[:15]))
    facts = {}
    for line in out.splitlines():
        kind, *rest = line.split(" ", 2 if line.startswith(("macro", "enum")) else 3)
        if kind in ("macro", "enum"):
            name, rest2 = rest[0], rest[1].split(" ", 1)
            facts[(kind, name)] = (int(rest2[0]), rest2[1])
        elif kind == "struct":
            facts[(kind, rest[0])] = tuple(int(x) for x in rest[1:3])
        else:
            tag, mem, off_size = rest[0], rest[1], rest[2].split()
            facts[(kind, tag, mem)] = tuple(int(x) for x in off_size)
    return facts


def check_macros(parsed, lk_macros, inc):
    """Failures of our macros against lksctp's."""
    ours = defined_macros(inc)
    bad = []
    for m in parsed[0]:
        if m not in lk_macros:
            continue
        if m not in ours:
            bad.append(f"{m} is not defined")
        elif ours[m][0] != lk_macros[m][0]:
            bad.append(f"{m} takes {ours[m][0] or 'no arguments'}, lksctp's {lk_macros[m][0] or 'none'}")
        elif (ours[m][1] == "") != (lk_macros[m][1] == ""):
            bad.append(f"{m} expands to '{ours[m][1]}', lksctp's to '{lk_macros[m][1]}'")
    have_lk = {m for m in lk_macros if m.startswith("HAVE_")}
    have_ours = {m for m in ours if m.startswith("HAVE_")}
    bad += [f"{m} is defined by ours only (#ifdef would differ)" for m in sorted(have_ours - have_lk)]
    bad += [f"{m} is not defined" for m in sorted(have_lk - have_ours) if f"{m} is not defined" not in bad]
    return bad


def probe_values(parsed, facts, inc, work):
    """Compile-time asserts of lksctp's values, types and layouts against ours."""
    macros, structs, enums, _ = parsed
    lines = ["#include <netinet/sctp.h>", "#include <stddef.h>", TYPE_OF,
             "#define SAME(a, b) (__builtin_strcmp((a), (b)) == 0)"]
    for (kind, *key), val in facts.items():
        if kind in ("macro", "enum"):
            name = key[0]
            v, t = val
            lines.append(f'_Static_assert(({name}) == {v}LL, "{kind} {name}: lksctp\'s value is {v}");')
            lines.append(f'_Static_assert(_Generic(({name}), {t}: 1, default: 0), '
                         f'"{kind} {name}: lksctp\'s type is {t}");')
    for tag, members in structs.items():
        size, align = facts[("struct", tag)]
        lines.append(f'_Static_assert(sizeof(struct {tag}) == {size} && _Alignof(struct {tag}) == {align}, '
                     f'"struct {tag}: lksctp\'s size is {size}, alignment {align}");')
        for typ, mem in members:
            off, msize = facts[("member", tag, mem)]
            lines.append(f'_Static_assert(offsetof(struct {tag}, {mem}) == {off} && '
                         f'sizeof(((struct {tag} *)0)->{mem}) == {msize}, '
                         f'"struct {tag}.{mem}: lksctp\'s offset is {off}, size {msize}");')
            lines.append(f'_Static_assert(__builtin_types_compatible_p(__typeof__(((struct {tag} *)0)->{mem}), '
                         f'{typ}), "struct {tag}.{mem}: lksctp\'s type is {typ}");')
    return compile_c("\n".join(lines) + "\nint main(void) { return 0; }\n", inc, work, "values")


def probe_protos(parsed, inc, work):
    """Each prototype is declared by ours, then lksctp's is repeated: a different type is an error."""
    protos = parsed[3]
    lines = ["#include <netinet/sctp.h>"]
    lines += [f"static __typeof__({f}) *const declared_{f} = {f};" for f in protos]
    lines += list(protos.values())
    lines.append("int main(void) {")
    lines += [f"\t(void)declared_{f};" for f in protos]
    lines.append("\treturn 0;\n}")
    return compile_c("\n".join(lines) + "\n", inc, work, "protos")


def run_checks(parsed, lk_macros, facts, inc, work):
    """{check name: failure text or None}."""
    bad = check_macros(parsed, lk_macros, inc)
    res = {"macros": "; ".join(bad) or None}
    ok, err = probe_values(parsed, facts, inc, work)
    res["values"] = None if ok else err
    ok, err = probe_protos(parsed, inc, work)
    res["protos"] = None if ok else err
    return res


def main():
    lk_header, inc = sys.argv[1], sys.argv[2]
    lk_inc = os.path.dirname(os.path.dirname(os.path.abspath(lk_header)))
    parsed = parse(lk_header)
    macros, structs, enums, protos = parsed
    work = tempfile.mkdtemp()
    try:
        lk_macros = defined_macros(lk_inc)
        facts = lksctp_facts(lk_inc, parsed, lk_macros, work)
        # The probes must pass on lksctp's own header, or they test nothing real.
        lk_res = run_checks(parsed, lk_macros, facts, lk_inc, work)
        res = run_checks(parsed, lk_macros, facts, inc, work)
        nmembers = sum(len(m) for m in structs.values())
        nhave = len([m for m in lk_macros if m.startswith("HAVE_")])
        what = {
            "macros": f"its {len(macros)} macros are defined by ours, the {nhave} HAVE_* feature macros "
                      "are the same set, and each is empty where lksctp's is",
            "values": f"its {len(facts) - len(structs) - nmembers} macro and enum constant values and types, "
                      f"and its {len(structs)} structs' size, alignment and {nmembers} members' types, "
                      "offsets and sizes, are ours",
            "protos": f"its {len(protos)} prototypes are declared by ours with the same types",
        }
        failed = 0
        for k, text in what.items():
            if lk_res[k]:
                print(f"not ok - {PREFIX}: the probe fails on lksctp's own header ({k}):")
                print("\n".join("#   " + l for l in lk_res[k].splitlines()[:15]))
                failed = 1
            elif res[k]:
                print(f"not ok - {PREFIX}: not all of them: {text}:")
                print("\n".join("#   " + l for l in res[k].splitlines()[:15]))
                failed = 1
            else:
                print(f"ok - {PREFIX}: {text}")
        # Broken copies of ours: each check must catch its breakage.
        for k, (old, new) in {"macros": ("#define HAVE_SCTP_SENDV 1", ""),
                              "protos": ("int sctp_bindx(int sd, struct sockaddr *addrs, int addrcnt, int flags);",
                                         "int sctp_bindx(int sd, struct sockaddr *addrs, int addrcnt, unsigned flags);"),
                              "values": ("struct sctp_prinfo sendv_prinfo;", "struct sctp_authinfo sendv_prinfo;")
                              }.items():
            broken = os.path.join(work, "broken", k)
            os.makedirs(os.path.join(broken, "netinet"))
            text = open(os.path.join(inc, "netinet", "sctp.h")).read()
            if old not in text:
                print(f"not ok - {PREFIX}: the {k} self-test no longer finds '{old}' in our header")
                failed = 1
                continue
            with open(os.path.join(broken, "netinet", "sctp.h"), "w") as f:
                f.write(text.replace(old, new))
            if run_checks(parsed, lk_macros, facts, broken, work)[k]:
                print(f"ok - {PREFIX}: the {k} check fails on our header with '{old}' made '{new}'")
            else:
                print(f"not ok - {PREFIX}: the {k} check passes on our header with '{old}' made '{new}'")
                failed = 1
        return failed
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    sys.exit(main())
