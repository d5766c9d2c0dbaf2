// printer.cc: prints an AST exactly as graphql-js 17's print() does.
// As there, pieces are joined into linked buffers whose lengths (UTF-16 units,
// indentation included) decide where long argument lists and values wrap.
#include "core/syntax/printer.h"

#include <initializer_list>
#include <vector>

#include "core/syntax/lexer.h"

namespace fraiseql::syntax {

namespace {

constexpr size_t kMaxLineLength = 80;

class Printer {
public:
	// A chain of parts; the handle is a value, the links live in parts_.
	struct Buf {
		int head = -1;
		int tail = -1;
		size_t length = 0;   // UTF-16 units, as rendered (indentation included)
		size_t newlines = 0;
	};

	std::string render(const Buf &b) const
	{
		std::string out;
		std::string indentation;
		for (int i = b.head; i >= 0; i = parts_[i].next) {
			const Part &p = parts_[i];
			if (p.indent_before) {
				indentation += "  ";
				out += "  ";
			}
			for (char c : p.text) {
				if (c == '\n') {
					out += '\n';
					out += indentation;
				} else {
					out += c;
				}
			}
			if (p.dedent_after)
				indentation.resize(indentation.size() >= 2 ? indentation.size() - 2 : 0);
		}
		return out;
	}

	Buf document(const Document &d)
	{
		std::vector<Buf> defs;
		for (const Definition *def : d.definitions)
			defs.push_back(definition(*def));
		return join(defs, "\n\n");
	}

	Buf value(const Value &v)
	{
		switch (v.kind) {
		case ValueKind::Variable: return lit("$" + std::string(v.text));
		case ValueKind::Int:
		case ValueKind::Float:
		case ValueKind::Enum: return lit(std::string(v.text));
		case ValueKind::String: return string_value(v.text, v.block);
		case ValueKind::Boolean: return lit(v.boolean ? "true" : "false");
		case ValueKind::Null: return lit("null");
		case ValueKind::List: {
			std::vector<Buf> items;
			for (const Value *item : v.list)
				items.push_back(value(*item));
			if (2 + joined_length(items, 2) > kMaxLineLength)
				return wrap("[\n", indent(join(items, "\n")), "\n]");
			return join({lit("["), join(items, ", "), lit("]")});
		}
		case ValueKind::Object: {
			std::vector<Buf> fields;
			for (const ObjectField &f : v.fields)
				fields.push_back(join({name(f.name), lit(": "), value(*f.value)}));
			if (4 + joined_length(fields, 2) > kMaxLineLength)
				return block(fields);
			return join({lit("{ "), join(fields, ", "), lit(" }")});
		}
		}
		return Buf();
	}

	Buf type(const TypeRef &t)
	{
		switch (t.kind) {
		case TypeKind::Named: return name(t.name);
		case TypeKind::List: return join({lit("["), type(*t.of_type), lit("]")});
		case TypeKind::NonNull: return join({type(*t.of_type), lit("!")});
		}
		return Buf();
	}

private:
	struct Part {
		std::string text;
		bool indent_before = false;
		bool dedent_after = false;
		int next = -1;
	};
	std::vector<Part> parts_;

	Buf lit(std::string text)
	{
		Buf b;
		if (text.empty())
			return b;
		b.length = utf16_length(text);
		for (char c : text)
			b.newlines += c == '\n';
		parts_.push_back(Part{std::move(text), false, false, -1});
		b.head = b.tail = static_cast<int>(parts_.size() - 1);
		return b;
	}

	Buf append(Buf a, const Buf &b)
	{
		if (b.length == 0)
			return a;
		if (a.length == 0)
			return b;
		parts_[a.tail].next = b.head;
		a.tail = b.tail;
		a.length += b.length;
		a.newlines += b.newlines;
		return a;
	}

	Buf indent(Buf b)
	{
		if (b.length == 0)
			return b;
		parts_[b.head].indent_before = true;
		parts_[b.tail].dedent_after = true;
		b.length += 2 * (b.newlines + 1);
		return b;
	}

	Buf join(const std::vector<Buf> &items, std::string_view sep = "")
	{
		Buf result;
		for (const Buf &item : items) {
			if (item.length == 0)
				continue;
			if (result.length == 0) {
				result = item;
			} else {
				if (!sep.empty())
					result = append(result, lit(std::string(sep)));
				result = append(result, item);
			}
		}
		return result;
	}
	Buf join(std::initializer_list<Buf> items, std::string_view sep = "")
	{
		return join(std::vector<Buf>(items), sep);
	}

