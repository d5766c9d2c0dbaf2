// type_info.h: the schema types at the current point of the walk (graphql-js
// TypeInfo): output type, parent composite type, input type, field, directive,
// argument, enum value and fragment signature. An undefined type is a TypeExpr
// whose `named` is null.
#pragma once

#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/schema/schema.h"
#include "core/validation/node.h"

namespace fraiseql::validation {

using FragmentMap = std::unordered_map<std::string_view, const syntax::FragmentDefinition *>;

// graphql-js typeFromAST: undefined (named == nullptr) for an unknown name.
schema::TypeExpr type_from_ast(const schema::Schema &schema, const syntax::TypeRef *ref);

class TypeInfo {
public:
	TypeInfo(const schema::Schema &schema, const FragmentMap &fragments) : schema_(schema), fragments_(fragments) {}

	void enter(const Node &node);
	void leave(const Node &node);

	schema::TypeExpr type() const { return type_stack_.empty() ? schema::TypeExpr() : type_stack_.back(); }
	const schema::TypeDef *parent_type() const { return parent_type_stack_.empty() ? nullptr : parent_type_stack_.back(); }
	schema::TypeExpr input_type() const { return input_type_stack_.empty() ? schema::TypeExpr() : input_type_stack_.back(); }
	schema::TypeExpr parent_input_type() const
	{
		return input_type_stack_.size() < 2 ? schema::TypeExpr() : input_type_stack_[input_type_stack_.size() - 2];
	}
	const schema::FieldDef *field_def() const { return field_def_stack_.empty() ? nullptr : field_def_stack_.back(); }
	// Whether the innermost argument or input field has a default value.
	bool has_default_value() const { return !default_stack_.empty() && default_stack_.back(); }
	const schema::DirectiveDef *directive() const { return directive_; }
	const schema::InputValueDef *argument() const { return argument_; }
	const schema::EnumValueDef *enum_value() const { return enum_value_; }
	const syntax::FragmentDefinition *fragment_signature() const { return fragment_signature_; }
	const syntax::FragmentDefinition *fragment_by_name(std::string_view name) const;

private:
	const schema::Schema &schema_;
	const FragmentMap &fragments_;
	std::vector<schema::TypeExpr> type_stack_;
	std::vector<const schema::TypeDef *> parent_type_stack_;
	std::vector<schema::TypeExpr> input_type_stack_;
	std::vector<const schema::FieldDef *> field_def_stack_;
	std::vector<bool> default_stack_;
	const schema::DirectiveDef *directive_ = nullptr;
	const schema::InputValueDef *argument_ = nullptr;
	const schema::EnumValueDef *enum_value_ = nullptr;
	const syntax::FragmentDefinition *fragment_signature_ = nullptr;
};

// Helpers on possibly-undefined types, as graphql-js's predicates.
inline bool is_input_type(const schema::TypeExpr &t) { return t.named && t.named->is_input(); }
inline bool is_output_type(const schema::TypeExpr &t) { return t.named && t.named->kind != schema::TypeKind::InputObject; }
inline const schema::TypeDef *composite(const schema::TypeExpr &t)
{
	return t.named && t.named->is_composite() ? t.named : nullptr;
}

} // namespace fraiseql::validation
