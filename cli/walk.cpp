#include "cli/walk.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <set>

#include "cli/git_api.hpp"

namespace tally::cli {

namespace fs = std::filesystem;

namespace {

struct RepoFree {
  const GitApi* git = nullptr;
  void operator()(git_repository* r) const { git->repository_free(r); }
};
using Repo = std::unique_ptr<git_repository, RepoFree>;

// A folder path as libgit2 gives it ("/a/b/") without the trailing slash.
fs::path folder_path(const char* s) {
  fs::path p = fs::path(s).lexically_normal();
  return p.has_filename() ? p : p.parent_path();
}

// A line of a .ignore file in `folder` (relative to the working tree, "" at its top) rewritten
// for the repository's in-memory rules, which apply from the top: libgit2 reads .gitignore
// files itself but no other name. Anchored patterns (a slash before the end, gitignore(5)) get
// the folder in front; the others match at any depth below it.
std::string rebased(std::string line, const std::string& folder) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (folder.empty() || line.empty() || line[0] == '#') return line;
  std::string negate;
  if (line[0] == '!') {
    negate = "!";
    line.erase(0, 1);
  }
  std::string body = line;
  while (!body.empty() && (body.back() == '/' || body.back() == ' ')) body.pop_back();
  if (body.find('/') != std::string::npos)
    return negate + "/" + folder + (line[0] == '/' ? "" : "/") + line;
  return negate + "/" + folder + "/**/" + line;
}

// The ignore rules of one working tree, as libgit2 reads them: .gitignore files at every level,
// .git/info/exclude and core.excludesFile for a repository found on disk. Outside any
// repository an in-memory one (nothing written anywhere) takes the walked folder as its working
// tree, so the .gitignore files inside it still apply.
class IgnoreScope {
 public:
  IgnoreScope(const GitApi& git, Repo repo, fs::path workdir)
      : git_(git), repo_(std::move(repo)), workdir_(std::move(workdir)) {}

  const fs::path& workdir() const { return workdir_; }

  bool ignored(const fs::path& real) const {
    auto rel = real.lexically_relative(workdir_);
    if (rel.empty() || rel == "." || *rel.begin() == "..") return false;
    int ignored = 0;
    if (git_.ignore_path_is_ignored(&ignored, repo_.get(), rel.generic_string().c_str()) < 0)
      return false;
    return ignored == 1;
  }

  // The rules of `folder`/.ignore (ripgrep's file for rules that are not Git's), once per folder.
  // In-memory rules come before every .gitignore, as ripgrep gives .ignore precedence.
  void add_dot_ignore(const fs::path& folder) {
    if (!read_.insert(folder).second) return;
    std::ifstream in(folder / ".ignore", std::ios::binary);
    if (!in) return;
    auto rel = folder.lexically_relative(workdir_).generic_string();
    if (rel == ".") rel.clear();
    if (rel.compare(0, 2, "..") == 0) return;
    std::string rules, line;
    while (std::getline(in, line)) rules += rebased(line, rel) + "\n";
    git_.ignore_add_rule(repo_.get(), rules.c_str());
  }

 private:
  const GitApi& git_;
  Repo repo_;
  fs::path workdir_;
  std::set<fs::path> read_;
};

bool has_glob_chars(const std::string& s) {
  return s.find_first_of("*?[") != std::string::npos;
}

std::vector<std::string> split_path(const std::string& s) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == '/') {
      if (i > start && s.compare(start, i - start, ".") != 0)
        parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return parts;
}

bool match_from(const std::vector<std::string>& pat, size_t i, const std::vector<std::string>& path,
                size_t j, bool folder) {
  if (j == path.size()) {
    if (folder) return i < pat.size();  // something deeper may still match
    for (; i < pat.size(); ++i)
      if (pat[i] != "**") return false;
    return true;
  }
  if (i == pat.size()) return false;
  if (pat[i] == "**")
    return match_from(pat, i + 1, path, j, folder) || match_from(pat, i, path, j + 1, folder);
  if (fnmatch(pat[i].c_str(), path[j].c_str(), FNM_PERIOD) != 0) return false;
  return match_from(pat, i + 1, path, j + 1, folder);
}

// What a walk keeps: `want(parts, folder)` is asked of every file, and of every folder before
// it is entered (false prunes it), with the path relative to the walked root split at '/'.
using Want = std::function<bool(const std::vector<std::string>& parts, bool folder)>;

