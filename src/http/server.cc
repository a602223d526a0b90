#include "http/server.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_map>

#include "http/errors.h"

namespace binhdang::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {
// The path and query of a request target: an absolute-form target (RFC 9112 §3.2.2, "GET
// http://host/api/v1/health", what proxies send) is routed by its path.
std::string OriginForm(std::string_view target) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (target.size() < scheme.size() || !beast::iequals(target.substr(0, scheme.size()), scheme))
      continue;
    const std::string_view rest = target.substr(scheme.size());
    const size_t end = rest.find_first_of("/?");
    if (end == std::string_view::npos) return "/";
    return rest[end] == '?' ? "/" + std::string(rest.substr(end)) : std::string(rest.substr(end));
  }
  return std::string(target);
}

void RaiseFileLimit() {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}
}  // namespace

class Connection;

class Server::Impl {
 public:
  Impl(Api& api, ServerOptions options)
      : api_(api),
        options_(std::move(options)),
        acceptor_(io_),
        workers_(std::make_unique<net::thread_pool>(WorkerCount(options_))) {}

  //! Threads that run handlers: 2 per core, at least 4 (they may wait on the database).
  static size_t WorkerCount(const ServerOptions& o) {
    if (o.threads > 0) return static_cast<size_t>(o.threads);
    return std::max<size_t>(4, 2 * std::max(1u, std::thread::hardware_concurrency()));
  }

  Api& api_;
  ServerOptions options_;
  net::io_context io_;
  tcp::acceptor acceptor_;
  std::unique_ptr<net::signal_set> signals_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections_;
  std::unique_ptr<net::steady_timer> drain_timer_;
  // After io_: destroyed (joined) first, while the connections its tasks hold can still go.
  std::unique_ptr<net::thread_pool> workers_;