	static size_t joined_length(const std::vector<Buf> &items, size_t sep_length)
	{
		size_t length = 0;
		for (const Buf &item : items)
			if (item.length != 0)
				length += (length == 0 ? 0 : sep_length) + item.length;
		return length;
	}

	Buf wrap(std::string_view start, const Buf &b, std::string_view end = "")
	{
		if (b.length == 0)
			return Buf();
		Buf head = start.empty() ? b : append(lit(std::string(start)), b);
		return append(head, lit(std::string(end)));
	}

	Buf block(const std::vector<Buf> &items) { return wrap("{\n", indent(join(items, "\n")), "\n}"); }

	static bool has_multiline(const std::vector<Buf> &items)
	{
		for (const Buf &b : items)
			if (b.newlines != 0)
				return true;
		return false;
	}

	Buf name(const Name &n) { return lit(std::string(n.text)); }

	Buf string_value(std::string_view text, bool is_block)
	{
		return lit(is_block ? print_block_string(text) : print_string(text));
	}

	Buf description(std::string_view text, bool has, bool is_block)
	{
		if (!has)
			return Buf();
		return wrap("", string_value(text, is_block), "\n");
	}

	Buf directives(const Span<Directive> &dirs)
	{
		std::vector<Buf> items;
		for (const Directive &d : dirs) {
			std::vector<Buf> args;
			for (const Argument &a : d.arguments)
				args.push_back(argument(a));
			items.push_back(join({lit("@"), name(d.name), wrap("(", join(args, ", "), ")")}));
		}
		return join(items, " ");
	}

	Buf argument(const Argument &a) { return join({name(a.name), lit(": "), value(*a.value)}); }

	// Field and fragment-spread arguments break onto lines past 80 columns.
	Buf line_and_args(const Buf &prefix, const Span<Argument> &arguments)
	{
		if (arguments.empty())
			return prefix;
		std::vector<Buf> args;
		for (const Argument &a : arguments)
			args.push_back(argument(a));
		Buf list = prefix.length + joined_length(args, 2) + 2 > kMaxLineLength
		               ? wrap("(\n", indent(join(args, "\n")), "\n)")
		               : wrap("(", join(args, ", "), ")");
		return join({prefix, list});
	}

	Buf selection_set(const SelectionSet *set)
	{
		if (!set)
			return Buf();
		if (set->selections.empty())
			return lit("{}");
		std::vector<Buf> items;
		for (const Selection *s : set->selections)
			items.push_back(selection(*s));
		return block(items);
	}

	Buf selection(const Selection &s)
	{
		switch (s.kind) {
		case SelectionKind::Field: {
			const auto &f = static_cast<const Field &>(s);
			Buf prefix = join({wrap("", f.alias.present() ? name(f.alias) : Buf(), ": "), name(f.name)});
			return join({line_and_args(prefix, f.arguments), wrap(" ", directives(f.directives)),
			             wrap(" ", selection_set(f.selection_set))});
		}
		case SelectionKind::FragmentSpread: {
			const auto &f = static_cast<const FragmentSpread &>(s);
			Buf prefix = join({lit("..."), name(f.name)});
			return join({line_and_args(prefix, f.arguments), wrap(" ", directives(f.directives))});
		}
		case SelectionKind::InlineFragment: {
			const auto &f = static_cast<const InlineFragment &>(s);
			Buf cond = f.type_condition.present() ? name(f.type_condition) : Buf();
			return join({lit("..."), wrap("on ", cond), directives(f.directives), selection_set(f.selection_set)}, " ");
		}
		}
		return Buf();
	}

	Buf variable_definition(const VariableDefinition &v)
	{
		return join({description(v.description, v.has_description, v.description_block), lit("$" + std::string(v.variable.text)),
		             lit(": "), type(*v.type), wrap(" = ", v.default_value ? value(*v.default_value) : Buf()),
		             wrap(" ", directives(v.directives))});
	}

	Buf input_value(const InputValueDefinition &v)
	{
		return join({description(v.description, v.has_description, v.description_block), name(v.name), lit(": "),
		             type(*v.type), wrap(" = ", v.default_value ? value(*v.default_value) : Buf()),
		             wrap(" ", directives(v.directives))});
	}

