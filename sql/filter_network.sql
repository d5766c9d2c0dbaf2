-- filter_network: IpAddress, CIDR and MacAddress filters, on real inet/cidr/
-- macaddr columns (native operators) and on the typed JSON path (::inet...),
-- with NULLs (id 4), IPv6 and bad literals.
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\set ECHO none
\i test/regress/fixtures_typed.sql
\set ECHO all
\set QUIET off

-- ip: 1 10.1.2.3 | 2 192.168.10.20/24 | 3 8.8.8.8 | 4 NULL | 5 2001:db8::1 | 6 fd00::5 | 7 127.0.0.1
SELECT n, what, pg_temp.ids(args) AS ids FROM (VALUES
 (1,  'eq column',                  'where: {ip: {eq: "8.8.8.8"}}'),
 (2,  'eq json (the /24 is part of the value)', 'where: {ipJson: {eq: "192.168.10.20/24"}}'),
 (3,  'neq (null never matches)',   'where: {ip: {neq: "8.8.8.8"}}'),
 (4,  'in json',                    'where: {ipJson: {in: ["8.8.8.8", "2001:db8::1", "1.1.1.1"]}}'),
 (5,  'nin column',                 'where: {ip: {nin: ["8.8.8.8"]}}'),
 (6,  'isnull',                     'where: {ip: {isnull: true}}'),
 (7,  'inSubnet column',            'where: {ip: {inSubnet: "192.168.0.0/16"}}'),
 (8,  'inSubnet json, IPv6',        'where: {ipJson: {inSubnet: "2001:db8::/32"}}'),
 (9,  'containsSubnet (a /24 holds .7)', 'where: {ip: {containsSubnet: "192.168.10.7"}}'),
 (10, 'CIDR containsSubnet column', 'where: {net: {containsSubnet: "10.1.200.0/24"}}'),
 (11, 'CIDR inSubnet json',         'where: {netJson: {inSubnet: "0.0.0.0/0"}}'),
 (12, 'isIPv4',                     'where: {ip: {isIPv4: true}}'),
 (13, 'isIPv6 json',                'where: {ipJson: {isIPv6: true}}'),
 (14, 'isIPv4 false (null never matches)', 'where: {ip: {isIPv4: false}}'),
 (15, 'isPrivate',                  'where: {ip: {isPrivate: true}}'),
 (16, 'isPrivate false json',       'where: {ipJson: {isPrivate: false}}'),
 (17, 'NOT isPrivate (null stays out)', 'where: {NOT: {ip: {isPrivate: true}}}'),
 (18, 'MacAddress eq column',       'where: {mac: {eq: "08:00:2b:01:02:03"}}'),
 (19, 'MacAddress in json, other spellings', 'where: {macJson: {in: ["08-00-2B-01-02-05", "0800.2b01.0207"]}}'),
 (20, 'MacAddress nin',             'where: {mac: {nin: ["08:00:2b:01:02:03"]}}')
) AS t(n, what, args) ORDER BY n;

-- variables: typed by the scalar, checked when coerced
SELECT pg_temp.ids('where: {ip: {inSubnet: $net}}', '{"net": "10.0.0.0/8"}', '($net: IpAddress)') AS by_variable;
SELECT pg_temp.ids('where: {ip: {inSubnet: $net}}', '{"net": "10.0.0.0/33"}', '($net: IpAddress)') AS bad_prefix;
-- bad literals: GraphQL errors, never SQL ones
SELECT pg_temp.ids('where: {ip: {eq: "10.1.2.300"}}') AS bad_octet;
SELECT pg_temp.ids('where: {ip: {eq: "hello"}}') AS not_an_address;
SELECT pg_temp.ids('where: {net: {eq: "10.1.2.3/16"}}') AS host_bits_in_cidr;
SELECT pg_temp.ids('where: {mac: {eq: "08:00:2b:01:02"}}') AS short_mac;
-- an operator of another type is a validation error
SELECT pg_temp.ids('where: {ip: {contains: "10"}}') AS wrong_operator;
SELECT pg_temp.ids('where: {mac: {inSubnet: "10.0.0.0/8"}}') AS no_subnets_on_mac;
-- the session goes on
SELECT pg_temp.ids('where: {ip: {eq: "127.0.0.1"}}') AS after_errors;
-- values come back in PostgreSQL's text form
SELECT pg_temp.gql('{ hosts(where: {id: {in: [2, 5]}}, orderBy: [{id: ASC}]) { id ip net mac ipJson } }');
ROLLBACK;
