// functions.cc: catalog facts about the functions @function names.
#include "pg/functions.h"

#include "pg/spi.h"

namespace fraiseql::pg {

namespace {

// Functions (not procedures or aggregates) named like `name`; search_path order
// for unqualified names.
constexpr const char CANDIDATES_SQL[] =
    "SELECT p.oid, n.nspname, p.proname, p.pronargdefaults, p.proretset, "
    "pg_catalog.format_type(p.prorettype, NULL), "
    "CASE WHEN p.prorettype = 'pg_catalog.jsonb'::pg_catalog.regtype THEN 'jsonb' "
    "WHEN p.prorettype = pg_catalog.to_regtype('fraiseql.mutation_response') THEN 'mutation_response' "
    "WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_attribute a ON a.attrelid = t.typrelid "
    "  WHERE t.oid = p.prorettype AND a.attname = 'data' AND a.attnum > 0 AND NOT a.attisdropped "
    "  AND a.atttypid = 'pg_catalog.jsonb'::pg_catalog.regtype) THEN 'row' "
    // RETURNS TABLE (..., data jsonb, ...) / OUT parameters: a record with a data column
    "WHEN p.prorettype = 'pg_catalog.record'::pg_catalog.regtype AND EXISTS (SELECT 1 FROM ROWS FROM "
    "  (pg_catalog.unnest(p.proallargtypes), pg_catalog.unnest(p.proargmodes), pg_catalog.unnest(p.proargnames)) "
    "  AS o(t, m, n) WHERE o.m IN ('o', 'b', 't') AND o.n = 'data' AND o.t = 'pg_catalog.jsonb'::pg_catalog.regtype) "
    "THEN 'row' ELSE 'other' END "
    "FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace, "
    "(SELECT pg_catalog.parse_ident($1, true) AS parts) q "
    "WHERE p.prokind = 'f' AND p.proname = q.parts[pg_catalog.array_length(q.parts, 1)] "
    "AND CASE WHEN pg_catalog.array_length(q.parts, 1) = 2 THEN n.nspname = q.parts[1] "
    "ELSE n.nspname = ANY (pg_catalog.current_schemas(true)) END "
    "ORDER BY pg_catalog.array_position(pg_catalog.current_schemas(true), n.nspname), p.pronargs, p.oid";

// The IN parameters of one function, in order.
constexpr const char PARAMS_SQL[] =
    "SELECT COALESCE(CASE WHEN p.proargmodes IS NULL THEN p.proargnames[a.ord] ELSE "
    "  (SELECT pg_catalog.array_agg(x.nm ORDER BY x.o) FROM ROWS FROM (pg_catalog.unnest(p.proargnames), "
    "   pg_catalog.unnest(p.proargmodes)) WITH ORDINALITY AS x(nm, md, o) WHERE x.md IN ('i', 'b', 'v'))[a.ord] END, ''), "
    "a.t, pg_catalog.format_type(a.t, NULL), t.typcategory = 'A', t.typtype = 'e' "
    "FROM pg_catalog.pg_proc p, pg_catalog.unnest(p.proargtypes::pg_catalog.oid[]) WITH ORDINALITY AS a(t, ord) "
    "JOIN pg_catalog.pg_type t ON t.oid = a.t WHERE p.oid = $1 ORDER BY a.ord";

schema::FunctionReturns
returns_from(const std::string &kind)
{
	if (kind == "jsonb")
		return schema::FunctionReturns::Jsonb;
	if (kind == "mutation_response")
		return schema::FunctionReturns::MutationResponse;
	if (kind == "row")
		return schema::FunctionReturns::RowWithData;
	return schema::FunctionReturns::Other;
}

} // namespace

void
attach_functions(schema::Schema &s)
{
	for (schema::FunctionBinding *b : s.function_bindings()) {
		b->candidates.clear();
		b->chosen = nullptr;
		Datum name = call([&] { return CStringGetTextDatum(b->name.c_str()); });
		std::vector<Oid> oids;
		spi_catalog_query(CANDIDATES_SQL, {TEXTOID}, {name}, [&](HeapTuple tuple, TupleDesc desc) {
			schema::FunctionCandidate c;
			oids.push_back(static_cast<Oid>(std::stoul(spi_text(tuple, desc, 1))));
			c.schema_name = spi_text(tuple, desc, 2);
			c.function_name = spi_text(tuple, desc, 3);
			c.defaults = static_cast<uint32_t>(std::stoul(spi_text(tuple, desc, 4)));
			c.returns_set = spi_text(tuple, desc, 5) == "t";
			c.return_type_name = spi_text(tuple, desc, 6);
			c.returns = returns_from(spi_text(tuple, desc, 7));
			b->candidates.push_back(std::move(c));
		});
		for (size_t i = 0; i < oids.size(); i++) {
			schema::FunctionCandidate &c = b->candidates[i];
			spi_catalog_query(PARAMS_SQL, {OIDOID}, {ObjectIdGetDatum(oids[i])}, [&](HeapTuple tuple, TupleDesc desc) {
				schema::FunctionParam p;
				p.name = spi_text(tuple, desc, 1);
				p.type_oid = static_cast<uint32_t>(std::stoul(spi_text(tuple, desc, 2)));
				p.type_name = spi_text(tuple, desc, 3);
				p.is_array = spi_text(tuple, desc, 4) == "t";
				p.is_enum = spi_text(tuple, desc, 5) == "t";
				c.params.push_back(std::move(p));
			});
		}
	}
}

} // namespace fraiseql::pg
