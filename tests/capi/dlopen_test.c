/* Loads libtally with dlopen, as a C host would, and checks samples/zh-lines.txt through the
 * C ABI: findings with exact positions, JSON, errors for bad input and options, and concurrent
 * checks on one engine; then a PDF page from a buffer (tests/e2e/samples/page.pdf): its findings
 * in the extracted text with their page and box, and bad PDFs refused with the file's name.
 * Compiled as C11. Usage: capi_dlopen_test LIBTALLY SAMPLE [PAGE.pdf] */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tally/tally.h"

static int failures = 0;
#define EXPECT(cond)                                                      \
  do {                                                                    \
    if (!(cond)) {                                                        \
      fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                         \
    }                                                                     \
  } while (0)

/* The ABI, looked up by name. */
static uint32_t (*abi_version)(void);
static tally_status (*engine_new)(const tally_engine_options*, tally_engine**, char**);
static void (*engine_free)(tally_engine*);
static tally_status (*engine_reload)(tally_engine*, char**);
static tally_status (*check)(tally_engine*, const char*, size_t, const tally_check_options*,
                             tally_result**, char**);
static size_t (*result_count)(const tally_result*);
static const tally_finding* (*result_finding)(const tally_result*, size_t);
static const char* (*result_json)(const tally_result*);
static void (*result_free)(tally_result*);
static void (*string_free)(char*);
static const char* (*status_name)(tally_status);
static tally_status (*check_record)(tally_engine*, const char*, size_t, const tally_check_options*,
                                    char**, char**);
static tally_status (*fix)(tally_engine*, const char*, size_t, const tally_check_options*,
                           const char* const*, size_t, char**, size_t*, size_t*, char**);
static tally_status (*fix_with)(tally_engine*, const char*, size_t, const tally_check_options*,
                                const tally_fix_options*, char**, size_t*, size_t*, char**);
static tally_status (*check_pdf)(tally_engine*, const char*, size_t, const tally_check_options*,
                                 tally_result**, char**);
static const char* (*result_text)(const tally_result*, size_t*);
static int (*finding_box)(const tally_result*, size_t, int*, double[4]);

static void* need(void* lib, const char* name) {
  void* p = dlsym(lib, name);
  if (!p) {
    fprintf(stderr, "missing symbol %s\n", name);
    exit(1);
  }
  return p;
}

static char* read_file(const char* path, size_t* length) {
  FILE* f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char* buf = malloc((size_t)n + 1);
  *length = fread(buf, 1, (size_t)n, f);
  buf[*length] = 0;
  fclose(f);
  return buf;
}

struct job {
  tally_engine* engine;
  const char* text;
  size_t length;
  size_t count;
};

static void* run_job(void* arg) {
  struct job* j = arg;
  tally_check_options o = {"zh-lines.txt", NULL, "2025-08-01"};
  for (int i = 0; i < 5; ++i) {
    tally_result* r = NULL;
    if (check(j->engine, j->text, j->length, &o, &r, NULL) != TALLY_OK) return NULL;
    j->count += result_count(r);
    result_free(r);
  }
  return NULL;
}

/* The bytes of finding i of r, as a C string (static buffer). */
static const char* cut(const tally_result* r, size_t i) {
  static char buf[256];
  const tally_finding* f = result_finding(r, i);
  const char* all = result_text(r, NULL);
  if (!f || !all) return "(no such finding)"; /* a wrong count fails the comparison, not the run */
  size_t n = f->length < sizeof buf - 1 ? f->length : sizeof buf - 1;
  memcpy(buf, all + f->offset, n);
  buf[n] = 0;
  return buf;
}

static int box_is(const tally_result* r, size_t i, int page, double x0, double y0, double x1,
                  double y1) {
  int p = 0;
  double b[4] = {0, 0, 0, 0};
  if (!finding_box(r, i, &p, b)) return 0;
  return p == page && b[0] == x0 && b[1] == y0 && b[2] == x1 && b[3] == y1;
}

static void write_text(const char* path, const char* text) {
  FILE* f = fopen(path, "wb");
  if (!f) return;
  fputs(text, f);
  fclose(f);
}

