"""The shared cache: Django's database cache, with ``set`` in one statement.

Django's ``DatabaseCache.set`` counts the table's rows, opens a transaction, reads the key
and then updates or inserts it: six queries for every API request (the rate limit writes
its history each time) and every rate-limited form. Here ``set`` is one upsert, which
SQLite (3.24+) and PostgreSQL both understand; the row count and the cull of expired and
surplus rows run on one ``set`` in CULL_EVERY, as Django's own set does them. ``add``,
``touch``, ``get`` and the rest are Django's.
"""

from __future__ import annotations

import base64
import pickle
import random
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router

CULL_EVERY = 50


class DatabaseCache(DjangoDatabaseCache):
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if random.randrange(CULL_EVERY) == 0:  # noqa: S311 - not security
            return super().set(key, value, timeout, version)
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        if timeout is None:
            expires = datetime.max
        else:
            expires = datetime.fromtimestamp(timeout, tz=UTC if settings.USE_TZ else None)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, key_column = quote(self._table), quote("cache_key")
        value_column, expires_column = quote("value"), quote("expires")
        pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        expires = connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({key_column}, {value_column}, {expires_column}) "  # noqa: S608 - quoted names
                f"VALUES (%s, %s, %s) ON CONFLICT ({key_column}) DO UPDATE SET "
                f"{value_column} = excluded.{value_column}, "
                f"{expires_column} = excluded.{expires_column}",
                [key, pickled, expires],
            )
