#include "text/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include "text/read_file.hpp"

namespace tally::text {

namespace fs = std::filesystem;

namespace {

std::string cause(int err) {
  return std::strerror(err);
}

// Every byte, retrying short writes and interrupted ones; errno is left set on failure.
bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return false;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// The file a chain of symbolic links ends at (the link itself is kept when it is replaced).
fs::path resolve_links(fs::path p) {
  std::error_code ec;
  for (int hops = 0; hops < 40 && fs::is_symlink(p, ec); ++hops) {
    auto link = fs::read_symlink(p, ec);
    if (ec) break;
    p = link.is_absolute() ? link : p.parent_path() / link;
  }
  return p;
}

// A device or a pipe: written in place, since renaming over it would replace the node itself.
bool write_in_place(const std::string& shown, const fs::path& target, std::string_view bytes,
                    std::string& error) {
  int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    error = shown + ": " + cause(errno);
    return false;
  }
  bool ok = write_all(fd, bytes);
  int err = errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (!ok) error = shown + ": " + cause(err);
  return ok;
}

}  // namespace

bool write_file_atomically(const std::string& path, std::string_view bytes, std::string& error) {
  fs::path target = resolve_links(path);
  struct stat old {};
  bool exists = ::stat(target.c_str(), &old) == 0;
  if (!exists && errno != ENOENT) {
    error = path + ": " + cause(errno);
    return false;
  }
  if (exists && S_ISDIR(old.st_mode)) {
    error = path + ": is a folder";
    return false;
  }
  if (exists && !S_ISREG(old.st_mode)) return write_in_place(path, target, bytes, error);
  // A file its owner made read-only stays so: the rename would replace it all the same.
  if (exists && ::access(target.c_str(), W_OK) != 0) {
    error = path + ": " + cause(errno);
    return false;
  }

  // The temporary file sits beside the target: rename() only replaces within one filesystem.
  fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::string base = target.filename().string().substr(0, 200);  // within NAME_MAX
  std::random_device seed;
  std::mt19937_64 random(seed());
  fs::path temp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    temp = folder / ("." + base + ".tally-" + std::to_string(random() % 1000000000));
    // 0666 less the umask, as a new file would get; an existing target's mode is copied below.
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) {
    error = path + ": cannot create a file in " + folder.string() + ": " + cause(errno);
    return false;
  }
  auto fail = [&](int err) {
    ::unlink(temp.c_str());
    error = path + ": " + cause(err);
    return false;
  };
  if (exists) {
    // Best effort: an owner only root may give; the permissions are the old file's either way.
    if ((old.st_uid != ::geteuid() || old.st_gid != ::getegid()) &&
        ::fchown(fd, old.st_uid, old.st_gid) != 0) {
    }
    if (::fchmod(fd, old.st_mode & 07777) != 0) {
      int err = errno;
      ::close(fd);
      return fail(err);
    }
  }
  // Written, flushed to the disk and closed, each checked: a full disk may only say so at
  // fsync or close.
  if (!write_all(fd, bytes) || (::fsync(fd) != 0 && errno != EINVAL)) {
    int err = errno;
    ::close(fd);
    return fail(err);
  }
  if (::close(fd) != 0) return fail(errno);
  if (::rename(temp.c_str(), target.c_str()) != 0) return fail(errno);
  // The rename itself reaches the disk with the folder (best effort: not every filesystem can).
  int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return true;
}

bool replace_if_unchanged(const std::string& path, std::string_view expected,
                          std::string_view bytes, std::string& error) {
  auto now = read_whole_file(path, error);
  if (!now) {
    error = path + ": " + error;
    return false;
  }
  if (*now != expected) {
    error = path + ": changed on disk since it was read";
    return false;
  }
  return write_file_atomically(path, bytes, error);
}

}  // namespace tally::text