/* tally_fix_with of `text` named `filename`: its status; the fixed text in *out (freed by the
 * caller) and the count in *applied. */
static tally_status fix_known(tally_engine* engine, const char* text, const char* filename,
                              const tally_fix_options* fo, char** out, size_t* applied,
                              char** error) {
  tally_check_options o = {filename, NULL, NULL};
  size_t n = 0;
  *out = NULL;
  return fix_with(engine, text, strlen(text), &o, fo, out, &n, applied, error);
}

/* tally_fix_with leaves alone what a baseline or .tally-ignore lets stand, as `tally check
 * --fix` does: here the draft's comma (punct.halfwidth-in-cjk); its doubled stop is fixed. */
static void fix_known_checks(tally_engine* engine) {
  const char* draft = "包头市检察院,昆都仑区检察院联合办案。。\n";
  const char* all_fixed = "包头市检察院，昆都仑区检察院联合办案。\n";
  const char* comma_kept = "包头市检察院,昆都仑区检察院联合办案。\n";
  const char* list =
      "{\"version\": 1, \"findings\": [{\"path\": \"draft.txt\", \"rule\": "
      "\"punct.halfwidth-in-cjk\", \"text\": \",\", \"line\": "
      "\"包头市检察院,昆都仑区检察院联合办案。。\", \"count\": 1}]}\n";
  char* out = NULL;
  char* error = NULL;
  size_t applied = 0;

  /* No options: every fix, as tally_fix. */
  EXPECT(fix_known(engine, draft, "draft.txt", NULL, &out, &applied, &error) == TALLY_OK);
  EXPECT(out && strcmp(out, all_fixed) == 0 && applied == 2);
  string_free(out);

  /* The list in memory, its paths relative to the current folder as the file name is. */
  tally_fix_options fo;
  memset(&fo, 0, sizeof fo);
  fo.size = sizeof fo;
  fo.known = list;
  fo.known_length = strlen(list);
  EXPECT(fix_known(engine, draft, "draft.txt", &fo, &out, &applied, &error) == TALLY_OK);
  EXPECT(error == NULL);
  EXPECT(out && strcmp(out, comma_kept) == 0 && applied == 1);
  string_free(out);
  /* Another file's entry leaves this file's comma to fix. */
  EXPECT(fix_known(engine, draft, "other.txt", &fo, &out, &applied, &error) == TALLY_OK);
  EXPECT(out && strcmp(out, all_fixed) == 0 && applied == 2);
  string_free(out);
  /* With rules: only the comma's rule, whose one finding the list lets stand: nothing to do. */
  const char* only[] = {"punct.halfwidth-in-cjk"};
  fo.rules = only;
  fo.rule_count = 1;
  EXPECT(fix_known(engine, draft, "draft.txt", &fo, &out, &applied, &error) == TALLY_OK);
  EXPECT(out && strcmp(out, draft) == 0 && applied == 0);
  string_free(out);
  /* A size ending inside a field (half of rule_count) takes whole fields only: rules without a
   * count is every rule, and the known list past the size is not read. */
  fo.size = offsetof(tally_fix_options, rule_count) + sizeof(fo.rule_count) / 2;
  EXPECT(fix_known(engine, draft, "draft.txt", &fo, &out, &applied, &error) == TALLY_OK);
  EXPECT(out && strcmp(out, all_fixed) == 0 && applied == 2);
  string_free(out);
  fo.size = sizeof fo;
  fo.rules = NULL;
  fo.rule_count = 0;

  /* A caller built against a header with fewer fields: its size covers rules only, and what
   * lies past it is not read. */
  fo.size = offsetof(tally_fix_options, baseline);
  EXPECT(fix_known(engine, draft, "draft.txt", &fo, &out, &applied, &error) == TALLY_OK);
  EXPECT(out && strcmp(out, all_fixed) == 0 && applied == 2);
  string_free(out);
  fo.size = 0;
  EXPECT(fix_known(engine, draft, "draft.txt", &fo, &out, &applied, &error) == TALLY_E_ARGUMENT);
  EXPECT(out == NULL && error &&
         strcmp(error, "fix_options: size is 0; set it to sizeof(tally_fix_options)") == 0);
  string_free(error);
  fo.size = sizeof fo;

  /* A list that is not one: refused, naming it. */
  fo.known = "[1, 2]";
  fo.known_length = 6;
  EXPECT(fix_known(engine, draft, "draft.txt", &fo, &out, &applied, &error) == TALLY_E_ARGUMENT);
  EXPECT(out == NULL && error &&
         strcmp(error,
                "fix_options.known: not a tally baseline (version 1 with a findings list)") == 0);
  string_free(error);
  fo.known = NULL;
  fo.known_length = 0;

  /* The list as a file: --baseline FILE (its paths relative to its folder), or the
   * .tally-ignore that applies to the file name. */
  char dir[] = "/tmp/tally-capi-XXXXXX";
  EXPECT(mkdtemp(dir) != NULL);
  char path[128], named[128], ignore[128], git[128];
  snprintf(git, sizeof git, "%s/.git", dir); /* the .tally-ignore search stops here */
  EXPECT(mkdir(git, 0700) == 0);
  snprintf(path, sizeof path, "%s/known.json", dir);
  snprintf(named, sizeof named, "%s/draft.txt", dir);
  snprintf(ignore, sizeof ignore, "%s/.tally-ignore", dir);
  write_text(path, list);
  fo.baseline = path;
  EXPECT(fix_known(engine, draft, named, &fo, &out, &applied, &error) == TALLY_OK);
  EXPECT(out && strcmp(out, comma_kept) == 0 && applied == 1);
  string_free(out);
  fo.baseline = "/nonexistent/known.json";
  EXPECT(fix_known(engine, draft, named, &fo, &out, &applied, &error) == TALLY_E_ARGUMENT);
  const char* unreadable = "/nonexistent/known.json: cannot read baseline: ";
  EXPECT(out == NULL && error && strncmp(error, unreadable, strlen(unreadable)) == 0);
  string_free(error);
  fo.baseline = NULL;
  /* No .tally-ignore yet: nothing is known. Then one is written beside the file. */
  fo.tally_ignore = 1;
  EXPECT(fix_known(engine, draft, named, &fo, &out, &applied, &error) == TALLY_OK);
  EXPECT(out && strcmp(out, all_fixed) == 0 && applied == 2);
  string_free(out);
  write_text(ignore, list);
  EXPECT(fix_known(engine, draft, named, &fo, &out, &applied, &error) == TALLY_OK);
  EXPECT(out && strcmp(out, comma_kept) == 0 && applied == 1);
  string_free(out);
  fo.tally_ignore = 0; /* it is read only when asked for */
  EXPECT(fix_known(engine, draft, named, &fo, &out, &applied, &error) == TALLY_OK);
  EXPECT(out && strcmp(out, all_fixed) == 0 && applied == 2);
  string_free(out);
  EXPECT(fix(engine, draft, strlen(draft), NULL, NULL, 0, &out, &(size_t){0}, &applied, &error) ==
         TALLY_OK);
  EXPECT(out && strcmp(out, all_fixed) == 0 && applied == 2); /* tally_fix: no list */
  string_free(out);
  write_text(ignore, "not json\n");
  fo.tally_ignore = 1;
  EXPECT(fix_known(engine, draft, named, &fo, &out, &applied, &error) == TALLY_E_CONFIG);
  EXPECT(out == NULL && error && strncmp(error, ignore, strlen(ignore)) == 0);
  string_free(error);
  unlink(ignore);
  unlink(path);
  rmdir(git);
  rmdir(dir);
}

