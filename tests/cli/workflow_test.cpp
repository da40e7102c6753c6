// The team workflow end to end, in real git repositories made with the git CLI:
// init → new on a branch → write → commit → lint --changed → summary → merge →
// build; CI's shallow clone; the pre-commit hook; GitHub annotation output.
#include "core/yaml_value.hpp"

#include "support.hpp"
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>

namespace {

namespace fs = std::filesystem;
using review::test::CommandResult;
using review::test::read_text;
using review::test::run_command;
using review::test::ScratchDir;
using review::test::shell_quote;
using review::test::source_dir;
using review::test::write_text;

// A scratch folder where git and review see neither the machine's nor the user's
// configuration: HOME is the folder itself, with a name and e-mail set.
class Team {
public:
  Team() {
    fs::create_directories(m_scratch / "home");
    shell("git config --global user.name 'Zhang Qi' && git config --global user.email "
          "zq@example.com && "
          "git config --global init.defaultBranch main && git config --global advice.detachedHead "
          "false",
          ".");
  }

  fs::path path(const std::string& part) const { return m_scratch / part; }

  // Runs a shell command in `dir` with the sandbox's environment; `extra_env` goes first.
  CommandResult run(const std::string& command, const std::string& dir,
                    const std::string& extra_env = "") const {
    return run_command("export GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1 HOME=" +
                           shell_quote((m_scratch / "home").string()) + " " + extra_env + " && " +
                           command,
                       path(dir));
  }

  // A shell command that must succeed; returns its output.
  std::string shell(const std::string& command, const std::string& dir) const {
    const CommandResult result = run(command, dir);
    INFO(command << "\n" << result.output);
    REQUIRE(result.exit_code == 0);
    return result.output;
  }

  CommandResult review(const std::string& arguments, const std::string& dir = "repo") const {
    return run(shell_quote(REVIEW_BINARY) + " " + arguments, dir);
  }

  std::string git(const std::string& arguments, const std::string& dir = "repo") const {
    return shell("git " + arguments, dir);
  }

  // `review init repo` committed on main.
  void init_repo() const {
    const CommandResult result = review("init repo", ".");
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    git("add -A");
    git("commit -q -m 'Start win/loss reviews'");
  }

private:
  ScratchDir m_scratch;
};

const std::string k_new_northwind = "new --no-input --branch --outcome lost --account 'Northwind "
                                    "Pay' --ae 'Zhang Qi' --close-date 2026-08-14 "
                                    "--review-date 2026-08-29 --competitor LedgerCo --amount "
                                    "480000 --currency USD --segment enterprise --region APAC";
const std::string k_northwind = "reviews/2026/2026-08-14-northwind-pay.md";

// The scaffolded review, written up: front-matter values filled in and every
// section in real sentences, the way an account executive finishes it.
std::string write_up(std::string scaffold) {
  const auto set = [&](const std::string& key, const std::string& line) {
    const auto at = scaffold.find("\n" + key + ":");
    REQUIRE_MESSAGE(at != std::string::npos, "the template has no '" << key << "' line");
    scaffold.replace(at + 1, scaffold.find('\n', at + 1) - at - 1, line);
  };
  set("title", "title: Northwind Pay core-ledger replacement");
  set("buyer_interviewed", "buyer_interviewed: true");
  set("evidence", "evidence: [buyer-interview, call-recordings]");
  set("stakeholders",
      "stakeholders:\n  - title: CIO\n    role: decision-maker\n    in_room: false\n"
      "    engaged: false\n  - title: Head of Payments Operations\n    role: champion\n"
      "    in_room: true\n    engaged: true");
  set("decision_factors",
      "decision_factors: [security-compliance, capability-gap, implementation-risk]");
  set("price_role", "price_role: contributing");
  set("price_evidence",
      "price_evidence: \"CFO: the three-year cost was about 12% higher; it mattered less than "
      "the audit trail\"");
  const auto body = scaffold.find("\n## ");
  REQUIRE(body != std::string::npos);
  scaffold.erase(body);
  return scaffold + R"(

## Summary

Northwind Pay replaced its core ledger and chose LedgerCo after a four-month evaluation. The decision
turned in the security review, when the CIO asked for an audit trail the auditors could export.

## How would the customer articulate the value of their choice?

The CFO told us: "LedgerCo gives our auditors a trail they can export themselves, and that saves us a
quarter of work every year." Internal audit and compliance saw the value, not only payments operations.

## Who were the most influential voices in and outside the room?

The CIO set the must-have features although most of our calls were with payments operations; we first
met the CIO in the security review. The Head of Payments Operations championed us throughout.

## Beyond price, what were the key factors in the decision?

Security and compliance came first, through the audit-trail export. Then the gap in multi-entity
ledgers, and the risk of migrating during the peak season.

## Role of price

Price contributed: the CFO said the three-year cost was about 12% higher, and that it mattered less
than the audit trail.

## What we will do differently

Next time we meet the CIO and internal audit in the first month of an evaluation of this size.

- [ ] product: Ship configurable audit-trail export (owner: Priya Nair; due: 2099-10-15)
- [ ] enablement: Training on compliance conversations with CIOs (owner: Lena Park; due: 2099-12-01)
)";
}

