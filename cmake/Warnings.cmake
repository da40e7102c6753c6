# Warnings every target of ours builds with; REVIEW_WERROR turns them into errors
# (dev and CI presets) without forcing -Werror on packagers' newer compilers.
function(review_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wconversion -Wsign-conversion
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough
    # GCC 12 judges null dereferences after inlining, so at -O2 it flags libstdc++'s own
    # string moves inside CLI11; clang checks the source as written.
    $<$<CXX_COMPILER_ID:Clang>:-Wnull-dereference>)
  if(REVIEW_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
