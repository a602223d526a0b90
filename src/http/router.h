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
    //! The methods the path answers ("GET, HEAD, POST, OPTIONS"); empty when no route has it.
    //! HEAD comes with every GET and OPTIONS with every known path.
    std::string allow;
  };
  //! The route for `method` on `path`; HEAD finds the GET route (its handler answers, the
  //! server sends the headers only).
  Match Find(const std::string& method, const std::string& path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

std::vector<std::string> SplitPath(const std::string& path);
//! An Allow header for `methods`: HEAD added beside GET, OPTIONS always, in the usual order.
std::string AllowHeader(std::vector<std::string> methods);

}  // namespace binhdang::http
