"""The same app over psycopg 3 (python3 examples/python/app_psycopg.py --port 8002)."""

import os

from psycopg_pool import AsyncConnectionPool

from app import POOL_SIZE, create_app, main


async def open_pool():
    # conninfo "" reads the PG* variables; autocommit: one statement, one transaction.
    pool = AsyncConnectionPool(os.environ.get("DATABASE_URL", ""), max_size=POOL_SIZE,
                               kwargs={"autocommit": True}, open=False)
    await pool.open(wait=True)
    return pool


app = create_app(open_pool)

if __name__ == "__main__":
    main(app)
