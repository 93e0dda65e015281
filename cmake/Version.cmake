# What `oblige --version` prints besides the project version (oblige_version.h):
#
#   oblige_build_info.h      OBLIGE_GIT_COMMIT: the commit the sources were
#                            built from ("-dirty" with uncommitted changes,
#                            "unknown" outside a git checkout). Rewritten at
#                            every build, but only touched when it changes, so
#                            a new HEAD recompiles main.cc alone, with no
#                            reconfigure. -DOBLIGE_GIT_COMMIT=... sets it (a
#                            release tarball, a distribution's build).
#   oblige_signature_data.h  OBLIGE_SIGNATURE_COUNT and
#                            OBLIGE_SIGNATURE_DATA_VERSION, written by
#                            oblige-compile-signatures --data-version whenever
#                            a signature file changes.
set(OBLIGE_GIT_COMMIT "" CACHE STRING "Commit shown by oblige --version (empty: ask git at build time)")

set(OBLIGE_BUILD_INFO_H ${CMAKE_BINARY_DIR}/generated/oblige_build_info.h)
add_custom_target(oblige_build_info
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUTPUT=${OBLIGE_BUILD_INFO_H}
          -DCOMMIT=${OBLIGE_GIT_COMMIT} -P ${CMAKE_CURRENT_LIST_DIR}/WriteBuildInfo.cmake
  BYPRODUCTS ${OBLIGE_BUILD_INFO_H}
  COMMENT "Checking the commit for oblige --version"
  VERBATIM)

set(OBLIGE_SIGNATURE_DATA_H ${CMAKE_BINARY_DIR}/generated/oblige_signature_data.h)
add_custom_command(
  OUTPUT ${OBLIGE_SIGNATURE_DATA_H}
  COMMAND oblige-compile-signatures --data-version ${CMAKE_SOURCE_DIR}/signatures ${OBLIGE_SIGNATURE_DATA_H}
  DEPENDS oblige-compile-signatures ${OBLIGE_SIGNATURE_FILES}
  COMMENT "Computing the signature data version"
  VERBATIM)
add_custom_target(oblige_signature_data DEPENDS ${OBLIGE_SIGNATURE_DATA_H})

add_dependencies(oblige oblige_build_info oblige_signature_data)
