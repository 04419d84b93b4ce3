// text::write_file_atomically: a new file gets the mode a new file would, an existing one keeps
// its mode, a device is written in place with its errors seen, and a failure names the path and
// the cause. The full-disk cases are in tests/e2e/atomic_write_test.py (they need a mount).
#include "text/atomic_write.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace tally;
namespace fs = std::filesystem;

namespace {

struct Folder {
  fs::path path = fs::temp_directory_path() / ("tally-atomic-" + std::to_string(::getpid()));
  Folder() { fs::create_directories(path); }
  ~Folder() { fs::remove_all(path); }
};

std::string contents(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  BOOST_REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(atomic_write)

BOOST_AUTO_TEST_CASE(a_new_file_gets_the_umask_and_an_old_one_keeps_its_mode) {
  Folder d;
  auto p = d.path / "base.json";
  std::string error;
  mode_t mask = ::umask(022);
  BOOST_TEST(text::write_file_atomically(p.string(), "one\n", error));
  BOOST_TEST(contents(p) == "one\n");
  BOOST_TEST(mode_of(p) == 0644u);
  ::chmod(p.c_str(), 0600);
  BOOST_TEST(text::write_file_atomically(p.string(), "two\n", error));
  ::umask(mask);
  BOOST_TEST(contents(p) == "two\n");
  BOOST_TEST(mode_of(p) == 0600u);
  BOOST_TEST(std::distance(fs::directory_iterator(d.path), fs::directory_iterator()) == 1);
}

BOOST_AUTO_TEST_CASE(failures_name_the_path_and_the_cause) {
  Folder d;
  std::string error;
  auto missing = (d.path / "no" / "base.json").string();
  BOOST_TEST(!text::write_file_atomically(missing, "x", error));
  BOOST_TEST(error == missing + ": cannot create a file in " + (d.path / "no").string() +
                          ": No such file or directory");
  BOOST_TEST(!text::write_file_atomically(d.path.string(), "x", error));
  BOOST_TEST(error == d.path.string() + ": is a folder");
  if (fs::exists("/dev/full")) {
    BOOST_TEST(!text::write_file_atomically("/dev/full", "x", error));
    BOOST_TEST(error == "/dev/full: No space left on device");
  }
  if (fs::exists("/dev/null")) {  // a device written in place, not replaced by a rename
    BOOST_TEST(text::write_file_atomically("/dev/null", "x", error));
    BOOST_TEST(fs::is_character_file("/dev/null"));
  }
}

// --fix: a file saved by someone else between the read and the write is left as they saved it.
BOOST_AUTO_TEST_CASE(replace_if_unchanged_leaves_a_file_changed_since_it_was_read) {
  Folder dir;
  auto p = dir.path / "draft.txt";
  { std::ofstream(p, std::ios::binary) << "saved meanwhile\n"; }
  std::string error;
  BOOST_TEST(!text::replace_if_unchanged(p.string(), "as read\n", "fixed\n", error));
  BOOST_TEST(error == p.string() + ": changed on disk since it was read");
  BOOST_TEST(contents(p) == "saved meanwhile\n");
  BOOST_TEST(fs::directory_iterator(dir.path)->path() == p);  // no temporary file left
  ::chmod(p.c_str(), 0640);
  BOOST_TEST(text::replace_if_unchanged(p.string(), "saved meanwhile\n", "fixed\n", error));
  BOOST_TEST(contents(p) == "fixed\n");
  BOOST_TEST(mode_of(p) == 0640u);
}

BOOST_AUTO_TEST_SUITE_END()
