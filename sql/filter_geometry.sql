-- filter_geometry: the Geometry scalar (PostGIS; GeoJSON in and out):
-- distanceWithin (ST_DWithin on geography, meters) and intersects, on a real
-- geography column and on the GeoJSON of the data column; malformed GeoJSON
-- is BAD_USER_INPUT; a schema using Geometry without PostGIS is a load error.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set QUIET off
CREATE SCHEMA geo;
CREATE VIEW geo.v_plain AS SELECT 1 AS id, '{"loc": null}'::jsonb AS data;
SELECT fraiseql.load_schema($$
type Spot @view(name: "geo.v_plain") {
  id: Int!
  loc: Geometry
}
type Query { spots: [Spot!]! }
$$);
\set QUIET on
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE TABLE geo.tb_place (id int PRIMARY KEY, name text, loc geography(Point, 4326));
INSERT INTO geo.tb_place VALUES
 (1, 'Paris',      'SRID=4326;POINT(2.3522 48.8566)'),
 (2, 'Versailles', 'SRID=4326;POINT(2.1301 48.8049)'),
 (3, 'London',     'SRID=4326;POINT(-0.1276 51.5072)'),
 (4, 'Nowhere',    NULL),
 (5, 'Tōkyō',      'SRID=4326;POINT(139.6917 35.6895)'),
 (6, 'Paris bis',  'SRID=4326;POINT(2.3522 48.8566)');
CREATE VIEW geo.v_place AS
SELECT id, loc, jsonb_strip_nulls(jsonb_build_object('id', id, 'name', name, 'loc', ST_AsGeoJSON(loc)::jsonb)) AS data
FROM geo.tb_place;
SELECT fraiseql.load_schema($$
type Place @view(name: "geo.v_place") {
  id: Int!
  name: String
  loc: Geometry
  "The same point, read from the GeoJSON of the data column."
  locJson: Geometry @field(key: "loc")
}
type Query { places: [Place!]! }
$$);
CREATE FUNCTION pg_temp.ids(args text, variables jsonb DEFAULT NULL, var_defs text DEFAULT '')
RETURNS text LANGUAGE sql AS $$
  WITH r AS (SELECT convert_from(fraiseql.execute('query ' || var_defs || ' { places(' || args || ') { id } }', variables),
                                 'UTF8')::jsonb AS j)
  SELECT CASE WHEN j ? 'errors'
              THEN 'ERROR: ' || (SELECT string_agg(coalesce(e->'extensions'->>'code', '') || ' ' || (e->>'message'), '; ')
                                 FROM jsonb_array_elements(j->'errors') e)
              ELSE coalesce((SELECT string_agg(e->>'id', ',' ORDER BY n)
                             FROM jsonb_array_elements(j->'data'->'places') WITH ORDINALITY AS t(e, n)), '(none)') END
  FROM r $$;
\set QUIET off

SELECT n, what, pg_temp.ids(args) AS ids FROM (VALUES
 (1, 'distanceWithin 20 km of Paris (a tie: 1 and 6)', 'where: {loc: {distanceWithin: {point: {type: "Point", coordinates: [2.3522, 48.8566]}, meters: 20000}}}'),
 (2, 'distanceWithin 500 km, json',   'where: {locJson: {distanceWithin: {point: {type: "Point", coordinates: [2.3522, 48.8566]}, meters: 500000}}}'),
 (3, 'intersects a polygon',          'where: {loc: {intersects: {type: "Polygon", coordinates: [[[2, 48.5], [2.6, 48.5], [2.6, 49], [2, 49], [2, 48.5]]]}}}'),
 (4, 'intersects json',               'where: {locJson: {intersects: {type: "Polygon", coordinates: [[[-1, 51], [0, 51], [0, 52], [-1, 52], [-1, 51]]]}}}'),
 (5, 'isnull',                        'where: {loc: {isnull: true}}'),
 (6, 'NOT distanceWithin (null stays out)', 'where: {NOT: {loc: {distanceWithin: {point: {type: "Point", coordinates: [2.3522, 48.8566]}, meters: 20000}}}}')
) AS t(n, what, args) ORDER BY n;
-- variables, and GeoJSON in the response
SELECT pg_temp.ids('where: {loc: {distanceWithin: {point: $p, meters: $m}}}',
                   '{"p": {"type": "Point", "coordinates": [139.7, 35.7]}, "m": 5000}', '($p: Geometry!, $m: Float!)') AS by_variables;
SELECT convert_from(fraiseql.execute('{ places(where: {id: {in: [1, 4]}}) { id loc locJson } }'), 'UTF8') AS geojson_out;
-- malformed GeoJSON: BAD_USER_INPUT before the statement runs; the session goes on
SELECT pg_temp.ids('where: {loc: {intersects: {type: "Pointy", coordinates: [1]}}}') AS bad_literal;
SELECT pg_temp.ids('where: {loc: {distanceWithin: {point: $p, meters: 10}}}', '{"p": {"coordinates": "x"}}', '($p: Geometry!)') AS bad_variable;
SELECT pg_temp.ids('where: {loc: {distanceWithin: {point: {type: "Point", coordinates: [0, 0]}}}}') AS meters_required;
SELECT pg_temp.ids('where: {loc: {eq: "x"}}') AS wrong_operator;
SELECT pg_temp.ids('where: {loc: {isnull: false}}') AS after_errors;
SELECT fraiseql.explain('{ places(where: {loc: {distanceWithin: {point: {type: "Point", coordinates: [0, 0]}, meters: 1}}}) { id } }')->'roots'->0->>'sql' AS sql;
ROLLBACK;
