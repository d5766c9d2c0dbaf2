// main.cc: fraiseql-tool's process: run() (cli.h) over stdout and stderr.
#include <iostream>
#include <string>
#include <vector>

#include "tool/cli.h"

int
main(int argc, char **argv)
{
	std::vector<std::string> args(argv + 1, argv + argc);
	// std::cerr is tied to std::cout: what stdout got so far comes out first.
	int status = fraiseql::tool::run(args, std::cout, std::cerr);
	if (!std::cout.flush()) { // stdout closed or full: the answer was lost
		std::cerr << "fraiseql-tool: cannot write to stdout\n";
		return 2;
	}
	return status;
}
