// alias_limit.cc: an explicit stack, so nesting costs no C++ stack.
#include "core/execute/alias_limit.h"

#include <string>
#include <utility>
#include <vector>

namespace fraiseql::execute {

ErrorList
check_alias_limit(const syntax::Document &document, uint32_t max_aliases)
{
	if (max_aliases == 0)
		return {};
	// Depth-first in document order: (selection set, next selection) pairs.
	std::vector<std::pair<const syntax::SelectionSet *, uint32_t>> stack;
	uint32_t aliases = 0;
	for (const syntax::Definition *d : document.definitions) {
		if (d->kind == syntax::DefinitionKind::Operation)
			stack.emplace_back(static_cast<const syntax::OperationDefinition *>(d)->selection_set, 0);
		else if (d->kind == syntax::DefinitionKind::Fragment)
			stack.emplace_back(static_cast<const syntax::FragmentDefinition *>(d)->selection_set, 0);
		while (!stack.empty()) {
			auto &[set, next] = stack.back();
			if (!set || next >= set->selections.size()) {
				stack.pop_back();
				continue;
			}
			const syntax::Selection *s = set->selections[next++];
			if (s->kind == syntax::SelectionKind::Field) {
				const auto *field = static_cast<const syntax::Field *>(s);
				if (field->alias.present() && ++aliases > max_aliases)
					return {make_error(ErrorCode::QueryTooComplex,
					                   "The document has more than " + std::to_string(max_aliases) +
					                       " aliases (fraiseql.max_aliases).",
					                   field->loc.line, field->loc.column)};
				stack.emplace_back(field->selection_set, 0);
			} else if (s->kind == syntax::SelectionKind::InlineFragment) {
				stack.emplace_back(static_cast<const syntax::InlineFragment *>(s)->selection_set, 0);
			}
		}
	}
	return {};
}

} // namespace fraiseql::execute
