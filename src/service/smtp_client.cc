#include "service/smtp_client.h"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <cctype>
#include <chrono>
#include <optional>
#include <set>
#include <vector>

#include "common/crypto.h"

namespace binhdang::service {

namespace asio = boost::asio;
namespace beast = boost::beast;
using boost::system::error_code;

namespace {

struct SmtpReply {
  int code = 0;
  std::string text;                // every line, joined by " / "
  std::vector<std::string> lines;  // each line's text after the code
};

// A failure of the conversation: the reply or what went wrong, and whether it is for good.
struct SmtpFailure {
  std::string error;
  bool permanent = false;
  bool connection = false;  // the connection or the server failed, not one message
};

}  // namespace

struct SmtpSession::Impl {
  SmtpOptions options;
  asio::io_context ioc;
  asio::ssl::context tls{asio::ssl::context::tls_client};
  std::optional<beast::ssl_stream<beast::tcp_stream>> stream;
  bool secure = false;
  bool is_open = false;
  std::string buffer;
  std::set<std::string> extensions;  // the EHLO keywords, upper-cased ("STARTTLS", "AUTH", …)
  std::set<std::string> auth;        // the AUTH mechanisms offered

  explicit Impl(SmtpOptions o) : options(std::move(o)) {
    if (options.helo.empty()) options.helo = "localhost.localdomain";
  }

  beast::tcp_stream& tcp() { return stream->next_layer(); }

  // Runs one asynchronous step to its end (or to the time limit, which cancels it).
  // `renew`: a new time limit for this step; otherwise the one running (a whole reply has one).
  template <class Start>
  error_code Await(Start start, bool renew = true) {
    error_code result;
    bool done = false;
    if (renew) tcp().expires_after(std::chrono::milliseconds(options.timeout_ms));
    start([&](error_code ec, auto&&...) {
      result = ec;
      done = true;
    });
    ioc.restart();
    ioc.run();
    if (!done) return asio::error::timed_out;
    return result;
  }

  std::optional<SmtpFailure> Write(std::string_view bytes) {
    const error_code ec = Await([&](auto handler) {
      if (secure)
        asio::async_write(*stream, asio::buffer(bytes.data(), bytes.size()), handler);
      else
        asio::async_write(tcp(), asio::buffer(bytes.data(), bytes.size()), handler);
    });
    if (ec) return SmtpFailure{"gửi tới máy chủ thư thất bại: " + ec.message(), false, true};
    return std::nullopt;
  }

  std::optional<SmtpFailure> ReadLine(std::string& line) {
    const error_code ec = Await(
        [&](auto handler) {
          auto buf = asio::dynamic_buffer(buffer, 64 * 1024);
          if (secure)
            asio::async_read_until(*stream, buf, "\r\n", handler);
          else
            asio::async_read_until(tcp(), buf, "\r\n", handler);
        },
        false);
    if (ec) return SmtpFailure{"máy chủ thư không trả lời: " + ec.message(), false, true};
    const size_t end = buffer.find("\r\n");
    line = buffer.substr(0, end);
    buffer.erase(0, end + 2);
    return std::nullopt;
  }

  std::optional<SmtpFailure> Read(SmtpReply& reply) {
    reply = {};
    tcp().expires_after(std::chrono::milliseconds(options.timeout_ms));  // for the whole reply
    for (int lines = 0; lines < 200; ++lines) {
      std::string line;
      if (auto f = ReadLine(line)) return f;
      if (line.size() < 3 || !std::isdigit(static_cast<unsigned char>(line[0])) ||
          !std::isdigit(static_cast<unsigned char>(line[1])) ||
          !std::isdigit(static_cast<unsigned char>(line[2])))
        return SmtpFailure{"máy chủ thư trả lời không đúng giao thức: " + line.substr(0, 200),
                           false, true};
      reply.code = std::stoi(line.substr(0, 3));
      if (!reply.text.empty()) reply.text += " / ";
      reply.text += line.substr(0, 512);
      reply.lines.push_back(line.size() > 4 ? line.substr(4, 512) : "");
      if (line.size() == 3 || line[3] != '-') return std::nullopt;
    }
    return SmtpFailure{"máy chủ thư trả lời quá dài", false, true};
  }

