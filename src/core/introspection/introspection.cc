// introspection.cc: the resolvers of graphql-js's introspection types
// (type/introspection.ts) over the schema model. The projection tree is read
// once per request into a tree of field ids with resolved arguments; writing
// then switches on ids. Recursion follows that tree, whose depth the document
// limits (fraiseql.max_depth, the parser's ceiling).
#include "core/introspection/introspection.h"

#include <memory>
#include <string>

#include "core/introspection/type_order.h"
#include "core/syntax/parser.h"
#include "core/syntax/printer.h"

namespace fraiseql::introspection {

namespace {

using schema::TypeDef;
using schema::TypeExpr;
using schema::TypeKind;

// Every field of the introspection types, by name (names repeat across types).
enum class Meta : uint8_t {
	Unknown, Typename,
	Description, Types, QueryType, MutationType, SubscriptionType, Directives, // __Schema
	Kind, Name, SpecifiedByURL, Fields, Interfaces, PossibleTypes, EnumValues, InputFields, OfType, IsOneOf, // __Type
	Args, Type, IsDeprecated, DeprecationReason, DefaultValue, IsRepeatable, Locations, // the others
};

Meta
meta_of(std::string_view name)
{
	static const struct {
		std::string_view name;
		Meta meta;
	} NAMES[] = {
	    {"description", Meta::Description}, {"types", Meta::Types},
	    {"queryType", Meta::QueryType},     {"mutationType", Meta::MutationType},
	    {"subscriptionType", Meta::SubscriptionType}, {"directives", Meta::Directives},
	    {"kind", Meta::Kind},               {"name", Meta::Name},
	    {"specifiedByURL", Meta::SpecifiedByURL}, {"fields", Meta::Fields},
	    {"interfaces", Meta::Interfaces},   {"possibleTypes", Meta::PossibleTypes},
	    {"enumValues", Meta::EnumValues},   {"inputFields", Meta::InputFields},
	    {"ofType", Meta::OfType},           {"isOneOf", Meta::IsOneOf},
	    {"args", Meta::Args},               {"type", Meta::Type},
	    {"isDeprecated", Meta::IsDeprecated}, {"deprecationReason", Meta::DeprecationReason},
	    {"defaultValue", Meta::DefaultValue}, {"isRepeatable", Meta::IsRepeatable},
	    {"locations", Meta::Locations},
	};
	for (const auto &n : NAMES)
		if (n.name == name)
			return n.meta;
	return Meta::Unknown;
}

// One selected introspection field, ready to write.
struct Sel {
	Meta meta = Meta::Unknown;
	const compile::ProjectionNode *node = nullptr;
	bool include_deprecated = false;
	std::vector<Sel> children;
};

// An argument's value for this request; nullptr when absent or null.
const std::string *
argument_text(const std::vector<compile::Param> &args, std::string_view name, const coerce::VariableValues &variables)
{
	for (const compile::Param &p : args) {
		if (p.argument != name)
			continue;
		if (p.source == compile::ParamSource::Literal)
			return &p.literal;
		if (p.source == compile::ParamSource::Variable) {
			const coerce::InputValue *v = variables.find(p.variable);
			return v && v->kind == coerce::InputValue::Kind::Scalar ? &v->text : nullptr;
		}
		return nullptr;
	}
	return nullptr;
}

bool
include_deprecated(const std::vector<compile::Param> &args, const coerce::VariableValues &variables)
{
	for (const compile::Param &p : args) {
		if (p.argument != "includeDeprecated")
			continue;
		if (p.source == compile::ParamSource::Literal)
			return p.literal == "true";
		if (p.source == compile::ParamSource::Variable) {
			const coerce::InputValue *v = variables.find(p.variable);
			return v && v->is_true();
		}
	}
	return false; // the argument's default
}

void
read_selection(const std::vector<compile::ProjectionNode> &nodes, const coerce::VariableValues &variables,
               std::vector<Sel> &out)
{
	out.reserve(nodes.size());
	for (const compile::ProjectionNode &node : nodes) {
		Sel s;
		s.node = &node;
		s.meta = node.kind == compile::NodeKind::Typename ? Meta::Typename : meta_of(node.json_key);
		s.include_deprecated = include_deprecated(node.arguments, variables);
		read_selection(node.children, variables, s.children);
		out.push_back(std::move(s));
	}
}

std::string_view
kind_name(TypeKind kind)
{
	switch (kind) {
	case TypeKind::Scalar: return "SCALAR";
	case TypeKind::Object: return "OBJECT";
	case TypeKind::Interface: return "INTERFACE";
	case TypeKind::Union: return "UNION";
	case TypeKind::Enum: return "ENUM";
	case TypeKind::InputObject: return "INPUT_OBJECT";
	}
	return "SCALAR";
}

// The descriptions graphql-js gives the spec's scalars (type/scalars.ts): a
// schema never declares them, so the model has none.
std::string_view
specified_scalar_description(const TypeDef &t)
{
	if (!t.builtin || t.kind != TypeKind::Scalar)
		return {};
	switch (t.scalar) {
	case schema::ScalarKind::Int:
		return "The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent "
		       "values between -(2^31) and 2^31 - 1.";
	case schema::ScalarKind::Float:
		return "The `Float` scalar type represents signed double-precision fractional values as specified by "
		       "[IEEE 754](https://en.wikipedia.org/wiki/IEEE_floating_point).";
	case schema::ScalarKind::String:
		return "The `String` scalar type represents textual data, represented as UTF-8 character sequences. The "
		       "String type is most often used by GraphQL to represent free-form human-readable text.";
	case schema::ScalarKind::Boolean: return "The `Boolean` scalar type represents `true` or `false`.";
	case schema::ScalarKind::ID:
		return "The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for "
		       "a cache. The ID type appears in a JSON response as a String; however, it is not intended to be "
		       "human-readable. When expected as an input type, any string (such as `\"4\"`) or integer (such as "
		       "`4`) input value will be accepted as an ID.";
	default: return {};
	}
}

TypeExpr
named(const TypeDef *t)
{
	TypeExpr e;
	e.named = t;
	return e;
}

class Writer {
public:
	Writer(const schema::Schema &schema, response::JsonWriter &out) : schema_(schema), out_(out) {}

