-- where_logic: AND/OR/NOT to any depth, nested objects, null and absent
-- values, filters through literals and variables, bad input.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures_filters.sql
\set ECHO all
\set QUIET off

-- Data (ids 1-7): qty 9 | 10 | 100 | -5 | 0 | NULL | 2; active t | f | t | NULL | f | t | t;
-- category {tools,2} | {toys,10} | {tools,9} | absent | {Ünï,1} | {rank 100} | {toys,20}.
SELECT n, what, pg_temp.ids(args) AS ids FROM (VALUES
 (1,  'fields are ANDed',          'where: {qty: {gt: 0}, active: {eq: true}}'),
 (2,  'AND list',                  'where: {AND: [{qty: {gt: 0}}, {active: {eq: true}}]}'),
 (3,  'AND [] is TRUE',            'where: {AND: []}'),
 (4,  'OR list',                   'where: {OR: [{qty: {lt: 0}}, {qty: {gt: 50}}]}'),
 (5,  'OR [] is FALSE',            'where: {OR: []}'),
 (6,  'NOT (nulls stay out)',      'where: {NOT: {qty: {gt: 5}}}'),
 (7,  'NOT NOT',                   'where: {NOT: {NOT: {qty: {gt: 5}}}}'),
 (8,  'NOT {} is FALSE',           'where: {NOT: {}}'),
 (9,  'empty where',               'where: {}'),
 (10, 'where: null',               'where: null'),
 (11, 'null field ignored',        'where: {qty: null, active: {eq: false}}'),
 (12, 'null operator ignored',     'where: {qty: {gt: null, lt: 5}}'),
 (13, 'single value as a list',    'where: {OR: {qty: {eq: 9}}}'),
 (14, 'deep nesting',              'where: {OR: [{AND: [{NOT: {OR: [{qty: {lt: 9}}, {qty: {gt: 99}}]}}, {active: {eq: true}}]}, {NOT: {NOT: {label: {startswith: "Ü"}}}}]}'),
 (15, 'OR inside AND inside OR',   'where: {OR: [{AND: [{OR: [{qty: {eq: 9}}, {qty: {eq: 100}}]}, {active: {eq: true}}]}, {qty: {isnull: true}}]}'),
 (16, 'nested object',             'where: {category: {name: {eq: "toys"}}}'),
 (17, 'nested object typed',       'where: {category: {rank: {gt: 9}}}'),
 (18, 'nested object AND/OR',      'where: {category: {OR: [{rank: {lt: 2}}, {name: {eq: "tools"}, rank: {gte: 9}}]}}'),
 (19, 'nested null key',           'where: {category: {name: {isnull: true}}}'),
 (20, 'nested NOT',                'where: {category: {NOT: {name: {eq: "toys"}}}}')
) AS t(n, what, args) ORDER BY n;

-- Filters through variables: the whole where object, a leaf, a list, an
-- enum list, an unset variable (as if not given) and a null one (ignored).
SELECT pg_temp.ids('where: $w', '{"w": {"OR": [{"qty": {"gt": 50}}, {"mood": {"in": ["SAD"]}}]}}', '($w: ItemWhereInput)') AS whole_object;
SELECT pg_temp.ids('where: {qty: {gte: $min}, name: {contains: $part}}', '{"min": 1, "part": "_"}', '($min: Int, $part: String)') AS leaves;
SELECT pg_temp.ids('where: {qty: {in: $qs}}', '{"qs": [100, 9, 55]}', '($qs: [Int!])') AS list;
SELECT pg_temp.ids('where: {mood: {in: $moods}, moodJson: {in: $moods}}', '{"moods": ["SAD", "ANGRY"]}', '($moods: [Mood!])') AS enum_list;
SELECT pg_temp.ids('where: {qty: {in: [9, $q, 100]}}', '{"q": 10}', '($q: Int!)') AS mixed_list;
SELECT pg_temp.ids('where: {qty: {gt: $unset}}', '{}', '($unset: Int)') AS unset;
SELECT pg_temp.ids('where: {qty: {gt: $q}}', '{"q": null}', '($q: Int)') AS null_variable;
SELECT pg_temp.ids('where: {category: $c}', '{"c": {"rank": {"lt": 5}}}', '($c: CategoryWhereInput)') AS nested_variable;
SELECT pg_temp.ids('where: {name: {contains: $s}}', '{"s": "%"}', '($s: String)') AS contains_percent_variable;
SELECT pg_temp.ids('where: {meta: {contains: $j}}', '{"j": {"a": [1]}}', '($j: JSON)') AS json_variable;
SELECT pg_temp.ids('where: {isnull: $b}', '{"b": true}', '($b: Boolean)') AS bad_field;

