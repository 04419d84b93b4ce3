/* Tally: a fact-checking rules engine for news copy. The C ABI.
 *
 * Load libtally.so (pkg-config: tally), create an engine from rule folders and a config, check
 * texts, read the findings as a list or as JSON (the schema of one `files` entry of
 * `tally check --format json`, docs/json.md), free what you were given.
 *
 * Conventions
 * - Every function that can fail returns a tally_status; on failure, when `error` is not NULL,
 *   *error receives a message (UTF-8, free it with tally_string_free). On success *error is NULL.
 * - Strings in: UTF-8, NUL-terminated unless a length is given. Texts are bytes with a length;
 *   offsets in findings index those bytes.
 * - Objects returned are owned by the caller and freed with the matching *_free function;
 *   pointers into a result (findings, strings) live as long as the result.
 * - No C++ exception crosses this interface; an unexpected failure is TALLY_E_INTERNAL.
 *
 * Thread safety
 * - One tally_engine may be used from many threads at once: tally_check and tally_engine_reload
 *   may be called concurrently on the same engine (each check borrows its own Lua state).
 *   tally_engine_free must not race with any other call on that engine.
 * - A tally_result is immutable; it may be read from many threads, and freed by one.
 */
#ifndef TALLY_TALLY_H
#define TALLY_TALLY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped when a function's signature or a struct's layout changes. */
#define TALLY_ABI_VERSION 1

typedef enum tally_status {
  TALLY_OK = 0,
  TALLY_E_ARGUMENT = 1, /* a NULL or malformed argument (bad date, unknown language) */
  TALLY_E_INPUT = 2,    /* the text is not UTF-8, is binary, or is too large */
  TALLY_E_CONFIG = 3,   /* the .tally.yml (or a .tally-ignore to honour) could not be read */
  TALLY_E_RULES = 4,    /* a rule file did not load (YAML or Lua error) */
  TALLY_E_INTERNAL = 5  /* out of memory or a bug; the message says which */
} tally_status;

typedef struct tally_engine tally_engine;
typedef struct tally_result tally_result;

typedef struct tally_engine_options {
  const char* const* rule_folders; /* added after the shipped packs; may be NULL */
  size_t rule_folder_count;
  const char* config_path; /* a .tally.yml for every check; NULL searches upward from filename */
  int no_embedded;         /* non-zero: leave the shipped packs out */
  int allow_rule_errors;   /* non-zero: create the engine even if some rule files fail */
} tally_engine_options;

typedef struct tally_check_options {
  const char* filename; /* decides text vs Markdown and where .tally.yml is found; may be NULL */
  const char* language; /* "zh", "en", or NULL to detect per article */
  const char* date;     /* publication date "YYYY-MM-DD", or NULL */
} tally_check_options;

typedef struct tally_position {
  size_t offset;         /* byte offset into the checked text */
  uint32_t line;         /* 1-based */
  uint32_t column;       /* 1-based, in code points */
  uint32_t utf16_column; /* 0-based, in UTF-16 code units (LSP "character") */
} tally_position;

typedef struct tally_finding {
  const char* rule;     /* "percent.recompute" */
  const char* severity; /* "error", "warning" or "info" */
  const char* message;  /* in the article's language */
  size_t offset;        /* = start.offset */
  size_t length;        /* bytes */
  tally_position start, end;
  const char* fix;   /* replacement text, or NULL when there is no suggested fix */
  size_t fix_offset; /* bytes to replace with `fix` */
  size_t fix_length; /* a fix of several edits (fix.edits in the JSON) is given here as one
                        replacement of their extent, the text between them included */
} tally_finding;

/* TALLY_ABI_VERSION of the loaded library; compare before using anything else. */
uint32_t tally_abi_version(void);
/* "0.1.0" */
const char* tally_version(void);
/* "TALLY_E_INPUT" etc.; never NULL. */
const char* tally_status_name(tally_status status);

/* options may be NULL (shipped packs, config searched per file). */
tally_status tally_engine_new(const tally_engine_options* options, tally_engine** engine,
                              char** error);
void tally_engine_free(tally_engine* engine);
/* Reads rule folders and configs from disk again; checks already running finish with the old. */
tally_status tally_engine_reload(tally_engine* engine, char** error);

/* Checks `length` bytes of `text`. options may be NULL. Findings from rules that fail on this
 * text are dropped and the failure is listed in the result (tally_result_rule_error). */
tally_status tally_check(tally_engine* engine, const char* text, size_t length,
                         const tally_check_options* options, tally_result** result, char** error);

/* One record of a JSON-lines archive (`{"id", "text", ...}`, the fields of docs/json.md "Check
 * requests"), checked exactly as `tally check --jsonl` checks a line: *result_json receives that
 * command's result line for it without "line" (UTF-8 JSON, free it with tally_string_free), or
 * NULL for a blank line. A line that is not a valid record is not a failure of this call: its
 * result has "error" set, with the message and offset the command writes. options (may be
 * NULL) give defaults: the date and language a record may override; filename is not used.
 * Added within ABI version 1: a host that must also run with older builds of the library looks
 * it up with dlsym and does without it when it is missing (tally.dask needs it). */
