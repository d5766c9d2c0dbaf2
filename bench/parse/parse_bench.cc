// parse_bench.cc: parse throughput of fraiseql's parser on the benchmark inputs.
// Usage: parse_bench [--min-seconds S] [--min-runs N] [--clock wall|cpu] FILE...
// --clock cpu times each parse with the thread's CPU clock instead of the wall
// clock: on a loaded machine it leaves out the time the thread waits for a
// core (not cache or sibling-thread interference), so A/B comparisons are
// steadier; the default (wall) is what a client sees. The CPU clock's
// granularity makes the best run meaningless for tiny inputs (the 2 kB
// introspection query can show "inf"): compare medians there.
// For each file, one warm-up parse, then timed parses until both minimums are
// reached, in two modes; prints one tab-separated line per file and mode:
//   <engine> <file name> <bytes> <runs> <best MB/s> <median MB/s>   (MB = 10^6 bytes)
// "fraiseql": a fresh heap arena per parse, as the glue gives every request a
// new one; its blocks come from malloc, so for large documents the page faults
// of first touching the AST memory are part of the time.
// "fraiseql-warm": one arena whose first block holds the whole AST, reset
// between parses: the parser's own cost, as in a process that keeps its blocks.
// "fraiseql-retained": a fresh arena per parse over one util::RetainingBlockSource,
// as the glue can do (see retaining_block_source.h): blocks freed by one
// request's arena are reused, without page faults, by the next one.
// Every parse is checked to succeed, so an error cannot pass for speed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/syntax/parser.h"
#include "core/util/arena.h"
#include "core/util/retaining_block_source.h"

namespace {

using Clock = std::chrono::steady_clock;

bool use_cpu_clock = false;

// Seconds on the chosen clock (only differences matter).
double
now()
{
	if (use_cpu_clock) {
		timespec t;
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
		return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
	}
	return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

bool
read_file(const char *path, std::string &out)
{
	std::ifstream in(path, std::ios::binary);
	if (!in)
		return false;
	out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
	return !in.bad();
}

const char *
base_name(const char *path)
{
	const char *slash = std::strrchr(path, '/');
	return slash ? slash + 1 : path;
}

} // namespace

int
main(int argc, char **argv)
{
	double min_seconds = 1.0;
	long min_runs = 20;
	std::vector<const char *> files;
	for (int i = 1; i < argc; i++) {
		if (std::strcmp(argv[i], "--min-seconds") == 0 && i + 1 < argc)
			min_seconds = std::atof(argv[++i]);
		else if (std::strcmp(argv[i], "--min-runs") == 0 && i + 1 < argc)
			min_runs = std::atol(argv[++i]);
		else if (std::strcmp(argv[i], "--clock") == 0 && i + 1 < argc)
			use_cpu_clock = std::strcmp(argv[++i], "cpu") == 0;
		else
			files.push_back(argv[i]);
	}
	if (files.empty()) {
		std::fprintf(stderr, "usage: parse_bench [--min-seconds S] [--min-runs N] [--clock wall|cpu] FILE...\n");
		return 2;
	}
	for (const char *path : files) {
		std::string source;
		if (!read_file(path, source)) {
			std::fprintf(stderr, "parse_bench: cannot read %s\n", path);
			return 1;
		}
		fraiseql::util::Arena probe;
		fraiseql::syntax::ParseResult warm = fraiseql::syntax::parse_document(source, probe);
		if (!warm.document) {
			std::fprintf(stderr, "parse_bench: %s: %s (%u:%u)\n", path, warm.error.message.c_str(), warm.error.line,
			             warm.error.column);
			return 1;
		}
		const size_t ast_bytes = probe.bytes_allocated();
		enum Mode { Fresh, Warm, Retained };
		for (const Mode mode : {Fresh, Warm, Retained}) {
			fraiseql::util::Arena kept(fraiseql::util::heap_block_source(), ast_bytes + (64u << 10));
			fraiseql::util::RetainingBlockSource retained(64u << 20);
			std::vector<double> seconds;
			const Clock::time_point begin = Clock::now();
			while (static_cast<long>(seconds.size()) < min_runs ||
			       std::chrono::duration<double>(Clock::now() - begin).count() < min_seconds) {
				kept.reset();
				const double t0 = now();
				bool ok;
				if (mode == Warm) {
					ok = fraiseql::syntax::parse_document(source, kept).document != nullptr;
				} else {
					// Freed inside the timing, as a request's would be.
					fraiseql::util::Arena fresh(mode == Retained ? static_cast<fraiseql::util::BlockSource &>(retained)
					                                             : fraiseql::util::heap_block_source());
					ok = fraiseql::syntax::parse_document(source, fresh).document != nullptr;
				}
				const double t1 = now();
				if (!ok)
					return 1;
				seconds.push_back(t1 - t0);
			}
			std::sort(seconds.begin(), seconds.end());
			const double mb = static_cast<double>(source.size()) / 1e6;
			const double median = seconds[seconds.size() / 2];
			static const char *const engines[] = {"fraiseql", "fraiseql-warm", "fraiseql-retained"};
			std::printf("%s\t%s\t%zu\t%zu\t%.1f\t%.1f\n", engines[mode], base_name(path),
			            source.size(), seconds.size(), mb / seconds.front(), mb / median);
		}
	}
	return 0;
}
