"""Tally from Python: a ctypes binding to libtally.so (no compiled extension).

    import tally
    with tally.Engine() as engine:
        for f in engine.check("共有三地检察机关参加：北京、上海、广州、深圳。").findings:
            print(f.rule, f.line, f.column, f.message)

The library is found from $TALLY_LIB, then next to this package's checkout (build/), then by its
soname libtally.so.1 on the loader's path (LD_LIBRARY_PATH, ld.so.cache: the .deb runs ldconfig),
then in /usr/local/lib and /usr/lib (multiarch first), for an install not yet in ld.so.cache.
"""

import ctypes
import json
import os
import sysconfig
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

__all__ = ["Engine", "Finding", "Notice", "Result", "TallyError", "abi_version", "apply_fix",
           "load_library"]

ABI_VERSION = 1

STATUS = {0: "TALLY_OK", 1: "TALLY_E_ARGUMENT", 2: "TALLY_E_INPUT", 3: "TALLY_E_CONFIG",
          4: "TALLY_E_RULES", 5: "TALLY_E_INTERNAL"}


class TallyError(Exception):
    """A failed call: `status` is the tally_status name, the message says what and where."""

    def __init__(self, status: int, message: str):
        self.status = STATUS.get(status, str(status))
        super().__init__(f"{self.status}: {message}")


class _EngineOptions(ctypes.Structure):
    _fields_ = [("rule_folders", ctypes.POINTER(ctypes.c_char_p)),
                ("rule_folder_count", ctypes.c_size_t),
                ("config_path", ctypes.c_char_p),
                ("no_embedded", ctypes.c_int),
                ("allow_rule_errors", ctypes.c_int)]


class _CheckOptions(ctypes.Structure):
    _fields_ = [("filename", ctypes.c_char_p),
                ("language", ctypes.c_char_p),
                ("date", ctypes.c_char_p)]


class _FixOptions(ctypes.Structure):
    _fields_ = [("size", ctypes.c_size_t),
                ("rules", ctypes.POINTER(ctypes.c_char_p)),
                ("rule_count", ctypes.c_size_t),
                ("baseline", ctypes.c_char_p),
                ("known", ctypes.c_char_p),
                ("known_length", ctypes.c_size_t),
                ("tally_ignore", ctypes.c_int)]


class _Position(ctypes.Structure):
    _fields_ = [("offset", ctypes.c_size_t), ("line", ctypes.c_uint32),
                ("column", ctypes.c_uint32), ("utf16_column", ctypes.c_uint32)]


class _Finding(ctypes.Structure):
    _fields_ = [("rule", ctypes.c_char_p), ("severity", ctypes.c_char_p),
                ("message", ctypes.c_char_p), ("offset", ctypes.c_size_t),
                ("length", ctypes.c_size_t), ("start", _Position), ("end", _Position),
                ("fix", ctypes.c_char_p), ("fix_offset", ctypes.c_size_t),
                ("fix_length", ctypes.c_size_t)]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    offset: int  # bytes into the UTF-8 text
    length: int
    line: int  # 1-based
    column: int  # 1-based, code points
    utf16_column: int  # 0-based, UTF-16 units
    end_line: int
    end_column: int
    end_utf16_column: int
    fix: Optional[str]  # replacement for text[fix_offset:fix_offset+fix_length] (bytes)
    fix_offset: int
    fix_length: int
    # A PDF's finding (Engine.check_pdf): its page (1-based) and box (x0, y0, x1, y1) in PDF
    # points from the page's top left.
    page: Optional[int] = None
    bbox: Optional[Tuple[float, float, float, float]] = None


@dataclass(frozen=True)
class Notice:
    """Rules that could not run on the text (docs/notices.md): no publication date, say."""
    id: str  # "no-publication-date"
    requirement: str  # "publication_date"
    message: str  # in the text's language
    rules: List[str]  # the rules held back


@dataclass(frozen=True)
class Result:
    findings: List[Finding]
    rule_errors: List[str]
    json: dict  # one `files` entry of docs/json.md
    notices: List[Notice] = field(default_factory=list)
    text: Optional[str] = None  # Engine.check_pdf: the extracted text the offsets index


_lib = None


def _candidates():
    if os.environ.get("TALLY_LIB"):
        yield os.environ["TALLY_LIB"]
    here = os.path.dirname(os.path.abspath(__file__))
    yield os.path.join(here, "..", "..", "..", "build", "libtally.so.1")  # in a checkout
    # By soname, as the dynamic loader finds it: LD_LIBRARY_PATH, then ld.so.cache (the .deb runs
    # ldconfig; so does `ldconfig` after `cmake --install`).
    yield "libtally.so.1"
    # Installed but not yet in ld.so.cache: the standard library folders, multiarch first.
    multiarch = sysconfig.get_config_var("MULTIARCH")
    for prefix in ("/usr/local", "/usr"):
        for sub in ([os.path.join("lib", multiarch)] if multiarch else []) + ["lib", "lib64"]:
            yield os.path.join(prefix, sub, "libtally.so.1")


