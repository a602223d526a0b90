#include "http/router.h"

#include <algorithm>

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

std::string AllowHeader(std::vector<std::string> methods) {
  if (methods.empty()) return "";
  if (std::count(methods.begin(), methods.end(), "GET")) methods.push_back("HEAD");
  methods.push_back("OPTIONS");
  // The usual order, then anything else alphabetically; no repeats.
  static const std::vector<std::string> kOrder = {"GET",   "HEAD",   "POST",   "PUT",
                                                  "PATCH", "DELETE", "OPTIONS"};
  auto rank = [](const std::string& m) {
    auto it = std::find(kOrder.begin(), kOrder.end(), m);
    return it == kOrder.end() ? kOrder.size() : static_cast<size_t>(it - kOrder.begin());
  };
  std::sort(methods.begin(), methods.end(), [&](const auto& a, const auto& b) {
    return rank(a) != rank(b) ? rank(a) < rank(b) : a < b;
  });
  methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
  std::string out;
  for (const auto& m : methods) out += (out.empty() ? "" : ", ") + m;
  return out;
}

Router::Match Router::Find(const std::string& requested, const std::string& path) const {
  Match m;
  const std::string& method = requested == "HEAD" ? std::string("GET") : requested;
  std::vector<std::string> methods;
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
    methods.push_back(r.method);
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
  m.allow = AllowHeader(std::move(methods));
  return m;
}

}  // namespace binhdang::http
