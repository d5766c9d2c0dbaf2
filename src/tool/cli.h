// cli.h: fraiseql-tool as a function: arguments in, stdout and stderr text and
// the exit status out, so the unit tests run it without a process.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace fraiseql::tool {

// args: the command line without the program's name. Returns the exit status
// (cli_error.h); `out` and `err` receive what goes to stdout and stderr, as it
// comes (validate writes each document's errors once it is checked).
int run(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

} // namespace fraiseql::tool
