// documents.h: the client documents `fraiseql-tool validate --query` names.
#pragma once

#include <string>
#include <vector>

namespace fraiseql::tool {

// Each argument is a file (taken whatever its name) or a directory (every
// *.graphql and *.gql file under it, recursively, sorted by path; hidden
// folders and node_modules left out). Files come
// in argument order; a file named twice (by two arguments, or through two
// paths) is listed once, at its first place. InputError when an argument does
// not exist or a directory holds no document.
std::vector<std::string> collect_documents(const std::vector<std::string> &arguments);

} // namespace fraiseql::tool
