# libsctp in Rust. Each target that runs a script runs tools/TARGET.sh.
#
#   make            libsctp.so.1 and libsctp.a in target/lib; libwithsctp.so.1 and
#                   target/bin/withsctp (make withsctp)
#   make TARGET=T   the same for the Rust target T, in target/T/lib (tools/arch.sh --list)
#   make demo       the user's echo client against an echo server, on a real kernel SCTP
#   make check      every check (CHECK_STEPS below), on a real kernel SCTP; one total line
#   make install    PREFIX=/usr/local LIBDIR=$(PREFIX)/lib BINDIR=$(PREFIX)/bin DESTDIR=
#   make deb        libsctp1-rs, libsctp-rs-dev and withsctp .debs, replacing Debian's
#                   libsctp1, libsctp-dev and lksctp-tools' withsctp
#   make bench      instructions per call, message rate, allocations (BENCHMARKS.md)
#   make fuzz       each fuzz target for FUZZ_SECONDS (fuzz/README.md)
#   make header     regenerate include/netinet/sctp.h after changing exported items

VERSION    := 1.0.19
# TARGET: a Rust target triple (a row of tools/arch.sh), or empty for the
# host. It chooses the Cargo target, the C compiler and binutils, the output
# folder and the multiarch libdir that install and the .deb use.
TARGET     ?=
PREFIX     ?= /usr/local
ifeq ($(TARGET),)
LIBDIR     ?= $(PREFIX)/lib
else
LIBDIR     ?= $(PREFIX)/lib/$(shell tools/arch.sh $(TARGET) multiarch)
endif
INCLUDEDIR ?= $(PREFIX)/include
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
DESTDIR    ?=
CARGO      ?= cargo
DEB_REVISION ?= 1
# DEB_TOOLS=no: make deb builds the library's two packages, not withsctp's.
DEB_TOOLS  ?= yes

