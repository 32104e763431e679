# mgc -- plain GNU make.  See README.md.
#
#   make                      build $(O)/mgc
#   make check                run every test (tests/run.sh)
#   make check SANITIZE=address,undefined O=build-asan
#   make check-valgrind       the suite with every mgc run under valgrind
#   make install PREFIX=/usr/local DESTDIR=
#   DEVELOPER=1               turn warnings into errors

O         ?= build
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share
MANDIR    ?= $(DATADIR)/man
STDLIBDIR ?= $(DATADIR)/mgc/stdlib

CC        ?= cc
BISON     ?= bison
FLEX      ?= flex
PKG_CONFIG ?= pkg-config

STD       = -std=c11 -D_POSIX_C_SOURCE=200809L
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wwrite-strings -Wformat=2 -Wundef -Wvla -Wcast-qual \
            -Wdeclaration-after-statement -Wold-style-definition
# generated code is not ours to fix; keep -Wall but drop the pedantic ones
WARN_GEN  = -Wall -Wno-unused-function -Wno-sign-compare -Wno-unused-but-set-variable
CFLAGS   ?= -O2 -g
ifneq ($(DEVELOPER),)
WARN     += -Werror
endif
ifneq ($(SANITIZE),)
CFLAGS   += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS  += -fsanitize=$(SANITIZE)
endif

DEPS_CFLAGS := $(shell $(PKG_CONFIG) --cflags jansson yaml-0.1 2>/dev/null)
DEPS_LIBS   := $(shell $(PKG_CONFIG) --libs jansson yaml-0.1 2>/dev/null || echo -ljansson -lyaml)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)

INC        = -I$(O)/grammar -Igrammar -Icompiler -Ibackends
ALL_CFLAGS = $(STD) $(INC) $(DEPS_CFLAGS) $(CFLAGS) -MMD -MP \
             -DMGC_STDLIB_DIR='"$(STDLIBDIR)"'

COMPILER_SRC = $(sort $(wildcard compiler/*.c compiler/analyze/*.c))
BACKEND_SRC  = $(sort $(wildcard backends/*.c))
GRAMMAR_SRC  = grammar/parse.c
GEN_SRC      = $(O)/grammar/parser.c $(O)/grammar/lexer.c

LIB_OBJ = $(patsubst %.c,$(O)/%.o,$(filter-out compiler/main.c,$(COMPILER_SRC)) $(BACKEND_SRC) $(GRAMMAR_SRC)) \
          $(GEN_SRC:.c=.o)
MAIN_OBJ = $(O)/compiler/main.o

UNIT_SRC  = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  = $(patsubst tests/unit/%.c,$(O)/tests/%,$(UNIT_SRC))

.PHONY: all check check-unit check-valgrind install clean bench fuzz
all: $(O)/mgc

$(O)/mgc: $(MAIN_OBJ) $(O)/libmgc.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(DEPS_LIBS)

$(O)/libmgc.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(O)/grammar/parser.c $(O)/grammar/parser.h: grammar/parser.y
	@mkdir -p $(@D)
	$(BISON) -Wall -Werror --defines=$(O)/grammar/parser.h -o $(O)/grammar/parser.c $<

$(O)/grammar/lexer.c $(O)/grammar/lexer.h: grammar/lexer.l
	@mkdir -p $(@D)
	$(FLEX) --header-file=$(O)/grammar/lexer.h -o $(O)/grammar/lexer.c $<

$(O)/grammar/parser.o: $(O)/grammar/parser.c $(O)/grammar/lexer.h
	$(CC) $(STD) $(INC) $(DEPS_CFLAGS) $(CFLAGS) $(WARN_GEN) -c -o $@ $<

$(O)/grammar/lexer.o: $(O)/grammar/lexer.c $(O)/grammar/parser.h
	$(CC) $(STD) $(INC) $(DEPS_CFLAGS) $(CFLAGS) $(WARN_GEN) -c -o $@ $<

$(O)/%.o: %.c | $(O)/grammar/parser.h $(O)/grammar/lexer.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(WARN) -c -o $@ $<

$(O)/tests/%: tests/unit/%.c $(O)/libmgc.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(WARN) -Wno-missing-prototypes $(LDFLAGS) -o $@ $< $(O)/libmgc.a $(DEPS_LIBS) $(CMOCKA_LIBS)

check-unit: $(UNIT_BIN)

check: $(O)/mgc $(UNIT_BIN)
	MGC=$(abspath $(O)/mgc) O=$(O) sh tests/run.sh

# Under valgrind every mgc run takes about a second, so this runs the
# suites that exercise the compiler itself (unit, errors corpus, CLI,
# goldens of every target, fuzz regressions, hostile input); the
# namespace, install and conversion suites run under ASan only.
VALGRIND_SUITES ?= 00-unit 10-errors 15-cli 20-golden 60-fuzz-regressions 65-hostile
check-valgrind: $(O)/mgc $(UNIT_BIN)
	MGC_VALGRIND=1 MGC=$(abspath $(O)/mgc) O=$(O) sh tests/run.sh $(VALGRIND_SUITES)

COMPLETIONDIR ?= $(DATADIR)/bash-completion/completions

install: $(O)/mgc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(STDLIBDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(COMPLETIONDIR)
	install -m 755 $(O)/mgc $(DESTDIR)$(BINDIR)/mgc
	install -m 644 stdlib/*.mg $(DESTDIR)$(STDLIBDIR)/
	install -m 644 doc/mgc.1 $(DESTDIR)$(MANDIR)/man1/mgc.1
	install -m 644 doc/mgc.bash-completion $(DESTDIR)$(COMPLETIONDIR)/mgc

# Generated policies of 1k, 10k and 100k rules and 10k routes: parse,
# check, analysis and emit times and peak memory (bench/README.md).
bench: $(O)/mgc $(O)/libmgc.a
	O=$(O) sh bench/run.sh

# The README's picture: examples/spec-deploy.mg drawn by mgc -t dot and
# rendered with dot -Tsvg (not part of `all`: building needs no
# graphviz; make check fails when the picture is stale).
.PHONY: doc
doc: doc/spec-deploy.svg
doc/spec-deploy.svg: $(O)/mgc examples/spec-deploy.mg doc/render.sh backends/dot.c
	MGC=$(O)/mgc sh doc/render.sh

# libFuzzer target (clang): the front end and every backend.
FUZZ_O = build-fuzz
fuzz:
	$(MAKE) O=$(FUZZ_O) CC=clang SANITIZE=address,undefined \
		CFLAGS='-O1 -g -fsanitize=fuzzer-no-link' $(FUZZ_O)/libmgc.a
	clang $(STD) $(INC:$(O)/%=$(FUZZ_O)/%) $(DEPS_CFLAGS) -O1 -g \
		-fsanitize=fuzzer,address,undefined -o $(FUZZ_O)/fuzz_mgc \
		tests/fuzz/fuzz_mgc.c $(FUZZ_O)/libmgc.a $(DEPS_LIBS)
	clang $(STD) $(INC:$(O)/%=$(FUZZ_O)/%) $(DEPS_CFLAGS) -O1 -g -DFUZZ_YAML \
		-fsanitize=fuzzer,address,undefined -o $(FUZZ_O)/fuzz_yaml \
		tests/fuzz/fuzz_mgc.c $(FUZZ_O)/libmgc.a $(DEPS_LIBS)

clean:
	rm -rf $(O)

-include $(shell find $(O) -name '*.d' 2>/dev/null)
