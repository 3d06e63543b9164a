"""The shared files, linked, as ``casefile check`` keeps them for its next run: pickled
with each source on its own, so that a check after a one-case edit unpickles only the
sources that case cites (a dozen), not all 12,000 of 1000 cases (two thirds of the bytes
and of the time of loading what is kept).

A source's pickle names the bodies, people and other sources it points to by their ids:
loaded, it points to the very objects of the loaded linker, as in one whole pickle."""

from __future__ import annotations

import io
import pickle
from collections.abc import Iterator, Mapping
from typing import Any

from casefile.model.link import Linker

_PROTOCOL = pickle.HIGHEST_PROTOCOL
_TABLES = ("bodies", "people", "sources")
_LOADING: list[Linker] = []  # the linker whose sources are being unpickled


class DamagedError(Exception):
    """A kept source cannot be unpickled: only the full check can say."""


class TangledError(Exception):
    """A source is reachable from the rest of the linker: it cannot be kept apart."""


def _ref(table: str, ident: str) -> object:
    """A body, person or source of the linker being loaded (named in a source's pickle)."""
    return getattr(_LOADING[-1], table)[ident]


class _Pickler(pickle.Pickler):
    """Pickles one object, naming by id whatever of ``refs`` it points to; ``apart``: the
    objects that must never be pickled whole here (``TangledError``)."""

    def __init__(self, file: Any, refs: dict[int, tuple[str, str]], apart: set[int]) -> None:
        super().__init__(file, protocol=_PROTOCOL)
        self.refs, self.apart = refs, apart
        self.root: object = None

    def reducer_override(self, obj: object) -> Any:
        if obj is not self.root:
            ref = self.refs.get(id(obj))
            if ref is not None:
                return _ref, ref
            if id(obj) in self.apart:
                raise TangledError
        return NotImplemented


class Sources(Mapping[str, Any]):
    """Source id → source, each unpickled when first asked for (in the order kept)."""

    def __init__(self, raw: dict[str, bytes], linker: Linker) -> None:
        self.raw, self.linker = raw, linker
        self.loaded: dict[str, Any] = {}

    def __getitem__(self, ident: str) -> Any:
        found = self.loaded.get(ident)
        if found is None:
            raw = self.raw[ident]  # KeyError: no such source
            _LOADING.append(self.linker)
            try:
                found = self.loaded[ident] = pickle.loads(raw)
            except Exception as exc:  # a damaged cache file can make it raise almost anything
                raise DamagedError(ident) from exc
            finally:
                _LOADING.pop()
        return found

    def __setitem__(self, ident: str, source: Any) -> None:
        self.raw.setdefault(ident, b"")
        self.loaded[ident] = source

    def __contains__(self, ident: object) -> bool:
        return ident in self.raw

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)


def dumps(linker: Linker) -> bytes:
    """``linker`` pickled with its sources kept apart (each on its own), or whole when a
    source is reachable from the rest of it."""
    refs = {id(obj): (table, ident) for table in _TABLES
            for ident, obj in getattr(linker, table).items()}
    sources = linker.sources
    out = io.BytesIO()
    pickler = _Pickler(out, refs, set())
    raw: dict[str, bytes] = {}
    for ident, source in sources.items():  # one pickler, its memo cleared for each
        pickler.root = source
        pickler.dump(source)
        raw[ident] = out.getvalue()
        out.seek(0)
        out.truncate()
        pickler.clear_memo()
    pickler = _Pickler(out, {}, {id(s) for s in sources.values()})
    linker.sources = {}
    try:
        pickler.dump(linker)
        kept: tuple[object, object] = (out.getvalue(), raw)
    except TangledError:
        kept = (None, None)
    finally:
        linker.sources = sources
    return pickle.dumps(kept if kept[1] is not None else (linker, None), protocol=_PROTOCOL)


def loads(data: bytes) -> Linker:
    """The linker ``dumps`` kept, its sources unpickled as they are asked for."""
    rest, raw = pickle.loads(data)
    if raw is None:
        return rest  # type: ignore[no-any-return]
    linker: Linker = pickle.loads(rest)
    linker.sources = Sources(raw, linker)  # type: ignore[assignment]
    return linker
