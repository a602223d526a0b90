// Routes: method + path pattern ("/api/v1/units/{id}") -> handler. The route table is data:
// the authorisation test walks it to check that every route has a rule.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/result.h"
#include "http/message.h"

namespace binhdang::http {

using Handler = std::function<Result<Response>(Request&)>;

enum class Access {
  kPublic,    // anyone, no session needed
  kSignedIn,  // a valid session; state-changing methods also need the CSRF header
};

struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::kSignedIn;
  Handler handler;
  std::vector<std::string> segments;  // pattern split on '/'
};

class Router {
 public:
  void Add(std::string method, std::string pattern, Access access, Handler handler);

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    bool path_known = false;  // some route has this path, with another method
  };
  Match Find(const std::string& method, const std::string& path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

std::vector<std::string> SplitPath(const std::string& path);

}  // namespace binhdang::http