	Buf argument_defs(const Span<InputValueDefinition> &defs)
	{
		std::vector<Buf> args;
		for (const InputValueDefinition &a : defs)
			args.push_back(input_value(a));
		if (has_multiline(args))
			return wrap("(\n", indent(join(args, "\n")), "\n)");
		return wrap("(", join(args, ", "), ")");
	}

	Buf names(const Span<Name> &list, std::string_view sep)
	{
		std::vector<Buf> items;
		for (const Name &n : list)
			items.push_back(name(n));
		return join(items, sep);
	}

	Buf operation(const OperationDefinition &op)
	{
		static const char *const words[] = {"query", "mutation", "subscription"};
		const std::string word = words[static_cast<int>(op.operation)];
		std::vector<Buf> vars;
		for (const VariableDefinition &v : op.variables)
			vars.push_back(variable_definition(v));
		Buf var_defs = has_multiline(vars) ? wrap("(\n", join(vars, "\n"), "\n)") : wrap("(", join(vars, ", "), ")");
		Buf prefix = join({description(op.description, op.has_description, op.description_block),
		                   join({lit(word), join({op.name.present() ? name(op.name) : Buf(), var_defs}),
		                         directives(op.directives)},
		                        " ")});
		Buf head = (op.operation == OperationType::Query && prefix.length == word.size()) ? Buf() : join({prefix, lit(" ")});
		return join({head, selection_set(op.selection_set)});
	}

	Buf fragment(const FragmentDefinition &f)
	{
		std::vector<Buf> vars;
		for (const VariableDefinition &v : f.variables)
			vars.push_back(variable_definition(v));
		return join({description(f.description, f.has_description, f.description_block), lit("fragment "), name(f.name),
		             wrap("(", join(vars, ", "), ")"), lit(" on "), name(f.type_condition), lit(" "),
		             wrap("", directives(f.directives), " "), selection_set(f.selection_set)});
	}

	Buf type_definition(const TypeDefinition &t)
	{
		static const char *const words[] = {"", "", "", "scalar", "type", "interface", "union", "enum", "input"};
		std::string word = words[static_cast<int>(t.kind)];
		if (t.is_extension)
			word = "extend " + word;
		Buf body;
		switch (t.kind) {
		case DefinitionKind::ObjectType:
		case DefinitionKind::InterfaceType: {
			std::vector<Buf> fields;
			for (const FieldDefinition &f : t.fields)
				fields.push_back(join({description(f.description, f.has_description, f.description_block), name(f.name),
				                       argument_defs(f.arguments), lit(": "), type(*f.type),
				                       wrap(" ", directives(f.directives))}));
			body = join({lit(word), name(t.name), wrap("implements ", names(t.interfaces, " & ")),
			             directives(t.directives), block(fields)},
			            " ");
			break;
		}
		case DefinitionKind::UnionType:
			body = join({lit(word), name(t.name), directives(t.directives), wrap("= ", names(t.members, " | "))}, " ");
			break;
		case DefinitionKind::EnumType: {
			std::vector<Buf> values;
			for (const EnumValueDefinition &v : t.values)
				values.push_back(join({description(v.description, v.has_description, v.description_block),
				                       join({name(v.name), directives(v.directives)}, " ")}));
			body = join({lit(word), name(t.name), directives(t.directives), block(values)}, " ");
			break;
		}
		case DefinitionKind::InputObjectType: {
			std::vector<Buf> fields;
			for (const InputValueDefinition &v : t.input_fields)
				fields.push_back(input_value(v));
			body = join({lit(word), name(t.name), directives(t.directives), block(fields)}, " ");
			break;
		}
		default:
			body = join({lit(word), name(t.name), directives(t.directives)}, " ");
			break;
		}
		if (t.is_extension)
			return body;
		return join({description(t.description, t.has_description, t.description_block), body});
	}