// A won review already on main, complete, naming another competitor and other factors.
const std::string k_keller = R"(---
title: Keller Logistik fleet billing
account: Keller Logistik
outcome: won
competitors: [BillRight]
close_date: 2026-05-14
review_date: 2026-05-20
account_executive: Maria Lopez
buyer_interviewed: true
stakeholders:
  - title: CFO
    role: economic-buyer
    in_room: true
    engaged: true
decision_factors: [integration, references]
price_role: not-a-factor
---
## Summary

Keller Logistik chose us for fleet billing after a pilot with two depots.

## How would the customer articulate the value of their choice?

The CFO told us: "Billing now closes two days sooner, and the depots trust the numbers."

## Who were the most influential voices in and outside the room?

The CFO decided; the depot managers, outside our meetings, backed the pilot results.

## Beyond price, what were the key factors in the decision?

The integration with their telematics system, and two references from logistics customers.

## What we will repeat and what we will improve

We will repeat the two-depot pilot and bring references from the same industry earlier.

- [x] marketing: Logistics case study (owner: Lena Park; due: 2026-06-30)
)";

// The loop up to the pull request: `review init` committed on main with Keller's review,
// then `review new --branch` for Northwind, written up and committed. Returns what
// `review new` printed.
std::string branch_with_review(const Team& team) {
  team.init_repo();
  write_text(team.path("repo/reviews/2026/2026-05-14-keller-logistik.md"), k_keller);
  team.git("add -A");
  team.git("commit -q -m 'Review: Keller Logistik'");
  const CommandResult created = team.review(k_new_northwind);
  INFO(created.output);
  REQUIRE(created.exit_code == 0);
  write_text(team.path("repo/" + k_northwind),
             write_up(read_text(team.path("repo/" + k_northwind))));
  team.git("add -A");
  team.git("commit -q -m 'Review: Northwind Pay'");
  return created.output;
}

} // namespace

TEST_CASE("team workflow") {
  Team team;
  // init, new on a branch, write, commit
  CHECK(branch_with_review(team) ==
        "switched to a new branch 'review/2026-08-14-northwind-pay'\n" + k_northwind + "\n");
  CHECK(team.git("branch --show-current") == "review/2026-08-14-northwind-pay\n");
  // What init added for pull requests: the workflow, a template for write-ups, CODEOWNERS.
  CHECK(read_text(team.path("repo/.github/workflows/reviews.yml")) ==
        read_text(source_dir() / "templates/init/reviews.yml"));
  CHECK(read_text(team.path("repo/.github/pull_request_template.md"))
            .find("- [ ] **Beyond price**") != std::string::npos);
  CHECK(read_text(team.path("repo/.github/CODEOWNERS"))
            .find("# /reviews/      @your-org/sales-leadership\n") != std::string::npos);

  // lint --changed against main: only the branch's review, no error
  const CommandResult changed = team.review("lint --changed --base main --today 2026-09-01");
  INFO(changed.output);
  CHECK(changed.exit_code == 0);
  CHECK(changed.output.find("keller") == std::string::npos);
  CHECK(changed.output.find(" in 1 file") != std::string::npos);

  // summary: the digest a manager reads in the pull request
  const CommandResult summary = team.review("summary --base main");
  INFO(summary.output);
  REQUIRE(summary.exit_code == 0);
  CHECK(
      summary.output.starts_with("## Win/loss reviews in this branch\n\nCompared with `main` (`"));
  CHECK(summary.output.find("): 1 review added. Lint: ") != std::string::npos);
  CHECK(summary.output.find(
            "| added | Northwind Pay core-ledger replacement<br>`" + k_northwind +
            "` | lost to LedgerCo | Northwind Pay | 480,000 USD | LedgerCo | Zhang Qi | ") !=
        std::string::npos);
  CHECK(summary.output.find(
            "**product**\n\n- [ ] Ship configurable audit-trail export — owner Priya Nair, due "
            "2099-10-15 · `2026-08-14-northwind-pay` · *new*\n") != std::string::npos);
  CHECK(summary.output.find(
            "- Competitor **LedgerCo**, first named in `2026-08-14-northwind-pay`\n") !=
        std::string::npos);
  CHECK(summary.output.find("- Decision factor **security-compliance**, first named in") !=
        std::string::npos);
  CHECK(summary.output.find("**integration**") ==
        std::string::npos); // Keller named it on main already

  // merge, then build the site from main
  team.git("switch -q main");
  team.git("merge -q --no-ff -m 'Merge review/2026-08-14-northwind-pay' "
           "review/2026-08-14-northwind-pay");
  CHECK(team.review("summary --base main").output.find("no reviews added or changed") !=
        std::string::npos);
  const CommandResult built = team.review("build");
  INFO(built.output);
  CHECK(built.exit_code == 0);
  REQUIRE(fs::exists(team.path("repo/_site/index.html")));
  CHECK(read_text(team.path("repo/_site/index.html")).find("Northwind Pay") != std::string::npos);
}

