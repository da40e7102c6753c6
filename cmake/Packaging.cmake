# Installing like a real tool: the man page and shell completions beside the binary
# (cli/ installs `review` itself), and CPack's .deb with its Debian dependencies.
#   cmake --install build --prefix /usr/local
#   cpack --config build/CPackConfig.cmake -G DEB
include(GNUInstallDirs)
# `cmake --install` and cpack package what was built instead of building everything
# (tests included) first: build `review`, then install or package.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY TRUE)

# Debian wants man pages gzipped (-n: no timestamp, so the package is reproducible).
# Compressed at install time, so a build of only `review` can still be installed.
find_program(REVIEW_GZIP gzip REQUIRED)
install(CODE "
  set(_man_dir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_MANDIR}/man1\")
  file(MAKE_DIRECTORY \"\${_man_dir}\")
  message(STATUS \"Installing: \${_man_dir}/review.1.gz\")
  execute_process(COMMAND \"${REVIEW_GZIP}\" -9 -n -c \"${PROJECT_SOURCE_DIR}/docs/review.1\"
    OUTPUT_FILE \"\${_man_dir}/review.1.gz\" COMMAND_ERROR_IS_FATAL ANY)
  list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${_man_dir}/review.1.gz\")
")

install(FILES ${PROJECT_SOURCE_DIR}/completions/review.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME review)
install(FILES ${PROJECT_SOURCE_DIR}/completions/_review
  DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dealreview)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "dealreview maintainers <dealreview@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "win/loss reviews as code: scaffold, lint and publish sales deal reviews")
set(CPACK_PACKAGE_DESCRIPTION "review scaffolds sales win/loss reviews (Markdown files with YAML front matter
in a git repository), lints them for completeness and blame language, and builds
a static site that indexes wins, losses and the follow-up actions each review
hands to product, marketing, finance and sales enablement.")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE https://github.com/dealreview/dealreview)
set(CPACK_STRIP_FILES ON)
# `review hooks install` writes a hook that git runs; the completions need bash-completion.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS git)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS bash-completion)

# Runtime dependencies: dpkg-shlibdeps reads them off the binary, so they are exact on
# whichever release the package is built (Debian 12, Ubuntu 24.04, …). Without
# dpkg-dev, name Debian 12's packages by hand.
find_program(REVIEW_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(REVIEW_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6, libstdc++6, libgcc-s1, libmd4c0, libmd4c-html0, libyaml-0-2, libgit2-1.5, libfmt9, libre2-9, libcpp-httplib0.11, libmimalloc2.0, libxxhash0")
endif()

# dealreview_0.1.0_debian-12_amd64.deb: the Action picks the asset matching its runner.
cmake_host_system_information(RESULT _distro_id QUERY DISTRIB_ID)
cmake_host_system_information(RESULT _distro_version QUERY DISTRIB_VERSION_ID)
find_program(REVIEW_DPKG dpkg)
set(_arch ${CMAKE_SYSTEM_PROCESSOR})
if(REVIEW_DPKG)
  execute_process(COMMAND ${REVIEW_DPKG} --print-architecture OUTPUT_VARIABLE _arch OUTPUT_STRIP_TRAILING_WHITESPACE)
endif()
if(_distro_id AND _distro_version)
  set(CPACK_DEBIAN_FILE_NAME "${CPACK_PACKAGE_NAME}_${PROJECT_VERSION}_${_distro_id}-${_distro_version}_${_arch}.deb")
else()
  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
endif()

include(CPack)
