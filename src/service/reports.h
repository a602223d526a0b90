// Use cases on report templates and reports: data entry by the reporting unit, submission
// before the deadline, review (return / accept) by the units above, consolidation up the
// hierarchy and completeness (who reported, on time, late, missing).
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "analytics/consolidation.h"
#include "documents/official_document.h"
#include "domain/report.h"
#include "service/analytics.h"
#include "service/context.h"
#include "service/template_cache.h"
#include "service/unit_directory.h"

namespace binhdang::service {

struct ReportInput {
  Id template_id = 0;
  Id unit_id = 0;
  std::string period;
  std::optional<Id> plan_id;
  std::map<std::string, std::string> sections;
  std::vector<domain::ReportRow> rows;
};

class Mutation;

//! What a reminder did: the units it was for, the users told (not those told the same day
//! already), and the units without an active reporter to tell.
struct Reminded {
  int units = 0;
  int users = 0;
  std::vector<Id> without_reporter;
};

//! What an ADX import wrote: the reports, as committed.
struct AdxImport {
  int created = 0;
  int updated = 0;
  int submitted = 0;
  std::vector<domain::Report> reports;
};

//! The orgUnit code of `u` in ADX and the DHIS2 exports: the statistics office code of a unit in
//! force; of a unit that ended (the districts and communes before the 2025 reform), the code and
//! its last day, "00004@2025-06-30", since the reform gave some codes to new units; of an
//! agency, "CQ-" and its own code or, without one, its id — never a statistics office code.
std::string AdxOrgUnit(const domain::Unit& u);

struct ReportPatch {
  long long version = 0;
  std::optional<std::map<std::string, std::string>> sections;  // replaces given keys
  std::optional<std::vector<domain::ReportRow>> rows;          // replaces all rows
};

struct ReportQuery {
  std::string template_code;
  std::string period;
  std::optional<domain::ReportStatus> status;
  std::optional<Id> unit;  // subtree root; default: the caller's unit
  PageRequest page;
};

//! A consolidation with the narratives of the included reports.
struct ConsolidatedReport {
  domain::ReportTemplate templ;
  std::string period;
  analytics::Consolidation sums;
  struct Narrative {
    Id unit_id;
    std::string section;
    std::string text;
  };
  std::vector<Narrative> narratives;  // in tree order of the units
  analytics::AsOf as_of;
};

struct CompletenessEntry {
  Id unit_id = 0;
  std::optional<domain::Report> report;  // nullopt: none created
  std::string state;                     // on_time | late | missing | draft | returned
};
struct Completeness {
  Id unit_id = 0;
  Date due_date;
  std::vector<CompletenessEntry> children;
  size_t expected = 0, submitted = 0, on_time = 0, late = 0, missing = 0;
  analytics::AsOf as_of;
};

class ReportsService {
 public:
  ReportsService(storage::Store& store, UnitDirectory& directory)
      : store_(store), directory_(directory), analytics_(store, directory) {}

  //! The analytics engine that consolidation and completeness answer from.
  AnalyticsIndex& analytics() { return analytics_; }

  //! Writes the built-in templates of `dir` (resources/templates, read by LoadTemplates) when
  //! no template exists, one audit record each. Idempotent; the files are read only when the
  //! templates are missing. Fails with LoadTemplates' error when a file is missing or wrong.
  Status SeedTemplates(const std::string& dir);

  Result<std::vector<domain::ReportTemplate>> ListTemplates(const Caller& caller);
  Result<domain::ReportTemplate> GetTemplate(const Caller& caller, Id id);
  //! Admins (kManageTemplates) create a template, or a new version of an existing code.
  Result<domain::ReportTemplate> SaveTemplate(const Caller& caller,
                                              const nlohmann::json& definition);

  //! Needs kEnterReports on the unit. One report per template code, unit and period.
  Result<domain::Report> Create(const Caller& caller, const ReportInput& input);
  //! Needs kView on the report's unit.
  Result<domain::Report> Get(const Caller& caller, Id id);
  //! Needs kEnterReports on the unit; only a draft or returned report changes (a submitted or
  //! accepted one is read-only: kConflict); stale version: 409.
  Result<domain::Report> Update(const Caller& caller, Id id, const ReportPatch& patch);
  Result<domain::Report> Submit(const Caller& caller, Id id, long long version);
  //! The reporter takes a submitted report back before it is reviewed: it becomes a draft again
  //! (no submission time) and the move is audited. Needs kEnterReports on the unit.
  Result<domain::Report> Withdraw(const Caller& caller, Id id, long long version);
  //! Needs kReviewReports on the unit; the comment is required and shown to the reporter.
  Result<domain::Report> Return(const Caller& caller, Id id, long long version,
                                const std::string& comment);
  Result<domain::Report> Accept(const Caller& caller, Id id, long long version);
  //! Reports within the subtree of query.unit that the caller may view, by deadline.
  Result<Page<domain::Report>> List(const Caller& caller, const ReportQuery& query);

