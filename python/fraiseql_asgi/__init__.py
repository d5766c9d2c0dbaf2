"""fraiseql_asgi: GraphQL over HTTP for fraiseql, as an ASGI app to mount.

    from fraiseql_asgi import GraphQLApp
    graphql = GraphQLApp(pool, context=verified_claims)
    app.add_route("/graphql", graphql, methods=["GET", "POST", "PUT", "PATCH", "DELETE"])

Each request is one call of fraiseql.serve: the method, URL query,
Content-Type, Accept and body bytes go in; status, Content-Type, Allow and body
come back and are sent untouched. The protocol (negotiation, status codes,
APQ, mutations over GET...) is the extension's.
"""

from .app import GraphQLApp, header_context
from .pools import create_asyncpg_pool

__all__ = ["GraphQLApp", "create_asyncpg_pool", "header_context"]
