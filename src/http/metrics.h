// Request counters and latency histograms, rendered in Prometheus text format. Thread-safe.
#pragma once

#include <array>
#include <map>
#include <string>
#include <tuple>

#include "common/mutex.h"

namespace binhdang::http {

class Metrics {
 public:
  //! Records one finished request. `route` is the matched pattern ("unmatched" otherwise).
  void Record(const std::string& method, const std::string& route, int status, double seconds);
  void ConnectionOpened();
  void ConnectionClosed();
  std::string Render() const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  5.0};
  struct Histogram {
    std::array<long long, kBuckets.size()> counts{};
    long long count = 0;
    double sum = 0;
  };
  mutable Mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, long long> requests_ GUARDED_BY(mu_);
  std::map<std::string, Histogram> latency_ GUARDED_BY(mu_);
  long long open_connections_ GUARDED_BY(mu_) = 0;
  long long total_connections_ GUARDED_BY(mu_) = 0;
};

}  // namespace binhdang::http
