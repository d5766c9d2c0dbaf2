// shape.cc: a compact, unambiguous serialisation of variables' shapes.
#include "core/execute/shape.h"

namespace fraiseql::execute {

namespace {

using coerce::InputValue;

void
append_shape(std::string &out, const InputValue &v, const schema::TypeExpr &type)
{
	switch (v.kind) {
	case InputValue::Kind::Null: out += 'n'; return;
	case InputValue::Kind::Scalar:
		if (type.named && type.named->kind == schema::TypeKind::Enum && !type.is_list()) {
			out += 'e';
			out += std::to_string(v.text.size());
			out += ':';
			out += v.text;
		} else if (v.form == InputValue::Form::Boolean) {
			out += v.boolean ? 't' : 'f';
		} else {
			out += 's';
		}
		return;
	case InputValue::Kind::List: {
		const schema::TypeExpr item = type.is_list() ? type.item() : type;
		out += '[';
		for (const InputValue &i : v.items)
			append_shape(out, i, item);
		out += ']';
		return;
	}
	case InputValue::Kind::Object:
		out += '{';
		for (const auto &[name, field] : v.fields) {
			const schema::InputValueDef *def = type.named ? type.named->find_input_field(name) : nullptr;
			out += std::to_string(name.size());
			out += ':';
			out += name;
			append_shape(out, field, def ? def->type : schema::TypeExpr());
		}
		out += '}';
		return;
	}
}

} // namespace

std::string
variables_shape(const schema::Schema &schema, const syntax::OperationDefinition &operation,
                const coerce::VariableValues &variables)
{
	std::string out;
	for (const syntax::VariableDefinition &def : operation.variables) {
		const InputValue *v = variables.find(def.variable.text);
		if (!v) {
			out += '-';
			continue;
		}
		append_shape(out, *v, coerce::type_of(schema, def.type));
	}
	return out;
}

} // namespace fraiseql::execute
