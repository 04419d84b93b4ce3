# Installed data: the shipped rule packs as files (they are also compiled into tally; these are
# for reading, for `tally test-rules`, and for rule authors to start from), the documentation
# that rule links point at (README.md and docs/ under share/doc/tally, so README's relative links
# still work there), and the licence.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/rules/ DESTINATION ${CMAKE_INSTALL_DATADIR}/tally/rules)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/LICENSE
              ${CMAKE_SOURCE_DIR}/cmake/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
