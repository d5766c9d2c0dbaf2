// request.cc: the request pipeline and the response's top level (data, errors,
// null propagation up to the root).
#include "core/execute/request.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/coerce/variables.h"
#include "core/compile/compiler.h"
#include "core/compile/params.h"
#include "core/introspection/introspection.h"
#include "core/execute/alias_limit.h"
#include "core/execute/connection_writer.h"
#include "core/execute/mutation_result.h"
#include "core/execute/request_context.h"
#include "core/execute/normalize.h"
#include "core/execute/shape.h"
#include "core/response/projection.h"
#include "core/validation/validate.h"

namespace fraiseql::execute {

namespace {

uint64_t
fnv1a(std::string_view text, uint64_t hash = 14695981039346656037ull)
{
	for (unsigned char c : text) {
		hash ^= c;
		hash *= 1099511628211ull;
	}
	return hash;
}

void
count_errors(RequestStats *stats, const ErrorList &errors)
{
	if (!stats)
		return;
	for (const GraphQLError &e : errors)
		if (static_cast<size_t>(e.code) < ERROR_CODE_COUNT)
			stats->errors[static_cast<size_t>(e.code)]++;
}

// write_request_errors, counted in the request's statistics.
void
request_errors(const RequestOptions &options, response::JsonWriter &out, const ErrorList &errors)
{
	count_errors(options.stats, errors);
	write_request_errors(out, errors);
}


const syntax::OperationDefinition *
select_operation(const syntax::Document &doc, const Request &request, ErrorList &errors)
{
	const syntax::OperationDefinition *found = nullptr;
	size_t count = 0;
	for (const syntax::Definition *d : doc.definitions) {
		if (d->kind != syntax::DefinitionKind::Operation)
			continue;
		count++;
		if (request.has_operation_name ? d->name.text == request.operation_name : !found)
			found = found ? found : static_cast<const syntax::OperationDefinition *>(d);
	}
	if (request.has_operation_name && !found)
		errors.push_back(make_error(ErrorCode::BadUserInput,
		                            "Unknown operation named \"" + std::string(request.operation_name) + "\"."));
	else if (count == 0)
		errors.push_back(make_error(ErrorCode::BadUserInput, "Must provide an operation."));
	else if (!request.has_operation_name && count > 1)
		errors.push_back(make_error(ErrorCode::BadUserInput,
		                            "Must provide operation name if query contains multiple operations."));
	return errors.empty() ? found : nullptr;
}

// Projects each row of one root field as it arrives.
class RootSink final : public RowSink {
public:
	RootSink(const compile::RootField &root, response::Projector &projector, response::JsonWriter &out)
	    : root_(root), projector_(projector), out_(out), item_type_(root.kind == compile::RootKind::List ? root.type.item() : root.type)
	{
	}

	bool
	row(const char *data, uint32_t len) override
	{
		jsonb::Value value = data ? jsonb::root(data, len) : jsonb::Value();
		if (data && value.kind == jsonb::Kind::Invalid)
			value.kind = jsonb::Kind::Null; // a damaged datum reads as null
		if (!data)
			value.kind = jsonb::Kind::Null;
		if (root_.kind == compile::RootKind::Single || root_.kind == compile::RootKind::Mutation) {
			if (++rows_ > 1) {
				too_many_ = true;
				return false;
			}
			ok_ = root_.kind == compile::RootKind::Mutation
			          ? write_mutation_result(root_, value, projector_, out_)
			          : project(value);
			return true;
		}
		if (rows_++ > 0)
			out_.raw(',');
		projector_.path().push_back({nullptr, static_cast<int64_t>(rows_ - 1)});
		bool ok = project(value);
		projector_.path().pop_back();
		if (!ok) {
			ok_ = false;
			return false; // the list is null now: stop reading
		}
		return true;
	}

