-- where_operators: every filter operator on every type it applies to, through a
-- real view column (indexes serve) and through the typed JSON path of data.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures_filters.sql
\set ECHO all
\set QUIET off

-- Each row: what is filtered, the arguments, the ids selected (ordered by id).
-- Data (ids 1-7): name alpha | 100% pure | snake_case | back\slash | Ünïcödé "q" | NULL | it's x_y;
-- qty 9 | 10 | 100 | -5 | 0 | NULL | 2; id 4 has only id, name and qty.
SELECT n, what, pg_temp.ids(args) AS ids FROM (VALUES
 -- String: a real text column (name) and the JSON path (label)
 (1,  'String eq column',          'where: {name: {eq: "alpha"}}'),
 (2,  'String eq json',            'where: {label: {eq: "alpha"}}'),
 (3,  'String neq (nulls never match)', 'where: {name: {neq: "alpha"}}'),
 (4,  'String in',                 'where: {label: {in: ["alpha", "snake_case", "zzz"]}}'),
 (5,  'String nin',                'where: {name: {nin: ["alpha", "snake_case"]}}'),
 (6,  'String isnull true',        'where: {name: {isnull: true}}'),
 (7,  'String isnull false json',  'where: {label: {isnull: false}}'),
 (8,  'contains % literally',      'where: {name: {contains: "%"}}'),
 (9,  'contains _ literally',      'where: {label: {contains: "_"}}'),
 (10, 'contains \ literally',      'where: {name: {contains: "\\"}}'),
 (11, 'icontains unicode',         'where: {name: {icontains: "üNÏ"}}'),
 (12, 'startswith % literally',    'where: {name: {startswith: "100%"}}'),
 (13, 'startswith no pattern',     'where: {name: {startswith: "a%"}}'),
 (14, 'istartswith',               'where: {label: {istartswith: "ALP"}}'),
 (15, 'endswith _y',               'where: {name: {endswith: "_y"}}'),
 (16, 'iendswith quote',           'where: {name: {iendswith: "Q\""}}'),
 (17, 'like pattern',              'where: {name: {like: "%a_e%"}}'),
 (18, 'ilike pattern',             'where: {label: {ilike: "A%"}}'),
 (19, 'matches',                   'where: {name: {matches: "^[a-z]+$"}}'),
 (20, 'imatches',                  'where: {name: {imatches: "^ALPHA|PURE$"}}'),
 (21, 'notMatches (nulls never match)', 'where: {name: {notMatches: "a"}}'),
 -- ID: compared as text on the JSON path
 (22, 'ID eq',                     'where: {sku: {eq: "alpha"}}'),
 (23, 'ID in / contains',          'where: {sku: {in: ["alpha", "x"], contains: "lph"}}'),
 -- Int: numeric order, never text order (9 < 10 < 100)
 (24, 'Int gt column',             'where: {qty: {gt: 9}}'),
 (25, 'Int gt json',               'where: {qtyJson: {gt: 9}}'),
 (26, 'Int gte/lte',               'where: {qty: {gte: 0, lte: 10}}'),
 (27, 'Int lt negative json',      'where: {qtyJson: {lt: 0}}'),
 (28, 'Int eq/neq',                'where: {qty: {eq: 10}}'),
 (29, 'Int neq json',              'where: {qtyJson: {neq: 10}}'),
 (30, 'Int in/nin',                'where: {qty: {in: [9, 100, 7], nin: [100]}}'),
 (31, 'Int in json',               'where: {qtyJson: {in: [9, 100]}}'),
 (32, 'Int isnull',                'where: {qty: {isnull: true}}'),
 -- Float, Decimal, BigInt on the JSON path (numeric comparison)
 (33, 'Float gt',                  'where: {weight: {gt: 2.5}}'),
 (34, 'Float lte negative',        'where: {weight: {lte: -1}}'),
 (35, 'Float eq exponent',         'where: {weight: {eq: 1e10}}'),
 (36, 'Decimal gte',               'where: {price: {gte: "10"}}'),
 (37, 'Decimal lt small',          'where: {price: {lt: 0.01}}'),
 (38, 'Decimal eq 2.5 = 2.50',     'where: {price: {eq: 2.5}}'),
 (39, 'Decimal in',                'where: {price: {in: [9.5, "100"]}}'),
 (40, 'BigInt beyond 2^53',        'where: {big: {eq: "9007199254740993"}}'),
 (41, 'BigInt gt',                 'where: {big: {gt: 2}}'),
 (42, 'BigInt lt',                 'where: {big: {lt: 1}}'),
 -- Date, DateTime, Time: date order, never text order
 (43, 'Date lt',                   'where: {born: {lt: "2024-01-10"}}'),
 (44, 'Date gte/lte leap day',     'where: {born: {gte: "2024-01-10", lte: "2024-02-29"}}'),
 (45, 'Date eq / in',              'where: {born: {in: ["2024-01-02", "2024-02-29"]}}'),
 (46, 'DateTime gt column',        'where: {seen: {gt: "2024-01-02T09:30:00Z"}}'),
 (47, 'DateTime gt json',          'where: {seenJson: {gt: "2024-01-02T09:30:00Z"}}'),
 (48, 'DateTime eq other offset',  'where: {seen: {eq: "2024-01-02T12:00:00+02:00"}}'),
 (49, 'DateTime eq json offset',   'where: {seenJson: {eq: "2024-01-02T12:00:00+02:00"}}'),
 (50, 'DateTime lt',               'where: {seen: {lt: "2024-01-01T00:00:00Z"}}'),
 (51, 'Time gte',                  'where: {at: {gte: "12:00:00"}}'),
 (52, 'Time lt / neq',             'where: {at: {lt: "10:00:00", neq: "00:00:00"}}'),
 -- Boolean, UUID
 (53, 'Boolean eq true',           'where: {active: {eq: true}}'),
 (54, 'Boolean neq true',          'where: {active: {neq: true}}'),
 (55, 'Boolean in / isnull',       'where: {OR: [{active: {in: [false]}}, {active: {isnull: true}}]}'),
 (56, 'UUID eq',                   'where: {uid: {eq: "A0000000-0000-0000-0000-000000000002"}}'),
 (57, 'UUID nin',                  'where: {uid: {nin: ["a0000000-0000-0000-0000-000000000001"]}}'),
 -- enums: a real enum column and the JSON path
 (58, 'enum eq column',            'where: {mood: {eq: HAPPY}}'),
 (59, 'enum eq json',              'where: {moodJson: {eq: HAPPY}}'),
 (60, 'enum in column',            'where: {mood: {in: [SAD, ANGRY]}}'),
 (61, 'enum nin json',             'where: {moodJson: {nin: [SAD, ANGRY]}}'),
 (62, 'enum neq',                   'where: {status: {neq: NEW}}'),
 (63, 'enum isnull',               'where: {status: {isnull: true}}'),
 -- JSON
 (64, 'JSON hasKey',               'where: {meta: {hasKey: "a"}}'),
 (65, 'JSON contains',             'where: {meta: {contains: {b: {c: true}}}}'),
 (66, 'JSON contains array',       'where: {meta: {contains: {a: [2]}}}'),
 (67, 'JSON eq',                   'where: {meta: {eq: {a: 2}}}'),
 (68, 'JSON eq string',            'where: {meta: {eq: {a: "1"}}}'),
 (69, 'JSON in',                   'where: {meta: {in: [{}, {a: 1, b: {c: true}}]}}'),
 (70, 'JSON neq / isnull',         'where: {meta: {neq: {}, isnull: false}}'),
 -- lists: a real text[] column and a JSON array
 (71, 'list contains column',      'where: {tags: {contains: ["red"]}}'),
 (72, 'list contains json',        'where: {tagsJson: {contains: ["red", "blue"]}}'),
 (73, 'list containedBy column',   'where: {tags: {containedBy: ["red", "blue"]}}'),
 (74, 'list containedBy json',     'where: {labels: {containedBy: ["x", "y"]}}'),
 (75, 'list overlaps column',      'where: {tags: {overlaps: ["green", "blue"]}}'),
 (76, 'list overlaps json',        'where: {labels: {overlaps: ["z", "y"]}}'),
 (77, 'list eq column',            'where: {tags: {eq: ["red", "blue"]}}'),
 (78, 'list eq json (order counts)', 'where: {labels: {eq: ["x", "y"]}}'),
 (79, 'list neq / isnull',         'where: {labels: {neq: [], isnull: false}}'),
 (80, 'list isnull',               'where: {tagsJson: {isnull: true}}'),
 -- several operators in one filter are ANDed
 (81, 'range on one field',        'where: {qty: {gt: 0, lt: 100, neq: 9}}')
) AS t(n, what, args) ORDER BY n;

-- The SQL: real columns compared with parameters of the column's type (no
-- cast of the column, so its indexes serve), JSON values cast before they
-- are compared, pattern operators with escaped parameters.
SELECT fraiseql.explain('{ items(where: {qty: {gt: 9}, seen: {lt: "2024-01-01T00:00:00Z"}, mood: {in: [SAD]}, tags: {overlaps: ["a"]}}) { id } }')->'roots'->0->>'sql' AS sql;
SELECT fraiseql.explain('{ items(where: {qtyJson: {gt: 9}, price: {lt: 1}, born: {eq: "2024-01-01"}, seenJson: {gt: "2024-01-01T00:00:00Z"}, at: {lt: "10:00:00"}, uid: {eq: "a0000000-0000-0000-0000-000000000001"}, active: {eq: true}}) { id } }')->'roots'->0->>'sql' AS sql;
SELECT jsonb_path_query_array(fraiseql.explain('{ items(where: {name: {contains: "a%b_c\\d", startswith: "x", iendswith: "y"}, label: {like: "a%"}}) { id } }'), '$.roots[0].params[*].value') AS params;
ROLLBACK;