class Walker {
 public:
  explicit Walker(const WalkOptions& options) : options_(options) {}
  ~Walker() {
    scopes_.clear();
    if (git_ready_) git_->libgit2_shutdown();
  }

  // The files under folder `root` that `want` keeps, sorted; written as `display` joined with
  // their path below the root ("" for the current folder, leaving paths relative).
  void walk(const std::string& root, const std::string& display, const Want& want, Expanded& out) {
    std::error_code ec;
    fs::path real = fs::canonical(root, ec);
    if (ec) {
      out.errors.push_back({root, 0, "cannot read directory: " + ec.message()});
      return;
    }
    // libgit2 is loaded and started only when a folder is walked: its initialisation (TLS and
    // hashing back-ends) costs about 55 M instructions, as much as checking a 20 KB page, and a
    // check of named files (an editor, a pre-commit hook) never needs it. Without its module
    // the walk would check what the ignore files exclude, so the folder is an input error.
    if (options_.use_ignores && !git_) {
      std::string error;
      git_ = git_api(error);
      if (!git_) {
        out.errors.push_back(
            {root, 0, "cannot read ignore files: " + error + " (--no-ignore walks without them)"});
        return;
      }
      git_ready_ = git_->libgit2_init() >= 0;
    }
    // libgit2 loaded but not started: the ignore files would be silently unread.
    if (options_.use_ignores && !git_ready_) {
      out.errors.push_back(
          {root, 0,
           "cannot read ignore files: libgit2 did not start (--no-ignore walks without them)"});
      return;
    }
    IgnoreScope* scope = options_.use_ignores && git_ready_ ? scope_for_root(real) : nullptr;
    std::vector<std::string> found, parts;
    if (!walk_folder(real, display, parts, scope, want, found, out.errors, ec))
      out.errors.push_back({root, 0, "cannot read directory: " + ec.message()});
    std::sort(found.begin(), found.end());
    out.files.insert(out.files.end(), found.begin(), found.end());
  }

 private:
  IgnoreScope* keep(Repo repo, const fs::path& workdir) {
    scopes_.push_back(std::make_unique<IgnoreScope>(*git_, std::move(repo), workdir));
    return scopes_.back().get();
  }

  // An in-memory repository whose working tree is `folder`: libgit2's ignore rules without a
  // repository on disk.
  IgnoreScope* scope_without_repository(const fs::path& folder) {
    git_repository* r = nullptr;
    if (git_->repository_new(&r) < 0) return nullptr;
    Repo repo(r, RepoFree{git_});
    if (git_->repository_set_workdir(r, folder.c_str(), 0) < 0) return nullptr;
    return keep(std::move(repo), folder);
  }

  // The repository `folder` is in, found upward as git does.
  IgnoreScope* open_repository(const fs::path& folder) {
    git_repository* r = nullptr;
    // Not found, bare, or not ours to open (safe.directory): no repository here.
    if (git_->repository_open_ext(&r, folder.c_str(), 0, nullptr) < 0) return nullptr;
    Repo repo(r, RepoFree{git_});
    if (git_->repository_is_bare(r) || !git_->repository_workdir(r)) return nullptr;
    fs::path workdir = folder_path(git_->repository_workdir(r));
    for (const auto& s : scopes_)
      if (s->workdir() == workdir) return s.get();
    return keep(std::move(repo), workdir);
  }

  IgnoreScope* scope_for_root(const fs::path& real) {
    IgnoreScope* scope = open_repository(real);
    // A folder named on the command line is walked even when its repository ignores it (like
    // ripgrep): then only the ignore files inside it apply.
    if (scope && scope->ignored(real)) scope = nullptr;
    if (!scope) return scope_without_repository(real);
    // .ignore files from the top of the working tree down to the root's parent apply to it too
    // (the root's own is read by the walk).
    auto rel = real.lexically_relative(scope->workdir());
    fs::path folder = scope->workdir();
    for (const auto& part : rel) {
      if (part == ".") break;
      scope->add_dot_ignore(folder);
      folder /= part;
    }
    return scope;
  }