	void
	schema_object(const std::vector<Sel> &sels)
	{
		open();
		bool first = true;
		for (const Sel &s : sels) {
			key(s, first);
			switch (s.meta) {
			case Meta::Typename: out_.string(s.node->json_key); break;
			case Meta::Description: text_or_null(schema_.description()); break;
			case Meta::Types:
				out_.raw('[');
				for (size_t i = 0; i < order().types().size(); i++) {
					if (i)
						out_.raw(',');
					type(s.children, named(order().types()[i]));
				}
				out_.raw(']');
				break;
			case Meta::QueryType: nullable_type(s.children, schema_.query_type()); break;
			case Meta::MutationType: nullable_type(s.children, schema_.mutation_type()); break;
			case Meta::SubscriptionType: nullable_type(s.children, schema_.subscription_type()); break;
			case Meta::Directives: {
				out_.raw('[');
				const std::vector<const schema::DirectiveDef *> directives = order().directives();
				for (size_t i = 0; i < directives.size(); i++) {
					if (i)
						out_.raw(',');
					directive(s.children, *directives[i]);
				}
				out_.raw(']');
				break;
			}
			default: out_.null(); break;
			}
		}
		close();
	}

	// __type(name:): null when the schema has no such type.
	void
	type_by_name(const std::vector<Sel> &sels, const std::string *name)
	{
		const TypeDef *t = name ? schema_.find_type(*name) : nullptr;
		if (t && !order().contains(t))
			t = nullptr;
		nullable_type(sels, t);
	}

private:
	const schema::Schema &schema_;
	response::JsonWriter &out_;
	std::unique_ptr<TypeOrder> order_; // built on first use: only types/possibleTypes/__type need it
	util::Arena scratch_;              // default values being re-printed

	TypeOrder &
	order()
	{
		if (!order_)
			order_ = std::make_unique<TypeOrder>(schema_);
		return *order_;
	}

	void open() { out_.raw('{'); }
	void close() { out_.raw('}'); }
	void
	key(const Sel &s, bool &first)
	{
		if (!first)
			out_.raw(',');
		first = false;
		out_.raw(s.node->key_prefix);
	}

	void
	text_or_null(std::string_view s)
	{
		if (s.empty())
			out_.null();
		else
			out_.string(s);
	}

	void
	nullable_type(const std::vector<Sel> &sels, const TypeDef *t)
	{
		if (t)
			type(sels, named(t));
		else
			out_.null();
	}

