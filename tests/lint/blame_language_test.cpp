// blame-language: the detector measured on the labelled sentences (precision and
// recall per language), every category and every exclusion, the rule over a parsed
// review (positions, what it skips, options), and the phrase-list loader.
#include "core/config.hpp"
#include "core/error.hpp"
#include "core/review.hpp"
#include "core/yaml_value.hpp"
#include "lint/rules/blame_language.hpp"
#include "lint/rules/rules.hpp"

#include "lint_support.hpp"
#include "support.hpp"
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <sstream>

namespace {

using namespace review;

std::vector<std::string> categories(std::string_view text) {
  std::vector<std::string> found;
  for (const auto& match : lint::find_blame(text)) found.push_back(match.category);
  return found;
}

bool blames(std::string_view text) {
  return !lint::find_blame(text).empty();
}

struct Scores {
  int true_positives = 0;
  int false_positives = 0;
  int false_negatives = 0;
  int true_negatives = 0;
  std::vector<std::string> mistakes;

  int size() const { return true_positives + false_positives + false_negatives + true_negatives; }
  int blame() const { return true_positives + false_negatives; }
  double precision() const {
    return true_positives / static_cast<double>(true_positives + false_positives);
  }
  double recall() const {
    return true_positives / static_cast<double>(true_positives + false_negatives);
  }
};

// label<TAB>sentence per line; '#' starts a comment.
Scores score(const std::string& file) {
  Scores scores;
  std::istringstream lines(test::read_text(test::source_dir() / "tests/fixtures/blame" / file));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line.front() == '#') continue;
    REQUIRE_MESSAGE(line.size() > 2, line);
    REQUIRE_MESSAGE((line.substr(0, 2) == "0\t" || line.substr(0, 2) == "1\t"), line);
    const bool labelled_blame = line[0] == '1';
    const std::string sentence = line.substr(2);
    const auto found = lint::find_blame(sentence);
    if (labelled_blame && !found.empty()) ++scores.true_positives;
    if (labelled_blame && found.empty()) {
      ++scores.false_negatives;
      scores.mistakes.push_back("missed: " + sentence);
    }
    if (!labelled_blame && !found.empty()) {
      ++scores.false_positives;
      scores.mistakes.push_back(fmt::format("flagged: {} ({})", sentence, found.front().message));
    }
    if (!labelled_blame && found.empty()) ++scores.true_negatives;
  }
  return scores;
}

void check_quality(const std::string& file, std::string_view language) {
  const Scores scores = score(file);
  MESSAGE(fmt::format("{}: {} sentences ({} blame): precision {:.3f}, recall {:.3f}", language,
                      scores.size(), scores.blame(), scores.precision(), scores.recall()));
  for (const auto& mistake : scores.mistakes) MESSAGE(mistake);
  CHECK(scores.size() >= 120);
  // Half blame, half innocent uses of the trigger words, give or take.
  CHECK(scores.blame() * 10 >= scores.size() * 4);
  CHECK(scores.blame() * 10 <= scores.size() * 6);
  CHECK(scores.precision() >= 0.9);
  CHECK(scores.recall() >= 0.85);
}

std::vector<core::Diagnostic> lint_review(std::string_view text,
                                          std::string_view options_yaml = "") {
  const core::Config config = core::default_config("/tmp");
  const core::Review review = core::parse_review(text, "reviews/2026/x.md", config);
  const core::YamlValue options = core::parse_yaml(options_yaml, 1).root;
  const lint::RuleContext context{config, options, core::Date{2026, 9, 1}, {}, {}, true};
  lint::Findings findings("blame-language", core::Severity::warning);
  lint::blame_language_rule().check_file(review, context, findings);
  return findings.diagnostics();
}

std::vector<core::Diagnostic> check_options(std::string_view options_yaml) {
  lint::Findings findings("blame-language", core::Severity::warning);
  lint::blame_language_rule().check_options(core::parse_yaml(options_yaml, 4).root, "review.yaml",
                                            findings);
  return findings.diagnostics();
}

constexpr std::string_view k_front_matter = R"(---
title: Northwind Pay core-ledger replacement
account: Northwind Pay
outcome: lost
lost_to: LedgerCo
close_date: 2026-08-14
account_executive: Zhang Qi
---
)";

} // namespace

