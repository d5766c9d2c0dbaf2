// serve.cc: fraiseql.serve(method, query_string, content_type, accept, body,
// context) -> fraiseql.http_response: GraphQL over HTTP in one call. The web
// app forwards the request's bytes and sends back status, type and body; the
// protocol (src/core/http/) and the request (execute's own path, same plan
// cache entry) both run here, and the response is written once.
#include <string>

#include "core/http/negotiate.h"
#include "core/http/request_params.h"
#include "pg/persisted.h"
#include "pg/request_runner.h"
#include "pg/spi.h"
#include "pg/gucs.h"

extern "C" {
#include "access/htup_details.h"
#include "access/xlog.h"
#include "common/cryptohash.h"
#include "common/sha2.h"
#include "funcapi.h"
}

using namespace fraiseql;

namespace {

std::string_view
text_view(FunctionCallInfo fcinfo, int n)
{
	if (PG_ARGISNULL(n))
		return std::string_view();
	struct varlena *t = pg::call([&] { return PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(n)); });
	return std::string_view(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

struct varlena *
varlena_from(std::string_view bytes)
{
	struct varlena *v = static_cast<struct varlena *>(pg::call([&] { return palloc(VARHDRSZ + bytes.size()); }));
	SET_VARSIZE(v, VARHDRSZ + bytes.size());
	memcpy(VARDATA(v), bytes.data(), bytes.size());
	return v;
}

// The Content-Type of a response: its media type, in UTF-8.
const char *
content_type(http::MediaType media)
{
	return media == http::MediaType::GraphQLResponseJson ? "application/graphql-response+json; charset=utf-8"
	                                                     : "application/json; charset=utf-8";
}

// The status of a response that is only GraphQL errors: graphql-response+json
// says 400, plain JSON keeps 200 (the GraphQL-over-HTTP draft).
int
request_error_status(http::MediaType media)
{
	return media == http::MediaType::GraphQLResponseJson ? 400 : 200;
}

struct Response {
	int status = 200;
	const char *content_type = "application/json; charset=utf-8";
	struct varlena *body = nullptr;
	const char *allow = nullptr;
};

// The result's blessed tuple descriptor, looked up once per call site (kept
// in fn_extra, in the function's own memory context).
TupleDesc
result_descriptor(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra)
		return static_cast<TupleDesc>(fcinfo->flinfo->fn_extra);
	TupleDesc desc;
	if (pg::call([&] { return get_call_result_type(fcinfo, nullptr, &desc); }) != TYPEFUNC_COMPOSITE)
		throw pg::PgError(ERRCODE_INTERNAL_ERROR, "fraiseql.serve must return fraiseql.http_response");
	desc = pg::call([&] {
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		TupleDesc kept = BlessTupleDesc(CreateTupleDescCopy(desc));
		MemoryContextSwitchTo(old);
		return kept;
	});
	fcinfo->flinfo->fn_extra = desc;
	return desc;
}

Datum
response_datum(FunctionCallInfo fcinfo, const Response &r)
{
	TupleDesc desc = result_descriptor(fcinfo);
	Datum values[4];
	bool nulls[4] = {false, false, false, r.allow == nullptr};
	values[0] = Int32GetDatum(r.status);
	values[1] = PointerGetDatum(pg::call([&] { return cstring_to_text(r.content_type); }));
	values[2] = PointerGetDatum(r.body);
	values[3] = r.allow ? PointerGetDatum(pg::call([&] { return cstring_to_text(r.allow); })) : Datum(0);
	HeapTuple tuple = pg::call([&] { return heap_form_tuple(desc, values, nulls); });
	return HeapTupleGetDatum(tuple);
}

std::string
sha256_hex(std::string_view text)
{
	uint8 digest[PG_SHA256_DIGEST_LENGTH];
	bool ok = pg::call([&] {
		pg_cryptohash_ctx *ctx = pg_cryptohash_create(PG_SHA256);
		bool done = ctx && pg_cryptohash_init(ctx) == 0 &&
		            pg_cryptohash_update(ctx, reinterpret_cast<const uint8 *>(text.data()), text.size()) == 0 &&
		            pg_cryptohash_final(ctx, digest, sizeof(digest)) == 0;
		pg_cryptohash_free(ctx);
		return done;
	});
	if (!ok)
		throw pg::PgError(ERRCODE_INTERNAL_ERROR, "could not compute a sha256 hash");
	static const char hex[] = "0123456789abcdef";
	std::string out;
	for (uint8 b : digest) {
		out += hex[b >> 4];
		out += hex[b & 15];
	}
	return out;
}

Jsonb *
jsonb_of(const std::string &checked_json)
{
	// Checked by http::check_json (grammar, UTF-8, depth, numbers numeric
	// holds, no \u0000), so jsonb_in does not fail on it.
	return pg::call([&] { return DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(checked_json.c_str()))); });
}

