#include "service/demo_plans.h"

#include <spdlog/spdlog.h>

#include "common/text.h"
#include "service/bootstrap.h"
#include "service/plans.h"
#include "storage/units_repo.h"

namespace binhdang::service {

namespace {
using domain::Activity;
using domain::ActivitySection;
using domain::ActivityStatus;
using domain::Assignee;
using domain::Plan;

const Date kActionMonthStart(2024, 11, 15), kActionMonthEnd(2024, 12, 15);
const char* kActionMonthTheme =
    "Đảm bảo an sinh xã hội, tăng quyền năng và tạo cơ hội cho phụ nữ và trẻ em gái nhằm thực hiện bình "
    "đẳng giới và xóa bỏ bạo lực trên cơ sở giới";
const char* kActionMonthTitle2024 =
    "Triển khai Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm 2024";

// Finds units by kind and full name among the children of `parent` (or anywhere with 0),
// valid on `day`.
class UnitFinder {
 public:
  UnitFinder(const domain::UnitTree& tree, Date day) : tree_(tree), day_(day) {}
  Id Find(domain::UnitKind kind, const std::string& full_name, Id parent = 0) const {
    const auto ids = tree_.Search({full_name, parent ? std::optional<Id>(parent) : std::nullopt, kind, day_});
    for (Id id : ids) {
      if (tree_.Find(id)->full_name == full_name) return id;
    }
    return 0;
  }
  Id Agency(Id parent, const std::string& name) const { return Find(domain::UnitKind::kAgency, name, parent); }
  std::vector<Id> Communes(Id parent) const {
    std::vector<Id> out;
    for (Id c : tree_.Children(parent)) {
      const domain::Unit* u = tree_.Find(c);
      if (u->kind == domain::UnitKind::kCommune && u->ValidAt(day_)) out.push_back(c);
    }
    return out;
  }

