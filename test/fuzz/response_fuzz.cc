// response_fuzz.cc: libFuzzer target for the response side: the jsonb reader,
// the projection (response::Projector, through execute::handle_request and a
// fake StatementRunner) and the JSON writer.
//
// The first input byte picks the mode:
//   'R' (raw): the rest is a jsonb datum as it might come off a damaged disk
//       page. It is walked through every reader entry point (jsonb::root,
//       Container, numeric_string, varlena_payload), written as JSON and shown
//       with inspect_jsonb, and served as every row of the fixed query.
//   anything else (program): the rest is a small program that builds rows of
//       JSON whose strings hold arbitrary bytes (invalid UTF-8, controls, NUL)
//       and whose numbers are arbitrary, encoded as jsonb by the unit tests'
//       builder. Ops: '{' '}' '[' ']' open/close, 'k' L bytes: key (L >= 0xF0:
//       one of the selection's keys), 's' L bytes: string, 'n' L bytes: number
//       made from the bytes, 't' 'f' 'z': true false null, ';': next row,
//       'N': an SQL NULL row, '|': the rows that follow go to the next root
//       field (users, maybe, user; each starts with none), 'E': the current
//       root field's statement fails with an SQL error.
//       Any other byte is skipped. A value in an object without a key gets the
//       next selection key.
//
// Properties, abort() when one fails: every response (and every jsonb written
// as JSON) is valid JSON and valid UTF-8 (json_check.h), a response is an
// object with "data" or "errors", and no sanitizer report (a read out of the
// datum's bounds is an ASan report: the datum is copied to a buffer of its
// exact size).
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/execute/plan_cache.h"
#include "core/execute/request.h"
#include "core/jsonb/jsonb_reader.h"
#include "core/response/escape_scan.h"
#include "core/response/json_writer.h"
#include "core/response/jsonb_json.h"
#include "core/schema/schema.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/json_check.h"
#include "unit/support/jsonb_builder.h"

namespace {

using namespace fraiseql;

constexpr const char *kTarget = "response_fuzz";
constexpr size_t kMaxBytes = 16 * 1024;
constexpr int kMaxDepth = 200;
constexpr size_t kMaxRows = 64;

const char *const kSchema = R"(
scalar Opaque
enum Role { ADMIN MEMBER }
type Company { name: String! size: Int }
type User @view(name: "app.v_user") {
  id: ID
  name: String
  age: Int
  score: Float
  active: Boolean
  role: Role
  tags: [String!]
  meta: JSON
  opaque: Opaque
  born: Date
  seen: DateTime
  at: Time
  uid: UUID
  big: BigInt
  dec: Decimal
  friends: [User]
  best: User
  must: User!
  company: Company
  nick: String @field(key: "nickname")
  matrix: [[Int]]
  strict: [Int!]
  strictNames: [String!]!
}
type Query { users: [User!]! maybe: [User!]! user(id: ID!): User }
)";

const char *const kQuery =
    "query Fixed { users { id name age score active role tags meta opaque born seen at uid big dec nick matrix "
    "strict company { name size } friends { id name friends { id __typename } } best { id name } __typename "
    "alias: name } maybe { id must { id strictNames must { name } } }  user(id: \"1\") { id name nick best { id } } }";

// JSON keys the selection reads (nick reads "nickname").
const char *const kKeys[] = {"id",   "name", "age", "score", "active", "role",   "tags",     "meta",
                             "opaque", "born", "seen", "at",  "uid",    "big",  "dec",    "nickname",
                             "matrix", "strict", "company", "size", "friends", "best", "__typename", "must",
                             "strict_names"};
constexpr size_t kKeyCount = sizeof(kKeys) / sizeof(kKeys[0]);

const schema::Schema &
fixed_schema()
{
	static schema::BuildResult built = [] {
		schema::BuildResult r = schema::build_schema(kSchema);
		if (!r.schema)
			fuzz::violated(kTarget, "the fixed schema does not build", "", r.errors.empty() ? "" : r.errors[0].message);
		// What the glue's attach_views reads from the catalog.
		for (schema::ViewBinding *v : r.schema->view_bindings()) {
			v->resolved = true;
			v->schema_name = "app";
			v->relation_name = "v_user";
			v->columns = {{"id", 25, "text"}, {"data", 3802, "jsonb"}};
		}
		return r;
	}();
	return *built.schema;
}