  void Accept();
  void Forget(Connection* c) {
    std::lock_guard lock(mu_);
    connections_.erase(c);
    if (stopping_ && connections_.empty() && drain_timer_) drain_timer_->cancel();
  }
  void DoStop();
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) address_ = ep.address().to_string();
    // Responses go out as header + body writes; without this, Nagle and delayed ACKs add
    // tens of milliseconds to every keep-alive response.
    stream_.socket().set_option(tcp::no_delay(true), ec);
    server_.api_.metrics().ConnectionOpened();
  }
  ~Connection() {
    server_.api_.metrics().ConnectionClosed();
    server_.Forget(this);
  }

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

  //! Closes the connection if it waits for a request; a busy one closes after its response.
  void CloseIfIdle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) {
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.close();
      }
    });
  }

 private:
  void Read() {
    if (server_.stopping_) return Close();
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(server_.options_.header_limit));
    parser_->body_limit(server_.options_.body_limit);
    busy_ = false;
    stream_.expires_after(requests_ == 0 ? server_.options_.read_timeout
                                         : server_.options_.idle_timeout);
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  // Once its header has arrived a request is in flight: a graceful stop lets it finish.
  void OnHeader(beast::error_code ec) {
    if (ec) return OnRead(ec);
    busy_ = true;
    stream_.expires_after(server_.options_.read_timeout);
    const auto& header = parser_->get();
    if (!parser_->is_done() && header.version() == 11 &&
        beast::iequals(header[bhttp::field::expect], "100-continue")) {
      // The client waits for this before it sends the body (curl: one second, then anyway).
      // Limits were checked on the header already: an oversized body got its 413 instead.
      auto go_on =
          std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, 11);
      bhttp::async_write(stream_, *go_on,
                         [self = shared_from_this(), go_on](beast::error_code ec, size_t) {
                           if (ec) return self->Close();
                           self->ReadBody();
                         });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  // A 400 for a request that parsed but breaks HTTP/1.1's rules; the connection closes after it.
  void Refuse(const char* vi, const char* en) {
    Response r = ErrorResponse(Error{ErrorCode::kInvalidArgument, {vi, en}, {}, 0}, false);
    server_.api_.metrics().Record("?", "malformed", r.status, 0);
    Write(std::move(r), false, 11, "?", "?", 0);
  }

  void OnRead(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == net::error::operation_aborted ||
        ec == beast::error::timeout || ec == net::error::connection_reset ||
        ec == net::error::eof || ec == bhttp::error::partial_message) {
      return Close();
    }
    busy_ = true;
    if (ec) {
      // Malformed or oversized requests get an answer, then the connection closes.
      Error e =
          ec == bhttp::error::body_limit || ec == bhttp::error::header_limit
              ? Error{ErrorCode::kPayloadTooLarge, {"Yêu cầu quá lớn", "Request too large"}, {}, 0}
              : Error{ErrorCode::kInvalidArgument,
                      {"Yêu cầu HTTP không hợp lệ", "Malformed HTTP request"},
                      {},
                      0};
      Response r = ErrorResponse(e, false);
      server_.api_.metrics().Record("?", "malformed", r.status, 0);
      return Write(std::move(r), false, 11, "?", "?", 0);
    }
    ++requests_;
    auto& msg = parser_->get();
    // HTTP/1.1 requires exactly one Host (RFC 9112 §3.2).
    if (msg.version() == 11 && msg.count(bhttp::field::host) != 1) {
      return Refuse("Yêu cầu HTTP/1.1 phải có đúng một trường Host",
                    "An HTTP/1.1 request needs exactly one Host");
    }
    Request req;
    req.method = std::string(msg.method_string());
    const std::string target = OriginForm(msg.target());
    const size_t qpos = target.find('?');
    auto path = PercentDecode(std::string_view(target).substr(0, qpos));
    req.path = path.value_or(target.substr(0, qpos));
    if (qpos != std::string::npos)
      req.query = ParseQuery(std::string_view(target).substr(qpos + 1));
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers[name] = std::string(field.value());
    }
    req.body = std::move(msg.body());
    req.caller.address = address_;
    if (server_.options_.trust_proxy) {
      const std::string& fwd = req.Header("x-forwarded-for");
      if (!fwd.empty()) req.caller.address = fwd.substr(0, fwd.find(','));
    }
    // The handler may wait on the database: it runs on a worker, not on this I/O thread, and
    // its response is written back on the connection's strand. The next request is read only
    // after that, so pipelined requests are answered in order. The work guard keeps the I/O
    // threads running meanwhile (a graceful stop waits for the response).
    const bool client_keep_alive = msg.keep_alive();
    const unsigned version = msg.version();
    net::post(*server_.workers_, [self = shared_from_this(), req = std::move(req),
                                  client_keep_alive, version,
                                  work = net::make_work_guard(stream_.get_executor())]() mutable {
      const auto start = std::chrono::steady_clock::now();
      Response res = self->server_.api_.Handle(req);
      const double ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      auto executor = self->stream_.get_executor();
      net::post(executor, [self = std::move(self), req = std::move(req), res = std::move(res),
                           client_keep_alive, version, ms, work = std::move(work)]() mutable {
        const bool keep_alive = client_keep_alive && !self->server_.stopping_;
        self->Write(std::move(res), keep_alive, version, req.method, req.path, ms,
                    req.caller.username(), req.caller.address);
      });
    });
  }

  void Write(Response r, bool keep_alive, unsigned version, const std::string& method,
             const std::string& path, double ms, const std::string& user = "",
             const std::string& address = "") {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(
        static_cast<bhttp::status>(r.status), version);
    res->set(bhttp::field::server, "binhdang");
    if (!r.content_type.empty()) res->set(bhttp::field::content_type, r.content_type);
    for (const auto& [k, v] : r.headers) res->insert(k, v);
    if (server_.api_.options().secure_cookies) {
      // Behind HTTPS (the reason for Secure cookies): browsers keep to HTTPS for a year.
      res->set(bhttp::field::strict_transport_security, "max-age=31536000; includeSubDomains");
    }
    res->body() = std::move(r.body);
    res->keep_alive(keep_alive);
    if (r.status == 204 || r.status == 304 || r.status < 200) {
      res->body().clear();  // no body and no Content-Length (RFC 9110 §8.6)
    } else {
      res->prepare_payload();
      // HEAD: the headers of the GET, Content-Length included, without its body.
      if (method == "HEAD") res->body().clear();
    }
    if (server_.options_.access_log) {
      nlohmann::json line = {{"ts", IsoInstant(NowMs())},
                             {"method", method},
                             {"path", path},
                             {"status", r.status},
                             {"ms", ms},
                             {"bytes", res->body().size()},
                             {"ip", address.empty() ? address_ : address},
                             {"user", user}};
      spdlog::get("access")->info(
          line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    stream_.expires_after(server_.options_.read_timeout);
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res, keep_alive](beast::error_code ec, size_t) {
                         if (ec || !keep_alive) return self->Close();
                         self->Read();
                       });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Server::Impl& server_;
  std::string address_;
  std::atomic<bool> busy_{false};
  long long requests_ = 0;
};