TEST_CASE("review new --branch") {
  Team team;
  team.init_repo();

  SUBCASE("refuses when the file it would write has uncommitted changes") {
    REQUIRE(team.review(k_new_northwind).exit_code == 0);
    team.git("add -A");
    team.git("commit -q -m 'Review: Northwind Pay'");
    team.git("switch -q main");
    team.git("merge -q review/2026-08-14-northwind-pay");
    fs::remove(team.path("repo/" + k_northwind)); // deleted, not committed
    const CommandResult again = team.review(k_new_northwind);
    CHECK(again.exit_code == 2);
    CHECK(again.output ==
          "review: " + k_northwind +
              " has uncommitted changes; commit or stash them before `review new --branch`\n");
    CHECK(team.git("branch --show-current") == "main\n");
  }
  SUBCASE("refuses when the branch exists, writing nothing") {
    team.git("branch review/2026-08-14-northwind-pay");
    const CommandResult result = team.review(k_new_northwind);
    CHECK(result.exit_code == 2);
    CHECK(result.output.find("branch 'review/2026-08-14-northwind-pay' already exists") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(team.path("repo/" + k_northwind)));
  }
}

TEST_CASE("review lint --changed in a shallow clone") {
  Team team;
  branch_with_review(team);
  const std::string origin = "file://" + team.path("repo").string();
  const std::string advice =
      "review: warning: the base 'origin/main' is not in this clone (a shallow clone fetches "
      "only the last commit); linting the files changed in the last commit and the working tree "
      "instead. To compare with 'origin/main', fetch it: set `fetch-depth: 0` on "
      "actions/checkout, or run `git fetch --depth=1 origin "
      "+refs/heads/main:refs/remotes/origin/main`\n";
  const auto clone = [&](int depth) {
    team.shell("git clone -q --depth " + std::to_string(depth) +
                   " --branch review/2026-08-14-northwind-pay " + shell_quote(origin) + " clone",
               ".");
  };
  const auto lint_clone = [&] {
    return team.review("lint --changed --base origin/main --today 2026-09-01", "clone");
  };

  SUBCASE("depth 1: says what to fetch and lints every review of the commit, whose parent is "
          "absent") {
    clone(1);
    const CommandResult result = lint_clone();
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK(result.output.starts_with(advice));
    CHECK(result.output.find(" in 2 files") != std::string::npos);
  }
  SUBCASE("git clone --depth 1 of the branch: the advice, run as written, is enough") {
    clone(1); // a single-branch clone: `git fetch origin main` would only set FETCH_HEAD
    team.git("fetch -q --depth=1 origin +refs/heads/main:refs/remotes/origin/main", "clone");
    const CommandResult result = lint_clone();
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK(result.output.find("review: warning:") == std::string::npos);
    CHECK(result.output.find(" in 1 file") != std::string::npos);
  }
  SUBCASE("depth 2: says what to fetch and lints the reviews the last commit changed") {
    clone(2);
    const CommandResult result = lint_clone();
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK(result.output.starts_with(advice));
    CHECK(result.output.find(" in 1 file") != std::string::npos);
    CHECK(result.output.find("keller") == std::string::npos);
  }
  SUBCASE("the summary says so too, and lists the review without calling it new") {
    clone(1);
    const CommandResult result = team.review("summary --base origin/main", "clone");
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK(result.output.starts_with(advice));
    CHECK(result.output.find("| added or changed | Northwind Pay core-ledger replacement") !=
          std::string::npos);
    CHECK(result.output.find("### New to the repo") == std::string::npos);
  }
  SUBCASE("a checkout made the way actions/checkout makes it compares with the base once it is "
          "fetched") {
    // git init, a remote with the default refspec, one commit fetched, a detached HEAD.
    std::filesystem::create_directories(team.path("clone"));
    team.git("init -q", "clone");
    team.git("remote add origin " + shell_quote(origin), "clone");
    team.git("fetch -q --no-tags --depth=1 origin "
             "+refs/heads/review/2026-08-14-northwind-pay:refs/remotes/origin/review/"
             "2026-08-14-northwind-pay",
             "clone");
    team.git("checkout -q --detach origin/review/2026-08-14-northwind-pay", "clone");
    CHECK(lint_clone().output.starts_with(advice));

    team.git("fetch -q --depth=1 origin +refs/heads/main:refs/remotes/origin/main",
             "clone"); // the advice
    const CommandResult result = lint_clone();
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK(result.output.find("review: warning:") == std::string::npos);
    CHECK(result.output.find(" in 1 file") != std::string::npos);
    CHECK(result.output.find("keller") == std::string::npos);
  }
}

