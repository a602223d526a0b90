#include "http/router.h"

namespace binhdang::http {

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

void Router::Add(std::string method, std::string pattern, Access access, Handler handler) {
  Route r{std::move(method), std::move(pattern), access, std::move(handler), {}};
  r.segments = SplitPath(r.pattern);
  routes_.push_back(std::move(r));
}

Router::Match Router::Find(const std::string& method, const std::string& path) const {
  Match m;
  const auto segments = SplitPath(path);
  for (const auto& r : routes_) {
    if (r.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < segments.size() && ok; ++i) {
      const auto& s = r.segments[i];
      if (s.size() > 2 && s.front() == '{' && s.back() == '}') {
        params[s.substr(1, s.size() - 2)] = segments[i];
      } else {
        ok = s == segments[i];
      }
    }
    if (!ok) continue;
    // A literal segment beats a parameter: /units/{id} must not swallow a literal route.
    if (r.method != method) {
      m.path_known = true;
      continue;
    }
    if (!m.route) {
      m.route = &r;
      m.params = std::move(params);
    }
  }
  return m;
}

}  // namespace binhdang::http
