// collect.h: the spec's CollectFields (6.3.2): selections of one object type
// grouped by response key in first-seen order, with @skip/@include applied and
// fragments inlined (each named fragment once per grouping).
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "core/coerce/variables.h"
#include "core/schema/schema.h"
#include "core/syntax/ast.h"

namespace fraiseql::compile {

struct FieldGroup {
	std::string_view response_key;
	std::vector<const syntax::Field *> fields; // all fields merged under the key
};

class FieldCollector {
public:
	FieldCollector(const schema::Schema &schema, const syntax::Document &document, const coerce::VariableValues &variables)
	    : schema_(schema), document_(document), variables_(variables)
	{
	}

	// Groups the selections of every set in `sets` for objects of `type`.
	std::vector<FieldGroup> collect(const schema::TypeDef &type, const std::vector<const syntax::SelectionSet *> &sets) const;

	// @skip/@include on a selection, per the request's variables.
	bool included(const util::Span<syntax::Directive> &directives) const;

	const syntax::FragmentDefinition *fragment(std::string_view name) const;

	// Called with each variable an @skip/@include condition reads (the
	// selection then depends on its value: a shape variable).
	void on_variable(std::function<void(std::string_view)> callback) { on_variable_ = std::move(callback); }

private:
	std::function<void(std::string_view)> on_variable_;
	const schema::Schema &schema_;
	const syntax::Document &document_;
	const coerce::VariableValues &variables_;

	void collect_into(const schema::TypeDef &type, const syntax::SelectionSet &set, std::vector<FieldGroup> &groups,
	                  std::vector<std::string_view> &visited) const;
	bool applies(const schema::TypeDef &type, std::string_view condition) const;
	bool flag(const syntax::Directive &d, bool &value) const;
};

} // namespace fraiseql::compile
