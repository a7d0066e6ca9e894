from .dictionary import DictionaryTerm, SynonymSet
from .documents import FullTextEntry, SearchDocument
from .hot_rules import HotTermRule
from .logs import QueryLog, QueryLogClient
from .promoted import PromotedResult

__all__ = [
    "DictionaryTerm",
    "FullTextEntry",
    "HotTermRule",
    "PromotedResult",
    "QueryLog",
    "QueryLogClient",
    "SearchDocument",
    "SynonymSet",
]
