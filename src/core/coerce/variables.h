// variables.h: coercion of the request's variables (a jsonb object) to the
// operation's declared types (spec "CoerceVariableValues"), giving each value
// as text for the SQL parameter it binds to.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/jsonb/jsonb_reader.h"
#include "core/response/json_writer.h"
#include "core/schema/schema.h"
#include "core/syntax/ast.h"

namespace fraiseql::coerce {

struct CoercedValue {
	std::string name;
	bool is_null = false;
	bool is_boolean = false; // for @skip/@include
	bool boolean = false;
	std::string text; // the value as PostgreSQL input text
};

class VariableValues {
public:
	const CoercedValue *find(std::string_view name) const;
	void add(CoercedValue v) { values_.push_back(std::move(v)); }

private:
	std::vector<CoercedValue> values_;
};

// `variables` is the root of the jsonb object, or Kind::Invalid when the
// request gave none. Errors are request errors (BAD_USER_INPUT), graphql-js worded.
[[nodiscard]] ErrorList coerce_variables(const schema::Schema &schema, const syntax::OperationDefinition &operation,
                                         const jsonb::Value &variables, VariableValues &out);

// Text of a literal argument value of a leaf type, or an error message.
bool literal_text(const syntax::Value &value, std::string &out);

// Resolves an AST type reference against the schema (nullptr named when unknown).
schema::TypeExpr type_of(const schema::Schema &schema, const syntax::TypeRef *ref);

} // namespace fraiseql::coerce
