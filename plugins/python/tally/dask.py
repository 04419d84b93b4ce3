"""Tally over an archive on a Dask cluster: the archive is JSON lines, one article per line
({"id", "text", "date"?, …}, as for `tally check --jsonl`), read by Dask in blocks;
each worker process checks its partitions with the ctypes binding (one Engine per process,
made on first use, reused for every partition it gets).

    import dask.bag
    from dask.distributed import Client
    from tally.dask import check_archive

    with Client("scheduler:8786"):                 # or LocalCluster() on one machine
        results = check_archive("s3://archive/2024-*.jsonl").compute()

Each result is the line `tally check --jsonl` writes for that record, without "line" (made by
the same C++ function, through tally_check_record): "id", "error" (null, or {"message",
"offset"} for a line that is not a valid record), "findings", "notices", "rule_errors",
"articles", "publication_date". Every worker must be able to load libtally.so (TALLY_LIB, or
an installed library) and read the rule folders and config named here.
"""
from typing import Iterable, List, Optional, Sequence

import tally

_engines = {}


def _engine(rules: Sequence[str], config: Optional[str]) -> "tally.Engine":
    key = (tuple(rules), config)
    if key not in _engines:
        _engines[key] = tally.Engine(rules=list(rules), config=config)
    return _engines[key]


def check_record(line, rules: Sequence[str] = (), config: Optional[str] = None,
                 date: Optional[str] = None) -> Optional[dict]:
    """One JSONL line (or an already parsed record) -> one result; None for a blank line.
    The library checks it with the function behind `tally check --jsonl`, so results, bad
    lines' errors and their offsets included, are that command's."""
    return _engine(rules, config).check_record(line, date=date)


def check_records(lines: Iterable, rules: Sequence[str] = (), config: Optional[str] = None,
                  date: Optional[str] = None) -> List[dict]:
    """A partition (or any iterable) of JSONL lines -> their results, in order."""
    results = []
    for line in lines:
        r = check_record(line, rules, config, date)
        if r is not None:
            results.append(r)
    return results


def check_archive(paths, rules: Sequence[str] = (), config: Optional[str] = None,
                  date: Optional[str] = None, blocksize="16MiB"):
    """A dask.bag of results for the JSONL files `paths` (a path, a glob, or a list; any
    filesystem Dask reads), split into blocks of `blocksize` bytes."""
    import dask.bag as db

    lines = db.read_text(paths, blocksize=blocksize, encoding="utf-8")
    return lines.map_partitions(check_records, rules=list(rules), config=config, date=date)
