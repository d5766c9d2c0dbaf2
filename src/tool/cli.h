// cli.h: fraiseql-tool as a function: arguments in, stdout and stderr text and
// the exit status out, so the unit tests run it without a process.
#pragma once

#include <string>
#include <vector>

namespace fraiseql::tool {

// args: the command line without the program's name. Returns the exit status
// (cli_error.h); `out` and `err` receive what goes to stdout and stderr.
int run(const std::vector<std::string> &args, std::string &out, std::string &err);

} // namespace fraiseql::tool
