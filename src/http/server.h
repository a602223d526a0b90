// The HTTP/1.1 server: Boost.Beast over Asio, one strand per connection, handlers on a pool of
// worker threads apart from the I/O threads, keep-alive, limits on
// header and body size (413 over them), timeouts for slow clients, and a graceful stop that
// lets in-flight requests finish.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "common/result.h"
#include "http/api.h"

namespace binhdang::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (see Server::port())
  int threads = 0;     // handler workers; 0: 2 per core, at least 4 (they may wait on the database)
  int io_threads = 0;  // threads that read and write sockets; 0: one per core
  size_t header_limit = 16 * 1024;  // bytes
  size_t body_limit = 16 * 1024 * 1024;
  std::chrono::seconds read_timeout{30};   // to receive a whole request once it starts
  std::chrono::seconds idle_timeout{75};   // keep-alive connection with no request
  std::chrono::seconds drain_timeout{15};  // graceful stop: longest wait for in-flight requests
  bool trust_proxy = false;                // take the client address from X-Forwarded-For
  bool access_log = true;                  // one JSON line per request on stdout
};

class Server {
 public:
  Server(Api& api, ServerOptions options);
  ~Server();

  //! Binds and listens. Fails with kInvalidArgument when the address cannot be bound.
  Status Start();
  //! The port bound by Start().
  unsigned short port() const;
  //! Serves until Stop(); returns when every connection has closed (or drain_timeout passed).
  void Run();
  //! Stops accepting, lets in-flight requests finish, closes idle connections. Thread-safe;
  //! may be called from a signal handler's strand.
  void Stop();
  //! Calls Stop() on SIGINT or SIGTERM.
  void StopOnSignals();

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace binhdang::http
