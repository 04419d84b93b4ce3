"""Tally over an archive on a Dask cluster: the archive is JSON lines, one article per line
({"id", "text", "date"?, "language"?}, as for `tally check --jsonl`), read by Dask in blocks;
each worker process checks its partitions with the ctypes binding (one Engine per process,
made on first use, reused for every partition it gets).

    import dask.bag
    from dask.distributed import Client
    from tally.dask import check_archive

    with Client("scheduler:8786"):                 # or LocalCluster() on one machine
        results = check_archive("s3://archive/2024-*.jsonl").compute()

Each result is a dict like a line of `tally check --jsonl`: "id", "error" (null, or
{"message", "offset"} for a line that is not a valid record), "findings", "rule_errors",
"articles", "publication_date". Every worker must be able to load libtally.so (TALLY_LIB, or
an installed library) and read the rule folders and config named here.
"""
import json
from typing import Iterable, List, Optional, Sequence

import tally

_engines = {}


def _engine(rules: Sequence[str], config: Optional[str]) -> "tally.Engine":
    key = (tuple(rules), config)
    if key not in _engines:
        _engines[key] = tally.Engine(rules=list(rules), config=config)
    return _engines[key]


def _bad(record_id, message: str) -> dict:
    return {"id": record_id, "error": {"message": message, "offset": 0}, "findings": []}


def check_record(line, rules: Sequence[str] = (), config: Optional[str] = None,
                 date: Optional[str] = None) -> Optional[dict]:
    """One JSONL line (or an already parsed record) -> one result; None for a blank line."""
    if isinstance(line, str):
        if not line.strip():
            return None
        try:
            record = json.loads(line)
        except ValueError as e:
            return _bad(None, "not JSON: %s" % e)
    else:
        record = line
    if not isinstance(record, dict):
        return _bad(None, 'expected an object {"id", "text"}')
    record_id = record.get("id")
    text = record.get("text")
    if not isinstance(text, str):
        return _bad(record_id, "'text' is required and must be a string")
    language = record.get("language")
    if language == "auto":
        language = None
    try:
        result = _engine(rules, config).check(text, filename=record.get("filename"),
                                              language=language, date=record.get("date") or date)
    except tally.TallyError as e:
        return _bad(record_id, str(e))
    out = dict(result.json)
    out.pop("path", None)
    out["id"] = record_id
    return out


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
