"""The build store: an embedded SQLite database in the output directory.

`extractions` caches what reading and extracting one input gave (its Opinions and
their Citation records, as compressed JSON), keyed by the input's content hash and
the extractor version, so a rebuild reads only what changed and a killed build
resumes where it stopped: every input is committed on its own. `edges` and `nodes`
hold the last build's graph as flat rows, which `export_parquet` writes to Parquet
for engines that analyse graphs too large for NetworkX.

The store is a cache: deleting it (or `--no-cache`) costs time, never results.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import CitegraphError
from ..models import Citation, Opinion

__all__ = [
    "Store", "STORE_NAME", "extractor_version", "extraction_sources", "content_key",
    "export_parquet",
]  # fmt: skip

STORE_NAME = "citegraph.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS extractions (
    key TEXT NOT NULL,
    version TEXT NOT NULL,
    source TEXT NOT NULL,
    payload BLOB NOT NULL,
    PRIMARY KEY (key, version)
);
CREATE TABLE IF NOT EXISTS edges (
    citing TEXT NOT NULL,
    cited TEXT NOT NULL,
    weight INTEGER NOT NULL,
    source TEXT
);
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY,
    kind TEXT,
    label TEXT,
    court TEXT,
    year INTEGER,
    in_corpus INTEGER,
    cited_by INTEGER,
    pagerank REAL
);
"""

Extraction = list[tuple[Opinion, list[Citation]]]


@functools.lru_cache(maxsize=1)
def extraction_sources() -> list[tuple[str, Path]]:
    """The source files whose text decides what extraction gives, by package path."""
    root = Path(__file__).resolve().parent.parent
    sources = sorted((root / "loaders").rglob("*.py"))  # readers/, extraction/ included
    return [
        (str(p.relative_to(root)), p)
        for p in sources + [root / "models.py", root / "vocabulary.py"]
    ]


