// validate.cc: runs the chosen rules in parallel over one walk of the document,
// as graphql-js's visitInParallel + visitWithTypeInfo do.
#include "core/validation/validate.h"

#include "core/response/json_writer.h"
#include "core/syntax/parser.h"
#include "core/validation/rule.h"
#include "core/validation/walker.h"

namespace fraiseql::validation {

namespace {

class ParallelVisitor : public Visitor {
public:
	ParallelVisitor(Context &context, std::vector<std::unique_ptr<Rule>> rules)
	    : ctx_(context), rules_(std::move(rules)), skipping_(rules_.size(), Node{NodeKind::Document, nullptr})
	{
	}

	bool
	enter(const Node &node) override
	{
		for (size_t i = 0; i < rules_.size() && !ctx_.stopped(); i++)
			if (!skipping_[i].ptr && !rules_[i]->enter(node))
				skipping_[i] = node;
		return !ctx_.stopped();
	}

	void
	leave(const Node &node) override
	{
		for (size_t i = 0; i < rules_.size() && !ctx_.stopped(); i++) {
			if (!skipping_[i].ptr)
				rules_[i]->leave(node);
			else if (skipping_[i] == node)
				skipping_[i].ptr = nullptr;
		}
	}

private:
	Context &ctx_;
	std::vector<std::unique_ptr<Rule>> rules_;
	std::vector<Node> skipping_; // ptr null: not skipping
};

} // namespace

bool
is_rule_name(std::string_view name)
{
	if (name == "specifiedRules")
		return true;
	for (const RuleEntry &e : rule_table())
		if (name == e.name)
			return true;
	return false;
}

ErrorList
validate(const schema::Schema &schema, const syntax::Document &document, const ValidateOptions &options)
{
	Context context(schema, document, options);
	std::vector<std::unique_ptr<Rule>> rules;
	bool all = options.rules.empty();
	for (const std::string &name : options.rules)
		if (name == "specifiedRules")
			all = true;
	for (const RuleEntry &e : rule_table()) {
		bool chosen = all && e.specified;
		for (const std::string &name : options.rules)
			if (name == e.name)
				chosen = true;
		if (chosen)
			rules.push_back(e.make(context));
	}
	ParallelVisitor visitor(context, std::move(rules));
	Walker(context.mutable_type_info(), visitor, &context.mutable_ancestors(), context.stop_flag()).document(document);
	return context.take_errors();
}

TextValidation
validate_text(const schema::Schema &schema, std::string_view query, const ValidateOptions &options,
              bool experimental_fragment_arguments)
{
	TextValidation out;
	util::Arena arena;
	syntax::ParseOptions parse_options;
	parse_options.experimental_fragment_arguments = experimental_fragment_arguments;
	syntax::ParseResult parsed = syntax::parse_document(query, arena, parse_options);
	if (!parsed.document) {
		out.errors.push_back(make_error(ErrorCode::ParseFailed, parsed.error.message, parsed.error.line, parsed.error.column));
		out.syntax_error = true;
		return out;
	}
	out.errors = validate(schema, *parsed.document, options);
	return out;
}

std::string
oracle_json(const TextValidation &result)
{
	std::string out = "{\"errors\":[";
	for (size_t i = 0; i < result.errors.size(); i++) {
		const GraphQLError &e = result.errors[i];
		out += i ? ",{\"message\":\"" : "{\"message\":\"";
		response::append_escaped(out, e.message);
		out += "\",\"locations\":[";
		for (size_t j = 0; j < e.locations.size(); j++)
			out += (j ? "," : "") + std::string("{\"line\":") + std::to_string(e.locations[j].line) +
			       ",\"column\":" + std::to_string(e.locations[j].column) + "}";
		out += "]}";
	}
	out += "]";
	if (result.syntax_error)
		out += ",\"syntax_error\":true";
	return out + "}";
}

} // namespace fraiseql::validation