	// An interface or union root over views: the tag is the row's type, so
	// its branch is projected as that object type.
	bool
	row_tagged(int32_t tag, const char *data, uint32_t len) override
	{
		if (tag < 0 || static_cast<size_t>(tag) >= root_.branches.size())
			return row(data, len); // not a tagged plan's row: projected as compiled
		const compile::TypeBranch &branch = root_.branches[static_cast<size_t>(tag)];
		const compile::TypeBranch *saved = branch_;
		branch_ = &branch;
		bool more = row(data, len);
		branch_ = saved;
		return more;
	}

	bool ok() const { return ok_; }
	bool too_many() const { return too_many_; }
	uint64_t rows() const { return rows_; }
	std::string coordinate() const
	{
		if (!root_.parent.empty())
			return root_.parent + "." + root_.response_key;
		return (root_.kind == compile::RootKind::Mutation ? "Mutation." : "Query.") + root_.response_key;
	}

private:
	const compile::RootField &root_;
	response::Projector &projector_;
	response::JsonWriter &out_;
	schema::TypeExpr item_type_;
	uint64_t rows_ = 0;
	bool ok_ = true;
	bool too_many_ = false;
	const compile::TypeBranch *branch_ = nullptr; // set by row_tagged for one row

	bool
	project(const jsonb::Value &value)
	{
		if (!branch_)
			return projector_.value(root_.selection, item_type_, value, coordinate(), root_.line, root_.column,
			                        &root_.branches);
		schema::TypeExpr type = item_type_;
		type.named = branch_->type;
		return projector_.value(branch_->selection, type, value, coordinate(), root_.line, root_.column);
	}
};

// Errors of a plan made for another document, moved to this document's tokens.
void
map_positions(ErrorList &errors, const PositionMap &positions)
{
	for (GraphQLError &e : errors)
		for (SourceLocation &l : e.locations)
			positions.map(l.line, l.column);
}

// The parameter texts of one root field's statement (nullptr: SQL NULL);
// `encoded` owns the texts made here. False with `error` set (no path) when a
// variable or context value it needs is missing.
bool
root_params(const compile::RootField &root, const coerce::VariableValues &variables, const std::vector<int32_t> *ordinals,
            const std::vector<LiteralToken> *literals, const jsonb::Value &context, const std::string *event_id,
            std::vector<const std::string *> &params, std::vector<std::string> &encoded, GraphQLError &error)
{
	params.clear();
	params.reserve(root.params.size());
	encoded.assign(root.params.size(), std::string());
	for (size_t i = 0; i < root.params.size(); i++) {
		const compile::Param &p = root.params[i];
		if (p.source == compile::ParamSource::MaxLimit) {
			params.push_back(&p.literal);
		} else if (p.source == compile::ParamSource::Literal) {
			const int32_t ordinal = ordinals ? (*ordinals)[i] : -1;
			params.push_back(ordinal >= 0 ? &(*literals)[static_cast<size_t>(ordinal)].value : &p.literal);
		} else if (p.source == compile::ParamSource::Variable) {
			const coerce::InputValue *v = compile::resolve_param(p, variables);
			if (v && v->is_null() && !p.non_null_type.empty()) {
				// A nullable variable (with a default) given as null where the argument is non-null.
				error = make_error(ErrorCode::BadUserInput,
				                   "Argument \"" + p.coordinate + "\" has invalid value: Expected variable \"$" +
				                       p.variable + "\" provided to non-null type \"" + p.non_null_type +
				                       "\" not to be null.",
				                   p.line, p.column);
				return false;
			}
			params.push_back(compile::param_text(p, v, encoded[i]));
		} else if (p.source == compile::ParamSource::Context) {
			if (!context_value(context, p.variable, encoded[i])) {
				error = make_error(ErrorCode::BadUserInput,
				                   "Field \"" + root.response_key + "\" needs the context value \"" + p.variable +
				                       "\": pass it in execute()'s context argument.",
				                   root.line, root.column);
				return false;
			}
			params.push_back(&encoded[i]);
		} else if (p.source == compile::ParamSource::Event) {
			params.push_back(event_id); // nullptr (SQL NULL) when subscribe checks the statement
		} else {
			params.push_back(nullptr);
		}
	}
	return true;
}

class Executor {
public:
	Executor(StatementRunner &runner, response::JsonWriter &out, ErrorList &errors, const jsonb::Value &context,
	         const std::string *event_id = nullptr)
	    : runner_(runner), out_(out), errors_(errors), projector_(out, errors), context_(context), event_id_(event_id)
	{
	}

