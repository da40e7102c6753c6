# The commit the binary is built from, for `review --version`. Asked of git at
# configure time; CMake re-configures when HEAD moves, so the name never goes stale.
# A source tree without .git (a release tarball, the Action's checkout) can name it:
# -DREVIEW_GIT_COMMIT=<id>.
if(DEFINED CACHE{REVIEW_GIT_COMMIT} AND NOT REVIEW_GIT_COMMIT STREQUAL "")
  return()
endif()
find_package(Git QUIET)
set(REVIEW_GIT_COMMIT "unknown")
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --short=12 HEAD
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
    OUTPUT_VARIABLE _commit OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _rc)
  if(_rc EQUAL 0 AND _commit)
    set(REVIEW_GIT_COMMIT "${_commit}")
    # HEAD, the branch it points to and packed-refs change when a commit is made or checked out.
    execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --git-dir --git-common-dir --symbolic-full-name HEAD
      WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
      OUTPUT_VARIABLE _git_paths OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    string(REPLACE "\n" ";" _git_paths "${_git_paths}")
    list(LENGTH _git_paths _count)
    if(_count GREATER_EQUAL 2)
      list(GET _git_paths 0 _git_dir)
      list(GET _git_paths 1 _common_dir)
      get_filename_component(_git_dir "${_git_dir}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
      get_filename_component(_common_dir "${_common_dir}" ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
      set(_watch "${_git_dir}/HEAD" "${_common_dir}/packed-refs")
      if(_count GREATER_EQUAL 3)
        list(GET _git_paths 2 _branch_ref)
        list(APPEND _watch "${_common_dir}/${_branch_ref}")
      endif()
      foreach(_file IN LISTS _watch)
        if(EXISTS "${_file}")
          set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_file}")
        endif()
      endforeach()
    endif()
  endif()
endif()