void Server::Impl::Accept() {
  acceptor_.async_accept(net::make_strand(io_), [this](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
      spdlog::warn("accept: {}", ec.message());
    } else {
      auto conn = std::make_shared<Connection>(std::move(socket), *this);
      {
        std::lock_guard lock(mu_);
        connections_[conn.get()] = conn;
      }
      conn->Start();
    }
    if (!stopping_) Accept();
  });
}

void Server::Impl::DoStop() {
  if (stopping_.exchange(true)) return;
  spdlog::info("stopping: no new connections; waiting for requests in flight");
  beast::error_code ec;
  acceptor_.close(ec);
  if (signals_) signals_->cancel(ec);
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(mu_);
    for (auto& [ptr, weak] : connections_) {
      if (auto c = weak.lock()) live.push_back(std::move(c));
    }
  }
  for (auto& c : live) c->CloseIfIdle();
  drain_timer_ = std::make_unique<net::steady_timer>(io_, options_.drain_timeout);
  drain_timer_->async_wait([this](beast::error_code e) {
    if (!e) {
      spdlog::warn("stopping: drain timeout; closing remaining connections");
      io_.stop();
    }
  });
  std::lock_guard lock(mu_);
  if (connections_.empty()) drain_timer_->cancel();
}

Server::Server(Api& api, ServerOptions options)
    : impl_(std::make_unique<Impl>(api, std::move(options))) {
  if (!spdlog::get("access")) {
    // Its own sink: one JSON object per line, without the default logger's prefix.
    auto logger = std::make_shared<spdlog::logger>(
        "access", std::make_shared<spdlog::sinks::stdout_sink_mt>());
    logger->set_pattern("%v");
    spdlog::register_logger(logger);
  }
}

Server::~Server() = default;

Status Server::Start() {
  RaiseFileLimit();
  beast::error_code ec;
  auto address = net::ip::make_address(impl_->options_.host, ec);
  if (ec)
    return Error::Invalid("listen", "địa chỉ không hợp lệ: " + impl_->options_.host,
                          "invalid address");
  tcp::endpoint ep(address, impl_->options_.port);
  auto& acc = impl_->acceptor_;
  acc.open(ep.protocol(), ec);
  if (!ec) acc.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acc.bind(ep, ec);
  if (!ec) acc.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error::Invalid("listen",
                          "không mở được cổng " + impl_->options_.host + ":" +
                              std::to_string(impl_->options_.port) + ": " + ec.message(),
                          "cannot listen on " + impl_->options_.host + ":" +
                              std::to_string(impl_->options_.port) + ": " + ec.message());
  }
  impl_->Accept();
  return Ok();
}

unsigned short Server::port() const {
  beast::error_code ec;
  return impl_->acceptor_.local_endpoint(ec).port();
}

void Server::Run() {
  int threads = impl_->options_.io_threads;
  if (threads <= 0) threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([this] { impl_->io_.run(); });
  impl_->io_.run();
  for (auto& t : pool) t.join();
  // A handler still running after a drain timeout finishes here; its response is dropped.
  impl_->workers_->join();
  spdlog::info("stopped");
}

void Server::Stop() {
  net::post(impl_->io_, [this] { impl_->DoStop(); });
}

void Server::StopOnSignals() {
  impl_->signals_ = std::make_unique<net::signal_set>(impl_->io_, SIGINT, SIGTERM);
  impl_->signals_->async_wait([this](beast::error_code ec, int sig) {
    if (ec) return;
    spdlog::info("signal {} received", sig);
    impl_->DoStop();
  });
}

}  // namespace binhdang::http
