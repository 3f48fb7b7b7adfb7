// Fuzzes the permission matcher (access/permissions.hpp) against a plain
// reference reading of its contract, and checks the escalation guard is
// sound: a pattern judged covered by `held` grants no code `held` lacks.
//
// Input: newline-separated lines; the first is the pattern, the second the
// code, the rest the held patterns.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "access/permissions.hpp"
#include "fuzz_support.hpp"

namespace {

using keycard::fuzz::check;
namespace access = keycard::access;

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto at = text.find(sep, start);
    out.emplace_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

// The contract in the header's words: 2 or 3 segments, the first "admin" or
// "hotel", the others [a-z_]+ or a '*' that is only ever the last one.
bool ref_valid(std::string_view pattern) {
  const auto segs = split(pattern, ':');
  if (segs.size() < 2 || segs.size() > 3) return false;
  if (segs[0] != "admin" && segs[0] != "hotel") return false;
  for (std::size_t i = 1; i < segs.size(); ++i) {
    if (segs[i] == "*") {
      if (i + 1 != segs.size()) return false;
      continue;
    }
    if (segs[i].empty()) return false;
    for (char c : segs[i]) {
      if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
    }
  }
  return true;
}

bool ref_code(std::string_view code) { return ref_valid(code) && code.find('*') == std::string_view::npos; }

// `*` stands for one or more whole segments after the fixed prefix.
bool ref_matches(std::string_view pattern, std::string_view code) {
  if (!ref_valid(pattern) || !ref_code(code)) return false;
  if (pattern.back() != '*') return pattern == code;
  const std::string_view prefix = pattern.substr(0, pattern.size() - 1);  // ends with ':'
  return code.size() > prefix.size() && code.substr(0, prefix.size()) == prefix;
}

// Concrete codes that `pattern` matches: itself, or for a wildcard one code
// per possible length below its prefix, plus the catalogue's.
std::vector<std::string> sample_codes(const std::string& pattern) {
  std::vector<std::string> out;
  if (!ref_valid(pattern)) return out;
  if (pattern.back() != '*') {
    out.push_back(pattern);
  } else {
    const std::string prefix = pattern.substr(0, pattern.size() - 1);
    out.push_back(prefix + "zz");
    if (split(prefix, ':').size() == 2) out.push_back(prefix + "zz:yy");
  }
  for (const auto& info : access::permission_catalogue()) {
    if (ref_matches(pattern, info.code)) out.emplace_back(info.code);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto lines = split(input, '\n');
  // A handful of held patterns exercises the union as well as many would, and
  // the catalogue-wide checks below cost one parse per held pattern and code.
  if (lines.size() > 6) return 0;
  const std::string pattern = lines[0];
  const std::string code = lines.size() > 1 ? lines[1] : std::string();
  const std::vector<std::string> held(lines.begin() + std::min<std::size_t>(2, lines.size()), lines.end());

  check(access::is_valid_permission_pattern(pattern) == ref_valid(pattern), "is_valid_permission_pattern", pattern);
  check(access::is_valid_permission_pattern(code) == ref_valid(code), "is_valid_permission_pattern", code);
  check(access::permission_matches(pattern, code) == ref_matches(pattern, code), "permission_matches", input);
  check(access::permission_matches(pattern, pattern) == ref_code(pattern), "a code grants itself", pattern);
  check(access::permission_matches(code, code) == ref_code(code), "a code grants itself", code);
  if (access::permission_matches(pattern, code)) {
    // Whole segments only: `hotel:*` never grants `hotelx:...` nor an admin code.
    check(code.substr(0, code.find(':')) == pattern.substr(0, pattern.find(':')), "same scope", input);
  }

  bool any = false;
  for (const auto& h : held) any = any || access::permission_matches(h, code);
  check(access::any_matches(held, code) == any, "any_matches is the union of permission_matches", input);

  // The escalation guard: covered means every code the pattern grants is held.
  const bool covered = access::pattern_covered_by(pattern, held);
  if (covered) {
    check(ref_valid(pattern), "only a valid pattern is covered", pattern);
    for (const auto& c : sample_codes(pattern)) {
      check(access::any_matches(held, c), "covered pattern grants a code that is not held",
            std::string(input) + "\n-> " + c);
    }
  }
  if (ref_code(pattern) && access::any_matches(held, pattern)) {
    check(covered, "a held concrete code is covered", input);
  }

  std::vector<std::string> granted;
  for (const auto& info : access::permission_catalogue()) {
    if (access::any_matches(held, info.code)) granted.emplace_back(info.code);
  }
  std::sort(granted.begin(), granted.end());
  check(access::expand_to_catalogue(held) == granted, "expand_to_catalogue lists exactly the granted codes, sorted",
        input);
  return 0;
}
