// context.h: what every rule shares during one validation (graphql-js
// ValidationContext): the schema, the document, the current TypeInfo and
// ancestors, error reporting with its limits, and cached facts about fragments
// and variable usages. Work on fragments is budgeted as graphql-js does, so a
// hostile document ends in "Validation aborted." instead of running long.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/schema/schema.h"
#include "core/util/error.h"
#include "core/validation/node.h"
#include "core/validation/type_info.h"
#include "core/validation/validate.h"

namespace fraiseql::validation {

struct VariableUsage {
	const syntax::Value *node;      // the $variable
	schema::TypeExpr type;          // the input type expected where it is used
	schema::TypeExpr parent_type;   // the type around that position (a list or input object)
	bool has_default;               // the argument or input field there has a default value
	const syntax::VariableDefinition *fragment_variable; // set when a fragment variable
};

class Context {
public:
	Context(const schema::Schema &schema, const syntax::Document &document, const ValidateOptions &options);

	const schema::Schema &schema() const { return schema_; }
	const syntax::Document &document() const { return document_; }
	bool hide_suggestions() const { return options_.hide_suggestions; }
	const TypeInfo &type_info() const { return type_info_; }
	TypeInfo &mutable_type_info() { return type_info_; }
	const FragmentMap &fragments() const { return fragments_; }
	// The nodes from the document down to the current node's parent.
	const std::vector<Node> &ancestors() const { return ancestors_; }
	std::vector<Node> &mutable_ancestors() { return ancestors_; }

	void report(std::string message, std::initializer_list<syntax::Loc> locations);
	void report(std::string message, const std::vector<syntax::Loc> &locations);
	// Ends validation with "Validation aborted." (a work budget ran out).
	void abort();
	bool stopped() const { return stopped_; }
	const bool *stop_flag() const { return &stopped_; }
	ErrorList take_errors() { return std::move(errors_); }

	// graphql-js getFragment: the last fragment of that name.
	const syntax::FragmentDefinition *fragment(std::string_view name) const;
	// Spreads in a selection set and its nested sets, in graphql-js's order
	// (the set's own spreads first, then nested sets last-in first-out).
	const std::vector<const syntax::FragmentSpread *> &fragment_spreads(const syntax::SelectionSet *set);
	// Fragments reachable from the operations, each once, breadth first.
	std::vector<const syntax::FragmentDefinition *>
	recursively_referenced_fragments(const std::vector<const syntax::OperationDefinition *> &operations);
	// Variable usages inside one definition (not inside variable definitions).
	const std::vector<VariableUsage> &variable_usages(const syntax::Definition &definition);
	// The operation's usages, then those of every fragment it reaches.
	const std::vector<VariableUsage> &recursive_variable_usages(const syntax::OperationDefinition &operation);
	// Returns false (and aborts) when the fragment work budget is spent.
	bool spend_fragment_work(size_t cost);

private:
	const schema::Schema &schema_;
	const syntax::Document &document_;
	ValidateOptions options_;
	FragmentMap fragments_;
	TypeInfo type_info_;
	std::vector<Node> ancestors_;
	ErrorList errors_;
	bool stopped_ = false;
	int64_t fragment_work_ = 50000;
	std::unordered_map<const syntax::SelectionSet *, std::vector<const syntax::FragmentSpread *>> spreads_;
	std::unordered_map<const syntax::Definition *, std::vector<VariableUsage>> usages_;
	std::unordered_map<const syntax::Definition *, std::vector<VariableUsage>> recursive_usages_;
};

} // namespace fraiseql::validation
