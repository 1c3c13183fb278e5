"""The open requests (requests.py) outside the board: what the feeds, the JSON-LD and the open data
name them by (one IRI, one card on the board, one date).

Every output reads requests.open_requests on the build date, so a request is in all of them or in
none. The IRIs here are made from Request.id alone (its member and its words, never its place in a
list), so they are the same in every build and every language (docs/decisions.md, "Feeds and
structured data of requests").
"""
from __future__ import annotations

import datetime as dt
import uuid

from .. import urls
from ..config import Config
from ..requests import Request

# What an undated request's `updated` is in a feed: a date that never moves (a request without
# `since` gives no date it was made, and the build date would make it new every day); the epoch
# also sorts it after every dated one, as the board does.
UNDATED = dt.date(1970, 1, 1)


def request_node(config: Config, request_id: str) -> str:
    """The request's node in JSON-LD (the Demand's @id): the site's URL and the request's id, as the
    cluster's node is the site's URL and #organization; the same in every language."""
    return f"{urls.site_base(config.site_url)}/#request-{request_id}"


def request_uuid(config: Config, request_id: str) -> str:
    """The request's entry id in the feeds: a name-based UUID (RFC 9562 v5) of its JSON-LD node, so
    another cluster's request with the same words is another entry."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, request_node(config, request_id))}"


def card_url(config: Config, lang: str, request_id: str, page: int) -> str:
    """The request's card on the board of one language, absolute."""
    return urls.absolute(config.site_url, lang, urls.request_card(page, request_id))


def updated(r: Request) -> dt.date:
    """When the request last changed as far as the profiles say: its `since` (a reworded request
    is a new one, with a new id), else UNDATED."""
    return r.since or UNDATED
