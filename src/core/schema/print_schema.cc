// print_schema.cc: graphql-js 17 printSchema over the schema model
// (utilities/printSchema.ts: printDescription, printArgs, printInputValue...).
#include "core/schema/print_schema.h"

#include <unordered_set>

#include "core/syntax/parser.h"
#include "core/syntax/printer.h"
#include "core/util/arena.h"

namespace fraiseql::schema {

namespace {

constexpr const char DEFAULT_DEPRECATION_REASON[] = "No longer supported";
constexpr const char *SPECIFIED_DIRECTIVES[] = {"include", "skip", "deprecated", "specifiedBy", "oneOf"};

// graphql-js isPrintableAsBlockString.
bool
printable_as_block_string(std::string_view value)
{
	if (value.empty())
		return true;
	bool empty_line = true, has_indent = false, common_indent = true, seen_non_empty_line = false;
	for (unsigned char c : value) {
		if (c == '\r' || (c < 0x20 && c != '\n' && c != '\t'))
			return false; // non-printable, or \r which a block string would turn into \n
		if (c == '\n') {
			if (empty_line && !seen_non_empty_line)
				return false; // a leading new line
			seen_non_empty_line = true;
			empty_line = true;
			has_indent = false;
		} else if (c == '\t' || c == ' ') {
			has_indent = has_indent || empty_line;
		} else {
			common_indent = common_indent && has_indent;
			empty_line = false;
		}
	}
	if (empty_line)
		return false; // trailing empty lines
	if (common_indent && seen_non_empty_line)
		return false; // an internal indent
	return true;
}

void
replace_newlines(std::string &out, const std::string &text, const std::string &indentation)
{
	for (char c : text) {
		out += c;
		if (c == '\n')
			out += indentation;
	}
}

// graphql-js printDescription. An empty description counts as none: the
// model does not tell `""` from no description.
void
description(std::string &out, const std::string &text, const std::string &indentation = std::string(),
            bool first_in_block = true)
{
	if (text.empty())
		return;
	std::string printed =
	    printable_as_block_string(text) ? syntax::print_block_string(text) : syntax::print_string(text);
	if (!indentation.empty() && !first_in_block)
		out += "\n" + indentation;
	else
		out += indentation;
	replace_newlines(out, printed, indentation);
	out += '\n';
}

void
deprecated(std::string &out, bool is_deprecated, const std::string &reason)
{
	if (!is_deprecated)
		return;
	if (reason == DEFAULT_DEPRECATION_REASON)
		out += " @deprecated";
	else
		out += " @deprecated(reason: " + syntax::print_string(reason) + ")";
}

// A default value as graphql-js keeps SDL defaults: the literal, printed.
std::string
default_value(const std::string &literal)
{
	util::Arena arena;
	syntax::ValueParseResult parsed = syntax::parse_value(literal, arena, true);
	return parsed.value ? syntax::print(*parsed.value) : literal;
}

void
input_value(std::string &out, const InputValueDef &v)
{
	out += v.name + ": " + v.type.print();
	if (v.has_default)
		out += " = " + default_value(v.default_literal);
	deprecated(out, v.deprecated, v.deprecation_reason);
}

void
arguments(std::string &out, const std::vector<InputValueDef> &args, const std::string &indentation)
{
	if (args.empty())
		return;
	bool described = false;
	for (const InputValueDef &a : args)
		described = described || !a.description.empty();
	if (!described) {
		out += '(';
		for (size_t i = 0; i < args.size(); i++) {
			if (i)
				out += ", ";
			input_value(out, args[i]);
		}
		out += ')';
		return;
	}
	out += "(\n";
	for (size_t i = 0; i < args.size(); i++) {
		if (i)
			out += '\n';
		description(out, args[i].description, "  " + indentation, i == 0);
		out += "  " + indentation;
		input_value(out, args[i]);
	}
	out += "\n" + indentation + ")";
}

void
view_directive(std::string &out, const ViewBinding &view)
{
	out += " @view(name: " + syntax::print_string(view.name);
	if (view.data_column != "data")
		out += ", dataColumn: " + syntax::print_string(view.data_column);
	if (view.id_column != "id")
		out += ", idColumn: " + syntax::print_string(view.id_column);
	out += ')';
}

void
function_directive(std::string &out, const FunctionBinding &function)
{
	out += " @function(name: " + syntax::print_string(function.name);
	if (function.has_context) {
		out += ", context: [";
		for (size_t i = 0; i < function.context.size(); i++)
			out += (i ? ", " : "") + syntax::print_string(function.context[i]);
		out += ']';
	}
	if (function.graphql_input_keys)
		out += ", graphqlInputKeys: true";
	out += ')';
}

class Printer {
public:
	Printer(const Schema &schema, const PrintOptions &options) : schema_(schema), options_(options) {}

	std::string
	print()
	{
		collect_used();
		std::string out;
		auto block = [&out](std::string text) {
			if (text.empty())
				return;
			if (!out.empty())
				out += "\n\n";
			out += text;
		};
		block(schema_definition());
		for (const auto &d : schema_.directives())
			if (!d->builtin && !specified_directive(d->name))
				block(directive(*d));
		for (const auto &t : schema_.types())
			if (printed(*t))
				block(type(*t));
		return out;
	}

private:
	const Schema &schema_;
	const PrintOptions &options_;
	std::unordered_set<const TypeDef *> used_;

	static bool
	specified_directive(const std::string &name)
	{
		for (const char *n : SPECIFIED_DIRECTIVES)
			if (name == n)
				return true;
		return false;
	}