def load_library(path: Optional[str] = None):
    """Loads libtally (once) and declares its functions."""
    global _lib
    if _lib is not None and path is None:
        return _lib
    errors = []
    lib = None
    for p in ([path] if path else _candidates()):
        try:
            lib = ctypes.CDLL(p)
            break
        except OSError as e:
            errors.append(f"{p}: {e}")
    if lib is None:
        raise OSError("libtally not found (set TALLY_LIB): " + "; ".join(errors))
    c = ctypes
    err = c.POINTER(c.c_void_p)
    lib.tally_abi_version.restype = c.c_uint32
    lib.tally_abi_version.argtypes = []
    lib.tally_engine_new.restype = c.c_int
    lib.tally_engine_new.argtypes = [c.POINTER(_EngineOptions), c.POINTER(c.c_void_p), err]
    lib.tally_engine_free.restype = None
    lib.tally_engine_free.argtypes = [c.c_void_p]
    lib.tally_engine_reload.restype = c.c_int
    lib.tally_engine_reload.argtypes = [c.c_void_p, err]
    lib.tally_check.restype = c.c_int
    lib.tally_check.argtypes = [c.c_void_p, c.c_char_p, c.c_size_t, c.POINTER(_CheckOptions),
                                c.POINTER(c.c_void_p), err]
    lib.tally_result_count.restype = c.c_size_t
    lib.tally_result_count.argtypes = [c.c_void_p]
    lib.tally_result_finding.restype = c.POINTER(_Finding)
    lib.tally_result_finding.argtypes = [c.c_void_p, c.c_size_t]
    lib.tally_result_json.restype = c.c_char_p
    lib.tally_result_json.argtypes = [c.c_void_p]
    lib.tally_result_rule_error_count.restype = c.c_size_t
    lib.tally_result_rule_error_count.argtypes = [c.c_void_p]
    lib.tally_result_rule_error.restype = c.c_char_p
    lib.tally_result_rule_error.argtypes = [c.c_void_p, c.c_size_t]
    lib.tally_result_free.restype = None
    lib.tally_result_free.argtypes = [c.c_void_p]
    lib.tally_string_free.restype = None
    lib.tally_string_free.argtypes = [c.c_void_p]
    if hasattr(lib, "tally_check_record"):  # not in the first builds of ABI 1
        lib.tally_check_record.restype = c.c_int
        lib.tally_check_record.argtypes = [c.c_void_p, c.c_char_p, c.c_size_t,
                                           c.POINTER(_CheckOptions), c.POINTER(c.c_void_p), err]
    if hasattr(lib, "tally_fix"):  # added within ABI 1
        lib.tally_fix.restype = c.c_int
        lib.tally_fix.argtypes = [c.c_void_p, c.c_char_p, c.c_size_t, c.POINTER(_CheckOptions),
                                  c.POINTER(c.c_char_p), c.c_size_t, c.POINTER(c.c_void_p),
                                  c.POINTER(c.c_size_t), c.POINTER(c.c_size_t), err]
    if hasattr(lib, "tally_fix_with"):  # added within ABI 1, after tally_fix
        lib.tally_fix_with.restype = c.c_int
        lib.tally_fix_with.argtypes = [c.c_void_p, c.c_char_p, c.c_size_t,
                                       c.POINTER(_CheckOptions), c.POINTER(_FixOptions),
                                       c.POINTER(c.c_void_p), c.POINTER(c.c_size_t),
                                       c.POINTER(c.c_size_t), err]
    if hasattr(lib, "tally_check_pdf"):  # added within ABI 1
        lib.tally_check_pdf.restype = c.c_int
        lib.tally_check_pdf.argtypes = [c.c_void_p, c.c_char_p, c.c_size_t,
                                        c.POINTER(_CheckOptions), c.POINTER(c.c_void_p), err]
        lib.tally_result_text.restype = c.c_void_p
        lib.tally_result_text.argtypes = [c.c_void_p, c.POINTER(c.c_size_t)]
        lib.tally_result_finding_box.restype = c.c_int
        lib.tally_result_finding_box.argtypes = [c.c_void_p, c.c_size_t, c.POINTER(c.c_int),
                                                 c.POINTER(c.c_double)]
    if lib.tally_abi_version() != ABI_VERSION:
        raise OSError(f"libtally ABI {lib.tally_abi_version()}, this binding needs {ABI_VERSION}")
    if path is None:
        _lib = lib
    return lib


