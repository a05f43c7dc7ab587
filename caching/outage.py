"""Redis out of reach, then back (issue 21): nothing read from it afterwards may be older than a change made
meanwhile.

While Redis is out of reach the cache remembers nothing (site_project/redis_cache.py): pages are rendered, not
kept. But Redis may come back with what it held (a network cut; a restart that reloads its snapshot), and the
deletes that would have invalidated it were lost: a course's token after a new comment, a session after a log-out.
So each lost delete is written down in the database (LostCacheDelete), and before a process that saw the outage
reads Redis again, it deletes every key written down, then drops every course's token and every member's record:
each page, fragment and member is rendered or read afresh once. Only then are the notes removed.

What is left: a process that did not see the outage (idle throughout it, or started after it) may read Redis in the
moment between its return and the first request of a process that did; with a load balancer spreading requests
over every process, that moment is about one request long.
"""

import logging

from django.db import DatabaseError

from caching.audience import ACCESS_TOKEN
from caching.models import LostCacheDelete
from caching.page_cache import EVERY_COURSE, token_keys
from site_project import redis_cache

logger = logging.getLogger(__name__)


def lost(keys):
    """Written down in its own transaction: the change it belonged to is committed already (on_commit), or is a
    log-out that must stay one."""
    try:
        LostCacheDelete.objects.bulk_create([LostCacheDelete(key=key[:250]) for key in keys])
    except DatabaseError:
        logger.exception("A cache delete lost while Redis was out of reach could not be written down: %s", keys)


def settle(delete):
    """Before reading Redis again: every lost delete, every course's pages and every member's record."""
    notes = list(LostCacheDelete.objects.values_list("pk", "key"))
    delete([key for _, key in notes] + [token_keys(EVERY_COURSE)[1], ACCESS_TOKEN])
    if notes:
        LostCacheDelete.objects.filter(pk__lte=max(pk for pk, _ in notes)).delete()
        logger.warning("Redis reached again: %d deletes lost in the outage done, every page renders afresh", len(notes))


def connect():
    if lost not in redis_cache.LOST_DELETES:
        redis_cache.LOST_DELETES.append(lost)
        redis_cache.ON_RETURN.append(settle)
