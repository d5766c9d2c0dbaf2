// connection_writer.cc: paging checks, cursor decoding, the page buffer and the
// connection object. Relay semantics (README "Connections").
#include "core/execute/connection_writer.h"

#include <cstdlib>

#include "core/compile/connection_sql.h"
#include "core/compile/cursor.h"

namespace fraiseql::execute {

namespace {

using compile::ProjectionNode;

struct PageRow {
	size_t data_offset = 0;
	uint32_t data_len = 0;
	bool data_null = true;
	size_t keys_offset = 0; // the jsonb array of key values, made a cursor only when one is written
	uint32_t keys_len = 0;
};

// Keeps the page's rows (copies: a row's datum lives only during its call).
class PageSink final : public RowSink {
public:
	explicit PageSink(const compile::ConnectionPlan &plan) : plan_(plan) {}

	bool
	row(const char *data, uint32_t len) override
	{
		return row_extras(data, len, RowExtras());
	}

	bool
	row_extras(const char *data, uint32_t len, const RowExtras &extras) override
	{
		if (extras.has_count)
			count = extras.count;
		if (extras.has_flag)
			beyond = extras.flag;
		if (!extras.keys)
			return true; // the empty page's row: only the count and the flag
		PageRow r;
		if (data) {
			r.data_offset = blob_.size();
			r.data_len = len;
			r.data_null = false;
			blob_.append(data, len);
		}
		r.keys_offset = blob_.size();
		r.keys_len = extras.keys_len;
		blob_.append(extras.keys, extras.keys_len);
		rows.push_back(r);
		return true;
	}

	bool
	cursor(const PageRow &r, std::string &out) const
	{
		return compile::encode_cursor(plan_.signature, jsonb::root(blob_.data() + r.keys_offset, r.keys_len), out);
	}

	jsonb::Value
	data(const PageRow &r) const
	{
		jsonb::Value v;
		v.kind = jsonb::Kind::Null;
		if (r.data_null)
			return v;
		v = jsonb::root(blob_.data() + r.data_offset, r.data_len);
		if (v.kind == jsonb::Kind::Invalid)
			v.kind = jsonb::Kind::Null; // a damaged datum reads as null
		return v;
	}

	std::vector<PageRow> rows;
	int64_t count = 0;
	bool beyond = false;

private:
	const compile::ConnectionPlan &plan_;
	std::string blob_;
};

class ConnectionRun {
public:
	ConnectionRun(const compile::RootField &root, response::Projector &projector, response::JsonWriter &out,
	              ErrorList &errors)
	    : root_(root), plan_(*root.connection), projector_(projector), out_(out), errors_(errors)
	{
	}

	bool
	run(std::vector<const std::string *> &params, StatementSlot &slot, StatementRunner &runner)
	{
		if (!check_paging(params) || !decode_cursors(params))
			return false;
		PageSink sink(plan_);
		GraphQLError error;
		if (!runner.run(root_, params, slot, sink, error)) {
			error.locations.push_back(error_location(error));
			error.path = {PathSegment{root_.response_key, -1}};
			errors_.push_back(std::move(error));
			return false;
		}
		return write(sink);
	}

private:
	const compile::RootField &root_;
	const compile::ConnectionPlan &plan_;
	response::Projector &projector_;
	response::JsonWriter &out_;
	ErrorList &errors_;
	int64_t size_ = -1; // rows the page may hold; -1: all
	std::string cursor_; // scratch
	std::vector<compile::CursorValue> cursors_[2];

	// A cursor value its key's type rejects is reported at the cursor argument.
	SourceLocation
	error_location(const GraphQLError &error) const
	{
		if (error.code == ErrorCode::BadUserInput)
			for (const compile::Param &p : root_.params)
				if (p.source == compile::ParamSource::Cursor &&
				    error.message.compare(0, p.argument.size() + 11, "Argument \"" + p.argument + "\"") == 0)
					return {p.line, p.column};
		return {root_.line, root_.column};
	}

	void
	field_error(GraphQLError e)
	{
		e.path = {PathSegment{root_.response_key, -1}};
		errors_.push_back(std::move(e));
	}

	const compile::Param &
	param(int32_t index) const
	{
		return root_.params[static_cast<size_t>(index)];
	}

	bool
	check_paging(const std::vector<const std::string *> &params)
	{
		if (plan_.first >= 0 && plan_.last >= 0 && params[static_cast<size_t>(plan_.first)] &&
		    params[static_cast<size_t>(plan_.last)]) {
			field_error(make_error(ErrorCode::BadUserInput,
			                       "Passing both \"first\" and \"last\" to paginate a connection is not supported.",
			                       root_.line, root_.column));
			return false;
		}
		int32_t size_index = plan_.backward ? plan_.last : plan_.first;
		if (size_index >= 0 && params[static_cast<size_t>(size_index)]) {
			long long n = std::strtoll(params[static_cast<size_t>(size_index)]->c_str(), nullptr, 10);
			if (n < 0) {
				const compile::Param &p = param(size_index);
				field_error(make_error(ErrorCode::BadUserInput,
				                       "Argument \"" + p.argument + "\" has invalid value: it must not be negative, got " +
				                           std::to_string(n) + ".",
				                       p.line, p.column));
				return false;
			}
			size_ = n;
		}
		if (plan_.cap >= 0 && params[static_cast<size_t>(plan_.cap)]) {
			long long cap = std::strtoll(params[static_cast<size_t>(plan_.cap)]->c_str(), nullptr, 10);
			if (size_ < 0 || cap < size_)
				size_ = cap;
		}
		return true;
	}

