"""How much metadata the loaders find on a folder of opinions (default: the CA1 corpus).

    python eval/loader_metadata.py [FOLDER] [--limit N] [--show N]

Reads every file with citegraph.loaders.read (no citation extraction) and prints the
share of opinions with a case name, a court, a date, all three, a docket, a judge and
an own citation, then the opinions that lack one of name / court / date.
Reads ../shared/corpus at run time: an evaluation, not a test.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from citegraph.errors import CitegraphError
from citegraph.loaders import input_files, read

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "courtlistener_ca1"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show", type=int, default=15)
    ap.add_argument("--dump", help="write one TSV row per opinion here")
    args = ap.parse_args()
    files = list(input_files([args.folder]))
    if args.limit:
        files = files[: args.limit]
    t0 = time.perf_counter()
    ops, errors = [], []
    for f in files:
        try:
            ops.extend(read(f))
        except CitegraphError as err:
            errors.append(str(err))
    secs = time.perf_counter() - t0
    n = len(ops)
    has: Counter[str] = Counter()
    missing = []
    for o in ops:
        for k in ("name", "court", "date", "docket", "judge"):
            has[k] += bool(getattr(o, k))
        has["citations"] += bool(o.citations)
        ok = bool(o.name and o.court and o.date)
        has["name+court+date"] += ok
        if not ok:
            missing.append(o)
    print(f"{len(files)} files, {n} opinions, {len(errors)} errors, {secs:.1f} s")
    for k in ("name", "court", "date", "name+court+date", "docket", "judge", "citations"):
        print(f"  {k:16} {has[k]:5d} / {n} = {100 * has[k] / max(n, 1):.1f}%")
    print(f"  unique ids       {len({o.id for o in ops})} / {n}")
    for msg in errors[: args.show]:
        print("ERROR", msg)
    for o in missing[: args.show]:
        print("MISSING", Path(o.source).name, repr(o.name), o.court, o.date)
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as fh:
            for o in ops:
                fh.write(
                    "\t".join(
                        str(x)
                        for x in (
                            Path(o.source).name,
                            o.id,
                            o.name,
                            o.court,
                            o.date,
                            o.docket,
                            o.judge,
                            o.type,
                            "; ".join(o.citations),
                        )
                    )
                    + "\n"
                )


if __name__ == "__main__":
    main()
