// `review` installed like a real tool: --version, the man page kept in sync with the
// CLI's own help, bash and zsh completions, `cmake --install` and the .deb.
#include "support.hpp"
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace fs = std::filesystem;
using review::test::CommandResult;
using review::test::read_text;
using review::test::run_command;
using review::test::run_review;
using review::test::ScratchDir;
using review::test::shell_quote;
using review::test::source_dir;
using review::test::write_text;

fs::path build_dir() {
  return fs::path(REVIEW_BINARY).parent_path();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// ---- CLI11's help text -------------------------------------------------------------

struct HelpEntry {
  std::string head;        // "--format TEXT:{text,json}", "-q,--quiet", "paths TEXT ...", "install"
  std::string description; // continuation lines joined with a space
};

struct HelpSection {
  std::string title; // "Options", "Positionals", "Subcommands"
  std::vector<HelpEntry> entries;
};

struct Help {
  std::vector<std::string> description; // the lines before "Usage:"
  std::string usage;                    // "review lint [OPTIONS] [paths...]"
  std::vector<HelpSection> sections;
};

// CLI11 prints entries as two-space-indented heads padded to column 30, then the
// description; a head too long for that puts the description on the next line.
Help parse_help(const std::string& text) {
  Help help;
  const std::string k_continuation(30, ' ');
  bool in_preamble = true;
  for (const std::string& line : lines_of(text)) {
    if (line.starts_with("Usage: ")) {
      help.usage = line.substr(7);
      in_preamble = false;
    } else if (in_preamble) {
      help.description.push_back(line);
    } else if (line.empty()) {
      continue;
    } else if (line.back() == ':' && line[0] != ' ') {
      help.sections.push_back(HelpSection{line.substr(0, line.size() - 1), {}});
    } else if (line.starts_with(k_continuation) && !help.sections.empty() &&
               !help.sections.back().entries.empty()) {
      auto& description = help.sections.back().entries.back().description;
      description += (description.empty() ? "" : " ") + line.substr(line.find_first_not_of(' '));
    } else if (line.starts_with("  ") && !help.sections.empty()) {
      const std::string body = line.substr(2);
      const std::size_t gap = body.find("  ");
      HelpEntry entry{body.substr(0, gap), ""};
      if (gap != std::string::npos)
        entry.description = body.substr(body.find_first_not_of(' ', gap));
      help.sections.back().entries.push_back(std::move(entry));
    }
  }
  return help;
}

Help help_of(const std::string& command) {
  const CommandResult result = run_review(command + " --help", source_dir());
  INFO(command << " --help\n" << result.output);
  REQUIRE(result.exit_code == 0);
  return parse_help(result.output);
}

// ---- roff ----------------------------------------------------------------------------

// Text for a man page line: backslashes and hyphens escaped, a few typographic
// characters as roff glyphs, and a leading '.' or '\'' kept from being a request.
std::string roff(const std::string& text) {
  static const std::vector<std::pair<std::string, std::string>> k_glyphs = {
      {"—", "\\(em"}, {"–", "\\(en"}, {"…", "\\&..."}, {"→", "\\(->"},
      {"“", "\\(lq"}, {"”", "\\(rq"}, {"’", "\\(cq"}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [from, to] : k_glyphs) {
      if (text.compare(i, from.size(), from) == 0) {
        out += to;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    const char c = text[i++];
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
  }
  if (out.starts_with(".") || out.starts_with("'")) out = "\\&" + out;
  return out;
}

// "-q,--quiet" → bold names; "TEXT:{a,b}" and the rest of the head → italics.
std::string roff_head(const std::string& head) {
  const std::size_t space = head.find(' ');
  const std::string names = head.substr(0, space);
  std::string out;
  std::size_t start = 0;
  while (start <= names.size()) {
    const std::size_t comma = names.find(',', start);
    const std::string name =
        names.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    out += (out.empty() ? "" : ", ") + ("\\fB" + roff(name) + "\\fR");
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (space != std::string::npos) out += " \\fI" + roff(head.substr(space + 1)) + "\\fR";
  return out;
}

// One .SS per command and subcommand, from `review <command> --help`, recursively.
void render_command(const std::string& command, std::string& out) {
  const Help help = help_of(command);
  out += ".SS \"" + roff(help.usage) + "\"\n";
  for (std::size_t i = 0; i < help.description.size(); ++i) {
    if (help.description[i].empty()) continue;
    if (i > 0) out += ".br\n";
    out += roff(help.description[i]) + "\n";
  }
  std::vector<std::string> subcommands;
  for (const HelpSection& section : help.sections) {
    for (const HelpEntry& entry : section.entries) {
      if (section.title == "Subcommands") {
        subcommands.push_back(entry.head);
        continue;
      }
      if (entry.head == "-h,--help") continue; // every command has it; the synopsis says so once
      out += ".TP\n" + roff_head(entry.head) + "\n" + roff(entry.description) + "\n";
    }
  }
  for (const std::string& subcommand : subcommands) render_command(command + " " + subcommand, out);
}

std::string generated_commands() {
  std::string out;
  const Help top = help_of("");
  for (const HelpSection& section : top.sections) {
    if (section.title == "Options") {
      for (const HelpEntry& entry : section.entries)
        out += ".TP\n" + roff_head(entry.head) + "\n" + roff(entry.description) + "\n";
    }
  }
  for (const HelpSection& section : top.sections) {
    if (section.title != "Subcommands") continue;
    for (const HelpEntry& entry : section.entries) render_command(entry.head, out);
  }
  return out;
}

const std::string k_begin = ".\\\" BEGIN GENERATED COMMANDS\n";
const std::string k_end = ".\\\" END GENERATED COMMANDS\n";

std::string diff(const std::string& expected, const std::string& actual) {
  ScratchDir scratch;
  write_text(scratch / "expected", expected);
  write_text(scratch / "actual", actual);
  return run_command("diff -u expected actual", scratch.path()).output;
}

bool have(const std::string& program) {
  return run_command("command -v " + program + " >/dev/null", fs::current_path()).exit_code == 0;
}

// Runs `script` with `shell` in the checkout, the binary under test first on PATH.
CommandResult run_shell_script(const std::string& shell, const std::string& script) {
  ScratchDir scratch;
  write_text(scratch / "script", script);
  return run_command("PATH=" + shell_quote(build_dir().string()) + ":\"$PATH\" " + shell + " " +
                         shell_quote((scratch / "script").string()),
                     source_dir());
}

// The Depends: field's package names, without versions.
std::set<std::string> depends_of(const std::string& field) {
  std::set<std::string> names;
  static const std::regex k_name(R"((?:^|[,|])\s*([a-z0-9][a-z0-9+.-]*))");
  for (auto it = std::sregex_iterator(field.begin(), field.end(), k_name);
       it != std::sregex_iterator(); ++it)
    names.insert((*it)[1]);
  return names;
}

} // namespace

TEST_CASE("review --version") {
  const CommandResult result = run_review("--version", source_dir());
  CHECK(result.exit_code == 0);
  const std::string cmake = read_text(source_dir() / "CMakeLists.txt");
  std::smatch version;
  REQUIRE(
      std::regex_search(cmake, version, std::regex(R"(project\(dealreview VERSION ([0-9.]+))")));
  std::string commit =
      run_command("git rev-parse --short=12 HEAD 2>/dev/null || echo unknown", source_dir()).output;
  CHECK(result.output ==
        "review " + version[1].str() + " (commit " + commit.substr(0, commit.find('\n')) + ")\n");
}

TEST_CASE("man page") {
  const fs::path page = source_dir() / "docs/review.1";
  const std::string text = read_text(page);
  const std::size_t begin = text.find(k_begin);
  const std::size_t end = text.find(k_end);
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);

  SUBCASE("documents every command and option of `review --help`") {
    const std::string current = text.substr(begin + k_begin.size(), end - begin - k_begin.size());
    const std::string expected = generated_commands();
    if (current != expected && std::getenv("REVIEW_UPDATE_GOLDEN") != nullptr) {
      write_text(page, text.substr(0, begin + k_begin.size()) + expected + text.substr(end));
      MESSAGE("rewrote the COMMANDS section of docs/review.1");
    } else {
      INFO("docs/review.1 is out of date with the CLI's help; rewrite it with\n"
           "  REVIEW_UPDATE_GOLDEN=1 build/dev/tests/review_tests -tc='man page'\n"
           << diff(current, expected));
      CHECK(current == expected);
    }
  }
  SUBCASE("renders without warnings") {
    if (!have("groff")) {
      MESSAGE("groff is not installed; the man page's roff was not checked");
      return;
    }
    const CommandResult result =
        run_command("groff -man -Tutf8 -ww -z docs/review.1", source_dir());
    CHECK(result.exit_code == 0);
    CHECK(result.output == "");
  }
}

TEST_CASE("shell completions") {

  SUBCASE("bash: subcommands, options and option values from the help") {
    const std::string script = R"(
source completions/review.bash
complete_line() {
  COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()
  _review
  echo "$*|${COMPREPLY[*]}"
}
complete_line review l
complete_line review lint --f
complete_line review lint --format ''
complete_line review summary --format m
complete_line review hooks ''
complete_line review new --outcome lost --lang ''
complete_line review lint --changed --b
)";
    const CommandResult result = run_shell_script("bash", script);
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK(result.output == "review l|list lint\n"
                           "review lint --f|--format\n"
                           "review lint --format |text json github sarif\n"
                           "review summary --format m|markdown\n"
                           "review hooks |install uninstall\n"
                           "review new --outcome lost --lang |en zh\n"
                           "review lint --changed --b|--base\n");
  }
  SUBCASE("zsh: the same, through compadd and _describe") {
    if (!have("zsh")) {
      MESSAGE("zsh is not installed; the zsh completion was not run");
      return;
    }
    // Stand-ins for zsh's completion builtins print what they are handed.
    const std::string script = R"(
compadd() { [[ $1 == -a ]] && print -r -- "values: ${(j: :)${(P)2}}"; }
_describe() { print -r -- "$3: ${(j: :)${(@)${(P)4}%%:*}}"; }
_files() { print -r -- "files"; }
source <(sed '$d' completions/_review)
complete_line() { words=("$@"); CURRENT=$#; PREFIX=${words[-1]}; _review; }
complete_line review ''
complete_line review lint --format ''
complete_line review hooks ''
complete_line review lint ''
complete_line review summary --f
)";
    const CommandResult result = run_shell_script("zsh -f", script);
    INFO(result.output);
    CHECK(result.exit_code == 0);
    const std::vector<std::string> lines = lines_of(result.output);
    REQUIRE(lines.size() == 5);
    CHECK(lines[0].starts_with("command: init new list "));
    CHECK(lines[0].find(" summary hooks ") != std::string::npos);
    CHECK(lines[1] == "values: text json github sarif");
    CHECK(lines[2] == "command: install uninstall");
    CHECK(lines[3] == "files");
    CHECK(lines[4] == "option: -h --help --base --format");
  }
}

