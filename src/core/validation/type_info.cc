// type_info.cc: TypeInfo's enter/leave, step for step as graphql-js 17 keeps its stacks.
#include "core/validation/type_info.h"

namespace fraiseql::validation {

using schema::TypeExpr;

TypeExpr
type_from_ast(const schema::Schema &schema, const syntax::TypeRef *ref)
{
	TypeExpr out;
	uint8_t level = 0;
	for (const syntax::TypeRef *r = ref; r; r = r->of_type) {
		if (r->kind == syntax::TypeKind::NonNull) {
			out.non_null |= 1u << level;
		} else if (r->kind == syntax::TypeKind::List) {
			if (++level > 30)
				return TypeExpr();
		} else {
			out.named = schema.find_type(r->name.text);
		}
	}
	out.list_depth = level;
	return out.named ? out : TypeExpr();
}

const syntax::FragmentDefinition *
TypeInfo::fragment_by_name(std::string_view name) const
{
	auto it = fragments_.find(name);
	return it == fragments_.end() ? nullptr : it->second;
}

static TypeExpr
named_type_expr(const schema::TypeDef *t)
{
	TypeExpr e;
	e.named = t;
	return e;
}

void
TypeInfo::enter(const Node &node)
{
	switch (node.kind) {
	case NodeKind::SelectionSet: {
		TypeExpr t = type();
		parent_type_stack_.push_back(composite(t));
		break;
	}
	case NodeKind::Field: {
		const schema::TypeDef *parent = parent_type();
		const schema::FieldDef *def = parent ? schema_.field(*parent, node.as<syntax::Field>().name.text) : nullptr;
		field_def_stack_.push_back(def);
		type_stack_.push_back(def && is_output_type(def->type) ? def->type : TypeExpr());
		break;
	}
	case NodeKind::Directive:
		directive_ = schema_.find_directive(node.as<syntax::Directive>().name.text);
		break;
	case NodeKind::OperationDefinition: {
		const schema::TypeDef *root = schema_.root_type(node.as<syntax::OperationDefinition>().operation);
		type_stack_.push_back(named_type_expr(root));
		break;
	}
	case NodeKind::FragmentSpread:
		fragment_signature_ = fragment_by_name(node.as<syntax::FragmentSpread>().name.text);
		break;
	case NodeKind::InlineFragment:
	case NodeKind::FragmentDefinition: {
		const syntax::Name &condition = node.kind == NodeKind::InlineFragment
		                                    ? node.as<syntax::InlineFragment>().type_condition
		                                    : node.as<syntax::FragmentDefinition>().type_condition;
		const schema::TypeDef *t = condition.present() ? schema_.find_type(condition.text) : type().named;
		type_stack_.push_back(t && t->kind != schema::TypeKind::InputObject ? named_type_expr(t) : TypeExpr());
		break;
	}
	case NodeKind::VariableDefinition: {
		TypeExpr t = type_from_ast(schema_, node.as<syntax::VariableDefinition>().type);
		input_type_stack_.push_back(is_input_type(t) ? t : TypeExpr());
		break;
	}
	case NodeKind::Argument: {
		const syntax::Argument &a = node.as<syntax::Argument>();
		const schema::InputValueDef *def = nullptr;
		if (directive_)
			def = directive_->find_argument(a.name.text);
		else if (const schema::FieldDef *f = field_def())
			def = f->find_argument(a.name.text);
		argument_ = def;
		default_stack_.push_back(def && def->has_default);
		input_type_stack_.push_back(def && is_input_type(def->type) ? def->type : TypeExpr());
		break;
	}
	case NodeKind::FragmentArgument: {
		TypeExpr t;
		if (fragment_signature_)
			for (const syntax::VariableDefinition &v : fragment_signature_->variables)
				if (v.variable.text == node.as<syntax::Argument>().name.text) {
					t = type_from_ast(schema_, v.type);
					break;
				}
		input_type_stack_.push_back(is_input_type(t) ? t : TypeExpr());
		break;
	}
	case NodeKind::Value: {
		const syntax::Value &v = node.as<syntax::Value>();
		if (v.kind == syntax::ValueKind::List) {
			TypeExpr t = input_type().nullable();
			default_stack_.push_back(false);
			input_type_stack_.push_back(t.named && t.is_list() ? t.item() : TypeExpr());
		} else if (v.kind == syntax::ValueKind::Enum) {
			TypeExpr t = input_type();
			enum_value_ = t.named && t.named->kind == schema::TypeKind::Enum ? t.named->find_value(v.text) : nullptr;
		}
		break;
	}
	case NodeKind::ObjectField: {
		TypeExpr t = input_type();
		const schema::InputValueDef *field = nullptr;
		if (t.named && t.named->kind == schema::TypeKind::InputObject)
			field = t.named->find_input_field(node.as<syntax::ObjectField>().name.text);
		default_stack_.push_back(field && field->has_default);
		input_type_stack_.push_back(field && is_input_type(field->type) ? field->type : TypeExpr());
		break;
	}
	default:
		break;
	}
}

void
TypeInfo::leave(const Node &node)
{
	auto pop = [](auto &stack) {
		if (!stack.empty())
			stack.pop_back();
	};
	switch (node.kind) {
	case NodeKind::SelectionSet:
		pop(parent_type_stack_);
		break;
	case NodeKind::Field:
		pop(field_def_stack_);
		pop(type_stack_);
		break;
	case NodeKind::Directive:
		directive_ = nullptr;
		break;
	case NodeKind::FragmentSpread:
		fragment_signature_ = nullptr;
		break;
	case NodeKind::OperationDefinition:
	case NodeKind::InlineFragment:
	case NodeKind::FragmentDefinition:
		pop(type_stack_);
		break;
	case NodeKind::VariableDefinition:
		pop(input_type_stack_);
		break;
	case NodeKind::Argument:
		argument_ = nullptr;
		pop(default_stack_);
		pop(input_type_stack_);
		break;
	case NodeKind::FragmentArgument:
		// graphql-js pops the default-value stack here without having pushed it.
		pop(default_stack_);
		pop(input_type_stack_);
		break;
	case NodeKind::Value: {
		const syntax::Value &v = node.as<syntax::Value>();
		if (v.kind == syntax::ValueKind::List) {
			pop(default_stack_);
			pop(input_type_stack_);
		} else if (v.kind == syntax::ValueKind::Enum) {
			enum_value_ = nullptr;
		}
		break;
	}
	case NodeKind::ObjectField:
		pop(default_stack_);
		pop(input_type_stack_);
		break;
	default:
		break;
	}
}

} // namespace fraiseql::validation
