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
  //! A 304 when If-None-Match names the representation's tag (in a list, weak or strong:
  //! RFC 9110 §13.1.2 compares weakly); the gzip and the identity copies have different tags.
  std::optional<Response> Serve(const Request& request) const;
  //! True iff a GET of `path` would serve something (Serve does not return nullopt).
  bool Serves(const std::string& path) const;
  size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string body;
    std::string gzip;  // empty: no compressed copy
    std::string etag;  // of the identity copy; the gzip copy's is etag_gzip
    std::string etag_gzip;
    bool immutable = false;  // hashed file name: cache for a year
  };
  const File* Find(const std::string& path) const;
  std::unordered_map<std::string, File> files_;
};

}  // namespace binhdang::http
