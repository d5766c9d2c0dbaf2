// qualified_name.h: the relation and function names @view and @function take.
// A name is one identifier or two joined by a dot (schema.name), each written
// the way PostgreSQL writes identifiers: unquoted (a letter, _ or a non-ASCII
// byte, then those, digits or $; ASCII letters fold to lower case) or
// double-quoted ("" stands for one "; case kept). Nothing else may follow, so
// `public.v; DROP ...` or `public.fn(NULL)` is an error at load time instead
// of a name the catalog lookup would shorten.
#pragma once

#include <string>
#include <string_view>

namespace fraiseql::schema {

struct QualifiedName {
	std::string schema; // empty when not qualified
	std::string name;
};

// Parses `text` into `out`; returns an empty string, or why `text` is not a name.
// Identifiers longer than 63 bytes (PostgreSQL's NAMEDATALEN - 1) are refused:
// PostgreSQL would silently truncate them to another name.
std::string parse_qualified_name(std::string_view text, QualifiedName &out);

} // namespace fraiseql::schema
