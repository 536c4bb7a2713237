// The report as a reader sees it: rendered in headless Chromium at laptop and desktop widths,
// no table is wider than the column it sits in and the page does not scroll sideways.

#include <filesystem>
#include <regex>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "test_support.hpp"

namespace careforce::report {
namespace {

namespace fs = std::filesystem;
using careforce::testing::ReadFile;
using careforce::testing::RunCommand;
using careforce::testing::TempDir;
using careforce::testing::WriteFile;

// Measures the rendered page: appends a script that writes, onto the body, the page's width
// against the window's and the tables wider than their own box, then dumps the DOM.
std::string Measure(const fs::path& report, int width, const fs::path& probe) {
  std::string html = ReadFile(report);
  const std::string script = R"(<script>
const wide = [...document.querySelectorAll('table')].filter(t => t.scrollWidth > t.clientWidth + 1)
  .map(t => (t.previousElementSibling ? t.previousElementSibling.textContent : '?') + ' ' + t.scrollWidth + '/' + t.clientWidth);
document.body.setAttribute('data-page', document.documentElement.scrollWidth + '/' + window.innerWidth);
document.body.setAttribute('data-wide', wide.join(' | '));
</script></body>)";
  const std::size_t end = html.rfind("</body>");
  if (end == std::string::npos) return "no </body>";
  html.replace(end, 7, script);
  WriteFile(probe, html);
  const auto result = RunCommand(fmt::format("chromium --headless --no-sandbox --disable-gpu --window-size={},900 "
                                             "--dump-dom file://{}",
                                             width, probe.string()));
  return result.status == 0 ? result.out : "chromium failed: " + result.err;
}

TEST(ReportRender, NoTableOverflowsItsColumnAtLaptopAndDesktopWidths) {
  TempDir temp;
  const std::string place = std::string(CAREFORCE_SOURCE_DIR) + "/examples/westbrook";
  const auto plan = RunCommand(careforce::testing::Careforce(fmt::format("plan {} --out {} --runs 50", place, (temp.path() / "out").string())));
  ASSERT_EQ(plan.status, 0) << plan.err;
  for (const int width : {1366, 1920}) {
    const std::string dom = Measure(temp.path() / "out" / "report.html", width, temp.path() / "probe.html");
    std::smatch page;
    ASSERT_TRUE(std::regex_search(dom, page, std::regex("data-page=\"([0-9]+)/([0-9]+)\""))) << dom.substr(0, 500);
    EXPECT_LE(std::stoi(page[1]), std::stoi(page[2])) << "the page scrolls sideways at " << width << " px";
    std::smatch wide;
    ASSERT_TRUE(std::regex_search(dom, wide, std::regex("data-wide=\"([^\"]*)\"")));
    EXPECT_EQ(wide[1].str(), "") << "tables wider than their column at " << width << " px";
    // The first screen is the plan in five minutes.
    EXPECT_NE(dom.find("The plan in five minutes"), std::string::npos);
  }
}

}  // namespace
}  // namespace careforce::report
