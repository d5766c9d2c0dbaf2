// sdl_fuzz.cc: libFuzzer target for SDL loading and validation: the input is
// SDL text, read by validation::validate_sdl and by schema::build_schema in
// FraiseQL mode and in Spec mode. Built by `make fuzz` (clang, ASan/UBSan) and
// replayed by `make fuzz-replay` (g++ sanitizers).
//
// Beyond "no sanitizer report", it abort()s when a property fails:
//   - every error has a message and its locations lie inside the text it
//     speaks of (the SDL, or the executable document validated against it);
//   - build_schema gives a schema exactly when it gives no error;
//   - a schema that builds prints (print_schema), and that text builds again in
//     the same mode and prints identically (FraiseQL mode with its bindings,
//     Spec mode without), unless there is nothing to print;
//   - fixed executable documents, and one made from the schema's query type,
//     validate against every schema that builds without crashing;
//   - what fraiseql.load_schema accepts (validate_fraiseql_sdl finds nothing,
//     then build_schema in FraiseQL mode builds) prints as text that it
//     accepts again (schema_sdl() output must load).
#include <string>
#include <string_view>

#include "core/schema/print_schema.h"
#include "core/schema/schema.h"
#include "core/syntax/parser.h"
#include "core/util/arena.h"
#include "core/validation/sdl/fraiseql_sdl.h"
#include "core/validation/sdl/validate_sdl.h"
#include "core/validation/validate.h"
#include "fuzz/fuzz_check.h"

