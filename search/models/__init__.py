from .dictionary import DictionaryTerm, SynonymSet
from .documents import FullTextEntry, SearchDocument
from .logs import QueryLog
from .promoted import PromotedResult

__all__ = ["DictionaryTerm", "FullTextEntry", "PromotedResult", "QueryLog", "SearchDocument", "SynonymSet"]
