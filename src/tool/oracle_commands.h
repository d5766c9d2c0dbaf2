// oracle_commands.h: the conformance commands of fraiseql-tool. Each answers
// with one JSON line shaped like test/conformance/tools/oracle.mjs's answer to
// the same command, so a document can be compared with graphql-js.
#pragma once

#include <string>

#include "core/syntax/parser.h"
#include "core/validation/validate.h"

namespace fraiseql::tool {

// Lexer tokens and comments, with UTF-16 start/end as graphql-js counts them.
std::string oracle_tokens(const std::string &source);

// entry: parse, parseValue, parseConstValue or parseType (UsageError otherwise).
std::string oracle_parse(const std::string &source, const std::string &entry, const syntax::ParseOptions &options);

// validateSDL(parse(source), buildSchema(base)?, rules); rule "" means specifiedSDLRules.
std::string oracle_validate_sdl(const std::string &source, const std::string *base_sdl, const std::string &rule_name);

// validate(buildSchema(schema_sdl), parse(source), rules): plain SDL, no FraiseQL directives.
std::string oracle_validate(const std::string &schema_sdl, const std::string &source, const std::string &rule_name,
                            const validation::ValidateOptions &base_options, bool fragment_arguments);

} // namespace fraiseql::tool
