// input_keys.cc: input values written under their fields' keys (see input_keys.h).
#include "core/compile/input_keys.h"

namespace fraiseql::compile {

std::string
input_key(const schema::InputValueDef &field)
{
	return field.json_key.empty() ? schema::snake_case(field.name) : field.json_key;
}

void
write_input_json(const coerce::InputValue &value, const schema::TypeExpr &type, response::JsonWriter &out)
{
	using Kind = coerce::InputValue::Kind;
	switch (value.kind) {
	case Kind::Null:
	case Kind::Scalar: value.write_json(out); return;
	case Kind::List: {
		const schema::TypeExpr item = type.is_list() ? type.item() : type;
		out.raw('[');
		for (size_t i = 0; i < value.items.size(); i++) {
			if (i)
				out.raw(',');
			write_input_json(value.items[i], item, out);
		}
		out.raw(']');
		return;
	}
	case Kind::Object: {
		const schema::TypeDef *object =
		    !type.is_list() && type.named && type.named->kind == schema::TypeKind::InputObject ? type.named : nullptr;
		out.raw('{');
		for (size_t i = 0; i < value.fields.size(); i++) {
			const auto &[name, field] = value.fields[i];
			const schema::InputValueDef *def = object ? object->find_input_field(name) : nullptr;
			if (i)
				out.raw(',');
			out.string(def ? input_key(*def) : std::string(name));
			out.raw(':');
			write_input_json(field, def ? def->type : schema::TypeExpr(), out);
		}
		out.raw('}');
		return;
	}
	}
}

} // namespace fraiseql::compile