TEST_CASE("review hooks") {
  Team team;
  team.init_repo();
  // A hook the team already had: it must keep running, first.
  write_text(team.path("repo/.git/hooks/pre-commit"), "#!/bin/sh\necho 'team hook ran'\n");
  fs::permissions(team.path("repo/.git/hooks/pre-commit"), fs::perms::owner_all);
  const std::string path_env =
      "PATH=" + shell_quote(fs::path(REVIEW_BINARY).parent_path().string()) + ":\"$PATH\"";

  const CommandResult installed = team.review("hooks install");
  INFO(installed.output);
  REQUIRE(installed.exit_code == 0);
  CHECK(installed.output ==
        "installed .git/hooks/pre-commit: it lints the staged reviews before each commit\n"
        "the hook that was there before is kept as .git/hooks/pre-commit.local and runs first\n"
        "skip it once with `git commit --no-verify`; remove it with `review hooks uninstall`\n");
  CHECK(team.review("hooks install")
            .output.starts_with(".git/hooks/pre-commit is already installed and up to date\n"));

  SUBCASE("a review with an error-level finding stops the commit") {
    write_text(
        team.path("repo/reviews/2026/2026-08-14-northwind-pay.md"),
        "---\ntitle: Northwind Pay\naccount: Northwind Pay\noutcome: wn\nclose_date: 2026-08-14\n"
        "account_executive: Zhang Qi\n---\n## Summary\nThe customer chose LedgerCo.\n");
    team.git("add -A");
    const CommandResult commit =
        team.run("git commit -q -m 'Review: Northwind Pay'", "repo", path_env);
    INFO(commit.output);
    CHECK(commit.exit_code != 0);
    CHECK(commit.output.starts_with("team hook ran\n"));
    CHECK(
        commit.output.find(
            "reviews/2026/2026-08-14-northwind-pay.md:4:10: error: 'outcome' must be won, lost or "
            "no-decision, got 'wn'") != std::string::npos);
    CHECK(commit.output.find(
              "pre-commit: the commit was stopped because a staged review has an error-level "
              "finding (listed above).") != std::string::npos);
    CHECK(team.run("git rev-parse -q --verify HEAD~1", "repo").exit_code != 0); // still one commit
  }
  SUBCASE("a commit without reviews passes, running the team's hook") {
    write_text(team.path("repo/notes.txt"), "agenda\n");
    team.git("add -A");
    const CommandResult commit = team.run("git commit -q -m 'Notes'", "repo", path_env);
    INFO(commit.output);
    CHECK(commit.exit_code == 0);
    CHECK(commit.output == "team hook ran\n");
  }
  SUBCASE("a failing team hook stops the commit before lint runs") {
    write_text(team.path("repo/.git/hooks/pre-commit.local"),
               "#!/bin/sh\necho 'team hook failed'\nexit 3\n");
    write_text(team.path("repo/notes.txt"), "agenda\n");
    team.git("add -A");
    const CommandResult commit = team.run("git commit -q -m 'Notes'", "repo", path_env);
    CHECK(commit.exit_code != 0);
    CHECK(commit.output == "team hook failed\n");
  }
  SUBCASE("uninstall puts the team's hook back") {
    const CommandResult removed = team.review("hooks uninstall");
    CHECK(removed.output == "removed the review hook from .git/hooks/pre-commit\n"
                            "the hook it ran first is back at .git/hooks/pre-commit\n");
    CHECK(read_text(team.path("repo/.git/hooks/pre-commit")) ==
          "#!/bin/sh\necho 'team hook ran'\n");
  }
}

