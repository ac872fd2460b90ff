"""Objects of one kind keyed by their id (drafts, formats, sequences, split tests...).

The wire gives ids as `int | string`: 5 and "5" name the same object. New objects get the next
free number; an object keeps the id it was created with (a number unless it was given as text),
and answers carry that id.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Generic, Protocol, TypeVar

from .errors import SendsayError

Id = int | str


class HasId(Protocol):
    id: Any


T = TypeVar("T", bound=HasId)


def key(object_id: Id) -> str:
    return str(object_id).strip()


class Registry(Generic[T]):
    """The objects of one kind; a missing one is the error `error/<kind>/not_found`."""

    def __init__(self, kind: str, first_id: int = 1) -> None:
        self.kind = kind
        self.items: dict[str, T] = {}
        self._next = first_id

    def new_id(self) -> int:
        while key(self._next) in self.items:
            self._next += 1
        self._next += 1
        return self._next - 1

    def add(self, item: T) -> T:
        self.items[key(item.id)] = item
        return item

    def find(self, object_id: Id) -> T | None:
        return self.items.get(key(object_id))

    def get(self, object_id: Id) -> T:
        found = self.find(object_id)
        if found is None:
            raise SendsayError(f"error/{self.kind}/not_found", object_id)
        return found

    def delete(self, object_id: Id) -> T:
        item = self.get(object_id)
        del self.items[key(object_id)]
        return item

    def __iter__(self) -> Iterator[T]:
        return iter(list(self.items.values()))

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, object_id: object) -> bool:
        return isinstance(object_id, int | str) and key(object_id) in self.items
