// function_binding.h: @function(name:, context:, graphqlInputKeys:) on a root field, and what the
// glue found in the catalog for it. The core decides whether a candidate fits
// the field (check_function_bindings); the glue only reports facts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fraiseql::schema {

// What a function returns, as far as FraiseQL cares.
enum class FunctionReturns : uint8_t {
	Other,
	Jsonb,            // jsonb (or SETOF jsonb)
	RowWithData,      // a row type with a jsonb column named "data"
	MutationResponse, // fraiseql.mutation_response
};

struct FunctionParam {
	std::string name;      // "" when unnamed
	uint32_t type_oid = 0;
	std::string type_name; // format_type()
	bool is_array = false; // an SQL array type
	bool is_enum = false;  // an SQL enum type
};

// One function of the catalog with the directive's name.
struct FunctionCandidate {
	std::string schema_name;   // namespace, unquoted
	std::string function_name; // unquoted
	std::vector<FunctionParam> params; // IN parameters, in order
	uint32_t defaults = 0;     // the last `defaults` parameters have defaults
	bool returns_set = false;
	FunctionReturns returns = FunctionReturns::Other;
	std::string return_type_name;
	std::string signature() const; // schema.fn(text, jsonb)
};

struct FunctionBinding {
	std::string name;                 // as written in the SDL
	std::vector<std::string> context; // context keys, in argument order
	bool has_context = false;         // `context:` was given
	// Mutations: pass the input with its GraphQL field names, not the
	// fields' keys (snake_case or @field(key:)), which are the default.
	bool graphql_input_keys = false;
	uint32_t line = 0, column = 0;    // of the directive, for errors
	// Filled by the glue (the functions named `name`, search_path order):
	std::vector<FunctionCandidate> candidates;
	// Set by check_function_bindings: the candidate that fits (nullptr before).
	const FunctionCandidate *chosen = nullptr;
	// Query functions: per GraphQL argument (in declared order) the index of
	// its parameter in chosen->params.
	std::vector<uint32_t> argument_params;
};

} // namespace fraiseql::schema
