// parser.cc: token handling, values, types and executable definitions, plus the public entry points.
#include "core/syntax/parser.h"

#include "core/syntax/parser_impl.h"

namespace fraiseql::syntax {

namespace {

// graphql-js getTokenDesc: the kind (quoted when a punctuator) and any value.
std::string
token_desc(const Token &t)
{
	std::string out;
	if (is_punctuator(t.kind)) {
		out = "\"";
		out += token_kind_name(t.kind);
		out += "\"";
	} else {
		out = token_kind_name(t.kind);
	}
	if (token_has_value(t.kind)) {
		out += " \"";
		out.append(t.value.data(), t.value.size());
		out += "\"";
	}
	return out;
}

std::string
kind_desc(TokenKind kind)
{
	if (is_punctuator(kind))
		return std::string("\"") + token_kind_name(kind) + "\"";
	return token_kind_name(kind);
}

struct ThreadListStacks {
	ListStacks stacks;
	bool in_use = false;
};
thread_local ThreadListStacks thread_list_stacks;

// Stacks that grew past this (a huge list) are freed rather than kept.
constexpr size_t kKeptStackBytes = 256 * 1024;

} // namespace

KeptListStacks::KeptListStacks() : stacks_(&own_)
{
	if (!thread_list_stacks.in_use) {
		thread_list_stacks.in_use = true;
		stacks_ = &thread_list_stacks.stacks;
		kept_ = true;
	}
}

KeptListStacks::~KeptListStacks()
{
	if (!kept_)
		return;
	// Every ListBuilder has emptied its part by now; only capacity is left.
	std::apply(
	    [](auto &...stack) {
		    auto trim = [](auto &v) {
			    v.clear();
			    if (v.capacity() * sizeof(v[0]) > kKeptStackBytes)
				    v.shrink_to_fit();
		    };
		    (trim(stack), ...);
	    },
	    thread_list_stacks.stacks);
	thread_list_stacks.in_use = false;
}

Parser::Parser(std::string_view source, util::Arena &arena, const ParseOptions &options)
    : src_(source), arena_(arena), options_(options), lexer_(source, arena)
{
	uint32_t max = options.limits.max_depth;
	depth_limit_ = (max == 0 || max > kDepthCeiling) ? kDepthCeiling : max;
	token_limit_ = options.limits.max_tokens == 0 ? UINT32_MAX : options.limits.max_tokens;
}

bool
Parser::fail(uint32_t offset, std::string message, SyntaxErrorKind kind)
{
	if (failed_)
		return false;
	failed_ = true;
	error_ = make_syntax_error(src_, offset, std::move(message), kind);
	return false;
}

bool
Parser::unexpected(const Token &token)
{
	return fail(token.start, "Unexpected " + token_desc(token) + ".");
}

// The failure paths of advance() live apart, so that the per-token path
// stays small enough to inline.
bool
Parser::lexer_failed()
{
	failed_ = true;
	error_ = lexer_.error();
	return false;
}

bool
Parser::too_many_tokens()
{
	return fail(tok_.start,
	            "Document contains more than " + std::to_string(options_.limits.max_tokens) +
	                " tokens. Parsing aborted.",
	            SyntaxErrorKind::Limit);
}

bool
Parser::start()
{
	size_t max = options_.limits.max_bytes;
	if (max != 0 && src_.size() > max) {
		failed_ = true;
		error_.kind = SyntaxErrorKind::Limit;
		error_.message = "Syntax Error: Document exceeds the maximum size of " + std::to_string(max) + " bytes.";
		return false;
	}
	tok_ = Token();
	return expect(TokenKind::Sof);
}

bool
Parser::expect_failed(TokenKind kind)
{
	if (failed_)
		return false;
	return fail(tok_.start, "Expected " + kind_desc(kind) + ", found " + token_desc(tok_) + ".");
}

bool
Parser::expect_keyword(std::string_view word)
{
	if (failed_)
		return false;
	if (tok_.kind == TokenKind::Name && tok_.value == word)
		return advance();
	return fail(tok_.start, "Expected \"" + std::string(word) + "\", found " + token_desc(tok_) + ".");
}

bool
Parser::expect_optional_keyword(std::string_view word)
{
	if (!peek_keyword(word))
		return false;
	return advance();
}

bool
Parser::lookahead(Token &out)
{
	if (failed_)
		return false;
	if (tok_.kind == TokenKind::Eof) {
		out = tok_;
		return true;
	}
	Lexer::State saved = lexer_.state();
	if (!lexer_.advance(out)) {
		failed_ = true;
		error_ = lexer_.error();
		return false;
	}
	lexer_.restore(saved);
	return true;
}

bool
Parser::too_deep()
{
	return fail(tok_.start, "Document nesting exceeds the maximum depth of " + std::to_string(depth_limit_) + ".",
	            SyntaxErrorKind::Limit);
}

// ---- shared pieces -------------------------------------------------------------

bool
Parser::parse_description(std::string_view &text, bool &has, bool &block)
{
	if (!peek(TokenKind::String) && !peek(TokenKind::BlockString))
		return !failed_;
	text = tok_.value;
	has = true;
	block = tok_.kind == TokenKind::BlockString;
	return advance();
}

bool
Parser::parse_operation_type(OperationType &out)
{
	Token t = tok_;
	if (!expect(TokenKind::Name))
		return false;
	if (t.value == "query")
		out = OperationType::Query;
	else if (t.value == "mutation")
		out = OperationType::Mutation;
	else if (t.value == "subscription")
		out = OperationType::Subscription;
	else
		return unexpected(t);
	return true;
}

Value *
Parser::parse_string_literal()
{
	Value *v = arena_.make<Value>();
	v->kind = ValueKind::String;
	v->loc = begin();
	v->text = tok_.value;
	v->block = tok_.kind == TokenKind::BlockString;
	if (!advance())
		return nullptr;
	finish(v->loc);
	return v;
}

Value *
Parser::parse_value(bool is_const)
{
	if (failed_)
		return nullptr;
	Value *v;
	switch (tok_.kind) {
	case TokenKind::BracketL:
	case TokenKind::BraceL: {
		const bool is_list = tok_.kind == TokenKind::BracketL;
		if (!enter_nesting())
			return nullptr;
		v = arena_.make<Value>();
		v->kind = is_list ? ValueKind::List : ValueKind::Object;
		v->loc = begin();
		advance();
		const TokenKind close = is_list ? TokenKind::BracketR : TokenKind::BraceR;
		ListBuilder<Value *> items(lists_);
		ListBuilder<ObjectField> fields(lists_);
		while (!failed_ && !expect_optional(close)) {
			if (is_list) {
				Value *item = parse_value(is_const);
				if (!item)
					return nullptr;
				items.push_back(item);
			} else {
				ObjectField f;
				f.loc = begin();
				if (!parse_name(f.name) || !expect(TokenKind::Colon))
					return nullptr;
				f.value = parse_value(is_const);
				if (!f.value)
					return nullptr;
				finish(f.loc);
				fields.push_back(f);
			}
		}
		if (failed_)
			return nullptr;
		leave_nesting();
		v->list = items.finish(arena_);
		v->fields = fields.finish(arena_);
		finish(v->loc);
		return v;
	}
	case TokenKind::Int:
	case TokenKind::Float:
		v = arena_.make<Value>();
		v->kind = tok_.kind == TokenKind::Int ? ValueKind::Int : ValueKind::Float;
		v->loc = begin();
		v->text = tok_.value;
		if (!advance())
			return nullptr;
		finish(v->loc);
		return v;
	case TokenKind::String:
	case TokenKind::BlockString:
		return parse_string_literal();
	case TokenKind::Name:
		v = arena_.make<Value>();
		v->loc = begin();
		if (tok_.value == "true" || tok_.value == "false") {
			v->kind = ValueKind::Boolean;
			v->boolean = tok_.value == "true";
		} else if (tok_.value == "null") {
			v->kind = ValueKind::Null;
		} else {
			v->kind = ValueKind::Enum;
			v->text = tok_.value;
		}
		if (!advance())
			return nullptr;
		finish(v->loc);
		return v;
	case TokenKind::Dollar: {
		Token dollar = tok_;
		if (is_const) {
			if (!advance())
				return nullptr;
			if (tok_.kind == TokenKind::Name)
				fail(dollar.start, "Unexpected variable \"$" + std::string(tok_.value) + "\" in constant value.");
			else
				unexpected(dollar);
			return nullptr;
		}
		v = arena_.make<Value>();
		v->kind = ValueKind::Variable;
		v->loc = begin();
		advance();
		Name name;
		if (!parse_name(name))
			return nullptr;
		v->text = name.text;
		finish(v->loc);
		return v;
	}
	default:
		unexpected();
		return nullptr;
	}
}

TypeRef *
Parser::parse_type_reference()
{
	if (failed_)
		return nullptr;
	Loc loc = begin();
	TypeRef *type = arena_.make<TypeRef>();
	type->loc = loc;
	if (peek(TokenKind::BracketL)) {
		if (!enter_nesting())
			return nullptr;
		advance();
		type->kind = TypeKind::List;
		type->of_type = parse_type_reference();
		if (!type->of_type || !expect(TokenKind::BracketR))
			return nullptr;
		leave_nesting();
	} else {
		type->kind = TypeKind::Named;
		if (!parse_named_type(type->name))
			return nullptr;
	}
	finish(type->loc);
	if (peek(TokenKind::Bang)) {
		if (!advance())
			return nullptr;
		TypeRef *non_null = arena_.make<TypeRef>();
		non_null->kind = TypeKind::NonNull;
		non_null->loc = loc;
		non_null->of_type = type;
		finish(non_null->loc);
		return non_null;
	}
	return type;
}

bool
Parser::parse_arguments(bool is_const, Span<Argument> &out)
{
	if (!expect_optional(TokenKind::ParenL))
		return !failed_;
	ListBuilder<Argument> args(lists_);
	do {
		Argument a;
		a.loc = begin();
		if (!parse_name(a.name) || !expect(TokenKind::Colon))
			return false;
		a.value = parse_value(is_const);
		if (!a.value)
			return false;
		finish(a.loc);
		args.push_back(a);
	} while (!failed_ && !expect_optional(TokenKind::ParenR));
	out = args.finish(arena_);
	return !failed_;
}

bool
Parser::parse_directives(bool is_const, Span<Directive> &out)
{
	if (!peek(TokenKind::At)) { // the common case: no list to build
		out = Span<Directive>();
		return !failed_;
	}
	ListBuilder<Directive> dirs(lists_);
	while (peek(TokenKind::At)) {
		Directive d;
		d.loc = begin();
		if (!advance() || !parse_name(d.name) || !parse_arguments(is_const, d.arguments))
			return false;
		finish(d.loc);
		dirs.push_back(d);
	}
	out = dirs.finish(arena_);
	return !failed_;
}

// ---- executable definitions ------------------------------------------------------

Definition *
Parser::parse_definition()
{
	if (failed_)
		return nullptr;
	if (peek(TokenKind::BraceL))
		return parse_operation_definition();
	const bool has_description = peek(TokenKind::String) || peek(TokenKind::BlockString);
	Token keyword = tok_;
	if (has_description && !lookahead(keyword))
		return nullptr;
	if (has_description && keyword.kind == TokenKind::BraceL) {
		fail(tok_.start, "Unexpected description, descriptions are not supported on shorthand queries.");
		return nullptr;
	}
	if (keyword.kind == TokenKind::Name) {
		std::string_view w = keyword.value;
		if (w == "schema")
			return parse_schema_definition();
		if (w == "scalar")
			return parse_type_definition(DefinitionKind::ScalarType, w);
		if (w == "type")
			return parse_type_definition(DefinitionKind::ObjectType, w);
		if (w == "interface")
			return parse_type_definition(DefinitionKind::InterfaceType, w);
		if (w == "union")
			return parse_type_definition(DefinitionKind::UnionType, w);
		if (w == "enum")
			return parse_type_definition(DefinitionKind::EnumType, w);
		if (w == "input")
			return parse_type_definition(DefinitionKind::InputObjectType, w);
		if (w == "directive")
			return parse_directive_definition();
		if (w == "query" || w == "mutation" || w == "subscription")
			return parse_operation_definition();
		if (w == "fragment")
			return parse_fragment_definition();
		if (has_description) {
			fail(tok_.start, "Unexpected description, only GraphQL definitions support descriptions.");
			return nullptr;
		}
		if (w == "extend")
			return parse_type_system_extension();
	}
	unexpected(keyword);
	return nullptr;
}

Definition *
Parser::parse_operation_definition()
{
	OperationDefinition *op = arena_.make<OperationDefinition>();
	op->kind = DefinitionKind::Operation;
	op->loc = begin();
	if (peek(TokenKind::BraceL)) {
		op->shorthand = true;
		op->selection_set = parse_selection_set();
		if (!op->selection_set)
			return nullptr;
		finish(op->loc);
		return op;
	}
	if (!parse_description(op->description, op->has_description, op->description_block) ||
	    !parse_operation_type(op->operation))
		return nullptr;
	if (peek(TokenKind::Name) && !parse_name(op->name))
		return nullptr;
	if (!parse_variable_definitions(op->variables) || !parse_directives(false, op->directives))
		return nullptr;
	op->selection_set = parse_selection_set();
	if (!op->selection_set)
		return nullptr;
	finish(op->loc);
	return op;
}

bool
Parser::parse_variable_definitions(Span<VariableDefinition> &out)
{
	if (!expect_optional(TokenKind::ParenL))
		return !failed_;
	ListBuilder<VariableDefinition> defs(lists_);
	do {
		VariableDefinition d;
		d.loc = begin();
		if (!parse_description(d.description, d.has_description, d.description_block) ||
		    !expect(TokenKind::Dollar) || !parse_name(d.variable) || !expect(TokenKind::Colon))
			return false;
		d.type = parse_type_reference();
		if (!d.type)
			return false;
		if (expect_optional(TokenKind::Equals)) {
			d.default_value = parse_value(true);
			if (!d.default_value)
				return false;
		}
		if (!parse_directives(true, d.directives))
			return false;
		finish(d.loc);
		defs.push_back(d);
	} while (!failed_ && !expect_optional(TokenKind::ParenR));
	out = defs.finish(arena_);
	return !failed_;
}

SelectionSet *
Parser::parse_selection_set()
{
	if (failed_)
		return nullptr;
	SelectionSet *set = arena_.make<SelectionSet>();
	set->loc = begin();
	if (!peek(TokenKind::BraceL)) {
		expect(TokenKind::BraceL);
		return nullptr;
	}
	if (!enter_nesting())
		return nullptr;
	advance();
	// graphql-js 17 accepts an empty selection set unless told otherwise.
	ListBuilder<Selection *> items(lists_);
	while (!failed_ && !expect_optional(TokenKind::BraceR)) {
		Selection *s = parse_selection();
		if (!s)
			return nullptr;
		items.push_back(s);
	}
	if (failed_)
		return nullptr;
	leave_nesting();
	set->selections = items.finish(arena_);
	finish(set->loc);
	return set;
}

Selection *
Parser::parse_selection()
{
	return peek(TokenKind::Spread) ? parse_fragment() : parse_field();
}

Selection *
Parser::parse_field()
{
	Field *f = arena_.make<Field>();
	f->kind = SelectionKind::Field;
	f->loc = begin();
	Name first;
	if (!parse_name(first))
		return nullptr;
	if (expect_optional(TokenKind::Colon)) {
		f->alias = first;
		if (!parse_name(f->name))
			return nullptr;
	} else {
		f->name = first;
	}
	if (!parse_arguments(false, f->arguments) || !parse_directives(false, f->directives))
		return nullptr;
	if (peek(TokenKind::BraceL)) {
		f->selection_set = parse_selection_set();
		if (!f->selection_set)
			return nullptr;
	}
	if (failed_)
		return nullptr;
	finish(f->loc);
	return f;
}

bool
Parser::parse_fragment_name(Name &out)
{
	if (!failed_ && token_has_value(tok_.kind) && tok_.value == "on")
		return unexpected();
	return parse_name(out);
}

Selection *
Parser::parse_fragment()
{
	Loc loc = begin();
	if (!expect(TokenKind::Spread))
		return nullptr;
	const bool has_type_condition = expect_optional_keyword("on");
	if (failed_)
		return nullptr;
	if (!has_type_condition && peek(TokenKind::Name)) {
		FragmentSpread *s = arena_.make<FragmentSpread>();
		s->kind = SelectionKind::FragmentSpread;
		s->loc = loc;
		if (!parse_fragment_name(s->name))
			return nullptr;
		if (peek(TokenKind::ParenL) && options_.experimental_fragment_arguments &&
		    !parse_arguments(false, s->arguments))
			return nullptr;
		if (!parse_directives(false, s->directives))
			return nullptr;
		finish(s->loc);
		return s;
	}
	InlineFragment *f = arena_.make<InlineFragment>();
	f->kind = SelectionKind::InlineFragment;
	f->loc = loc;
	if (has_type_condition && !parse_named_type(f->type_condition))
		return nullptr;
	if (!parse_directives(false, f->directives))
		return nullptr;
	f->selection_set = parse_selection_set();
	if (!f->selection_set)
		return nullptr;
	finish(f->loc);
	return f;
}

Definition *
Parser::parse_fragment_definition()
{
	FragmentDefinition *d = arena_.make<FragmentDefinition>();
	d->kind = DefinitionKind::Fragment;
	d->loc = begin();
	if (!parse_description(d->description, d->has_description, d->description_block) ||
	    !expect_keyword("fragment") || !parse_fragment_name(d->name))
		return nullptr;
	if (options_.experimental_fragment_arguments && !parse_variable_definitions(d->variables))
		return nullptr;
	if (!expect_keyword("on") || !parse_named_type(d->type_condition) || !parse_directives(false, d->directives))
		return nullptr;
	d->selection_set = parse_selection_set();
	if (!d->selection_set)
		return nullptr;
	finish(d->loc);
	return d;
}

// ---- entry points ------------------------------------------------------------------

Document *
Parser::parse_document()
{
	if (!start())
		return nullptr;
	Document *doc = arena_.make<Document>();
	doc->source = src_;
	ListBuilder<Definition *> defs(lists_);
	do {
		Definition *d = parse_definition();
		if (!d)
			return nullptr;
		defs.push_back(d);
	} while (!failed_ && !expect_optional(TokenKind::Eof));
	if (failed_)
		return nullptr;
	doc->definitions = defs.finish(arena_);
	doc->token_count = token_count_ - 1; // the document ended at EOF, which was counted
	return doc;
}

Value *
Parser::parse_value_entry(bool is_const)
{
	if (!start())
		return nullptr;
	Value *v = parse_value(is_const);
	if (!v || !expect(TokenKind::Eof))
		return nullptr;
	return v;
}

TypeRef *
Parser::parse_type_entry()
{
	if (!start())
		return nullptr;
	TypeRef *t = parse_type_reference();
	if (!t || !expect(TokenKind::Eof))
		return nullptr;
	return t;
}

ParseResult
parse_document(std::string_view source, util::Arena &arena, const ParseOptions &options)
{
	Parser parser(source, arena, options);
	ParseResult r;
	r.document = parser.parse_document();
	if (!r.document)
		r.error = parser.error();
	return r;
}

ValueParseResult
parse_value(std::string_view source, util::Arena &arena, bool const_only, const ParseOptions &options)
{
	Parser parser(source, arena, options);
	ValueParseResult r;
	r.value = parser.parse_value_entry(const_only);
	if (!r.value)
		r.error = parser.error();
	return r;
}

TypeParseResult
parse_type(std::string_view source, util::Arena &arena, const ParseOptions &options)
{
	Parser parser(source, arena, options);
	TypeParseResult r;
	r.type = parser.parse_type_entry();
	if (!r.type)
		r.error = parser.error();
	return r;
}

} // namespace fraiseql::syntax