  // Sends `command` and reads the reply; a reply outside 2xx/3xx is a failure, for good when
  // it is 5xx and `permanent_if_5xx`.
  std::optional<SmtpFailure> Ask(const std::string& command, SmtpReply& reply,
                                 bool permanent_if_5xx = false) {
    if (auto f = Write(command + "\r\n")) return f;
    if (auto f = Read(reply)) return f;
    if (reply.code >= 400)
      return SmtpFailure{reply.text, permanent_if_5xx && reply.code >= 500 && reply.code < 600};
    return std::nullopt;
  }

  std::optional<SmtpFailure> Hello() {
    SmtpReply r;
    if (auto f = Ask("EHLO " + options.helo, r)) return f;
    // The first line greets; each other names one extension and its parameters (RFC 5321 4.1.1.1).
    extensions.clear();
    auth.clear();
    for (size_t i = 1; i < r.lines.size(); ++i) {
      std::string line = r.lines[i];
      for (auto& c : line) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      std::vector<std::string> words;
      for (size_t at = 0; at < line.size();) {
        const size_t end = std::min(line.find(' ', at), line.size());
        if (end > at) words.push_back(line.substr(at, end - at));
        at = end + 1;
      }
      if (words.empty()) continue;
      extensions.insert(words[0]);
      if (words[0] == "AUTH") auth.insert(words.begin() + 1, words.end());
    }
    return std::nullopt;
  }

  std::optional<SmtpFailure> Handshake() {
    if (!SSL_set_tlsext_host_name(stream->native_handle(), options.host.c_str()))
      return SmtpFailure{"không đặt được tên máy chủ cho TLS"};
    stream->set_verify_mode(asio::ssl::verify_peer);
    stream->set_verify_callback(asio::ssl::host_name_verification(options.host));
    const error_code ec = Await(
        [&](auto handler) { stream->async_handshake(asio::ssl::stream_base::client, handler); });
    if (ec) return SmtpFailure{"không thiết lập được TLS với máy chủ thư: " + ec.message()};
    secure = true;
    buffer.clear();  // nothing read before TLS may be taken as said within it
    return std::nullopt;
  }

  std::optional<SmtpFailure> OpenSteps() {
    error_code ec;
    if (options.ca_file.empty()) {
      tls.set_default_verify_paths(ec);
    } else {
      tls.load_verify_file(options.ca_file, ec);
    }
    if (ec) return SmtpFailure{"không đọc được chứng thư của máy chủ thư: " + ec.message()};
    stream.emplace(ioc, tls);
    asio::ip::tcp::resolver resolver(ioc);
    asio::ip::tcp::resolver::results_type endpoints;
    bool resolved = false;
    resolver.async_resolve(options.host, std::to_string(options.port),
                           [&](error_code e, asio::ip::tcp::resolver::results_type r) {
                             ec = e;
                             endpoints = std::move(r);
                             resolved = true;
                           });
    ioc.restart();
    ioc.run_for(std::chrono::milliseconds(options.timeout_ms));
    if (!resolved) {
      resolver.cancel();
      ioc.restart();
      ioc.run();
      ec = asio::error::timed_out;
    }
    if (ec) return SmtpFailure{"không tìm thấy máy chủ thư " + options.host + ": " + ec.message()};
    ec = Await([&](auto handler) { tcp().async_connect(endpoints, handler); });
    if (ec) {
      return SmtpFailure{"không kết nối được máy chủ thư " + options.host + ":" +
                         std::to_string(options.port) + ": " + ec.message()};
    }
    if (options.security == "tls") {
      if (auto f = Handshake()) return f;
    }
    SmtpReply r;
    if (auto f = Read(r)) return f;
    if (r.code != 220) return SmtpFailure{"máy chủ thư từ chối kết nối: " + r.text};
    if (auto f = Hello()) return f;
    if (options.security == "starttls") {
      if (!extensions.count("STARTTLS")) return SmtpFailure{"máy chủ thư không hỗ trợ STARTTLS"};
      if (auto f = Ask("STARTTLS", r)) return f;
      if (r.code != 220) return SmtpFailure{"máy chủ thư không bắt đầu TLS: " + r.text};
      if (auto f = Handshake()) return f;
      if (auto f = Hello()) return f;
    }
    if (!options.user.empty()) {
      if (!secure) return SmtpFailure{"không gửi mật khẩu thư khi chưa mã hóa kết nối (TLS)"};
      if (auth.count("PLAIN")) {
        std::string token;
        token += '\0';
        token += options.user;
        token += '\0';
        token += options.password;
        if (auto f = Ask("AUTH PLAIN " + crypto::ToBase64(token), r))
          return SmtpFailure{"máy chủ thư không chấp nhận tài khoản: " + f->error};
      } else if (auth.count("LOGIN")) {
        if (auto f = Ask("AUTH LOGIN", r)) return f;
        if (auto f = Ask(crypto::ToBase64(options.user), r)) return f;
        if (auto f = Ask(crypto::ToBase64(options.password), r))
          return SmtpFailure{"máy chủ thư không chấp nhận tài khoản: " + f->error};
      } else {
        return SmtpFailure{"máy chủ thư không hỗ trợ AUTH PLAIN hay LOGIN"};
      }
    }
    is_open = true;
    return std::nullopt;
  }