  // Walks one folder; false (with `ec`) when it cannot be read.
  bool walk_folder(const fs::path& real, const std::string& display,
                   std::vector<std::string>& parts, IgnoreScope* scope, const Want& want,
                   std::vector<std::string>& found, std::vector<text::InputError>& errors,
                   std::error_code& ec) {
    struct Entry {
      std::string name;
      bool folder;
    };
    std::vector<Entry> entries;
    for (fs::directory_iterator it(real, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code e;
      auto name = it->path().filename().string();
      // Symbolic links to folders are not followed (no loops); links to files are read.
      if (it->symlink_status(e).type() == fs::file_type::directory)
        entries.push_back({name, true});
      else if (it->is_regular_file(e))
        entries.push_back({name, false});
    }
    if (ec) return false;
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    if (scope) scope->add_dot_ignore(real);
    for (const auto& e : entries) {
      if (e.name == ".git") continue;
      if (options_.use_ignores && (e.name[0] == '.' || (e.folder && e.name == "node_modules")))
        continue;
      fs::path child = real / e.name;
      std::string shown = display.empty() ? e.name : (fs::path(display) / e.name).string();
      parts.push_back(e.name);
      if (e.folder) {
        // A repository inside this one (a submodule, a clone) is walked with the same scope:
        // libgit2 reads the .gitignore files inside it like any others, and the .ignore files
        // above it still apply.
        // A folder that cannot be read is an input error (exit 2), never a silent skip: the
        // drafts in it would go unchecked and the run would pass.
        std::error_code unreadable;
        if (want(parts, true) && !(scope && scope->ignored(child)) &&
            !walk_folder(child, shown, parts, scope, want, found, errors, unreadable))
          errors.push_back({shown, 0, "cannot read directory: " + unreadable.message()});
      } else if (want(parts, false) && !(scope && scope->ignored(child))) {
        found.push_back(shown);
      }
      parts.pop_back();
    }
    return true;
  }

  WalkOptions options_;
  const GitApi* git_ = nullptr;  // libgit2, loaded when a folder is first walked with ignores
  bool git_ready_ = false;       // git_libgit2_init has run
  std::vector<std::unique_ptr<IgnoreScope>> scopes_;
};

std::string lower_extension(const std::string& name) {
  auto ext = fs::path(name).extension().string();
  for (auto& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return ext;
}

}  // namespace

bool is_draft_name(const std::string& name) {
  auto ext = lower_extension(name);
  return ext == ".txt" || ext == ".md" || ext == ".markdown";
}

bool is_glob(const std::string& arg) {
  std::error_code ec;
  return has_glob_chars(arg) && !fs::exists(fs::symlink_status(arg, ec));
}

bool glob_matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                  bool folder) {
  return match_from(pattern, 0, path, 0, folder);
}

Expanded expand_paths(const std::vector<std::string>& args, const WalkOptions& options) {
  Expanded out;
  Walker walker(options);
  auto drafts = [](const std::vector<std::string>& parts, bool folder) {
    return folder || is_draft_name(parts.back());
  };
  for (const auto& arg : args) {
    if (arg == "-") {
      out.files.push_back(arg);
      continue;
    }
    if (is_glob(arg)) {
      // The folders before the first part with a wildcard are where the walk starts.
      auto parts = split_path(arg);
      size_t literal = 0;
      while (literal < parts.size() && !has_glob_chars(parts[literal])) ++literal;
      std::string base = arg[0] == '/' ? "/" : "";
      for (size_t i = 0; i < literal; ++i)
        base += (base.empty() || base.back() == '/' ? "" : "/") + parts[i];
      std::vector<std::string> pattern(parts.begin() + static_cast<long>(literal), parts.end());
      size_t before = out.files.size();
      std::error_code ec;
      if (fs::is_directory(base.empty() ? "." : base, ec)) {
        Expanded matched;
        walker.walk(
            base.empty() ? "." : base, base,
            [&](const std::vector<std::string>& p, bool folder) {
              return glob_matches(pattern, p, folder);
            },
            matched);
        out.files.insert(out.files.end(), matched.files.begin(), matched.files.end());
        out.errors.insert(out.errors.end(), matched.errors.begin(), matched.errors.end());
      }
      if (out.files.size() == before) out.errors.push_back({arg, 0, "no files match this pattern"});
      continue;
    }
    std::error_code ec;
    auto st = fs::status(arg, ec);
    if (ec || !fs::exists(st))
      out.errors.push_back({arg, 0, "no such file or directory"});
    else if (fs::is_directory(st))
      walker.walk(arg, arg, drafts, out);
    else
      out.files.push_back(arg);  // named explicitly: read whatever its name or ignore rules
  }
  return out;
}

}  // namespace tally::cli
