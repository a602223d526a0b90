// Reports (báo cáo): one unit's filled template for one period. A report moves
// draft → submitted → returned | accepted; a returned report goes back to the reporter, who
// fixes and resubmits it. It carries its deadline and submission time, and a version for
// optimistic concurrency. Its table rows flatten into data values — (table.column, item, level,
// sex, value) — which is what consolidation adds up and what the data export writes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/ids.h"
#include "common/result.h"
#include "common/time.h"
#include "domain/report_template.h"

namespace binhdang::domain {

enum class ReportStatus { kDraft, kSubmitted, kReturned, kAccepted };
std::string_view ReportStatusName(ReportStatus s);
std::optional<ReportStatus> ParseReportStatus(std::string_view s);

//! One cell value: a column with by_sex holds male and female; any other column holds total.
struct CellValue {
  long long total = 0;
  long long male = 0;
  long long female = 0;
  bool split = false;  // given as {male, female}; must match the column's by_sex
};

struct ReportRow {
  std::string table;
  std::string item;
  std::string detail;                       // free text; required for the "other" item
  std::string level;                        // tinh | huyen | xa
  std::map<std::string, CellValue> values;  // by column key
};

struct Report {
  Id id = 0;
  Id template_id = 0;
  std::string template_code;
  Id unit_id = 0;
  std::string period;         // a period id (domain/period.h)
  std::optional<Id> plan_id;  // the plan whose reporting requirement this answers
  ReportStatus status = ReportStatus::kDraft;
  std::map<std::string, std::string> sections;  // narrative by section key
  std::vector<ReportRow> rows;
  Date due_date;
  std::optional<int64_t> submitted_at_ms;
  std::optional<int64_t> reviewed_at_ms;
  std::string return_comment;  // the reviewer's comment when returned
  long long version = 1;
  Id created_by = 0;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;

  //! True iff submitted on or before the deadline (Vietnam dates); false when not submitted.
  bool OnTime() const;
  bool Submitted() const {
    return status == ReportStatus::kSubmitted || status == ReportStatus::kAccepted;
  }
};

//! Checks sections and rows against the template: known section keys, text at most 20,000
//! characters; each row's table, item (from the catalog; "other" needs a detail), level and
//! columns exist; counts are non-negative integers up to 10^12. Field errors name the JSON
//! path ("rows/3/values/people/female").
Status ValidateReportContent(const ReportTemplate& t,
                             const std::map<std::string, std::string>& sections,
                             const std::vector<ReportRow>& rows);

//! The moves a report may make: submit from draft or returned; return and accept from submitted;
//! withdraw (back to draft, by the reporter) from submitted, before review.
bool CanSubmit(ReportStatus s);
bool CanReview(ReportStatus s);
bool CanWithdraw(ReportStatus s);
//! True iff the reporter may change the report's content: while it is a draft or returned.
//! A submitted or accepted report is read-only.
bool CanEdit(ReportStatus s);

//! One number of a report: the cell of `column` in the row of `item` at `level` of `table`,
//! for `sex` ("" for a column that is not split by sex, "male", "female").
struct DataValue {
  Id unit_id = 0;
  std::string table, item, level, column, sex;
  long long value = 0;
};
//! The data values of a report's rows (zeros included; rows with the same item and level add up).
std::vector<DataValue> DataValuesOf(const ReportTemplate& t, Id unit_id,
                                    const std::vector<ReportRow>& rows);

}  // namespace binhdang::domain
