#include "service/reports.h"

#include <algorithm>

#include "common/text.h"
#include "documents/report_document.h"
#include "documents/report_xlsx.h"
#include "domain/access.h"
#include "domain/period.h"
#include "service/mutate.h"
#include "service/notifications.h"
#include "service/resources.h"
#include "storage/plans_repo.h"
#include "storage/reports_repo.h"
#include "storage/users_repo.h"

namespace binhdang::service {

namespace {
using domain::ReportStatus;

Error ReportNotFound() { return Error::NotFound("báo cáo", "Report"); }
Error TemplateNotFound() { return Error::NotFound("mẫu báo cáo", "Report template"); }

//! A report without its sections and rows: what a completeness listing shows of it.
domain::Report HeaderOf(const domain::Report& r) {
  domain::Report h;
  h.id = r.id;
  h.template_id = r.template_id;
  h.template_code = r.template_code;
  h.unit_id = r.unit_id;
  h.period = r.period;
  h.plan_id = r.plan_id;
  h.status = r.status;
  h.due_date = r.due_date;
  h.submitted_at_ms = r.submitted_at_ms;
  h.reviewed_at_ms = r.reviewed_at_ms;
  h.return_comment = r.return_comment;
  h.version = r.version;
  h.created_by = r.created_by;
  h.created_at_ms = r.created_at_ms;
  h.updated_at_ms = r.updated_at_ms;
  return h;
}

bool UserCan(const Caller& caller, domain::Right right, Id unit, const domain::UnitTree& tree) {
  return caller.user && domain::Can(*caller.user, right, unit, tree);
}

Status CheckPeriod(const domain::ReportTemplate& t, const std::string& period) {
  BD_ASSIGN_OR_RETURN(auto ignored, domain::CheckReportPeriod(t, period));
  (void)ignored;
  return Ok();
}
}  // namespace

Status ReportsService::SeedTemplates(const std::string& dir) {
  {
    auto sql = store_.Lease();
    if (storage::TemplatesRepo(*sql).Count() > 0) return Ok();
  }
  BD_ASSIGN_OR_RETURN(auto templates, LoadTemplates(dir));
  Status seeded = Mutate(store_, Caller::System(), [&](Mutation& m) -> Status {
    storage::TemplatesRepo repo(m.sql());
    if (repo.Count() > 0) return Error::Conflict("Đã có mẫu báo cáo", "Templates exist");
    for (const auto& t : templates) {
      const Id id = repo.Insert(t, 0, m.now_ms());
      m.Audit({"report_template.seed", "report_template", IdToString(id), 0, "ok",
               t.code + " v" + std::to_string(t.version)});
    }
    return Ok();
  });
  // Another server seeded them since the count above (or won the race on their codes).
  if (!seeded.ok() && seeded.error().code == ErrorCode::kConflict) return Ok();
  return seeded;
}

Result<std::vector<domain::ReportTemplate>> ReportsService::ListTemplates(const Caller& caller) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto sql = store_.Lease();
  return storage::TemplatesRepo(*sql).ListLatest();
}

Result<domain::ReportTemplate> ReportsService::GetTemplate(const Caller& caller, Id id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto sql = store_.Lease();
  auto t = storage::TemplatesRepo(*sql).Get(id);
  if (!t) return TemplateNotFound();
  return *t;
}

Result<TemplateCache::Ptr> ReportsService::TemplateByCode(const std::string& code) {
  auto sql = store_.Lease();
  auto t = templates_.Latest(*sql, code);
  if (!t)
    return Error::Invalid("template", "không có mẫu báo cáo mã \"" + code + "\"",
                          "no template with this code");
  return t;
}

