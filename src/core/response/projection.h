// projection.h: writes one row's selected fields from its jsonb `data` into the
// response: selection order, renames, __typename, null for absent keys, leaf
// output coercion and null propagation (spec 6.4.4) with full error paths.
#pragma once

#include <vector>

#include "core/compile/plan.h"
#include "core/jsonb/jsonb_reader.h"
#include "core/response/json_writer.h"
#include "core/util/error.h"

namespace fraiseql::response {

// A response path under construction; keys view the plan's strings.
struct PathStep {
	const std::string *key; // nullptr for a list index
	int64_t index;
};

class Projector {
public:
	Projector(JsonWriter &out, ErrorList &errors) : out_(out), errors_(errors) {}

	// Writes `value` (the row's data, or an absent/null value) as a value of
	// `type` selected by `selection`. Returns false when it was null in a
	// non-null position: nothing was written and the caller must null its
	// nearest nullable parent. The path starts with the root's steps.
	// For an interface or union type, `branches` holds the selection per
	// possible type and the object's "__typename" key picks one.
	bool value(const std::vector<compile::ProjectionNode> &selection, const schema::TypeExpr &type,
	           const jsonb::Value &value, const std::string &coordinate, uint32_t line, uint32_t column,
	           const std::vector<compile::TypeBranch> *branches = nullptr);

	// Writes one object with `selection` (no null handling); false when a
	// non-null field in it was null.
	bool object(const std::vector<compile::ProjectionNode> &selection, const jsonb::Value &value);

	// The steps above the value being projected, kept by the callers.
	std::vector<PathStep> &path() { return path_; }

	// Writes a jsonb value as JSON text (JSON scalars, custom scalars).
	void write_json(const jsonb::Value &value, int depth = 0);

	// Records a field error at path().
	void field_error(std::string message, uint32_t line, uint32_t column);

private:
	JsonWriter &out_;
	ErrorList &errors_;
	std::vector<PathStep> path_;
	// Inside value() and object() no path is kept per field: an error is
	// recorded with an empty path and each frame it unwinds through appends
	// its step (innermost first); the public entry points reverse the steps
	// and put path() in front. `inner_errors_` counts the errors recorded in
	// the recursion, so a frame sees whether its child made any.
	size_t inner_errors_ = 0;

	bool value_in(const std::vector<compile::ProjectionNode> &selection, const schema::TypeExpr &type,
	              const jsonb::Value &value, const std::string &coordinate, uint32_t line, uint32_t column,
	              const std::vector<compile::TypeBranch> *branches);
	bool object_in(const std::vector<compile::ProjectionNode> &selection, const jsonb::Value &value);
	bool leaf(const schema::TypeDef &type, const jsonb::Value &value, std::string &reason);
	void inner_error(std::string message, uint32_t line, uint32_t column);
	void add_step(size_t errors_before, const std::string *key, int64_t index);
	void complete_paths(size_t first_error);
};

} // namespace fraiseql::response
