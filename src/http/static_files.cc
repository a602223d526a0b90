#include "http/static_files.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/crypto.h"
#include "http/compression.h"

namespace binhdang::http {

namespace {
std::string ContentType(const std::string& ext) {
  static const std::unordered_map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
  };
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

StaticFiles::StaticFiles(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) {
    if (!dir.empty()) spdlog::warn("web directory {} not found; serving the API only", dir);
    return;
  }
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() == ".gz") continue;
    const std::string rel = "/" + fs::relative(entry.path(), dir).generic_string();
    File f;
    f.content_type = ContentType(entry.path().extension().string());
    f.body = ReadAll(entry.path());
    const auto gz = fs::path(entry.path().string() + ".gz");
    if (fs::exists(gz)) {
      f.gzip = ReadAll(gz);
    } else if (f.body.size() > 1024 && (f.content_type.starts_with("text/") ||
                                        f.content_type.starts_with("application/json") ||
                                        f.content_type.starts_with("image/svg+xml"))) {
      // Compressed here, never later by the Api, so each copy keeps its own ETag.
      f.gzip = Gzip(f.body, 9).value_or("");
    }
    const std::string hash = crypto::HashHex(f.body).substr(0, 20);
    f.etag = "\"" + hash + "\"";
    f.etag_gzip = "\"" + hash + "-gz\"";
    // esbuild names bundles name-HASH.ext; those never change and can be cached for good.
    const std::string stem = entry.path().stem().string();
    f.immutable =
        stem.find('-') != std::string::npos && rel.find("/index.html") == std::string::npos;
    files_.emplace(rel, std::move(f));
  }
  spdlog::info("serving {} web files from {}", files_.size(), dir);
}

const StaticFiles::File* StaticFiles::Find(const std::string& request_path) const {
  const std::string path = request_path == "/" ? "/index.html" : request_path;
  auto it = files_.find(path);
  if (it == files_.end()) {
    // Front-end routes (no extension) fall back to the app shell.
    if (path.find('.', path.rfind('/')) != std::string::npos) return nullptr;
    it = files_.find("/index.html");
    if (it == files_.end()) return nullptr;
  }
  return &it->second;
}

bool StaticFiles::Serves(const std::string& path) const { return Find(path) != nullptr; }

namespace {
// True iff an If-None-Match value ("*", or a list of tags, each maybe W/) names `etag`.
bool NoneMatchNames(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view tag = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
  }
  return false;
}
}  // namespace

std::optional<Response> StaticFiles::Serve(const Request& req) const {
  const File* found = Find(req.path);
  if (!found) return std::nullopt;
  const File& f = *found;
  const bool gzip = !f.gzip.empty() && AcceptsGzip(req.Header("accept-encoding"));
  const std::string& etag = gzip ? f.etag_gzip : f.etag;
  Response r;
  r.content_type = f.content_type;
  r.headers.emplace_back("ETag", etag);
  r.headers.emplace_back("Cache-Control",
                         f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  r.headers.emplace_back("Vary", "Accept-Encoding");
  if (NoneMatchNames(req.Header("if-none-match"), etag)) {
    r.status = 304;
    r.content_type.clear();
    return r;
  }
  if (gzip) {
    r.body = f.gzip;
    r.headers.emplace_back("Content-Encoding", "gzip");
  } else {
    r.body = f.body;
  }
  return r;
}

}  // namespace binhdang::http