	uint64_t rows() const { return rows_; }

	// `ordinals`/`literals` rebind literal parameters when the plan was made for
	// another document that differs only in literal values (nullptr: as compiled).
	void
	run(const compile::Plan &plan, std::vector<StatementSlot> &slots, const coerce::VariableValues &variables,
	    const std::vector<std::vector<int32_t>> *ordinals, const std::vector<LiteralToken> *literals,
	    std::string_view plan_document, std::string_view request_document)
	{
		size_t data_start = out_.mark();
		out_.raw("{\"data\":{");
		size_t body = out_.mark();
		bool data_ok = true;
		// Mutations run in document order, every one of them even after a
		// non-null one made data null (docs/reference.md, "Mutations and context": later fields still run).
		for (size_t i = 0; i < plan.roots.size() && (data_ok || plan.is_mutation); i++) {
			if (i)
				out_.raw(',');
			data_ok = root(plan.roots[i], slots[i], variables, literals ? &(*ordinals)[i] : nullptr, literals) && data_ok;
		}
		if (data_ok) {
			out_.raw("}}");
		} else {
			// A non-null root field was null: data itself is null (spec 6.4.4).
			out_.truncate(body - 1);
			out_.raw("null}");
		}
		if (!errors_.empty()) {
			// A plan made for another document: its positions, moved to this one's.
			if (!plan_document.empty())
				map_positions(errors_, PositionMap(plan_document, request_document));
			response::JsonWriter errors_json(response::heap_buffer_source());
			errors_json.raw("\"errors\":[");
			for (size_t i = 0; i < errors_.size(); i++) {
				if (i)
					errors_json.raw(',');
				write_error(errors_json, errors_[i]);
			}
			errors_json.raw("],");
			// graphql-js puts errors before data.
			out_.insert(data_start + 1, errors_json.json());
		}
	}

private:
	StatementRunner &runner_;
	response::JsonWriter &out_;
	ErrorList &errors_;
	response::Projector projector_;
	const jsonb::Value &context_;
	const std::string *event_id_; // subscription events: the row's id
	uint64_t rows_ = 0;

