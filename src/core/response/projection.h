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

	std::vector<PathStep> &path() { return path_; }

	// Writes a jsonb value as JSON text (JSON scalars, custom scalars).
	void write_json(const jsonb::Value &value, int depth = 0);

private:
	JsonWriter &out_;
	ErrorList &errors_;
	std::vector<PathStep> path_;

	bool leaf(const schema::TypeDef &type, const jsonb::Value &value, std::string &reason);

public:
	// Records a field error at the current path.
	void field_error(std::string message, uint32_t line, uint32_t column);
};

} // namespace fraiseql::response
