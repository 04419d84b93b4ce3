// Per-article latency of a full check (parse, facts, every shipped rule) on one thread, for the
// articles of a JSONL archive ({"text"} per line): p50, p99, max, and the throughput that gives.
// Usage: bench_latency ARCHIVE.jsonl [MAX_ARTICLES]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "service/engine.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_latency ARCHIVE.jsonl [MAX_ARTICLES]\n");
    return 2;
  }
  size_t max_articles = argc > 2 ? std::stoul(argv[2]) : 2000;
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s: cannot open\n", argv[1]);
    return 2;
  }
  tally::service::Engine engine({});
  std::vector<double> ms;
  size_t bytes = 0, findings = 0;
  std::string line;
  double total = 0;
  while (ms.size() < max_articles && std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("text")) continue;
    tally::service::CheckRequest req;
    req.text = j["text"].get<std::string>();
    auto t0 = std::chrono::steady_clock::now();
    auto out = engine.check(req);
    double d =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    ms.push_back(d);
    total += d;
    bytes += req.text.size();
    findings += out.findings.size();
  }
  if (ms.empty()) {
    std::fprintf(stderr, "%s: no articles\n", argv[1]);
    return 2;
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double p) {
    return ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))];
  };
  std::printf(
      "{\"articles\": %zu, \"bytes\": %zu, \"findings\": %zu, \"p50_ms\": %.3f, "
      "\"p99_ms\": %.3f, \"max_ms\": %.3f, \"mb_per_s\": %.3f}\n",
      ms.size(), bytes, findings, at(0.5), at(0.99), ms.back(),
      static_cast<double>(bytes) / 1048576.0 / (total / 1000.0));
  return 0;
}
