-- filter_fulltext: TSVector filters (matches: websearch syntax, plainMatches,
-- phraseMatches) on a real tsvector column and the JSON path, and String's
-- search/plainSearch/phraseSearch; the configuration is the setting
-- fraiseql.text_search_config, else default_text_search_config.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures_typed.sql
\set ECHO all
\set QUIET off
SET fraiseql.text_search_config = 'english';

-- body (doc = to_tsvector('english', body)):
-- 1 The quick brown fox jumps over the lazy dog | 2 Quick thinking saves the day
-- 3 Brown dogs and brown foxes | 4 NULL | 5 Über schnelle Füchse — ünïcödé text
-- 6 lazy afternoon, the fox sleeps | 7 the quick fox
SELECT n, what, pg_temp.ids(args) AS ids FROM (VALUES
 (1,  'matches, stemmed (foxes)',   'where: {doc: {matches: "fox"}}'),
 (2,  'matches websearch: quoted phrase', 'where: {doc: {matches: "\"quick fox\""}}'),
 (3,  'matches websearch: or binds looser than -', 'where: {doc: {matches: "dog or thinking -brown"}}'),
 (4,  'matches json',               'where: {docJson: {matches: "lazy"}}'),
 (5,  'plainMatches (all words)',   'where: {doc: {plainMatches: "quick brown"}}'),
 (6,  'phraseMatches (adjacent only)', 'where: {docJson: {phraseMatches: "brown fox"}}'),
 (7,  'websearch never fails on odd syntax', 'where: {doc: {matches: "quick & | !( fox"}}'),
 (8,  'unicode',                    'where: {doc: {matches: "ünïcödé"}}'),
 (9,  'isnull',                     'where: {doc: {isnull: true}}'),
 (10, 'NOT matches (null stays out)', 'where: {NOT: {doc: {matches: "fox"}}}'),
 (11, 'String search column',       'where: {body: {search: "foxes"}}'),
 (12, 'String plainSearch json',    'where: {bodyJson: {plainSearch: "lazy dog"}}'),
 (13, 'String phraseSearch',        'where: {body: {phraseSearch: "quick fox"}}'),
 (14, 'String matches is still a regular expression', 'where: {body: {matches: "^[Tt]he"}}')
) AS t(n, what, args) ORDER BY n;

-- the configuration decides stemming: 'simple' does not stem foxes to fox
SET fraiseql.text_search_config = 'simple';
SELECT pg_temp.ids('where: {body: {search: "fox"}}') AS simple_config;
-- and a plan does not keep it: the same document, the setting changed back
SET fraiseql.text_search_config = 'english';
SELECT pg_temp.ids('where: {body: {search: "fox"}}') AS english_config;
-- empty: default_text_search_config
SET fraiseql.text_search_config = '';
SET default_text_search_config = 'simple';
SELECT pg_temp.ids('where: {body: {search: "fox"}}') AS default_config;
-- a configuration that does not exist is the statement's error, named
SET fraiseql.text_search_config = 'klingon';
SELECT pg_temp.ids('where: {body: {search: "fox"}}') AS unknown_config;
RESET fraiseql.text_search_config;
-- operators of another type are validation errors; the session goes on
SELECT pg_temp.ids('where: {doc: {eq: "fox"}}') AS no_eq_on_tsvector;
SELECT pg_temp.ids('where: {body: {plainMatches: "fox"}}') AS tsvector_operator_on_string;
SELECT pg_temp.ids('where: {doc: {matches: "quick"}}') AS after_errors;
ROLLBACK;
