// directives.cc: KnownDirectives, UniqueDirectivesPerLocation.
#include <string>
#include <unordered_map>

#include "core/validation/rules/rules.h"

namespace fraiseql::validation::rules {

namespace {

using schema::DirectiveLocation;

// The directives written on a node, or nullptr for nodes that take none.
const util::Span<syntax::Directive> *
directives_of(const Node &n)
{
	switch (n.kind) {
	case NodeKind::OperationDefinition:
	case NodeKind::FragmentDefinition:
	case NodeKind::SchemaDefinition:
	case NodeKind::TypeDefinition: return &n.as<syntax::Definition>().directives;
	case NodeKind::VariableDefinition: return &n.as<syntax::VariableDefinition>().directives;
	case NodeKind::Field:
	case NodeKind::FragmentSpread:
	case NodeKind::InlineFragment: return &n.as<syntax::Selection>().directives;
	case NodeKind::FieldDefinition: return &n.as<syntax::FieldDefinition>().directives;
	case NodeKind::InputValueDefinition: return &n.as<syntax::InputValueDefinition>().directives;
	case NodeKind::EnumValueDefinition: return &n.as<syntax::EnumValueDefinition>().directives;
	default: return nullptr;
	}
}

// The location a directive is used in, from the node it is written on.
bool
location_of(const std::vector<Node> &ancestors, DirectiveLocation &out)
{
	if (ancestors.empty())
		return false;
	const Node &applied = ancestors.back();
	const Node *grandparent = ancestors.size() >= 2 ? &ancestors[ancestors.size() - 2] : nullptr;
	switch (applied.kind) {
	case NodeKind::OperationDefinition:
		switch (applied.as<syntax::OperationDefinition>().operation) {
		case syntax::OperationType::Query: out = DirectiveLocation::Query; return true;
		case syntax::OperationType::Mutation: out = DirectiveLocation::Mutation; return true;
		case syntax::OperationType::Subscription: out = DirectiveLocation::Subscription; return true;
		}
		return false;
	case NodeKind::Field: out = DirectiveLocation::Field; return true;
	case NodeKind::FragmentSpread: out = DirectiveLocation::FragmentSpread; return true;
	case NodeKind::InlineFragment: out = DirectiveLocation::InlineFragment; return true;
	case NodeKind::FragmentDefinition: out = DirectiveLocation::FragmentDefinition; return true;
	case NodeKind::VariableDefinition:
		out = grandparent && grandparent->kind == NodeKind::OperationDefinition ? DirectiveLocation::VariableDefinition
		                                                                        : DirectiveLocation::FragmentVariableDefinition;
		return true;
	case NodeKind::SchemaDefinition: out = DirectiveLocation::Schema; return true;
	case NodeKind::TypeDefinition:
		switch (applied.as<syntax::Definition>().kind) {
		case syntax::DefinitionKind::ScalarType: out = DirectiveLocation::Scalar; return true;
		case syntax::DefinitionKind::ObjectType: out = DirectiveLocation::Object; return true;
		case syntax::DefinitionKind::InterfaceType: out = DirectiveLocation::Interface; return true;
		case syntax::DefinitionKind::UnionType: out = DirectiveLocation::Union; return true;
		case syntax::DefinitionKind::EnumType: out = DirectiveLocation::Enum; return true;
		case syntax::DefinitionKind::InputObjectType: out = DirectiveLocation::InputObject; return true;
		default: return false;
		}
	case NodeKind::FieldDefinition: out = DirectiveLocation::FieldDefinition; return true;
	case NodeKind::EnumValueDefinition: out = DirectiveLocation::EnumValue; return true;
	case NodeKind::InputValueDefinition:
		out = grandparent && grandparent->kind == NodeKind::TypeDefinition ? DirectiveLocation::InputFieldDefinition
		                                                                   : DirectiveLocation::ArgumentDefinition;
		return true;
	case NodeKind::DirectiveDefinition: out = DirectiveLocation::DirectiveDefinition; return true;
	default: return false;
	}
}

class KnownDirectives : public Rule {
public:
	explicit KnownDirectives(Context &c) : Rule(c)
	{
		for (const auto &d : c.schema().directives())
			locations_[d->name] = d->locations;
		for (const syntax::Definition *def : c.document().definitions) {
			if (def->kind != syntax::DefinitionKind::Directive)
				continue;
			uint32_t mask = 0;
			for (const syntax::Name &l : static_cast<const syntax::DirectiveDefinition *>(def)->locations) {
				DirectiveLocation loc;
				if (schema::directive_location_from_name(l.text, loc))
					mask |= 1u << static_cast<unsigned>(loc);
			}
			locations_[def->name.text] = mask;
		}
	}

	bool
	enter(const Node &node) override
	{
		if (node.kind != NodeKind::Directive)
			return true;
		const auto &d = node.as<syntax::Directive>();
		auto it = locations_.find(d.name.text);
		if (it == locations_.end()) {
			ctx_.report("Unknown directive \"@" + std::string(d.name.text) + "\".", {d.loc});
			return true;
		}
		DirectiveLocation loc;
		if (location_of(ctx_.ancestors(), loc) && !(it->second & (1u << static_cast<unsigned>(loc))))
			ctx_.report("Directive \"@" + std::string(d.name.text) + "\" may not be used on " +
			                std::string(schema::directive_location_name(loc)) + ".",
			            {d.loc});
		return true;
	}

private:
	std::unordered_map<std::string_view, uint32_t> locations_;
};

class UniqueDirectivesPerLocation : public Rule {
public:
	explicit UniqueDirectivesPerLocation(Context &c) : Rule(c)
	{
		for (const auto &d : c.schema().directives())
			unique_[d->name] = !d->repeatable;
		for (const syntax::Definition *def : c.document().definitions)
			if (def->kind == syntax::DefinitionKind::Directive)
				unique_[def->name.text] = !static_cast<const syntax::DirectiveDefinition *>(def)->repeatable;
	}

	bool
	enter(const Node &node) override
	{
		const util::Span<syntax::Directive> *list = directives_of(node);
		if (!list || list->empty())
			return true;
		Seen local;
		Seen *seen = &local;
		if (node.kind == NodeKind::SchemaDefinition)
			seen = &schema_seen_;
		else if (node.kind == NodeKind::TypeDefinition)
			seen = &type_seen_[node.as<syntax::Definition>().name.text];
		for (const syntax::Directive &d : *list) {
			auto u = unique_.find(d.name.text);
			if (u == unique_.end() || !u->second)
				continue;
			auto it = seen->find(d.name.text);
			if (it != seen->end())
				ctx_.report("The directive \"@" + std::string(d.name.text) + "\" can only be used once at this location.",
				            {it->second, d.loc});
			else
				seen->emplace(d.name.text, d.loc);
		}
		return true;
	}

private:
	using Seen = std::unordered_map<std::string_view, syntax::Loc>;
	std::unordered_map<std::string_view, bool> unique_;
	Seen schema_seen_;
	std::unordered_map<std::string_view, Seen> type_seen_;
};

} // namespace

std::unique_ptr<Rule> known_directives(Context &c) { return std::make_unique<KnownDirectives>(c); }
std::unique_ptr<Rule> unique_directives_per_location(Context &c) { return std::make_unique<UniqueDirectivesPerLocation>(c); }

} // namespace fraiseql::validation::rules
