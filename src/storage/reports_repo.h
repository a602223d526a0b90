// Queries on report templates, reports and their data values (migration 3).
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/report.h"
#include "domain/report_template.h"

namespace binhdang::storage {

class TemplatesRepo {
 public:
  explicit TemplatesRepo(soci::session& sql) : sql_(sql) {}

  //! Inserts a version of a template (t.code, t.version) and returns its id. Throws a unique
  //! violation when that version exists.
  Id Insert(const domain::ReportTemplate& t, Id created_by, int64_t now_ms);
  std::optional<domain::ReportTemplate> Get(Id id);
  //! The highest version of `code`.
  std::optional<domain::ReportTemplate> Latest(const std::string& code);
  //! The id of the highest version of `code`, without reading its definition.
  std::optional<Id> LatestId(const std::string& code);
  //! The latest version of every template, by code.
  std::vector<domain::ReportTemplate> ListLatest();
  long long Count();

 private:
  soci::session& sql_;
};

struct ReportFilter {
  std::string template_code;  // "" any
  std::string period;         // "" any
  std::optional<domain::ReportStatus> status;
  std::optional<Id> unit_id;
  std::vector<Id> unit_ids;  // empty: any unit
};

class ReportsRepo {
 public:
  explicit ReportsRepo(soci::session& sql) : sql_(sql) {}

  //! Inserts the report with its rows and returns the new id (r.id and r.version ignored).
  //! Insert and Update append the report to the analytics change log (analytics_repo.h).
  Id Insert(const domain::Report& r, const domain::ReportTemplate& t);
  //! The report with its rows; nullopt when absent.
  //! The report; `lock` (Store::ForUpdateSql(), in a write transaction) locks its row until commit.
  std::optional<domain::Report> Get(Id id, const char* lock = "");
  //! The report of a unit for a template code and period, if any (with rows).
  std::optional<domain::Report> Find(const std::string& template_code, Id unit_id,
                                     const std::string& period);
  //! Writes the header, sections and (when `with_rows`) the rows of `r` if its stored
  //! version is still `r.version`, bumping it. Returns false (writing nothing) when stale.
  bool Update(const domain::Report& r, const domain::ReportTemplate& t, bool with_rows);
  //! Reports matching the filter, without rows, ordered by id.
  std::vector<domain::Report> List(const ReportFilter& f);
  //! The units whose report of `template_code` and `period` is submitted or accepted.
  std::vector<Id> SubmittedUnits(const std::string& template_code, const std::string& period);
  //! The data values of the reports of `template_code` and `period` that are submitted or
  //! accepted (accepted only with `accepted_only`), with the reporting unit.
  std::vector<domain::DataValue> Values(const std::string& template_code, const std::string& period,
                                        bool accepted_only);

 private:
  void WriteRows(Id report_id, const domain::Report& r, const domain::ReportTemplate& t);
  std::vector<domain::ReportRow> ReadRows(Id report_id);

  soci::session& sql_;
};

}  // namespace binhdang::storage