	template <class T, class Write>
	void
	list(const std::vector<T> &items, bool include_deprecated, Write write)
	{
		out_.raw('[');
		bool first = true;
		for (const T &item : items) {
			if (!include_deprecated && item.deprecated)
				continue;
			if (!first)
				out_.raw(',');
			first = false;
			write(item);
		}
		out_.raw(']');
	}

	void
	type_list(const std::vector<Sel> &sels, const std::vector<const TypeDef *> &types)
	{
		out_.raw('[');
		for (size_t i = 0; i < types.size(); i++) {
			if (i)
				out_.raw(',');
			type(sels, named(types[i]));
		}
		out_.raw(']');
	}

	// A __Type: a named type, or one of TypeExpr's list / non-null wrappers.
	void
	type(const std::vector<Sel> &sels, const TypeExpr &t)
	{
		const bool non_null = t.is_non_null(), is_list = !non_null && t.is_list();
		const bool wrapper = non_null || is_list;
		const TypeDef &n = *t.named;
		open();
		bool first = true;
		for (const Sel &s : sels) {
			key(s, first);
			switch (s.meta) {
			case Meta::Typename: out_.string(s.node->json_key); break;
			case Meta::Kind: out_.string(non_null ? "NON_NULL" : is_list ? "LIST" : kind_name(n.kind)); break;
			case Meta::Name:
				if (wrapper)
					out_.null();
				else
					out_.string(n.name);
				break;
			case Meta::Description:
				if (wrapper)
					out_.null();
				else if (n.description.empty() && !specified_scalar_description(n).empty())
					out_.string(specified_scalar_description(n));
				else
					text_or_null(n.description);
				break;
			case Meta::SpecifiedByURL:
				if (wrapper || n.kind != TypeKind::Scalar)
					out_.null();
				else
					text_or_null(n.specified_by_url);
				break;
			case Meta::Fields:
				if (wrapper || (n.kind != TypeKind::Object && n.kind != TypeKind::Interface))
					out_.null();
				else
					list(n.fields, s.include_deprecated, [&](const schema::FieldDef &f) { field(s.children, f); });
				break;
			case Meta::Interfaces:
				if (wrapper || (n.kind != TypeKind::Object && n.kind != TypeKind::Interface))
					out_.null();
				else
					type_list(s.children, n.interfaces);
				break;
			case Meta::PossibleTypes:
				if (wrapper || !n.is_abstract())
					out_.null();
				else
					type_list(s.children, order().possible_types(n));
				break;
			case Meta::EnumValues:
				if (wrapper || n.kind != TypeKind::Enum)
					out_.null();
				else
					list(n.values, s.include_deprecated, [&](const schema::EnumValueDef &v) { enum_value(s.children, v); });
				break;
			case Meta::InputFields:
				if (wrapper || n.kind != TypeKind::InputObject)
					out_.null();
				else
					list(n.input_fields, s.include_deprecated,
					     [&](const schema::InputValueDef &v) { input_value(s.children, v); });
				break;
			case Meta::OfType:
				if (non_null)
					type(s.children, t.nullable());
				else if (is_list)
					type(s.children, t.item());
				else
					out_.null();
				break;
			case Meta::IsOneOf:
				if (wrapper || n.kind != TypeKind::InputObject)
					out_.null();
				else
					out_.boolean(n.one_of);
				break;
			default: out_.null(); break;
			}
		}
		close();
	}

	void
	deprecation(const Sel &s, bool deprecated, const std::string &reason)
	{
		if (s.meta == Meta::IsDeprecated)
			out_.boolean(deprecated);
		else if (deprecated)
			out_.string(reason);
		else
			out_.null();
	}

	void
	field(const std::vector<Sel> &sels, const schema::FieldDef &f)
	{
		open();
		bool first = true;
		for (const Sel &s : sels) {
			key(s, first);
			switch (s.meta) {
			case Meta::Typename: out_.string(s.node->json_key); break;
			case Meta::Name: out_.string(f.name); break;
			case Meta::Description: text_or_null(f.description); break;
			case Meta::Args:
				list(f.arguments, s.include_deprecated, [&](const schema::InputValueDef &a) { input_value(s.children, a); });
				break;
			case Meta::Type: type(s.children, f.type); break;
			case Meta::IsDeprecated:
			case Meta::DeprecationReason: deprecation(s, f.deprecated, f.deprecation_reason); break;
			default: out_.null(); break;
			}
		}
		close();
	}