Result<domain::ReportTemplate> ReportsService::SaveTemplate(const Caller& caller,
                                                            const nlohmann::json& definition) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  const Id root = tree->roots().empty() ? 0 : tree->roots().front();
  if (!UserCan(caller, domain::Right::kManageTemplates, root, *tree)) return Error::Forbidden();
  BD_ASSIGN_OR_RETURN(auto t, domain::TemplateFromJson(definition));
  return Mutate(store_, caller, [&](Mutation& m) -> Result<domain::ReportTemplate> {
    storage::TemplatesRepo repo(m.sql());
    auto latest = repo.Latest(t.code);
    t.version = latest ? latest->version + 1 : 1;
    t.id = repo.Insert(t, caller.user_id(), m.now_ms());
    m.Audit({"report_template.save", "report_template", IdToString(t.id), 0, "ok",
             t.code + " v" + std::to_string(t.version)});
    auto saved = repo.Get(t.id);
    if (!saved) return TemplateNotFound();
    return *saved;
  });
}

Result<domain::Report> ReportsService::Insert(const Caller& caller, const ReportInput& in,
                                              ReportStatus status,
                                              std::optional<int64_t> submitted_at_ms,
                                              const std::string& return_comment) {
  auto tree = directory_.Tree();
  TemplateCache::Ptr templ;
  {
    auto sql = store_.Lease();
    templ = templates_.Get(*sql, in.template_id);
  }
  Validator v;
  if (!templ) v.Fail("template_id", "mẫu báo cáo không tồn tại", "no such template");
  if (!tree->Find(in.unit_id)) v.Fail("unit_id", "đơn vị không tồn tại", "no such unit");
  if (!v.ok()) return v.ToError();
  // A plan's reporting requirement sets the deadline (and, when none is given, the period).
  std::string period = in.period;
  std::optional<Date> plan_due;
  if (in.plan_id) {
    BD_ASSIGN_OR_RETURN(auto deadline, PlanDeadline(caller, *in.plan_id, templ->code));
    if (period.empty()) period = deadline.first;
    plan_due = deadline.second;
  }
  BD_RETURN_IF_ERROR(CheckPeriod(*templ, period));
  BD_RETURN_IF_ERROR(domain::ValidateReportContent(*templ, in.sections, in.rows));
  if (!caller.system) {
    if (!caller.signed_in()) return Error::Unauthenticated();
    if (!UserCan(caller, domain::Right::kEnterReports, in.unit_id, *tree))
      return Error::Forbidden();
  }
  domain::Report r;
  r.template_id = templ->id;
  r.template_code = templ->code;
  r.unit_id = in.unit_id;
  r.period = period;
  r.plan_id = in.plan_id;
  r.status = status;
  r.sections = in.sections;
  r.rows = in.rows;
  r.due_date = plan_due ? *plan_due : domain::ParsePeriod(period)->DefaultDeadline();
  r.submitted_at_ms = submitted_at_ms;
  if (status == ReportStatus::kAccepted || status == ReportStatus::kReturned)
    r.reviewed_at_ms = submitted_at_ms;
  r.return_comment = return_comment;
  r.created_by = caller.user_id();
  auto created = Mutate(store_, caller, [&](Mutation& m) -> Result<domain::Report> {
    r.created_at_ms = r.updated_at_ms = m.now_ms();
    storage::ReportsRepo repo(m.sql());
    if (repo.Find(r.template_code, r.unit_id, r.period)) {
      return Error::Conflict(
          "Đơn vị đã có báo cáo theo mẫu này cho kỳ " + r.period,
          "The unit already has a report on this template for period " + r.period);
    }
    r.id = repo.Insert(r, *templ);
    m.Audit({"report.create", "report", IdToString(r.id), r.unit_id, "ok",
             r.template_code + " " + r.period});
    auto stored = repo.Get(r.id);
    if (!stored) return ReportNotFound();
    return *stored;
  });
  if (created.ok()) analytics_.MarkDirty();
  return created;
}

Result<domain::Report> ReportsService::Create(const Caller& caller, const ReportInput& in) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  return Insert(caller, in, ReportStatus::kDraft, std::nullopt, "");
}

Result<domain::Report> ReportsService::CreateBySystem(const ReportInput& in, ReportStatus status,
                                                      std::optional<int64_t> submitted_at_ms,
                                                      const std::string& return_comment) {
  return Insert(Caller::System(), in, status, submitted_at_ms, return_comment);
}

