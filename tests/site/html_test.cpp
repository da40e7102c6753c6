// Escaping for every context a value can land in: text, attribute, URL, URL
// component, JSON inside <script>, XML, and CSV for spreadsheets.
#include "site/html.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using namespace review::site;

TEST_CASE("html") {
  SUBCASE("text and attributes escape the five special characters") {
    CHECK(escape_html(R"(<script>alert("x") & 'y'</script>)") ==
          "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;");
    CHECK(escape_html("O'Neil & Co") == "O&#39;Neil &amp; Co");
    CHECK(escape_html("华信证券") == "华信证券");
    CHECK(escape_html("") == "");
  }

  SUBCASE("json in a script element cannot close it or break the line") {
    CHECK(escape_script_json(R"({"t":"</script><script>alert(1)</script>"})") ==
          R"({"t":"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"})");
    CHECK(escape_script_json("{\"a\":\"x\xE2\x80\xA8y\xE2\x80\xA9z\"}") ==
          R"({"a":"x\u2028y\u2029z"})");
    CHECK(escape_script_json(R"({"a":"<!--"})") == R"({"a":"\u003c!--"})");
    CHECK(escape_script_json(R"({"a":"&amp;"})") == R"({"a":"\u0026amp;"})");
  }

  SUBCASE("a string written as script JSON is what the JSON library and the escaper make") {
    const std::string texts[] = {
        "",
        "plain words",
        R"(say "no" \ then </script><!-- & more>)",
        "tab\tnew line\ncarriage\rback\bfeed\f",
        std::string("nul\0bell\x07"
                    "escape\x1b"
                    " del\x7f",
                    21),
        "华信证券 — \xF0\x9F\x98\x80 x\xE2\x80\xA8y\xE2\x80\xA9z",
        "already \xEF\xBF\xBD replaced",
    };
    for (const std::string& text : texts) {
      INFO(text);
      std::string written = "[";
      append_script_json_string(written, text);
      written += ']';
      CHECK(written == escape_script_json(nlohmann::json::array({text}).dump()));
    }
    // Bytes that are not UTF-8 become U+FFFD, one each.
    std::string written;
    append_script_json_string(written, "a\xFF\xC3"
                                       "b");
    CHECK(written == "\"a\xEF\xBF\xBD\xEF\xBF\xBD"
                     "b\"");
  }

  SUBCASE("urls with a script scheme become #, whatever their spelling") {
    CHECK(safe_url("javascript:alert(1)") == "#");
    CHECK(safe_url("JaVaScRiPt:alert(1)") == "#");
    CHECK(safe_url("  javascript:alert(1)") == "#");
    CHECK(safe_url("java\tscript:alert(1)") == "#");
    CHECK(safe_url("java\nscript:alert(1)") == "#");
    CHECK(safe_url("\x01javascript:alert(1)") == "#");
    CHECK(safe_url("vbscript:msgbox(1)") == "#");
    CHECK(safe_url("data:text/html;base64,PHNjcmlwdD4=") == "#");
    CHECK(safe_url("file:///etc/passwd") == "#");
  }

  SUBCASE("http, https, mailto and relative urls pass") {
    CHECK(safe_url("https://example.com/a?b=1&c=2") == "https://example.com/a?b=1&c=2");
    CHECK(safe_url("HTTP://example.com") == "HTTP://example.com");
    CHECK(safe_url("mailto:a@example.com") == "mailto:a@example.com");
    CHECK(safe_url("../reviews/x.html#y") == "../reviews/x.html#y");
    CHECK(safe_url("/path/with:colon") == "/path/with:colon");
    CHECK(safe_url("#section") == "#section");
  }

  SUBCASE("url paths keep slashes and letters, escape the rest") {
    CHECK(escape_url_path("reviews/2026-08-14-northwind pay.html") ==
          "reviews/2026-08-14-northwind%20pay.html");
    CHECK(escape_url_path("a\"b<c>?#%") == "a%22b%3Cc%3E%3F%23%25");
    CHECK(escape_url_path("reviews/华信.html") == "reviews/华信.html");
  }

  SUBCASE("url components escape everything but unreserved characters") {
    CHECK(escape_url_component("Ledger Co/+&=") == "Ledger%20Co%2F%2B%26%3D");
    CHECK(escape_url_component("in-house_1.0~") == "in-house_1.0~");
    CHECK(escape_url_component("张") == "%E5%BC%A0");
  }

  SUBCASE("xml drops the control characters xml 1.0 forbids") {
    CHECK(escape_xml("a\x01"
                     "b\x1F"
                     "<c>\td\n") == "ab&lt;c&gt;\td\n");
  }

  SUBCASE("csv quotes when needed and defuses formulas") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    CHECK(csv_field("+1") == "'+1");
    CHECK(csv_field("-cmd") == "'-cmd");
    CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_field("") == "");
  }
}
