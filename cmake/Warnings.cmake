# Warnings every target of ours builds with; REVIEW_WERROR turns them into errors
# (dev and CI presets) without forcing -Werror on packagers' newer compilers.
function(review_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wconversion -Wsign-conversion
    -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
  if(REVIEW_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