Result<domain::Report> ReportsService::Load(Id id) {
  auto sql = store_.Lease();
  auto r = storage::ReportsRepo(*sql).Get(id);
  if (!r) return ReportNotFound();
  return *r;
}

Result<domain::Report> ReportsService::Get(const Caller& caller, Id id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto r, Load(id));
  if (!UserCan(caller, domain::Right::kView, r.unit_id, *directory_.Tree()))
    return Error::Forbidden();
  return r;
}

Result<domain::Report> ReportsService::Change(
    const Caller& caller, Id id, domain::Right right, const char* action, bool with_rows,
    const ReportChange& change,
    const std::function<void(Mutation& m, const domain::Report& written)>& after) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  auto written = Mutate(store_, caller, [&](Mutation& m) -> Result<domain::Report> {
    storage::ReportsRepo repo(m.sql());
    auto stored = repo.Get(id, m.lock());
    if (!stored) return ReportNotFound();
    domain::Report r = *stored;
    if (!UserCan(caller, right, r.unit_id, *tree)) return Error::Forbidden();
    auto templ = templates_.Get(m.sql(), r.template_id);
    if (!templ) return TemplateNotFound();
    BD_RETURN_IF_ERROR(change(r, *templ, m.now_ms()));
    r.updated_at_ms = m.now_ms();
    if (!repo.Update(r, *templ, with_rows)) return Error::StaleVersion(stored->version);
    m.Audit({action, "report", IdToString(r.id), r.unit_id, "ok",
             std::string(domain::ReportStatusName(r.status))});
    auto reread = repo.Get(id);
    if (!reread) return ReportNotFound();
    if (after) after(m, *reread);
    return *reread;
  });
  if (written.ok()) analytics_.MarkDirty();
  return written;
}

Result<domain::Report> ReportsService::Update(const Caller& caller, Id id,
                                              const ReportPatch& patch) {
  return Change(
      caller, id, domain::Right::kEnterReports, "report.update", patch.rows.has_value(),
      [&](domain::Report& r, const domain::ReportTemplate& templ, int64_t) -> Status {
        if (r.version != patch.version) return Error::StaleVersion(r.version);
        if (r.status == ReportStatus::kAccepted) {
          return Error::Conflict("Báo cáo đã được chấp nhận, không sửa được nữa",
                                 "The report was accepted and can no longer be edited");
        }
        if (!domain::CanEdit(r.status)) {
          return Error::Conflict(
              "Báo cáo đã gửi nên không sửa được; rút lại báo cáo (khi cấp trên chưa xem xét) hoặc "
              "đề "
              "nghị cấp trên trả lại để sửa",
              "The report was submitted and is read-only; withdraw it before review, or ask the "
              "reviewer to return it");
        }
        if (patch.sections)
          for (const auto& [k, text] : *patch.sections) r.sections[k] = text;
        if (patch.rows) r.rows = *patch.rows;
        return domain::ValidateReportContent(templ, r.sections, r.rows);
      });
}

Result<domain::Report> ReportsService::Submit(const Caller& caller, Id id, long long version) {
  return Change(caller, id, domain::Right::kEnterReports, "report.submit", false,
                [&](domain::Report& r, const domain::ReportTemplate&, int64_t now) -> Status {
                  if (r.version != version) return Error::StaleVersion(r.version);
                  if (!domain::CanSubmit(r.status)) {
                    return Error::Conflict("Chỉ gửi được báo cáo đang soạn hoặc bị trả lại",
                                           "Only a draft or returned report can be submitted");
                  }
                  r.status = ReportStatus::kSubmitted;
                  r.submitted_at_ms = now;
                  return Ok();
                });
}

Result<domain::Report> ReportsService::Withdraw(const Caller& caller, Id id, long long version) {
  return Change(caller, id, domain::Right::kEnterReports, "report.withdraw", false,
                [&](domain::Report& r, const domain::ReportTemplate&, int64_t) -> Status {
                  if (r.version != version) return Error::StaleVersion(r.version);
                  if (!domain::CanWithdraw(r.status)) {
                    return Error::Conflict(
                        "Chỉ rút lại được báo cáo đã gửi mà cấp trên chưa xem xét",
                        "Only a submitted report that is not reviewed yet can be withdrawn");
                  }
                  r.status = ReportStatus::kDraft;
                  r.submitted_at_ms.reset();
                  return Ok();
                });
}

