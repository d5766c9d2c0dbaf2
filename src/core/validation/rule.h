// rule.h: one validation rule: it sees every node on the way in and out and
// reports through the shared Context. enter() returning false skips the node's
// subtree for this rule only (graphql-js visitInParallel).
#pragma once

#include <memory>

#include "core/validation/context.h"
#include "core/validation/node.h"

namespace fraiseql::validation {

class Rule {
public:
	explicit Rule(Context &context) : ctx_(context) {}
	virtual ~Rule() = default;
	virtual bool enter(const Node &) { return true; }
	virtual void leave(const Node &) {}

protected:
	Context &ctx_;
};

using RuleFactory = std::unique_ptr<Rule> (*)(Context &);

struct RuleEntry {
	const char *name;
	RuleFactory make;
	bool specified; // member of graphql-js specifiedRules
};

// Every rule, specifiedRules first in graphql-js's order.
const std::vector<RuleEntry> &rule_table();

} // namespace fraiseql::validation
