#include "http/metrics.h"

#include <sstream>

namespace binhdang::http {

void Metrics::Record(const std::string& method, const std::string& route, int status,
                     double seconds) {
  MutexLock lock(mu_);
  ++requests_[{method, route, status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.counts[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::ConnectionOpened() {
  MutexLock lock(mu_);
  ++open_connections_;
  ++total_connections_;
}

void Metrics::ConnectionClosed() {
  MutexLock lock(mu_);
  --open_connections_;
}

std::string Metrics::Render() const {
  MutexLock lock(mu_);
  std::ostringstream out;
  out << "# HELP binhdang_http_requests_total HTTP requests by route, method and status.\n"
      << "# TYPE binhdang_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out << "binhdang_http_requests_total{method=\"" << method << "\",route=\"" << route
        << "\",status=\"" << status << "\"} " << n << "\n";
  }
  out << "# HELP binhdang_http_request_duration_seconds Time to answer a request.\n"
      << "# TYPE binhdang_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out << "binhdang_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\""
          << kBuckets[i] << "\"} " << h.counts[i] << "\n";
    }
    out << "binhdang_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} "
        << h.count << "\n"
        << "binhdang_http_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum << "\n"
        << "binhdang_http_request_duration_seconds_count{route=\"" << route << "\"} " << h.count
        << "\n";
  }
  out << "# HELP binhdang_http_open_connections Open client connections.\n"
      << "# TYPE binhdang_http_open_connections gauge\n"
      << "binhdang_http_open_connections " << open_connections_ << "\n"
      << "# HELP binhdang_http_connections_total Client connections accepted since start.\n"
      << "# TYPE binhdang_http_connections_total counter\n"
      << "binhdang_http_connections_total " << total_connections_ << "\n";
  return out.str();
}

}  // namespace binhdang::http
