#include "service/engine.hpp"

#include <algorithm>
#include <filesystem>
#include <thread>

#include "parse/parse.hpp"
#include "report/suppress.hpp"
#include "service/settings.hpp"

namespace tally::service {

struct Engine::Loaded : std::enable_shared_from_this<Engine::Loaded> {
  config::Config config;
  std::string config_error;  // "file:line:column: message"
  std::shared_ptr<const rules::RuleSet> rules;
  std::mutex pool_mu;
  std::vector<std::unique_ptr<rules::Checker>> idle;  // Lua states not in use
};

// A Checker borrowed from the pool for one check, given back when done.
struct Engine::Lease {
  std::shared_ptr<Loaded> loaded;
  std::unique_ptr<rules::Checker> checker;
  explicit Lease(std::shared_ptr<Loaded> l) : loaded(std::move(l)) {
    {
      std::lock_guard lock(loaded->pool_mu);
      if (!loaded->idle.empty()) {
        checker = std::move(loaded->idle.back());
        loaded->idle.pop_back();
      }
    }
    if (!checker) checker = std::make_unique<rules::Checker>(loaded->rules);
  }
  ~Lease() {
    checker->set_cancel(nullptr);  // the flag belongs to the request that set it
    std::lock_guard lock(loaded->pool_mu);
    loaded->idle.push_back(std::move(checker));
  }
};

Engine::Engine(EngineOptions options) : options_(std::move(options)) {}
Engine::~Engine() = default;

namespace {

// Names like "<text>" or "untitled" are not files on disk: no config search for them.
bool is_path(const std::string& name) {
  return !name.empty() && name[0] != '<' && name != "-";
}

}  // namespace

config::Located Engine::locate(const std::string& filename) {
  // The folder as the name writes it ("drafts/" of "drafts/a.txt") finds it first: the same for
  // every file of a folder walk, and the absolute path costs a getcwd and a parse per file. A
  // relative name means another folder once the working folder changes, which only the CLI
  // rules out (EngineOptions::fixed_working_folder).
  bool by_written = options_.fixed_working_folder || (!filename.empty() && filename[0] == '/');
  std::string_view written(filename.data(), filename.rfind('/') + 1);
  if (by_written) {
    std::lock_guard lock(mu_);
    if (auto it = located_written_.find(written); it != located_written_.end()) return it->second;
  }
  std::error_code ec;
  auto folder = std::filesystem::absolute(filename, ec).parent_path().string();
  {
    std::lock_guard lock(mu_);
    if (auto it = located_.find(folder); it != located_.end()) {
      if (by_written) located_written_.emplace(written, it->second);
      return it->second;
    }
  }
  auto found = config::locate_config(filename);
  std::lock_guard lock(mu_);
  located_.emplace(folder, found);
  if (by_written) located_written_.emplace(written, found);
  return found;
}

std::shared_ptr<Engine::Loaded> Engine::loaded_for(const std::string& filename) {
  config::Located found{options_.config_path, ""};
  if (found.path.empty() && options_.search_config && is_path(filename)) found = locate(filename);
  const std::string& config_path = found.path;
  std::lock_guard lock(mu_);
  for (const auto& [path, loaded] : by_config_)
    if (path == config_path) return loaded;
  auto loaded = std::make_shared<Loaded>();
  std::vector<std::string> folders;
  if (!found.error.empty()) {
    loaded->config_error = found.error;
  } else if (!config_path.empty()) {
    auto result = config::load_config(config_path);
    if (!result.error.empty())
      loaded->config_error = result.error;
    else
      loaded->config = result.config;
    folders = loaded->config.rules;
  }
  folders.insert(folders.end(), options_.rule_folders.begin(), options_.rule_folders.end());
  loaded->rules = std::make_shared<rules::RuleSet>(rules::load_rules(folders, options_.embedded));
  if (loaded->config_error.empty()) {
    // Rule ids can only be checked once the config's own rule folders are loaded.
    loaded->config_error = unknown_rule_in_config(loaded->config, *loaded->rules);
    if (!loaded->config_error.empty()) loaded->config = {};
  }
  by_config_.emplace_back(config_path, loaded);
  return loaded;
}

std::shared_ptr<const rules::RuleSet> Engine::rules_for(const std::string& filename) {
  return loaded_for(filename)->rules;
}

config::Config Engine::config_for(const std::string& filename) {
  return loaded_for(filename)->config;
}

std::string Engine::config_error(const std::string& filename) {
  return loaded_for(filename)->config_error;
}

void Engine::reload() {
  std::lock_guard lock(mu_);
  by_config_.clear();
  located_.clear();
  located_written_.clear();
}

bool Engine::ignored(const std::string& filename) {
  auto loaded = loaded_for(filename);
  return loaded->config_error.empty() && is_path(filename) &&
         config::ignored(loaded->config, filename);
}

// The config for `filename`: whether it stops the check (an error, or the file is ignored).
bool Engine::stopped_by_config(const Loaded& loaded, const std::string& filename,
                               const std::string& path, CheckOutcome& out) {
  if (!loaded.config_error.empty()) {
    out.input_error = text::InputError{path, 0, "config: " + loaded.config_error};
    return true;
  }
  out.ignored = is_path(filename) && config::ignored(loaded.config, filename);
  return out.ignored;
}

CheckOutcome Engine::check(const CheckRequest& req) {
  CheckOutcome out;
  out.path = req.filename;
  auto loaded = loaded_for(req.filename);
  out.rules = loaded->rules;
  if (stopped_by_config(*loaded, req.filename, req.filename, out)) return out;
  auto src = text::make_source(req.filename, req.text);
  if (!src.source) {
    out.input_error = *src.error;
    return out;
  }
  run(*loaded, *src.source, req, out);
  return out;
}

CheckOutcome Engine::check(const text::Source& source, const CheckRequest& req) {
  CheckOutcome out;
  out.path = source.path;
  auto loaded = loaded_for(req.filename);
  out.rules = loaded->rules;
  if (stopped_by_config(*loaded, req.filename, source.path, out)) return out;
  run(*loaded, source, req, out);
  return out;
}

rules::EditionResult Engine::check_edition(const std::vector<const CheckOutcome*>& pages,
                                           const std::vector<std::string_view>& bytes,
                                           const CheckRequest& req) {
  rules::EditionResult res;
  auto loaded = loaded_for(req.filename);
  if (!loaded->config_error.empty() || pages.empty()) return res;
  auto settings = settings_for(loaded->config, req.disable,
                               is_path(req.filename) ? req.filename : "", req.enable);
  settings.only.insert(req.only.begin(), req.only.end());
  settings.messages = req.messages;  // the page's interface language, as in check()
  std::vector<rules::EditionPage> in;
  for (size_t p = 0; p < pages.size(); ++p) in.push_back({&*pages[p]->document, bytes[p]});
  Lease lease(loaded->shared_from_this());
  lease.checker->set_cancel(req.cancel);
  res = lease.checker->check_edition(in, settings);
  for (size_t p = 0; p < pages.size(); ++p)
    report::apply_suppressions(*pages[p]->document, bytes[p], res.findings[p]);
  return res;
}

void Engine::run(Loaded& loaded, const text::Source& src, const CheckRequest& req,
                 CheckOutcome& out) {
  // Counted from before parsing, so that checks arriving together do not all split.
  struct Running {
    std::atomic<unsigned>& n;
    unsigned now = ++n;
    ~Running() { --n; }
  } running{running_};
  const auto& cfg = loaded.config;
  parse::ParseOptions po;
  po.format = req.input_format ? req.input_format : cfg.input_format;
  po.date = req.date;
  po.config_date = cfg.date;
  po.language = req.language.empty() ? cfg.language : req.language;
  if (req.memo) po.memo = &req.memo->parse;
  out.document = parse::parse_document(src, po);
  if (req.cancel && req.cancel->load()) {  // stopped while parsing: no rule runs
    out.cancelled = true;
    return;
  }

  auto settings =
      settings_for(cfg, req.disable, is_path(req.filename) ? req.filename : "", req.enable);
  settings.only.insert(req.only.begin(), req.only.end());
  settings.messages = req.messages;

  Lease lease(loaded.shared_from_this());
  lease.checker->set_cancel(req.cancel);
  rules::CheckResult result;
  if (req.memo) {
    // Lua on one thread: after an edit, usually one article runs its rules again.
    bool free_core =
        options_.split_articles && running.now < std::max(1u, std::thread::hardware_concurrency());
    result = lease.checker->check(*out.document, src.bytes, settings, *req.memo, free_core);
  } else if (options_.split_articles && out.document->articles.size() >= 2 &&
             running.now < std::max(1u, std::thread::hardware_concurrency())) {
    Lease helper(loaded.shared_from_this());
    helper.checker->set_cancel(req.cancel);
    result = lease.checker->check(*out.document, src.bytes, settings, *helper.checker);
  } else {
    result = lease.checker->check(*out.document, src.bytes, settings);
  }
  out.findings = std::move(result.findings);
  out.rule_errors = std::move(result.errors);
  out.notices = std::move(result.notices);
  out.cancelled = req.cancel && req.cancel->load();
  report::apply_suppressions(*out.document, src.bytes, out.findings);
}

}  // namespace tally::service