	void
	collect_used()
	{
		auto args = [this](const std::vector<InputValueDef> &values) {
			for (const InputValueDef &v : values)
				used_.insert(v.type.named);
		};
		for (const auto &t : schema_.types()) {
			for (const FieldDef &f : t->fields) {
				used_.insert(f.type.named);
				args(f.arguments);
			}
			args(t->input_fields);
		}
		for (const auto &d : schema_.directives())
			args(d->arguments);
	}

	bool
	printed(const TypeDef &t) const
	{
		if (t.name.compare(0, 2, "__") == 0)
			return false;
		if (!t.builtin || t.kind != TypeKind::Scalar)
			return true;
		// graphql-js's specified scalars are never printed; FraiseQL's extra
		// ones are custom scalars to any other tool, declared when used.
		bool spec = t.scalar == ScalarKind::Int || t.scalar == ScalarKind::Float || t.scalar == ScalarKind::String ||
		            t.scalar == ScalarKind::Boolean || t.scalar == ScalarKind::ID;
		return !spec && used_.count(&t);
	}

	std::string
	schema_definition() const
	{
		const TypeDef *query = schema_.query_type();
		const TypeDef *mutation = schema_.mutation_type();
		const TypeDef *subscription = schema_.subscription_type();
		if (!query && !mutation && !subscription)
			return std::string();
		if (query == schema_.find_type("Query") && mutation == schema_.find_type("Mutation") &&
		    subscription == schema_.find_type("Subscription"))
			return std::string();
		std::string out = "schema {\n";
		if (query)
			out += "  query: " + query->name + "\n";
		if (mutation)
			out += "  mutation: " + mutation->name + "\n";
		if (subscription)
			out += "  subscription: " + subscription->name + "\n";
		return out + "}";
	}

	std::string
	directive(const DirectiveDef &d) const
	{
		std::string out;
		description(out, d.description);
		out += "directive @" + d.name;
		arguments(out, d.arguments, std::string());
		if (d.repeatable)
			out += " repeatable";
		out += " on ";
		bool first = true;
		for (size_t i = 0; i < static_cast<size_t>(DirectiveLocation::Count); i++) {
			DirectiveLocation l = static_cast<DirectiveLocation>(i);
			if (!d.allows(l))
				continue;
			if (!first)
				out += " | ";
			first = false;
			out += std::string(directive_location_name(l));
		}
		return out;
	}

	std::string
	type(const TypeDef &t) const
	{
		std::string out;
		description(out, t.description);
		switch (t.kind) {
		case TypeKind::Scalar:
			out += "scalar " + t.name;
			if (!t.specified_by_url.empty())
				out += " @specifiedBy(url: " + syntax::print_string(t.specified_by_url) + ")";
			break;
		case TypeKind::Object:
		case TypeKind::Interface:
			out += (t.kind == TypeKind::Object ? "type " : "interface ") + t.name;
			for (size_t i = 0; i < t.interfaces.size(); i++)
				out += (i ? " & " : " implements ") + t.interfaces[i]->name;
			if (options_.fraiseql_directives && t.view)
				view_directive(out, *t.view);
			fields(out, t);
			break;
		case TypeKind::Union:
			out += "union " + t.name;
			for (size_t i = 0; i < t.members.size(); i++)
				out += (i ? " | " : " = ") + t.members[i]->name;
			break;
		case TypeKind::Enum:
			out += "enum " + t.name;
			if (!t.values.empty()) {
				out += " {\n";
				for (size_t i = 0; i < t.values.size(); i++) {
					if (i)
						out += '\n';
					description(out, t.values[i].description, "  ", i == 0);
					out += "  " + t.values[i].name;
					deprecated(out, t.values[i].deprecated, t.values[i].deprecation_reason);
				}
				out += "\n}";
			}
			break;
		case TypeKind::InputObject:
			out += "input " + t.name;
			if (t.one_of)
				out += " @oneOf";
			if (!t.input_fields.empty()) {
				out += " {\n";
				for (size_t i = 0; i < t.input_fields.size(); i++) {
					if (i)
						out += '\n';
					description(out, t.input_fields[i].description, "  ", i == 0);
					out += "  ";
					input_value(out, t.input_fields[i]);
					const InputValueDef &f = t.input_fields[i];
					if (options_.fraiseql_directives && schema_.mode() == BuildMode::FraiseQL && !f.json_key.empty() &&
					    f.json_key != snake_case(f.name))
						out += " @field(key: " + syntax::print_string(f.json_key) + ")";
				}
				out += "\n}";
			}
			break;
		}
		return out;
	}

	void
	fields(std::string &out, const TypeDef &t) const
	{
		if (t.fields.empty())
			return;
		out += " {\n";
		for (size_t i = 0; i < t.fields.size(); i++) {
			const FieldDef &f = t.fields[i];
			if (i)
				out += '\n';
			description(out, f.description, "  ", i == 0);
			out += "  " + f.name;
			arguments(out, f.arguments, "  ");
			out += ": " + f.type.print();
			deprecated(out, f.deprecated, f.deprecation_reason);
			if (options_.fraiseql_directives && schema_.mode() == BuildMode::FraiseQL) {
				if (f.view_override)
					view_directive(out, *f.view_override);
				if (!f.connection_type.empty())
					out += " @connection(type: " + syntax::print_string(f.connection_type) + ")";
				if (f.json_key != snake_case(f.name))
					out += " @field(key: " + syntax::print_string(f.json_key) + ")";
				if (f.function)
					function_directive(out, *f.function);
				if (!f.notify_channel.empty())
					out += " @notify(channel: " + syntax::print_string(f.notify_channel) + ")";
			}
		}
		out += "\n}";
	}
};

} // namespace

std::string
print_schema(const Schema &schema, const PrintOptions &options)
{
	return Printer(schema, options).print();
}

} // namespace fraiseql::schema