	// Returns false when the root field is null in a non-null position.
	bool
	root(const compile::RootField &root, StatementSlot &slot, const coerce::VariableValues &variables,
	     const std::vector<int32_t> *ordinals, const std::vector<LiteralToken> *literals)
	{
		out_.raw(root.key_prefix);
		if (root.kind == compile::RootKind::Typename) {
			out_.string(root.typename_value);
			return true;
		}
		if (root.kind == compile::RootKind::Introspection) {
			introspection::write_root(root, variables, out_);
			return true;
		}
		std::vector<const std::string *> params;
		std::vector<std::string> encoded; // texts of encoded values (arrays, JSON, LIKE patterns)
		GraphQLError param_error;
		if (!root_params(root, variables, ordinals, literals, context_, event_id_, params, encoded, param_error)) {
			param_error.path = {PathSegment{root.response_key, -1}};
			errors_.push_back(std::move(param_error));
			if (root.type.is_non_null())
				return false;
			out_.null();
			return true;
		}
		size_t mark = out_.mark();
		projector_.path().clear();
		projector_.path().push_back({&root.response_key, -1});
		if (root.kind == compile::RootKind::Connection) {
			if (run_connection(root, params, slot, runner_, projector_, out_, errors_))
				return true;
			out_.truncate(mark);
			if (root.type.is_non_null())
				return false;
			out_.null();
			return true;
		}
		RootSink sink(root, projector_, out_);
		if (root.kind == compile::RootKind::List)
			out_.raw('[');
		GraphQLError error;
		bool ran = runner_.run(root, params, slot, sink, error);
		rows_ += sink.rows();
		bool null_field = false;
		if (!ran) {
			error.locations.push_back({root.line, root.column});
			error.path = {PathSegment{root.response_key, -1}};
			errors_.push_back(std::move(error));
			null_field = true;
		} else if (sink.too_many()) {
			GraphQLError e = make_error(ErrorCode::Internal,
			                            "Expected at most one row for field \"" + sink.coordinate() + "\", found more.",
			                            root.line, root.column);
			e.path = {PathSegment{root.response_key, -1}};
			errors_.push_back(std::move(e));
			null_field = true;
		} else if (!sink.ok()) {
			null_field = true;
		} else if (root.kind == compile::RootKind::List) {
			out_.raw(']');
		} else if (sink.rows() == 0) {
			out_.null();
		}
		if (null_field) {
			out_.truncate(mark);
			if (root.type.is_non_null())
				return false;
			out_.null();
		}
		return true;
	}
};

} // namespace

// The statistics key of a document: its normalized text (so documents that
// differ only in literals are one operation) and the operation name.
uint64_t
operation_id(std::string_view query, std::string_view operation_name, uint32_t max_tokens)
{
	NormalizedDocument normalized;
	uint64_t hash = normalize_document(query, max_tokens, normalized) ? fnv1a(normalized.key) : fnv1a(query);
	hash = fnv1a(operation_name, fnv1a(std::string_view("\0", 1), hash));
	return hash ? hash : 1; // 0 means "not computed yet" in CachedOperation
}

void
write_number(response::JsonWriter &out, double value)
{
	if (!std::isfinite(value)) {
		out.null(); // JSON has no infinity
		return;
	}
	char text[32];
	int n = std::snprintf(text, sizeof text, "%.15g", value);
	out.raw(std::string_view(text, n > 0 ? static_cast<size_t>(n) : 0));
}

void
write_error(response::JsonWriter &out, const GraphQLError &error)
{
	out.raw("{\"message\":");
	out.string(error.message);
	if (!error.locations.empty()) {
		out.raw(",\"locations\":[");
		for (size_t i = 0; i < error.locations.size(); i++) {
			if (i)
				out.raw(',');
			out.raw("{\"line\":");
			out.integer(error.locations[i].line);
			out.raw(",\"column\":");
			out.integer(error.locations[i].column);
			out.raw('}');
		}
		out.raw(']');
	}
	if (!error.path.empty()) {
		out.raw(",\"path\":[");
		for (size_t i = 0; i < error.path.size(); i++) {
			if (i)
				out.raw(',');
			if (error.path[i].index >= 0)
				out.integer(error.path[i].index);
			else
				out.string(error.path[i].key);
		}
		out.raw(']');
	}
	out.raw(",\"extensions\":{\"code\":");
	out.string(error_code_name(error.code));
	if (!error.sqlstate.empty()) {
		out.raw(",\"sqlstate\":");
		out.string(error.sqlstate);
	}
	for (const ErrorExtension &extension : error.extensions) {
		out.raw(',');
		out.string(extension.key);
		out.raw(':');
		if (extension.is_number)
			write_number(out, extension.number);
		else
			out.string(extension.text);
	}
	out.raw("}}");
}

void
write_request_errors(response::JsonWriter &out, const ErrorList &errors)
{
	out.raw("{\"errors\":[");
	for (size_t i = 0; i < errors.size(); i++) {
		if (i)
			out.raw(',');
		write_error(out, errors[i]);
	}
	out.raw("]}");
}

namespace {

// The operation of `request`, parsed, validated and selected; nullptr after
// writing the request errors.
std::unique_ptr<CachedOperation>
prepare_operation(const schema::Schema &schema, const Request &request, const RequestOptions &options,
                  response::JsonWriter &out)
{
	auto entry = std::make_unique<CachedOperation>();
	entry->query = std::string(request.query); // the AST views the entry's own copy
	syntax::ParseOptions parse_options;
	parse_options.limits = options.limits;
	syntax::ParseResult parsed = syntax::parse_document(entry->query, entry->arena, parse_options);
	if (parsed.error) {
		ErrorCode code = parsed.error.kind == syntax::SyntaxErrorKind::Limit ? ErrorCode::QueryTooComplex : ErrorCode::ParseFailed;
		request_errors(options, out, {make_error(code, parsed.error.message, parsed.error.line, parsed.error.column)});
		return nullptr;
	}
	ErrorList too_many = check_alias_limit(*parsed.document, options.max_aliases);
	if (!too_many.empty()) {
		request_errors(options, out, too_many);
		return nullptr;
	}
	validation::ValidateOptions validate_options;
	if (!options.introspection) // graphql-js's NoSchemaIntrospectionCustomRule on top of specifiedRules
		validate_options.rules = {"specifiedRules", "NoSchemaIntrospectionCustomRule"};
	ErrorList errors = validation::validate(schema, *parsed.document, validate_options);
	if (!errors.empty()) {
		request_errors(options, out, errors);
		return nullptr;
	}
	entry->operation = select_operation(*parsed.document, request, errors);
	if (!entry->operation) {
		request_errors(options, out, errors);
		return nullptr;
	}
	entry->document = parsed.document;
	return entry;
}

// A cached operation keeps at most this many plans (one per variables shape):
// a document whose variables take endless shapes cannot grow its entry forever.
constexpr size_t MAX_VARIANTS = 16;

const char *
param_source_name(compile::ParamSource source)
{
	switch (source) {
	case compile::ParamSource::Variable: return "variable";
	case compile::ParamSource::Literal: return "literal";
	case compile::ParamSource::Null: return "null";
	case compile::ParamSource::MaxLimit: return "max_limit";
	case compile::ParamSource::Cursor: return "cursor";
	case compile::ParamSource::Context: return "context";
	case compile::ParamSource::Event: return "event";
	}
	return "null";
}

// `ordinals`/`literals` as Executor::run takes them: a borrowed plan shows
// this request's literal values, as it binds them.
void
write_explain(response::JsonWriter &out, const compile::Plan &plan, const std::string &key, bool hit, bool cached,
              const std::vector<std::vector<int32_t>> *ordinals, const std::vector<LiteralToken> *literals,
              const std::vector<PlanEstimate> &estimates)
{
	out.raw("{\"cache_key\":");
	out.string(key);
	out.raw(",\"cache_hit\":");
	out.boolean(hit);
	out.raw(",\"cached\":");
	out.boolean(cached);
	out.raw(",\"roots\":[");
	for (size_t i = 0; i < plan.roots.size(); i++) {
		const compile::RootField &root = plan.roots[i];
		if (i)
			out.raw(',');
		out.raw("{\"field\":");
		out.string(root.response_key);
		out.raw(",\"sql\":");
		if (root.sql.empty())
			out.null();
		else
			out.string(root.sql);
		out.raw(",\"params\":[");
		for (size_t k = 0; k < root.params.size(); k++) {
			const compile::Param &p = root.params[k];
			if (k)
				out.raw(',');
			out.raw("{\"type_oid\":");
			out.integer(p.pg_type_oid);
			out.raw(",\"source\":");
			out.string(param_source_name(p.source));
			if (p.source == compile::ParamSource::Variable || p.source == compile::ParamSource::Context) {
				out.raw(p.source == compile::ParamSource::Variable ? ",\"variable\":" : ",\"key\":");
				out.string(p.variable);
			} else if (p.source == compile::ParamSource::Literal || p.source == compile::ParamSource::MaxLimit) {
				const int32_t ordinal = literals && p.source == compile::ParamSource::Literal ? (*ordinals)[i][k] : -1;
				out.raw(",\"value\":");
				out.string(ordinal >= 0 ? (*literals)[static_cast<size_t>(ordinal)].value : p.literal);
			}
			out.raw('}');
		}
		out.raw("]}");
	}
	// Beside "roots", so a reader of the plans does not see planner numbers
	// that change with the data.
	out.raw("],\"estimates\":[");
	for (size_t i = 0; i < plan.roots.size(); i++) {
		const PlanEstimate &estimate = estimates[i];
		if (i)
			out.raw(',');
		out.raw("{\"field\":");
		out.string(plan.roots[i].response_key);
		if (estimate.known) {
			out.raw(",\"cost\":");
			write_number(out, estimate.cost);
			out.raw(",\"rows\":");
			write_number(out, estimate.rows);
			out.raw(",\"plan\":");
			out.string(estimate.generic ? "generic" : "custom");
		}
		out.raw('}');
	}
	out.raw("]}");
}

// Per root field: the planner's estimate of the plan its statement would run
// with, as admission control sees it (unknown for fields without SQL, or when
// the statement cannot be planned or bound).
std::vector<PlanEstimate>
estimate_roots(const compile::Plan &plan, std::vector<StatementSlot> &slots, const coerce::VariableValues &variables,
               const std::vector<std::vector<int32_t>> *ordinals, const std::vector<LiteralToken> *literals,
               const jsonb::Value &context, StatementRunner &runner)
{
	std::vector<PlanEstimate> estimates(plan.roots.size());
	for (size_t i = 0; i < plan.roots.size(); i++) {
		const compile::RootField &root = plan.roots[i];
		if (root.sql.empty() || root.kind == compile::RootKind::Mutation)
			continue; // admission control checks queries only
		std::vector<const std::string *> params;
		std::vector<std::string> encoded;
		GraphQLError error;
		if (root_params(root, variables, literals ? &(*ordinals)[i] : nullptr, literals, context, nullptr, params, encoded,
		                error))
			estimates[i].known = runner.estimate(root, params, slots[i], estimates[i]);
	}
	return estimates;
}

// Lifted literals skip compilation on a shared hit, so the checks compilation
// makes on them (strict formats of the extra scalars) run here.
bool
lifted_literals_valid(const CachedOperation &entry, const std::vector<LiteralToken> &literals)
{
	static const coerce::VariableValues no_variables;
	for (size_t k = 0; k < literals.size() && k < entry.literal_types.size(); k++) {
		const schema::TypeExpr &type = entry.literal_types[k];
		if (!type.named)
			continue;
		syntax::Value value;
		switch (literals[k].kind) {
		case syntax::TokenKind::Int: value.kind = syntax::ValueKind::Int; break;
		case syntax::TokenKind::Float: value.kind = syntax::ValueKind::Float; break;
		default: value.kind = syntax::ValueKind::String; break;
		}
		value.text = literals[k].value;
		coerce::InputValue coerced;
		bool absent = false;
		std::string reason;
		if (!coerce::coerce_literal(value, type, no_variables, coerced, absent, reason))
			return false;
	}
	return true;
}

// fraiseql.subscribe: runs the statement once with no event (SQL NULL id,
// so no row), which binds the variables and prepares the statement the events
// reuse, then answers with the channels or the errors. An event runs the
// statement for its id; Request::event_id's row is the response.
void
run_subscription(const compile::Plan &plan, std::vector<StatementSlot> &slots, const coerce::VariableValues &variables,
                 const std::vector<std::vector<int32_t>> *ordinals, const std::vector<LiteralToken> *literals,
                 std::string_view plan_document, const Request &request, const syntax::OperationDefinition &operation,
                 const RequestOptions &options, StatementRunner &runner, response::JsonWriter &out)
{
	const bool event = options.subscription == SubscriptionMode::Event;
	if (plan.roots.empty()) {
		if (event && options.event_delivers)
			*options.event_delivers = false;
		else
			request_errors(options, out, {no_root_field_error(operation)});
		return;
	}
	ErrorList errors;
	if (event) {
		Executor executor(runner, out, errors, request.context, request.event_id);
		executor.run(plan, slots, variables, ordinals, literals, plan_document, request.query);
		if (options.event_delivers)
			*options.event_delivers = event_delivers(executor.rows(), errors);
		if (options.stats) {
			options.stats->rows = executor.rows();
			count_errors(options.stats, errors);
		}
		return;
	}
	response::JsonWriter scratch(response::heap_buffer_source());
	Executor executor(runner, scratch, errors, request.context, nullptr);
	executor.run(plan, slots, variables, ordinals, literals, plan_document, request.query);
	if (!errors.empty()) {
		for (GraphQLError &e : errors)
			e.path.clear(); // no response to point into: these are the subscription's request errors
		request_errors(options, out, errors);
		return;
	}
	write_subscribe_result(out, plan, operation);
}

size_t
slot_bytes(const std::vector<StatementSlot> &slots)
{
	size_t bytes = 0;
	for (const StatementSlot &slot : slots)
		bytes += slot.bytes;
	return bytes;
}

} // namespace

void
handle_request(const schema::Schema &schema, const Request &request, const RequestOptions &options,
               StatementRunner &runner, response::JsonWriter &out)
{
	PlanCache *cache = options.cache && options.cache->enabled() ? options.cache : nullptr;
	const std::string key =
	    PlanCache::make_key(options.cache_scope, request.query, request.operation_name, request.has_operation_name);
	CachedOperation *entry = cache ? cache->find(key) : nullptr;
	bool hit = entry != nullptr;
	std::unique_ptr<CachedOperation> uncached;
	std::unique_ptr<CachedOperation> own_document; // this request's own parse when it borrows another's plans
	NormalizedDocument normalized;
	std::string shared_key;
	const std::vector<LiteralToken> *literal_values = nullptr; // set when running another document's plans
	if (!entry && cache && normalize_document(request.query, options.limits.max_tokens, normalized)) {
		shared_key =
		    PlanCache::make_key(options.cache_scope, normalized.key, request.operation_name, request.has_operation_name);
		if (CachedOperation *candidate = cache->find_shared(shared_key)) {
			// The document must still be valid on its own (an Int literal out of
			// range, say): parse and validate it, then borrow the plans.
			uncached = prepare_operation(schema, request, options, out);
			if (!uncached)
				return;
			if (candidate->accepts_literals(normalized.literals) && lifted_literals_valid(*candidate, normalized.literals)) {
				entry = candidate;
				hit = true;
				literal_values = &normalized.literals;
				cache->count_shared_hit();
				own_document = std::move(uncached); // for messages that point into this document's text
			} else {
				entry = uncached.get(); // runs on its own, uncached
			}
		}
	}
	if (!entry) {
		uncached = prepare_operation(schema, request, options, out);
		if (!uncached)
			return; // request errors are not cached: they are cheap to find again and rare
		uncached->key = key;
		uncached->shared_key = std::move(shared_key);
		uncached->literals = std::move(normalized.literals);
		entry = cache ? cache->insert(std::move(uncached)) : uncached.get();
	}
	const bool entry_cached = !uncached;

	struct InUse {
		CachedOperation &entry;
		explicit InUse(CachedOperation &e) : entry(e) { entry.in_use++; }
		~InUse() { entry.in_use--; }
	} in_use(*entry);

	if (RequestStats *stats = options.stats) {
		if (!entry->stat_id)
			entry->stat_id = operation_id(entry->query, entry->operation->name.text, options.limits.max_tokens);
		stats->operation_id = entry->stat_id;
		stats->operation_name = std::string(entry->operation->name.text);
		static const char *const types[] = {"query", "mutation", "subscription"};
		stats->operation_type = types[static_cast<size_t>(entry->operation->operation)];
		stats->cache_hit = hit;
	}

	// explain shows any operation's plan, a subscription's statement included.
	ErrorList refused = options.explain ? ErrorList() : check_operation_type(*entry->operation, options.subscription);
	if (!refused.empty()) {
		request_errors(options, out, refused);
		return;
	}

	coerce::VariableValues variables;
	coerce::CoerceOptions coerce_options;
	if (options.limits.max_depth) // input nesting obeys the same depth limit as selections
		coerce_options.max_depth = options.limits.max_depth;
	// A borrowed entry's AST belongs to another text: report positions in ours.
	const syntax::OperationDefinition &coerced_operation = own_document ? *own_document->operation : *entry->operation;
	ErrorList errors = coerce::coerce_variables(schema, coerced_operation, request.variables, variables, coerce_options);
	if (!errors.empty()) {
		request_errors(options, out, errors);
		return;
	}

	const std::string shape = variables_shape(schema, *entry->operation, variables);
	PlanVariant *variant = entry->find_variant(shape);
	std::unique_ptr<PlanVariant> one_off;
	const bool variant_found = variant != nullptr;
	if (!variant) {
		// A borrowed entry has no plan for this shape: compile this request's
		// own document (its literal values are checked and quoted, its
		// positions reported) and run that plan once, uncached, since the
		// entry's plans must hold the entry's own literals.
		const CachedOperation &compiled = own_document ? *own_document : *entry;
		auto fresh = std::make_unique<PlanVariant>();
		fresh->shape = shape;
		errors = compile::compile_operation(schema, *compiled.document, *compiled.operation, variables, fresh->plan,
		                                    options.compile);
		if (!errors.empty()) {
			request_errors(options, out, errors);
			return;
		}
		fresh->slots.resize(fresh->plan.roots.size());
		if (own_document) {
			literal_values = nullptr; // the plan holds this document's literals
		} else {
			entry->map_literals(*fresh);
		}
		if (entry_cached && !own_document && entry->variants.size() < MAX_VARIANTS) {
			entry->variants.push_back(std::move(fresh));
			variant = entry->variants.back().get();
		} else {
			one_off = std::move(fresh);
			variant = one_off.get();
		}
	}

	const size_t slot_bytes_before = slot_bytes(variant->slots);
	if (variant->plan.is_mutation && options.read_only && !options.explain) {
		request_errors(options, out, {make_error(ErrorCode::BadUserInput,
		                                      "Mutations are not available: this server is read-only (a hot standby "
		                                      "or a read-only transaction).",
		                                      coerced_operation.loc.line, coerced_operation.loc.column)});
	} else if (options.subscription != SubscriptionMode::None && !options.explain) {
		run_subscription(variant->plan, variant->slots, variables, literal_values ? &variant->literal_ordinals : nullptr,
		                 literal_values, literal_values ? std::string_view(entry->query) : std::string_view(), request,
		                 coerced_operation, options, runner, out);
	} else if (options.explain) {
		const std::vector<std::vector<int32_t>> *ordinals = literal_values ? &variant->literal_ordinals : nullptr;
		const std::vector<PlanEstimate> estimates =
		    estimate_roots(variant->plan, variant->slots, variables, ordinals, literal_values, request.context, runner);
		write_explain(out, variant->plan, key, hit, entry_cached && !one_off, ordinals, literal_values, estimates);
	} else {
		// Sized from this variant's last response, with an eighth to spare; a
		// bound keeps one huge response from making every later one allocate as much.
		constexpr size_t MAX_SIZED_RESPONSE = size_t(16) << 20;
		if (size_t last = variant->last_response_bytes)
			out.reserve_capacity(std::min(last + last / 8, MAX_SIZED_RESPONSE));
		Executor executor(runner, out, errors, request.context);
		executor.run(variant->plan, variant->slots, variables, literal_values ? &variant->literal_ordinals : nullptr,
		             literal_values, literal_values ? std::string_view(entry->query) : std::string_view(), request.query);
		if (options.stats) {
			options.stats->rows = executor.rows();
			count_errors(options.stats, errors);
		}
		variant->last_response_bytes = out.size();
	}
	if (one_off || !entry_cached) {
		for (StatementSlot &slot : variant->slots)
			if (slot.handle)
				runner.release(slot.handle);
		variant->slots.assign(variant->slots.size(), StatementSlot());
	}
	// Statements prepared (or grown a generic plan) during the run now count;
	// a plain hit changed nothing and skips re-measuring the entry.
	if (entry_cached && (!hit || !variant_found || slot_bytes(variant->slots) != slot_bytes_before))
		cache->update(*entry);
}

} // namespace fraiseql::execute
