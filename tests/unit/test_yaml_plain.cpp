// parse_yaml reads plain block YAML with its own reader and everything else with yaml-cpp.
// Whatever the input, both must give the very same tree and findings: checked here on the
// example files and on thousands of mutations of them.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "../../src/yaml/yaml_plain.hpp"
#include "pipeline/yaml/yaml_tree.hpp"

using namespace pipeline;
namespace fs = std::filesystem;

namespace {

std::string describe(const YamlNode& n) {
    std::string s = std::string(kind_name(n.kind)) + "@" + std::to_string(n.position.line) + ":" +
                    std::to_string(n.position.column) + "+" + std::to_string(n.offset) + (n.quoted ? "q" : "") +
                    (n.flow ? "f" : "") + "[" + n.value + "]";
    for (const YamlNode& i : n.items) s += "(" + describe(i) + ")";
    for (const YamlEntry& e : n.entries) s += "{" + describe(e.key) + "=" + describe(e.value) + "}";
    return s;
}

std::string describe(const YamlDocument& doc, const Diagnostics& out) {
    std::string s = doc.root ? describe(*doc.root) : "none";
    for (const Diagnostic& d : out.items())
        s += "\n" + std::to_string(d.position.line) + ":" + std::to_string(d.position.column) + " " + d.rule + " " + d.message;
    return s;
}

struct Counter : detail::PlainEvents {
    void map_start(detail::PlainMark, bool) override {}
    void map_end() override {}
    void sequence_start(detail::PlainMark, bool) override {}
    void sequence_end() override {}
    void scalar(detail::PlainMark, bool, std::string_view) override {}
};

bool plain(std::string_view text) {
    Counter c;
    return detail::parse_plain_yaml(text, c);
}

// Parses with both readers; returns whether the plain reader took the text.
bool same_both_ways(const std::string& text) {
    Diagnostics fast_out, slow_out;
    const YamlDocument fast = parse_yaml(text, "f.yaml", fast_out);
    const YamlDocument slow = parse_yaml_with_yaml_cpp(text, "f.yaml", slow_out);
    const std::string a = describe(fast, fast_out), b = describe(slow, slow_out);
    if (a != b) {
        INFO("text:\n" << text);
        CHECK(a == b);
    }
    return plain(text);
}

std::vector<std::string> seeds() {
    std::vector<std::string> out;
    for (const char* dir : {"examples/sales/projects", "tests/fuzz/corpus"}) {
        const fs::path base = fs::path(PIPELINE_TEST_DATA).parent_path() / dir;
        std::error_code ec;
        for (fs::recursive_directory_iterator it(base, ec), end; !ec && it != end; it.increment(ec)) {
            // The YAML files written as seeds; inputs the fuzzers found are named by their hash.
            if (!it->is_regular_file() || it->path().extension() != ".yaml") continue;
            std::ifstream in(it->path(), std::ios::binary);
            out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("yaml plain reader: the example files give yaml-cpp's tree, and most need no yaml-cpp") {
    const auto files = seeds();
    REQUIRE(files.size() >= 20);
    int taken = 0;
    for (const std::string& text : files) taken += same_both_ways(text);
    CHECK(taken >= 20);
}

TEST_CASE("yaml plain reader: small cases agree with yaml-cpp") {
    const char* cases[] = {
        "a: 1\n", "a: 1", "a: b # c\n", "a: b#c\n", "a: 'x''y'\n", "a: \"x y\"\n", "a: \"x\\ny\"\n",
        "a: [1, 2]\n", "a: [1, 2, ]\n", "a: []\n", "a: {}\n", "a: {x: 1, y: [2, 3]}\n", "a: {x: }\n",
        "a:\n  - x\n  - y\n", "a:\n- x\n- y\n", "a:\n  - k: v\n    j: w\n  - k: u\n", "a:\n  -\n  - x\n",
        "a: b\n  c\n", "a: b:\n", "a: b: c\n", "a: http://x.y/z\n", "a: 10:30\n", "a: [10:30]\n",
        "a: [x?]\n", "a: x?\n", "a: 方案[V2]\n", "a: {n: 是吗？}\n", "a: b, c\n", "a:\tb\n", "a: b\r\n",
        "---\na: 1\n", "a: 1\n...\n", "a: 1\n---\nb: 2\n", "a: &x 1\n", "a: *x\n", "a: !t 1\n", "a: |\n  x\n",
        "a: >\n  x\n", "a:\n", "a:\nb: 1\n", "- a\n- b\n", "a: 1\na: 2\n", "a:\n  b: 1\n c: 2\n",
        "a:\n  b: 1\n   c: 2\n", "# c\n\na: 1 # d\n\n# e\n", "a: ~\n", "a: null\n", "~: 1\n", "a: 'b' c\n",
        "a: [b] c\n", "a: [b]#c\n", "a: [b] #c\n", "a: {b: c}}\n", "a: [\n  1]\n", "a: -1\n", "a: - 1\n",
        "a: '\n'\n", "a-b.c_d: 1\n", "a : 1\n", "a: [a b, c  d ]\n", "a: {k:v}\n", "a: [{k: v}, [x]]\n",
        "a:    spaced   \n", "  a: 1\n", "a: 1\n  # indented comment\nb: 2\n", "\xEF\xBB\xBF" "a: 1\n",
        "a: \"\"\n", "a: ''\n", "a: [\"x\", 'y']\n", "a: [\"x\" , 'y' ]\n", "a: ['x': 1]\n", "a: \"x\": 1\n",
    };
    for (const char* text : cases) same_both_ways(text);
}

TEST_CASE("yaml plain reader: thousands of mutations of the examples agree with yaml-cpp") {
    const auto files = seeds();
    const char* pieces[] = {" ", "  ", "\n", ": ", ":", "- ", "-", "#", " #", "[", "]", "{", "}", ",", ", ", "'",
                            "\"", "''", "\\", "?", "&a", "*a", "!", "|", ">", "\t", "~", "null", "中文", "x",
                            "\n  ", "\n- ", "\nk: v", "---", "...", "%", "@", "`", "\r\n"};
    std::mt19937 rng(12345);
    int taken = 0;
    for (int round = 0; round < 4000; ++round) {
        std::string text = files[rng() % files.size()];
        const int edits = 1 + static_cast<int>(rng() % 3);
        for (int e = 0; e < edits && !text.empty(); ++e) {
            const std::size_t at = rng() % text.size();
            switch (rng() % 4) {
                case 0: text.insert(at, pieces[rng() % std::size(pieces)]); break;
                case 1: text.erase(at, 1 + rng() % 4); break;
                case 2: text.replace(at, 1, pieces[rng() % std::size(pieces)]); break;
                default: {  // duplicate or drop a line
                    const std::size_t b = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
                    const std::size_t n = text.find('\n', at);
                    const std::string line = text.substr(b, n == std::string::npos ? std::string::npos : n - b + 1);
                    if (rng() % 2) text.insert(b, line);
                    else text.erase(b, line.size());
                }
            }
        }
        taken += same_both_ways(text);
    }
    CHECK(taken > 1000);  // the mutations that stay plain were read by the plain reader
}
