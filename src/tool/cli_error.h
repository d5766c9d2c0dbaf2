// cli_error.h: how fraiseql-tool's commands fail, and its exit statuses
// (docs/tool.md, "Exit status").
#pragma once

#include <stdexcept>
#include <string>

namespace fraiseql::tool {

enum ExitStatus : int {
	EXIT_VALID = 0,   // the command did its job; every document is valid
	EXIT_INVALID = 1, // validate: at least one document has an error
	EXIT_TROUBLE = 2, // bad usage, an unreadable file, a schema that does not build
};

// The command line is wrong: the message, then a pointer to --help.
struct UsageError : std::runtime_error {
	using std::runtime_error::runtime_error;
};

// The input is wrong (unreadable file, schema errors): the message alone.
struct InputError : std::runtime_error {
	using std::runtime_error::runtime_error;
};

// Errors of the schema file, already one "file:line:column: message" line
// each: printed without the program's name in front.
struct SchemaErrors : InputError {
	using InputError::InputError;
};

// The whole file; InputError when it cannot be read.
std::string read_file(const std::string &path);

} // namespace fraiseql::tool
