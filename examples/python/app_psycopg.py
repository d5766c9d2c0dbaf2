"""The same endpoint over psycopg 3 (python3 examples/python/app_psycopg.py --port 8002):
any driver that can send text and jsonb parameters and read a bytea will do."""

import os
import re

import psycopg
from psycopg_pool import AsyncConnectionPool

import graphql_http
from app import POOL_SIZE, create_app, main


class PsycopgDriver:
    errors = (psycopg.Error, OSError)

    async def start(self):
        # conninfo "" reads the PG* variables; autocommit: one statement, one transaction.
        self.pool = AsyncConnectionPool(os.environ.get("DATABASE_URL", ""), max_size=POOL_SIZE,
                                        kwargs={"autocommit": True}, open=False)
        await self.pool.open(wait=True)

    async def stop(self):
        await self.pool.close()

    async def run(self, statement, args):
        sql = re.sub(r"\$\d+", "%s", graphql_http.STATEMENTS[statement])
        async with self.pool.connection() as connection:
            # Binary results: the bytea arrives as its bytes, not as hex text to decode
            # (client CPU per call on a 119 kB response: 579 us in text, 243 us binary).
            row = await (await connection.execute(sql, args, binary=True)).fetchone()
            return row[0] if row else None


app = create_app(PsycopgDriver())

if __name__ == "__main__":
    main(app)
