// connection_writer.cc: paging checks, cursor decoding, the page buffer and the
// connection object. Relay semantics (docs/reference.md, "Connections").
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
		if (extras.aggregate)
			aggregate.assign(extras.aggregate, extras.aggregate_len);
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

	std::string_view
	keys(const PageRow &r) const
	{
		return std::string_view(blob_.data() + r.keys_offset, r.keys_len);
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
	std::string aggregate; // the `aggregate` object's jsonb, when computed

private:
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
		if (streamable())
			return run_streaming(params, slot, runner);
		PageSink sink;
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
	int64_t last_ = -1; // with `first`: the last rows of the page kept; -1: all
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

	// Reads the paging argument at `index` (if given) into `out`; a negative
	// one is a field error at the argument.
	bool
	page_size(int32_t index, const std::vector<const std::string *> &params, int64_t &out)
	{
		if (index < 0 || !params[static_cast<size_t>(index)])
			return true;
		long long n = std::strtoll(params[static_cast<size_t>(index)]->c_str(), nullptr, 10);
		if (n < 0) {
			const compile::Param &p = param(index);
			field_error(make_error(ErrorCode::BadUserInput,
			                       "Argument \"" + p.argument + "\" has invalid value: it must not be negative, got " +
			                           std::to_string(n) + ".",
			                       p.line, p.column));
			return false;
		}
		out = n;
		return true;
	}

	bool
	check_paging(const std::vector<const std::string *> &params)
	{
		int32_t size_index = plan_.backward ? plan_.last : plan_.first;
		if (!page_size(size_index, params, size_))
			return false;
		// With `first` too, `last` then keeps the last rows of that page.
		if (!plan_.backward && !page_size(plan_.last, params, last_))
			return false;
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

	// Writes the cursor of a row whose key values are the jsonb array `keys`.
	bool
	write_cursor(std::string_view keys)
	{
		if (!compile::encode_cursor(plan_.signature, jsonb::root(keys.data(), keys.size()), cursor_)) {
			field_error(make_error(ErrorCode::Internal, "a connection row's cursor values could not be read",
			                       root_.line, root_.column));
			return false;
		}
		out_.string(cursor_);
		return true;
	}

	// One edge object: { cursor node __typename } as selected. `index` is its
	// position in the edges list (the error path).
	bool
	edge(const ProjectionNode &edges, size_t index, const jsonb::Value &data, std::string_view keys)
	{
		projector_.path().push_back({nullptr, static_cast<int64_t>(index)});
		out_.raw('{');
		for (size_t i = 0; i < edges.children.size(); i++) {
			const ProjectionNode &c = edges.children[i];
			if (i)
				out_.raw(',');
			out_.raw(c.key_prefix);
			if (c.kind == compile::NodeKind::Typename) {
				out_.string(c.json_key);
			} else if (c.json_key == "cursor") {
				if (!write_cursor(keys))
					return false;
			} else if (c.json_key == "node") {
				projector_.path().push_back({&c.response_key, -1});
				bool ok = projector_.value(c.children, c.type, data, c.coordinate, c.line, c.column);
				projector_.path().pop_back();
				// node is non-null in a non-null edge of a non-null list of a
				// non-null field: a null here nulls the connection.
				if (!ok)
					return false;
			} else {
				out_.null();
			}
		}
		out_.raw('}');
		projector_.path().pop_back();
		return true;
	}

	struct PageFacts {
		bool has_next = false;
		bool has_previous = false;
		bool any = false;           // the page has edges
		std::string_view start_keys; // of the first and last edge
		std::string_view end_keys;
		int64_t count = 0;
		std::string_view aggregate; // jsonb; empty when not computed
	};

	// A field of the connection other than edges.
	bool
	connection_field(const ProjectionNode &n, const PageFacts &facts)
	{
		out_.raw(n.key_prefix);
		if (n.kind == compile::NodeKind::Typename) {
			out_.string(n.json_key);
		} else if (n.json_key == "total_count") {
			out_.integer(facts.count);
		} else if (n.json_key == "aggregate") {
			jsonb::Value value;
			value.kind = jsonb::Kind::Null;
			if (!facts.aggregate.empty())
				value = jsonb::root(facts.aggregate.data(), static_cast<uint32_t>(facts.aggregate.size()));
			projector_.path().push_back({&n.response_key, -1});
			bool ok = projector_.value(n.children, n.type, value, n.coordinate, n.line, n.column);
			projector_.path().pop_back();
			if (!ok)
				return false; // non-null in a non-null connection

		} else if (n.json_key == "page_info") {
			out_.raw('{');
			for (size_t i = 0; i < n.children.size(); i++) {
				const ProjectionNode &c = n.children[i];
				if (i)
					out_.raw(',');
				out_.raw(c.key_prefix);
				if (c.kind == compile::NodeKind::Typename) {
					out_.string(c.json_key);
				} else if (c.json_key == "has_next_page") {
					out_.boolean(facts.has_next);
				} else if (c.json_key == "has_previous_page") {
					out_.boolean(facts.has_previous);
				} else if (c.json_key == "start_cursor" && facts.any) {
					if (!write_cursor(facts.start_keys))
						return false;
				} else if (c.json_key == "end_cursor" && facts.any) {
					if (!write_cursor(facts.end_keys))
						return false;
				} else {
					out_.null();
				}
			}
			out_.raw('}');
		} else {
			out_.null();
		}
		return true;
	}

	// The buffered page: every part of the selection, in its order.
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
		PageFacts facts;
		facts.has_next = plan_.backward ? (plan_.has_beyond && sink.beyond) : more;
		facts.has_previous = plan_.backward ? more : (plan_.has_beyond && sink.beyond);
		if (last_ >= 0) {
			// first, then last: Relay says a previous page exists exactly when
			// `last` dropped rows of the first ones.
			facts.has_previous = end - begin > static_cast<size_t>(last_);
			if (facts.has_previous)
				begin = end - static_cast<size_t>(last_);
		}
		facts.any = begin < end;
		if (facts.any) {
			facts.start_keys = sink.keys(sink.rows[begin]);
			facts.end_keys = sink.keys(sink.rows[end - 1]);
		}
		facts.count = sink.count;
		facts.aggregate = sink.aggregate;

		out_.raw('{');
		for (size_t i = 0; i < root_.selection.size(); i++) {
			const ProjectionNode &n = root_.selection[i];
			if (i)
				out_.raw(',');
			if (n.kind != compile::NodeKind::Field || n.json_key != "edges") {
				if (!connection_field(n, facts))
					return false;
				continue;
			}
			out_.raw(n.key_prefix);
			out_.raw('[');
			projector_.path().push_back({&n.response_key, -1});
			for (size_t r = begin; r < end; r++) {
				if (r > begin)
					out_.raw(',');
				if (!edge(n, r - begin, sink.data(sink.rows[r]), sink.keys(sink.rows[r])))
					return false;
			}
			projector_.path().pop_back();
			out_.raw(']');
		}
		out_.raw('}');
		return true;
	}

public:
	// A forward page whose selection has one `edges` with nothing but
	// __typename and totalCount before it is written as its rows arrive: no
	// buffer, so memory stays at one row however many rows the page has.
	bool
	streamable() const
	{
		if (plan_.backward || plan_.last >= 0) // `last` with `first` trims the buffered page
			return false;
		size_t edges = 0;
		bool before_edges = true;
		for (const ProjectionNode &n : root_.selection) {
			if (n.kind == compile::NodeKind::Field && n.json_key == "edges") {
				edges++;
				before_edges = false;
			} else if (before_edges && n.kind == compile::NodeKind::Field && n.json_key != "total_count") {
				return false;
			} else if (n.kind == compile::NodeKind::Field && n.json_key == "aggregate") {
				return false; // written from the statement's row, which the page sink keeps
			}
		}
		return edges == 1;
	}

	// The rows of a streamed page, written as they come.
	class StreamSink final : public RowSink {
	public:
		explicit StreamSink(ConnectionRun &run) : run_(run) {}

		bool
		row(const char *data, uint32_t len) override
		{
			return row_extras(data, len, RowExtras());
		}

		bool
		row_extras(const char *data, uint32_t len, const RowExtras &extras) override
		{
			if (extras.has_count)
				facts.count = extras.count;
			if (extras.has_flag)
				beyond = extras.flag;
			if (!open && !run_.open_stream(facts))
				return fail();
			open = true;
			if (!extras.keys)
				return true; // the empty page's row
			if (run_.size_ >= 0 && rows == static_cast<uint64_t>(run_.size_)) {
				more = true; // the extra row: there is a next page
				return false;
			}
			jsonb::Value value;
			value.kind = jsonb::Kind::Null;
			if (data) {
				value = jsonb::root(data, len);
				if (value.kind == jsonb::Kind::Invalid)
					value.kind = jsonb::Kind::Null;
			}
			std::string_view keys(extras.keys, extras.keys_len);
			if (rows)
				run_.out_.raw(',');
			if (!run_.edge(*run_.edges_node_, rows, value, keys))
				return fail();
			if (rows == 0)
				start_keys.assign(keys.data(), keys.size());
			end_keys.assign(keys.data(), keys.size());
			rows++;
			return true;
		}

		bool
		fail()
		{
			failed = true;
			return false;
		}

		PageFacts facts;
		bool open = false, failed = false, more = false, beyond = false;
		uint64_t rows = 0;
		std::string start_keys, end_keys; // copies: the datum is gone after the call

	private:
		ConnectionRun &run_;
	};

	// Writes the connection up to the opening bracket of edges.
	bool
	open_stream(const PageFacts &facts)
	{
		out_.raw('{');
		for (const ProjectionNode &n : root_.selection) {
			if (n.kind == compile::NodeKind::Field && n.json_key == "edges") {
				edges_node_ = &n;
				break;
			}
			if (!connection_field(n, facts))
				return false;
			out_.raw(',');
		}
		out_.raw(edges_node_->key_prefix);
		out_.raw('[');
		projector_.path().push_back({&edges_node_->response_key, -1});
		return true;
	}

	bool
	run_streaming(const std::vector<const std::string *> &params, StatementSlot &slot, StatementRunner &runner)
	{
		StreamSink sink(*this);
		GraphQLError error;
		if (!runner.run(root_, params, slot, sink, error)) {
			error.locations.push_back(error_location(error));
			error.path = {PathSegment{root_.response_key, -1}};
			errors_.push_back(std::move(error));
			return false;
		}
		if (sink.failed)
			return false;
		if (!sink.open && !open_stream(sink.facts)) // no row at all
			return false;
		projector_.path().pop_back();
		out_.raw(']');
		PageFacts &facts = sink.facts;
		facts.has_next = sink.more;
		facts.has_previous = plan_.has_beyond && sink.beyond;
		facts.any = sink.rows > 0;
		facts.start_keys = sink.start_keys;
		facts.end_keys = sink.end_keys;
		bool after_edges = false;
		for (const ProjectionNode &n : root_.selection) {
			if (after_edges) {
				out_.raw(',');
				if (!connection_field(n, facts))
					return false;
			}
			after_edges = after_edges || &n == edges_node_;
		}
		out_.raw('}');
		return true;
	}

private:
	const ProjectionNode *edges_node_ = nullptr;
};

} // namespace

bool
run_connection(const compile::RootField &root, std::vector<const std::string *> &params, StatementSlot &slot,
               StatementRunner &runner, response::Projector &projector, response::JsonWriter &out, ErrorList &errors)
{
	return ConnectionRun(root, projector, out, errors).run(params, slot, runner);
}

} // namespace fraiseql::execute