TEST_CASE("review lint --format github") {
  Team team;
  team.init_repo();
  // A value with '%' and ',' in the message, and ',' and ':' in a property.
  write_text(team.path("repo/reviews/2026/2026-08-14-north,wind: pay.md"),
             "---\ntitle: Northwind Pay\naccount: Northwind Pay\noutcome: \"50%, "
             "maybe\"\nclose_date: 2026-08-14\n"
             "review_date: 2026-08-29\naccount_executive: Zhang Qi\n---\n");
  const CommandResult result = team.review(
      "lint --format github --today 2026-09-01 'reviews/2026/2026-08-14-north,wind: pay.md'");
  INFO(result.output);
  CHECK(result.exit_code == 1);
  CHECK(result.output.find(
            "::error file=reviews/2026/2026-08-14-north%2Cwind%3A "
            "pay.md,line=4,col=10,title=review lint%3A "
            "front-matter::'outcome' must be won, lost or no-decision, got '50%25, maybe'") !=
        std::string::npos);
  // Every finding is one workflow command on one line: a hint joins with an escaped newline.
  for (std::size_t start = 0; start < result.output.size();) {
    const std::size_t end = result.output.find('\n', start);
    const std::string line = result.output.substr(start, end - start);
    if (!line.empty() && !line.starts_with("::"))
      CHECK_MESSAGE(line.find(" in 1 file") != std::string::npos, line);
    start = end == std::string::npos ? result.output.size() : end + 1;
  }
}

TEST_CASE("the Action's inputs") {
  const std::string action_text = read_text(source_dir() / "action.yml");
  const auto action = review::core::parse_yaml(action_text, 1);
  REQUIRE_MESSAGE(action.ok, action.error);
  std::set<std::string> declared;
  REQUIRE(action.root.find("inputs") != nullptr);
  for (const auto& entry : action.root.find("inputs")->entries) declared.insert(entry.key);

  SUBCASE("every input action.yml reads is declared") {
    const std::regex reference(R"(inputs\.([a-z-]+))");
    for (auto it = std::sregex_iterator(action_text.begin(), action_text.end(), reference);
         it != std::sregex_iterator(); ++it)
      CHECK_MESSAGE(declared.contains((*it)[1]),
                    "action.yml reads inputs." << (*it)[1] << ", which it does not declare");
  }
  SUBCASE("the workflows pass only inputs it declares") {
    for (const char* file : {"templates/init/reviews.yml", ".github/workflows/ci.yml"}) {
      const auto workflow = review::core::parse_yaml(read_text(source_dir() / file), 1);
      REQUIRE_MESSAGE(workflow.ok, file << ": " << workflow.error);
      int uses = 0;
      for (const auto& job : workflow.root.find("jobs")->entries) {
        const auto* steps = job.value.find("steps");
        if (steps == nullptr) continue;
        for (const auto& step : steps->items) {
          const auto* used = step.find("uses");
          if (used == nullptr ||
              !(used->scalar.starts_with("dealreview/dealreview@") || used->scalar == "./"))
            continue;
          ++uses;
          if (const auto* with = step.find("with"))
            for (const auto& input : with->entries)
              CHECK_MESSAGE(declared.contains(input.key),
                            file << " passes '" << input.key
                                 << "', which action.yml does not declare");
        }
      }
      CHECK_MESSAGE(uses > 0, file << " does not use the Action");
    }
  }
}
