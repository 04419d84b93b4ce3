#include "facts/records.hpp"

#include <algorithm>
#include <cmath>

namespace tally::facts {

using nlohmann::json;

namespace {

// Index of the sentence and clause holding logical offset `at`; -1 when none does.
std::pair<int, int> locate_in(const std::vector<Sentence>& sentences, uint32_t at) {
  for (size_t s = 0; s < sentences.size(); ++s) {
    const auto& sen = sentences[s];
    if (at < sen.begin || at >= sen.end) continue;
    int clause = -1;
    for (size_t c = 0; c < sen.clauses.size(); ++c)
      if (at >= sen.clauses[c].begin && at < sen.clauses[c].end + 3) {
        clause = static_cast<int>(c);
        break;
      }
    return {static_cast<int>(s), clause};
  }
  return {-1, -1};
}

using Kind = RecordKind;

// One record to emit: which fact, and where it starts (the sort key).
struct Ref {
  Span span;
  Kind kind;
  uint32_t i = 0, j = 0;  // index into its vector; for pairs, block and index in the block
};

// A record's "type" field.
const char* type_name(const ArticleFacts& f, Kind k, uint32_t i) {
  switch (k) {
    case Kind::Number:
      return "number";
    case Kind::Quantity:
      return "quantity";
    case Kind::Ordinal:
      return f.ordinals[i].fact.rank ? "rank" : "ordinal";
    case Kind::Rate:
      return "rate";
    case Kind::Date:
      return "date";
    case Kind::Count:
      return "count";
    case Kind::List:
      return "list";
    case Kind::Pair:
      return "pair";
    case Kind::Unpaired:
      return "unpaired";
  }
  return "";
}

struct Emitter {
  const parse::Article& article;
  const ArticleFacts& facts;
  RecordSink& sink;

  void head(const Ref& r, size_t block, uint32_t lb, uint32_t le) {
    const auto& lt = article.blocks[block].text;
    auto [sen, cl] = locate_in(facts.blocks[block].sentences, lb);
    sink.begin_record(r.kind, type_name(facts, r.kind, r.i));
    sink.integer("block", static_cast<int64_t>(block));
    sink.string("text", std::string_view(lt.text).substr(lb, le - lb));
    sink.span("span", r.span);
    sink.integer("lbegin", lb);
    sink.integer("lend", le);
    sink.integer("sentence", sen);
    sink.integer("clause", cl);
  }

  void number_fields(const Number& n) {
    sink.number("value", n.value);
    sink.interval("interval", n.lo, n.hi);
    sink.boolean("approximate", n.approximate);
    sink.integer("decimals", n.decimals);
    sink.string("qualifier", n.qualifier);
  }

  template <typename T>
  void head(const Ref& r, const At<T>& at) {
    head(r, at.block, at.fact.begin, at.fact.end);
  }

