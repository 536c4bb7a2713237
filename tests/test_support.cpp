#include "test_support.hpp"

#include <sys/wait.h>
#include <zlib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include <gtest/gtest.h>

namespace careforce::testing {

namespace fs = std::filesystem;

fs::path DataDir() { return fs::path(CAREFORCE_TEST_DATA); }

std::map<std::string, std::string> Unzip(const std::string& zip) {
  const auto u16 = [&](std::size_t at) {
    return static_cast<uint32_t>(static_cast<uint8_t>(zip[at]) | static_cast<uint8_t>(zip[at + 1])
                                                                     << 8);
  };
  const auto u32 = [&](std::size_t at) { return u16(at) | u16(at + 2) << 16; };
  std::size_t end = zip.size() - 22;
  while (end > 0 && u32(end) != 0x06054b50) --end;
  std::map<std::string, std::string> files;
  std::size_t entry = u32(end + 16);
  for (uint32_t count = u16(end + 10); count > 0; --count) {
    EXPECT_EQ(u32(entry), 0x02014b50u);
    const uint32_t method = u16(entry + 10);
    const uint32_t compressed = u32(entry + 20);
    const uint32_t size = u32(entry + 24);
    const uint32_t name_length = u16(entry + 28);
    const uint32_t extra_length = u16(entry + 30);
    const uint32_t comment_length = u16(entry + 32);
    const uint32_t local = u32(entry + 42);
    const std::string name = zip.substr(entry + 46, name_length);
    const std::size_t data = local + 30 + u16(local + 26) + u16(local + 28);
    std::string content(size, '\0');
    if (method == 0) {
      content = zip.substr(data, size);
    } else {
      z_stream stream{};
      EXPECT_EQ(inflateInit2(&stream, -MAX_WBITS), Z_OK);
      stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
      stream.avail_in = compressed;
      stream.next_out = reinterpret_cast<Bytef*>(content.data());
      stream.avail_out = size;
      EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END) << name;
      inflateEnd(&stream);
    }
    files[name] = std::move(content);
    entry += 46 + name_length + extra_length + comment_length;
  }
  return files;
}

std::string XmlUnescape(std::string text) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }
  return text;
}

Workbook ReadWorkbook(const std::filesystem::path& path) {
  Workbook book;
  book.files = Unzip(ReadFile(path));
  static const std::regex kSheet("<sheet name=\"([^\"]*)\" sheetId=\"([0-9]+)\"");
  const std::string& workbook = book.files.at("xl/workbook.xml");
  for (auto sheet = std::sregex_iterator(workbook.begin(), workbook.end(), kSheet); sheet != std::sregex_iterator();
       ++sheet) {
    const std::string name = XmlUnescape((*sheet)[1]);
    book.names.push_back(name);
    // libxlsxwriter writes sheet n as xl/worksheets/sheetn.xml.
    book.sheets[name] = book.files.at("xl/worksheets/sheet" + std::string((*sheet)[2]) + ".xml");
  }
  static const std::regex kString("<si>[\\s\\S]*?<t[^>]*>([\\s\\S]*?)</t>[\\s\\S]*?</si>");
  const auto found = book.files.find("xl/sharedStrings.xml");
  if (found == book.files.end()) return book;
  const std::string& strings = found->second;
  for (auto item = std::sregex_iterator(strings.begin(), strings.end(), kString); item != std::sregex_iterator(); ++item) {
    book.strings.push_back(XmlUnescape((*item)[1]));
  }
  return book;
}

std::vector<std::vector<std::string>> SheetRows(const Workbook& book, const std::string& sheet) {
  std::vector<std::vector<std::string>> rows;
  static const std::regex kCell("<c r=\"([A-Z]+)([0-9]+)\"([^>]*?)(?:/>|>([\\s\\S]*?)</c>)");
  static const std::regex kValue("<v>([\\s\\S]*?)</v>");
  const std::string& xml = book.sheets.at(sheet);
  for (auto cell = std::sregex_iterator(xml.begin(), xml.end(), kCell); cell != std::sregex_iterator(); ++cell) {
    std::size_t column = 0;
    for (const char letter : (*cell)[1].str()) column = column * 26 + static_cast<std::size_t>(letter - 'A' + 1);
    const std::size_t row = std::stoul((*cell)[2]);
    if (rows.size() < row) rows.resize(row);
    std::vector<std::string>& cells = rows[row - 1];
    if (cells.size() < column) cells.resize(column);
    const std::string content = (*cell)[4];
    std::smatch value;
    if (!std::regex_search(content, value, kValue)) continue;
    const bool shared = (*cell)[3].str().find("t=\"s\"") != std::string::npos;
    cells[column - 1] = shared ? book.strings.at(std::stoul(value[1])) : XmlUnescape(value[1]);
  }
  return rows;
}


TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = fs::temp_directory_path() /
          ("careforce-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

void CopyFiles(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const auto& entry : fs::directory_iterator(from)) {
    if (entry.is_regular_file()) {
      fs::copy_file(entry.path(), to / entry.path().filename(), fs::copy_options::overwrite_existing);
    }
  }
}

namespace {

// The names of the directories in `parent`, sorted.
std::vector<std::string> DirectoriesIn(const fs::path& parent) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(parent)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

std::vector<std::string> TestPlaces() { return DirectoriesIn(DataDir() / "places"); }
std::vector<std::string> BadPlaces() { return DirectoriesIn(DataDir() / "bad_places"); }

void AssembleBadPlace(const std::string& name, const fs::path& target) {
  CopyFiles(DataDir() / "places" / "tiny", target);
  const fs::path overlay = DataDir() / "bad_places" / name;
  for (const auto& entry : fs::directory_iterator(overlay)) {
    const std::string file = entry.path().filename().string();
    if (file == "expected.txt" || file == "remove.txt") continue;
    fs::copy_file(entry.path(), target / file, fs::copy_options::overwrite_existing);
  }
  if (fs::exists(overlay / "remove.txt")) {
    std::istringstream lines(ReadFile(overlay / "remove.txt"));
    for (std::string file; std::getline(lines, file);) {
      if (!file.empty()) fs::remove(target / file);
    }
  }
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::size_t Csv::Column(const std::string& key) const {
  for (std::size_t idx = 0; idx < header.size(); ++idx) {
    if (header[idx] == key) return idx;
  }
  return header.size();
}

Csv ReadCsv(const fs::path& path) {
  Csv csv;
  std::istringstream in(ReadFile(path));
  bool first = true;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (const char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.emplace_back();
      } else {
        fields.back() += c;
      }
    }
    if (first) {
      csv.header = std::move(fields);
      first = false;
    } else {
      csv.rows.push_back(std::move(fields));
    }
  }
  return csv;
}

void WriteFile(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

CommandResult RunCommand(const std::string& command) {
  TempDir capture;
  const std::string out_path = (capture.path() / "out").string();
  const std::string err_path = (capture.path() / "err").string();
  const int raw = std::system((command + " >" + out_path + " 2>" + err_path).c_str());
  CommandResult result;
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

std::string Careforce(const std::string& arguments, int timeout_seconds) {
  return "timeout " + std::to_string(timeout_seconds) + " " + std::string(CAREFORCE_BINARY) + " " + arguments;
}

Date FixedToday() { return *MakeDate(2026, 11, 24); }

std::pair<double, int> ChiSquare(const std::vector<int64_t>& counts, const std::vector<double>& probabilities, int draws) {
  double statistic = 0.0;
  int cells = 0;
  double observed = 0.0;
  double expected = 0.0;
  for (std::size_t k = 0; k < probabilities.size(); ++k) {
    observed += static_cast<double>(counts[k]);
    expected += probabilities[k] * draws;
    if (expected >= 5.0) {
      statistic += (observed - expected) * (observed - expected) / expected;
      ++cells;
      observed = 0.0;
      expected = 0.0;
    }
  }
  if (expected > 0) statistic += (observed - expected) * (observed - expected) / std::max(expected, 1e-9);
  return {statistic, cells};
}

double ChiSquareCritical(int df) {
  const double z = 3.0902;
  const double term = 1.0 - 2.0 / (9.0 * df) + z * std::sqrt(2.0 / (9.0 * df));
  return df * term * term * term;
}

}  // namespace careforce::testing