Result<domain::Report> ReportsService::Return(const Caller& caller, Id id, long long version,
                                              const std::string& comment) {
  return Change(
      caller, id, domain::Right::kReviewReports, "report.return", false,
      [&](domain::Report& r, const domain::ReportTemplate&, int64_t now) -> Status {
        const std::string text = text::Trim(comment);
        if (text.empty() || text::Length(text) > 2000) {
          return Error::Invalid(
              "comment", "cần ghi lý do trả lại báo cáo (tối đa 2.000 ký tự)",
              "a comment (at most 2,000 characters) is required to return a report");
        }
        if (r.version != version) return Error::StaleVersion(r.version);
        if (!domain::CanReview(r.status)) {
          return Error::Conflict("Chỉ trả lại được báo cáo đã gửi",
                                 "Only a submitted report can be returned");
        }
        r.status = ReportStatus::kReturned;
        r.return_comment = text;
        r.reviewed_at_ms = now;
        return Ok();
      },
      // The unit's reporters are told, with the reviewer's comment.
      [&](Mutation& m, const domain::Report& r) {
        auto templ = templates_.Get(m.sql(), r.template_id);
        const auto tree = directory_.Tree();
        const auto* unit = tree->Find(r.unit_id);
        const auto p = domain::ParsePeriod(r.period);
        const std::string what =
            (templ ? templ->title : r.template_code) + ", " + (p ? p->Label() : r.period);
        const std::string who = unit ? unit->full_name : "";
        NotifyUnit(
            m, r.unit_id, {domain::Role::kReporter}, "report_returned",
            {"Báo cáo " + what + " của " + who + " bị trả lại để sửa. Lý do: " + r.return_comment,
             "The report " + what + " of " + who +
                 " was returned for changes. Reason: " + r.return_comment},
            "#/reports/" + IdToString(r.id));
      });
}

Result<domain::Report> ReportsService::Accept(const Caller& caller, Id id, long long version) {
  return Change(caller, id, domain::Right::kReviewReports, "report.accept", false,
                [&](domain::Report& r, const domain::ReportTemplate&, int64_t now) -> Status {
                  if (r.version != version) return Error::StaleVersion(r.version);
                  if (!domain::CanReview(r.status)) {
                    return Error::Conflict("Chỉ chấp nhận được báo cáo đã gửi",
                                           "Only a submitted report can be accepted");
                  }
                  r.status = ReportStatus::kAccepted;
                  r.reviewed_at_ms = now;
                  return Ok();
                });
}

Result<Page<domain::Report>> ReportsService::List(const Caller& caller, const ReportQuery& q) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  const Id root = q.unit.value_or(caller.user->unit_id);
  if (!tree->Find(root)) return Error::Invalid("unit", "đơn vị không tồn tại", "no such unit");
  if (!UserCan(caller, domain::Right::kView, root, *tree)) return Error::Forbidden();
  std::vector<domain::Report> all;
  {
    auto sql = store_.Lease();
    all = storage::ReportsRepo(*sql).List({q.template_code, q.period, q.status, std::nullopt, {}});
  }
  std::erase_if(all, [&](const domain::Report& r) {
    return !domain::InSubtreeAcrossTime(r.unit_id, root, *tree);
  });
  std::stable_sort(all.begin(), all.end(),
                   [](const auto& a, const auto& b) { return a.due_date < b.due_date; });
  return Slice(std::move(all), q.page);
}

