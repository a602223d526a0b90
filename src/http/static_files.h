// The built web front end, read into memory at start and served with content types, ETags,
// cache headers and gzip (from the .gz files the front-end build writes beside each asset).
#pragma once

#include <string>
#include <unordered_map>

#include "http/message.h"

namespace binhdang::http {

class StaticFiles {
 public:
  //! Loads every file under `dir`; a missing dir leaves the set empty (API-only server).
  explicit StaticFiles(const std::string& dir);

  //! The file for a GET of `path`; unknown paths without an extension get index.html so the
  //! front end's routes work on reload. nullopt when there is nothing to serve.
  std::optional<Response> Serve(const Request& request) const;
  size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string body;
    std::string gzip;  // empty: no compressed copy
    std::string etag;
    bool immutable = false;  // hashed file name: cache for a year
  };
  std::unordered_map<std::string, File> files_;
};

}  // namespace binhdang::http
