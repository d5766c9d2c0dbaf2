// parser_impl.h: the recursive-descent parser shared by parser.cc and parser_sdl.cc.
// Errors never throw: the first one is kept, the parser is marked failed, and
// every parse function then returns nullptr/false so the descent unwinds.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/syntax/ast.h"
#include "core/syntax/lexer.h"
#include "core/syntax/parser.h"

namespace fraiseql::syntax {

// Nesting ceiling used when ParseLimits::max_depth is 0 or larger: every level
// costs a few stack frames, so this bounds the stack whatever the input.
constexpr uint32_t kDepthCeiling = 512;

class Parser {
public:
	Parser(std::string_view source, util::Arena &arena, const ParseOptions &options);

	// Entry points; each starts at the start of the source.
	Document *parse_document();
	Value *parse_value_entry(bool is_const);
	TypeRef *parse_type_entry();

	const SyntaxError &error() const { return error_; }

private:
	std::string_view src_;
	util::Arena &arena_;
	ParseOptions options_;
	Lexer lexer_;
	Token tok_;              // current token
	uint32_t prev_end_ = 0;  // end of the last consumed token
	uint32_t token_count_ = 0;
	uint32_t depth_ = 0;
	uint32_t depth_limit_;
	bool failed_ = false;
	SyntaxError error_;

	// ---- tokens
	bool advance();
	bool peek(TokenKind kind) const { return !failed_ && tok_.kind == kind; }
	bool peek_keyword(std::string_view word) const { return peek(TokenKind::Name) && tok_.value == word; }
	bool expect(TokenKind kind);
	bool expect_optional(TokenKind kind);
	bool expect_keyword(std::string_view word);
	bool expect_optional_keyword(std::string_view word);
	bool lookahead(Token &out);
	bool fail(uint32_t offset, std::string message, SyntaxErrorKind kind = SyntaxErrorKind::Syntax);
	bool unexpected(const Token &token);
	bool unexpected() { return unexpected(tok_); }
	bool start();
	bool enter_nesting();
	void leave_nesting() { depth_--; }

	Loc begin() const { return Loc{tok_.start, tok_.end, tok_.line, tok_.column}; }
	void finish(Loc &loc) const { loc.end = prev_end_; }

	template <class T>
	Span<T> to_span(const std::vector<T> &items)
	{
		Span<T> span;
		if (items.empty())
			return span;
		span.items = arena_.make_array<T>(items.size());
		for (size_t i = 0; i < items.size(); i++)
			span.items[i] = items[i];
		span.count = static_cast<uint32_t>(items.size());
		return span;
	}

	// ---- shared pieces (parser.cc)
	bool parse_name(Name &out);
	bool parse_description(std::string_view &text, bool &has, bool &block);
	bool parse_operation_type(OperationType &out);
	Value *parse_value(bool is_const);
	Value *parse_string_literal();
	TypeRef *parse_type_reference();
	bool parse_named_type(Name &out) { return parse_name(out); }
	bool parse_directives(bool is_const, Span<Directive> &out);
	bool parse_arguments(bool is_const, Span<Argument> &out);

	// ---- executable definitions (parser.cc)
	Definition *parse_definition();
	Definition *parse_operation_definition();
	Definition *parse_fragment_definition();
	bool parse_variable_definitions(Span<VariableDefinition> &out);
	SelectionSet *parse_selection_set();
	Selection *parse_selection();
	Selection *parse_field();
	Selection *parse_fragment();
	bool parse_fragment_name(Name &out);

	// ---- type-system definitions (parser_sdl.cc)
	Definition *parse_schema_definition();
	Definition *parse_type_definition(DefinitionKind kind, std::string_view keyword);
	Definition *parse_directive_definition();
	Definition *parse_type_system_extension();
	bool parse_operation_type_definitions(bool required, Span<OperationTypeDefinition> &out);
	bool parse_implements(Span<Name> &out);
	bool parse_fields_definition(Span<FieldDefinition> &out);
	bool parse_argument_defs(Span<InputValueDefinition> &out);
	bool parse_input_value_def(InputValueDefinition &out);
	bool parse_union_members(Span<Name> &out);
	bool parse_enum_values(Span<EnumValueDefinition> &out);
	bool parse_input_fields(Span<InputValueDefinition> &out);
	bool parse_type_body(TypeDefinition &def);
};

} // namespace fraiseql::syntax