Result<ConsolidatedReport> ReportsService::Consolidated(const Caller& caller,
                                                        const std::string& template_code,
                                                        const std::string& period, Id unit_id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  if (!tree->Find(unit_id)) return Error::Invalid("unit", "đơn vị không tồn tại", "no such unit");
  BD_ASSIGN_OR_RETURN(auto found, TemplateByCode(template_code));
  const domain::ReportTemplate& templ = *found;
  BD_RETURN_IF_ERROR(CheckPeriod(templ, period));
  if (!UserCan(caller, domain::Right::kView, unit_id, *tree)) return Error::Forbidden();
  ConsolidatedReport out{templ, period, {}, {}, {}};
  analytics_.Read([&](const analytics::Engine& engine, const analytics::AsOf& as_of) {
    out.as_of = as_of;
    std::vector<const domain::Report*> reports;
    out.sums = engine.Consolidate(template_code, period, unit_id, &reports);
    for (const domain::Report* r : reports) {
      for (const auto& s : templ.sections) {
        auto text = r->sections.find(s.key);
        if (text != r->sections.end() && !text::Trim(text->second).empty()) {
          out.narratives.push_back({r->unit_id, s.key, text->second});
        }
      }
    }
  });
  return out;
}

Result<domain::Report> ReportsService::DraftFromConsolidation(const Caller& caller,
                                                              const std::string& template_code,
                                                              const std::string& period,
                                                              Id unit_id) {
  BD_ASSIGN_OR_RETURN(auto c, Consolidated(caller, template_code, period, unit_id));
  auto tree = directory_.Tree();
  ReportInput in;
  in.template_id = c.templ.id;
  in.unit_id = unit_id;
  in.period = period;
  for (const auto& n : c.narratives) {
    std::string& text = in.sections[n.section];
    if (!text.empty()) text += "\n\n";
    text += tree->Find(n.unit_id)->full_name + ": " + n.text;
  }
  in.rows = analytics::RowsOf(c.templ, c.sums, "Tổng hợp từ các đơn vị");
  return Create(caller, in);
}

Result<std::pair<std::string, Date>> ReportsService::PlanDeadline(
    const Caller& caller, Id plan_id, const std::string& template_code) {
  std::optional<Date> due;
  std::optional<domain::Plan> plan;
  {
    auto sql = store_.Lease();
    due = storage::PlanReportingDueDate(*sql, plan_id, template_code);
    if (!caller.system) plan = storage::PlansRepo(*sql).Get(plan_id);
  }
  // A plan the caller may not read (another unit's draft) answers as if it did not exist.
  const bool hidden = !caller.system && (!caller.signed_in() || !plan ||
                                         !domain::CanReadPlan(*caller.user, plan->unit_id,
                                                              plan->status, *directory_.Tree()));
  if (!due || hidden) {
    return Error::Invalid(
        "plan_id",
        "kế hoạch không có hoặc không yêu cầu báo cáo theo mẫu \"" + template_code + "\"",
        "no such plan, or it requires no report on this template");
  }
  BD_ASSIGN_OR_RETURN(auto found, TemplateByCode(template_code));
  const domain::ReportTemplate& templ = *found;
  const auto kind = templ.periods.empty() ? domain::PeriodKind::kYear : templ.periods.front();
  return std::make_pair(domain::PeriodDueOn(kind, *due).id(), *due);
}

Result<Completeness> ReportsService::CompletenessOf(const Caller& caller,
                                                    const std::string& template_code,
                                                    const std::string& period, Id unit_id,
                                                    std::optional<Date> due) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  if (!tree->Find(unit_id)) return Error::Invalid("unit", "đơn vị không tồn tại", "no such unit");
  BD_ASSIGN_OR_RETURN(auto found, TemplateByCode(template_code));
  const domain::ReportTemplate& templ = *found;
  BD_RETURN_IF_ERROR(CheckPeriod(templ, period));
  if (!UserCan(caller, domain::Right::kView, unit_id, *tree)) return Error::Forbidden();
  const domain::Period p = *domain::ParsePeriod(period);
  Completeness out;
  out.unit_id = unit_id;
  out.due_date = due ? *due : p.DefaultDeadline();
  // The children's reports from the analytics engine, headers without sections.
  std::unordered_map<Id, domain::Report> by_unit;
  analytics_.Read([&](const analytics::Engine& engine, const analytics::AsOf& as_of) {
    out.as_of = as_of;
    for (Id child : tree->Children(unit_id)) {
      if (const domain::Report* r = engine.ReportOf(template_code, period, child)) {
        by_unit.emplace(child, HeaderOf(*r));
      }
    }
  });
  for (Id child : tree->Children(unit_id)) {
    if (!tree->Find(child)->ValidAt(p.end < out.due_date ? p.end : out.due_date)) continue;
    CompletenessEntry e{child, std::nullopt, "missing"};
    auto it = by_unit.find(child);
    if (it != by_unit.end()) {
      const auto& r = it->second;
      if (r.Submitted())
        e.state = r.OnTime() ? "on_time" : "late";
      else
        e.state = std::string(domain::ReportStatusName(r.status));
      e.report = std::move(it->second);
    }
    ++out.expected;
    if (e.state == "on_time")
      ++out.on_time, ++out.submitted;
    else if (e.state == "late")
      ++out.late, ++out.submitted;
    else
      ++out.missing;
    out.children.push_back(std::move(e));
  }
  return out;
}

