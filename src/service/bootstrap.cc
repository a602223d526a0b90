#include "service/bootstrap.h"

#include <spdlog/spdlog.h>

#include "common/crypto.h"
#include "common/text.h"
#include "service/cases_directory.h"
#include "service/demo_plans.h"
#include "service/demo_reports.h"
#include "service/unit_directory.h"
#include "service/users.h"
#include "storage/units_repo.h"
#include "storage/users_repo.h"

namespace binhdang::service {

namespace {

// The configurable list of agency types, seeded once. Gender-equality work moved between
// ministries in 2025, so the list is data, not code.
const domain::AgencyType kAgencyTypes[] = {
    {"labour_social", "Lao động - Thương binh và Xã hội", "Labour, Invalids and Social Affairs"},
    {"home_affairs", "Nội vụ", "Home Affairs"},
    {"culture_information", "Văn hóa - Thông tin", "Culture and Information"},
    {"culture_media", "Văn hóa - Thể thao và Truyền thông", "Culture, Sports and Media centre"},
    {"education", "Giáo dục và Đào tạo", "Education and Training"},
    {"health", "Y tế", "Health"},
    {"police", "Công an", "Police"},
    {"justice", "Tư pháp", "Justice"},
    {"womens_union", "Hội Liên hiệp Phụ nữ", "Women's Union"},
    {"fatherland_front", "Ủy ban Mặt trận Tổ quốc", "Fatherland Front"},
    {"youth_union", "Đoàn Thanh niên", "Youth Union"},
    {"farmers_union", "Hội Nông dân", "Farmers' Union"},
    {"veterans", "Hội Cựu chiến binh", "Veterans' Association"},
    {"labour_federation", "Liên đoàn Lao động", "Labour Federation"},
    {"social_work", "Trung tâm Công tác xã hội", "Social work centre"},
    {"people_committee_office", "Văn phòng HĐND và UBND",
     "Office of the People's Council and Committee"},
    {"other", "Khác", "Other"},
};

// The agencies named in the Tam Đường 2024 action-month plan (seeds/), under Huyện Tam Đường.
const std::pair<const char*, const char*> kTamDuongAgencies[] = {
    {"Phòng Lao động - Thương binh và Xã hội", "labour_social"},
    {"Phòng Văn hóa - Thông tin", "culture_information"},
    {"Phòng Giáo dục và Đào tạo", "education"},
    {"Trung tâm Y tế huyện", "health"},
    {"Trung tâm Văn hóa - Thể thao và Truyền thông", "culture_media"},
    {"Công an huyện", "police"},
    {"Phòng Tư pháp", "justice"},
    {"Hội Liên hiệp Phụ nữ huyện", "womens_union"},
    {"Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "fatherland_front"},
    {"Huyện đoàn Tam Đường", "youth_union"},
    {"Hội Nông dân huyện", "farmers_union"},
    {"Hội Cựu chiến binh huyện", "veterans"},
    {"Liên đoàn Lao động huyện", "labour_federation"},
};

void SeedAgencies(storage::Store& store) {
  auto sql = store.Lease();
  storage::Transaction tx(*sql, store);
  storage::UnitsRepo repo(*sql);
  int position = 0;
  for (const auto& t : kAgencyTypes) repo.InsertAgencyType(t, position++);
  // Find Huyện Tam Đường of Lai Châu (before the reform).
  Id tam_duong = 0;
  for (const auto& u : repo.LoadAll()) {
    if (u.kind == domain::UnitKind::kDistrict && u.full_name == "Huyện Tam Đường") tam_duong = u.id;
  }
  if (tam_duong) InsertAgencies(repo, *repo.Get(tam_duong), kTamDuongAgencies);
  storage::BumpCounter(*sql, kUnitsRevision);
  tx.Commit();
}

}  // namespace

void InsertAgencies(storage::UnitsRepo& repo, const domain::Unit& parent,
                    std::span<const std::pair<const char*, const char*>> agencies) {
  for (const auto& [name, type] : agencies) {
    domain::Unit a;
    a.name = a.full_name = name;
    a.kind = domain::UnitKind::kAgency;
    a.agency_type = type;
    a.parent_id = parent.id;
    a.valid_from = parent.valid_from;
    a.valid_to = parent.valid_to;
    repo.Insert(a, NowMs());
  }
}

Result<BootstrapReport> Bootstrap(storage::Store& store, const BootstrapOptions& options) {
  BD_RETURN_IF_ERROR(store.Migrate());
  BootstrapReport report;
  long long units = 0, users = 0;
  {
    auto sql = store.Lease();
    units = storage::UnitsRepo(*sql).Count();
    users = storage::UsersRepo(*sql).Count();
  }
  if (units == 0) {
    BD_ASSIGN_OR_RETURN(report, ImportUnits(store, options.resource_dir + "/units"));
    SeedAgencies(store);
  }
  if (users == 0) {
    UnitDirectory directory(store);
    directory.Reload();
    Id country = directory.Tree()->roots().empty() ? 0 : directory.Tree()->roots().front();
    UserInput admin{"admin", "Quản trị hệ thống", options.admin_password, country, {"admin"}};
    if (admin.password.empty()) {
      admin.password = crypto::RandomToken(12) + "7a";
      report.generated_password = admin.password;
    }
    PasswordHasher hasher({1, 1, options.fast_hashes});
    LoginGuard guard(store);
    UsersService users_service(store, directory, hasher, guard);
    auto created = users_service.CreateBySystem(admin);
    if (!created.ok()) return created.take_error();
    report.created_admin = true;
  }
  UnitDirectory directory(store);
  directory.Reload();
  ReportsService reports(store, directory);
  BD_RETURN_IF_ERROR(reports.SeedTemplates(options.resource_dir + "/templates"));
  // Reference data, like the templates: the nationwide numbers of the service directory.
  BD_RETURN_IF_ERROR(ProvidersService(store, directory)
                         .SeedIfEmpty(options.resource_dir + "/directory/providers.json"));
  if (units == 0 && options.demo) {
    BD_RETURN_IF_ERROR(SeedDemoPlans(store, directory, options.resource_dir + "/demo/plans.json"));
    // Demo reports answer the seeded plans, so they come after them.
    BD_ASSIGN_OR_RETURN(report.demo_reports, SeedDemoReports(reports, directory, store));
    report.seeded_demo = true;
  }
  return report;
}

}  // namespace binhdang::service