	// graphql-js prints the default's literal as the SDL wrote it
	// (print(ast)); the model keeps its source text, re-printed when it may
	// differ from print()'s spacing or escapes.
	void
	default_value(const schema::InputValueDef &v)
	{
		if (!v.has_default) {
			out_.null();
			return;
		}
		if (v.default_literal.find_first_of("[{\"\\ \t\r\n,#") == std::string::npos) {
			out_.string(v.default_literal);
			return;
		}
		syntax::ValueParseResult parsed = syntax::parse_value(v.default_literal, scratch_, true);
		if (parsed.value)
			out_.string(syntax::print(*parsed.value));
		else
			out_.string(v.default_literal);
	}

	void
	input_value(const std::vector<Sel> &sels, const schema::InputValueDef &v)
	{
		open();
		bool first = true;
		for (const Sel &s : sels) {
			key(s, first);
			switch (s.meta) {
			case Meta::Typename: out_.string(s.node->json_key); break;
			case Meta::Name: out_.string(v.name); break;
			case Meta::Description: text_or_null(v.description); break;
			case Meta::Type: type(s.children, v.type); break;
			case Meta::DefaultValue: default_value(v); break;
			case Meta::IsDeprecated:
			case Meta::DeprecationReason: deprecation(s, v.deprecated, v.deprecation_reason); break;
			default: out_.null(); break;
			}
		}
		close();
	}

	void
	enum_value(const std::vector<Sel> &sels, const schema::EnumValueDef &v)
	{
		open();
		bool first = true;
		for (const Sel &s : sels) {
			key(s, first);
			switch (s.meta) {
			case Meta::Typename: out_.string(s.node->json_key); break;
			case Meta::Name: out_.string(v.name); break;
			case Meta::Description: text_or_null(v.description); break;
			case Meta::IsDeprecated:
			case Meta::DeprecationReason: deprecation(s, v.deprecated, v.deprecation_reason); break;
			default: out_.null(); break;
			}
		}
		close();
	}

	void
	directive(const std::vector<Sel> &sels, const schema::DirectiveDef &d)
	{
		open();
		bool first = true;
		for (const Sel &s : sels) {
			key(s, first);
			switch (s.meta) {
			case Meta::Typename: out_.string(s.node->json_key); break;
			case Meta::Name: out_.string(d.name); break;
			case Meta::Description: text_or_null(d.description); break;
			case Meta::IsRepeatable: out_.boolean(d.repeatable); break;
			case Meta::Locations:
				out_.raw('[');
				for (size_t i = 0; i < d.location_order.size(); i++) {
					if (i)
						out_.raw(',');
					out_.string(schema::directive_location_name(d.location_order[i]));
				}
				out_.raw(']');
				break;
			case Meta::Args:
				list(d.arguments, s.include_deprecated, [&](const schema::InputValueDef &a) { input_value(s.children, a); });
				break;
			case Meta::IsDeprecated: out_.boolean(false); break; // the model has no deprecated directives
			default: out_.null(); break;
			}
		}
		close();
	}
};

} // namespace

bool
is_root_field(std::string_view name)
{
	return name == "__schema" || name == "__type";
}

bool
is_introspection_type(const schema::TypeDef &type)
{
	return type.builtin && type.name.size() > 2 && type.name[0] == '_' && type.name[1] == '_';
}

std::vector<compile::Param>
field_arguments(const syntax::Field &field)
{
	std::vector<compile::Param> out;
	for (const syntax::Argument &a : field.arguments) {
		compile::Param p;
		p.argument = std::string(a.name.text);
		p.line = a.value->loc.line;
		p.column = a.value->loc.column;
		if (a.value->kind == syntax::ValueKind::Variable) {
			p.source = compile::ParamSource::Variable;
			p.variable = std::string(a.value->text);
		} else if (coerce::literal_text(*a.value, p.literal)) {
			p.source = compile::ParamSource::Literal;
		}
		out.push_back(std::move(p));
	}
	return out;
}

void
write_root(const compile::RootField &root, const coerce::VariableValues &variables, response::JsonWriter &out)
{
	std::vector<Sel> sels;
	read_selection(root.selection, variables, sels);
	Writer writer(*root.schema, out);
	if (root.object_type && root.object_type->name == "__Schema")
		writer.schema_object(sels);
	else
		writer.type_by_name(sels, argument_text(root.arguments, "name", variables));
}

} // namespace fraiseql::introspection