Result<Reminded> ReportsService::Remind(const Caller& caller, const std::string& template_code,
                                        const std::string& period, Id unit_id) {
  BD_ASSIGN_OR_RETURN(auto c, CompletenessOf(caller, template_code, period, unit_id));
  auto tree = directory_.Tree();
  if (!UserCan(caller, domain::Right::kReviewReports, unit_id, *tree)) return Error::Forbidden();
  BD_ASSIGN_OR_RETURN(auto found, TemplateByCode(template_code));
  const domain::Period p = *domain::ParsePeriod(period);
  if (p.start > Date::TodayInVietnam()) {
    return Error::Invalid("period", "kỳ báo cáo chưa bắt đầu: chưa thể nhắc nộp báo cáo",
                          "the period has not begun: no report can be due yet");
  }
  const std::string from = tree->Find(unit_id)->full_name;
  return Mutate(store_, caller, [&](Mutation& m) -> Result<Reminded> {
    Reminded out;
    for (const auto& e : c.children) {
      if (e.state == "on_time" || e.state == "late") continue;
      ++out.units;
      const std::string link = "#/reports?template=" + template_code + "&period=" + period +
                               "&unit=" + IdToString(e.unit_id);
      const std::string what = found->title + ", " + p.Label();
      const std::string due = c.due_date.Vietnamese();
      const int told = NotifyUnit(
          m, e.unit_id, {domain::Role::kReporter}, "report_reminder",
          {from + " nhắc: báo cáo " + what + " của " + tree->Find(e.unit_id)->full_name +
               " chưa gửi; hạn nộp " + due + ".",
           from + " reminds: the report " + what + " of " + tree->Find(e.unit_id)->full_name +
               " is not sent; it is due on " + due + "."},
          link, m.now_ms() - 20LL * 3600 * 1000);
      out.users += told;
      const auto users = storage::UsersRepo(m.sql()).ActiveOfUnit(e.unit_id);
      if (std::none_of(users.begin(), users.end(),
                       [](const domain::User& u) { return u.Has(domain::Role::kReporter); }))
        out.without_reporter.push_back(e.unit_id);
    }
    m.Audit({"report.remind", "unit", IdToString(unit_id), unit_id, "ok",
             template_code + " " + period + ": " + std::to_string(out.units) + " đơn vị, " +
                 std::to_string(out.users) + " người"});
    return out;
  });
}

namespace {
std::string StatusLabel(ReportStatus s) {
  switch (s) {
    case ReportStatus::kDraft:
      return "Đang soạn";
    case ReportStatus::kSubmitted:
      return "Đã gửi";
    case ReportStatus::kReturned:
      return "Bị trả lại";
    case ReportStatus::kAccepted:
      return "Đã chấp nhận";
  }
  return "";
}
std::string PeriodLabel(const std::string& period) {
  auto p = domain::ParsePeriod(period);
  return p ? p->Label() : period;
}
}  // namespace