def abi_version() -> int:
    return load_library().tally_abi_version()


def _raise(lib, status, error):
    message = ctypes.cast(error, ctypes.c_char_p).value.decode() if error.value else ""
    if error.value:
        lib.tally_string_free(error)
    raise TallyError(status, message)


def _s(x):
    return x.decode("utf-8") if x is not None else None


class Engine:
    """Rule folders and a config, loaded once; check() may be called from many threads."""

    def __init__(self, rules: Sequence[str] = (), config: Optional[str] = None,
                 embedded: bool = True, allow_rule_errors: bool = False,
                 library: Optional[str] = None):
        self._lib = load_library(library)
        folders = (ctypes.c_char_p * max(1, len(rules)))(*[os.fsencode(r) for r in rules])
        opts = _EngineOptions(folders, len(rules), os.fsencode(config) if config else None,
                              0 if embedded else 1, 1 if allow_rule_errors else 0)
        handle = ctypes.c_void_p()
        error = ctypes.c_void_p()
        status = self._lib.tally_engine_new(ctypes.byref(opts), ctypes.byref(handle),
                                            ctypes.byref(error))
        if status != 0:
            _raise(self._lib, status, error)
        self._handle = handle

    def check(self, text, filename: Optional[str] = None, language: Optional[str] = None,
              date: Optional[str] = None) -> Result:
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        opts = _CheckOptions(filename.encode() if filename else None,
                             language.encode() if language else None,
                             date.encode() if date else None)
        result = ctypes.c_void_p()
        error = ctypes.c_void_p()
        status = self._lib.tally_check(self._require(), data, len(data), ctypes.byref(opts),
                                       ctypes.byref(result), ctypes.byref(error))
        if status != 0:
            _raise(self._lib, status, error)
        return self._result(result, pdf=False)

    def check_pdf(self, data: bytes, filename: Optional[str] = None,
                  language: Optional[str] = None, date: Optional[str] = None) -> Result:
        """A PDF page's bytes, read by layout as `tally check page.pdf` reads the file: each
        finding with its page and box; the offsets index result.text, the extracted text.
        `filename` is only a name (it finds .tally.yml): nothing is opened by it."""
        if not hasattr(self._lib, "tally_check_pdf"):
            raise TallyError(5, "this libtally has no tally_check_pdf (built before it)")
        data = bytes(data)
        opts = _CheckOptions(filename.encode() if filename else None,
                             language.encode() if language else None,
                             date.encode() if date else None)
        result = ctypes.c_void_p()
        error = ctypes.c_void_p()
        status = self._lib.tally_check_pdf(self._require(), data, len(data), ctypes.byref(opts),
                                           ctypes.byref(result), ctypes.byref(error))
        if status != 0:
            _raise(self._lib, status, error)
        return self._result(result, pdf=True)

    def _result(self, result, pdf: bool) -> Result:
        try:
            findings = []
            for i in range(self._lib.tally_result_count(result)):
                f = self._lib.tally_result_finding(result, i).contents
                page, bbox = None, None
                if pdf:
                    p, b = ctypes.c_int(), (ctypes.c_double * 4)()
                    if self._lib.tally_result_finding_box(result, i, ctypes.byref(p), b):
                        page, bbox = p.value, tuple(b)
                findings.append(Finding(
                    _s(f.rule), _s(f.severity), _s(f.message), f.offset, f.length,
                    f.start.line, f.start.column, f.start.utf16_column,
                    f.end.line, f.end.column, f.end.utf16_column,
                    _s(f.fix), f.fix_offset, f.fix_length, page, bbox))
            errors = [_s(self._lib.tally_result_rule_error(result, i))
                      for i in range(self._lib.tally_result_rule_error_count(result))]
            doc = json.loads(self._lib.tally_result_json(result).decode("utf-8"))
            notices = [Notice(n["id"], n["requirement"], n["message"], list(n["rules"]))
                       for n in doc.get("notices", [])]
            text = None
            if pdf:
                n = ctypes.c_size_t()
                at = self._lib.tally_result_text(result, ctypes.byref(n))
                text = ctypes.string_at(at, n.value).decode("utf-8")
            return Result(findings, errors, doc, notices, text)
        finally:
            self._lib.tally_result_free(result)

    def check_record(self, line, language: Optional[str] = None,
                     date: Optional[str] = None) -> Optional[dict]:
        """One record of a JSON-lines archive (a line of text, or a dict), checked exactly as
        `tally check --jsonl` checks a line: its result line (without "line") as a dict, or
        None for a blank line. A line that is not a valid record gives a result with "error"
        set, as the command writes it. `language` and `date` are defaults the record may
        override (the command's --date)."""
        if isinstance(line, dict):
            line = json.dumps(line, ensure_ascii=False)
        data = line.encode("utf-8") if isinstance(line, str) else bytes(line)
        if not hasattr(self._lib, "tally_check_record"):
            raise TallyError(5, "this libtally has no tally_check_record; rebuild Tally")
        opts = _CheckOptions(None, language.encode() if language else None,
                             date.encode() if date else None)
        out = ctypes.c_void_p()
        error = ctypes.c_void_p()
        status = self._lib.tally_check_record(self._require(), data, len(data),
                                              ctypes.byref(opts), ctypes.byref(out),
                                              ctypes.byref(error))
        if status != 0:
            _raise(self._lib, status, error)
        if not out.value:
            return None
        try:
            return json.loads(ctypes.cast(out, ctypes.c_char_p).value.decode("utf-8"))
        finally:
            self._lib.tally_string_free(out)

    def fix(self, text, rules=None, filename: Optional[str] = None,
            language: Optional[str] = None, date: Optional[str] = None,
            baseline: Optional[str] = None, known=None, tally_ignore: bool = False):
        """The text with the suggested fixes applied, as `tally check --fix` writes a file
        (docs/fix.md), and how many fixes were applied: (fixed_text, count). `rules` (ids or
        "prefix.*") keeps only those rules' fixes, as --fix-rule does.

        Findings a known list lets stand are left alone, as `tally check --fix` leaves them
        (the first given of): `baseline`, the path of a baseline or .tally-ignore file;
        `known`, such a list itself (a dict as --write-baseline writes it, or its JSON text),
        its paths relative to the current folder as `filename` is; `tally_ignore=True`, the
        .tally-ignore that applies to `filename`. None: every fix is applied."""
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        opts = _CheckOptions(filename.encode() if filename else None,
                             language.encode() if language else None,
                             date.encode() if date else None)
        names = [r.encode("utf-8") for r in (rules or [])]
        arr = (ctypes.c_char_p * max(1, len(names)))(*names)
        listed = baseline is not None or known is not None or tally_ignore
        if listed and not hasattr(self._lib, "tally_fix_with"):
            raise TallyError(5, "this libtally has no tally_fix_with (known lists); rebuild Tally")
        if not hasattr(self._lib, "tally_fix"):
            raise TallyError(5, "this libtally has no tally_fix; rebuild Tally")
        out, length, applied = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_size_t()
        error = ctypes.c_void_p()
        if listed:
            if isinstance(known, dict):
                known = json.dumps(known)
            known_bytes = known.encode("utf-8") if isinstance(known, str) else known
            fo = _FixOptions(ctypes.sizeof(_FixOptions), arr if names else None, len(names),
                             os.fsencode(baseline) if baseline is not None else None,
                             known_bytes, len(known_bytes) if known_bytes is not None else 0,
                             1 if tally_ignore else 0)
            status = self._lib.tally_fix_with(self._require(), data, len(data),
                                              ctypes.byref(opts), ctypes.byref(fo),
                                              ctypes.byref(out), ctypes.byref(length),
                                              ctypes.byref(applied), ctypes.byref(error))
        else:
            status = self._lib.tally_fix(self._require(), data, len(data), ctypes.byref(opts),
                                         arr if names else None, len(names), ctypes.byref(out),
                                         ctypes.byref(length), ctypes.byref(applied),
                                         ctypes.byref(error))
        if status != 0:
            _raise(self._lib, status, error)
        try:
            fixed = ctypes.string_at(out, length.value).decode("utf-8")
        finally:
            self._lib.tally_string_free(out)
        return (fixed if isinstance(text, str) else fixed.encode("utf-8")), applied.value

    def reload(self) -> None:
        error = ctypes.c_void_p()
        status = self._lib.tally_engine_reload(self._require(), ctypes.byref(error))
        if status != 0:
            _raise(self._lib, status, error)

    def close(self) -> None:
        if getattr(self, "_handle", None):
            self._lib.tally_engine_free(self._handle)
            self._handle = None

    def _require(self):
        if not self._handle:
            raise ValueError("engine is closed")
        return self._handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()


def apply_fix(text: str, finding: Finding) -> str:
    """The text with `finding`'s fix applied (offsets are UTF-8 bytes)."""
    if finding.fix is None:
        return text
    b = text.encode("utf-8")
    return (b[:finding.fix_offset] + finding.fix.encode("utf-8")
            + b[finding.fix_offset + finding.fix_length:]).decode("utf-8")
