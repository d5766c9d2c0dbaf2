// coerce_fuzz.cc: libFuzzer target for variable coercion (coerce_variables).
// The input is "document NUL variables-JSON", or variables JSON alone, which
// then runs against a fixed operation declaring a variable of every kind the
// fixed schema has: input objects (nested, recursive, with defaults), @oneOf,
// enums, nested lists, the spec scalars, the extra scalars and a custom one.
// The variables become jsonb the way the unit tests make it (test/unit/support/
// jsonb_builder), after a strict check that PostgreSQL's jsonb input would take
// the text (valid UTF-8, no lone surrogate or \u0000 escape); a document must
// pass the validation rules that concern variable definitions first, as the
// request pipeline validates before it coerces.
//
// Properties, abort() when one fails:
//   - every error is BAD_USER_INPUT with a message and locations inside the
//     document;
//   - the coerced values written as JSON (InputValue::write_json) are valid
//     JSON and UTF-8;
//   - coercing that JSON again succeeds and gives the same JSON (idempotence).
#include <string>
#include <string_view>

#include "core/coerce/variables.h"
#include "core/response/json_writer.h"
#include "core/schema/schema.h"
#include "core/syntax/parser.h"
#include "core/util/arena.h"
#include "core/validation/validate.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/json_check.h"
#include "unit/support/jsonb_builder.h"

namespace {

using namespace fraiseql;

constexpr const char *kTarget = "coerce_fuzz";
constexpr size_t kMaxBytes = 16 * 1024;

const char *const kSchema = R"(
scalar Opaque
enum Role { ADMIN MEMBER GUEST }
input UserFilter { name: String! role: Role = MEMBER minAge: Int tags: [String!] nested: UserFilter }
input Where { id: UUID born: Date AND: [Where!] OR: [Where!] NOT: Where }
input Pick @oneOf { id: ID email: String role: Role filter: UserFilter }
input Defaults { a: Int = 1 b: [Float] = [1.5, 2] c: Pick = {id: "x"} d: Date = "2024-01-01" e: [[Role!]] = [[ADMIN]] }
type Item @view(name: "app.v_item") { id: ID! }
type Query { items: [Item!]! }
)";

const char *const kOperation =
    "query Fixed($i: Int, $f: Float, $s: String, $b: Boolean, $id: ID, $u: UUID, $d: Date, $dt: DateTime,\n"
    "  $t: Time, $big: BigInt, $dec: Decimal, $j: JSON, $o: Opaque, $role: Role, $roles: [Role!],\n"
    "  $filter: UserFilter, $filters: [UserFilter], $pick: Pick, $picks: [Pick!], $where: Where,\n"
    "  $matrix: [[Int!]!], $ints: [Int], $def: Defaults, $req: String! = \"x\", $n: Int = 5,\n"
    "  $listDefault: [Role] = [ADMIN], $objDefault: UserFilter = {name: \"d\", tags: \"one\"}) { items { id } }";

// The rules whose guarantees coerce_variables relies on.
const char *const kRules[] = {"UniqueVariableNamesRule", "VariablesAreInputTypesRule", "KnownTypeNamesRule",
                              "ValuesOfCorrectTypeRule", "LoneAnonymousOperationRule"};

const schema::Schema &
fixed_schema()
{
	static schema::BuildResult built = schema::build_schema(kSchema);
	if (!built.schema)
		fuzz::violated(kTarget, "the fixed schema does not build", "",
		               built.errors.empty() ? "" : built.errors[0].message);
	return *built.schema;
}

// Coerces `variables` (null: none given) and returns the coerced values as
// {"name": value, ...}, or false with the errors checked.
bool
coerce(const syntax::OperationDefinition &op, std::string_view document, const std::string *variables_json,
       std::string &out, std::string_view input, const char *stage)
{
	std::string bytes = variables_json ? test::jsonb_from_json(*variables_json) : std::string();
	jsonb::Value root = variables_json ? jsonb::root(bytes.data(), bytes.size()) : jsonb::Value();
	coerce::VariableValues values;
	ErrorList errors = coerce::coerce_variables(fixed_schema(), op, root, values);
	fuzz::check_errors(kTarget, stage, errors, document, input);
	for (const GraphQLError &e : errors)
		if (e.code != ErrorCode::BadUserInput)
			fuzz::violated(kTarget, "a coercion error that is not BAD_USER_INPUT", input, e.message);
	if (!errors.empty())
		return false;
	response::JsonWriter json(response::heap_buffer_source());
	json.raw('{');
	bool first = true;
	for (const syntax::VariableDefinition &def : op.variables) {
		const coerce::InputValue *v = values.find(def.variable.text);
		if (!v)
			continue;
		if (!first)
			json.raw(',');
		first = false;
		json.string(def.variable.text);
		json.raw(':');
		v->write_json(json);
	}
	json.raw('}');
	if (json.failed())
		fuzz::violated(kTarget, "the JSON writer failed", input, "");
	out.assign(json.json());
	return true;
}

void
run(std::string_view document, const std::string *variables_json, std::string_view input)
{
	util::Arena arena;
	syntax::ParseResult parsed = syntax::parse_document(document, arena);
	if (!parsed.document) {
		if (document == kOperation)
			fuzz::violated(kTarget, "the fixed operation does not parse", "", parsed.error.message);
		return;
	}
	const syntax::OperationDefinition *op = nullptr;
	for (const syntax::Definition *d : parsed.document->definitions)
		if (d->kind == syntax::DefinitionKind::Operation) {
			op = static_cast<const syntax::OperationDefinition *>(d);
			break;
		}
	if (!op)
		return;
	if (document != kOperation) {
		validation::ValidateOptions options;
		options.rules.assign(std::begin(kRules), std::end(kRules));
		if (!validation::validate(fixed_schema(), *parsed.document, options).empty())
			return;
	}
	std::string first;
	if (!coerce(*op, document, variables_json, first, input, "coerce"))
		return;
	std::string error;
	if (!fuzz::valid_json(first, &error))
		fuzz::violated(kTarget, "coerced values are not valid JSON", input, first + "\n--- " + error);
	std::string second;
	if (!coerce(*op, document, &first, second, input, "coerce again"))
		fuzz::violated(kTarget, "the coerced values do not coerce again", input, first);
	if (second != first)
		fuzz::violated(kTarget, "coercion is not idempotent", input, first + "\n--- again\n" + second);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > kMaxBytes)
		return 0;
	std::string_view input(reinterpret_cast<const char *>(data), size);
	size_t nul = input.find('\0');
	std::string_view document = nul == std::string_view::npos ? std::string_view(kOperation) : input.substr(0, nul);
	std::string_view variables = nul == std::string_view::npos ? input : input.substr(nul + 1);
	// What PostgreSQL's jsonb input accepts, and what the test builder can encode.
	fuzz::JsonRules rules;
	rules.max_depth = 64;
	rules.allow_nul_escape = false;
	rules.max_exponent = 400;
	if (variables.empty()) {
		run(document, nullptr, input);
		return 0;
	}
	std::string json(variables);
	if (!fuzz::valid_json(json, nullptr, rules))
		return 0;
	run(document, &json, input);
	return 0;
}