 private:
  const domain::UnitTree& tree_;
  Date day_;
};

Activity Key(std::string title, std::vector<std::string> details, std::optional<Date> due) {
  Activity a;
  a.section = ActivitySection::kKey;
  a.assignee = Assignee::kEveryone;
  a.title = std::move(title);
  a.details = std::move(details);
  a.due_date = due;
  return a;
}

Activity Assign(Id lead, std::vector<Id> support, std::string title, std::vector<std::string> details, Date due) {
  Activity a;
  a.section = ActivitySection::kAssignment;
  a.assignee = lead ? Assignee::kUnit : Assignee::kChildUnits;
  a.lead_unit_id = lead;
  for (Id s : support) if (s) a.support_unit_ids.push_back(s);
  a.title = std::move(title);
  a.details = std::move(details);
  a.due_date = due;
  return a;
}

// The agencies the Hương Khê plan names that the bootstrap does not create.
const std::pair<const char*, const char*> kHuongKheAgencies[] = {
    {"Phòng Lao động - Thương binh và Xã hội", "labour_social"},
    {"Phòng Tài chính - Kế hoạch", "other"},
    {"Phòng Tư pháp", "justice"},
    {"Phòng Y tế", "health"},
    {"Trung tâm Y tế huyện", "health"},
    {"Phòng Văn hóa - Thông tin", "culture_information"},
    {"Phòng Giáo dục và Đào tạo", "education"},
    {"Công an huyện", "police"},
    {"Tòa án nhân dân huyện", "other"},
    {"Viện Kiểm sát nhân dân huyện", "other"},
    {"Trung tâm Văn hóa - Truyền thông", "culture_media"},
    {"Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "fatherland_front"},
    {"Liên đoàn Lao động huyện", "labour_federation"},
};

// The system acting for the seed: an administrator that is no user account.
Caller SeedCaller() {
  Caller c = Caller::System();
  domain::User system;
  system.username = "system";
  system.roles = {domain::Role::kAdmin};
  c.user = system;
  return c;
}

Result<Plan> LaiChauPlan(PlansService& plans, Id lai_chau) {
  Plan p;
  p.unit_id = lai_chau;
  p.number = 4365;
  p.symbol = "KH-UBND";
  p.place = "Lai Châu";
  p.issued_on = Date(2024, 10, 29);
  p.title = "Về triển khai Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm 2024";
  p.kind = domain::PlanKind::kActionMonth;
  p.period_start = kActionMonthStart;
  p.period_end = kActionMonthEnd;
  p.theme = kActionMonthTheme;
  p.status = domain::PlanStatus::kIssued;
  p.revision = 1;
  p.content.preamble =
      "Kế hoạch của UBND tỉnh Lai Châu mà Kế hoạch Tháng hành động năm 2024 của huyện Tam Đường thực hiện "
      "(toàn văn không có trong tài liệu mẫu; chỉ số, ngày và trích yếu được nhập).";
  std::vector<Activity> activities = {
      Assign(0, {}, "Các huyện, thành phố xây dựng kế hoạch và tổ chức triển khai Tháng hành động năm 2024 trên địa bàn",
             {"Xây dựng và triển khai kế hoạch Tháng hành động phù hợp với tình hình thực tế của địa phương."},
             kActionMonthEnd)};
  return plans.CreateBySystem(p, activities);
}

Result<Plan> TamDuongPlan(PlansService& plans, const UnitFinder& units, Id tam_duong, const Plan& parent) {
  auto agency = [&](const char* name) { return units.Agency(tam_duong, name); };
  const Id ldtbxh = agency("Phòng Lao động - Thương binh và Xã hội"), vhtt = agency("Phòng Văn hóa - Thông tin"),
           gddt = agency("Phòng Giáo dục và Đào tạo"), ttyt = agency("Trung tâm Y tế huyện"),
           ttvh = agency("Trung tâm Văn hóa - Thể thao và Truyền thông"), police = agency("Công an huyện"),
           justice = agency("Phòng Tư pháp"), women = agency("Hội Liên hiệp Phụ nữ huyện"),
           front = agency("Ủy ban Mặt trận Tổ quốc Việt Nam huyện"), youth = agency("Huyện đoàn Tam Đường"),
           farmers = agency("Hội Nông dân huyện"), veterans = agency("Hội Cựu chiến binh huyện"),
           labour = agency("Liên đoàn Lao động huyện");
  Plan p;
  p.unit_id = tam_duong;
  p.parent_plan_id = parent.id;
  // The source document is the copy sent for signature: its number and day are blank ("Số:
  // /KH-UBND", "ngày   tháng 11 năm 2024"). The demo shows it as issued, so it gets the number and
  // day used in the official-document examples (issue 9): 144/KH-UBND of 05/11/2024.
  p.number = 144;
  p.symbol = "KH-UBND";
  p.issued_on = Date(2024, 11, 5);
  p.place = "Tam Đường";
  p.title = kActionMonthTitle2024 + std::string(" trên địa bàn huyện Tam Đường");
  p.kind = domain::PlanKind::kActionMonth;
  p.period_start = kActionMonthStart;
  p.period_end = kActionMonthEnd;
  p.theme = kActionMonthTheme;
  p.status = domain::PlanStatus::kIssued;
  p.revision = 1;
  auto& c = p.content;
  c.preamble =
      "Thực hiện Kế hoạch số 4365/KH-UBND, ngày 29/10/2024 của UBND tỉnh Lai Châu về triển khai Tháng hành động vì "
      "bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm 2024. UBND huyện Tam Đường xây dựng Kế "
      "hoạch triển khai Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm 2024 "
      "(sau đây gọi tắt là Tháng hành động) với những nội dung sau:";
  c.bases = {{"Kế hoạch số 4365/KH-UBND", Date(2024, 10, 29), "UBND tỉnh Lai Châu",
              "về triển khai Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm 2024"}};
  c.purposes = {
      "Tháng hành động là điểm nhấn, tạo nên chiến dịch truyền thông vì bình đẳng giới và phòng ngừa, ứng phó với bạo "
      "lực trên cơ sở giới trên phạm vi toàn huyện; thu hút sự quan tâm, đề cao vai trò, trách nhiệm và tính chủ động "
      "tham gia hành động của cá nhân, gia đình, cộng đồng, cơ quan, tổ chức trong đảm bảo an sinh xã hội, tăng cường "
      "quyền năng cho phụ nữ và trẻ em gái nhằm thúc đẩy bình đẳng giới và phòng ngừa, ứng phó với bạo lực, xâm hại "
      "phụ nữ và trẻ em.",
      "Đẩy mạnh phổ biến, tuyên truyền, giáo dục về các chính sách an sinh xã hội, bình đẳng giới, và phòng ngừa, ứng "
      "phó với bạo lực trên cơ sở giới ở tất cả các cấp, các ngành.",
      "Tăng cường giáo dục kiến thức, kỹ năng bảo vệ, phòng ngừa bạo lực, xâm hại cho phụ nữ và trẻ em, các thành viên "
      "gia đình, người làm công tác bình đẳng giới và trẻ em. Cung cấp thông tin, nâng cao năng lực phòng ngừa ứng phó "
      "với những tác động tiêu cực của biến đổi khí hậu, thiên tai, lũ lụt và dịch bệnh đối với phụ nữ và trẻ em.",
      "Chú trọng công tác phòng ngừa, phát hiện và ngăn chặn, xử lý kịp thời các vụ bạo lực, xâm hại phụ nữ và trẻ em, "
      "giảm thiểu, tiến tới chấm dứt tình trạng bạo lực, xâm hại phụ nữ và trẻ em."};
  c.requirements = {
      "Việc xây dựng kế hoạch và triển khai các hoạt động của Tháng hành động cần đảm bảo an toàn, phù hợp với tình "
      "hình thực tế tại địa phương, đơn vị. Tăng cường ứng dụng công nghệ thông tin trong tuyên truyền, phổ biến pháp "
      "luật, chính sách và triển khai các hoạt động hưởng ứng Tháng hành động."};
  c.message_groups = {
      {"a) Nhóm thông điệp về Luật pháp, chính sách, chủ trương",
       {"Hưởng ứng Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm 2024.",
        "Đầu tư cho bình đẳng giới là đầu tư cho tương lai.",
        "Bình đẳng giới là thước đo của sự văn minh, tiến bộ và công bằng xã hội.",
        "Tăng quyền năng cho phụ nữ là tăng vị thế của quốc gia.", "Giới tính không quyết định năng lực và trình độ.",
        "Nam, nữ bình đẳng, xã hội văn minh, gia đình hạnh phúc.",
        "Bình đẳng giới là chìa khóa để xóa bỏ bạo lực trên cơ sở giới.",
        "Hành động ngay hôm nay, bình đẳng giới trong tầm tay.", "Nam, nữ bình quyền, xã hội phát triển.",
        "Ưu tiên nguồn lực cho phụ nữ và trẻ em gái.",
        "Nâng cao vai trò của phụ nữ giúp hòa bình, ổn định, phát triển bao trùm và bền vững, ứng phó với biến đổi khí "
        "hậu."}},
      {"b) Nhóm thông điệp về Phòng ngừa và ứng phó với bạo lực trên cơ sở giới",
       {"Mọi hành vi bạo lực, xâm hại, quấy rối tình dục đối với phụ nữ và trẻ em là vi phạm pháp luật.",
        "Mọi hình thức bạo lực đều vi phạm pháp luật và bị xử lý nghiêm minh.", "Chấm dứt bạo lực, vun đắp yêu thương.",
        "Hãy tố cáo hành vi bạo lực, xâm hại, quấy rối tình dục phụ nữ và trẻ em.", "Hãy lên tiếng khi bị bạo lực.",
        "Hãy hành động vì cộng đồng bình đẳng, văn minh, an toàn và không bạo lực.",
        "Im lặng không phải là cách để bảo vệ bản thân và người bị xâm hại.",
        "Đồng tình với bạo lực là bạn đang cổ xúy cho hành vi sai trái.", "Không đổ lỗi cho người bị bạo lực.",
        "Không phân biệt đối xử và bạo lực trên không gian mạng."}},
      {"c) Nhóm thông điệp về Huy động sự tham gia của nam giới và xã hội",
       {"Chia sẻ việc nhà, gia đình hạnh phúc.", "Việc nhà không của riêng ai.",
        "Mình là đàn ông, mình không gây bạo lực.", "Hãy chấm dứt bạo lực với phụ nữ và trẻ em gái."}}};
  c.budget_sources = {{"state_budget", "Ngân sách nhà nước"},
                      {"mobilised", "Huy động từ xã hội và cộng đồng"},
                      {"other_lawful", "Các nguồn kinh phí hợp pháp khác"}};
  c.budget_note =
      "Kinh phí triển khai Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm "
      "2024, được bố trí từ Ngân sách nhà nước; huy động từ xã hội và cộng đồng; các nguồn kinh phí hợp pháp khác.";
  c.recipients = {{"Sở Lao động – TB&XH", "B/c"},
                  {"TT: Huyện ủy, HĐND huyện", "B/c"},
                  {"Chủ tịch, PCT UBND huyện", ""},
                  {"Các cơ quan, ban, ngành, đoàn thể huyện", ""},
                  {"UBND các xã, thị trấn", ""},
                  {"Lưu: VT", ""}};
  c.signer = {"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Vũ Xuân Thịnh"};
  c.closing =
      "Trên đây là Kế hoạch thực hiện Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở "
      "giới năm 2024, UBND huyện Tam Đường đề nghị các cơ quan, ban, ngành đoàn thể huyện, UBND các xã, thị trấn triển "
      "khai thực hiện./.";
  c.report_outline = domain::ReportOutline{
      "Kết quả thực hiện Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó bạo lực trên cơ sở giới năm 2024",
      {{"I. TỔ CHỨC THỰC HIỆN",
        {"1. Công tác chỉ đạo, ban hành kế hoạch triển khai", "2. Phát động Tháng hành động",
         "3. Nội dung hoạt động đã triển khai", "4. Kinh phí tổ chức: a) Ngân sách nhà nước; b) Ngân sách vận động "
                                                 "(Bảng tổng hợp số liệu kèm theo)"}},
       {"II. ĐÁNH GIÁ CHUNG",
        {"1. Những kết quả đã đạt được, bài học kinh nghiệm", "2. Những khó khăn, tồn tại", "3. Kiến nghị, đề xuất"}},
       {"III. TỔNG HỢP SỐ LIỆU",
        {"Kết quả thực hiện Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó bạo lực trên cơ sở giới năm 2024"}}},
      {{"1. Tổ chức phát động và các hoạt động hưởng ứng, kiểm tra, giám sát...",
        {"STT", "Hoạt động", "Số cuộc/ Đoàn", "Số người tham gia: Nam", "Số người tham gia: Nữ", "Cấp triển khai"}},
       {"2. Kết quả truyền thông trên các phương tiện thông tin đại chúng, thông tin cơ sở",
        {"STT", "Nội dung", "Số lượng", "Số người tiếp cận: Nam", "Số người tiếp cận: Nữ", "Cấp triển khai"}},
       {"3. Sản xuất, phát hành các sản phẩm truyền thông",
        {"STT", "Sản phẩm", "Số lượng", "Số người tiếp cận: Nam", "Số người tiếp cận: Nữ", "Cấp triển khai"}}}};
  p.reporting = {{0, "action_month_results", Date(2024, 12, 10), tam_duong, "children_and_agencies",
                  "Các cơ quan ban, ngành, đoàn thể có liên quan, UBND các xã, thị trấn báo cáo (theo mẫu) về UBND huyện "
                  "(qua Phòng Lao động - TB&XH huyện) trước ngày 10/12/2024, theo đề cương gợi ý báo cáo đính kèm"}};

  const Date end = kActionMonthEnd;
  std::vector<Activity> a = {
      Key("Xây dựng kế hoạch và tổ chức Lễ phát động Tháng hành động năm 2024",
          {"Xây dựng kế hoạch và tổ chức Lễ phát động Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo "
           "lực trên cơ sở giới năm 2024 tại cơ quan, đơn vị, địa phương bằng các hình thức phù hợp."},
          end),
      Key("Tuyên truyền về chủ đề, thông điệp và các hoạt động của Tháng hành động",
          {"Tuyên truyền về chủ đề, thông điệp và các hoạt động của Tháng hành động bằng nhiều hình thức đa dạng, phù "
           "hợp với từng nhóm đối tượng: Treo băng rôn, khẩu hiệu, pano, áp phích tuyên truyền, tổ chức mít tinh, diễu "
           "hành tại trụ sở cơ quan, đơn vị, trường học, các trục đường chính, nơi công cộng, nơi đông dân cư; tuyên "
           "truyền trên hệ thống truyền thanh, truyền hình huyện và hệ thống loa truyền thanh các xã, thị trấn..."},
          end),
      Key("Tổ chức tọa đàm, đối thoại; tuyên truyền chính sách an sinh xã hội; biểu dương điển hình",
          {"Tổ chức các cuộc tọa đàm, đối thoại, trao đổi về các nội dung liên quan đến chủ đề của Tháng hành động năm "
           "2024; tuyên truyền về các chính sách đảm bảo an sinh xã hội cho người dân nói chung và phụ nữ, trẻ em nói "
           "riêng, vai trò của việc tăng cường quyền năng cho phụ nữ và trẻ em gái trong việc thúc đẩy bình đẳng giới. "
           "Gặp mặt trao đổi, chia sẻ kiến thức và biểu dương những điển hình, điển sáng và cá nhân điển hình trong công "
           "tác bình đẳng giới, và phòng, chống bạo lực đối với phụ nữ và trẻ em nói chung và công tác triển khai Tháng "
           "hành động năm 2024 nói riêng..."},
          end),
      Key("Tăng cường số hóa truyền thông qua mạng xã hội",
          {"Tăng cường thực hiện số hóa trong công tác truyền thông thông qua mạng xã hội (facebook, fanpage, youtube, "
           "zalo...) nhằm tiếp cận tới nhiều người dân hơn, đặc biệt là giới trẻ, thanh niên, học sinh, đồng bào dân tộc "
           "thiểu số... để lan tỏa mạnh mẽ hơn nữa bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới, "
           "tăng cường quyền năng cho phụ nữ và trẻ em gái."},
          end),
      Key("Huy động nguồn lực, xã hội hóa truyền thông và hỗ trợ nạn nhân",
          {"Đẩy mạnh việc huy động các nguồn lực để triển khai Tháng hành động, tăng cường xã hội hóa các hoạt động "
           "truyền thông và hỗ trợ nạn nhân bị xâm hại, bị bạo lực, phụ nữ, trẻ em có hoàn cảnh khó khăn..."},
          end),
      Key("Chỉ đạo các cơ sở cung cấp dịch vụ tăng cường truyền thông, tư vấn, hỗ trợ",
          {"Chỉ đạo các cơ sở cung cấp dịch vụ hỗ trợ bình đẳng giới và ứng phó với bạo lực trên cơ sở giới tăng cường "
           "công tác truyền thông, tư vấn, hỗ trợ phòng ngừa và ứng phó với bạo lực trên cơ sở giới, bạo lực với phụ nữ "
           "và trẻ em."},
          end),
      Key("Kiểm tra việc triển khai Tháng hành động ở các ngành, đơn vị, địa phương",
          {"Tăng cường công tác kiểm tra việc triển khai, thực hiện Tháng hành động vì bình đẳng giới và phòng, chống "
           "bạo lực trên cơ sở giới ở các ngành, đơn vị, địa phương."},
          end),
      Key("Tổng kết, đánh giá kết quả triển khai Tháng hành động (trước ngày 27/12/2024)",
          {"Tổng kết, đánh giá kết quả triển khai thực hiện Tháng hành động nhằm rút kinh nghiệm trong việc chỉ đạo và "
           "tổ chức thực hiện cho những năm tiếp theo. Thời gian tổ chức tổng kết trước ngày 27/12/2024."},
          Date(2024, 12, 26)),
      Assign(ldtbxh, {ttvh},
             "Phòng Lao động - Thương binh và Xã hội: chủ trì triển khai Kế hoạch; treo băng rôn; kiểm tra, giám sát, "
             "tổng hợp báo cáo",
             {"Chủ trì, phối hợp với các cơ quan, ban, ngành, đoàn thể huyện, UBND các xã, thị trấn tổ chức triển khai "
              "thực hiện Kế hoạch triển khai Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên "
              "cơ sở giới năm 2024 trên địa bàn huyện.",
              "Phối hợp với Trung tâm Văn hóa – Thể thao và Truyền thông tổ chức treo băng rôn, khẩu hiệu tuyên truyền "
              "hưởng ứng Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới tại một số "
              "tuyến đường chính của huyện.",
              "Kiểm tra, giám sát tình hình triển khai thực hiện Tháng hành động, tổng hợp kết quả báo cáo UBND huyện, "
              "Sở Lao động - TBXH."},
             end),
      Assign(vhtt, {},
             "Phòng Văn hóa – Thông tin: phối hợp triển khai; can thiệp phòng, chống bạo lực gia đình; quản lý sản phẩm "
             "văn hóa không mang định kiến giới",
             {"Phối hợp triển khai Kế hoạch Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ "
              "sở giới năm 2024 của UBND huyện.",
              "Xây dựng và triển khai các hoạt động can thiệp phòng, chống bạo lực gia đình; lồng ghép các nội dung về "
              "bình đẳng giới vào các thiết chế văn hóa hướng tới mục tiêu gia đình ít con, no ấm, bình đẳng, tiến bộ, "
              "hạnh phúc và bền vững.",
              "Tăng cường kiểm tra, quản lý chặt chẽ các sản phẩm văn hoá, hoạt động giải trí trên địa bàn đảm bảo không "
              "mang định kiến giới."},
             end),
      Assign(gddt, {}, "Phòng Giáo dục và Đào tạo: trường học thân thiện, học sinh tích cực; tuyên truyền Luật bình đẳng giới",
             {"Phát động phong trào thi đua xây dựng trường học thân thiện và học sinh tích cực; Tăng cường công tác tuyên "
              "truyền Luật bình đẳng giới, giáo dục và bảo vệ chăm sóc trẻ em cho cán bộ quản lý giáo dục, giáo viên và "
              "học sinh."},
             end),
      Assign(ttyt, {}, "Trung tâm Y tế huyện: chương trình dân số - kế hoạch hóa gia đình, chăm sóc sức khỏe sinh sản",
             {"Chủ trì, phối hợp với các đơn vị liên quan, xây dựng và tổ chức thực hiện có hiệu quả các chương trình, kế "
              "hoạch trong lĩnh vực dân số - kế hoạch hóa gia đình, chăm sóc sức khỏe sinh sản giới."},
             end),
      Assign(ttvh, {ldtbxh},
             "Trung tâm Văn hóa - Thể thao và Truyền thông: tuyên truyền trên phương tiện thông tin đại chúng; dự toán "
             "in ấn băng rôn",
             {"Tuyên truyền Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới trên các "
              "phương tiện thông tin đại chúng, xây dựng các tin bài phản ánh các hoạt động trong Tháng hành động vì bình "
              "đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới. Kịp thời biểu dương các gương điển hình tiên "
              "tiến thực hiện tốt các chính sách an sinh xã hội nhằm thực hiện bình đẳng giới và xóa bỏ bạo lực trên cơ "
              "sở giới và vì sự tiến bộ phụ nữ, phê phán những hành động bạo lực, bạo hành đối với phụ nữ và trẻ em gái.",
              "Phối hợp với Phòng Lao động - Thương binh và Xã hội lập dự toán kinh phí in ấn băng rôn, khẩu hiệu... phục "
              "vụ tuyên truyền."},
             end),
      Assign(police, {},
             "Công an huyện: kế hoạch phòng chống buôn bán phụ nữ và trẻ em; tuần tra, xử lý vi phạm",
             {"Xây dựng và thực hiện Kế hoạch phòng chống buôn bán phụ nữ và trẻ em, tiếp tục đổi mới nâng cao hiệu quả "
              "việc quản lý đối tượng vi phạm pháp luật và bảo vệ các nạn nhân bị bạo lực.",
              "Tăng cường kiểm tra, tuần tra và xử lý nghiêm các hành vi vi phạm trong lĩnh vực phòng chống bạo lực đối "
              "với phụ nữ và trẻ em gái."},
             end),
      Assign(justice, {},
             "Phòng Tư pháp: phổ biến pháp luật về bình đẳng giới; tập huấn; lồng ghép giới trong văn bản; trợ giúp nạn nhân",
             {"Chủ trì, phối hợp với các ngành liên quan tổ chức tuyên truyền, phổ biến giáo dục pháp luật về bình đẳng "
              "giới; tổ chức tập huấn, bồi dưỡng nghiệp vụ bình đẳng giới cho đội ngũ cán bộ làm công tác tư pháp và cộng "
              "tác viên.",
              "Hướng dẫn đánh giá, lồng ghép vấn đề bình đẳng giới trong xây dựng văn bản quy phạm pháp luật liên quan đến "
              "bình đẳng giới hoặc có vấn đề bất bình đẳng giới, phân biệt đối xử về giới; thực hiện các biện pháp trợ "
              "giúp cho nạn nhân của bạo lực."},
             end),
      Assign(women, {ldtbxh},
             "Đề nghị Hội Liên hiệp phụ nữ huyện: chỉ đạo hội cơ sở tuyên truyền; hội nghị, tập huấn truyền thông",
             {"Chỉ đạo, hướng dẫn chi, hội phụ nữ cơ sở tăng cường tuyên truyền Luật bình đẳng giới; phổ biến kỹ năng tự "
              "bảo vệ phòng tránh các nguy cơ bạo lực, xâm hại, tổ chức các hoạt động tuyên truyền chủ trương của Đảng, "
              "chính sách pháp luật của Nhà nước trong Tháng hành động.",
              "Phối hợp với Phòng Lao động - Thương binh và Xã hội và các cơ quan, liên quan xây dựng Kế hoạch tổ chức "
              "hội nghị, tập huấn truyền thông hưởng ứng Tháng hành động."},
             end),
      Assign(front, {youth, farmers, veterans, labour},
             "Đề nghị Ủy ban Mặt trận Tổ quốc và các tổ chức đoàn thể huyện: tuyên truyền, giáo dục, giám sát thực hiện "
             "pháp luật về bình đẳng giới",
             {"Trong phạm vi chức năng, nhiệm vụ của mình đẩy mạnh công tác tuyên truyền, giáo dục và tham gia giám sát "
              "việc thực hiện pháp luật về bình đẳng giới."},
             end),
      Assign(0, {}, "Ủy ban nhân dân các xã, thị trấn: xây dựng và triển khai kế hoạch Tháng hành động của xã",
             {"Xây dựng và triển khai thực hiện kế hoạch Tháng hành động phù hợp với tình hình thực tế của địa phương.",
              "Thực hiện các hoạt động tuyên truyền, vận động người dân thực hiện bình đẳng giới, đảm bảo an sinh xã hội, "
              "tăng quyền năng và tạo cơ hội cho phụ nữ và trẻ em gái nhằm thực hiện bình đẳng giới và xóa bỏ bạo lực trên "
              "cơ sở giới.",
              "Tăng cường kiểm tra, đánh giá việc triển khai thực hiện kế hoạch đồng thời đảm bảo chế độ thông tin, báo "
              "cáo theo quy định hiện hành."},
             end),
  };
  Activity reporting = Key(
      "Chế độ thông tin báo cáo: báo cáo kết quả Tháng hành động (theo đề cương) về UBND huyện qua Phòng Lao động - "
      "TB&XH trước ngày 10/12/2024",
      {"Các cơ quan ban, ngành, đoàn thể có liên quan, UBND các xã, thị trấn báo cáo (theo mẫu) kết quả triển khai thực "
       "hiện Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó bạo lực gia đình trên cơ sở giới năm 2024 về UBND "
       "huyện (Qua phòng Lao động - TB&XH huyện) trước ngày 10/12/2024. (theo đề cương gợi ý báo cáo đính kèm)"},
      Date(2024, 12, 10));
  reporting.section = ActivitySection::kAssignment;
  a.push_back(reporting);
  return plans.CreateBySystem(p, a);
}

Result<Plan> HuongKhePlan(PlansService& plans, const UnitFinder& units, Id huong_khe) {
  auto agency = [&](const char* name) { return units.Agency(huong_khe, name); };
  const Id ldtbxh = agency("Phòng Lao động - Thương binh và Xã hội"), finance = agency("Phòng Tài chính - Kế hoạch"),
           justice = agency("Phòng Tư pháp"), health = agency("Phòng Y tế"), ttyt = agency("Trung tâm Y tế huyện"),
           vhtt = agency("Phòng Văn hóa - Thông tin"), gddt = agency("Phòng Giáo dục và Đào tạo"),
           police = agency("Công an huyện"), court = agency("Tòa án nhân dân huyện"),
           procuracy = agency("Viện Kiểm sát nhân dân huyện"), ttvh = agency("Trung tâm Văn hóa - Truyền thông"),
           front = agency("Ủy ban Mặt trận Tổ quốc Việt Nam huyện"), labour = agency("Liên đoàn Lao động huyện");
  Plan p;
  p.unit_id = huong_khe;
  p.number = 48;
  p.symbol = "KH-UBND";
  p.place = "Hương Khê";
  p.issued_on = Date(2021, 3, 16);
  p.title = "Thực hiện Chương trình “Phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2021 - 2025” trên địa "
            "bàn huyện";
  p.kind = domain::PlanKind::kProgramme;
  p.period_start = Date(2021, 3, 16);
  p.period_end = Date(2025, 12, 31);
  p.status = domain::PlanStatus::kIssued;
  p.revision = 1;
  auto& c = p.content;
  c.preamble =
      "Thực hiện Quyết định số 2232/QĐ-TTg ngày 28/12/2020 của Thủ tướng Chính phủ về phê duyệt Chương trình “Phòng "
      "ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2021-2025”; Kế hoạch số 50/KH-UBND ngày 24/02/2021 của UBND "
      "tỉnh về việc thực hiện Chương trình “Phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2021 - 2025” trên "
      "địa bàn tỉnh Hà Tĩnh, Ủy ban nhân dân huyện ban hành Kế hoạch thực hiện trên địa bàn huyện như sau:";
  c.bases = {{"Quyết định số 2232/QĐ-TTg", Date(2020, 12, 28), "Thủ tướng Chính phủ",
              "phê duyệt Chương trình “Phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2021-2025”"},
             {"Kế hoạch số 50/KH-UBND", Date(2021, 2, 24), "UBND tỉnh Hà Tĩnh",
              "thực hiện Chương trình “Phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2021 - 2025” trên địa "
              "bàn tỉnh Hà Tĩnh"}};
  c.purposes = {
      "Triển khai thực hiện thống nhất, đồng bộ, hiệu quả các hoạt động phòng ngừa và ứng phó với bạo lực trên cơ sở "
      "giới tại các cơ quan, ban, ngành và địa phương trên địa bàn toàn huyện nhằm đạt được các mục tiêu của Chương "
      "trình “Phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2021 - 2025” được phê duyệt tại Quyết định số "
      "2232/QĐ-TTg ngày 28/12/2020 của Thủ tướng Chính phủ."};
  c.requirements = {
      "Xác định cụ thể nội dung công việc, tiến độ, trách nhiệm chủ trì và phối hợp thực hiện của các cơ quan, đơn vị, "
      "địa phương trong việc triển khai thực hiện nhằm đảm bảo tính hiệu quả, liên tục, liên kết giữa các nhiệm vụ, hoạt "
      "động thuộc Chương trình phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2021 - 2025."};
  c.objective =
      "Tiếp tục thực hiện hiệu quả công tác phòng ngừa, ứng phó với bạo lực trên cơ sở giới, ngăn chặn sự gia tăng của "
      "tình trạng này thông qua việc nâng cao nhận thức của các tầng lớp nhân dân và phát triển, tăng cường khả năng đáp "
      "ứng của các cơ sở cung cấp dịch vụ phòng ngừa, ứng phó với bạo lực trên cơ sở giới.";
  c.targets = {{"Tỷ lệ người bị bạo lực trên cơ sở giới tìm kiếm sự trợ giúp từ cơ quan cung cấp dịch vụ",
                "%",
                {{2023, ">=", 40}, {2025, ">=", 50}},
                "qd2232_sought_help"},
               {"Tỷ lệ trường hợp có nhu cầu trợ giúp về bạo lực trên cơ sở giới được trợ giúp bằng các hình thức khác "
                "nhau",
                "%",
                {{2023, ">=", 90}, {2025, ">=", 100}},
                "qd2232_supported"}};
  c.budget_sources = {
      {"state_budget",
       "Ngân sách nhà nước bố trí trong dự toán ngân sách hàng năm của các địa phương; các chương trình, đề án liên quan "
       "theo quy định của pháp luật về ngân sách nhà nước"},
      {"international", "Tài trợ, viện trợ quốc tế"},
      {"mobilised", "Huy động từ xã hội, cộng đồng"},
      {"other_lawful", "Các nguồn hợp pháp khác"}};
  c.budget_note =
      "Các phòng, ngành, đoàn thể, cơ quan, đơn vị, địa phương lập dự toán ngân sách hàng năm để thực hiện Chương trình "
      "và quản lý, sử dụng kinh phí theo quy định của pháp luật về ngân sách nhà nước.";
  c.recipients = {{"Sở Lao động - TB và XH", ""},
                  {"Thường trực Huyện ủy", ""},
                  {"Thường trực HĐND huyện", ""},
                  {"Chủ tịch, các PCT UBND huyện", ""},
                  {"Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị xã hội huyện", ""},
                  {"Trưởng Đoàn công tác chỉ đạo cơ sở", ""},
                  {"Các phòng, ngành, đơn vị cấp huyện", ""},
                  {"Các Đồn biên phòng trên địa bàn", ""},
                  {"Chánh, Phó VP HĐND và UBND huyện", ""},
                  {"Các Doanh nghiệp, HTX trên địa bàn huyện", ""},
                  {"Đảng ủy, UBND các xã, thị trấn", ""},
                  {"Lưu: VT, LĐTBXH", ""}};
  c.closing =
      "Trên đây là Kế hoạch thực hiện Chương trình “Phòng ngừa và ứng phó với bạo lực trên cơ sở giới giai đoạn 2021 - "
      "2025”, yêu cầu các phòng, ngành, cơ quan, đơn vị và các địa phương nghiêm túc triển khai thực hiện./.";

  const Date end = *p.period_end;
  std::vector<Activity> a = {
      Key("Truyền thông nâng cao nhận thức, trách nhiệm về phòng ngừa và ứng phó với bạo lực trên cơ sở giới",
          {"Tăng cường truyền thông trên các phương tiện thông tin, các hội nghị nhằm nâng cao trách nhiệm của các cấp ủy "
           "Đảng, chính quyền, các ngành, đoàn thể các cấp, tổ chức và cá nhân trong phòng ngừa, ứng phó với bạo lực trên "
           "cơ sở giới.",
           "Đa dạng hóa các loại hình, hoạt động truyền thông trực tiếp và trực tuyến cho phù hợp với từng nhóm đối "
           "tượng, vùng miền và điều kiện phát triển kinh tế - xã hội của địa phương; chú trọng sự tham gia của những "
           "người có uy tín trong cộng đồng, nam giới, thanh thiếu niên nhằm tạo sự thay đổi trong xã hội; tăng cường ứng "
           "dụng công nghệ thông tin, mạng xã hội (facebook, zalo..) trong truyền thông xóa bỏ bạo lực trên cơ sở giới.",
           "Thực hiện có hiệu quả các hoạt động truyền thông nhằm nâng cao nhận thức về bình đẳng giới và phòng ngừa bạo "
           "lực trên cơ sở giới cho người dân trong cộng đồng thông qua các hình thức như: hội thi kiến thức, kỹ năng, "
           "tranh biện, giao lưu nghệ thuật, các hoạt động thể thao, văn nghệ quần chúng, truyền thông trên các phương "
           "tiện thông tin đại chúng, mạng xã hội v.v…",
           "Mở rộng các hoạt động truyền thông nhằm thay đổi hành vi và trang bị các kiến thức, kỹ năng cần thiết cho "
           "người bị bạo lực, người có nguy cơ bị bạo lực, người gây bạo lực và người có nguy cơ gây bạo lực như: hội "
           "thảo, tọa đàm, tập huấn, hội thi kiến thức, kỹ năng, thảo luận nhóm, tư vấn hỗ trợ cá nhân trực tiếp hoặc "
           "gián tiếp v.v…",
           "Tăng cường công tác truyền thông, phòng ngừa thông qua các hoạt động tuyên truyền trực tiếp tại cộng đồng, "
           "tập trung ở các khu vực xã miền núi, vùng sâu, vùng xa, địa phương có điều kiện phát triển kinh tế - xã hội "
           "khó khăn, xã biên giới còn tồn tại nhiều định kiến giới; các hoạt động tuyên truyền mang tính tương tác cao "
           "tại các cơ quan, tổ chức chính trị xã hội, doanh nghiệp, trường học trên địa bàn.",
           "Xây dựng mạng lưới người có ảnh hưởng trong xã hội để truyền tải thông điệp về phòng ngừa và ứng phó với bạo "
           "lực trên cơ sở giới; biểu dương, tôn vinh những tấm gương tiêu biểu trong công tác phòng ngừa, ứng phó với "
           "bạo lực trên cơ sở giới.",
           "Tuyên truyền về các mô hình, các dịch vụ về phòng ngừa và ứng phó với bạo lực trên cơ sở giới tại cộng đồng "
           "để người dân biết.",
           "Biên soạn và phát hành, xuất bản, nhân bản các tài liệu, sản phẩm truyền thông về phòng ngừa, ứng phó với "
           "bạo lực trên cơ sở giới.",
           "Xây dựng các phương án, giải pháp truyền thông phù hợp trong các trường hợp đặc biệt như dịch bệnh, thiên tai "
           "trên diện rộng; chú trọng công tác truyền thông, phòng ngừa, ứng phó và giải quyết bạo lực trên cơ sở giới ở "
           "các vùng dịch bệnh, thiên tai và các khu vực cách ly."},
          end),
      Key("Duy trì, nhân rộng và nâng cao hiệu quả các mô hình, cơ sở cung cấp dịch vụ phòng ngừa, ứng phó với bạo lực "
          "trên cơ sở giới",
          {"Đối với các mô hình đã được thành lập tại cộng đồng như: mô hình phòng chống bạo lực trên cơ sở giới, mô hình "
           "truyền thông về bình đẳng giới, mô hình địa chỉ tin cậy - nhà tạm lánh ở cộng đồng, mô hình Trường học an "
           "toàn, thân thiện, không bạo lực và các mô hình liên quan đang được triển khai cần tập trung thực hiện các "
           "nhiệm vụ sau:",
           "+ Rà soát, đánh giá hiệu quả của các mô hình để có phương án hỗ trợ hoạt động và mở rộng phạm vi theo hướng "
           "tăng đối tượng tham gia, tăng lợi ích của các dịch vụ, đảm bảo tính sẵn sàng hỗ trợ các nhóm đối tượng liên "
           "quan khi có nhu cầu được trợ giúp.",
           "+ Tăng cường các hình thức tuyên truyền về mô hình để người dân biết và sử dụng dịch vụ khi có nhu cầu.",
           "+ Nhân rộng ra các địa bàn khác và đồng thời tổ chức các hoạt động tham quan, học tập, chia sẻ kinh nghiệm "
           "giữa các địa phương triển khai mô hình.",
           "+ Nâng cao chất lượng hoạt động của mô hình thông qua các hoạt động đào tạo, bồi dưỡng nghiệp vụ cho đội ngũ "
           "cán bộ, cộng tác viên nòng cốt; thi đua, khen thưởng, biểu dương bằng nhiều hình thức phong phú, phù hợp với "
           "điều kiện của cơ quan, đơn vị, địa phương."},
          end),
      Key("Đào tạo, bồi dưỡng nâng cao năng lực cho cán bộ, công chức phụ trách bình đẳng giới, nhân viên, cộng tác viên "
          "và phóng viên",
          {"Tổ chức các khóa tập huấn kiến thức, kỹ năng về bình đẳng giới và phòng chống bạo lực trên cơ sở giới:",
           "+ Kiến thức chung về phòng ngừa ứng phó với bạo lực trên cơ sở giới cho cán bộ, công chức làm công tác bình "
           "đẳng giới và vì sự tiến bộ của phụ nữ.",
           "+ Kiến thức, kỹ năng cho cán bộ, cộng tác viên tham gia triển khai các mô hình liên quan tại các cơ quan, đơn "
           "vị, địa phương.",
           "+ Tập huấn giảng viên nguồn về một số kiến thức, kỹ năng chuyên sâu liên quan hỗ trợ nạn nhân bị bạo lực, "
           "người gây bạo lực.",
           "+ Kiến thức, kỹ năng dành cho người cung cấp dịch vụ bao gồm: hỗ trợ khẩn cấp khi có bạo lực xảy ra; điều "
           "phối, kết nối dịch vụ và chuyển tuyến; tư vấn, tham vấn; quản lý ca; kiến thức, kỹ năng làm việc với người "
           "gây bạo lực.",
           "+ Kiến thức, kỹ năng dành cho người bị bạo lực, người có nguy cơ bị bạo lực và người gây bạo lực, người có "
           "nguy cơ gây bạo lực.",
           "+ Nâng cao năng lực, định hướng truyền thông về bình đẳng giới cho đội ngũ phóng viên báo chí và những người "
           "làm truyền thông về lĩnh vực bình đẳng giới và vì sự tiến bộ của phụ nữ.",
           "Tổ chức hội nghị, hội thảo, toạ đàm, đối thoại chính sách, nói chuyện chuyên đề, tham quan, học tập, chia sẻ "
           "kinh nghiệm giữa các địa phương, cơ sở cung cấp dịch vụ phòng ngừa và ứng phó bạo lực trên cơ sở giới."},
          end),
      Key("Tăng cường thanh tra, kiểm tra trong công tác phòng ngừa và ứng phó với bạo lực trên cơ sở giới",
          {"Tổ chức các đoàn kiểm tra liên ngành công tác phòng ngừa và ứng phó với bạo lực trên cơ sở giới định kỳ hoặc "
           "đột xuất với sự tham gia của đại diện như: Công an, Tư pháp, Lao động - Thương binh và Xã hội, Văn hóa, Hội "
           "phụ nữ, Hội nông dân, Liên đoàn Lao động v.v...",
           "Kiểm tra, xác minh khi có thông tin về vụ việc bạo lực trên cơ sở giới xảy ra trong phạm vi cơ quan, tổ chức, "
           "địa phương và kiến nghị cơ quan có thẩm quyền liên quan xử lý vi phạm pháp luật đối với người gây bạo lực và "
           "bảo vệ, hỗ trợ nạn nhân bị bạo lực."},
          end),
      Key("Huy động nguồn lực của các cơ quan, doanh nghiệp, tổ chức trong nước và quốc tế",
          {"Đẩy mạnh việc huy động các nguồn lực để triển khai Kế hoạch, tăng cường xã hội hóa các hoạt động truyền thông "
           "và hỗ trợ nạn nhân bị xâm hại, bị bạo lực, bị mua bán, phụ nữ và trẻ em có hoàn cảnh khó khăn."},
          end),
      Assign(ldtbxh, {},
             "Phòng Lao động - Thương binh và Xã hội: chủ trì tổ chức thực hiện; hướng dẫn mô hình; tập huấn; kiểm tra, "
             "tổng hợp báo cáo",
             {"Chủ trì, phối hợp với các phòng, ngành, đơn vị có liên quan, Ủy ban nhân dân các xã, thị trấn tổ chức thực "
              "hiện các hoạt động theo Kế hoạch.",
              "Hướng dẫn các địa phương thực hiện các mô hình phòng ngừa và ứng phó với bạo lực trên cơ sở giới. Chủ trì, "
              "phối hợp với các cơ quan có liên quan, các địa phương triển khai thí điểm các mô hình của Kế hoạch này (nếu "
              "có).",
              "Xây dựng kế hoạch tập huấn, đào tạo, bồi dưỡng nâng cao năng lực cho đội ngũ cán bộ, công chức phụ trách "
              "công tác bình đẳng giới và nhân viên, cộng tác viên tham gia triển khai các hoạt động phòng ngừa, ứng phó "
              "với bạo lực trên cơ sở giới, đội ngũ phóng viên báo chí và những người làm truyền thông về lĩnh vực bình "
              "đẳng giới và phòng chống bạo lực trên cơ sở giới.",
              "Tăng cường trách nhiệm phối hợp liên ngành trong triển khai, thực hiện Kế hoạch; kiểm tra, đôn đốc các "
              "phòng, ngành, địa phương thực hiện Kế hoạch; tổng hợp kết quả thực hiện, báo cáo UBND huyện và Sở Lao động "
              "- Thương binh và Xã hội theo quy định."},
             end),
      Assign(finance, {}, "Phòng Tài chính - Kế hoạch: tham mưu bảo đảm kinh phí thực hiện Kế hoạch",
             {"Tham mưu Ủy ban nhân dân huyện đảm bảo kinh phí thực hiện Kế hoạch theo phân cấp của Luật Ngân sách Nhà "
              "nước và các văn bản hướng dẫn thi hành."},
             end),
      Assign(justice, {}, "Phòng Tư pháp: trợ giúp pháp lý cho nạn nhân bị bạo lực trên cơ sở giới",
             {"Tăng cường thực hiện trợ giúp pháp lý cho nạn nhân bị bạo lực trên cơ sở giới theo quy định của Luật Trợ "
              "giúp pháp lý và các văn bản hướng dẫn thi hành."},
             end),
      Assign(health, {ldtbxh, ttyt},
             "Phòng Y tế: chỉ đạo cơ sở khám bệnh, chữa bệnh tiếp nhận, hỗ trợ nạn nhân; truyền thông về mất cân bằng "
             "giới tính khi sinh",
             {"Tiếp tục chỉ đạo, hướng dẫn và tăng cường kiểm tra các cơ sở khám bệnh, chữa bệnh về việc tiếp nhận, chăm "
              "sóc y tế, tư vấn tâm lý và hỗ trợ đối với người bệnh là nạn nhân bạo lực gia đình, bạo lực trên cơ sở giới "
              "tại cơ sở khám bệnh, chữa bệnh.",
              "Chủ trì phối hợp với Phòng Lao động - Thương binh và Xã hội, Trung tâm Y tế huyện đẩy mạnh truyền thông về "
              "bình đẳng giới trong triển khai kế hoạch thực hiện Đề án kiểm soát mất cân bằng giới tính khi sinh hàng năm "
              "và giai đoạn."},
             end),
      Assign(vhtt, {ldtbxh},
             "Phòng Văn hóa - Thông tin: tuyên truyền bình đẳng giới trong phòng, chống bạo lực gia đình; chiến dịch "
             "truyền thông; tập huấn",
             {"Thực hiện tuyên truyền về bình đẳng giới trong triển khai công tác phòng, chống bạo lực gia đình.",
              "Chỉ đạo, hướng dẫn UBND các xã, thị trấn tổ chức chiến dịch truyền thông trong Tháng hành động quốc gia về "
              "phòng, chống bạo lực gia đình, Ngày quốc tế xóa bỏ bạo lực với phụ nữ và trẻ em gái.",
              "Chỉ đạo, hướng dẫn thực hiện công tác truyền thông về bình đẳng giới, phòng ngừa và ứng phó với bạo lực "
              "trên cơ sở giới trên các phương tiện truyền thông đại chúng.",
              "Phối hợp với Phòng Lao động - Thương binh và Xã hội tổ chức tập huấn nâng cao năng lực cho đội ngũ làm công "
              "tác truyền thông về lĩnh vực bình đẳng giới từ huyện và cơ sở."},
             end),
      Assign(gddt, {}, "Phòng Giáo dục và Đào tạo: môi trường giáo dục an toàn, phòng, chống bạo lực học đường",
             {"Triển khai các giải pháp để bảo đảm môi trường giáo dục an toàn, lành mạnh, thân thiện, phòng, chống bạo lực "
              "học đường trong cơ sở giáo dục công lập và dân lập thuộc phạm vi quản lý; thực hiện lồng ghép các hoạt động "
              "tuyên truyền về phòng ngừa và ứng phó với bạo lực trên cơ sở giới trong thực hiện phong trào xây dựng "
              "trường học thân thiện, học sinh tích cực, không để xảy ra tình trạng bạo lực học đường."},
             end),
      Assign(police, {court, procuracy},
             "Công an huyện: phát hiện sớm, can thiệp, xử lý các vụ bạo lực trên cơ sở giới; bảo vệ nạn nhân",
             {"Công an huyện chỉ đạo, hướng dẫn lực lượng công an cấp xã, thị trấn chủ trì phối hợp với Tòa án nhân dân "
              "huyện, Viện Kiểm sát nhân dân huyện; các phòng, ngành, cơ quan, đơn vị liên quan phát hiện sớm, can thiệp "
              "và xử lý kịp thời các vụ bạo lực trên cơ sở giới, môi giới hôn nhân bất hợp pháp và bảo vệ nạn nhân; phòng, "
              "chống tội phạm xâm hại trẻ em, tội phạm mua bán người.",
              "Phối hợp chặt chẽ giữa các cơ quan trong việc xử lý kịp thời, nghiêm minh các hành vi bạo lực đối với phụ "
              "nữ và trẻ em, bạo lực trên cơ sở giới theo quy định."},
             end),
      Assign(ttvh, {}, "Trung tâm Văn hóa - Truyền thông: chuyên đề truyền thông, tăng thời lượng phát sóng và bài viết",
             {"Phối hợp các đơn vị liên quan xây dựng các chuyên đề truyền thông về bình đẳng giới, phòng chống bạo lực "
              "trên cơ sở giới, tăng thời lượng phát sóng, số lượng bài viết và nâng cao chất lượng tuyên truyền về bình "
              "đẳng giới, phòng chống bạo lực trên cơ sở giới trong các chương trình, chuyên mục; đăng tin các gương điển "
              "hình tiên tiến thực hiện tốt về bình đẳng giới và phòng chống bạo lực trên cơ sở giới, phê phán, lên án "
              "những hành vi bạo hành đối với phụ nữ và trẻ em."},
             end),
      Assign(front, {},
             "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị xã hội huyện: tuyên truyền; kiểm tra, giám "
             "sát, phản biện xã hội",
             {"Trong phạm vi, chức năng, nhiệm vụ của mình tham gia triển khai các hoạt động tuyên truyền đến thành viên, "
              "hội viên và toàn thể nhân dân về nội dung Kế hoạch; Kiểm tra, giám sát, phản biện xã hội về công tác triển "
              "khai, tổ chức thực hiện Kế hoạch."},
             end),
      Assign(labour, {},
             "Đề nghị Liên đoàn Lao động huyện: phòng, chống quấy rối tình dục tại nơi làm việc",
             {"Tổ chức các hoạt động tuyên truyền, nâng cao nhận thức về phòng ngừa và ứng phó với bạo lực trên cơ sở giới, "
              "đặc biệt là phòng, chống quấy rối tình dục tại nơi làm việc cho cán bộ, công chức, viên chức, người lao "
              "động; khuyến khích công đoàn cơ sở phối hợp cùng cơ quan chuyên môn áp dụng hướng dẫn về phòng ngừa và ứng "
              "phó với bạo lực trên cơ sở giới ở nơi làm việc."},
             end),
      Assign(0, {},
             "Ủy ban nhân dân các xã, thị trấn: xây dựng kế hoạch, bố trí ngân sách; nhân rộng mô hình “địa chỉ tin cậy - "
             "nhà tạm lánh cộng đồng”",
             {"Xây dựng kế hoạch, bố trí ngân sách địa phương bảo đảm cho việc thực hiện các hoạt động của Kế hoạch.",
              "Tổ chức thực hiện Kế hoạch, tăng cường công tác phòng, chống bạo lực, xâm hại phụ nữ và trẻ em tại gia đình "
              "và cộng đồng; có biện pháp ngăn chặn kịp thời, xử lý nghiêm các hành vi bạo lực trên cơ sở giới.",
              "Nhân rộng mô hình “địa chỉ tin cậy - nhà tạm lánh cộng đồng”, triển khai các hoạt động can thiệp, hỗ trợ "
              "nạn nhân bị bạo lực gia đình và phòng ngừa bạo lực gia đình trên địa bàn.",
              "Tổ chức các hoạt động tuyên truyền, vận động người dân thực hiện bình đẳng giới, không phân biệt đối xử với "
              "phụ nữ và trẻ em gái; đặc biệt, tăng cường thời lượng phát thanh trên hệ thống truyền thanh xã, thôn về chủ "
              "đề bình đẳng giới và phòng, chống bạo lực trên cơ sở giới."},
             end),
  };
  return plans.CreateBySystem(p, a);
}

// Records progress the way an agency would, through the service.
void Progress(PlansService& plans, const Caller& system, Id activity, ActivityStatus status, const std::string& note,
              std::optional<Date> completed_on) {
  auto current = plans.GetActivity(system, activity);
  if (!current.ok()) return;
  ActivityPatch patch;
  patch.version = current->activity.version;
  patch.status = status;
  patch.progress_note = note;
  if (completed_on) patch.completed_on = completed_on;
  auto done = plans.UpdateActivity(system, activity, patch);
  if (!done.ok()) spdlog::warn("demo plans: progress of activity {}: {}", activity, done.error().message.vi);
}

// Derives commune plans of Tam Đường in different states: issued and on track, issued and
// late, a draft; the other communes have not derived theirs.
void DeriveCommunePlans(PlansService& plans, const Caller& system, const UnitFinder& units, Id tam_duong,
                        const Plan& district_plan) {
  const auto communes = units.Communes(tam_duong);
  struct Demo {
    bool issue;
    Date issued_on;
    int done;  // activities to mark done
  };
  const Demo demos[] = {{true, Date(2024, 11, 18), 100}, {true, Date(2024, 11, 22), 3}, {false, Date(), 0}};
  for (size_t i = 0; i < communes.size() && i < std::size(demos); ++i) {
    auto derived = plans.Derive(system, district_plan.id, communes[i]);
    if (!derived.ok()) {
      spdlog::warn("demo plans: derive for unit {}: {}", communes[i], derived.error().message.vi);
      continue;
    }
    if (!demos[i].issue) continue;
    auto issued = plans.Issue(system, derived->id, {derived->version, std::nullopt, demos[i].issued_on});
    if (!issued.ok()) continue;
    auto activities = plans.Activities(system, derived->id);
    if (!activities.ok()) continue;
    int n = 0;
    for (const auto& a : *activities) {
      if (n++ >= demos[i].done) break;
      Progress(plans, system, a.id, ActivityStatus::kDone, "Đã thực hiện", a.due_date.value_or(demos[i].issued_on));
    }
  }
}
}  // namespace

Status SeedDemoPlans(storage::Store& store, UnitDirectory& directory) {
  directory.Reload();
  auto tree = directory.Tree();
  const UnitFinder units(*tree, Date(2024, 11, 15));
  const Id lai_chau = units.Find(domain::UnitKind::kProvince, "Tỉnh Lai Châu");
  const Id tam_duong = units.Find(domain::UnitKind::kDistrict, "Huyện Tam Đường", lai_chau);
  const Id ha_tinh = units.Find(domain::UnitKind::kProvince, "Tỉnh Hà Tĩnh");
  const Id huong_khe = units.Find(domain::UnitKind::kDistrict, "Huyện Hương Khê", ha_tinh);
  if (!lai_chau || !tam_duong || !ha_tinh || !huong_khe) {
    spdlog::warn("demo plans: units of the seed documents not found; no demo plans");
    return Ok();
  }
  // The agencies the Hương Khê plan assigns work to.
  if (!units.Agency(huong_khe, "Phòng Tài chính - Kế hoạch")) {
    {
      auto sql = store.Lease();
      storage::Transaction tx(*sql, store);
      storage::UnitsRepo repo(*sql);
      std::vector<std::pair<const char*, const char*>> missing;
      for (const auto& agency : kHuongKheAgencies) {
        if (!units.Agency(huong_khe, agency.first)) missing.push_back(agency);
      }
      InsertAgencies(repo, *tree->Find(huong_khe), missing);
      storage::BumpCounter(*sql, kUnitsRevision);
      tx.Commit();
    }
    // The lease is returned first: the reload takes one of its own (one lease a thread).
    directory.Reload();
    tree = directory.Tree();
  }
  const UnitFinder fresh(*tree, Date(2024, 11, 15));
  PlansService plans(store, directory);
  const Caller system = SeedCaller();
  BD_ASSIGN_OR_RETURN(Plan province, LaiChauPlan(plans, lai_chau));
  BD_ASSIGN_OR_RETURN(Plan district, TamDuongPlan(plans, fresh, tam_duong, province));
  BD_ASSIGN_OR_RETURN(Plan huong_khe_plan, HuongKhePlan(plans, fresh, huong_khe));
  (void)huong_khe_plan;
  // Agencies' progress on the district plan: the labour office is done, the police under way,
  // the others have not reported (and are overdue).
  BD_ASSIGN_OR_RETURN(auto activities, plans.Activities(system, district.id));
  for (const auto& a : activities) {
    if (a.lead_unit_id == fresh.Agency(tam_duong, "Phòng Lao động - Thương binh và Xã hội")) {
      Progress(plans, system, a.id, ActivityStatus::kDone, "Đã treo băng rôn tại các tuyến đường chính; tổng hợp báo cáo",
               Date(2024, 12, 12));
    } else if (a.lead_unit_id == fresh.Agency(tam_duong, "Công an huyện")) {
      Progress(plans, system, a.id, ActivityStatus::kInProgress, "Đang tuần tra, kiểm tra", std::nullopt);
    }
  }
  DeriveCommunePlans(plans, system, fresh, tam_duong, district);
  return Ok();
}

}  // namespace binhdang::service
