// The analytics change log (migration 6) and the reads that build and refresh the analytics
// engine: the report headers and the data values of the reports that count.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "domain/report.h"

namespace binhdang::storage {

struct AnalyticsChange {
  long long seq = 0;
  Id report_id = 0;
  int64_t at_ms = 0;
};

//! Appends a change of report `report_id` to the log and returns its sequence number. Call
//! inside the write transaction of the change: it locks the log's head until commit.
long long AppendAnalyticsChange(soci::session& sql, Id report_id, int64_t at_ms);
//! The last sequence number given out (0 for an empty log).
long long AnalyticsHead(soci::session& sql);
//! The changes after `after`, in sequence order, at most `limit` of them.
std::vector<AnalyticsChange> AnalyticsChangesSince(soci::session& sql, long long after,
                                                   size_t limit);

//! Calls `f(report_id, values)` for every report that is submitted or accepted, in report id
//! order, with its data values (unit_id of each value is 0: the report's unit is the header's).
void ForEachCountedValues(soci::session& sql,
                          const std::function<void(Id, std::vector<domain::DataValue>&)>& f);
//! The data values of one report.
std::vector<domain::DataValue> ReportValues(soci::session& sql, Id report_id);

}  // namespace binhdang::storage
