// arguments.cc: KnownArgumentNames, UniqueArgumentNames, ProvidedRequiredArguments,
// UniqueInputFieldNames.
#include <string>
#include <unordered_map>

#include "core/syntax/printer.h"
#include "core/validation/rules/rules.h"
#include "core/validation/suggestions.h"

namespace fraiseql::validation::rules {

namespace {

const syntax::DirectiveDefinition *
document_directive(const syntax::Document &doc, std::string_view name)
{
	const syntax::DirectiveDefinition *found = nullptr;
	for (const syntax::Definition *d : doc.definitions)
		if (d->kind == syntax::DefinitionKind::Directive && d->name.text == name)
			found = static_cast<const syntax::DirectiveDefinition *>(d);
	return found;
}

// A field's coordinate prefix in messages: graphql-js names the parent of the
// meta-fields (__typename, __schema, __type) "<meta>".
std::string
parent_name(const schema::FieldDef &field, const schema::TypeDef *parent)
{
	if (field.name.size() > 2 && field.name[0] == '_' && field.name[1] == '_')
		return "<meta>";
	return parent ? parent->name : std::string("undefined");
}

class KnownArgumentNames : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		switch (node.kind) {
		case NodeKind::Directive: directive(node.as<syntax::Directive>()); return false;
		case NodeKind::FragmentArgument: fragment_argument(node.as<syntax::Argument>()); return true;
		case NodeKind::Argument: argument(node.as<syntax::Argument>()); return true;
		default: return true;
		}
	}

private:
	void
	directive(const syntax::Directive &d)
	{
		std::vector<std::string_view> known;
		if (const syntax::DirectiveDefinition *def = document_directive(ctx_.document(), d.name.text)) {
			for (const syntax::InputValueDefinition &a : def->arguments)
				known.push_back(a.name.text);
		} else if (const schema::DirectiveDef *sd = ctx_.schema().find_directive(d.name.text)) {
			for (const schema::InputValueDef &a : sd->arguments)
				known.push_back(a.name);
		} else {
			return;
		}
		for (const syntax::Argument &a : d.arguments) {
			bool found = false;
			for (std::string_view k : known)
				found = found || k == a.name.text;
			if (found)
				continue;
			std::string suggestion = ctx_.hide_suggestions() ? "" : did_you_mean(suggestion_list(a.name.text, known));
			ctx_.report("Unknown argument \"" + std::string(a.name.text) + "\" on directive \"@" + std::string(d.name.text) +
			                "\"." + suggestion,
			            {a.loc});
		}
	}

	void
	fragment_argument(const syntax::Argument &a)
	{
		const syntax::FragmentDefinition *sig = ctx_.type_info().fragment_signature();
		if (!sig)
			return;
		std::vector<std::string_view> names;
		for (const syntax::VariableDefinition &v : sig->variables) {
			if (v.variable.text == a.name.text)
				return;
			names.push_back(v.variable.text);
		}
		std::string suggestion = ctx_.hide_suggestions() ? "" : did_you_mean(suggestion_list(a.name.text, names));
		ctx_.report("Unknown argument \"" + std::string(a.name.text) + "\" on fragment \"" + std::string(sig->name.text) +
		                "\"." + suggestion,
		            {a.loc});
	}

	void
	argument(const syntax::Argument &a)
	{
		const schema::FieldDef *field = ctx_.type_info().field_def();
		const schema::TypeDef *parent = ctx_.type_info().parent_type();
		if (ctx_.type_info().argument() || !field)
			return;
		std::vector<std::string_view> names;
		for (const schema::InputValueDef &d : field->arguments)
			names.push_back(d.name);
		std::string suggestion = ctx_.hide_suggestions() ? "" : did_you_mean(suggestion_list(a.name.text, names));
		ctx_.report("Unknown argument \"" + std::string(a.name.text) + "\" on field \"" +
		                parent_name(*field, parent) + "." + field->name + "\"." + suggestion,
		            {a.loc});
	}
};

class UniqueArgumentNames : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind == NodeKind::Field)
			check(node.as<syntax::Field>().arguments);
		else if (node.kind == NodeKind::Directive)
			check(node.as<syntax::Directive>().arguments);
		return true;
	}

private:
	void
	check(const util::Span<syntax::Argument> &args)
	{
		if (args.size() < 2)
			return;
		std::vector<std::string_view> order;
		std::unordered_map<std::string_view, std::vector<syntax::Loc>> groups;
		for (const syntax::Argument &a : args) {
			auto &g = groups[a.name.text];
			if (g.empty())
				order.push_back(a.name.text);
			g.push_back(a.name.loc);
		}
		for (std::string_view name : order)
			if (groups[name].size() > 1)
				ctx_.report("There can be only one argument named \"" + std::string(name) + "\".", groups[name]);
	}
};