void
no_release(void *)
{
}

// Rows as jsonb payloads (nullopt-like: `null_row` set for SQL NULL).
struct Row {
	bool sql_null = false;
	std::string bytes;
};

// Per root field, in order: its rows, and whether its statement fails.
struct Rows {
	std::vector<std::vector<Row>> rows;
	std::vector<bool> fail_root;
};
constexpr size_t kRoots = 3;

class FakeRunner final : public execute::StatementRunner {
public:
	explicit FakeRunner(const Rows &rows) : rows_(rows) {}

	bool
	run(const compile::RootField &, const std::vector<const std::string *> &, execute::StatementSlot &,
	    execute::RowSink &sink, GraphQLError &error) override
	{
		const size_t root = calls_++;
		if (root < rows_.fail_root.size() && rows_.fail_root[root]) {
			error.code = ErrorCode::DatabaseError;
			error.message = "division by zero";
			error.sqlstate = "22012";
			return false;
		}
		if (root >= rows_.rows.size())
			return true;
		for (const Row &r : rows_.rows[root]) {
			// An exact-size copy: ASan sees any read past the datum.
			std::unique_ptr<char[]> copy(r.sql_null ? nullptr : new char[r.bytes.size() ? r.bytes.size() : 1]);
			if (copy)
				std::memcpy(copy.get(), r.bytes.data(), r.bytes.size());
			if (!sink.row(copy.get(), static_cast<uint32_t>(r.bytes.size())))
				break;
		}
		return true;
	}
	void release(void *) override {}

private:
	const Rows &rows_;
	size_t calls_ = 0;
};

void
check_json(std::string_view json, std::string_view input, const char *what)
{
	std::string error;
	if (!fuzz::valid_json(json, &error))
		fuzz::violated(kTarget, what, input, std::string(json) + "\n--- " + error);
}

void
respond(const Rows &rows, std::string_view input)
{
	static execute::PlanCache cache(no_release);
	static bool configured = false;
	if (!configured) {
		cache.configure(4, 1 << 20);
		configured = true;
	}
	execute::Request request;
	request.query = kQuery;
	execute::RequestOptions options;
	options.cache = &cache;
	FakeRunner runner(rows);
	response::JsonWriter out(response::heap_buffer_source());
	execute::handle_request(fixed_schema(), request, options, runner, out);
	if (out.failed())
		fuzz::violated(kTarget, "the JSON writer failed", input, "");
	std::string_view json = out.json();
	check_json(json, input, "the response is not valid JSON");
	if (json.rfind("{\"data\":", 0) != 0 && json.rfind("{\"errors\":", 0) != 0)
		fuzz::violated(kTarget, "the response is not an object with data or errors", input, json);
}

// Builds JSON text from the program; the builder turns it into jsonb.
class Generator {
public:
	explicit Generator(std::string_view program) : p_(program) {}

	Rows
	run()
	{
		Rows out;
		out.rows.resize(kRoots);
		out.fail_root.resize(kRoots, false);
		size_t root = 0, rows = 0;
		while (pos_ < p_.size() && rows < kMaxRows) {
			char op = p_[pos_++];
			if (op == ';' || op == 'N' || op == '|') {
				rows += finish_row(out.rows[root]);
				if (op == 'N') {
					out.rows[root].push_back(Row{true, std::string()});
					rows++;
				}
				if (op == '|')
					root = (root + 1) % kRoots;
				continue;
			}
			if (op == 'E') {
				out.fail_root[root] = true;
				continue;
			}
			step(op);
		}
		finish_row(out.rows[root]);
		return out;
	}

private:
	struct Open {
		bool object;
		size_t count;
		bool have_key;
	};
	std::string_view p_;
	size_t pos_ = 0;
	std::string json_;
	std::vector<Open> open_;
	bool have_root_ = false;

	std::string_view
	bytes()
	{
		if (pos_ >= p_.size())
			return std::string_view();
		size_t n = static_cast<uint8_t>(p_[pos_++]);
		if (n >= 0xF0)
			return kKeys[(n - 0xF0) % kKeyCount];
		n = std::min(n, p_.size() - pos_);
		std::string_view b = p_.substr(pos_, n);
		pos_ += n;
		return b;
	}

