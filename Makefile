# libsctp in Rust: build, check and install.
#
#   make            libsctp.so.1 and libsctp.a in target/lib
#   make demo       the user's echo client against an echo server, on a real kernel SCTP
#   make check      cargo test, header and ABI checks, the C suite on a real kernel SCTP
#   make install    PREFIX=/usr/local LIBDIR=$(PREFIX)/lib DESTDIR=
#   make header     regenerate include/netinet/sctp.h after changing exported items
#   make deb        a .deb replacing Debian's libsctp1 and libsctp-dev (see the end)

VERSION    := 1.0.19
PREFIX     ?= /usr/local
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR     ?= $(PREFIX)/share/man
DESTDIR    ?=
CC         ?= gcc
CARGO      ?= cargo
LD         ?= ld

OUT        := target/lib
SONAME     := libsctp.so.1
REALNAME   := libsctp.so.$(VERSION)
STATICLIB  := target/release/libsctp.a
GENHEADER  := target/include/netinet/sctp.h
# The library's code is everything these reach (the sctp_connectx versions
# are bound to their symbol versions in src/connectx.rs) ...
ROOTS      := sctp_bindx sctp_connectx_base sctp_connectx_v1 sctp_connectx_v2 sctp_connectx_v3 \
              sctp_freeladdrs sctp_freepaddrs sctp_getaddrlen sctp_getladdrs sctp_getpaddrs \
              sctp_opt_info sctp_peeloff sctp_peeloff_flags sctp_recvmsg sctp_recvv sctp_send \
              sctp_sendmsg sctp_sendv
# ... and these are its only global symbols (libsctp.map versions them in the .so).
PUBLIC     := sctp_bindx sctp_connectx@ sctp_connectx@VERS_1 sctp_connectx@VERS_2 sctp_connectx@@VERS_3 \
              sctp_freeladdrs sctp_freepaddrs sctp_getaddrlen sctp_getladdrs sctp_getpaddrs \
              sctp_opt_info sctp_peeloff sctp_peeloff_flags sctp_recvmsg sctp_recvv sctp_send \
              sctp_sendmsg sctp_sendv
