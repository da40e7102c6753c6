// The stakeholders rule: a decision maker by role, and a voice from outside the room.
#include "lint_support.hpp"
#include <doctest/doctest.h>

namespace {

using namespace review::test;

constexpr std::string_view k_cio = "  - title: CIO\n    role: decision-maker\n    in_room: false\n";

TEST_CASE("stakeholders") {
  SUBCASE("a clean review has no findings") {
    CHECK(lines(run_rule("stakeholders", k_clean_review)) == "");
  }

  SUBCASE("no decision maker, and nobody outside the room") {
    const auto text = replaced(k_clean_review, k_cio, "");
    CHECK(lines(run_rule("stakeholders", text)) ==
          "13:3 warning: no stakeholder is marked decision-maker or economic-buyer\n"
          "13:3 warning: no voice from outside the room is recorded\n");
  }

  SUBCASE("a misspelt role is front-matter's finding, not a missing decider") {
    const auto text = replaced(k_clean_review, "role: decision-maker", "role: decison-maker");
    CHECK(lines(run_rule("stakeholders", text)) == "");
  }

  SUBCASE("an economic buyer counts as a decider") {
    const auto text = replaced(k_clean_review, "role: decision-maker", "role: economic-buyer");
    CHECK(lines(run_rule("stakeholders", text)) == "");
  }

  SUBCASE("\"Outside the room: none\" in the voices section says there was nobody") {
    auto text = replaced(k_clean_review, "    in_room: false\n", "    in_room: true\n");
    CHECK(lines(run_rule("stakeholders", text)) ==
          "13:3 warning: no voice from outside the room is recorded\n");
    text =
        replaced(text, "- **Head of Payments Operations (champion).** Our strongest supporter.\n",
                 "- **Head of Payments Operations (champion).** Our strongest "
                 "supporter.\n\n**Outside the room:** none; "
                 "the CIO joined every call.\n");
    CHECK(lines(run_rule("stakeholders", text)) == "");
  }

  SUBCASE("and in Chinese") {
    auto text = replaced(k_clean_review, "    in_room: false\n", "    in_room: true\n");
    text =
        replaced(text, "- **Head of Payments Operations (champion).** Our strongest supporter.\n",
                 "- **Head of Payments Operations (champion).** Our strongest "
                 "supporter.\n\n会议室外：无。\n");
    CHECK(lines(run_rule("stakeholders", text)) == "");
  }

  SUBCASE("a written voices section with no stakeholders listed") {
    const auto text =
        replaced(k_clean_review,
                 "stakeholders:\n  - title: CIO\n    role: decision-maker\n    in_room: false\n"
                 "  - title: Head of Payments Operations\n    role: champion\n    in_room: true\n",
                 "");
    CHECK(lines(run_rule("stakeholders", text)) ==
          "27:4 warning: no stakeholders are listed in the front matter\n");
  }

  SUBCASE("quiet while the voices section is empty and nobody is listed (a fresh template)") {
    auto text =
        replaced(k_clean_review,
                 "stakeholders:\n  - title: CIO\n    role: decision-maker\n    in_room: false\n"
                 "  - title: Head of Payments Operations\n    role: champion\n    in_room: true\n",
                 "stakeholders:\n");
    text = replaced(text,
                    "- **CIO (decision-maker, outside the room).** Set the must-have controls.\n"
                    "- **Head of Payments Operations (champion).** Our strongest supporter.\n",
                    "<!-- Who were the decision makers? -->\n");
    CHECK(lines(run_rule("stakeholders", text)) == "");
  }
}

} // namespace