TEST_CASE("blame_language") {
  SUBCASE("the labelled English sentences: precision and recall") {
    check_quality("labelled_en.tsv", "English");
  }

  SUBCASE("the labelled Chinese sentences: precision and recall") {
    check_quality("labelled_zh.tsv", "Chinese");
  }

  SUBCASE("each category, in English") {
    CHECK(categories("Mark dropped the ball on the security questionnaire.") ==
          std::vector<std::string>{"blame-idiom"});
    CHECK(categories("Sales failed to follow up after the pilot.") ==
          std::vector<std::string>{"person-fault"});
    CHECK(categories("The SE missed the integration requirements.") ==
          std::vector<std::string>{"person-fault"});
    CHECK(categories("We should have brought the CIO in earlier.") ==
          std::vector<std::string>{"hindsight"});
    CHECK(categories("If only we had asked about the audit trail.") ==
          std::vector<std::string>{"hindsight"});
    CHECK(categories("The proposal was sloppy.") == std::vector<std::string>{"character"});
    CHECK(categories("Our AE was careless with the pricing sheet.") ==
          std::vector<std::string>{"character"});
    CHECK(categories("This loss is his fault.") == std::vector<std::string>{"blame-idiom"});
    CHECK(categories("Kevin was made the scapegoat.") == std::vector<std::string>{"blame-idiom"});
    CHECK(categories("They threw the AE under the bus.") ==
          std::vector<std::string>{"blame-idiom"});
    CHECK(categories("Not to point fingers, but the deal desk took nine days.") ==
          std::vector<std::string>{"passive-aggressive"});
    CHECK(categories("As I said several times, this deal was never real.") ==
          std::vector<std::string>{"passive-aggressive"});
    CHECK(categories("Whoever owns renewals must be held accountable.") ==
          std::vector<std::string>{"punitive"});
    CHECK(categories("Heads will roll if we lose another bank.") ==
          std::vector<std::string>{"punitive"});
    CHECK(categories("My fault entirely; the reference list never went out.") ==
          std::vector<std::string>{"self-shame"});
    CHECK(categories("I screwed up the demo.") == std::vector<std::string>{"self-shame"});
  }

  SUBCASE("each category, in Chinese") {
    CHECK(categories("都怪小王没跟进，客户后来就不回消息了。") ==
          std::vector<std::string>{"zh-person-fault"});
    CHECK(categories("我们本应该更早接触CIO。") == std::vector<std::string>{"zh-hindsight"});
    CHECK(categories("早该让产品团队参与进来。") == std::vector<std::string>{"zh-hindsight"});
    CHECK(categories("当初要是早点拿到认证就好了。") == std::vector<std::string>{"zh-hindsight"});
    CHECK(categories("张磊太粗心了。") == std::vector<std::string>{"zh-character"});
    CHECK(categories("这次完全是客户经理失职。") == std::vector<std::string>{"zh-character"});
    CHECK(categories("合作伙伴的实施团队很不负责任。") == std::vector<std::string>{"zh-character"});
    CHECK(categories("大家都在甩锅。") == std::vector<std::string>{"zh-blame-idiom"});
    CHECK(categories("售前团队又一次背锅了。") == std::vector<std::string>{"zh-blame-idiom"});
    CHECK(categories("我早就提醒过，这个客户没有预算。") ==
          std::vector<std::string>{"zh-passive-aggressive"});
    CHECK(categories("我早说过这个项目拿不下来。") ==
          std::vector<std::string>{"zh-passive-aggressive"});
    CHECK(categories("这件事必须追责。") == std::vector<std::string>{"zh-punitive"});
    CHECK(categories("建议对负责的销售扣绩效。") == std::vector<std::string>{"zh-punitive"});
    CHECK(categories("全是我的错，我没有确认签约流程。") ==
          std::vector<std::string>{"zh-self-shame"});
    CHECK(categories("都怪我，没有提前准备参考客户。") ==
          std::vector<std::string>{"zh-self-shame"});
    CHECK(categories("都怪小王沒跟進。") ==
          std::vector<std::string>{"zh-person-fault"}); // traditional
  }

  SUBCASE("not blame: things, not people, that fail") {
    CHECK_FALSE(blames("The SSO connector failed during the second week of the pilot."));
    CHECK_FALSE(
        blames("The integration failed the security review because audit logs were missing."));
    CHECK_FALSE(blames("The pilot failed to meet the latency target on the largest batch job."));
    CHECK_FALSE(blames("The POC missed the performance benchmark by about 8%."));
    CHECK_FALSE(blames("It failed to sync the nested groups."));
    CHECK_FALSE(blames("SSO对接在第二周失败了，原因是证书过期。"));
    CHECK_FALSE(blames("试点失败的原因是批处理任务超出了客户的时间窗口。"));
  }

  SUBCASE("not blame: plans for next time") {
    CHECK_FALSE(blames("Next time we should book the CIO earlier."));
    CHECK_FALSE(blames("We should involve finance earlier in future deals."));
    CHECK_FALSE(blames("Next time we should have a compliance story ready for CIOs."));
    CHECK_FALSE(blames("下次我们应该在第一次会议就确认信创要求。"));
    CHECK_FALSE(blames("以后我们要更早邀请财务部门参与。"));
    CHECK_FALSE(blames("下次我们应该早点接触CIO。"));
    CHECK(blames("我们应该早点接触CIO。")); // the same words, looking back
  }

  SUBCASE("not blame: negated and meta statements") {
    CHECK_FALSE(blames("This review is not about blame; it is about what we change."));
    CHECK_FALSE(blames("No one is at fault here; the requirement surfaced after the decision."));
    CHECK_FALSE(blames("Nobody dropped the ball; the requirement appeared after the shortlist."));
    CHECK_FALSE(blames("Price is not to blame here; the buyer ranked it fourth."));
    CHECK_FALSE(blames("It would be easy to blame pricing for this loss."));
    CHECK_FALSE(blames("这次复盘不追究个人责任，只关注下次怎么做。"));
    CHECK_FALSE(blames("这不是谁的错，客户的优先级发生了变化。"));
    CHECK_FALSE(blames("没有人需要为这个结果背锅。"));
    CHECK(blames("Not to point fingers, but the SE was late.")); // a "not" that still blames
  }

  SUBCASE("not blame: the customer's quoted words") {
    CHECK_FALSE(blames("The CIO told us, \"If only you had the export, we would have signed.\""));
    CHECK_FALSE(
        blames("The Head of Operations said, \u201Cwe should have looked at you earlier.\u201D"));
    CHECK_FALSE(blames("They called their old vendor \u2018careless with change control\u2019."));
    CHECK_FALSE(blames("客户说：\u201C要是你们早点有导出功能就好了。\u201D"));
    CHECK_FALSE(blames("客户在复盘时表示\u300C这件事都怪你们的销售\u300D。"));
    CHECK_FALSE(blames("客户说\u300E早该换系统了\u300F。"));
    CHECK(blames(
        "The CFO said \u201Cfine\u201D and Mark dropped the ball.")); // only the quote is skipped
    CHECK(blames(
        "He didn\u2019t follow up and we didn\u2019t escalate; Mark dropped the ball.")); // apostrophes
    CHECK(blames("An unclosed \u201C quote does not hide that Mark dropped the ball."));
    CHECK(blames("A \u201Cquote ends with its paragraph.\n\nMark dropped the ball.\u201D"));
  }

  SUBCASE("not blame: technical and contract terms") {
    CHECK_FALSE(blames("The customer needed fault tolerance across two data centres."));
    CHECK_FALSE(blames("Their architects asked for a fault-tolerant design with failover."));
    CHECK_FALSE(blames("The customer liked our fault tolerance story."));
    CHECK_FALSE(blames("Lazy loading made the dashboard feel fast."));
    CHECK_FALSE(blames("The liability cap excludes gross negligence."));
    CHECK_FALSE(blames("合同中明确了双方的责任划分。"));
    CHECK_FALSE(blames("我们的责任上限条款可以接受。"));
    CHECK_FALSE(blames("每个行动项都有责任人和截止日期。"));
    CHECK_FALSE(blames("新版本可以降低成本，成本应该控制在预算内。"));
  }

  SUBCASE("a finding explains why and asks for the condition and the next step") {
    const auto found =
        lint::find_blame("In hindsight, Mark dropped the ball on the questionnaire.");
    REQUIRE(found.size() == 1);
    CHECK(found[0].offset == 19);
    CHECK(found[0].length == std::string_view("dropped the ball").size());
    CHECK(found[0].message ==
          "'dropped the ball' assigns fault to a person; blame makes the next review less honest");
    CHECK(found[0].hint == "name the condition and the change: 'the follow-up had no owner after "
                           "the pilot; next time the AE owns it'");
    const auto hindsight = lint::find_blame("We should have brought the CIO in.");
    REQUIRE(hindsight.size() == 1);
    CHECK(hindsight[0].hint ==
          "say what we will do next time: 'next time we will …', and what we knew at the time");
    const auto chinese = lint::find_blame("这件事必须追责。");
    REQUIRE(chinese.size() == 1);
    CHECK(chinese[0].message == "'追责' calls for punishment; a review that can cost someone their "
                                "bonus stops being candid");
    CHECK(chinese[0].hint == "请提出工作方式上的改进：哪个环节、负责人或检查能更早发现这个问题？");
  }

  SUBCASE("findings are in order and do not overlap") {
    const auto found =
        lint::find_blame("Mark dropped the ball. We should have pushed back. 都怪小王。");
    REQUIRE(found.size() == 3);
    CHECK(found[0].category == "blame-idiom");
    CHECK(found[1].category == "hindsight");
    CHECK(found[2].category == "zh-person-fault");
    CHECK(found[0].offset + found[0].length <= found[1].offset);
    CHECK(found[1].offset + found[1].length <= found[2].offset);
  }

  SUBCASE("a phrase is found wherever it sits in a long text") {
    // Longer texts are scanned in two to four interleaved parts; a phrase across any
    // border between them must still be found, once.
    for (const std::string_view phrase :
         {std::string_view("Mark dropped the ball."), std::string_view("都怪小王没跟进。")}) {
      for (const std::size_t padding : {60UL, 120UL, 180UL, 600UL}) {
        for (std::size_t before = 0; before <= padding; ++before) {
          const std::string text =
              std::string(before, ' ') + std::string(phrase) + std::string(padding - before, ' ');
          const auto found = lint::find_blame(text);
          REQUIRE_MESSAGE(found.size() == 1, "phrase at byte ", before, " of ", text.size());
          CHECK(found[0].offset >= before);
          CHECK(found[0].offset + found[0].length <= before + phrase.size());
        }
      }
    }
  }

  SUBCASE("a review's extra and allowed phrases") {
    const std::vector<std::string> extra = {"\\bon his watch\\b", "(unclosed"};
    const std::vector<std::string> allowed = {"Should Have"};
    const lint::BlameSettings settings(extra, allowed);
    const auto found = lint::find_blame("It happened on his watch, and we should have known.",
                                        lint::BlameLexicon::builtin(), settings);
    REQUIRE(found.size() == 1);
    CHECK(found[0].category == "custom");
    CHECK(found[0].message == "'on his watch' is listed as blame language in review.yaml "
                              "(rules.blame-language.extra_phrases)");
  }
}