def extractor_version() -> str:
    """A fingerprint of everything that decides what extraction gives.

    The source of citegraph's loaders (all their subpackages), models and vocabulary,
    and the versions of eyecite,
    reporters-db and courts-db: editing any of them invalidates the cache. Taken
    once per process, as the code a process runs is the code it loaded.
    """
    h = hashlib.sha256()
    for name, path in extraction_sources():
        h.update(name.encode())
        h.update(path.read_bytes())
    for dist in ("eyecite", "reporters-db", "courts-db"):
        try:
            h.update(f"{dist}=={importlib.metadata.version(dist)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(dist.encode())
    return h.hexdigest()[:24]


def content_key(source: str, data: bytes) -> str:
    """The cache key of one input: its name and bytes (the name is part of what is read)."""
    h = hashlib.sha256(source.encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(data)
    return h.hexdigest()


def encode_extraction(extraction: Extraction) -> bytes:
    """Compressed JSON of an input's Opinions and Citations."""
    from dataclasses import asdict

    rows = [
        {"opinion": asdict(op), "citations": [c.to_dict() for c in cites]}
        for op, cites in extraction
    ]
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


def decode_extraction(payload: bytes) -> Extraction:
    """The Opinions and Citations of `encode_extraction`."""
    rows = json.loads(zlib.decompress(payload).decode("utf-8", "surrogatepass"))
    return [(_opinion(r["opinion"]), [_citation(c) for c in r["citations"]]) for r in rows]


def _known(cls: Any, d: dict[str, Any]) -> dict[str, Any]:
    fields = cls.__dataclass_fields__
    return {k: v for k, v in d.items() if k in fields}


def _opinion(d: dict[str, Any]) -> Opinion:
    op = Opinion(**_known(Opinion, d))
    # JSON has no tuples; the page and footnote maps are lists of tuples.
    op.pages = [tuple(p) for p in op.pages]  # type: ignore[misc]
    op.footnotes = [tuple(f) for f in op.footnotes]  # type: ignore[misc]
    return op


def _citation(d: dict[str, Any]) -> Citation:
    return Citation(**_known(Citation, d))


class Store:
    """The SQLite store of one output directory.

    Args:
        path: the database file, or the output directory that holds it.
        version: the extractor version of the cached extractions (default: this
            installation's `extractor_version()`).
    """

    def __init__(self, path: str | Path, version: str | None = None) -> None:
        path = Path(path)
        if path.is_dir() or not path.suffix:
            path.mkdir(parents=True, exist_ok=True)
            path = path / STORE_NAME
        self.path = path
        self.version = version or extractor_version()
        try:
            self.db = sqlite3.connect(str(path), timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as e:
            raise CitegraphError(
                f"cannot open the build store ({e}); delete it or build with --no-cache",
                str(path),
            ) from e

    def get(self, key: str) -> Extraction | None:
        """The cached extraction of the input with content key `key`, if any."""
        row = self.db.execute(
            "SELECT payload FROM extractions WHERE key = ? AND version = ?", (key, self.version)
        ).fetchone()
        if row is None:
            return None
        try:
            return decode_extraction(row[0])
        except (ValueError, TypeError, KeyError, zlib.error):
            return None  # a damaged row is extracted again

    def put(self, key: str, source: str, payload: bytes) -> None:
        """Cache one input's extraction (an `encode_extraction` payload) and commit."""
        self.db.execute(
            "INSERT OR REPLACE INTO extractions (key, version, source, payload) VALUES (?,?,?,?)",
            (key, self.version, source, payload),
        )
        self.db.commit()

    def count(self) -> int:
        """How many extractions of this version the store holds."""
        row = self.db.execute(
            "SELECT COUNT(*) FROM extractions WHERE version = ?", (self.version,)
        ).fetchone()
        return int(row[0])

    def prune(self) -> int:
        """Drop extractions of other extractor versions; returns how many."""
        cur = self.db.execute("DELETE FROM extractions WHERE version != ?", (self.version,))
        self.db.commit()
        return cur.rowcount

    def write_graph(self, graph: Any) -> None:
        """Replace the `nodes` and `edges` tables with `graph`'s (one transaction)."""
        with self.db:
            self.db.execute("DELETE FROM edges")
            self.db.execute("DELETE FROM nodes")
            self.db.executemany(
                "INSERT INTO edges VALUES (?,?,?,?)",
                (
                    (str(u), str(v), int(d.get("weight", 1)), d.get("source"))
                    for u, v, d in graph.edges(data=True)
                ),
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO nodes VALUES (?,?,?,?,?,?,?,?)",
                (
                    (
                        str(n),
                        d.get("kind"),
                        d.get("label"),
                        d.get("court"),
                        _int(d.get("year")),
                        int(bool(d.get("in_corpus"))),
                        _int(d.get("cited_by")),
                        _float(d.get("pagerank")),
                    )
                    for n, d in graph.nodes(data=True)
                ),
            )

    def rows(self, table: str, batch: int = 65536) -> Iterator[list[tuple[Any, ...]]]:
        """The rows of `edges` or `nodes`, in batches."""
        if table not in ("edges", "nodes"):
            raise ValueError(table)
        cur = self.db.execute(f"SELECT * FROM {table}")  # noqa: S608 (fixed names)
        while chunk := cur.fetchmany(batch):
            yield chunk

    def close(self) -> None:
        """Close the database."""
        self.db.close()


def _int(v: Any) -> int | None:
    try:
        return int(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def _float(v: Any) -> float | None:
    try:
        return float(v) if v is not None else None
    except (TypeError, ValueError):
        return None


_COLUMNS = {
    "edges": [("citing", "string"), ("cited", "string"), ("weight", "int64"), ("source", "string")],
    "nodes": [
        ("id", "string"),
        ("kind", "string"),
        ("label", "string"),
        ("court", "string"),
        ("year", "int64"),
        ("in_corpus", "bool_"),
        ("cited_by", "int64"),
        ("pagerank", "float64"),
    ],
}


def export_parquet(build_dir: str | Path, to: str | Path | None = None) -> list[Path]:
    """Write the last build's edge and node tables to Parquet, in batches.

    Args:
        build_dir: the --out directory of a build (it holds citegraph.sqlite).
        to: the directory for edges.parquet and nodes.parquet (default: build_dir).

    Returns:
        The files written.

    Raises:
        CitegraphError: no store in `build_dir`, or pyarrow is not installed.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise CitegraphError(
            "Parquet export needs pyarrow: pip install 'citegraph[parquet]'"
        ) from e
    build_dir = Path(build_dir)
    if not (build_dir / STORE_NAME).exists():
        raise CitegraphError(
            "no build store here; run `citegraph build --out` first", str(build_dir)
        )
    to = Path(to) if to else build_dir
    to.mkdir(parents=True, exist_ok=True)
    store = Store(build_dir / STORE_NAME, version="-")
    written = []
    try:
        for table, columns in _COLUMNS.items():
            schema = pa.schema([(name, getattr(pa, typ)()) for name, typ in columns])
            target = to / f"{table}.parquet"
            tmp = target.with_name(target.name + ".tmp")
            with pq.ParquetWriter(str(tmp), schema) as writer:
                for chunk in _batches(store.rows(table), len(columns)):
                    arrays = [
                        pa.array(
                            [None if v is None else bool(v) for v in col]
                            if typ == "bool_"
                            else col,
                            type=schema.field(i).type,
                        )
                        for i, (col, (_, typ)) in enumerate(zip(chunk, columns, strict=True))
                    ]
                    writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            tmp.replace(target)
            written.append(target)
    finally:
        store.close()
    return written


def _batches(chunks: Iterable[list[tuple[Any, ...]]], width: int) -> Iterator[list[list[Any]]]:
    for chunk in chunks:
        yield [[row[i] for row in chunk] for i in range(width)]
