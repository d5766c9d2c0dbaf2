// read_file.cc: a whole file, or InputError naming it.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tool/cli_error.h"

namespace fraiseql::tool {

std::string
read_file(const std::string &path)
{
	std::error_code ec;
	if (std::filesystem::is_directory(path, ec)) // opens, then reads as empty
		throw InputError("cannot read " + path + ": it is a directory");
	std::ifstream in(path, std::ios::binary);
	if (!in)
		throw InputError("cannot read " + path + ": " + std::strerror(errno));
	std::ostringstream ss;
	ss << in.rdbuf();
	if (in.bad())
		throw InputError("cannot read " + path);
	return ss.str();
}

} // namespace fraiseql::tool