namespace {

using namespace fraiseql;

constexpr const char *kTarget = "sdl_fuzz";
constexpr size_t kMaxBytes = 16 * 1024;

const char *const kDocuments[] = {
    "{ __typename }",
    "query Q($v: String, $n: Int = 3) { __schema { queryType { name } types { name kind "
    "fields(includeDeprecated: true) { name args { name defaultValue type { name kind ofType { name } } } } "
    "inputFields { name } enumValues(includeDeprecated: true) { name } possibleTypes { name } } "
    "directives { name locations args { name } } } }",
    "{ __type(name: \"Query\") { name fields { name type { name } } } a: __typename }",
    "mutation { __typename } subscription S { __typename }",
    "query { ...F } fragment F on Query { __typename ... on Query { __typename } }",
};

// A selection of the query type's first fields (composite ones with
// __typename), plus fragments on the first types: exercises the rules with
// the schema's own names.
std::string
document_for(const schema::Schema &s)
{
	std::string doc = "query Generated {";
	const schema::TypeDef *query = s.query_type();
	if (query) {
		size_t n = 0;
		for (const schema::FieldDef &f : query->fields) {
			if (n++ == 20)
				break;
			doc += " " + f.name;
			const schema::TypeDef *named = f.type.named;
			if (named && named->kind != schema::TypeKind::Scalar && named->kind != schema::TypeKind::Enum)
				doc += " { __typename }";
		}
	}
	size_t n = 0;
	std::string fragments;
	for (const auto &t : s.types()) {
		if (n++ == 20)
			break;
		doc += " ...F" + std::to_string(n);
		fragments += " fragment F" + std::to_string(n) + " on " + t->name + " { __typename }";
	}
	return doc + " }" + fragments;
}

void
validate_documents(const schema::Schema &s, std::string_view input)
{
	validation::ValidateOptions options;
	options.max_errors = 20;
	for (const char *text : kDocuments) {
		validation::TextValidation r = validation::validate_text(s, text, options, false);
		if (r.syntax_error)
			fuzz::violated(kTarget, "a fixed document does not parse", input, text);
		fuzz::check_errors(kTarget, "validate fixed document", r.errors, text, input);
	}
	std::string generated = document_for(s);
	validation::TextValidation r = validation::validate_text(s, generated, options, false);
	fuzz::check_errors(kTarget, "validate generated document", r.errors, generated, input);
}

// Errors of validate_fraiseql_sdl, the check load_schema runs before building;
// nullopt-like `parsed` false when the text does not parse.
ErrorList
fraiseql_sdl_errors(std::string_view sdl, bool &parsed_ok)
{
	util::Arena arena;
	syntax::ParseResult parsed = syntax::parse_document(sdl, arena);
	parsed_ok = parsed.document != nullptr;
	if (!parsed.document)
		return ErrorList();
	return validation::validate_fraiseql_sdl(*parsed.document);
}

void
check_build(std::string_view sdl, schema::BuildMode mode, bool load_schema_accepts, std::string_view input)
{
	schema::BuildOptions options;
	options.mode = mode;
	const bool fraiseql_mode = mode == schema::BuildMode::FraiseQL;
	const char *stage = fraiseql_mode ? "build_schema FraiseQL" : "build_schema Spec";
	schema::BuildResult built = schema::build_schema(sdl, options);
	fuzz::check_errors(kTarget, stage, built.errors, sdl, input);
	if (!built.schema != !built.errors.empty())
		fuzz::violated(kTarget, "build_schema gave a schema and errors, or neither", input, stage);
	if (!built.schema)
		return;
	validate_documents(*built.schema, input);

	schema::PrintOptions print_options;
	print_options.fraiseql_directives = fraiseql_mode;
	std::string printed = schema::print_schema(*built.schema, print_options);
	// Nothing to print (only redefined built-in directives, as graphql-js
	// leaves out anything named like a specified one): an empty document.
	if (printed.find_first_not_of(" \n") == std::string::npos)
		return;
	schema::BuildResult again = schema::build_schema(printed, options);
	if (!again.schema)
		fuzz::violated(kTarget, "the printed schema does not build again", input,
		               std::string(stage) + "\n" + printed + "\n--- error\n" +
		                   (again.errors.empty() ? "" : again.errors[0].message));
	if (fraiseql_mode && load_schema_accepts) {
		bool parsed_ok = false;
		ErrorList problems = fraiseql_sdl_errors(printed, parsed_ok);
		if (!parsed_ok || !problems.empty())
			fuzz::violated(kTarget, "load_schema accepts the SDL but not its printed schema", input,
			               printed + "\n--- error\n" + (problems.empty() ? "does not parse" : problems[0].message));
	}
	std::string reprinted = schema::print_schema(*again.schema, print_options);
	if (reprinted != printed)
		fuzz::violated(kTarget, "printing the schema is not a fixed point", input,
		               std::string(stage) + "\n" + printed + "\n--- reprinted\n" + reprinted);
}

void
check_validate_sdl(std::string_view sdl, std::string_view input)
{
	util::Arena arena;
	syntax::ParseResult parsed = syntax::parse_document(sdl, arena);
	if (!parsed.document)
		return;
	ErrorList errors = validation::validate_sdl(*parsed.document, nullptr);
	fuzz::check_errors(kTarget, "validate_sdl", errors, sdl, input);
	ErrorList first = validation::validate_sdl(*parsed.document, nullptr, validation::SdlRuleSelection::all(), 1);
	fuzz::check_errors(kTarget, "validate_sdl max_errors 1", first, sdl, input);
	if (first.size() > 2 || (errors.empty() != first.empty()))
		fuzz::violated(kTarget, "validate_sdl with max_errors 1 disagrees with the full run", input, "");
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > kMaxBytes)
		return 0;
	std::string_view sdl(reinterpret_cast<const char *>(data), size);
	check_validate_sdl(sdl, sdl);
	bool parsed_ok = false;
	ErrorList problems = fraiseql_sdl_errors(sdl, parsed_ok);
	fuzz::check_errors(kTarget, "validate_fraiseql_sdl", problems, sdl, sdl);
	check_build(sdl, schema::BuildMode::FraiseQL, parsed_ok && problems.empty(), sdl);
	check_build(sdl, schema::BuildMode::Spec, false, sdl);
	return 0;
}
