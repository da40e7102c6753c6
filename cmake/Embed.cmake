# Compiles data files (templates, phrase lists, site assets) into a library as
# byte arrays, so the single `review` binary needs nothing installed beside it.
#
#   review_embed(TARGET name NAMESPACE ns BASE dir FILES f1 f2 ...)
#
# generates name.hpp/.cpp with `std::span<const EmbeddedFile> ns::embedded_files()`
# and `std::optional<std::string_view> ns::embedded_file(std::string_view path)`,
# paths relative to BASE with forward slashes.
set(_REVIEW_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_files.cmake)

function(review_embed)
  cmake_parse_arguments(E "" "TARGET;NAMESPACE;BASE" "FILES" ${ARGN})
  set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/embedded)
  set(out_cpp ${out_dir}/${E_TARGET}.cpp)
  set(out_hpp ${out_dir}/${E_TARGET}.hpp)
  list(SORT E_FILES)
  set(list_file ${out_dir}/${E_TARGET}.files)
  string(REPLACE ";" "\n" _lines "${E_FILES}")
  file(MAKE_DIRECTORY ${out_dir})
  file(CONFIGURE OUTPUT ${list_file} CONTENT "${_lines}\n")
  add_custom_command(
    OUTPUT ${out_cpp} ${out_hpp}
    COMMAND ${CMAKE_COMMAND} -DLIST=${list_file} -DBASE=${E_BASE} -DNAMESPACE=${E_NAMESPACE}
            -DNAME=${E_TARGET} -DOUT_CPP=${out_cpp} -DOUT_HPP=${out_hpp} -P ${_REVIEW_EMBED_SCRIPT}
    DEPENDS ${E_FILES} ${list_file} ${_REVIEW_EMBED_SCRIPT}
    COMMENT "Embedding ${E_TARGET}")
  add_library(${E_TARGET} STATIC ${out_cpp})
  target_include_directories(${E_TARGET} PUBLIC ${CMAKE_CURRENT_BINARY_DIR})
endfunction()