SOURCES    := $(wildcard src/*.rs) Cargo.toml build.rs cbindgen.toml


.PHONY: all lib header deps check check-header check-abi check-c check-install test-rust demo install uninstall clean

all: lib

lib: $(OUT)/$(REALNAME) $(OUT)/libsctp.a

$(STATICLIB) $(GENHEADER): $(SOURCES)
	$(CARGO) build --release --locked
	@touch $(STATICLIB) $(GENHEADER)

# One relocatable object holds the library: the Rust staticlib cut down to
# what the exports reach, debug info and embedded bitcode dropped, every
# symbol but the exports made local. libsctp.a is that object alone, so a
# static link needs nothing else; libsctp.so.1 is linked from it with
# lksctp's version script (rustc would give a cdylib its own), which gives
# exactly lksctp's symbol table.
$(OUT)/sctp.o: $(STATICLIB)
	@mkdir -p $(OUT)
	$(LD) -r --gc-sections $(addprefix -u ,$(ROOTS)) -o $@.all --whole-archive $(STATICLIB)
	objcopy --strip-debug --remove-section=.llvmbc --remove-section=.llvmcmd \
		$(addprefix --keep-global-symbol=,$(PUBLIC)) $@.all $@
	rm -f $@.all

$(OUT)/$(REALNAME): $(OUT)/sctp.o libsctp.map
	$(CC) -shared -o $@ -Wl,-soname,$(SONAME) -Wl,--version-script=libsctp.map \
		-Wl,--gc-sections -Wl,-z,relro,-z,now -Wl,--as-needed $(OUT)/sctp.o
	strip --strip-unneeded $@
	ln -sf $(REALNAME) $(OUT)/$(SONAME)
	ln -sf $(SONAME) $(OUT)/libsctp.so

$(OUT)/libsctp.a: $(OUT)/sctp.o
	rm -f $@
	ar rcs $@ $(OUT)/sctp.o

header: $(GENHEADER)
	cp $(GENHEADER) include/netinet/sctp.h

# Each step prints ok/not ok lines; check-all.sh adds them up.
CHECK_STEPS := test-rust check-header check-abi check-c check-install check-compat check-substitution \
	       check-programs check-static check-cxx man-check deb-check pysctp-check

check: deps lib
	c-tests/check-all.sh $(CHECK_STEPS)

# The Debian packages the checks use: installed if missing (as root with
# apt), or named in one line.
deps:
	c-tests/deps.sh

test-rust:
	$(CARGO) test --release --locked

check-header: $(GENHEADER) lib
	@cmp -s $(GENHEADER) include/netinet/sctp.h || \
		{ echo "include/netinet/sctp.h is stale: run 'make header' and commit it"; \
		  diff -u include/netinet/sctp.h $(GENHEADER) | head -40; exit 1; }
	c-tests/header-check.sh include $(OUT)

check-abi: $(OUT)/$(REALNAME)
	c-tests/abi-check.sh $(OUT)/$(REALNAME)

check-c: lib
	c-tests/run-suite.sh

check-install: lib
	c-tests/install-check.sh

demo: lib
	c-tests/deps.sh demo
	c-tests/demo.sh

# Installing into the live system (no DESTDIR) as root refreshes ld.so's
# cache: without it, programs keep loading another libsctp.so.1 that the
# cache knows (Debian's, in /usr/lib/<triplet>) or none at all, since
# /usr/local/lib is searched only through the cache.
LDCONFIG_LIVE = @if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v ldconfig >/dev/null; then ldconfig; fi

install: lib
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/netinet $(DESTDIR)$(LIBDIR)/pkgconfig
	install -m 755 $(OUT)/$(REALNAME) $(DESTDIR)$(LIBDIR)/$(REALNAME)
	ln -sf $(REALNAME) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libsctp.so
	install -m 644 $(OUT)/libsctp.a $(DESTDIR)$(LIBDIR)/libsctp.a
	install -m 644 include/netinet/sctp.h $(DESTDIR)$(INCLUDEDIR)/netinet/sctp.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
		-e 's|@VERSION@|$(VERSION)|' libsctp.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/libsctp.pc
	if [ -d man ]; then install -d $(DESTDIR)$(MANDIR)/man3 && install -m 644 man/*.3 $(DESTDIR)$(MANDIR)/man3/; fi
	$(LDCONFIG_LIVE)

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/$(REALNAME) $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libsctp.so \
		$(DESTDIR)$(LIBDIR)/libsctp.a $(DESTDIR)$(INCLUDEDIR)/netinet/sctp.h \
		$(DESTDIR)$(LIBDIR)/pkgconfig/libsctp.pc
	if [ -d man ]; then for m in man/*.3; do rm -f $(DESTDIR)$(MANDIR)/man3/$${m#man/}; done; fi
	$(LDCONFIG_LIVE)

clean:
	$(CARGO) clean

# ---- issue 5: benchmarks ----
# make bench: our library beside lksctp's libsctp.so.1 and hand-written
# system calls, on a real kernel SCTP (User-Mode Linux where the host has
# none): instructions per call, message rate, heap allocations, and
# sctp_getladdrs at 10,000 addresses. Not part of `make check`; a few
# minutes. Tables in target/bench/report.md; see BENCHMARKS.md.
.PHONY: bench
bench: lib
	CC=$(CC) bench/bench.sh
# ---- end issue 5 ----

# ---- issue 6: packaging ----
# make man-check     each man page (man/*.3) renders with `man -l` without a warning
# make deb           target/deb/libsctp-rs_$(VERSION)-$(DEB_REVISION)_<arch>.deb, with dpkg-deb:
#                    Debian's libsctp1 + libsctp-dev in one package that replaces them
# make deb-check     the .deb's fields and contents; lksctp-tools' programs on it on a real
#                    kernel SCTP; dpkg -i / apt-get install into a throwaway overlay of /
# make pysctp-check  pysctp from PyPI built from source against `make install`'s copy, and
#                    a Python exchange over loopback on a real kernel SCTP
# make packaging-check  all three checks
DEB_REVISION ?= 1
.PHONY: man-check deb deb-check pysctp-check packaging-check
man-check:
	packaging/check-man.sh
deb: lib
	VERSION=$(VERSION) DEB_REVISION=$(DEB_REVISION) MAKE="$(MAKE)" packaging/build-deb.sh
deb-check: deb
	VERSION=$(VERSION) packaging/deb-check.sh target/deb/libsctp-rs_$(VERSION)-$(DEB_REVISION)_$$(dpkg --print-architecture).deb
pysctp-check: lib
	MAKE="$(MAKE)" CC=$(CC) packaging/pysctp-check.sh
packaging-check: man-check deb-check pysctp-check
# ---- end issue 6 ----

# ---- issue 3: drop-in proof ----
# Each prints ok/not ok lines (c-tests/check-all.sh adds them up) and runs
# its programs in one boot of a kernel with SCTP (c-tests/kernel-run.sh).
# make check-compat        the C suite built against ours and against lksctp's
#                          (libsctp-dev), both run, compared check by check: only
#                          [fix] checks may differ; docs/COMPAT.md lists each
# make compat-doc          the same, rewriting docs/COMPAT.md's generated table
# make check-substitution  the suite built against lksctp, run with our libsctp.so.1
#                          by LD_PRELOAD and by LD_LIBRARY_PATH: every sctp_* symbol
#                          (all three sctp_connectx versions) binds to ours, all pass
# make check-programs      sctp_test, sctp_darn, checksctp (lksctp-tools) and iperf3
#                          --sctp over loopback with ours substituted both ways
# make check-static        gcc -static a.c -lsctp against our libsctp.a, run
# make check-cxx           every c-tests/t_*.c compiles as C++ and links
# make check-dropin        all five
.PHONY: check-compat compat-doc check-substitution check-programs check-static check-cxx check-dropin
check-compat: lib
	c-tests/compat.sh
compat-doc: lib
	c-tests/compat.sh --update-doc
check-substitution: lib
	c-tests/substitution.sh
check-programs: lib
	c-tests/real-programs.sh
check-static: lib
	c-tests/static-link.sh
check-cxx: lib
	c-tests/cxx-check.sh
check-dropin: check-compat check-substitution check-programs check-static check-cxx
# ---- end issue 3 ----

# ---- issue 4: bad input, sanitizers, fuzzing ----
# Steps of `make check` (c-tests/check-all.sh adds up their ok/not ok lines):
# make check-sanitize      the C suite built with -fsanitize=address,undefined, run in one
#                          boot of Debian's kernel under QEMU (UML's 39-bit address space
#                          cannot hold ASan's shadow memory): c-tests/sanitize.sh
# make check-valgrind      the C suite under valgrind memcheck, errors and leaks fail, in
#                          one UML boot: c-tests/valgrind.sh
# make check-boundary      Rust's side of the C boundary: every unsafe block has a SAFETY
#                          comment (clippy::undocumented_unsafe_blocks); panics abort and
#                          cannot unwind into C (the panic handler calls abort(), the .so
#                          imports no unwinder and has no landing pads); and the library
#                          has no writable state beyond the C runtime's
# make check-fuzz-corpus   the committed corpus (fuzz/corpus) through the fuzz targets
# Not part of check:
# make fuzz                each fuzz target for FUZZ_SECONDS (default 60) under cargo fuzz,
#                          then the corpus under valgrind: fuzz/run.sh
CHECK_STEPS += check-sanitize check-valgrind check-boundary check-fuzz-corpus
FUZZ_TARGETS := packed_walk cmsg_build cmsg_parse
.PHONY: check-sanitize check-valgrind check-boundary check-fuzz-corpus fuzz
check-sanitize: lib
	c-tests/sanitize.sh
check-valgrind: lib
	c-tests/valgrind.sh
check-boundary: lib
	c-tests/boundary-check.sh
check-fuzz-corpus:
	@$(CARGO) build --release --locked --quiet --manifest-path fuzz/Cargo.toml
	@for t in $(FUZZ_TARGETS); do \
		if fuzz/target/release/$$t --seconds 0; \
		then echo "ok - fuzz corpus: $$t: $$(ls fuzz/corpus/$$t | wc -l) inputs, every check holds"; \
		else echo "not ok - fuzz corpus: $$t"; fi; \
	done
fuzz:
	fuzz/run.sh $(FUZZ_TARGETS)
# ---- end issue 4 ----