Result<std::string> ReportsService::ExportXlsx(const Caller& caller, Id id) {
  BD_ASSIGN_OR_RETURN(auto r, Get(caller, id));
  BD_ASSIGN_OR_RETURN(auto templ, GetTemplate(caller, r.template_id));
  const auto* unit = directory_.Tree()->Find(r.unit_id);
  return documents::ReportXlsx(templ, r,
                               {unit ? unit->full_name : "", PeriodLabel(r.period),
                                r.due_date.Vietnamese(), StatusLabel(r.status)});
}

Result<std::string> ReportsService::ExportConsolidationXlsx(const Caller& caller,
                                                            const std::string& template_code,
                                                            const std::string& period, Id unit_id) {
  BD_ASSIGN_OR_RETURN(auto c, Consolidated(caller, template_code, period, unit_id));
  auto tree = directory_.Tree();
  std::vector<documents::CompiledNarrative> narratives;
  for (const auto& n : c.narratives)
    narratives.push_back({tree->Find(n.unit_id)->full_name, n.section, n.text});
  std::vector<std::string> units;
  for (Id u : c.sums.included) units.push_back(tree->Find(u)->full_name);
  return documents::ConsolidationXlsx(
      c.templ, {tree->Find(unit_id)->full_name, PeriodLabel(period), "", ""},
      analytics::RowsOf(c.templ, c.sums, "Tổng hợp từ các đơn vị"), narratives, units);
}

Result<documents::OfficialDocument> ReportsService::Document(const Caller& caller, Id id) {
  BD_ASSIGN_OR_RETURN(auto r, Get(caller, id));
  BD_ASSIGN_OR_RETURN(auto templ, GetTemplate(caller, r.template_id));
  documents::ReportDocumentInput in;
  in.templ = &templ;
  in.unit_id = r.unit_id;
  in.period = r.period;
  in.sections = r.sections;
  in.rows = r.rows;
  if (r.submitted_at_ms && r.Submitted()) in.signed_on = Date::InVietnam(*r.submitted_at_ms);
  return documents::BuildReportDocument(in, *directory_.Tree());
}

Result<documents::OfficialDocument> ReportsService::ConsolidationDocument(
    const Caller& caller, const std::string& template_code, const std::string& period, Id unit_id) {
  BD_ASSIGN_OR_RETURN(auto c, Consolidated(caller, template_code, period, unit_id));
  auto tree = directory_.Tree();
  documents::ReportDocumentInput in;
  in.templ = &c.templ;
  in.unit_id = unit_id;
  in.period = period;
  in.consolidated = true;
  in.rows = analytics::RowsOf(c.templ, c.sums, "Tổng hợp từ các đơn vị");
  for (const auto& n : c.narratives) {
    const auto* u = tree->Find(n.unit_id);
    in.narratives.push_back({u ? u->full_name : IdToString(n.unit_id), n.section, n.text});
  }
  for (Id u : c.sums.included)
    if (const auto* unit = tree->Find(u)) in.included_units.push_back(unit->full_name);
  return documents::BuildReportDocument(in, *tree);
}

Result<domain::Report> ReportsService::ImportXlsx(const Caller& caller, Id id,
                                                  std::string_view xlsx) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto r, Load(id));
  if (!UserCan(caller, domain::Right::kEnterReports, r.unit_id, *directory_.Tree()))
    return Error::Forbidden();
  BD_ASSIGN_OR_RETURN(auto grid, documents::ReadGrid(xlsx));
  BD_ASSIGN_OR_RETURN(auto identity, documents::IdentityOf(grid));
  if (identity.report_id != id) {
    return Error::Invalid("file", "bảng tính thuộc báo cáo khác (ô A1)",
                          "the sheet belongs to another report (cell A1)");
  }
  BD_ASSIGN_OR_RETURN(auto templ, GetTemplate(caller, r.template_id));
  BD_ASSIGN_OR_RETURN(auto content, documents::ReportFromGrid(templ, grid));
  ReportPatch patch;
  patch.version = identity.version;
  patch.sections = std::move(content.first);
  patch.rows = std::move(content.second);
  return Update(caller, id, patch);
}

}  // namespace binhdang::service
