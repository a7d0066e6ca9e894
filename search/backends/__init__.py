"""Backend choice: Elasticsearch when SEARCH_ELASTICSEARCH_URL is set, else the database index."""

from django.conf import settings

from .base import IndexUnavailable, SearchRequest, SearchResults, SearchUnavailable
from .database import DatabaseBackend


def elasticsearch_configured() -> bool:
    return bool(getattr(settings, "SEARCH_ELASTICSEARCH_URL", ""))


def elasticsearch_backend():
    from .elastic import ElasticsearchBackend

    return ElasticsearchBackend() if elasticsearch_configured() else None


def database_backend() -> DatabaseBackend:
    return DatabaseBackend()


__all__ = [
    "DatabaseBackend",
    "IndexUnavailable",
    "SearchRequest",
    "SearchResults",
    "SearchUnavailable",
    "database_backend",
    "elasticsearch_backend",
    "elasticsearch_configured",
]