  //! Needs kView on the unit. Sums the submitted and accepted reports below it, from the
  //! analytics engine (as fresh as `as_of`).
  Result<ConsolidatedReport> Consolidated(const Caller& caller, const std::string& template_code,
                                          const std::string& period, Id unit_id);
  //! Creates the unit's own draft from its consolidation (rows summed by item and level,
  //! narratives compiled under each unit's name). Needs kEnterReports on the unit.
  Result<domain::Report> DraftFromConsolidation(const Caller& caller,
                                                const std::string& template_code,
                                                const std::string& period, Id unit_id);
  //! Needs kView on the unit: each child unit valid in the period is expected to report. The
  //! deadline shown is `due` (a plan's) when given, else the regime's.
  Result<Completeness> CompletenessOf(const Caller& caller, const std::string& template_code,
                                      const std::string& period, Id unit_id,
                                      std::optional<Date> due = std::nullopt);
  //! Nhắc nhở: the reporters of each child unit of `unit_id` (valid in the period) whose report
  //! is not submitted — missing, draft or returned — are told the report is due, with its
  //! deadline; one reminder a user a day for the same report (a second call the same day tells
  //! nobody twice). Needs kReviewReports on the unit. Audited as report.remind.
  Result<Reminded> Remind(const Caller& caller, const std::string& template_code,
                          const std::string& period, Id unit_id);
  //! The deadline a plan's reporting requirement sets for `template_code` and the period it
  //! covers. kInvalidArgument ("plan") when the plan has no such requirement, or when the caller
  //! (if signed in) may not read the plan.
  Result<std::pair<std::string, Date>> PlanDeadline(const Caller& caller, Id plan_id,
                                                    const std::string& template_code);

  //! The accepted reports of the unit's subtree as ADX (documents/report_adx.h), one group a
  //! report; orgUnit as AdxOrgUnit names it. Needs kView on the unit.
  Result<std::string> ExportAdx(const Caller& caller, const std::string& template_code,
                                const std::string& period, Id unit_id);
  //! The same as DHIS2 dataValueSets, JSON (`json`) or CSV (documents/report_datavalues.h), with
  //! storedBy (who entered each report) and lastUpdated. The action month has no DHIS2 period:
  //! kInvalidArgument ("period") pointing to ADX.
  Result<std::string> ExportDataValues(const Caller& caller, const std::string& template_code,
                                       const std::string& period, Id unit_id, bool json);
  //! Writes the groups of an ADX document as reports: a group whose unit has no report for the
  //! template and period creates a draft, one whose report is a draft or returned replaces its
  //! rows (its sections stay); a group with completeDate is then submitted. All or nothing:
  //! every group is checked first (names, period, values, kEnterReports on its unit) and the
  //! errors name the group and value; a group whose report is submitted or accepted is a
  //! kConflict. `scope` is the unit the file is for: every group's unit must be in its subtree.
  //! One transaction, each report audited as report.import_adx.
  Result<AdxImport> ImportAdx(const Caller& caller, Id scope, std::string_view xml);
  //! Whether the caller may import for `scope` at all (kEnterReports there), before the body is
  //! looked at.
  Status MayImportAdx(const Caller& caller, Id scope);

  //! The report as an .xlsx laid out like the official tables. Needs kView.
  Result<std::string> ExportXlsx(const Caller& caller, Id id);
  //! A consolidation as an .xlsx. Needs kView on the unit.
  Result<std::string> ExportConsolidationXlsx(const Caller& caller,
                                              const std::string& template_code,
                                              const std::string& period, Id unit_id);
  //! The báo cáo of report `id` in the NĐ 30 layout, for documents::WriteDocumentPdf/Docx
  //! (dated the day it was sent; a draft's day is left to be written on signing). Needs kView.
  Result<documents::OfficialDocument> Document(const Caller& caller, Id id);
  //! The báo cáo of a consolidation: the summed tables, the narratives under each unit's name
  //! and the units counted. Needs kView on the unit.
  Result<documents::OfficialDocument> ConsolidationDocument(const Caller& caller,
                                                            const std::string& template_code,
                                                            const std::string& period, Id unit_id);
  //! Writes the sections and rows of a filled sheet that ExportXlsx produced into report `id`,
  //! as a PATCH at the version the sheet was exported at (a stale sheet is a 409).
  Result<domain::Report> ImportXlsx(const Caller& caller, Id id, std::string_view xlsx);

  //! Creates a report as the system (demo seeding): no permission check, audited as system.
  Result<domain::Report> CreateBySystem(const ReportInput& input, domain::ReportStatus status,
                                        std::optional<int64_t> submitted_at_ms,
                                        const std::string& return_comment);

 private:
  //! The accepted reports of `unit_id`'s subtree for the template and period, each given to
  //! `each` with its unit and template (kView on the unit needed); returns the period.
  using AcceptedVisit = std::function<void(const domain::Unit&, const domain::Report&,
                                           const domain::ReportTemplate&)>;
  Result<domain::Period> VisitAccepted(const Caller& caller, const std::string& template_code,
                                       const std::string& period, Id unit_id,
                                       const AcceptedVisit& each);
  //! The latest version of `code` (from templates_); kInvalidArgument ("template") when none.
  Result<TemplateCache::Ptr> TemplateByCode(const std::string& code);
  Result<domain::Report> Load(Id id);
  //! Checks and edits a report read (and locked) inside the write; `now_ms` is the write's clock.
  using ReportChange = std::function<Status(domain::Report& report,
                                            const domain::ReportTemplate& templ, int64_t now_ms)>;
  //! The one write of an existing report: re-reads report `id` inside a Mutate, needs `right` on
  //! its unit, lets `change` check and edit it, writes it with its audit record `action` (a
  //! stale version is a kConflict) and returns it as committed.
  //! `after`, when given, runs in the same write once the report is written (to notify).
  Result<domain::Report> Change(
      const Caller& caller, Id id, domain::Right right, const char* action, bool with_rows,
      const ReportChange& change,
      const std::function<void(Mutation& m, const domain::Report& written)>& after = nullptr);
  Result<domain::Report> Insert(const Caller& caller, const ReportInput& input,
                                domain::ReportStatus status, std::optional<int64_t> submitted_at_ms,
                                const std::string& return_comment);

  storage::Store& store_;
  UnitDirectory& directory_;
  AnalyticsIndex analytics_;
  TemplateCache templates_;
};

}  // namespace binhdang::service
