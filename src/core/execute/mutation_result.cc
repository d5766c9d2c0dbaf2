// mutation_result.cc: status -> result type, then the member's fields from the row.
#include "core/execute/mutation_result.h"

#include <string>

namespace fraiseql::execute {

namespace {

struct ErrorPrefix {
	std::string_view prefix;
	int code;
};

constexpr ErrorPrefix ERROR_PREFIXES[] = {
    {"validation:", 422}, {"failed:", 422},       {"noop:", 422},      {"not_found:", 404},
    {"conflict:", 409},   {"unauthorized:", 401}, {"forbidden:", 403}, {"timeout:", 408},
};

constexpr std::string_view SUCCESS_STATUSES[] = {"success", "created", "updated", "deleted"};

bool
ends_with(std::string_view s, std::string_view suffix)
{
	return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

} // namespace

MutationStatus
classify_status(std::string_view status)
{
	MutationStatus out;
	for (std::string_view s : SUCCESS_STATUSES)
		if (status == s || (status.size() > s.size() && status.substr(0, s.size()) == s && status[s.size()] == ':')) {
			out.kind = StatusKind::Success;
			return out;
		}
	for (const ErrorPrefix &e : ERROR_PREFIXES)
		if (status.substr(0, e.prefix.size()) == e.prefix) {
			out.kind = StatusKind::Error;
			out.code = e.code;
			return out;
		}
	return out;
}

const compile::TypeBranch *
result_branch(const compile::RootField &root, const MutationStatus &status)
{
	if (root.branches.size() == 1 && root.object_type && root.object_type->kind == schema::TypeKind::Object)
		return &root.branches.front(); // an object result type takes every status
	std::string_view suffix = status.kind == StatusKind::Success ? "Success" : "Error";
	for (const compile::TypeBranch &b : root.branches)
		if (ends_with(b.type->name, suffix))
			return &b;
	return nullptr;
}

bool
write_mutation_result(const compile::RootField &root, const jsonb::Value &row, response::Projector &projector,
                      response::JsonWriter &out)
{
	const std::string coordinate = "Mutation." + root.response_key;
	if (row.kind != jsonb::Kind::Object) // no row, SQL NULL or a JSON null
		return projector.value({}, root.type, jsonb::Value(), coordinate, root.line, root.column);
	const jsonb::Container fields = row.container();
	const jsonb::Value status_value = fields.find("status");
	const std::string status = status_value.kind == jsonb::Kind::String ? std::string(status_value.string()) : std::string();
	const MutationStatus kind = classify_status(status);
	const compile::TypeBranch *branch = kind.kind == StatusKind::Unknown ? nullptr : result_branch(root, kind);
	if (!branch) {
		projector.field_error(kind.kind == StatusKind::Unknown
		                          ? "mutation function returned status \"" + status +
		                                "\", which is neither a success status (success, created, updated, deleted) "
		                                "nor an error prefix (validation:, not_found:, conflict:...)"
		                          : "type \"" + root.type.named->name + "\" has no member whose name ends in \"" +
		                                (kind.kind == StatusKind::Success ? "Success" : "Error") +
		                                "\" for status \"" + status + "\"",
		                      root.line, root.column);
		if (root.type.is_non_null())
			return false;
		out.null();
		return true;
	}
	size_t mark = out.mark();
	out.raw('{');
	bool first = true;
	for (const compile::ProjectionNode &node : branch->selection) {
		if (!first)
			out.raw(',');
		first = false;
		out.raw(node.key_prefix);
		if (node.kind == compile::NodeKind::Typename) {
			out.string(node.json_key);
			continue;
		}
		if (kind.kind == StatusKind::Error && node.json_key == "code" && !node.type.is_list() && node.type.named->is_leaf()) {
			out.integer(kind.code);
			continue;
		}
		// The entity field reads "entity" (compile::bind_entity_field), the others their own column.
		projector.path().push_back({&node.response_key, -1});
		bool ok = projector.value(node.children, node.type, fields.find(node.json_key), node.coordinate, node.line,
		                          node.column, &node.branches);
		projector.path().pop_back();
		if (!ok) {
			out.truncate(mark);
			if (root.type.is_non_null())
				return false;
			out.null();
			return true;
		}
	}
	out.raw('}');
	return true;
}

} // namespace fraiseql::execute
