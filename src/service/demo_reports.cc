#include "service/demo_reports.h"

#include "storage/plans_repo.h"
#include "storage/reports_repo.h"

namespace binhdang::service {

namespace {
// 2024-12-dd at hh:00 in Vietnam, as unix ms.
int64_t December2024(int day, int hour) {
  return (Date(2024, 12, day).ToDays() * 86400LL + (hour - 7) * 3600LL) * 1000LL;
}

domain::CellValue Count(long long n) { return {n, 0, 0, false}; }
domain::CellValue BySex(long long male, long long female) { return {0, male, female, true}; }
}  // namespace

Result<int> SeedDemoReports(ReportsService& reports, UnitDirectory& directory,
                            storage::Store& store) {
  std::optional<domain::ReportTemplate> templ;
  {
    auto sql = store.Lease();
    if (!storage::ReportsRepo(*sql).List({}).empty()) return 0;
    templ = storage::TemplatesRepo(*sql).Latest("action_month_results");
  }
  if (!templ) return 0;
  auto tree = directory.Tree();
  Id district = 0;
  for (Id id :
       tree->Search({"tam duong", std::nullopt, domain::UnitKind::kDistrict, Date(2024, 11, 15)})) {
    if (tree->Find(id)->full_name == "Huyện Tam Đường") district = id;
  }
  if (!district) return 0;
  // The district's 2024 action-month plan, when one is seeded: the reports answer it.
  std::optional<Id> plan;
  {
    auto sql = store.Lease();
    storage::PlanFilter filter;
    filter.unit_id = district;
    filter.year = 2024;
    for (const auto& p : storage::PlansRepo(*sql).List(filter)) {
      if (storage::PlanReportingDueDate(*sql, p.id, templ->code)) plan = p.id;
    }
  }
  Id last_commune = 0;
  for (Id child : tree->Children(district)) {
    if (tree->Find(child)->kind == domain::UnitKind::kCommune) last_commune = child;
  }
  int created = 0, n = 0;
  for (Id child : tree->Children(district)) {
    const domain::Unit& u = *tree->Find(child);
    ++n;
    const bool agency = u.kind == domain::UnitKind::kAgency;
    // The last commune has not reported at all.
    if (child == last_commune) continue;
    const std::string level = agency ? "huyen" : "xa";
    ReportInput in;
    in.template_id = templ->id;
    in.unit_id = child;
    in.period = "2024AM";
    in.plan_id = plan;
    const long long k = n % 5 + 1;
    in.sections = {
        {"direction",
         u.full_name +
             " ban hành kế hoạch hưởng ứng Tháng hành động, phân công nhiệm vụ cho các bộ phận."},
        {"launch", "Tổ chức lễ phát động ngày 15/11/2024 với sự tham gia của cán bộ và nhân dân."},
        {"results",
         "Nâng cao nhận thức về bình đẳng giới và phòng ngừa bạo lực trên cơ sở giới trong cộng "
         "đồng."},
        {"difficulties", "Kinh phí hạn chế; địa bàn rộng, giao thông khó khăn."},
    };
    in.rows = {
        {"activities",
         "launch_ceremony",
         "",
         level,
         {{"count", Count(1)}, {"people", BySex(40 * k, 55 * k)}}},
        {"activities",
         "forum_dialogue",
         "",
         level,
         {{"count", Count(k)}, {"people", BySex(20 * k, 35 * k)}}},
        {"activities",
         "training",
         "",
         level,
         {{"count", Count(1)}, {"people", BySex(12 + k, 18 + k)}}},
        {"media",
         "radio_loudspeaker",
         "",
         level,
         {{"count", Count(10 * k)}, {"people", BySex(300 * k, 320 * k)}}},
        {"media",
         "social_media",
         "",
         level,
         {{"count", Count(3 * k)}, {"people", BySex(150 * k, 210 * k)}}},
        {"products",
         "banner_slogan",
         "",
         level,
         {{"count", Count(2 + k)}, {"people", BySex(0, 0)}}},
        {"products",
         "leaflet",
         "",
         level,
         {{"count", Count(100 * k)}, {"people", BySex(45 * k, 55 * k)}}},
    };
    if (agency)
      in.rows.push_back(
          {"activities", "inspection", "", "xa", {{"count", Count(2)}, {"people", BySex(4, 3)}}});
    // Every fifth report is late; the third commune's report was returned; drafts for two.
    domain::ReportStatus status = domain::ReportStatus::kAccepted;
    std::optional<int64_t> at = December2024(3 + n % 7, 9);
    std::string comment;
    if (n % 5 == 0) at = December2024(12 + n % 3, 15);
    if (!agency && n == 3) {
      status = domain::ReportStatus::kReturned;
      comment =
          "Số người tham gia lễ phát động chưa tách theo giới tính; đề nghị bổ sung và gửi lại.";
    } else if (n % 4 == 0) {
      status = domain::ReportStatus::kSubmitted;
    } else if (n == 11 || n == 23) {
      status = domain::ReportStatus::kDraft;
      at.reset();
    }
    auto r = reports.CreateBySystem(in, status, at, comment);
    if (!r.ok()) return r.take_error();
    ++created;
  }
  return created;
}

}  // namespace binhdang::service
