// values.cc: ValuesOfCorrectType: each top-level literal is checked whole against
// the input type of its position (a list against the list type around it).
#include "core/validation/input_literal.h"
#include "core/validation/rules/rules.h"

namespace fraiseql::validation::rules {

namespace {

class ValuesOfCorrectType : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind != NodeKind::Value)
			return true;
		const auto &v = node.as<syntax::Value>();
		if (v.kind == syntax::ValueKind::Variable)
			return true;
		schema::TypeExpr type =
		    v.kind == syntax::ValueKind::List ? ctx_.type_info().parent_input_type() : ctx_.type_info().input_type();
		if (type.named)
			validate_input_literal(ctx_, v, type);
		return false;
	}
};

} // namespace

std::unique_ptr<Rule> values_of_correct_type(Context &c) { return std::make_unique<ValuesOfCorrectType>(c); }

} // namespace fraiseql::validation::rules
