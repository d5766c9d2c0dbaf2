// validate_bench.cc: time of validation::validate (all of specifiedRules) on
// already parsed documents, the way fraiseql validates a cache miss.
// validate_bench SCHEMA [--min-seconds S] FILE... prints per file:
//   fraiseql <file> <runs> <best microseconds> <median microseconds> <errors>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/schema/schema.h"
#include "core/syntax/parser.h"
#include "core/validation/validate.h"

using namespace fraiseql;

static std::string
read_file(const char *path)
{
	std::ifstream in(path, std::ios::binary);
	std::stringstream s;
	s << in.rdbuf();
	return s.str();
}

int
main(int argc, char **argv)
{
	if (argc < 3) {
		std::fprintf(stderr, "usage: validate_bench SCHEMA [--min-seconds S] FILE...\n");
		return 2;
	}
	std::string sdl = read_file(argv[1]);
	schema::BuildOptions build;
	build.mode = schema::BuildMode::Spec;
	schema::BuildResult built = schema::build_schema(sdl, build);
	if (!built.schema) {
		std::fprintf(stderr, "schema does not build: %s\n", built.errors[0].message.c_str());
		return 1;
	}
	double min_seconds = 1.0;
	for (int i = 2; i < argc; i++) {
		if (std::string(argv[i]) == "--min-seconds" && i + 1 < argc) {
			min_seconds = std::atof(argv[++i]);
			continue;
		}
		std::string query = read_file(argv[i]);
		util::Arena arena;
		syntax::ParseOptions options;
		syntax::ParseResult parsed = syntax::parse_document(query, arena, options);
		if (!parsed.document) {
			std::fprintf(stderr, "%s does not parse: %s\n", argv[i], parsed.error.message.c_str());
			return 1;
		}
		std::vector<double> micros;
		size_t errors = 0;
		auto begin = std::chrono::steady_clock::now();
		while (micros.size() < 20 ||
		       std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count() < min_seconds) {
			auto t0 = std::chrono::steady_clock::now();
			ErrorList e = validation::validate(*built.schema, *parsed.document);
			auto t1 = std::chrono::steady_clock::now();
			errors = e.size();
			micros.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
		}
		std::sort(micros.begin(), micros.end());
		const char *name = std::strrchr(argv[i], '/') ? std::strrchr(argv[i], '/') + 1 : argv[i];
		std::printf("fraiseql\t%s\t%zu\t%.1f\t%.1f\t%zu\n", name, micros.size(), micros[0], micros[micros.size() / 2], errors);
	}
	return 0;
}
