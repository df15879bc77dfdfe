"""One copy of each equal part of the cached plans, whoever's plan it is in.

A cached plan is a tree of some 4,000 small frozen pydantic objects (about 250 kB, and as much
again for the program's snapshot of the plan at its start), most of them equal to parts of other
people's plans: the same exercise at the same dose with the same notes, the same screening
answer, the same week's header. `Interner.intern` walks a freshly computed tree bottom-up and
replaces each part by the first equal one still held by some cached plan, so what a process
keeps per person is mostly what is really theirs (dates, logs' effects). Values never change:
only which equal object a reference points to.

This is safe because cached plans are never changed after they are computed (the caches hand the
same objects to every request already); a part is kept only as long as some plan holds it (the
table holds its entries weakly).
"""

from __future__ import annotations

import sys
import threading
import weakref
from collections.abc import Hashable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

_SCALARS = (str, int, bool, date, Enum, type(None))
"""Values equal only when they show the same (a datetime, a float and a Decimal need more)."""


class Interner:
    """A table of parts by value; `intern` is thread-safe."""

    def __init__(self) -> None:
        self._models: weakref.WeakValueDictionary[Hashable, BaseModel] = (
            weakref.WeakValueDictionary()
        )
        self._field_sets: dict[frozenset[str], set[str]] = {}
        self._names: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._lock = threading.Lock()

    def intern(self, model: M) -> M:
        """`model`, or an equal one already kept; its parts replaced by equal kept ones."""
        with self._lock:
            found, _ = self._value(model)
        assert isinstance(found, type(model))
        return found

    def __len__(self) -> int:
        return len(self._models)

    def _value(self, value: Any) -> tuple[Any, Hashable]:
        """The kept equal value and a key that stands for its value (the key is the value
        itself where equal means shown the same: a str, an int, a date, None)."""
        kind = type(value)
        if kind is str:  # not an enum's value (StrEnum)
            return sys.intern(value), value
        if kind is int or kind is date or value is None:
            return value, value
        if kind is float:  # -0.0 == 0.0, but they do not show the same
            return value, (float, value.hex())
        if isinstance(value, datetime):  # equal instants in other zones show differently
            return value, (datetime, value.isoformat())
        if isinstance(value, Decimal):  # 1.0 == 1.00
            return value, (Decimal, str(value))
        if isinstance(value, _SCALARS):  # bool, an enum, another str or int: 1 == True == 1.0
            return value, (kind, value)
        if isinstance(value, BaseModel):
            return self._model(value)
        if isinstance(value, list):
            keys = []
            for index, item in enumerate(value):
                kept, key = self._value(item)
                if kept is not item:
                    value[index] = kept  # a list of a fresh plan: same values, shared parts
                keys.append(key)
            return value, (list, tuple(keys))
        if isinstance(value, tuple):
            pairs = [self._value(item) for item in value]
            kept_tuple = tuple(kept for kept, _ in pairs)
            if any(a is not b for a, b in zip(kept_tuple, value, strict=True)):
                value = type(value)(*kept_tuple) if hasattr(value, "_fields") else kept_tuple
            return value, (tuple, tuple(key for _, key in pairs))
        # Anything else (a dict, a set, an object of another kind): kept as it is, and the
        # model holding it is shared only with models holding this very object.
        return value, (id, id(value))

    def _model(self, model: BaseModel) -> tuple[BaseModel, Hashable]:
        fields = model.__dict__
        keys = []
        for name, item in fields.items():
            kept, key = self._value(item)
            if kept is not item:
                fields[name] = kept  # an equal value: the frozen model's value is unchanged
            keys.append(key)
        field_set = frozenset(model.__pydantic_fields_set__)
        extra = model.__pydantic_extra__
        private = model.__pydantic_private__
        if extra or private:  # not seen in plans; keep such a model to itself
            return model, (id, id(model))
        names = tuple(fields)
        names = self._names.setdefault(names, names)  # one copy of each order of names
        key = (type(model), names, tuple(keys), field_set)
        kept = self._models.get(key)
        if kept is not None:
            return kept, (id, id(kept))
        shared_set = self._field_sets.setdefault(field_set, set(field_set))
        object.__setattr__(model, "__pydantic_fields_set__", shared_set)
        self._models[key] = model
        return model, (id, id(model))