// APQ: the document sent with its hash is stored once it ran without a
// request error, as the examples did, when the role may and the server can.
void
register_persisted(const std::string &query)
{
	if (!pg::guc_apq_register || RecoveryInProgress() || XactReadOnly)
		return;
	pg::SpiSession spi;
	Datum value = PointerGetDatum(pg::call([&] { return cstring_to_text_with_len(query.data(), int(query.size())); }));
	pg::spi_query("SELECT fraiseql.persist($1) "
	              "WHERE pg_catalog.has_function_privilege('fraiseql.persist(text)', 'EXECUTE')",
	              {TEXTOID}, {value}, false, [](HeapTuple, TupleDesc) {});
	spi.finish();
}

Response
failure(http::MediaType media, const http::HttpFailure &f)
{
	Response r;
	r.status = f.status;
	r.content_type = content_type(media);
	r.body = varlena_from(http::error_body(f.message));
	r.allow = f.allow;
	return r;
}

Response
serve(FunctionCallInfo fcinfo)
{
	const http::MediaType media = http::negotiate(text_view(fcinfo, 3));
	if (media == http::MediaType::None) {
		http::HttpFailure f;
		f.status = 406;
		f.message = "Not acceptable: ask for application/graphql-response+json or application/json";
		return failure(http::MediaType::Json, f);
	}
	http::HttpRequest request;
	request.method = text_view(fcinfo, 0);
	request.query_string = text_view(fcinfo, 1);
	request.content_type = text_view(fcinfo, 2);
	request.body = text_view(fcinfo, 4);
	http::GraphQLParams params;
	http::HttpFailure f;
	if (!http::read_params(request, params, f))
		return failure(media, f);
	const bool get = request.method == "GET";
	const bool by_hash = !params.persisted_hash.empty();
	if (by_hash && params.has_query && sha256_hex(params.query) != params.persisted_hash) {
		f.message = "provided sha does not match query";
		return failure(media, f);
	}

	pg::RequestArgs args;
	std::string stored;
	const bool from_store = by_hash && !params.has_query;
	Response r;
	r.content_type = content_type(media);
	if (from_store) {
		std::optional<std::string> document = pg::find_persisted_document(params.persisted_hash);
		if (!document) {
			r.body = reinterpret_cast<struct varlena *>(pg::persisted_query_not_found_response());
			r.status = request_error_status(media);
			return r;
		}
		stored = std::move(*document);
		args.query = stored;
	} else {
		args.query = params.query;
	}
	if (get && http::mutation_selected(args.query, params.has_operation_name, params.operation_name, pg::parse_limits())) {
		f.status = 405;
		f.message = "Mutations are not allowed over GET: use POST";
		f.allow = "POST";
		return failure(media, f);
	}
	// A text, not a stored document: fraiseql.persisted_only may refuse it.
	if (!from_store && !pg::document_allowed(params.query)) {
		r.body = reinterpret_cast<struct varlena *>(pg::persisted_query_required_response());
		r.status = request_error_status(media);
		return r;
	}
	if (!params.variables.empty())
		args.variables = jsonb_of(params.variables);
	args.has_operation_name = params.has_operation_name;
	args.operation_name = params.operation_name;
	if (!PG_ARGISNULL(5))
		args.context = pg::call([&] { return PG_GETARG_JSONB_P(5); });
	r.body = pg::run_request(args);
	const bool data = http::has_data(std::string_view(VARDATA(r.body), VARSIZE(r.body) - VARHDRSZ));
	if (by_hash && params.has_query && data)
		register_persisted(params.query);
	r.status = data ? 200 : request_error_status(media);
	return r;
}

} // namespace

FRAISEQL_FUNCTION(serve)
{
	return response_datum(fcinfo, serve(fcinfo));
}
