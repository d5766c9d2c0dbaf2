// input_ref.cc: walking argument values through literals and variables.
#include "core/compile/input_ref.h"

namespace fraiseql::compile {

bool
InputRef::is_null() const
{
	if (value)
		return value->is_null();
	return !ast || ast->kind == syntax::ValueKind::Null;
}

bool
InputRef::boolean() const
{
	if (value)
		return value->is_true();
	return ast && ast->kind == syntax::ValueKind::Boolean && ast->boolean;
}

std::string
InputRef::enum_value() const
{
	if (value)
		return value->kind == coerce::InputValue::Kind::Scalar ? value->text : std::string();
	return ast && ast->kind == syntax::ValueKind::Enum ? std::string(ast->text) : std::string();
}

InputRef
InputReader::from_ast(const syntax::Value *value) const
{
	InputRef ref;
	if (!value)
		return ref;
	ref.loc = value->loc;
	if (value->kind != syntax::ValueKind::Variable) {
		ref.ast = value;
		return ref;
	}
	on_variable_(value->text);
	const coerce::InputValue *given = variables_.find(value->text);
	if (!given)
		return ref; // an unset variable: as if the field were not given
	ref.value = given;
	ref.variable = value->text;
	return ref;
}

InputRef
InputReader::root(const syntax::Value &value) const
{
	return from_ast(&value);
}

InputRef
InputReader::field(const InputRef &object, std::string_view name) const
{
	if (object.value) {
		InputRef ref;
		ref.loc = object.loc;
		if (object.value->kind != coerce::InputValue::Kind::Object)
			return ref;
		ref.value = object.value->field(name);
		if (!ref.value)
			return ref;
		ref.variable = object.variable;
		ref.path = object.path;
		ref.path.push_back({std::string(name), -1});
		return ref;
	}
	if (!object.ast || object.ast->kind != syntax::ValueKind::Object)
		return InputRef();
	for (const syntax::ObjectField &f : object.ast->fields)
		if (f.name.text == name)
			return from_ast(f.value);
	return InputRef();
}

std::vector<InputRef>
InputReader::items(const InputRef &list) const
{
	std::vector<InputRef> out;
	if (list.value) {
		if (list.value->kind != coerce::InputValue::Kind::List) {
			out.push_back(list);
			return out;
		}
		for (size_t i = 0; i < list.value->items.size(); i++) {
			InputRef ref;
			ref.loc = list.loc;
			ref.value = &list.value->items[i];
			ref.variable = list.variable;
			ref.path = list.path;
			ref.path.push_back({std::string(), static_cast<int32_t>(i)});
			out.push_back(std::move(ref));
		}
		return out;
	}
	if (!list.ast)
		return out;
	if (list.ast->kind != syntax::ValueKind::List) {
		out.push_back(list);
		return out;
	}
	for (const syntax::Value *item : list.ast->list)
		out.push_back(from_ast(item));
	return out;
}

bool
contains_variable(const syntax::Value &value)
{
	// Explicit stack: literal nesting is bounded by the parser, but need not be shallow.
	std::vector<const syntax::Value *> stack{&value};
	while (!stack.empty()) {
		const syntax::Value *v = stack.back();
		stack.pop_back();
		if (v->kind == syntax::ValueKind::Variable)
			return true;
		for (const syntax::Value *item : v->list)
			stack.push_back(item);
		for (const syntax::ObjectField &f : v->fields)
			stack.push_back(f.value);
	}
	return false;
}

} // namespace fraiseql::compile
