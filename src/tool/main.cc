// main.cc: fraiseql-tool's process: run() (cli.h), its text to stdout and stderr.
#include <cstdio>
#include <string>
#include <vector>

#include "tool/cli.h"

int
main(int argc, char **argv)
{
	std::vector<std::string> args(argv + 1, argv + argc);
	std::string out, err;
	int status = fraiseql::tool::run(args, out, err);
	std::fwrite(out.data(), 1, out.size(), stdout);
	std::fflush(stdout);
	std::fwrite(err.data(), 1, err.size(), stderr);
	return std::ferror(stdout) ? 2 : status;
}
