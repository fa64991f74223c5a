"""Demo: the catalogue is indexed once the demo pages exist (run after the content apps'
loaders, which bring their own examples, such as search promotions)."""

from collections.abc import Callable

from search.backends import get_database_backend, get_search_backend, uses_separate_engine
from search.services import search_index_ensure

Logger = Callable[[str], None]


def load_search_demo(*, log: Logger) -> None:
    """Index the catalogue on every engine in use, unless it is up to date."""
    engines = [get_database_backend()]
    if uses_separate_engine():
        engines.append(get_search_backend())
    rebuilt = search_index_ensure(backends=engines)
    names = ", ".join(rebuilt) if rebuilt else "already up to date"
    log(f"search: catalogue index {names}.")
