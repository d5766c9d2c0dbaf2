// sdl_context.h: state shared by the SDL rules during one validate_sdl call:
// the lookups graphql-js's rules build up front (types and directives the
// document defines, merged over the base schema's) and each rule's memory of
// what it has seen so far. Internal to src/core/validation/sdl.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/syntax/ast.h"
#include "core/util/error.h"
#include "core/validation/sdl/base_schema_facts.h"
#include "core/validation/sdl/builtins.h"
#include "core/validation/sdl/validate_sdl.h"

namespace fraiseql::validation::sdl {

// Name -> first value stored under it. Short lists are searched linearly (no
// allocation once warm); past 16 entries a hash map keeps hostile input linear.
template <class V>
class FirstSeen {
public:
	// The value first stored under `name`; nullptr after storing `value` when new.
	const V *find_or_add(std::string_view name, const V &value)
	{
		if (const V *found = find(name))
			return found;
		if (large_.empty() && small_.size() < kSmall) {
			small_.emplace_back(name, value);
		} else {
			if (large_.empty())
				for (const auto &entry : small_)
					large_.emplace(entry.first, entry.second);
			large_.emplace(name, value);
		}
		return nullptr;
	}
	const V *find(std::string_view name) const
	{
		if (!large_.empty()) {
			auto it = large_.find(name);
			return it == large_.end() ? nullptr : &it->second;
		}
		for (const auto &entry : small_)
			if (entry.first == name)
				return &entry.second;
		return nullptr;
	}
	void clear()
	{
		small_.clear();
		if (!large_.empty())
			large_.clear();
	}

private:
	static constexpr size_t kSmall = 16;
	std::vector<std::pair<std::string_view, V>> small_;
	std::unordered_map<std::string_view, V> large_;
};

struct NamePairHash {
	size_t operator()(const std::pair<std::string_view, std::string_view> &p) const
	{
		size_t a = std::hash<std::string_view>()(p.first), b = std::hash<std::string_view>()(p.second);
		return a ^ (b + 0x9e3779b97f4a7c15ull + (a << 6) + (a >> 2));
	}
};
template <class V>
using NamePairMap = std::unordered_map<std::pair<std::string_view, std::string_view>, V, NamePairHash>;

// A directive as the directive rules see it: its definition (from the
// document, the base schema or the specified directives) and its locations.
struct DirectiveInfo {
	const syntax::DirectiveDefinition *definition = nullptr;
	uint32_t locations = 0;
};

// Whose directives a list is, for UniqueDirectivesPerLocation: the schema, a
// named type or directive (all definitions and extensions of one name share
// their directives), or one node of its own.
enum class DirectiveOwner : uint8_t { Schema, Type, Directive, Node };

class Context {
public:
	Context(const syntax::Document &document, const BaseSchemaFacts *base, SdlRuleSelection rules,
	        uint32_t max_errors);

	bool on(SdlRule rule) const { return rules_.has(rule); }
	// The error limit was reached: nothing more is reported.
	bool aborted() const { return aborted_; }
	void report(std::string message, const syntax::Loc &at);
	void report(std::string message, const syntax::Loc &first, const syntax::Loc &second);
	void report(std::string message, std::vector<SourceLocation> locations);

	// The document's last definition of a type of this name (extensions excluded).
	const syntax::TypeDefinition *defined_type(std::string_view name) const;
	const BaseTypeFacts *existing_type(std::string_view name) const
	{
		return base ? base->find_type(name) : nullptr;
	}
	const DirectiveInfo *directive(std::string_view name) const;
	// Type names for "Did you mean": the base schema's, then the document's.
	void append_known_type_names(std::vector<std::string_view> &out) const;

	const syntax::Document &document;
	const BaseSchemaFacts *base; // nullptr: nothing is extended
	ErrorList errors;