TEST_CASE("cmake --install") {
  ScratchDir prefix;
  const CommandResult result = run_command("cmake --install " + shell_quote(build_dir().string()) +
                                               " --prefix " + shell_quote(prefix.path().string()),
                                           source_dir());
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  for (const char* file :
       {"bin/review", "share/man/man1/review.1.gz", "share/bash-completion/completions/review",
        "share/zsh/vendor-completions/_review"}) {
    CHECK_MESSAGE(fs::is_regular_file(prefix / file), file);
  }
  CHECK(run_command("gzip -dc share/man/man1/review.1.gz", prefix.path()).output ==
        read_text(source_dir() / "docs/review.1"));
  CHECK(read_text(prefix / "share/bash-completion/completions/review") ==
        read_text(source_dir() / "completions/review.bash"));
}

TEST_CASE("cpack .deb") {
  if (!have("dpkg-deb")) {
    MESSAGE("dpkg-deb is not installed; the .deb was not built");
    return;
  }
  ScratchDir out;
  const CommandResult packed = run_command(
      "cpack -G DEB --config " + shell_quote((build_dir() / "CPackConfig.cmake").string()) +
          " -B " + shell_quote(out.path().string()),
      out.path());
  INFO(packed.output);
  REQUIRE(packed.exit_code == 0);
  fs::path deb;
  for (const auto& entry : fs::directory_iterator(out.path()))
    if (entry.path().extension() == ".deb") deb = entry.path();
  REQUIRE_MESSAGE(!deb.empty(), "cpack wrote no .deb");
  CHECK(std::regex_match(deb.filename().string(),
                         std::regex(R"(dealreview_[0-9.]+_[a-z]+-[0-9.]+_[a-z0-9]+\.deb)")));

  // Checked in one case, since SUBCASEs would build the package once each.
  {
    INFO("the package holds the binary, the man page and both completions");
    const std::string listing =
        run_command("dpkg-deb -c " + shell_quote(deb.string()), out.path()).output;
    for (const char* file : {"./usr/bin/review", "./usr/share/man/man1/review.1.gz",
                             "./usr/share/bash-completion/completions/review",
                             "./usr/share/zsh/vendor-completions/_review"})
      CHECK_MESSAGE(listing.find(file) != std::string::npos, file);
  }
  {
    INFO("it depends on the package of every shared library the binary loads");
    const std::set<std::string> depends = depends_of(
        run_command("dpkg-deb -f " + shell_quote(deb.string()) + " Depends", out.path()).output);
    const std::string needed = run_command("objdump -p " + shell_quote(REVIEW_BINARY) +
                                               " | awk '$1 == \"NEEDED\" {print $2}'",
                                           out.path())
                                   .output;
    // Where the loader finds each library, then the package that ships that file
    // (dpkg may record it under /usr or not, depending on the merged-/usr layout).
    const std::string loaded = run_command("ldd " + shell_quote(REVIEW_BINARY), out.path()).output;
    for (const std::string& library : lines_of(needed)) {
      std::smatch found;
      if (!std::regex_search(
              loaded, found,
              std::regex("\\s" + std::regex_replace(library, std::regex(R"([.+])"), R"(\$&)") +
                         R"( => (/\S+))")))
        continue; // resolved elsewhere (e.g. a sanitizer runtime of a local toolchain)
      const std::string file = found[1];
      const std::string owner =
          run_command(
              "for f in " + shell_quote(file) + " " + shell_quote("/usr" + file) + " " +
                  shell_quote(file.starts_with("/usr/") ? file.substr(4) : file) +
                  "; do dpkg -S \"$f\" 2>/dev/null && break; done | head -n 1 | cut -d: -f1",
              out.path())
              .output;
      REQUIRE_MESSAGE(!owner.empty(), "no Debian package ships " << file);
      const std::string package = owner.substr(0, owner.find('\n'));
      CHECK_MESSAGE(depends.contains(package),
                    library << " comes from " << package << ", which Depends: lacks");
    }
    CHECK(depends.contains("libc6"));
  }
}
