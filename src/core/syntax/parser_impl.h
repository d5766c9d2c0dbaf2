// parser_impl.h: the recursive-descent parser shared by parser.cc and parser_sdl.cc.
// Errors never throw: the first one is kept, the parser is marked failed, and
// every parse function then returns nullptr/false so the descent unwinds.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/syntax/ast.h"
#include "core/syntax/lexer.h"
#include "core/syntax/parser.h"

namespace fraiseql::syntax {

// Nesting ceiling used when ParseLimits::max_depth is 0 or larger: every level
// costs a few stack frames, so this bounds the stack whatever the input.
constexpr uint32_t kDepthCeiling = 512;

// One stack per list item type, shared by every nesting level of one parse.
using ListStacks =
    std::tuple<std::vector<Definition *>, std::vector<Selection *>, std::vector<Value *>, std::vector<ObjectField>,
               std::vector<Argument>, std::vector<Directive>, std::vector<VariableDefinition>, std::vector<Name>,
               std::vector<OperationTypeDefinition>, std::vector<FieldDefinition>,
               std::vector<InputValueDefinition>, std::vector<EnumValueDefinition>>;

// Collects the items of one list (a selection set, arguments, ...) on top of
// its type's stack; finish() moves them to the arena. Lists nested inside
// push above it and are gone before it adds its next item, so once the stacks
// have grown, building lists costs no heap allocation.
template <class T>
class ListBuilder {
public:
	explicit ListBuilder(ListStacks &stacks) : stack_(std::get<std::vector<T>>(stacks)), mark_(stack_.size()) {}
	~ListBuilder() { stack_.erase(stack_.begin() + static_cast<std::ptrdiff_t>(mark_), stack_.end()); }
	ListBuilder(const ListBuilder &) = delete;
	ListBuilder &operator=(const ListBuilder &) = delete;

	void push_back(const T &item) { stack_.push_back(item); }

	Span<T> finish(util::Arena &arena)
	{
		Span<T> span;
		const size_t n = stack_.size() - mark_;
		if (n == 0)
			return span;
		span.items = static_cast<T *>(arena.allocate(sizeof(T) * n, alignof(T)));
		std::uninitialized_copy(stack_.begin() + static_cast<std::ptrdiff_t>(mark_), stack_.end(), span.items);
		span.count = static_cast<uint32_t>(n);
		return span;
	}

private:
	std::vector<T> &stack_;
	size_t mark_;
};

// The list stacks of the thread's last parse, kept for the next one so that a
// parse of a small document does not start with a dozen vector growths (about
// a tenth of the work on the introspection query). A nested parse on the same
// thread uses stacks of its own.
class KeptListStacks {
public:
	KeptListStacks();
	~KeptListStacks();
	KeptListStacks(const KeptListStacks &) = delete;
	KeptListStacks &operator=(const KeptListStacks &) = delete;
	ListStacks &get() { return *stacks_; }

private:
	ListStacks *stacks_;
	ListStacks own_;   // when the kept ones are in use
	bool kept_ = false; // stacks_ are the thread's kept stacks
};

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
	uint32_t token_count_ = 0; // lexed tokens, EOF included once reached
	uint32_t depth_ = 0;
	uint32_t depth_limit_;
	uint32_t token_limit_; // max_tokens, or UINT32_MAX for none
	bool failed_ = false;
	SyntaxError error_;
	KeptListStacks kept_lists_;
	ListStacks &lists_ = kept_lists_.get();

	// ---- tokens
	bool advance()
	{
		if (failed_)
			return false;
		prev_end_ = tok_.end;
		if (tok_.kind == TokenKind::Eof)
			return true;
		if (!lexer_.advance(tok_))
			return lexer_failed();
		// EOF is counted too (it comes once) but never trips the limit;
		// parse_document leaves it out of Document::token_count.
		if (++token_count_ > token_limit_ && tok_.kind != TokenKind::Eof)
			return too_many_tokens();
		return true;
	}
	[[gnu::noinline]] bool lexer_failed();
	[[gnu::noinline]] bool too_many_tokens();
	bool peek(TokenKind kind) const { return !failed_ && tok_.kind == kind; }
	bool peek_keyword(std::string_view word) const { return peek(TokenKind::Name) && tok_.value == word; }
	// Inline when the token is the expected one; the error path is apart.
	bool expect(TokenKind kind)
	{
		if (!failed_ && tok_.kind == kind)
			return advance();
		return expect_failed(kind);
	}
	[[gnu::noinline]] bool expect_failed(TokenKind kind);
	bool expect_optional(TokenKind kind)
	{
		if (failed_ || tok_.kind != kind)
			return false;
		return advance();
	}
	bool expect_keyword(std::string_view word);
	bool expect_optional_keyword(std::string_view word);
	bool lookahead(Token &out);
	bool fail(uint32_t offset, std::string message, SyntaxErrorKind kind = SyntaxErrorKind::Syntax);
	bool unexpected(const Token &token);
	bool unexpected() { return unexpected(tok_); }
	bool start();
	bool enter_nesting()
	{
		if (++depth_ > depth_limit_)
			return too_deep();
		return true;
	}
	[[gnu::noinline]] bool too_deep();
	void leave_nesting() { depth_--; }

	Loc begin() const { return Loc{tok_.start, tok_.end, tok_.line, tok_.column}; }
	void finish(Loc &loc) const { loc.end = prev_end_; }

	// ---- shared pieces (parser.cc)
	bool parse_name(Name &out)
	{
		if (failed_ || tok_.kind != TokenKind::Name)
			return expect_failed(TokenKind::Name);
		out.text = tok_.value;
		out.loc = begin();
		return advance();
	}
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
