// documents.cc: files and directories to the sorted list of documents.
#include "tool/documents.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "tool/cli_error.h"

namespace fraiseql::tool {

namespace fs = std::filesystem;

namespace {

bool
is_document_name(const fs::path &path)
{
	const fs::path ext = path.extension();
	return ext == ".graphql" || ext == ".gql";
}

// Hidden folders (.git...) and node_modules hold no document of the project:
// a directory that is a project's root must not check its dependencies'.
bool
skipped_directory(const fs::path &path)
{
	const std::string name = path.filename().string();
	return (name.size() > 1 && name[0] == '.') || name == "node_modules";
}

std::vector<std::string>
documents_under(const std::string &dir)
{
	std::vector<std::string> found;
	std::error_code ec;
	fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
	for (; !ec && it != end; it.increment(ec)) {
		std::error_code type_ec;
		if (skipped_directory(it->path()) && it->is_directory(type_ec))
			it.disable_recursion_pending();
		else if (is_document_name(it->path()) && it->is_regular_file(type_ec))
			found.push_back(it->path().string());
	}
	if (ec)
		throw InputError("cannot list " + dir + ": " + ec.message());
	std::sort(found.begin(), found.end());
	return found;
}

} // namespace

std::vector<std::string>
collect_documents(const std::vector<std::string> &arguments)
{
	std::vector<std::string> files;
	std::set<fs::path> seen; // canonical paths
	auto add = [&](const std::string &file) {
		std::error_code ec;
		fs::path canonical = fs::canonical(file, ec);
		if (!seen.insert(ec ? fs::path(file) : canonical).second)
			return;
		files.push_back(file);
	};
	for (const std::string &arg : arguments) {
		std::error_code ec;
		fs::file_status status = fs::status(arg, ec);
		if (ec || !fs::exists(status))
			throw InputError("cannot read " + arg + ": no such file or directory");
		if (!fs::is_directory(status)) {
			add(arg);
			continue;
		}
		std::vector<std::string> found = documents_under(arg);
		if (found.empty())
			throw InputError("no *.graphql or *.gql file under " + arg);
		for (const std::string &file : found)
			add(file);
	}
	return files;
}

} // namespace fraiseql::tool
