-- filter_list_json: the length, anyEq and anyMatches operators of lists of
-- scalars (SQL arrays and JSON arrays) and jsonpath operators of JSON
-- (pathExists @?, pathMatches @@), with NULLs, empty lists, ties, unicode
-- and malformed jsonpath.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures_typed.sql
\set ECHO all
\set QUIET off

-- tags: 1 {red,blue} | 2 {} | 3 {green} | 4 NULL | 5 {Ünï,red} | 6 {red} | 7 {blue,red}
-- nums: 1 {1,2,3} | 2 {} | 3 {7} | 4 NULL | 5 {3,3} | 6 {1} | 7 {2,1}
-- meta: 1 {"a": 1, "tags": ["x", "y"], "n": 5} | 2 {"a": 2, "n": 50} | 3 {"tags": []} | 4 NULL
--       5 {"a": 1.0, "n": 5} | 6 {"a": null} | 7 {"a": [1, 2]}
SELECT n, what, pg_temp.ids(args) AS ids FROM (VALUES
 (1,  'lengthEq 0 (empty list; null is not 0)', 'where: {tags: {lengthEq: 0}}'),
 (2,  'lengthEq json',              'where: {tagsJson: {lengthEq: 2}}'),
 (3,  'lengthGt',                   'where: {nums: {lengthGt: 1}}'),
 (4,  'lengthGte json',             'where: {numsJson: {lengthGte: 2}}'),
 (5,  'lengthLt',                   'where: {tags: {lengthLt: 2}}'),
 (6,  'lengthLte json',             'where: {tagsJson: {lengthLte: 1}}'),
 (7,  'anyEq column',               'where: {tags: {anyEq: "red"}}'),
 (8,  'anyEq json',                 'where: {tagsJson: {anyEq: "red"}}'),
 (9,  'anyEq Int column (repeated 3)', 'where: {nums: {anyEq: 3}}'),
 (10, 'anyEq Int json',             'where: {numsJson: {anyEq: 1}}'),
 (11, 'anyMatches column unicode',  'where: {tags: {anyMatches: "^Ü"}}'),
 (12, 'anyMatches json',            'where: {tagsJson: {anyMatches: "e$"}}'),
 (13, 'anyMatches on numbers (their text)', 'where: {nums: {anyMatches: "^[37]$"}}'),
 (14, 'NOT anyEq (null stays out)', 'where: {NOT: {tags: {anyEq: "red"}}}'),
 (15, 'NOT anyMatches (null and empty)', 'where: {NOT: {tagsJson: {anyMatches: "r"}}}'),
 (16, 'pathExists column',          'where: {meta: {pathExists: "$.tags"}}'),
 (17, 'pathExists filter',          'where: {metaJson: {pathExists: "$.tags[*] ? (@ == \"y\")"}}'),
 (18, 'pathExists numeric (1 = 1.0)', 'where: {meta: {pathExists: "$.a ? (@ == 1)"}}'),
 (19, 'pathMatches',                'where: {meta: {pathMatches: "$.n > 10"}}'),
 (20, 'pathMatches json',           'where: {metaJson: {pathMatches: "$.n == 5"}}'),
 (21, 'NOT pathExists (null stays out)', 'where: {NOT: {meta: {pathExists: "$.a"}}}')
) AS t(n, what, args) ORDER BY n;

-- the jsonpath as a variable, and malformed ones: BAD_USER_INPUT from the
-- jsonpath parser before the statement runs, with the variable named
SELECT pg_temp.ids('where: {meta: {pathExists: $p}}', '{"p": "$.n ? (@ > 10)"}', '($p: String)') AS path_variable;
SELECT pg_temp.ids('where: {meta: {pathExists: "$.tags[["}}') AS bad_path_literal;
SELECT pg_temp.ids('where: {meta: {pathMatches: $p}}', '{"p": "$$"}', '($p: String)') AS bad_path_variable;
SELECT pg_temp.ids('where: {tags: {lengthEq: "two"}}') AS bad_length;
SELECT pg_temp.ids('where: {meta: {pathExists: "$.a"}}') AS after_errors;
ROLLBACK;
