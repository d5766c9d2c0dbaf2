// projection.cc: the projection interpreter over jsonb values.
#include "core/response/projection.h"

#include "core/response/builtin_scalars.h"
#include "core/response/jsonb_json.h"
#include "core/schema/typed_scalar_cases.h"

#include <string>

namespace fraiseql::response {

namespace {

using jsonb::Kind;
using schema::ScalarKind;
using schema::TypeKind;

// One step of an error's path: a response key, or a list index when `key` is null.
PathSegment
path_segment(const std::string *key, int64_t index)
{
	PathSegment seg;
	if (key)
		seg.key = *key;
	else
		seg.index = index;
	return seg;
}

} // namespace

void
Projector::field_error(std::string message, uint32_t line, uint32_t column)
{
	GraphQLError e = make_error(ErrorCode::Internal, std::move(message), line, column);
	e.code = ErrorCode::Internal;
	for (const PathStep &step : path_)
		e.path.push_back(path_segment(step.key, step.index));
	errors_.push_back(std::move(e));
}

void
Projector::inner_error(std::string message, uint32_t line, uint32_t column)
{
	GraphQLError e = make_error(ErrorCode::Internal, std::move(message), line, column);
	e.code = ErrorCode::Internal;
	errors_.push_back(std::move(e));
	inner_errors_++;
}

void
Projector::add_step(size_t errors_before, const std::string *key, int64_t index)
{
	for (size_t i = errors_.size() - (inner_errors_ - errors_before); i < errors_.size(); i++)
		errors_[i].path.push_back(path_segment(key, index));
}

void
Projector::complete_paths(size_t errors_before)
{
	for (size_t i = errors_.size() - (inner_errors_ - errors_before); i < errors_.size(); i++) {
		std::vector<PathSegment> &steps = errors_[i].path;
		std::vector<PathSegment> full;
		full.reserve(path_.size() + steps.size());
		for (const PathStep &step : path_)
			full.push_back(path_segment(step.key, step.index));
		for (size_t k = steps.size(); k-- > 0;)
			full.push_back(std::move(steps[k]));
		steps = std::move(full);
	}
}

bool
Projector::value(const std::vector<compile::ProjectionNode> &selection, const schema::TypeExpr &type,
                 const jsonb::Value &v, const std::string &coordinate, uint32_t line, uint32_t column,
                 const std::vector<compile::TypeBranch> *branches)
{
	const size_t before = inner_errors_;
	const bool ok = value_in(selection, type, v, coordinate, line, column, branches);
	if (inner_errors_ != before)
		complete_paths(before);
	return ok;
}

bool
Projector::object(const std::vector<compile::ProjectionNode> &selection, const jsonb::Value &v)
{
	const size_t before = inner_errors_;
	const bool ok = object_in(selection, v);
	if (inner_errors_ != before)
		complete_paths(before);
	return ok;
}

void
Projector::write_json(const jsonb::Value &v, int depth)
{
	write_jsonb(out_, v, depth);
}

// Output coercion of leaf values as graphql-js serializes them. On failure
// writes nothing and sets `reason`.
bool
Projector::leaf(const schema::TypeDef &type, const jsonb::Value &v, std::string &reason)
{
	if (type.kind == TypeKind::Enum) {
		if (v.kind == Kind::String)
			for (const schema::EnumValueDef &e : type.values)
				if (e.name == v.string()) {
					out_.string(v.string());
					return true;
				}
		reason = "Enum \"" + type.name + "\" cannot represent value: " + inspect_jsonb(v);
		return false;
	}
	switch (type.scalar) {
	case ScalarKind::Int:
	case ScalarKind::Float:
	case ScalarKind::Boolean:
	case ScalarKind::String:
	case ScalarKind::ID: return serialize_builtin(type.scalar, out_, v, reason);
	// The extra string scalars: their own rules (numbers keep their digits).
	case ScalarKind::UUID:
	case ScalarKind::Date:
	case ScalarKind::DateTime:
	case ScalarKind::Time:
	FRAISEQL_TYPED_SCALAR_CASES:
		if (v.kind == Kind::String) {
			out_.string(v.string());
			return true;
		}
		if (v.kind == Kind::Numeric) {
			out_.string(jsonb::numeric_string(v));
			return true;
		}
		if (v.kind == Kind::True || v.kind == Kind::False) {
			out_.string(v.kind == Kind::True ? "true" : "false");
			return true;
		}
		reason = type.name + " cannot represent value: " + inspect_jsonb(v);
		return false;
	case ScalarKind::JSON:
	case ScalarKind::Geometry:
	case ScalarKind::BigInt:
	case ScalarKind::Decimal:
	case ScalarKind::Custom:
		write_json(v);
		return true;
	}
	reason = "unsupported scalar";
	return false;
}

// The scalars that write a string value as it is (String, ID and the string
// scalars): most leaves of a row, answered in object_in without leaf().
constexpr uint32_t
scalar_bit(ScalarKind k)
{
	return 1u << static_cast<unsigned>(k);
}
constexpr uint32_t STRINGS_AS_IS =
    scalar_bit(ScalarKind::String) | scalar_bit(ScalarKind::ID) | scalar_bit(ScalarKind::UUID) |
    scalar_bit(ScalarKind::Date) | scalar_bit(ScalarKind::DateTime) | scalar_bit(ScalarKind::Time) |
    scalar_bit(ScalarKind::IpAddress) | scalar_bit(ScalarKind::CIDR) | scalar_bit(ScalarKind::MacAddress) |
    scalar_bit(ScalarKind::LTree) | scalar_bit(ScalarKind::IntRange) | scalar_bit(ScalarKind::DateRange) |
    scalar_bit(ScalarKind::DateTimeRange) | scalar_bit(ScalarKind::TSVector);
static_assert(static_cast<unsigned>(ScalarKind::Geometry) < 32, "ScalarKind fits the mask");

bool
Projector::object_in(const std::vector<compile::ProjectionNode> &selection, const jsonb::Value &v)
{
	jsonb::Container c = v.container();
	jsonb::ObjectLookup fields(c);
	out_.raw('{');
	bool first = true;
	for (const compile::ProjectionNode &node : selection) {
		if (!first)
			out_.raw(',');
		first = false;
		out_.raw(node.key_prefix);
		if (node.kind == compile::NodeKind::Typename) {
			out_.string(node.json_key);
			continue;
		}
		const jsonb::Value field = fields.find(node.json_key, node.key_hint);
		// A string or boolean under a scalar field that writes it unchanged:
		// what leaf() would do, without the calls.
		if (!node.type.is_list() && node.type.named->kind == TypeKind::Scalar) {
			const ScalarKind scalar = node.type.named->scalar;
			if (field.kind == Kind::String && (STRINGS_AS_IS & scalar_bit(scalar))) {
				out_.string(field.string());
				continue;
			}
			if ((field.kind == Kind::True || field.kind == Kind::False) && scalar == ScalarKind::Boolean) {
				out_.boolean(field.kind == Kind::True);
				continue;
			}
		}
		const size_t before = inner_errors_;
		const bool ok = value_in(node.children, node.type, field, node.coordinate, node.line, node.column, &node.branches);
		if (inner_errors_ != before)
			add_step(before, &node.response_key, -1);
		if (!ok)
			return false;
	}
	out_.raw('}');
	return true;
}

bool
Projector::value_in(const std::vector<compile::ProjectionNode> &selection, const schema::TypeExpr &type,
                    const jsonb::Value &v, const std::string &coordinate, uint32_t line, uint32_t column,
                    const std::vector<compile::TypeBranch> *branches)
{
	size_t mark = out_.mark();
	auto null_here = [&]() {
		out_.truncate(mark);
		if (type.is_non_null())
			return false;
		out_.null();
		return true;
	};
	if (v.kind == Kind::Invalid || v.kind == Kind::Null) {
		if (type.is_non_null()) {
			inner_error("Cannot return null for non-nullable field " + coordinate + ".", line, column);
			return false;
		}
		out_.null();
		return true;
	}
	if (type.is_list()) {
		if (v.kind != Kind::Array) {
			inner_error("Expected Iterable, but did not find one for field \"" + coordinate + "\".", line, column);
			return null_here();
		}
		jsonb::Container c = v.container();
		schema::TypeExpr item = type.item();
		out_.raw('[');
		for (uint32_t i = 0; i < c.size(); i++) {
			if (i)
				out_.raw(',');
			const size_t before = inner_errors_;
			bool ok = value_in(selection, item, c.element(i), coordinate, line, column, branches);
			if (inner_errors_ != before)
				add_step(before, nullptr, static_cast<int64_t>(i));
			if (!ok)
				return null_here();
		}
		out_.raw(']');
		return true;
	}
	const schema::TypeDef &named = *type.named;
	if (named.is_composite()) {
		if (v.kind != Kind::Object) {
			inner_error("Expected an object for field \"" + coordinate + "\", found: " + inspect_jsonb(v) + ".", line, column);
			return null_here();
		}
		if (named.is_abstract()) {
			// The composed JSON names its type; only a possible type is accepted.
			const jsonb::Value typename_value = v.container().find("__typename");
			const compile::TypeBranch *branch = nullptr;
			if (branches && typename_value.kind == Kind::String)
				for (const compile::TypeBranch &b : *branches)
					if (b.type->name == typename_value.string())
						branch = &b;
			if (!branch) {
				inner_error("Abstract type \"" + named.name + "\" must resolve to an object type at runtime for field \"" +
				                coordinate + "\": its JSON has no \"__typename\" naming one of its possible types, found " +
				                inspect_jsonb(typename_value) + ".",
				            line, column);
				return null_here();
			}
			if (!object_in(branch->selection, v))
				return null_here();
			return true;
		}
		if (!object_in(selection, v))
			return null_here();
		return true;
	}
	std::string reason;
	if (!leaf(named, v, reason)) {
		inner_error(reason, line, column);
		return null_here();
	}
	return true;
}

} // namespace fraiseql::response