	// Raw bytes inside quotes: the builder copies them as they are, so only
	// the quote and the backslash need escaping.
	void
	quoted(std::string_view b)
	{
		json_ += '"';
		for (char c : b) {
			if (c == '"' || c == '\\')
				json_ += '\\';
			json_ += c;
		}
		json_ += '"';
	}

	// Before a value: a comma, and in an object a key.
	bool
	before_value()
	{
		if (open_.empty()) {
			if (have_root_)
				return false; // one value per row
			have_root_ = true;
			return true;
		}
		Open &o = open_.back();
		if (o.object && !o.have_key) {
			if (o.count)
				json_ += ',';
			quoted(kKeys[o.count % kKeyCount]);
			json_ += ':';
		} else if (!o.object && o.count) {
			json_ += ',';
		}
		o.count++;
		o.have_key = false;
		return true;
	}

	void
	number(std::string_view b)
	{
		std::string n;
		if (!b.empty() && (static_cast<uint8_t>(b[0]) & 1))
			n += '-';
		size_t digits = 0;
		for (char c : b) {
			const uint8_t u = static_cast<uint8_t>(c);
			if (c == '.' && n.find('.') == std::string::npos && digits) {
				n += '.';
				digits = 0;
				continue;
			}
			n += static_cast<char>('0' + u % 10);
			digits++;
		}
		if (n.empty() || n == "-")
			n += '0';
		if (n.back() == '.')
			n += '0';
		// A leading zero is JSON only alone: "007" -> "7".
		size_t start = n[0] == '-' ? 1 : 0;
		while (n.size() > start + 1 && n[start] == '0' && n[start + 1] != '.')
			n.erase(start, 1);
		if (!b.empty() && b.size() > 2 && (static_cast<uint8_t>(b[1]) & 0x80))
			n += "e" + std::to_string(static_cast<int>(static_cast<uint8_t>(b[2])) - 128);
		json_ += n;
	}

	void
	step(char op)
	{
		switch (op) {
		case '{':
		case '[':
			if (open_.size() >= static_cast<size_t>(kMaxDepth) || !before_value())
				return;
			json_ += op;
			open_.push_back(Open{op == '{', 0, false});
			return;
		case '}':
		case ']':
			if (!open_.empty())
				close();
			return;
		case 'k': {
			std::string_view key = bytes();
			if (open_.empty() || !open_.back().object || open_.back().have_key)
				return;
			if (open_.back().count)
				json_ += ',';
			quoted(key);
			json_ += ':';
			open_.back().have_key = true;
			return;
		}
		case 's': {
			std::string_view b = bytes();
			if (before_value())
				quoted(b);
			return;
		}
		case 'n': {
			std::string_view b = bytes();
			if (before_value())
				number(b);
			return;
		}
		case 't':
		case 'f':
		case 'z':
			if (before_value())
				json_ += op == 't' ? "true" : op == 'f' ? "false" : "null";
			return;
		default: return;
		}
	}

	// Closes the innermost container; a key still waiting gets null.
	void
	close()
	{
		if (open_.back().object && open_.back().have_key)
			json_ += "null";
		json_ += open_.back().object ? '}' : ']';
		open_.pop_back();
	}

	// Ends the row being built, if any; returns how many rows it added.
	size_t
	finish_row(std::vector<Row> &rows)
	{
		while (!open_.empty())
			close();
		const bool had_root = have_root_;
		if (had_root)
			rows.push_back(Row{false, test::jsonb_from_json(json_)});
		json_.clear();
		have_root_ = false;
		return had_root ? 1 : 0;
	}
};

