# Installing oblige: `cmake --install` puts the binary, the man page and the
# bash, zsh and fish completions where Debian's tools look for them, and
# CPack turns the same rules into oblige_VERSION_ARCH.deb with its runtime
# dependencies worked out by dpkg-shlibdeps (scripts/package.sh builds the
# release package; tests/packaging_test.sh installs one and runs it).
include(GNUInstallDirs)

# The man page, with the version filled in and compressed as Debian wants
# (gzip -n: no name or time stamp, so the package is reproducible).
set(OBLIGE_MAN_MODULE_DIR "${OBLIGE_MODULE_INSTALL_DIR}")  # under the prefix
set(OBLIGE_MAN_PAGE ${CMAKE_BINARY_DIR}/packaging/oblige.1)
configure_file(${CMAKE_SOURCE_DIR}/packaging/oblige.1.in ${OBLIGE_MAN_PAGE} @ONLY)
find_program(OBLIGE_GZIP gzip)
if(OBLIGE_GZIP)
  add_custom_command(OUTPUT ${OBLIGE_MAN_PAGE}.gz
    COMMAND ${OBLIGE_GZIP} -9nkf ${OBLIGE_MAN_PAGE}
    DEPENDS ${OBLIGE_MAN_PAGE}
    VERBATIM)
  add_custom_target(oblige_man_page ALL DEPENDS ${OBLIGE_MAN_PAGE}.gz)
  set(OBLIGE_MAN_PAGE ${OBLIGE_MAN_PAGE}.gz)
endif()

install(TARGETS oblige RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS oblige-pdf oblige-git LIBRARY DESTINATION ${OBLIGE_MODULE_INSTALL_DIR})
install(FILES ${OBLIGE_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# bash-completion and fish look under every $XDG_DATA_DIRS (/usr/local/share
# and /usr/share), so one relative folder serves both prefixes.
install(FILES packaging/completions/oblige.bash RENAME oblige
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
install(FILES packaging/completions/oblige.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
# Debian's zsh reads packaged completions from /usr/share/zsh/vendor-completions
# and local ones from /usr/local/share/zsh/site-functions; the folder is chosen
# when installing, since CPack installs with its own prefix.
install(CODE "
  if(CMAKE_INSTALL_PREFIX MATCHES \"^/usr/?$\")
    set(oblige_zsh_dir vendor-completions)
  else()
    set(oblige_zsh_dir site-functions)
  endif()
  file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}/zsh/\${oblige_zsh_dir}\"
       TYPE FILE FILES \"${CMAKE_SOURCE_DIR}/packaging/completions/_oblige\")")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME oblige)
set(CPACK_PACKAGE_VENDOR "oblige developers")
set(OBLIGE_PACKAGE_MAINTAINER "oblige developers" CACHE STRING "The Maintainer field of the .deb")
set(CPACK_PACKAGE_CONTACT "${OBLIGE_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "what the license of an AI model obliges you to do")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION_SUMMARY}
oblige scans model folders, repositories and Hugging Face or ModelScope
caches, identifies the license texts it finds (Qwen, Llama, Gemma, DeepSeek,
the OpenRAIL family and many more, in English and Chinese), and reports clause
by clause and line by line what they oblige you to do: attribution, copies of
the agreement, commercial-use thresholds, non-commercial terms, registration.
Output as text, JSON or SARIF 2.1.0 for GitHub code scanning.")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/oblige-scanner/oblige")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # oblige_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)   # Depends: from dpkg-shlibdeps
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_GENERATOR "")
include(CPack)

if(BUILD_TESTING AND NOT OBLIGE_SANITIZE AND NOT OBLIGE_FUZZ)
  # Builds the .deb from this build tree with CPack, installs it in a
  # throwaway root and runs what it installed.
  add_test(NAME packaging
           COMMAND ${CMAKE_SOURCE_DIR}/tests/packaging_test.sh ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR})
  # `cmake --install` under a local prefix, and the completions from there.
  add_test(NAME install_local_prefix
           COMMAND ${CMAKE_SOURCE_DIR}/tests/install_test.sh ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR})
  set_tests_properties(packaging install_local_prefix PROPERTIES LABELS packaging SKIP_RETURN_CODE 77)
endif()