tally_status tally_check_record(tally_engine* engine, const char* line, size_t length,
                                const tally_check_options* options, char** result_json,
                                char** error);

/* The text with the suggested fixes applied, as `tally check --fix` writes a file: fixes chosen
 * in a fixed order, overlapping ones left to the next pass, passes repeated until nothing more
 * is offered (the engine's fix_text, docs/fix.md). rules (rule_count of them; may be NULL) limits
 * the fixes to those rules' ("prefix.*" names a pack), as --fix-rule does. *fixed receives the
 * new text (UTF-8, NUL-terminated, free it with tally_string_free), *fixed_length its length
 * and *applied (may be NULL) the number of fixes applied. It leaves no finding alone that a
 * `.tally-ignore` or baseline lets stand: tally_fix_with does. Added within ABI version 1: look it
 * up with dlsym to run with older builds. */
tally_status tally_fix(tally_engine* engine, const char* text, size_t length,
                       const tally_check_options* options, const char* const* rules,
                       size_t rule_count, char** fixed, size_t* fixed_length, size_t* applied,
                       char** error);

/* What tally_fix_with leaves alone, besides the rules to fix. Set `size` to
 * sizeof(tally_fix_options): fields added later go at the end, and the library reads only those
 * the caller's size covers whole (a caller built against this header gets what it sets here).
 *
 * The known list is the one `tally check --fix` and POST /v1/fix honour (docs/fix.md): findings
 * it lets stand, matched by file, rule, the finding's text and its line's text, are not fixed,
 * in any pass. One source is used, the first set of:
 * - baseline: the path of a baseline or `.tally-ignore` file (as `--baseline FILE`);
 * - known/known_length: such a file's JSON in memory ({"version": 1, "findings": [{"path",
 *   "rule", "text", "line", "count"}]}, as --write-baseline writes it), its paths relative to
 *   the current folder, as options->filename is read;
 * - tally_ignore non-zero: the `.tally-ignore` that applies to options->filename (the nearest one
 *   in its folder or a parent, up to the Git repository's root), as plain `tally check --fix`
 *   reads it; none found is no list.
 * None set: every fix is applied, as tally_fix does. A list that cannot be read or parsed fails
 * the call with a message naming it: TALLY_E_ARGUMENT for baseline and known, TALLY_E_CONFIG for
 * the .tally-ignore found. */
typedef struct tally_fix_options {
  size_t size;
  const char* const* rules; /* as tally_fix's rules/rule_count: only these rules' fixes */
  size_t rule_count;
  const char* baseline;
  const char* known;
  size_t known_length;
  int tally_ignore;
} tally_fix_options;

/* tally_fix with a known list to leave alone (tally_fix_options). fix_options may be NULL (every
 * rule's fixes, no list: tally_fix). Added within ABI version 1, after tally_fix: look it up with
 * dlsym to run with older builds. */
tally_status tally_fix_with(tally_engine* engine, const char* text, size_t length,
                            const tally_check_options* options,
                            const tally_fix_options* fix_options, char** fixed,
                            size_t* fixed_length, size_t* applied, char** error);

/* A PDF (a newspaper page, or several pages), `length` bytes of it, checked as `tally check
 * page.pdf` checks the file (docs/input.md, "PDF pages"): read by layout into articles, the
 * findings' offsets indexing the text extracted from it (tally_result_text), each finding's
 * place on its page given by tally_result_finding_box and in the JSON ("pdf": {page, bbox}).
 * options->filename is only a name (it finds the .tally.yml and labels the result; NULL:
 * "<pdf>"): no file is opened by it. Bytes poppler cannot read are TALLY_E_INPUT, the message
 * naming the file: "page.pdf: not a readable PDF". Added within ABI version 1: look it up with
 * dlsym to run with older builds (as tally_result_text and tally_result_finding_box). */
tally_status tally_check_pdf(tally_engine* engine, const char* data, size_t length,
                             const tally_check_options* options, tally_result** result,
                             char** error);

/* The text a result's offsets index: the text given to tally_check, or the text extracted from
 * the PDF given to tally_check_pdf (NUL-terminated; *length, when not NULL, receives its length).
 * Owned by the result. */
const char* tally_result_text(const tally_result* result, size_t* length);
/* Where finding `index` of a PDF's result is printed: *page (1-based) and box = x0, y0, x1, y1 in
 * PDF points from the page's top left, rounded to 0.1 as in the JSON. Returns 1, or 0 (and sets
 * nothing) when the result is not a PDF's, the finding has no box, or index is out of range. */
int tally_result_finding_box(const tally_result* result, size_t index, int* page, double box[4]);

size_t tally_result_count(const tally_result* result);
/* NULL when index is out of range. */
const tally_finding* tally_result_finding(const tally_result* result, size_t index);
/* The result as JSON (docs/json.md, one `files` entry); owned by the result. */
const char* tally_result_json(const tally_result* result);
size_t tally_result_rule_error_count(const tally_result* result);
/* "file:line: rule: message"; NULL when index is out of range. */
const char* tally_result_rule_error(const tally_result* result, size_t index);
void tally_result_free(tally_result* result);

void tally_string_free(char* s);

#ifdef __cplusplus
}
#endif

#endif /* TALLY_TALLY_H */