-- A variable's leaf values are parameters with a path into the variable; a
-- literal's are parameters too (never in the SQL text).
SELECT fraiseql.explain('query ($w: ItemWhereInput) { items(where: $w) { id } }',
                        '{"w": {"name": {"eq": "x"}, "OR": [{"qty": {"in": [1, 2]}}, {"born": {"gt": "2024-01-01"}}]}}')->'roots'->0 AS plan;
SELECT fraiseql.explain('{ items(where: {label: {eq: "it''s"}, qty: {in: [1, 2]}}) { id } }')->'roots'->0 AS plan;

-- The SQL follows the shape of the variable's value: which filters it holds.
SELECT fraiseql.explain('query ($w: ItemWhereInput) { items(where: $w) { id } }', '{"w": {"qty": {"gt": 1}}}')->'roots'->0->>'sql' AS one_filter;
SELECT fraiseql.explain('query ($w: ItemWhereInput) { items(where: $w) { id } }', '{"w": {"qty": {"gt": 1}, "active": {"eq": true}}}')->'roots'->0->>'sql' AS two_filters;

-- Documents that differ only in literal values may share one cached plan
-- (fraiseql.cache_stats shared_hits); each still filters with its own values,
-- escaped patterns and arrays included, and another direction is another plan.
SELECT pg_temp.ids('where: {qty: {gt: 9}, name: {contains: "a"}}') AS a,
       pg_temp.ids('where: {qty: {gt: -10}, name: {contains: "%"}}') AS b,
       pg_temp.ids('where: {qty: {gt: 9}, name: {contains: "%"}}') AS c,
       pg_temp.ids('where: {born: {lt: "2024-01-10"}, qty: {in: [9, 100]}}') AS d,
       pg_temp.ids('where: {born: {lt: "2024-01-01"}, qty: {in: [10]}}') AS e,
       pg_temp.ids('orderBy: [{qty: ASC}], limit: 2') AS f,
       pg_temp.ids('orderBy: [{qty: DESC}], limit: 3') AS g;

-- Empty lists (issue 14): a null or absent value matches neither `in: []` nor
-- `nin: []`, nor their NOT, on real columns (name, qty: id 6 is NULL; qty of
-- 6 too) and on JSON paths (label, moodJson; id 4 has no mood), at any depth.
SELECT n, what, pg_temp.ids(args) AS ids FROM (VALUES
 (1,  'nin [] column',             'where: {name: {nin: []}}'),
 (2,  'in [] column',              'where: {name: {in: []}}'),
 (3,  'NOT in [] column',          'where: {NOT: {name: {in: []}}}'),
 (4,  'NOT nin [] column',         'where: {NOT: {name: {nin: []}}}'),
 (5,  'nin [] json',               'where: {label: {nin: []}}'),
 (6,  'NOT in [] json',            'where: {NOT: {label: {in: []}}}'),
 (7,  'NOT nin [] json',           'where: {NOT: {label: {nin: []}}}'),
 (8,  'NOT NOT nin [] json',       'where: {NOT: {NOT: {moodJson: {nin: []}}}}'),
 (9,  'NOT NOT in [] column',      'where: {NOT: {NOT: {qty: {in: []}}}}'),
 (10, 'NOT nin [9] column',        'where: {NOT: {qty: {nin: [9]}}}'),
 (11, 'NOT in [9] column',         'where: {NOT: {qty: {in: [9]}}}'),
 (12, 'NOT in [] nested json',     'where: {category: {NOT: {name: {in: []}}}}'),
 (13, 'OR with NOT nin []',        'where: {OR: [{NOT: {qty: {nin: []}}}, {qty: {eq: 2}}]}')
) AS t(n, what, args) ORDER BY n;
SELECT pg_temp.ids('where: {qty: {nin: $qs}}', '{"qs": []}', '($qs: [Int!])') AS nin_empty_variable,
       pg_temp.ids('where: {NOT: {qty: {in: $qs}}}', '{"qs": []}', '($qs: [Int!])') AS not_in_empty_variable;