	bool
	decode_cursors(std::vector<const std::string *> &params)
	{
		const int32_t raw[2] = {plan_.after, plan_.before};
		for (int side = 0; side < 2; side++) {
			if (raw[side] < 0 || !params[static_cast<size_t>(raw[side])])
				continue;
			const compile::Param &p = param(raw[side]);
			compile::CursorError e = compile::decode_cursor(*params[static_cast<size_t>(raw[side])], plan_.signature,
			                                                plan_.key_count, cursors_[side]);
			if (e != compile::CursorError::None) {
				std::string why = e == compile::CursorError::OtherOrdering
				                      ? ": it was made for another orderBy of this connection."
				                      : ".";
				field_error(make_error(ErrorCode::BadUserInput,
				                       "Invalid cursor for argument \"" + p.argument + "\"" + why, p.line, p.column));
				return false;
			}
		}
		// The statement's cursor parameters take the decoded values.
		for (size_t i = 0; i < root_.params.size(); i++) {
			const compile::Param &p = root_.params[i];
			if (p.source != compile::ParamSource::Cursor)
				continue;
			const std::vector<compile::CursorValue> &values = cursors_[p.argument == "after" ? 0 : 1];
			if (p.cursor_key >= values.size()) {
				params[i] = nullptr; // the cursor argument was null: its predicate is not in this plan's SQL
				continue;
			}
			const compile::CursorValue &v = values[p.cursor_key];
			params[i] = v.is_null ? nullptr : &v.text;
		}
		return true;
	}

	// Writes the cursor of row r as a JSON string.
	bool
	write_cursor(const PageSink &sink, size_t r)
	{
		if (!sink.cursor(sink.rows[r], cursor_)) {
			field_error(make_error(ErrorCode::Internal, "a connection row's cursor values could not be read",
			                       root_.line, root_.column));
			return false;
		}
		out_.string(cursor_);
		return true;
	}

	bool
	write(const PageSink &sink)
	{
		// The statement read one row more than the page holds: forward it is
		// the last row, backward (rows come back in forward order) the first.
		size_t total = sink.rows.size();
		size_t begin = 0, end = total;
		bool more = size_ >= 0 && total > static_cast<size_t>(size_);
		if (more) {
			if (plan_.backward)
				begin = total - static_cast<size_t>(size_);
			else
				end = static_cast<size_t>(size_);
		}
		bool has_next = plan_.backward ? (plan_.has_beyond && sink.beyond) : more;
		bool has_previous = plan_.backward ? more : (plan_.has_beyond && sink.beyond);

		out_.raw('{');
		bool first_key = true;
		for (const ProjectionNode &n : root_.selection) {
			if (!first_key)
				out_.raw(',');
			first_key = false;
			out_.raw(n.key_prefix);
			if (n.kind == compile::NodeKind::Typename) {
				out_.string(n.json_key);
			} else if (n.json_key == "edges") {
				if (!edges(n, sink, begin, end))
					return false;
			} else if (n.json_key == "page_info") {
				out_.raw('{');
				for (size_t i = 0; i < n.children.size(); i++) {
					const ProjectionNode &c = n.children[i];
					if (i)
						out_.raw(',');
					out_.raw(c.key_prefix);
					if (c.kind == compile::NodeKind::Typename)
						out_.string(c.json_key);
					else if (c.json_key == "has_next_page")
						out_.boolean(has_next);
					else if (c.json_key == "has_previous_page")
						out_.boolean(has_previous);
					else if (c.json_key == "start_cursor" && begin < end) {
						if (!write_cursor(sink, begin))
							return false;
					} else if (c.json_key == "end_cursor" && begin < end) {
						if (!write_cursor(sink, end - 1))
							return false;
					} else
						out_.null();
				}
				out_.raw('}');
			} else if (n.json_key == "total_count") {
				out_.integer(sink.count);
			} else {
				out_.null();
			}
		}
		out_.raw('}');
		return true;
	}

	bool
	edges(const ProjectionNode &n, const PageSink &sink, size_t begin, size_t end)
	{
		out_.raw('[');
		projector_.path().push_back({&n.response_key, -1});
		for (size_t r = begin; r < end; r++) {
			if (r > begin)
				out_.raw(',');
			projector_.path().push_back({nullptr, static_cast<int64_t>(r - begin)});
			out_.raw('{');
			for (size_t i = 0; i < n.children.size(); i++) {
				const ProjectionNode &c = n.children[i];
				if (i)
					out_.raw(',');
				out_.raw(c.key_prefix);
				if (c.kind == compile::NodeKind::Typename) {
					out_.string(c.json_key);
				} else if (c.json_key == "cursor") {
					if (!write_cursor(sink, r))
						return false;
				} else if (c.json_key == "node") {
					projector_.path().push_back({&c.response_key, -1});
					bool ok = projector_.value(c.children, c.type, sink.data(sink.rows[r]), c.coordinate, c.line,
					                           c.column);
					projector_.path().pop_back();
					// node is non-null in a non-null edge of a non-null list
					// of a non-null field: a null here nulls the connection.
					if (!ok)
						return false;
				} else {
					out_.null();
				}
			}
			out_.raw('}');
			projector_.path().pop_back();
		}
		projector_.path().pop_back();
		out_.raw(']');
		return true;
	}
};

} // namespace

bool
run_connection(const compile::RootField &root, std::vector<const std::string *> &params, StatementSlot &slot,
               StatementRunner &runner, response::Projector &projector, response::JsonWriter &out, ErrorList &errors)
{
	return ConnectionRun(root, projector, out, errors).run(params, slot, runner);
}

} // namespace fraiseql::execute
