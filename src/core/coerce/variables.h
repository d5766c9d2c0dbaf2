// variables.h: input coercion (spec "CoerceVariableValues" and "CoerceArgumentValues"):
// the request's variables (a jsonb object) and literal arguments become typed
// InputValue trees, whose leaves are text for the SQL parameters they bind to
// and which can be written back as JSON (mutation inputs).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/jsonb/jsonb_reader.h"
#include "core/response/json_writer.h"
#include "core/schema/schema.h"
#include "core/syntax/ast.h"

namespace fraiseql::coerce {

// A coerced input value. Object fields are in the input type's field order and
// hold only the fields that were given or have a default.
struct InputValue {
	enum class Kind : uint8_t { Null, Scalar, List, Object };
	// How a scalar is written as JSON.
	enum class Form : uint8_t { String, Number, Boolean, Json };

	Kind kind = Kind::Null;
	Form form = Form::String;
	bool boolean = false;
	std::string text; // Scalar: PostgreSQL input text; Form::Json: the JSON text
	std::vector<InputValue> items;
	std::vector<std::pair<std::string, InputValue>> fields;

	bool is_null() const { return kind == Kind::Null; }
	bool is_true() const { return kind == Kind::Scalar && form == Form::Boolean && boolean; }
	const InputValue *field(std::string_view name) const;
	void write_json(response::JsonWriter &out) const;
};

class VariableValues {
public:
	// nullptr when the variable was neither given nor defaulted.
	const InputValue *find(std::string_view name) const;
	void add(std::string name, InputValue value) { values_.emplace_back(std::move(name), std::move(value)); }

private:
	std::vector<std::pair<std::string, InputValue>> values_;
};

struct CoerceOptions {
	uint32_t max_depth = 32;       // nesting of lists and input objects
	bool hide_suggestions = false; // no "Did you mean" in messages
};

// `variables` is the root of the jsonb object, or Kind::Invalid when the
// request gave none. Errors are request errors (BAD_USER_INPUT), worded as
// graphql-js 17 words them; every problem of every variable is reported.
[[nodiscard]] ErrorList coerce_variables(const schema::Schema &schema, const syntax::OperationDefinition &operation,
                                         const jsonb::Value &variables, VariableValues &out,
                                         const CoerceOptions &options = CoerceOptions());

// A literal argument value (already validated) of type `type`, with variables
// substituted. Returns false with `reason` when it cannot be coerced (a
// variable of the wrong shape at run time, a malformed extra-scalar literal);
// `absent` is set when the value is an unset variable, so the argument is as if
// not given.
bool coerce_literal(const syntax::Value &value, const schema::TypeExpr &type, const VariableValues &variables,
                    InputValue &out, bool &absent, std::string &reason);

// Text of a literal argument value of a leaf type; false for other literals.
bool literal_text(const syntax::Value &value, std::string &out);

// Resolves an AST type reference against the schema (nullptr named when unknown).
schema::TypeExpr type_of(const schema::Schema &schema, const syntax::TypeRef *ref);

} // namespace fraiseql::coerce
