# annals -- build, test, install.  GNU make.
#   make                 library (static + shared), the annals command
#   make test            unit, golden, bad-input and fuzz-replay tests, then
#                        the same again under AddressSanitizer + UBSan
#   make bench | eval    throughput and accuracy figures (not part of test)
#   make install         honours PREFIX and DESTDIR
#   make SANITIZER=address,undefined   a sanitised build in build-san/
#   make fuzz            libFuzzer binaries (clang) in build-fuzz/fuzz-bin/

PREFIX  ?= /usr/local
LIBDIR  ?= $(PREFIX)/lib
INCDIR  ?= $(PREFIX)/include
BINDIR  ?= $(PREFIX)/bin
PCDIR   ?= $(LIBDIR)/pkgconfig
DATADIR ?= $(PREFIX)/share/annals
CC      ?= cc
CFLAGS  ?= -O3 -g

MAJOR   := 0
VERSION := 0.1.0
PKGS    := libutf8proc zlib

ANNALS_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -fPIC -fvisibility=hidden \
  -MMD -MP -Iinclude -Isrc -Wall -Wextra -Werror -Wshadow -Wundef \
  -Wwrite-strings -Wstrict-prototypes -Wmissing-prototypes \
  -Wold-style-definition $(shell pkg-config --cflags $(PKGS))
LIBS := $(shell pkg-config --libs $(PKGS)) -lm -lpthread

ifdef FUZZ
  B := build-fuzz
  ANNALS_CFLAGS += -fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer
  LDFLAGS += -fsanitize=address
else ifdef SANITIZER
  B := build-san
  ANNALS_CFLAGS += -fsanitize=$(SANITIZER) -fno-sanitize-recover=all -fno-omit-frame-pointer
  LDFLAGS += -fsanitize=$(SANITIZER)
else
  B := build
endif
ALL_CFLAGS := $(ANNALS_CFLAGS) $(CFLAGS)