TEST_CASE("blame_language rule") {
  SUBCASE("a finding at the line and column of its words") {
    const std::string text = std::string(k_front_matter) + R"(
## Summary

We lost on audit readiness.
In the end, Mark dropped the ball on the questionnaire.

## What we will do differently

- Next time we will ask who signs off on controls.
- 当时，小王没跟进。
)";
    const auto found = lint_review(text);
    REQUIRE(found.size() == 2);
    CHECK(found[0].file == "reviews/2026/x.md");
    CHECK(found[0].position == core::Position{13, 18});
    CHECK(found[0].severity == core::Severity::warning);
    CHECK(found[0].message ==
          "'dropped the ball' assigns fault to a person; blame makes the next review less honest");
    CHECK(found[1].position == core::Position{18, 6}); // columns count characters, not bytes
    CHECK(found[1].message ==
          "'小王没跟进' puts the outcome on a person; blame makes the next review less honest");
    CHECK(found[1].hint == "请描述当时的情况：是什么让当时的做法看起来合理？下次我们会怎么做？");
  }

  SUBCASE("the customer's words, code, headings and comments are left alone") {
    const std::string text = std::string(k_front_matter) + R"(
## Why Mark dropped the ball

> "Your SE should have called us back," the CFO said.
> 客户说，都怪你们的销售。

The customer ran `blame --careless` in their own tooling.

```
if only(x) { sloppy(); }
```

<!-- Who dropped the ball? Write what happened instead. -->

| Quote | Source |
|---|---|
| “we should have looked at you earlier” | CIO |
)";
    CHECK(lint_review(text).empty());
  }

  SUBCASE("the options in review.yaml") {
    const std::string text =
        test::replaced(test::k_clean_review, "Next time we will ask",
                       "It happened on his watch, and we should have known. Next time we will ask");
    CHECK(test::lines(test::run_rule("blame-language", text)) ==
          "46:34 warning: 'should have known' judges the past with hindsight; it says what someone "
          "got wrong, not "
          "what we learned\n");
    const auto config = test::test_config(R"(rules:
  blame-language:
    extra_phrases: ['\bon (his|her) watch\b']
    allowed_phrases: [Should Have]
)");
    CHECK(test::lines(test::run_rule("blame-language", text, config)) ==
          "46:13 warning: 'on his watch' is listed as blame language in review.yaml "
          "(rules.blame-language.extra_phrases)\n");
  }

  SUBCASE("the clean review passes") {
    CHECK(test::run_rule("blame-language", test::k_clean_review).empty());
  }

  SUBCASE("an invalid pattern is a finding on review.yaml, not a crash") {
    const auto found = check_options(R"(extra_phrases:
  - on his watch
  - "(unclosed"
allowed_phrases: {should: have})");
    REQUIRE(found.size() == 2);
    CHECK(found[0].file == "review.yaml");
    CHECK(found[0].position.line == 6);
    CHECK(found[0].message.starts_with(
        "pattern '(unclosed' in option 'extra_phrases' of rule 'blame-language' is "
        "not a valid regular expression"));
    CHECK(found[1].position.line == 7);
    CHECK(found[1].message == "option 'allowed_phrases' of rule 'blame-language' must be a list of "
                              "text values, got a mapping");
    CHECK(lint_review(std::string(k_front_matter) + "Mark dropped the ball.\n",
                      "extra_phrases: ['(unclosed']")
              .size() == 1);
  }

  SUBCASE("the documented examples") {
    const auto& doc = lint::blame_language_rule().doc;
    CHECK(doc.id == "blame-language");
    CHECK(lint::find_blame(doc.bad_example).size() == 3);
    CHECK(lint::find_blame(doc.good_example).empty());
  }
}