bool
provided(const util::Span<syntax::Argument> &args, std::string_view name)
{
	for (const syntax::Argument &a : args)
		if (a.name.text == name)
			return true;
	return false;
}

class ProvidedRequiredArguments : public Rule {
public:
	using Rule::Rule;
	void
	leave(const Node &node) override
	{
		if (node.kind == NodeKind::Directive)
			directive(node.as<syntax::Directive>());
		else if (node.kind == NodeKind::Field)
			field(node.as<syntax::Field>());
		else if (node.kind == NodeKind::FragmentSpread)
			spread(node.as<syntax::FragmentSpread>());
	}

private:
	void
	directive(const syntax::Directive &d)
	{
		std::string prefix = "Argument \"@" + std::string(d.name.text) + "(";
		if (const syntax::DirectiveDefinition *def = document_directive(ctx_.document(), d.name.text)) {
			for (const syntax::InputValueDefinition &a : def->arguments)
				if (a.type->kind == syntax::TypeKind::NonNull && !a.default_value && !provided(d.arguments, a.name.text))
					ctx_.report(prefix + std::string(a.name.text) + ":)\" of type \"" + syntax::print(*a.type) +
					                "\" is required, but it was not provided.",
					            {d.loc});
		} else if (const schema::DirectiveDef *sd = ctx_.schema().find_directive(d.name.text)) {
			for (const schema::InputValueDef &a : sd->arguments)
				if (a.type.is_non_null() && !a.has_default && !provided(d.arguments, a.name))
					ctx_.report(prefix + a.name + ":)\" of type \"" + a.type.print() + "\" is required, but it was not provided.",
					            {d.loc});
		}
	}

	void
	field(const syntax::Field &f)
	{
		const schema::FieldDef *def = ctx_.type_info().field_def();
		const schema::TypeDef *parent = ctx_.type_info().parent_type();
		if (!def)
			return;
		for (const schema::InputValueDef &a : def->arguments)
			if (a.type.is_non_null() && !a.has_default && !provided(f.arguments, a.name))
				ctx_.report("Argument \"" + parent_name(*def, parent) + "." + def->name + "(" +
				                a.name + ":)\" of type \"" + a.type.print() + "\" is required, but it was not provided.",
				            {f.loc});
	}

	void
	spread(const syntax::FragmentSpread &s)
	{
		const syntax::FragmentDefinition *sig = ctx_.type_info().fragment_signature();
		if (!sig)
			return;
		for (const syntax::VariableDefinition &v : sig->variables) {
			if (v.type->kind != syntax::TypeKind::NonNull || v.default_value || provided(s.arguments, v.variable.text))
				continue;
			schema::TypeExpr t = type_from_ast(ctx_.schema(), v.type);
			ctx_.report("Fragment \"" + std::string(s.name.text) + "\" argument \"" + std::string(v.variable.text) +
			                "\" of type \"" + (t.named ? t.print() : std::string("undefined")) +
			                "\" is required, but it was not provided.",
			            {s.loc});
		}
	}
};

class UniqueInputFieldNames : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind == NodeKind::Value && node.as<syntax::Value>().kind == syntax::ValueKind::Object) {
			stack_.emplace_back();
		} else if (node.kind == NodeKind::ObjectField && !stack_.empty()) {
			const auto &f = node.as<syntax::ObjectField>();
			auto &known = stack_.back();
			auto it = known.find(f.name.text);
			if (it != known.end())
				ctx_.report("There can be only one input field named \"" + std::string(f.name.text) + "\".",
				            {it->second, f.name.loc});
			else
				known.emplace(f.name.text, f.name.loc);
		}
		return true;
	}
	void
	leave(const Node &node) override
	{
		if (node.kind == NodeKind::Value && node.as<syntax::Value>().kind == syntax::ValueKind::Object && !stack_.empty())
			stack_.pop_back();
	}

private:
	std::vector<std::unordered_map<std::string_view, syntax::Loc>> stack_;
};

} // namespace

std::unique_ptr<Rule> known_argument_names(Context &c) { return std::make_unique<KnownArgumentNames>(c); }
std::unique_ptr<Rule> unique_argument_names(Context &c) { return std::make_unique<UniqueArgumentNames>(c); }
std::unique_ptr<Rule> provided_required_arguments(Context &c) { return std::make_unique<ProvidedRequiredArguments>(c); }
std::unique_ptr<Rule> unique_input_field_names(Context &c) { return std::make_unique<UniqueInputFieldNames>(c); }

} // namespace fraiseql::validation::rules