LIB_SRC  := $(wildcard src/*.c)
CLI_SRC  := $(wildcard src/cli/*.c)
TEST_SRC := $(wildcard tests/unit/test_*.c)
FUZZ_SRC := $(filter-out fuzz/fuzz_main.c,$(wildcard fuzz/fuzz_*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o) $(B)/gen/ontology_data.o $(B)/gen/verbs_data.o \
            $(B)/gen/names_data.o
ONTO_TSV := $(wildcard data/cameo/*.tsv)
CLI_OBJ  := $(CLI_SRC:%.c=$(B)/%.o)
TESTS    := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)
FUZZERS  := $(FUZZ_SRC:fuzz/%.c=$(B)/fuzz/%)
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=$(B)/fuzz-bin/%)

.PHONY: example deps all test check unit golden bad fuzz-replay test-san bench eval \
        install uninstall clean lint fuzz fuzz-bin golden-update check-one

all: $(B)/libannals.a $(B)/libannals.so.$(MAJOR) $(B)/annals

# The README's first command: what a newcomer runs on a fresh machine.
example: deps
	@$(MAKE) --no-print-directory all
	$(B)/annals code examples/

deps:
	@tools/deps.sh

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# The CAMEO/PLOVER/actor tables, compiled from data/cameo/*.tsv.
$(B)/gen/ontology_data.c: tools/gen_ontology.sh $(ONTO_TSV)
	@mkdir -p $(dir $@)
	tools/gen_ontology.sh $@

$(B)/gen/ontology_data.o: $(B)/gen/ontology_data.c src/ontology.h
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# The event lexicon, compiled from data/cameo/verbs.tsv (codes checked).
$(B)/gen/verbs_data.c: tools/gen_verbs.sh data/cameo/verbs.tsv data/cameo/event_codes.tsv
	@mkdir -p $(dir $@)
	tools/gen_verbs.sh $@

$(B)/gen/verbs_data.o: $(B)/gen/verbs_data.c src/events.h src/doc.h
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# Given names and their sex, compiled from data/ner/given-gender.tsv.
$(B)/gen/names_data.c: tools/gen_names.sh data/ner/given-gender.tsv
	@mkdir -p $(dir $@)
	tools/gen_names.sh $@

$(B)/gen/names_data.o: $(B)/gen/names_data.c src/given_names.h
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/libannals.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(B)/libannals.so.$(MAJOR): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libannals.so.$(MAJOR) $(LDFLAGS) -o $@ $^ $(LIBS)

# The command looks for installed models here.
$(B)/src/cli/cmd_code.o: ALL_CFLAGS += -DANNALS_MODEL_DIR='"$(DATADIR)/models"'

$(B)/annals: $(CLI_OBJ) $(B)/libannals.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libannals.a $(LIBS)

$(B)/bench: bench/bench.c $(B)/libannals.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libannals.a $(LIBS)

# Unit tests link the static library and may reach internals through src/.
$(B)/tests/%: tests/unit/%.c $(B)/libannals.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libannals.a $(LIBS) \
	  $(shell pkg-config --libs cmocka)

# Fuzz targets replayed over their corpus by fuzz/fuzz_main.c (no libFuzzer).
$(B)/fuzz/%: fuzz/%.c fuzz/fuzz_main.c $(B)/libannals.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< fuzz/fuzz_main.c $(B)/libannals.a $(LIBS)

# libFuzzer binaries: the same targets linked with -fsanitize=fuzzer.
$(B)/fuzz-bin/%: fuzz/%.c $(B)/libannals.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer,address $(LDFLAGS) -o $@ $< \
	  $(B)/libannals.a $(LIBS)

unit: $(TESTS)
	@tests/run_unit.sh $(TESTS)

golden: $(B)/annals
	@tests/run_golden.sh $(B)/annals

bad: $(B)/annals
	@tests/run_bad.sh $(B)/annals

fuzz-replay: $(FUZZERS)
	@tests/run_fuzz_replay.sh $(FUZZERS)

check-one: unit golden bad fuzz-replay

# Lint, then the whole suite, then again under the sanitizers.
test check: lint all
	@rm -f build/test-tally build-san/test-tally
	@$(MAKE) --no-print-directory check-one
	@$(MAKE) --no-print-directory SANITIZER=address,undefined check-one
	@tests/summary.sh

golden-update: $(B)/annals
	@UPDATE=1 tests/run_golden.sh $(B)/annals

bench: all $(B)/bench
	@bench/run.sh $(B)/annals

eval: all
	@tools/eval.sh $(B)/annals

lint:
	@tools/lint.sh

# make fuzz CC=clang: libFuzzer binaries in build-fuzz/fuzz-bin/; run one as
#   build-fuzz/fuzz-bin/fuzz_tokenize fuzz/corpus/tokenize
ifdef FUZZ
fuzz-bin: $(FUZZ_BIN)
else
fuzz fuzz-bin:
	@$(MAKE) --no-print-directory CC=clang FUZZ=1 fuzz-bin
endif

install: all
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) $(DESTDIR)$(BINDIR) $(DESTDIR)$(PCDIR)
	install -m 644 include/annals.h $(DESTDIR)$(INCDIR)/annals.h
	install -m 644 $(B)/libannals.a $(DESTDIR)$(LIBDIR)/libannals.a
	install -m 755 $(B)/libannals.so.$(MAJOR) $(DESTDIR)$(LIBDIR)/libannals.so.$(MAJOR)
	ln -sf libannals.so.$(MAJOR) $(DESTDIR)$(LIBDIR)/libannals.so
	install -m 755 $(B)/annals $(DESTDIR)$(BINDIR)/annals
	install -d $(DESTDIR)$(DATADIR)/models
	install -m 644 models/*.model models/README.md $(DESTDIR)$(DATADIR)/models/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	    -e 's|@INCDIR@|$(INCDIR)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    annals.pc.in > $(DESTDIR)$(PCDIR)/annals.pc

uninstall:
	rm -f $(DESTDIR)$(INCDIR)/annals.h $(DESTDIR)$(LIBDIR)/libannals.a \
	  $(DESTDIR)$(LIBDIR)/libannals.so.$(MAJOR) $(DESTDIR)$(LIBDIR)/libannals.so \
	  $(DESTDIR)$(BINDIR)/annals $(DESTDIR)$(PCDIR)/annals.pc
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-san build-fuzz

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