// Visits every value reachable in a (possibly damaged) datum, bounded.
void
walk(const jsonb::Value &v, int depth, size_t &budget, std::string_view input)
{
	if (budget == 0 || depth > 64)
		return;
	budget--;
	switch (v.kind) {
	case jsonb::Kind::Numeric: (void)jsonb::numeric_string(v); return;
	case jsonb::Kind::String: (void)v.string().size(); return;
	case jsonb::Kind::Object:
	case jsonb::Kind::Array: break;
	default: return;
	}
	jsonb::Container c = v.container();
	if (!c.valid())
		return;
	const uint32_t n = c.size();
	for (uint32_t i = 0; i < n && budget; i++) {
		if (c.is_object()) {
			jsonb::Value key = c.key_at(i);
			walk(c.value_at(i), depth + 1, budget, input);
			if (key.kind == jsonb::Kind::String)
				walk(c.find(key.string()), depth + 1, budget, input);
		} else {
			walk(c.element(i), depth + 1, budget, input);
		}
	}
	(void)c.find("id");
	(void)c.element(n);
}

void
raw_datum(std::string_view datum, std::string_view input)
{
	std::unique_ptr<char[]> copy(new char[datum.size() ? datum.size() : 1]);
	std::memcpy(copy.get(), datum.data(), datum.size());
	jsonb::Value root = jsonb::root(copy.get(), datum.size());
	size_t budget = 20000;
	walk(root, 0, budget, input);
	if (root.kind != jsonb::Kind::Invalid) {
		response::JsonWriter out(response::heap_buffer_source());
		response::write_jsonb(out, root);
		check_json(out.json(), input, "write_jsonb of a datum is not valid JSON");
		(void)response::inspect_jsonb(root);
	}
	const char *payload = nullptr;
	uint32_t payload_len = 0;
	if (jsonb::varlena_payload(copy.get(), datum.size(), &payload, &payload_len)) {
		if (payload < copy.get() || payload + payload_len > copy.get() + datum.size())
			fuzz::violated(kTarget, "varlena_payload points outside the datum", input, "");
		budget = 20000;
		walk(jsonb::root(payload, payload_len), 0, budget, input);
	}
	Rows rows;
	rows.rows.assign(kRoots, std::vector<Row>{Row{false, std::string(datum)}});
	rows.fail_root.resize(kRoots, false);
	respond(rows, input);
}

// The escaping scan's variants (scalar, SSE2, AVX2 when the CPU has it) find
// the same end of the plain run from every offset of the input, and the
// dispatching entry point agrees with them. JsonWriter::string, which copies
// while it scans (16 bytes at a time, short strings as words), writes what
// append_escaped writes, from every offset, for the rest of the input and for
// its first 1 to 16 bytes.
void
same_plain_prefix_everywhere(std::string_view input)
{
	response::JsonWriter out(response::heap_buffer_source());
	std::string want;
	auto same_string = [&](std::string_view text, size_t at) {
		out.truncate(0);
		out.string(text);
		want.assign(1, '"');
		response::append_escaped(want, text);
		want += '"';
		if (out.json() != want)
			fuzz::violated(kTarget, "JsonWriter::string differs from append_escaped", input, std::to_string(at));
	};
	for (size_t at = 0; at < input.size(); at++) {
		same_string(input.substr(at), at);
		for (size_t len = 1; len <= 16 && at + len < input.size(); len++)
			same_string(input.substr(at, len), at);
		const char *s = input.data() + at;
		const size_t n = input.size() - at;
		const size_t scalar = response::plain_ascii_prefix_scalar(s, n);
		if (response::plain_ascii_prefix_sse2(s, n) != scalar || response::plain_ascii_prefix_avx2(s, n) != scalar ||
		    response::plain_ascii_prefix(s, n) != scalar)
			fuzz::violated(kTarget, "escape scan variants disagree", input, std::to_string(at));
	}
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0 || size > kMaxBytes)
		return 0;
	std::string_view input(reinterpret_cast<const char *>(data), size);
	same_plain_prefix_everywhere(input);
	if (input[0] == 'R') {
		raw_datum(input.substr(1), input);
		return 0;
	}
	Rows rows = Generator(input.substr(1)).run();
	for (const std::vector<Row> &root_rows : rows.rows)
		for (const Row &r : root_rows)
			if (!r.sql_null) {
				jsonb::Value root = jsonb::root(r.bytes.data(), r.bytes.size());
				response::JsonWriter out(response::heap_buffer_source());
				response::write_jsonb(out, root);
				check_json(out.json(), input, "write_jsonb of a row is not valid JSON");
			}
	respond(rows, input);
	return 0;
}
