# manrs — an open MANRS Observatory.
#
#   make            build ./manrs
#   make check      install missing Debian packages, build, run every test
#   make demo       install missing Debian packages, build, run the demo
#   make bench      run the benchmarks in bench/ (needs ../shared/data)
#
# Dependencies come from pkg-config; scripts/deps.sh installs them.

CC		?= cc
PKGS		:= zlib liblzma libzstd jansson libcrypto rtrlib expat sqlite3 libmicrohttpd
PKG_CFLAGS	 = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS	 = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lbz2 -lpthread -lm

WARN		:= -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
		   -Wpointer-arith -Wformat=2 -Wno-format-nonliteral -Wvla \
		   -Wcast-qual -Wundef -Werror
OPT		?= -O2 -g
CFLAGS_ALL	 = -std=c11 -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 $(WARN) $(OPT) \
		   -Isrc $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL	 = $(LDFLAGS)

B		?= build
LIB_SRCS	:= $(sort $(wildcard src/base/*.c src/net/*.c src/io/*.c src/rpki/*.c src/irr/*.c \
		     src/ref/*.c src/formats/*.c src/observe/*.c src/store/*.c \
		     src/report/*.c src/serve/*.c))
CLI_SRCS	:= $(sort $(wildcard src/cli/*.c))
TEST_SRCS	:= $(sort $(wildcard tests/test_*.c))
FUZZ_SRCS	:= $(sort $(wildcard fuzz/fuzz_*.c))
BENCH_SRCS	:= $(sort $(wildcard bench/*.c))

LIB_OBJS	:= $(LIB_SRCS:%.c=$(B)/%.o)
CLI_OBJS	:= $(CLI_SRCS:%.c=$(B)/%.o)
TESTS		:= $(TEST_SRCS:tests/%.c=$(B)/tests/%)
BENCHES		:= $(BENCH_SRCS:bench/%.c=$(B)/bench/%)

.PHONY: all check demo bench clean deps tests asan fuzz fuzzers lint
all: manrs

manrs: $(B)/manrs
	@ln -sf $(B)/manrs manrs

$(B)/manrs: $(CLI_OBJS) $(B)/libmanrs.a
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(PKG_LIBS) $(LDFLAGS_ALL)

$(B)/libmanrs.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(B)/tests/%: tests/%.c $(B)/libmanrs.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -o $@ $< $(B)/libmanrs.a \
	    $(shell pkg-config --cflags --libs cmocka) $(PKG_LIBS) $(LDFLAGS_ALL)

$(B)/bench/%: bench/%.c $(B)/libmanrs.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -o $@ $< $(B)/libmanrs.a $(PKG_LIBS) $(LDFLAGS_ALL)

tests: $(TESTS) $(B)/manrs
benches: $(BENCHES) $(B)/manrs

deps:
	@scripts/deps.sh

# The whole suite: unit, golden, banned functions, again under
# ASan+UBSan, then every fuzz target for a bounded time.
check: deps
	@scripts/check.sh

demo: deps
	@$(MAKE) --no-print-directory manrs
	@scripts/demo.sh

bench: deps
	@$(MAKE) --no-print-directory benches
	@bench/mrt.sh

# ASan+UBSan build of the library, CLI and tests in build-asan/.
asan:
	@$(MAKE) --no-print-directory B=build-asan OPT="-O1 -g \
	    -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -fno-omit-frame-pointer" tests

# libFuzzer targets (Debian clang) in build-fuzz/: the library is built
# once with sanitizer coverage, then linked into each target.
FUZZ_OPT	:= -O1 -g -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION \
		   -fsanitize=fuzzer-no-link,address,undefined \
		   -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZERS		:= $(FUZZ_SRCS:fuzz/%.c=$(B)/%)

$(B)/fuzz_%: fuzz/fuzz_%.c $(B)/libmanrs.a
	$(CC) $(CFLAGS_ALL) -fsanitize=fuzzer -MMD -MP -o $@ $< $(B)/libmanrs.a \
	    $(PKG_LIBS) $(LDFLAGS_ALL)

fuzzers: $(FUZZERS)

fuzz:
	@$(MAKE) --no-print-directory B=build-fuzz CC=clang OPT="$(FUZZ_OPT)" fuzzers

lint:
	@scripts/banned.sh

clean:
	rm -rf build build-asan build-fuzz manrs

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d) $(TESTS:=.d) $(FUZZERS:=.d)