	Buf definition(const Definition &d)
	{
		switch (d.kind) {
		case DefinitionKind::Operation: return operation(static_cast<const OperationDefinition &>(d));
		case DefinitionKind::Fragment: return fragment(static_cast<const FragmentDefinition &>(d));
		case DefinitionKind::Schema: {
			const auto &s = static_cast<const SchemaDefinition &>(d);
			std::vector<Buf> ops;
			static const char *const words[] = {"query", "mutation", "subscription"};
			for (const OperationTypeDefinition &o : s.operation_types)
				ops.push_back(join({lit(words[static_cast<int>(o.operation)]), lit(": "), name(o.type)}));
			if (s.is_extension)
				return join({lit("extend schema"), directives(s.directives), block(ops)}, " ");
			return join({description(s.description, s.has_description, s.description_block),
			             join({lit("schema"), directives(s.directives), block(ops)}, " ")});
		}
		case DefinitionKind::Directive: {
			const auto &dd = static_cast<const DirectiveDefinition &>(d);
			if (dd.is_extension)
				return join({join({lit("extend directive @"), name(dd.name)}), directives(dd.directives)}, " ");
			return join({description(dd.description, dd.has_description, dd.description_block), lit("directive @"),
			             name(dd.name), argument_defs(dd.arguments), wrap(" ", directives(dd.directives)),
			             dd.repeatable ? lit(" repeatable") : Buf(), lit(" on "), names(dd.locations, " | ")});
		}
		default: return type_definition(static_cast<const TypeDefinition &>(d));
		}
	}
};

} // namespace

std::string
print_string(std::string_view value)
{
	static const char hex[] = "0123456789ABCDEF";
	std::string out = "\"";
	for (size_t i = 0; i < value.size();) {
		unsigned char c = static_cast<unsigned char>(value[i]);
		uint32_t code = c;
		size_t len = 1;
		if (c >= 0x80) {
			Utf8Char ch = decode_utf8(value, i);
			code = ch.code;
			len = ch.bytes;
		}
		switch (code) {
		case '\b': out += "\\b"; break;
		case '\t': out += "\\t"; break;
		case '\n': out += "\\n"; break;
		case '\f': out += "\\f"; break;
		case '\r': out += "\\r"; break;
		case '"': out += "\\\""; break;
		case '\\': out += "\\\\"; break;
		default:
			if (code < 0x20 || (code >= 0x7F && code <= 0x9F)) {
				out += "\\u00";
				out += hex[code >> 4];
				out += hex[code & 15];
			} else {
				out.append(value.data() + i, len);
			}
		}
		i += len;
	}
	out += '"';
	return out;
}

std::string
print_block_string(std::string_view value)
{
	std::string escaped;
	for (size_t i = 0; i < value.size(); i++) {
		if (value.compare(i, 3, "\"\"\"") == 0) {
			escaped += "\\\"\"\"";
			i += 2;
		} else {
			escaped += value[i];
		}
	}
	auto is_ws = [](char c) { return c == ' ' || c == '\t'; };
	// Split on \r\n, \n or \r, checking what graphql-js checks on the pieces.
	size_t line_count = 1;
	bool later_lines_indented = true;
	for (size_t i = 0; i < escaped.size(); i++) {
		char c = escaped[i];
		if (c != '\n' && c != '\r')
			continue;
		if (c == '\r' && i + 1 < escaped.size() && escaped[i + 1] == '\n')
			i++;
		line_count++;
		if (i + 1 < escaped.size() && escaped[i + 1] != '\n' && escaped[i + 1] != '\r' && !is_ws(escaped[i + 1]))
			later_lines_indented = false;
	}
	const bool single_line = line_count == 1;
	const bool force_leading_newline = line_count > 1 && later_lines_indented;
	const bool trailing_triple_quotes = escaped.size() >= 4 && escaped.compare(escaped.size() - 4, 4, "\\\"\"\"") == 0;
	const bool trailing_quote = !value.empty() && value.back() == '"' && !trailing_triple_quotes;
	const bool trailing_slash = !value.empty() && value.back() == '\\';
	const bool force_trailing_newline = trailing_quote || trailing_slash;
	const bool multiple_lines = !single_line || utf16_length(value) > 70 || force_trailing_newline ||
	                            force_leading_newline || trailing_triple_quotes;
	const bool skip_leading_newline = single_line && !value.empty() && is_ws(value[0]);
	std::string out = "\"\"\"";
	if ((multiple_lines && !skip_leading_newline) || force_leading_newline)
		out += '\n';
	out += escaped;
	if (multiple_lines || force_trailing_newline)
		out += '\n';
	out += "\"\"\"";
	return out;
}

std::string
print(const Document &document)
{
	Printer p;
	return p.render(p.document(document));
}

std::string
print(const Value &value)
{
	Printer p;
	return p.render(p.value(value));
}

std::string
print(const TypeRef &type)
{
	Printer p;
	return p.render(p.type(type));
}

} // namespace fraiseql::syntax
