"""differential_lists.py: the lists of objects of test_differential.py.

Each item may have `comments` in its JSON: absent, JSON null, or a list (empty
or not) of comments whose fields may be null or absent (body, votes, flagged,
unicode bodies), each with `replies` absent, null, or a list of comments. The
JSON is written here by Python; the same comments are rows of diff.tb_comment
(item_id, parent_id), which the independent SQL reads: a quantifier is an
EXISTS over those rows, a list's count a count(*) of them.
"""

import json

SCHEMA_SQL = """
CREATE TABLE diff.tb_thread (item_id int PRIMARY KEY, doc jsonb NOT NULL);
CREATE TABLE diff.tb_comment (id int PRIMARY KEY, item_id int NOT NULL, parent_id int, pos int NOT NULL,
                              body text, votes int, flagged boolean);
CREATE INDEX ON diff.tb_comment (item_id) WHERE parent_id IS NULL;
CREATE INDEX ON diff.tb_comment (parent_id);
"""

# Appended to the view's data: the item's comments document, or nothing.
VIEW_DATA_SQL = "coalesce((SELECT th.doc FROM diff.tb_thread th WHERE th.item_id = tb_item.id), '{}'::jsonb)"

SDL = """
type Comment { body: String votes: Int flagged: Boolean replies: [Comment!] }
"""
ITEM_FIELD = "comments: [Comment!]"

COMMENT_FIELDS = {"body": ("string", "body"), "votes": ("int", "votes"), "flagged": ("bool", "flagged")}

# orderBy keys below the row: GraphQL (with %s for the direction) and the
# independent SQL expression over diff.tb_item t.
NESTED_ORDER = {
    "author.name": ("{author: {name: %s}}", "t.author_name"),
    "author.age": ("{author: {age: %s}}", "t.author_age"),
    "comments.count": ("{comments: {count: %s}}",
                       "(SELECT count(*) FROM diff.tb_comment oc WHERE oc.item_id = t.id AND oc.parent_id IS NULL)"),
}


class Comments:
    """The generated comments: JSON documents per item and relational rows."""

    def __init__(self, rng, item_ids, words):
        self.docs = []  # (item_id, doc)
        self.rows = []  # dicts with the columns of diff.tb_comment
        next_id = [1]

        def comment(item_id, parent_id, pos, depth):
            def maybe(value, p=0.2):
                return None if rng.random() < p else value
            row = {"id": next_id[0], "item_id": item_id, "parent_id": parent_id, "pos": pos,
                   "body": maybe(rng.choice(words)), "votes": maybe(rng.randint(0, 20)),
                   "flagged": maybe(rng.random() < 0.4)}
            next_id[0] += 1
            self.rows.append(row)
            obj = {}
            # a null field is JSON null or an absent key, which must not differ
            for key in ("body", "votes", "flagged"):
                if row[key] is not None or rng.random() < 0.5:
                    obj[key] = row[key]
            if depth == 0:
                r = rng.random()
                if r < 0.1:
                    obj["replies"] = None
                elif r < 0.5:
                    obj["replies"] = [comment(item_id, row["id"], k, 1) for k in range(rng.randint(0, 2))]
            return obj

        for item_id in item_ids:
            r = rng.random()
            if r < 0.15:
                continue  # absent
            if r < 0.25:
                self.docs.append((item_id, {"comments": None}))
                continue
            self.docs.append((item_id, {"comments": [comment(item_id, None, k, 0) for k in range(rng.randint(0, 4))]}))

    def load(self, conn):
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO diff.tb_thread VALUES (%s, %s::jsonb)",
                            [(i, json.dumps(d, ensure_ascii=False)) for i, d in self.docs])
            cur.executemany("INSERT INTO diff.tb_comment VALUES (%(id)s, %(item_id)s, %(parent_id)s, %(pos)s, "
                            "%(body)s, %(votes)s, %(flagged)s)", self.rows)


def quantifier(query, depth, parent_sql, list_field="comments", level=0):
    """{comments: {some|every|none: <CommentWhereInput>}} and its SQL over
    diff.tb_comment rows whose parent is `parent_sql` (t.id for an item's
    comments, cN.id for a comment's replies). A quantifier is two-valued:
    every and none hold for a null, absent or empty list."""
    rng = query.rng
    query.aliases += 1
    alias = f"c{query.aliases}"
    owner = (f"{alias}.item_id = {parent_sql} AND {alias}.parent_id IS NULL" if level == 0
             else f"{alias}.parent_id = {parent_sql}")
    quant = rng.choice(["some", "every", "none"])
    if not query.no_variables and rng.random() < 0.15:
        # the element filter as one variable's value
        gql, sql = query.as_variable("CommentWhereInput", lambda: comment_where(query, depth + 1, alias, level))
    else:
        gql, sql = comment_where(query, depth + 1, alias, level)
    rows = f"SELECT 1 FROM diff.tb_comment {alias} WHERE {owner}"
    if quant == "some":
        sql_out = f"EXISTS ({rows} AND {sql})"
    elif quant == "every":
        sql_out = f"NOT EXISTS ({rows} AND ({sql}) IS NOT TRUE)"
    else:
        sql_out = f"NOT EXISTS ({rows} AND {sql})"
    return f"{{{list_field}: {{{quant}: {gql}}}}}", f"({sql_out})"


def comment_where(query, depth, alias, level):
    """A CommentWhereInput: fields, AND/OR/NOT, {} and (on comments, not on
    replies) a quantifier over replies."""
    rng = query.rng
    r = rng.random()
    if r < 0.05:
        return "{}", "TRUE"
    if depth >= 4 or r < 0.55:
        with query.sampling(query.comments):
            return query.field_filter(COMMENT_FIELDS, f"{alias}.")
    if r < 0.68 and level == 0:
        return quantifier(query, depth, f"{alias}.id", "replies", 1)
    if r < 0.8:
        op = rng.choice(["AND", "OR"])
        parts = [comment_where(query, depth + 1, alias, level) for _ in range(rng.randint(0, 3))]
        gql = "{" + op + ": [" + ", ".join(p[0] for p in parts) + "]}"
        return gql, "(" + (f" {op} ".join(p[1] for p in parts) or ("TRUE" if op == "AND" else "FALSE")) + ")"
    inner = comment_where(query, depth + 1, alias, level)
    return "{NOT: " + inner[0] + "}", f"(NOT {inner[1]})"