static void pdf_checks(tally_engine* engine, const char* path) {
  size_t length = 0;
  char* pdf = read_file(path, &length);
  EXPECT(pdf != NULL);
  if (!pdf) return;
  tally_check_options o = {"page.pdf", NULL, "2026-12-03"};
  tally_result* r = NULL;
  char* error = NULL;
  EXPECT(check_pdf(engine, pdf, length, &o, &r, &error) == TALLY_OK);
  EXPECT(error == NULL);
  EXPECT(r != NULL);
  if (r) {
    size_t text_length = 0;
    const char* text = result_text(r, &text_length);
    EXPECT(text_length == strlen(text) && strstr(text, "The plan covers three towns:") != NULL);
    EXPECT(result_count(r) == 3);
    EXPECT(strcmp(result_finding(r, 0)->rule, "count.enumeration") == 0);
    EXPECT(strcmp(cut(r, 0), "three towns") == 0);
    EXPECT(box_is(r, 0, 1, 119.7, 211.8, 168.4, 221.3));
    EXPECT(strcmp(result_finding(r, 1)->rule, "growth.recompute") == 0);
    EXPECT(strcmp(cut(r, 1), "30%") == 0);
    EXPECT(box_is(r, 1, 1, 376.8, 194.8, 396.0, 204.3));
    EXPECT(strcmp(result_finding(r, 2)->rule, "quote.unbalanced") == 0);
    EXPECT(strcmp(cut(r, 2), "\"") == 0);
    EXPECT(box_is(r, 2, 2, 50.0, 151.8, 54.3, 161.3));
    EXPECT(!finding_box(r, 3, NULL, NULL));
    EXPECT(strstr(result_json(r), "\"path\":\"page.pdf\"") != NULL);
    EXPECT(strstr(result_json(r), "\"pdf\":{\"bbox\":[119.7,211.8,168.4,221.3],\"page\":1}") !=
           NULL);
    result_free(r);
  }
  /* Damaged and foreign bytes: refused, naming the file. */
  r = NULL;
  const char* damaged = "%PDF-1.7\nno objects, no cross-reference table\n";
  EXPECT(check_pdf(engine, damaged, strlen(damaged), &o, &r, &error) == TALLY_E_INPUT);
  EXPECT(r == NULL && error && strcmp(error, "page.pdf: not a readable PDF") == 0);
  string_free(error);
  EXPECT(check_pdf(engine, "hello", 5, &o, &r, &error) == TALLY_E_INPUT);
  EXPECT(error && strcmp(error, "page.pdf: not a PDF (no %PDF- header)") == 0);
  string_free(error);
  EXPECT(check_pdf(engine, NULL, 0, NULL, &r, &error) == TALLY_E_INPUT);
  EXPECT(error && strcmp(error, "<pdf>: not a PDF (no %PDF- header)") == 0);
  string_free(error);
  EXPECT(check_pdf(NULL, pdf, length, &o, &r, &error) == TALLY_E_ARGUMENT);
  string_free(error);
  /* A text's result: its own text, no boxes. */
  const char* plain = "2025年2月30日，该院召开专题会议。\n";
  EXPECT(check(engine, plain, strlen(plain), NULL, &r, NULL) == TALLY_OK);
  EXPECT(strcmp(result_text(r, NULL), plain) == 0);
  EXPECT(result_count(r) == 1 && !finding_box(r, 0, NULL, NULL));
  result_free(r);
  free(pdf);
}

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    fprintf(stderr, "usage: %s LIBTALLY SAMPLE [PAGE.pdf]\n", argv[0]);
    return 2;
  }
  void* lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  *(void**)&abi_version = need(lib, "tally_abi_version");
  *(void**)&engine_new = need(lib, "tally_engine_new");
  *(void**)&engine_free = need(lib, "tally_engine_free");
  *(void**)&engine_reload = need(lib, "tally_engine_reload");
  *(void**)&check = need(lib, "tally_check");
  *(void**)&result_count = need(lib, "tally_result_count");
  *(void**)&result_finding = need(lib, "tally_result_finding");
  *(void**)&result_json = need(lib, "tally_result_json");
  *(void**)&result_free = need(lib, "tally_result_free");
  *(void**)&string_free = need(lib, "tally_string_free");
  *(void**)&status_name = need(lib, "tally_status_name");
  *(void**)&check_record = need(lib, "tally_check_record");
  *(void**)&fix = need(lib, "tally_fix");
  *(void**)&fix_with = need(lib, "tally_fix_with");
  *(void**)&check_pdf = need(lib, "tally_check_pdf");
  *(void**)&result_text = need(lib, "tally_result_text");
  *(void**)&finding_box = need(lib, "tally_result_finding_box");
  EXPECT(abi_version() == TALLY_ABI_VERSION);
  EXPECT(dlsym(lib, "_ZN5tally7service6EngineC1ENS0_13EngineOptionsE") == NULL); /* C ABI only */

  size_t length = 0;
  char* text = read_file(argv[2], &length);
  EXPECT(text != NULL);

  tally_engine* engine = NULL;
  char* error = NULL;
  EXPECT(engine_new(NULL, &engine, &error) == TALLY_OK);
  EXPECT(error == NULL);

  tally_check_options opts = {"zh-lines.txt", NULL, "2025-08-01"};
  tally_result* result = NULL;
  EXPECT(check(engine, text, length, &opts, &result, &error) == TALLY_OK);
  EXPECT(result_count(result) == 2);
  const tally_finding* f = result_finding(result, 0);
  EXPECT(f && strcmp(f->rule, "count.sum-mismatch") == 0);
  EXPECT(f && strcmp(f->severity, "error") == 0);
  EXPECT(f &&
         strcmp(f->message, "各部分之和与总数不符：139人 + 429人 + 107人 + 74人 ≠ 658人") == 0);
  EXPECT(f && f->offset == 272 && f->length == 6);
  EXPECT(f && f->start.line == 7 && f->start.column == 18 && f->start.utf16_column == 17);
  EXPECT(f && f->end.offset == 278 && f->fix == NULL);
  f = result_finding(result, 1);
  EXPECT(f && strcmp(f->rule, "date.invalid") == 0 && f->offset == 408 && f->length == 16);
  EXPECT(result_finding(result, 2) == NULL);
  const char* json = result_json(result);
  EXPECT(json && strstr(json, "\"rule\":\"date.invalid\"") != NULL);
  EXPECT(json && strstr(json, "\"path\":\"zh-lines.txt\"") != NULL);
  EXPECT(json && strstr(json, "\"notices\":[]") != NULL); /* dated: every rule ran */
  result_free(result);

  /* Without a publication date, date.future does not run, and the result JSON says so. */
  EXPECT(check(engine, text, length, NULL, &result, &error) == TALLY_OK);
  json = result_json(result);
  EXPECT(json && strstr(json,
                        "\"notices\":[{\"id\":\"no-publication-date\",\"message\":\"没有出版日期，"
                        "以下规则未运行：date.future（用 --date 或 .tally.yml 的 date: "
                        "指定出版日期）\",\"requirement\":\"publication_date\","
                        "\"rules\":[\"date.future\"]}]") != NULL);
  result_free(result);

  /* A JSON-lines record, as `tally check --jsonl` checks a line; a bad one gets its error. */
  const char* record = "{\"id\":\"r1\",\"text\":\"2025年2月30日，该院召开专题会议。\"}\n";
  char* line = NULL;
  EXPECT(check_record(engine, record, strlen(record), &opts, &line, &error) == TALLY_OK);
  EXPECT(line && strstr(line, "\"rule\":\"date.invalid\"") &&
         strstr(line, "\"publication_date\":\"2025-08-01\"") &&
         strstr(line, "\"id\":\"r1\",\"notices\":[]")); /* no "line" between them */
  string_free(line);
  const char* typo = "{\"id\":2,\"txt\":\"x\"}";
  EXPECT(check_record(engine, typo, strlen(typo), NULL, &line, &error) == TALLY_OK);
  EXPECT(line &&
         strcmp(line,
                "{\"error\":{\"message\":\"unknown field 'txt'; did you mean 'text'? (a "
                "request has id, text, filename, language, date, input_format, rules, disable, "
                "enable)\","
                "\"offset\":0},\"findings\":[],\"id\":2}") == 0);
  string_free(line);
  /* A number no double holds is that record's error, not a failed call (docs/robustness.md). */
  const char* huge = "{\"id\":1e400,\"text\":\"x\"}";
  EXPECT(check_record(engine, huge, strlen(huge), NULL, &line, &error) == TALLY_OK);
  EXPECT(line && strstr(line, "\"error\":{\"message\":\"unreadable JSON: ") &&
         strstr(line, "number overflow parsing '1e400'"));
  string_free(line);
  EXPECT(check_record(engine, " \r\n", 3, NULL, &line, &error) == TALLY_OK && line == NULL);

  /* tally_fix: the text as `tally check --fix` writes it; rules limit which fixes apply. */
  {
    const char* slips = "包头市检察院,昆都仑区检察院联合办案。。\n";
    char* fixed = NULL;
    size_t fixed_length = 0, applied = 0;
    EXPECT(fix(engine, slips, strlen(slips), NULL, NULL, 0, &fixed, &fixed_length, &applied,
               &error) == TALLY_OK);
    const char* want = "包头市检察院，昆都仑区检察院联合办案。\n"; /* comma and doubled stop */
    EXPECT(fixed && strcmp(fixed, want) == 0);
    EXPECT(fixed_length == strlen(want) && applied == 2);
    string_free(fixed);
    const char* only[] = {"artifact.*"};
    EXPECT(fix(engine, slips, strlen(slips), NULL, only, 1, &fixed, &fixed_length, &applied,
               &error) == TALLY_OK);
    EXPECT(fixed && strcmp(fixed, slips) == 0 && applied == 0);
    string_free(fixed);
  }

  fix_known_checks(engine);

  /* A fix comes through: the ASCII comma between Chinese characters. */
  const char* comma = "包头市检察院,昆都仑区检察院联合办案。\n";
  EXPECT(check(engine, comma, strlen(comma), NULL, &result, &error) == TALLY_OK);
  EXPECT(result_count(result) == 1);
  f = result_finding(result, 0);
  EXPECT(f && f->fix && strcmp(f->fix, "，") == 0 && f->fix_offset == 18 && f->fix_length == 1);
  result_free(result);

  /* Bad input and bad options: a status and a message, never a crash. */
  const char bad[] = "abc\xff\n";
  EXPECT(check(engine, bad, sizeof bad - 1, NULL, &result, &error) == TALLY_E_INPUT);
  EXPECT(error && strstr(error, "invalid UTF-8") != NULL && strstr(error, "offset 3") != NULL);
  EXPECT(result == NULL);
  string_free(error);
  tally_check_options bad_date = {NULL, NULL, "2025-13-01"};
  EXPECT(check(engine, comma, strlen(comma), &bad_date, &result, &error) == TALLY_E_ARGUMENT);
  EXPECT(error && strstr(error, "2025-13-01") != NULL);
  string_free(error);
  EXPECT(check(NULL, comma, strlen(comma), NULL, &result, &error) == TALLY_E_ARGUMENT);
  string_free(error);
  EXPECT(strcmp(status_name(TALLY_E_RULES), "TALLY_E_RULES") == 0);

  const char* missing[] = {"/nonexistent/rules"};
  tally_engine_options eo = {missing, 1, "/nonexistent/.tally.yml", 0, 0};
  tally_engine* broken = NULL;
  EXPECT(engine_new(&eo, &broken, &error) == TALLY_E_CONFIG);
  EXPECT(broken == NULL && error != NULL);
  string_free(error);

  /* One engine, four threads at once: each sees the same findings. */
  pthread_t threads[4];
  struct job jobs[4];
  for (int i = 0; i < 4; ++i) {
    jobs[i] = (struct job){engine, text, length, 0};
    pthread_create(&threads[i], NULL, run_job, &jobs[i]);
  }
  EXPECT(engine_reload(engine, &error) == TALLY_OK); /* while they run */
  for (int i = 0; i < 4; ++i) {
    pthread_join(threads[i], NULL);
    EXPECT(jobs[i].count == 10);
  }

  if (argc == 4) pdf_checks(engine, argv[3]);

  engine_free(engine);
  free(text);
  dlclose(lib);
  if (failures) {
    fprintf(stderr, "%d failure(s)\n", failures);
    return 1;
  }
  printf("C ABI: all checks passed\n");
  return 0;
}
