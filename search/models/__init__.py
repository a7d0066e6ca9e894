from .dictionary import DictionaryTerm, SynonymSet
from .documents import FullTextEntry, SearchDocument
from .logs import QueryLog

__all__ = ["DictionaryTerm", "FullTextEntry", "QueryLog", "SearchDocument", "SynonymSet"]