TEST_CASE("BlameLexicon") {
  const auto load = [](std::string_view text) {
    const std::array<std::pair<std::string_view, std::string_view>, 1> lists = {
        {{"test.tsv", text}}};
    return std::make_unique<lint::BlameLexicon>(lists);
  };

  SUBCASE("rows: categories, macros, subjects, ignores") {
    const auto lexicon = load("# a comment\n"
                              "category\tfault\t'{phrase}' blames\ttry again\n"
                              "define\tWHO\t(\\b[a-z]+\\b)\n"
                              "blame\tfault\t{WHO} failed\n"
                              "always\tfault\tnot to blame, but\n"
                              "ignore\tterm\tfailed over\n"
                              "nonperson\tit\n");
    const lint::BlameSettings none;
    const auto found = lint::find_blame("mark failed. it failed. db failed over. not to blame, but",
                                        *lexicon, none);
    REQUIRE(found.size() == 2);
    CHECK(found[0].message == "'mark failed' blames");
    CHECK(found[0].hint == "try again");
    CHECK(found[1].message == "'not to blame, but' blames");
  }

  SUBCASE("a list without ignore rows") {
    const auto lexicon =
        load("category\tfault\t'{phrase}' blames\ttry again\nblame\tfault\tfailed\n");
    const lint::BlameSettings none;
    CHECK(lint::find_blame("it failed", *lexicon, none).size() == 1);
  }

  SUBCASE("a malformed list names its line") {
    const auto error_of = [&](std::string_view text) {
      try {
        load(text);
      } catch (const core::Error& error) {
        return std::string(error.what());
      }
      return std::string();
    };
    CHECK(error_of("category\tx\tm\th\nblame\tx\n") ==
          "test.tsv:2: a 'blame' row has 3 tab-separated fields, got 2");
    CHECK(error_of("blame\tnope\tx\n") == "test.tsv:1: unknown category 'nope'");
    CHECK(error_of("category\tx\tm\th\nblame\tx\t{MISSING} x\n") ==
          "test.tsv:2: unknown macro '{MISSING}'");
    CHECK(error_of("category\tx\tm\th\n\nblame\tx\t(unclosed\n")
              .starts_with("test.tsv:3: invalid pattern: "));
    CHECK(error_of("phrase\tx\n") == "test.tsv:1: unknown row kind 'phrase' (define, category, "
                                     "blame, always, ignore, nonperson)");
  }
}
