# fraiseql: PGXS build of the extension, plus the core library, the CLI and the tests.
# `make demo` and `make test` work on a fresh Debian 12 machine as root: they
# install the Debian packages they need first (test/scripts/install_deps.sh).

EXTENSION   = fraiseql
# The version's one source: fraiseql.control (debian/check-version checks the others).
EXTVERSION  = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" fraiseql.control)
MODULE_big  = fraiseql

CORE_SRCS   = $(sort $(wildcard src/core/*/*.cc src/core/*/*/*.cc))
GLUE_SRCS   = $(sort $(wildcard src/pg/*.cc))
OBJS        = $(CORE_SRCS:.cc=.o) $(GLUE_SRCS:.cc=.o)

# Every install and upgrade script: ALTER EXTENSION UPDATE needs the old ones.
DATA        = $(sort $(wildcard sql/$(EXTENSION)--*.sql))
# Every sql/*.sql except the install scripts is a regression test.
REGRESS     = $(sort $(filter-out $(EXTENSION)--%,$(notdir $(basename $(wildcard sql/*.sql)))))
REGRESS_OPTS = --load-extension=$(EXTENSION)
# specs/*.spec: isolation tests (several sessions), run by installcheck too.
ISOLATION   = $(sort $(notdir $(basename $(wildcard specs/*.spec))))
ISOLATION_OPTS = --load-extension=$(EXTENSION)

PG_CONFIG  ?= /usr/lib/postgresql/15/bin/pg_config
CXX        ?= g++
CXXSTD      = -std=c++17 -Wall -Wextra -Werror -Wshadow
# -isystem: PostgreSQL's server headers do not pass -Werror under g++ with -I.
PG_CXXFLAGS = $(CXXSTD) -fPIC -MMD -MP
PG_CPPFLAGS = -Isrc -isystem $(shell $(PG_CONFIG) --includedir-server 2>/dev/null)
# PGXS links with gcc, so the C++ runtime must be named.
SHLIB_LINK  = -lstdc++
# PGXS has no bitcode rule for .cc; JIT-inlining our code would buy nothing.
override with_llvm = no

EXTRA_CLEAN = build $(OBJS:.o=.d) results regression.diffs regression.out

PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
else
# Before install_deps.sh has run there is no PGXS: only the targets below work.
all:
	@echo "PostgreSQL server headers not found; run 'make demo' or 'make test' (they install them)" >&2; exit 1
endif

-include $(OBJS:.o=.d)

# ---- the core on its own: static library, CLI, unit tests, conformance --------
# Built without the PostgreSQL include path, so a PostgreSQL header in the core
# fails the build.
BUILD        = build
CORE_CXXFLAGS = $(CXXSTD) -O2 -g -Isrc -MMD -MP
SAN_FLAGS    = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
TEST_CXXFLAGS = $(CXXSTD) -O1 -g -Isrc -Itest -MMD -MP $(SAN_FLAGS)

CORE_OBJS     = $(patsubst src/%.cc,$(BUILD)/core/%.o,$(CORE_SRCS))
CORE_SAN_OBJS = $(patsubst src/%.cc,$(BUILD)/san/%.o,$(CORE_SRCS))
UNIT_SRCS     = $(sort $(wildcard test/unit/*.cc test/unit/*/*.cc))
UNIT_OBJS     = $(patsubst test/%.cc,$(BUILD)/san/test/%.o,$(UNIT_SRCS))
CONF_SRCS     = $(sort $(wildcard test/conformance/*.cc))
CONF_OBJS     = $(patsubst test/%.cc,$(BUILD)/san/test/%.o,$(CONF_SRCS))
TOOL_SRCS     = $(sort $(wildcard src/tool/*.cc))
TOOL_OBJS     = $(patsubst src/%.cc,$(BUILD)/core/%.o,$(TOOL_SRCS))
# The unit tests drive the CLI through tool::run (src/tool/cli.h), without its main.
TOOL_SAN_OBJS = $(patsubst src/%.cc,$(BUILD)/san/%.o,$(filter-out src/tool/main.cc,$(TOOL_SRCS)))

$(BUILD)/core/%.o: src/%.cc
	@mkdir -p $(dir $@)
	$(CXX) $(CORE_CXXFLAGS) -c $< -o $@
$(BUILD)/san/%.o: src/%.cc
	@mkdir -p $(dir $@)
	$(CXX) $(TEST_CXXFLAGS) -c $< -o $@
$(BUILD)/san/test/%.o: test/%.cc
	@mkdir -p $(dir $@)
	$(CXX) $(TEST_CXXFLAGS) -c $< -o $@

$(BUILD)/libfraiseql_core.a: $(CORE_OBJS)
	rm -f $@ && ar rcs $@ $^
$(BUILD)/libfraiseql_core_san.a: $(CORE_SAN_OBJS)
	rm -f $@ && ar rcs $@ $^
$(BUILD)/fraiseql-tool: $(TOOL_OBJS) $(BUILD)/libfraiseql_core.a
	$(CXX) $(CORE_CXXFLAGS) -o $@ $^
$(BUILD)/unit_tests: $(UNIT_OBJS) $(TOOL_SAN_OBJS) $(BUILD)/libfraiseql_core_san.a
	$(CXX) $(TEST_CXXFLAGS) -o $@ $^
$(BUILD)/conformance: $(CONF_OBJS) $(BUILD)/libfraiseql_core_san.a
	$(CXX) $(TEST_CXXFLAGS) -o $@ $^ -lsimdjson

-include $(CORE_OBJS:.o=.d) $(CORE_SAN_OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(CONF_OBJS:.o=.d) $(TOOL_OBJS:.o=.d) \
         $(TOOL_SAN_OBJS:.o=.d)

core: $(BUILD)/libfraiseql_core.a $(BUILD)/fraiseql-tool
all: core

# fraiseql-tool (docs/tool.md) goes with PostgreSQL's programs, where a package ships it.
install: install-tool
install-tool: $(BUILD)/fraiseql-tool
	$(MKDIR_P) '$(DESTDIR)$(bindir)'
	$(INSTALL_PROGRAM) $(BUILD)/fraiseql-tool '$(DESTDIR)$(bindir)/fraiseql-tool'
uninstall: uninstall-tool
uninstall-tool:
	rm -f '$(DESTDIR)$(bindir)/fraiseql-tool'

unit: $(BUILD)/unit_tests
	$(BUILD)/unit_tests
conformance: $(BUILD)/conformance
	$(BUILD)/conformance test/conformance/data

# ---- the two commands --------------------------------------------------------
deps:
	test/scripts/install_deps.sh

# The builds use every core (a serial build was a third of make test's time).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

demo: deps
	$(MAKE) -j$(JOBS) all
	$(MAKE) install
	test/scripts/demo.sh

# `make serve`: the demo schema behind examples/python/app.py with GraphiQL,
# until Ctrl-C (SERVE_PORT=8000, SERVE_HOST=127.0.0.1).
serve: deps
	$(MAKE) -j$(JOBS) all
	$(MAKE) install
	test/scripts/serve.sh

test: deps
	$(MAKE) -j$(JOBS) all
	$(MAKE) install
	$(MAKE) -j$(JOBS) $(BUILD)/unit_tests $(BUILD)/conformance
	test/scripts/run_tests.sh

.PHONY: core unit conformance deps demo serve test install-tool uninstall-tool

# `make deb`: build/deb/postgresql-15-fraiseql_VERSION_amd64.deb, built by
# Debian's tools (debian/, pg_buildext, dpkg-buildpackage) and checked by lintian.
deb: deps
	DEB_JOBS=$(JOBS) debian/make-deb

.PHONY: deb

# `make test-ha`: replicas, pgpool-II and pg_auto_failover failover under load
# (docs/ha.md); about 2.5 minutes, HA_SECONDS=60 of mutations (make test runs 20).
test-ha: deps
	$(MAKE) -j$(JOBS) all
	$(MAKE) install
	PG_CONFIG=$(PG_CONFIG) /usr/bin/python3 test/integration/test_ha.py
.PHONY: test-ha

# ---- fuzzing and parse benchmark (issue 4, issue 10) ----
# `make fuzz`: each libFuzzer target under clang with ASan/UBSan, FUZZ_SECONDS per
# target, one after another (`make fuzz FUZZ_TARGETS=sdl` runs one); new inputs go
# to build/fuzz/corpus/<target>/, the committed seeds stay read-only.
# `make fuzz-replay`: the same targets under g++'s sanitizers over the seeds and the
# crash regressions, without clang (run by `make test`); one summary line for all.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= parse sdl coerce response http
FUZZ_CXX     ?= clang++-14
FUZZ_BUILD    = $(BUILD)/fuzz
FUZZ_FLAGS    = $(CXXSTD) -O1 -g -Isrc -MMD -MP -fno-omit-frame-pointer -fno-sanitize-recover=all
# The parser target links only the modules it reaches: a half-edited module
# elsewhere cannot break it. The others reach most of the core.
FUZZ_CORE_SRCS = $(sort $(wildcard src/core/syntax/*.cc src/core/util/*.cc))
FUZZ_CORE_OBJS = $(patsubst src/%.cc,$(FUZZ_BUILD)/%.o,$(FUZZ_CORE_SRCS))
FUZZ_ALL_CORE_OBJS = $(patsubst src/%.cc,$(FUZZ_BUILD)/%.o,$(CORE_SRCS))
FUZZ_SEEDS    = test/fuzz/corpus/parse
FUZZ_REGRESSIONS = test/fuzz/regressions
# Per target: the longest input libFuzzer makes, and the dictionary (if any).
FUZZ_MAXLEN_parse = 4096
FUZZ_MAXLEN_sdl = 8192
FUZZ_MAXLEN_coerce = 4096
FUZZ_MAXLEN_response = 4096
FUZZ_MAXLEN_http = 4096
FUZZ_DICT_parse = -dict=test/fuzz/graphql.dict
FUZZ_DICT_sdl = -dict=test/fuzz/graphql.dict
FUZZ_DICT_coerce = -dict=test/fuzz/graphql.dict

$(FUZZ_BUILD)/%.o: src/%.cc
	@mkdir -p $(dir $@)
	$(FUZZ_CXX) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link,address,undefined -c $< -o $@
$(FUZZ_BUILD)/test/%.o: test/%.cc
	@mkdir -p $(dir $@)
	$(FUZZ_CXX) $(FUZZ_FLAGS) -Itest -fsanitize=fuzzer-no-link,address,undefined -c $< -o $@
$(FUZZ_BUILD)/parse_fuzz: $(FUZZ_BUILD)/test/fuzz/parse_fuzz.o $(FUZZ_CORE_OBJS)
	$(FUZZ_CXX) $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined -o $@ $^
$(FUZZ_BUILD)/%_fuzz: $(FUZZ_BUILD)/test/fuzz/%_fuzz.o $(FUZZ_BUILD)/test/unit/support/jsonb_builder.o \
                      $(FUZZ_ALL_CORE_OBJS)
	$(FUZZ_CXX) $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined -o $@ $^

$(BUILD)/fuzz-replay/%.o: test/fuzz/%.cc
	@mkdir -p $(dir $@)
	$(CXX) $(TEST_CXXFLAGS) -c $< -o $@
$(BUILD)/fuzz-replay/%_replay: $(BUILD)/fuzz-replay/%_fuzz.o $(BUILD)/fuzz-replay/replay_main.o \
                               $(BUILD)/san/test/unit/support/jsonb_builder.o $(BUILD)/libfraiseql_core_san.a
	$(CXX) $(TEST_CXXFLAGS) -o $@ $^

# Objects reached only through the pattern rules above would count as intermediate.
.PRECIOUS: $(FUZZ_BUILD)/%.o $(BUILD)/fuzz-replay/%.o
-include $(FUZZ_ALL_CORE_OBJS:.o=.d) $(wildcard $(FUZZ_BUILD)/test/fuzz/*.d $(BUILD)/fuzz-replay/*.d)

fuzz-corpus:
	/usr/bin/python3 test/fuzz/make_corpus.py test/conformance/data $(FUZZ_SEEDS)
	/usr/bin/python3 test/fuzz/make_seeds.py test/conformance/data test/fuzz/corpus

fuzz: $(foreach t,$(FUZZ_TARGETS),$(FUZZ_BUILD)/$(t)_fuzz)
	@mkdir -p $(FUZZ_BUILD)/artifacts $(foreach t,$(FUZZ_TARGETS),$(FUZZ_BUILD)/corpus/$(t))
	$(foreach t,$(FUZZ_TARGETS),$(FUZZ_BUILD)/$(t)_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAXLEN_$(t)) \
	    -timeout=10 -rss_limit_mb=2048 $(FUZZ_DICT_$(t)) -artifact_prefix=$(FUZZ_BUILD)/artifacts/$(t)- \
	    -print_final_stats=1 $(FUZZ_BUILD)/corpus/$(t) test/fuzz/corpus/$(t) \
	    $(wildcard $(FUZZ_REGRESSIONS)/$(t)) &&) true

# The compile is quiet (its output would sit before the summary line in make test).
# Each target's replay prints its own line; they are summed into one.
fuzz-replay:
	@$(MAKE) -s --no-print-directory $(foreach t,$(FUZZ_TARGETS),$(BUILD)/fuzz-replay/$(t)_replay) >/dev/null
	@pass=0; fail=0; for t in $(FUZZ_TARGETS); do \
	    line=$$($(BUILD)/fuzz-replay/$${t}_replay test/fuzz/corpus/$$t \
	            $$(test -d $(FUZZ_REGRESSIONS)/$$t && echo $(FUZZ_REGRESSIONS)/$$t) | tail -n 1); \
	    set -- $$line; \
	    if [ "$$1" = fuzz-replay: ]; then pass=$$((pass + $$2)); fail=$$((fail + $$4)); else fail=$$((fail + 1)); fi; \
	done; echo "fuzz-replay: $$pass passed, $$fail failed"; [ $$fail -eq 0 ] && [ $$pass -gt 0 ]

# `make bench-parse` (not part of make test): fraiseql and graphql-js 17.1.0 parse()
# on the same three inputs in one run, printed as a markdown table.
BENCH_PARSE = $(BUILD)/bench/parse
BENCH_PARSE_INPUTS = $(BENCH_PARSE)/kitchen_sink_1mb.graphql $(BENCH_PARSE)/introspection.graphql \
                     $(BENCH_PARSE)/github_sdl.graphql
BENCH_SECONDS ?= 2

$(BENCH_PARSE)/parse_bench: bench/parse/parse_bench.cc $(BUILD)/libfraiseql_core.a
	@mkdir -p $(dir $@)
	$(CXX) $(CXXSTD) -O2 -g -Isrc -o $@ $^

bench-parse: $(BENCH_PARSE)/parse_bench
	@/usr/bin/python3 bench/parse/make_inputs.py test/conformance/data $(BENCH_PARSE)
	@[ -d bench/parse/node_modules/graphql ] || (cd bench/parse && npm ci --no-audit --no-fund --loglevel=error)
	@$(BENCH_PARSE)/parse_bench --min-seconds $(BENCH_SECONDS) $(BENCH_PARSE_INPUTS) > $(BENCH_PARSE)/results.tsv
	@node bench/parse/parse_bench.mjs --min-seconds $(BENCH_SECONDS) $(BENCH_PARSE_INPUTS) >> $(BENCH_PARSE)/results.tsv
	@/usr/bin/python3 bench/parse/table.py $(BENCH_PARSE)/results.tsv

.PHONY: fuzz fuzz-replay fuzz-corpus bench-parse

# ---- validation benchmark (issue 5) ----------------------------------------------
# `make bench-validate` (not part of make test): validation::validate and
# graphql-js 17.1.0 validate() on the same parsed documents, in one run.
BENCH_VALIDATE = $(BUILD)/bench/validate
BENCH_VALIDATE_DOCS = $(BENCH_VALIDATE)/introspection.graphql $(BENCH_VALIDATE)/wide_repeated.graphql \
                      $(BENCH_VALIDATE)/wide_distinct.graphql

$(BENCH_VALIDATE)/validate_bench: bench/validate/validate_bench.cc $(BUILD)/libfraiseql_core.a
	@mkdir -p $(dir $@)
	$(CXX) $(CXXSTD) -O2 -g -Isrc -o $@ $^

bench-validate: $(BENCH_VALIDATE)/validate_bench
	@/usr/bin/python3 bench/validate/make_inputs.py test/conformance/data $(BENCH_VALIDATE)
	@[ -d bench/validate/node_modules/graphql ] || (cd bench/validate && npm ci --no-audit --no-fund --loglevel=error)
	@$(BENCH_VALIDATE)/validate_bench $(BENCH_VALIDATE)/schema.graphql --min-seconds $(BENCH_SECONDS) $(BENCH_VALIDATE_DOCS)
	@node bench/validate/validate_bench.mjs $(BENCH_VALIDATE)/schema.graphql --min-seconds $(BENCH_SECONDS) $(BENCH_VALIDATE_DOCS)

.PHONY: bench-validate

# ---- performance benchmarks (issue 9; not part of make test) ----------------------
# `make bench`: the SQL-level comparison with hand-written SQL (bench/sql), the end-to-end
# HTTP comparison (bench/http), then the parse and validation benchmarks: about 12 minutes
# with these defaults (BENCHMARKS.md's tables used longer runs where it says so).
# BENCH_ARGS go to bench/sql/run_bench.py, BENCH_HTTP_ARGS to bench/http/run_http_bench.py.
BENCH_ARGS ?= --seconds 3 --rounds 2
BENCH_HTTP_ARGS ?= --seconds 4 --warmup 1 --rounds 2
bench: deps
	$(MAKE) all
	$(MAKE) install
	bench/run_bench.sh $(BENCH_ARGS)
	bench/http/run_http_bench.sh $(BENCH_HTTP_ARGS)
	$(MAKE) bench-parse
	$(MAKE) bench-validate
	$(MAKE) bench-projection

.PHONY: bench

# `make bench-projection` (issue 18): the projection alone, jsonb rows in memory
# to JSON bytes, at 1,000 and 10,000 rows; prints GB/s of output per core.
BENCH_PROJECTION = $(BUILD)/bench/projection
$(BENCH_PROJECTION)/projection_bench: bench/projection/projection_bench.cc test/unit/support/jsonb_builder.cc                                       $(BUILD)/libfraiseql_core.a
	@mkdir -p $(dir $@)
	$(CXX) $(CXXSTD) -O2 -g -Isrc -Itest -o $@ $^

bench-projection: $(BENCH_PROJECTION)/projection_bench
	@$(BENCH_PROJECTION)/projection_bench 1000 $(BENCH_SECONDS)
	@$(BENCH_PROJECTION)/projection_bench 10000 $(BENCH_SECONDS)

.PHONY: bench-projection