  void emit(const Ref& r) {
    switch (r.kind) {
      case Kind::Number: {
        const auto& x = facts.numbers[r.i];
        head(r, x);
        number_fields(x.fact);
        break;
      }
      case Kind::Quantity: {
        const auto& x = facts.quantities[r.i];
        head(r, x);
        number_fields(x.fact.number);
        sink.string("measure", x.fact.measure);
        sink.string("noun", x.fact.noun);
        sink.boolean("noun_before", x.fact.noun_before);
        if (!x.fact.unit.empty()) {
          sink.begin_object("normalized");
          sink.string("unit", x.fact.unit);
          sink.number("value", x.fact.normalized);
          sink.interval("interval", x.fact.normalized_lo, x.fact.normalized_hi);
          sink.end_object();
        }
        break;
      }
      case Kind::Ordinal: {
        const auto& x = facts.ordinals[r.i];
        head(r, x);
        number_fields(x.fact.number);
        sink.string("measure", x.fact.measure);
        break;
      }
      case Kind::Rate: {
        const auto& x = facts.rates[r.i];
        head(r, x);
        number_fields(x.fact.number);
        sink.string("unit", rate_unit_name(x.fact.unit));
        sink.string("subject", x.fact.subject);
        sink.string("relation", x.fact.relation);
        break;
      }
      case Kind::Date: {
        const auto& x = facts.dates[r.i];
        const auto& d = x.fact;
        head(r, x);
        sink.string("kind", date_kind_name(d.kind));
        auto optional = [&](const char* key, int v) {
          if (v)
            sink.integer(key, v);
          else
            sink.null(key);
        };
        optional("year", d.year);
        optional("month", d.month);
        optional("day", d.day);
        optional("weekday", d.weekday);
        sink.boolean("valid", d.valid);
        sink.string("relative", d.relative);
        if (d.resolved)
          sink.string("resolved", d.resolved->iso());
        else
          sink.null("resolved");
        if (d.anchor.empty())
          sink.null("anchor");
        else
          sink.string("anchor", d.anchor);
        if (d.kind == DateKind::Duration) {
          sink.begin_object("duration");
          sink.number("amount", d.amount);
          sink.string("unit", d.unit);
          sink.end_object();
        }
        break;
      }
      case Kind::Count: {
        const auto& x = facts.claims[r.i];
        head(r, x);
        sink.integer("count", x.fact.count);
        sink.string("noun", x.fact.noun);
        const ArticleFacts::Link* link = nullptr;
        for (const auto& l : facts.links)
          if (l.claim == r.i) link = &l;  // the last link found is the one kept
        if (link) {
          sink.begin_object("list");
          sink.integer("index", static_cast<int64_t>(link->list));
          sink.string("evidence", link_evidence_name(link->evidence));
          sink.boolean("strong", link->strong);
          sink.end_object();
        } else {
          sink.null("list");
        }
        break;
      }
      case Kind::List: {
        const auto& l = facts.lists[r.i];
        head(r, l);
        const auto& lt = article.blocks[l.block].text;
        sink.begin_array("items");
        for (auto [b, en] : l.fact.items) {
          sink.begin_object(nullptr);
          sink.string("text", std::string_view(lt.text).substr(b, en - b));
          sink.span("span", lt.to_original(b, en));
          sink.integer("lbegin", b);
          sink.integer("lend", en);
          sink.end_object();
        }
        sink.end_array();
        sink.boolean("open", l.fact.open);
        sink.integer("index", r.i);
        break;
      }
      case Kind::Pair: {
        const auto& p = facts.blocks[r.i].pairs.pairs[r.j];
        head(r, r.i, p.open, p.close + p.close_len);
        sink.string("mark", p.kind);
        break;
      }
      case Kind::Unpaired: {
        const auto& u = facts.blocks[r.i].pairs.unpaired[r.j];
        head(r, r.i, u.at, u.at + u.len);
        sink.string("mark", u.mark);
        sink.boolean("opener", u.opener);
        break;
      }
    }
    sink.end_record();
  }
};

// Every record's place, in type order and then stably by start, as the records are listed.
std::vector<Ref> refs(const parse::Article& a, const ArticleFacts& f, std::string_view only) {
  std::vector<Ref> out;
  auto add = [&](Kind k, uint32_t i, uint32_t j, size_t block, uint32_t lb, uint32_t le) {
    if (!only.empty() && type_name(f, k, i) != only) return;
    out.push_back({a.blocks[block].text.to_original(lb, le), k, i, j});
  };
  auto each = [&](Kind k, const auto& v) {
    for (size_t i = 0; i < v.size(); ++i)
      add(k, static_cast<uint32_t>(i), 0, v[i].block, v[i].fact.begin, v[i].fact.end);
  };
  each(Kind::Number, f.numbers);
  each(Kind::Quantity, f.quantities);
  each(Kind::Ordinal, f.ordinals);
  each(Kind::Rate, f.rates);
  each(Kind::Date, f.dates);
  each(Kind::Count, f.claims);
  each(Kind::List, f.lists);
  for (size_t b = 0; b < f.blocks.size(); ++b) {
    const auto& p = f.blocks[b].pairs;
    for (size_t j = 0; j < p.pairs.size(); ++j)
      add(Kind::Pair, static_cast<uint32_t>(b), static_cast<uint32_t>(j), b, p.pairs[j].open,
          p.pairs[j].close + p.pairs[j].close_len);
    for (size_t j = 0; j < p.unpaired.size(); ++j)
      add(Kind::Unpaired, static_cast<uint32_t>(b), static_cast<uint32_t>(j), b, p.unpaired[j].at,
          p.unpaired[j].at + p.unpaired[j].len);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Ref& x, const Ref& y) { return x.span.begin < y.span.begin; });
  return out;
}

struct JsonSink : RecordSink {
  json out = json::array();
  std::vector<json*> open;

  json& slot(const char* key) {
    json& top = *open.back();
    if (top.is_array()) {
      top.push_back(nullptr);
      return top.back();
    }
    return top[key];
  }
  void begin_record(RecordKind, const char* type) override {
    out.push_back(json::object());
    open = {&out.back()};
    out.back()["type"] = type;
  }
  void end_record() override { open.clear(); }
  void begin_object(const char* key) override {
    json& s = slot(key);
    s = json::object();
    open.push_back(&s);
  }
  void end_object() override { open.pop_back(); }
  void begin_array(const char* key) override {
    json& s = slot(key);
    s = json::array();
    open.push_back(&s);
  }
  void end_array() override { open.pop_back(); }
  void null(const char* key) override { slot(key) = nullptr; }
  void boolean(const char* key, bool v) override { slot(key) = v; }
  void integer(const char* key, int64_t v) override { slot(key) = v; }
  void number(const char* key, double v) override { slot(key) = v; }
  void string(const char* key, std::string_view v) override { slot(key) = std::string(v); }
  void span(const char* key, Span s) override { slot(key) = {{"begin", s.begin}, {"end", s.end}}; }
  void interval(const char* key, double lo, double hi) override {
    auto end = [](double v) { return std::isinf(v) ? json(nullptr) : json(v); };
    slot(key) = {end(lo), end(hi)};
  }
};

}  // namespace

const char* rate_unit_name(RateUnit u) {
  switch (u) {
    case RateUnit::Percent:
      return "percent";
    case RateUnit::PerMille:
      return "per-mille";
    case RateUnit::PercentagePoints:
      return "percentage-points";
  }
  return "?";
}

const char* date_kind_name(DateKind k) {
  switch (k) {
    case DateKind::Absolute:
      return "absolute";
    case DateKind::Relative:
      return "relative";
    case DateKind::Duration:
      return "duration";
  }
  return "?";
}

void emit_records(const parse::Article& a, const ArticleFacts& f, RecordSink& sink,
                  std::string_view only_type) {
  Emitter e{a, f, sink};
  for (const auto& r : refs(a, f, only_type)) e.emit(r);
}

json fact_records(const parse::Article& a, const ArticleFacts& f, std::string_view only_type) {
  JsonSink sink;
  emit_records(a, f, sink, only_type);
  return std::move(sink.out);
}

}  // namespace tally::facts