  void Drop() {
    is_open = false;
    secure = false;
    if (stream) {
      error_code ignored;
      tcp().socket().close(ignored);
      stream.reset();
    }
    buffer.clear();
  }
};

SmtpSession::SmtpSession(SmtpOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

SmtpSession::~SmtpSession() { Close(); }

bool SmtpSession::open() const { return impl_->is_open; }

SmtpOutcome SmtpSession::Open() {
  impl_->Drop();
  if (impl_->options.host.empty()) return {false, false, "chưa cấu hình máy chủ thư", true};
  if (auto f = impl_->OpenSteps()) {
    impl_->Drop();
    return {false, false, f->error, true};
  }
  return {true, false, "", false};
}

SmtpOutcome SmtpSession::Send(std::string_view from, std::string_view to, std::string_view data) {
  if (!impl_->is_open) return {false, false, "chưa kết nối máy chủ thư", true};
  SmtpReply r;
  auto fail = [&](const SmtpFailure& f) -> SmtpOutcome {
    if (f.permanent) {
      // The session stays usable for the next message.
      SmtpReply ignored;
      if (impl_->Ask("RSET", ignored)) impl_->Drop();
    } else {
      impl_->Drop();
    }
    return {false, f.permanent, f.error, f.connection};
  };
  // A refused sender is the configuration's fault (an account that may not send as it, AUTH
  // needed): never the message's, and the same for every message after it.
  if (auto f = impl_->Ask("MAIL FROM:<" + std::string(from) + ">", r)) {
    impl_->Drop();
    return {false, false, "máy chủ thư từ chối người gửi: " + f->error, true};
  }
  if (auto f = impl_->Ask("RCPT TO:<" + std::string(to) + ">", r, true)) return fail(*f);
  if (auto f = impl_->Ask("DATA", r)) return fail(*f);
  if (r.code != 354) return fail({"máy chủ thư không nhận nội dung: " + r.text});
  // Dot-stuffing (RFC 5321 4.5.2): a line that starts with "." gets another.
  std::string stuffed;
  stuffed.reserve(data.size() + 16);
  bool line_start = true;
  for (char c : data) {
    if (line_start && c == '.') stuffed += '.';
    stuffed += c;
    line_start = c == '\n';
  }
  if (!line_start) stuffed += "\r\n";
  stuffed += ".\r\n";
  if (auto f = impl_->Write(stuffed)) return fail(*f);
  if (auto f = impl_->Read(r)) return fail(*f);
  if (r.code >= 400) return fail({r.text, r.code >= 500});
  return {true, false, "", false};
}

void SmtpSession::Close() {
  if (impl_->is_open) {
    SmtpReply r;
    impl_->Ask("QUIT", r);
  }
  impl_->Drop();
}

}  // namespace binhdang::service
