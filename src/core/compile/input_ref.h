// input_ref.h: a position inside an argument value, which is either still in
// the document (a literal) or inside a variable's coerced value. Compiling
// through this view keeps the two apart: literal leaves are coerced and lifted
// into parameters, variable leaves become parameters with a path into the
// variable, and every variable reached is recorded as a shape variable,
// because which filters exist (and null versus a value) changes the SQL.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/coerce/variables.h"
#include "core/compile/plan.h"
#include "core/syntax/ast.h"

namespace fraiseql::compile {

struct InputRef {
	const syntax::Value *ast = nullptr;       // literal mode
	const coerce::InputValue *value = nullptr; // variable mode
	std::string_view variable;                // variable mode: the variable's name (views the document)
	std::vector<PathStep> path;               // variable mode: from the variable to `value`
	syntax::Loc loc;                          // of the nearest literal (the variable's use)

	bool in_variable() const { return !variable.empty(); }
	bool present() const { return ast || value; }
	bool is_null() const;
	// Literal mode: a Boolean or enum literal; variable mode: the coerced value.
	bool boolean() const;
	std::string enum_value() const;
};

// Resolves references to variables for one request.
class InputReader {
public:
	// `on_variable` is called with each variable name reached (a shape variable).
	InputReader(const coerce::VariableValues &variables, std::function<void(std::string_view)> on_variable)
	    : variables_(variables), on_variable_(std::move(on_variable))
	{
	}

	// A reference to an argument's value (its AST value).
	InputRef root(const syntax::Value &value) const;
	// The field `name` of an input object value; absent when not given.
	InputRef field(const InputRef &object, std::string_view name) const;
	// The items of a list value (a single value is a list of one, spec 3.11).
	std::vector<InputRef> items(const InputRef &list) const;

private:
	const coerce::VariableValues &variables_;
	std::function<void(std::string_view)> on_variable_;

	InputRef from_ast(const syntax::Value *value) const;
};

// Whether a literal value contains a variable anywhere (bounded by the parser's depth limit).
bool contains_variable(const syntax::Value &value);

} // namespace fraiseql::compile