-- Variables as items of list values (issue 14): on a real text[] column
-- (tags) with every list operator, on a JSON list, in `in` on a real enum
-- column and on a JSON path.
SELECT n, what, pg_temp.ids(args, vars::jsonb, defs) AS ids FROM (VALUES
 (1, 'column contains [$t]',       'where: {tags: {contains: [$t]}}', '{"t": "red"}', '($t: String!)'),
 (2, 'column containedBy [$t, ..]', 'where: {tags: {containedBy: [$t, "blue"]}}', '{"t": "red"}', '($t: String!)'),
 (3, 'column overlaps [.., $t]',   'where: {tags: {overlaps: ["green", $t]}}', '{"t": "red"}', '($t: String!)'),
 (4, 'column eq [$t]',             'where: {tags: {eq: [$t]}}', '{"t": "red"}', '($t: String!)'),
 (5, 'column neq [$t]',            'where: {tags: {neq: [$t]}}', '{"t": "red"}', '($t: String!)'),
 (6, 'json contains [$t]',         'where: {tagsJson: {contains: [$t]}}', '{"t": "red"}', '($t: String!)'),
 (7, 'enum column in [$m, ..]',    'where: {mood: {in: [$m, ANGRY]}}', '{"m": "SAD"}', '($m: Mood!)'),
 (8, 'enum json nin [$m]',         'where: {moodJson: {nin: [$m]}}', '{"m": "SAD"}', '($m: Mood!)'),
 (9, 'Int column in [$q, ..]',     'where: {qty: {in: [$q, 100]}}', '{"q": 9}', '($q: Int!)'),
 (10, 'column overlaps [$t, $u]',  'where: {tags: {overlaps: [$t, $u]}}', '{"t": "green", "u": "blue"}', '($t: String!, $u: String!)'),
 -- JSON literals holding variables (meta: 1 {a:1,b:{c:true}} 2 {a:2} 5 {a:"1"} 6 {} 7 {a:[1,2]})
 (11, 'JSON contains {a: $x}',     'where: {meta: {contains: {a: $x}}}', '{"x": 2}', '($x: Int)'),
 (12, 'JSON contains nested',      'where: {meta: {contains: {b: {c: $x}}}}', '{"x": true}', '($x: Boolean)'),
 (13, 'JSON contains {a: [$x]}',   'where: {meta: {contains: {a: [$x]}}}', '{"x": 2}', '($x: Int)'),
 (14, 'JSON eq {a: $x}',           'where: {meta: {eq: {a: $x}}}', '{"x": "1"}', '($x: String)'),
 (15, 'JSON in [{a: $x}, {}]',     'where: {meta: {in: [{a: $x}, {}]}}', '{"x": 2}', '($x: Int)'),
 (16, 'JSON unset variable: null', 'where: {meta: {contains: {a: $x}}}', '{}', '($x: Int)')
) AS t(n, what, args, vars, defs) ORDER BY n;

-- Bad input: an operator the type does not have, a value of the wrong type
-- (literal and variable), a malformed value the scalar rejects.
SELECT pg_temp.gql('{ items(where: {qty: {contains: "1"}}) { id } }');
SELECT pg_temp.gql('{ items(where: {name: {gt: "a"}}) { id } }');
SELECT pg_temp.gql('{ items(where: {qty: {eq: "nine"}}) { id } }');
SELECT pg_temp.gql('query ($w: ItemWhereInput) { items(where: $w) { id } }', '{"w": {"qty": {"eq": "nine"}}}');
SELECT pg_temp.gql('query ($w: ItemWhereInput) { items(where: $w) { id } }', '{"w": {"name": {"startsWith": "a"}}}');
SELECT pg_temp.gql('{ items(where: {born: {eq: "2024-02-30"}}) { id } }');
SELECT pg_temp.gql('{ items(where: {uid: {eq: "nope"}}) { id } }');
SELECT pg_temp.gql('{ items(where: {name: {matches: "("}}) { id } }');
-- an enum variable's unknown value gets graphql-js's suggestion, a non-string one too
SELECT pg_temp.gql('query ($m: Mood) { items(where: {mood: {eq: $m}}) { id } }', '{"m": "SAPD"}');
SELECT pg_temp.gql('query ($m: [Mood!]) { items(where: {mood: {in: $m}}) { id } }', '{"m": ["HAPPY", "ANGYR"]}');
SELECT pg_temp.gql('query ($m: Mood) { items(where: {mood: {eq: $m}}) { id } }', '{"m": "NOTHING_LIKE_IT"}');
SELECT pg_temp.gql('query ($m: Mood) { items(where: {mood: {eq: $m}}) { id } }', '{"m": 1}');
ROLLBACK;
