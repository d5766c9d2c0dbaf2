// parser.h: GraphQL documents (September 2025 spec) from source text to an arena AST.
// Errors are values carrying graphql-js 17's exact message text and position.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/syntax/ast.h"
#include "core/util/arena.h"

namespace fraiseql::syntax {

// Limits the caller passes in (the glue takes them from GUCs). 0 means none,
// except for max_depth: nesting is always capped at 512 levels (0 or a larger
// value means 512) so that no input can exhaust the stack. Exceeding a limit
// gives a SyntaxError of kind Limit:
//   "Syntax Error: Document exceeds the maximum size of N bytes." (no position)
//   "Syntax Error: Document contains more than N tokens. Parsing aborted." (graphql-js text)
//   "Syntax Error: Document nesting exceeds the maximum depth of N." (at the opening token)
struct ParseLimits {
	size_t max_bytes = 0;      // source length in bytes
	uint32_t max_tokens = 0;   // lexed tokens, EOF excluded (graphql-js maxTokens)
	uint32_t max_depth = 0;    // nesting of selection sets, lists, objects and types
};

enum class SyntaxErrorKind : uint8_t { None, Syntax, Limit };

struct SyntaxError {
	SyntaxErrorKind kind = SyntaxErrorKind::None;
	std::string message; // e.g. "Syntax Error: Expected Name, found <EOF>."
	uint32_t line = 0;   // 1-based; 0 when no position applies
	uint32_t column = 0;
	explicit operator bool() const { return kind != SyntaxErrorKind::None; }
};

struct ParseOptions {
	ParseLimits limits;
	bool experimental_fragment_arguments = false;
};

// The returned Document (and every node) lives in `arena`; it views `source`,
// which must outlive it. On error, document is nullptr and error is set.
struct ParseResult {
	Document *document = nullptr;
	SyntaxError error;
};

[[nodiscard]] ParseResult parse_document(std::string_view source, util::Arena &arena,
                                         const ParseOptions &options = ParseOptions());

// Entry points graphql-js exposes for pieces of documents (conformance tests).
struct ValueParseResult {
	Value *value = nullptr;
	SyntaxError error;
};
struct TypeParseResult {
	TypeRef *type = nullptr;
	SyntaxError error;
};
[[nodiscard]] ValueParseResult parse_value(std::string_view source, util::Arena &arena, bool const_only,
                                           const ParseOptions &options = ParseOptions());
[[nodiscard]] TypeParseResult parse_type(std::string_view source, util::Arena &arena,
                                         const ParseOptions &options = ParseOptions());

} // namespace fraiseql::syntax