ifeq ($(TARGET),)
CC         ?= gcc
CROSS      :=
OUT        := target/lib
STATICLIB  := target/release/libsctp.a
WSTATIC    := target/release/libwithsctp.a
CARGO_BUILD := $(CARGO) build --release --locked
else
CC         := $(shell tools/arch.sh $(TARGET) cc)
CROSS      := $(shell tools/arch.sh $(TARGET) cross)
OUT        := target/$(TARGET)/lib
STATICLIB  := target/$(TARGET)/release/libsctp.a
WSTATIC    := target/$(TARGET)/release/libwithsctp.a
CARGO_BUILD := $(CARGO) build --release --locked --target $(TARGET)
endif
LD         := $(CROSS)ld
OBJCOPY    := $(CROSS)objcopy
STRIP      := $(CROSS)strip
AR         := $(CROSS)ar
SONAME     := libsctp.so.1
REALNAME   := libsctp.so.$(VERSION)
GENHEADER  := target/include/netinet/sctp.h
SOURCES    := $(wildcard src/*.rs) Cargo.toml build.rs cbindgen.toml

.PHONY: all lib withsctp header deps demo clean FORCE

# ---- build ----

all: lib withsctp

lib: $(OUT)/$(REALNAME) $(OUT)/libsctp.a

$(STATICLIB) $(GENHEADER): $(SOURCES)
	$(CARGO_BUILD)
	@touch $(STATICLIB) $(GENHEADER)

# One relocatable object holds the library: what the exported functions
# reach in the Rust staticlib. The roots are every sctp_* function it
# defines, the internal names of the sctp_connectx versions included
# (section and name are readelf's last fields: ppc64el adds a column). Only
# the archive members they need are linked, not --whole-archive, which on
# aarch64 would bring compiler-builtins' CPU-feature constructor and its
# state. Debug info and embedded bitcode are dropped, and every symbol but
# the exports (libsctp.map, through tools/exports.sh) made local. libsctp.a
# is that object alone, so a static link needs nothing else; libsctp.so.1
# is linked from it with lksctp's version script (rustc would give a cdylib
# its own), which gives exactly lksctp's symbol table.
# riscv64's ld (binutils 2.40) cannot read the .eh_frame that its own
# ld -r --gc-sections leaves: it is garbage-collected in the final link only.
LD_R_GC    := $(if $(findstring riscv,$(TARGET)),,--gc-sections)
$(OUT)/sctp.o: $(STATICLIB) libsctp.map tools/exports.sh
	@mkdir -p $(OUT)
	roots=$$(readelf -sW $(STATICLIB) | awk '$$4 == "FUNC" && $$5 == "GLOBAL" && $$(NF-1) != "UND" && $$NF ~ /^sctp_[a-z0-9_]*$$/ { print "-u", $$NF }' | sort -u); \
	$(LD) -r $(LD_R_GC) $$roots -o $@.all $(STATICLIB)
	$(OBJCOPY) --strip-debug --remove-section=.llvmbc --remove-section=.llvmcmd \
		$$(tools/exports.sh keep | sed 's/^/--keep-global-symbol=/') $@.all $@
	rm -f $@.all

$(OUT)/$(REALNAME): $(OUT)/sctp.o libsctp.map
	$(CC) -shared -o $@ -Wl,-soname,$(SONAME) -Wl,--version-script=libsctp.map \
		-Wl,--gc-sections -Wl,-z,relro,-z,now -Wl,--as-needed $(OUT)/sctp.o
	$(STRIP) --strip-unneeded $@
	ln -sf $(REALNAME) $(OUT)/$(SONAME)
	ln -sf $(SONAME) $(OUT)/libsctp.so

$(OUT)/libsctp.a: $(OUT)/sctp.o
	rm -f $@
	$(AR) rcs $@ $(OUT)/sctp.o

# withsctp (withsctp/): the preload library and the command. cargo runs
# every time, as it is what knows whether anything changed: the command
# has LIBDIR and its path from BINDIR built in (WITHSCTP_LIB,
# WITHSCTP_RELLIB), so a make with another PREFIX rebuilds it. The library
# is linked as libsctp.so.1 is: one object of what the interposed calls
# (withsctp/libwithsctp.map) reach in the static library, every other
# symbol local (libsctp's sctp_bindx among them), then a version script.
WITHSCTP   := $(OUT)/libwithsctp.so.1 $(dir $(OUT))bin/withsctp
WSYMS       = $(shell sed -n 's/^[[:space:]]*\([a-z_]*\);$$/\1/p' withsctp/libwithsctp.map)
withsctp: $(WITHSCTP)

# The command is a Rust binary: for another TARGET, cargo links it with
# that target's C compiler.
WLINKER    := $(if $(TARGET),CARGO_TARGET_$(shell echo $(TARGET) | tr a-z- A-Z_)_LINKER=$(CC))
$(WSTATIC): FORCE
	WITHSCTP_LIB=$(LIBDIR)/libwithsctp.so.1 WITHSCTP_RELLIB=$$(realpath -m --relative-to=$(BINDIR) $(LIBDIR)) \
		$(WLINKER) $(CARGO_BUILD) -p withsctp

$(OUT)/libwithsctp.so.1: $(WSTATIC) withsctp/libwithsctp.map
	@mkdir -p $(OUT)
	$(LD) -r $(LD_R_GC) $(addprefix -u ,$(WSYMS)) -o $(OUT)/withsctp.o.all $(WSTATIC)
	$(OBJCOPY) --strip-debug --remove-section=.llvmbc --remove-section=.llvmcmd \
		$(addprefix --keep-global-symbol=,$(WSYMS)) $(OUT)/withsctp.o.all $(OUT)/withsctp.o
	rm -f $(OUT)/withsctp.o.all
	$(CC) -shared -o $@ -Wl,-soname,libwithsctp.so.1 -Wl,--version-script=withsctp/libwithsctp.map \
		-Wl,--gc-sections -Wl,-z,relro,-z,now -Wl,--as-needed $(OUT)/withsctp.o
	$(STRIP) --strip-unneeded $@

# cargo relinks the command alone when only LIBDIR changed: the copy
# follows the binary, not the static library.
$(dir $(OUT))bin/withsctp: $(WSTATIC) FORCE
	@mkdir -p $(@D)
	cmp -s $(dir $(WSTATIC))withsctp $@ || cp $(dir $(WSTATIC))withsctp $@

header: $(GENHEADER)
	cp $(GENHEADER) include/netinet/sctp.h

# The Debian packages the checks use: installed if missing (as root with
# apt), or named in one line (tools/deps.sh).
deps:
	tools/deps.sh check

demo: lib
	tools/deps.sh demo
	tools/demo.sh

clean:
	$(CARGO) clean

# ---- check ----
# Each step prints ok/not ok lines; tools/check-all.sh adds them up, and
# counts the kernel boots (tools/kernel-run.sh).

ARCH_STEPS := check-arch-arm64 check-arch-armhf check-arch-i386 check-arch-s390x check-arch-ppc64el \
	      check-arch-riscv64
CHECK_STEPS := test-rust check-rust-api check-header check-abi check-c check-install check-compat check-substitution \
	       check-programs check-static check-cxx check-man check-deb check-pysctp check-sanitize \
	       check-valgrind check-boundary check-fuzz-corpus check-withsctp \
	       $(ARCH_STEPS) check-musl

.PHONY: check $(CHECK_STEPS) compat-doc check-arch

check: deps lib
	tools/check-all.sh $(CHECK_STEPS)

# Cargo's test runner is the kernel runner: the Rust tests (the library's
# and the safe API's, sctp-socket) run on a real kernel SCTP, as the C
# suite does.
test-rust:
	CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER=$(CURDIR)/tools/kernel-run.sh $(CARGO) test --release --locked --workspace --all-features

# The committed header is what cbindgen generates now; then it compiles in
# every include order, and has every name of lksctp's.
check-header: $(GENHEADER) lib
	@cmp -s $(GENHEADER) include/netinet/sctp.h || \
		{ echo "not ok - header-check: include/netinet/sctp.h is stale: run 'make header' and commit it"; \
		  diff -u include/netinet/sctp.h $(GENHEADER) | head -40; exit 1; }
	tools/check-header.sh include $(OUT)

check-abi: $(OUT)/$(REALNAME)
	tools/check-abi.sh $(OUT)/$(REALNAME) $(or $(TARGET),host)

check-boundary: lib
	tools/check-boundary.sh $(OUT) $(or $(TARGET),host)

check-c check-install check-compat check-substitution check-programs check-static check-cxx \
check-sanitize check-valgrind check-rust-api: lib
	tools/$@.sh

check-man:
	tools/check-man.sh

check-withsctp: lib withsctp
	MAKE="$(MAKE)" CC=$(CC) tools/check-withsctp.sh

# This host's three packages, and the library and -dev packages of the
# other architectures with a kernel: each installed into an empty root
# with dpkg --force-architecture, and run on its architecture's own kernel.
DEB_ARCHS  := arm64 armhf i386 s390x ppc64el
check-deb: deb
	@for a in $(DEB_ARCHS); do $(MAKE) --no-print-directory -s TARGET=$$(tools/arch.sh $$a triple) DEB_TOOLS=no deb > /dev/null || exit 1; done
	rc=0; for a in $$(dpkg --print-architecture) $(DEB_ARCHS); do \
		VERSION=$(VERSION) DEB_REVISION=$(DEB_REVISION) tools/check-deb.sh $$a || rc=1; \
	done; exit $$rc

check-pysctp: lib
	MAKE="$(MAKE)" CC=$(CC) tools/check-pysctp.sh

check-fuzz-corpus:
	tools/check-fuzz-corpus.sh

# ARCH: a glibc row of tools/arch.sh (arm64, armhf, i386, s390x, ppc64el,
# riscv64); tools/check-arch.sh says what runs.
check-arch:
	@[ -n "$(ARCH)" ] || { echo "usage: make check-arch ARCH=arm64|armhf|i386|s390x|ppc64el|riscv64" >&2; exit 2; }
	@tools/deps.sh arch-$(ARCH)
	$(MAKE) --no-print-directory TARGET=$$(tools/arch.sh $(ARCH) triple) lib
	tools/check-arch.sh $(ARCH)

# A static pattern rule: make looks for no implicit rule for a phony target.
$(ARCH_STEPS): check-arch-%:
	$(MAKE) --no-print-directory check-arch ARCH=$*

# musl-amd64 on UML, musl-arm64 on arm64's kernel.
check-musl:
	@tools/deps.sh arch-musl-amd64 arch-musl-arm64
	rc=0; for p in musl-amd64 musl-arm64; do \
		$(MAKE) --no-print-directory TARGET=$$(tools/arch.sh $$p triple) lib && tools/check-musl.sh $$p || rc=1; \
	done; exit $$rc

# check-compat, rewriting docs/COMPAT.md's generated table from this run.
compat-doc: lib
	tools/check-compat.sh --update-doc

# ---- install ----

.PHONY: install uninstall

# Installing into the live system (no DESTDIR) as root refreshes ld.so's
# cache: without it, programs keep loading another libsctp.so.1 that the
# cache knows (Debian's, in /usr/lib/<triplet>) or none at all, since
# /usr/local/lib is searched only through the cache.
LDCONFIG_LIVE = @if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v ldconfig >/dev/null; then ldconfig; fi

install: lib withsctp
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/netinet $(DESTDIR)$(LIBDIR)/pkgconfig
	install -m 755 $(OUT)/$(REALNAME) $(DESTDIR)$(LIBDIR)/$(REALNAME)
	ln -sf $(REALNAME) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libsctp.so
	install -m 644 $(OUT)/libsctp.a $(DESTDIR)$(LIBDIR)/libsctp.a
	install -m 644 include/netinet/sctp.h $(DESTDIR)$(INCLUDEDIR)/netinet/sctp.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
		-e 's|@VERSION@|$(VERSION)|' libsctp.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/libsctp.pc
	if [ -d man ]; then install -d $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man7 && \
		install -m 644 man/*.3 $(DESTDIR)$(MANDIR)/man3/ && install -m 644 man/*.7 $(DESTDIR)$(MANDIR)/man7/; fi
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(dir $(OUT))bin/withsctp $(DESTDIR)$(BINDIR)/withsctp
	install -m 644 $(OUT)/libwithsctp.so.1 $(DESTDIR)$(LIBDIR)/libwithsctp.so.1
	install -m 644 man/withsctp.1 $(DESTDIR)$(MANDIR)/man1/withsctp.1
	$(LDCONFIG_LIVE)

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/$(REALNAME) $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libsctp.so \
		$(DESTDIR)$(LIBDIR)/libsctp.a $(DESTDIR)$(INCLUDEDIR)/netinet/sctp.h \
		$(DESTDIR)$(LIBDIR)/pkgconfig/libsctp.pc
	if [ -d man ]; then for m in man/*.3; do rm -f $(DESTDIR)$(MANDIR)/man3/$${m#man/}; done; \
		for m in man/*.7; do rm -f $(DESTDIR)$(MANDIR)/man7/$${m#man/}; done; fi
	rm -f $(DESTDIR)$(BINDIR)/withsctp $(DESTDIR)$(LIBDIR)/libwithsctp.so.1 $(DESTDIR)$(MANDIR)/man1/withsctp.1
	$(LDCONFIG_LIVE)

# ---- package ----

.PHONY: deb

# target/deb/{libsctp1-rs,libsctp-rs-dev,withsctp}_$(VERSION)-$(DEB_REVISION)_<arch>.deb:
# split as Debian's libsctp1, libsctp-dev and (withsctp) lksctp-tools;
# TARGET=<triple> for <arch>.
deb: lib
	VERSION=$(VERSION) DEB_REVISION=$(DEB_REVISION) MAKE="$(MAKE)" TARGET=$(TARGET) DEB_TOOLS=$(DEB_TOOLS) tools/deb.sh

# ---- bench ----

.PHONY: bench

# Ours beside lksctp's libsctp.so.1 and hand-written system calls, on a real
# kernel SCTP: a few minutes; tables in target/bench/report.md.
bench: lib
	CC=$(CC) tools/bench.sh

# ---- fuzz ----

.PHONY: fuzz

fuzz:
	tools/fuzz.sh
