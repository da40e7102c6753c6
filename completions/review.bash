# bash completion for review (dealreview).
# Subcommands, options and option values are read from `review … --help` as you
# type, so they always match the installed binary, whatever its version.

# Turns CLI11's help text into one record per line, fields separated by tabs:
#   S  name  description                 a subcommand
#   O  -q,--quiet  takes-value  values  description   an option (values: "a b c" or "")
#   P  name  description                 a positional argument
_review_parse_help() {
  awk '
    function flush() { if (kind != "") print kind "\t" names "\t" arg "\t" vals "\t" desc; kind = "" }
    /^[^ ].*:$/ { flush(); section = $0; next }
    /^$/ { flush(); next }
    substr($0, 1, 30) == "                              " {
      if (kind != "") { d = $0; sub(/^ +/, "", d); desc = desc (desc == "" ? "" : " ") d }
      next
    }
    /^  [^ ]/ {
      flush()
      line = substr($0, 3); desc = ""
      cut = index(line, "  ")
      if (cut > 0) { head = substr(line, 1, cut - 1); desc = substr(line, cut); sub(/^ +/, "", desc) }
      else head = line
      n = split(head, tok, " ")
      names = tok[1]; arg = 0; vals = ""
      if (section == "Subcommands:") kind = "S"
      else if (section == "Positionals:") kind = "P"
      else if (section == "Options:") {
        kind = "O"
        if (n >= 2 && tok[2] ~ /^[A-Z][A-Z][A-Z]/) {
          arg = 1
          if (match(tok[2], /\{[^}]*\}/)) { vals = substr(tok[2], RSTART + 1, RLENGTH - 2); gsub(/,/, " ", vals) }
        }
      }
    }
    END { flush() }'
}

# Exit 0 when the parsed help ($1) lists a record of kind $2 named $3.
_review_has() {
  awk -F '\t' -v kind="$2" -v name="$3" '
    $1 == kind { n = split($2, names, ","); for (i = 1; i <= n; i++) if (names[i] == name) found = 1 }
    END { exit !found }' <<<"$1"
}

_review() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=""
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  local -a chain=()
  local spec word i
  spec=$(command review --help 2>/dev/null | _review_parse_help)
  # Walk the words typed so far to find the (sub)command being completed.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    [[ $word == -* ]] && continue
    if _review_has "$spec" S "$word"; then
      chain+=("$word")
      spec=$(command review "${chain[@]}" --help 2>/dev/null | _review_parse_help)
    fi
  done

  if [[ $prev == -* ]]; then
    local takes values
    takes=$(awk -F '\t' -v name="$prev" '
      $1 == "O" { n = split($2, names, ","); for (i = 1; i <= n; i++) if (names[i] == name) { print $3 "\t" $4; exit } }' <<<"$spec")
    if [[ ${takes%%$'\t'*} == 1 ]]; then
      values=${takes#*$'\t'}
      if [[ -n $values ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
      else
        compopt -o default 2>/dev/null
        COMPREPLY=()
      fi
      return 0
    fi
  fi

  if [[ $cur == -* ]]; then
    local options
    options=$(awk -F '\t' '$1 == "O" { gsub(/,/, " ", $2); printf "%s ", $2 }' <<<"$spec")
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
    return 0
  fi
  local commands
  commands=$(awk -F '\t' '$1 == "S" { printf "%s ", $2 }' <<<"$spec")
  mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
  # Commands that take files (review lint PATH…) also complete file names.
  if awk -F '\t' '$1 == "P" { found = 1 } END { exit !found }' <<<"$spec"; then
    compopt -o default 2>/dev/null
  fi
  return 0
}

complete -F _review review