	// ---- what each rule has seen so far ----
	int schema_definitions = 0;                                     // LoneSchemaDefinition
	const syntax::OperationTypeDefinition *root_definitions[3] = {}; // UniqueOperationTypes
	std::unordered_map<std::string_view, syntax::Loc> type_names;       // UniqueTypeNames
	NamePairMap<syntax::Loc> enum_values;                                // UniqueEnumValueNames
	NamePairMap<syntax::Loc> field_names;                                // UniqueFieldDefinitionNames
	std::unordered_map<std::string_view, syntax::Loc> directive_names;  // UniqueDirectiveNames
	// UniqueDirectivesPerLocation, keyed by (owner name, directive name).
	std::unordered_map<std::string_view, syntax::Loc> schema_directives;
	NamePairMap<syntax::Loc> type_directives;
	NamePairMap<syntax::Loc> directive_directives;
	FirstSeen<syntax::Loc> node_directives; // scratch, one node at a time
	// UniqueInputFieldNames: one scope per nesting level of object values.
	std::vector<FirstSeen<syntax::Loc>> input_field_scopes;
	uint32_t input_field_depth = 0;
	FirstSeen<uint32_t> group_scratch; // groupBy in the argument rules, required arguments
	FirstSeen<uint32_t> name_scratch;  // provided arguments
	// Argument names of directive definitions too long to search linearly.
	std::unordered_map<const syntax::DirectiveDefinition *, std::unordered_set<std::string_view>> argument_sets;

private:
	SdlRuleSelection rules_;
	uint32_t max_errors_;
	bool aborted_ = false;
	bool room_for_error(); // false once the limit is reached
	std::unordered_map<std::string_view, const syntax::TypeDefinition *> defined_types_;
	std::unordered_map<std::string_view, DirectiveInfo> directives_;
};

// graphql-js didYouMean(suggestionList(input, options)): " Did you mean ...?" or "".
// Consumes `options` (reorders and filters it).
std::string suggest(std::string_view input, std::vector<std::string_view> &options);

// ---- rules at type-system definitions (rules_definitions.cc) ----
void lone_schema_definition(Context &ctx, const syntax::SchemaDefinition &def);
void unique_operation_types(Context &ctx, const syntax::SchemaDefinition &def);
void unique_type_names(Context &ctx, const syntax::TypeDefinition &def);
void unique_enum_value_names(Context &ctx, const syntax::TypeDefinition &def);
void unique_field_definition_names(Context &ctx, const syntax::TypeDefinition &def);
void unique_argument_definition_names(Context &ctx, const syntax::TypeDefinition &def);
void unique_argument_definition_names(Context &ctx, const syntax::DirectiveDefinition &def);
void unique_directive_names(Context &ctx, const syntax::DirectiveDefinition &def);
void possible_type_extensions(Context &ctx, const syntax::TypeDefinition &def);

// ---- rules at names, directives and values (rules_usage.cc) ----
void known_type_names(Context &ctx, const syntax::Name &named_type, bool in_type_system);
void known_directives(Context &ctx, const syntax::Directive &directive, DirectiveLocation location);
void unique_directives_per_location(Context &ctx, DirectiveOwner owner, std::string_view owner_name,
                                    util::Span<syntax::Directive> directives);
void known_argument_names_on_directives(Context &ctx, const syntax::Directive &directive);
void unique_argument_names(Context &ctx, util::Span<syntax::Argument> arguments);
void provided_required_arguments_on_directives(Context &ctx, const syntax::Directive &directive);
// UniqueInputFieldNames: enter/leave an object value, and check one of its fields.
void enter_object_value(Context &ctx);
void leave_object_value(Context &ctx);
void unique_input_field_name(Context &ctx, const syntax::ObjectField &field);

// graphql-js groupBy by name: report(locations of every use) for each name
// given more than once, in order of the name's first use.
template <class Item, class Report>
void
for_each_repeated_name(Context &ctx, util::Span<Item> items, Report report)
{
	const uint32_t n = items.size();
	if (n < 2)
		return;
	ctx.group_scratch.clear();
	bool repeated = false;
	for (uint32_t i = 0; i < n; i++)
		repeated |= ctx.group_scratch.find_or_add(items[i].name.text, i) != nullptr;
	if (!repeated)
		return;
	// Chain each use to the next use of the same name, then walk the chains.
	std::vector<uint32_t> next(n, n), tail(n, n), first(n, n);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t f = *ctx.group_scratch.find(items[i].name.text);
		first[i] = f;
		if (f != i)
			next[tail[f]] = i;
		tail[f] = i;
	}
	for (uint32_t i = 0; i < n; i++) {
		if (first[i] != i || next[i] == n)
			continue;
		std::vector<SourceLocation> locations;
		for (uint32_t j = i; j != n; j = next[j])
			locations.push_back({items[j].name.loc.line, items[j].name.loc.column});
		report(items[i].name.text, std::move(locations));
	}
}

} // namespace fraiseql::validation::sdl
