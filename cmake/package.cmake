# `cpack -G DEB` (or the `package_deb` target): a Debian package of everything `cmake --install`
# installs, under /usr. Its runtime dependencies are computed by dpkg-shlibdeps from the shared
# libraries tally and libtally.so actually load (libre2-9, liblua5.4-0, libyaml-cpp0.7, ...), so
# they follow the build rather than a hand-kept list; tests/e2e/deb_package_test.sh checks them.
set(TALLY_PACKAGE_MAINTAINER "Tally maintainers <tally-news@users.noreply.github.com>"
    CACHE STRING "Maintainer field of the .deb")
set(CPACK_PACKAGE_NAME tally)
set(CPACK_PACKAGE_VENDOR "The Tally authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "fact-checking rules engine for news copy")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/tally-news/tally")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_RESOURCE_FILE_README ${CMAKE_SOURCE_DIR}/README.md)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)  # line tables stay in the build tree; the package is a fifth the size
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${TALLY_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)  # and ldconfig in postinst/postrm for libtally.so.1
# The long description; the summary above is its first line.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "Tally parses drafts of news copy (plain text, pages extracted from PDF,
Markdown) into articles and the facts inside them, and flags what does not
add up: rates against their counts, parts against wholes, count words
against their lists, impossible and future dates, conflicting figures,
unbalanced quotes, PDF extraction artifacts. Rules are YAML and Lua files.
.
This package has the tally command (check, lsp, serve, ...), the C library
libtally.so.1 with its header and pkg-config file, the shipped rule packs,
the man page and the documentation. Licensed under Apache-2.0.")
include(CPack)

# `cmake --build build --target package_deb` writes build/tally_VERSION_ARCH.deb.
add_custom_target(package_deb
  COMMAND ${CMAKE_CPACK_COMMAND} -G DEB --config ${CMAKE_BINARY_DIR}/CPackConfig.cmake
          -B ${CMAKE_BINARY_DIR}
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
  COMMENT "Building the Debian package"
  VERBATIM)
add_dependencies(package_deb tally tally_shared)
if(TARGET tally_man)
  add_dependencies(package_deb tally_man)
endif()
if(TARGET tally_completions)
  add_dependencies(package_deb tally_completions)
endif()
