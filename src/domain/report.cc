#include "domain/report.h"

#include "common/text.h"

namespace binhdang::domain {

namespace {
constexpr std::string_view kReportStatusNames[] = {"draft", "submitted", "returned", "accepted"};
constexpr long long kMaxCount = 1'000'000'000'000LL;
}  // namespace

std::string_view ReportStatusName(ReportStatus s) {
  return kReportStatusNames[static_cast<int>(s)];
}

std::optional<ReportStatus> ParseReportStatus(std::string_view s) {
  for (int i = 0; i < 4; ++i)
    if (kReportStatusNames[i] == s) return static_cast<ReportStatus>(i);
  return std::nullopt;
}

bool Report::OnTime() const {
  return Submitted() && submitted_at_ms && Date::InVietnam(*submitted_at_ms) <= due_date;
}

bool CanSubmit(ReportStatus s) { return s == ReportStatus::kDraft || s == ReportStatus::kReturned; }
bool CanReview(ReportStatus s) { return s == ReportStatus::kSubmitted; }
bool CanWithdraw(ReportStatus s) { return s == ReportStatus::kSubmitted; }
bool CanEdit(ReportStatus s) { return s == ReportStatus::kDraft || s == ReportStatus::kReturned; }

Status ValidateReportContent(const ReportTemplate& t,
                             const std::map<std::string, std::string>& sections,
                             const std::vector<ReportRow>& rows) {
  Validator v;
  for (const auto& [key, text] : sections) {
    bool known = false;
    for (const auto& s : t.sections) known = known || s.key == key;
    if (!known)
      v.Fail("sections/" + key, "mục không có trong mẫu báo cáo",
             "no such section in the template");
    else if (text::Length(text) > 20000 || !text::IsCleanUtf8(text))
      v.Fail("sections/" + key, "nội dung dài quá 20.000 ký tự hoặc có ký tự không hợp lệ",
             "text is longer than 20,000 characters or has invalid characters");
  }
  if (rows.size() > 2000) v.Fail("rows", "báo cáo có quá 2.000 dòng", "more than 2,000 rows");
  for (size_t i = 0; i < rows.size() && i < 2000; ++i) {
    const ReportRow& r = rows[i];
    const std::string path = "rows/" + std::to_string(i);
    const TemplateTable* table = t.Table(r.table);
    if (!table) {
      v.Fail(path + "/table", "bảng không có trong mẫu báo cáo", "no such table in the template");
      continue;
    }
    if (!table->Item(r.item)) {
      v.Fail(path + "/item", "nội dung không có trong danh mục của bảng \"" + table->title + "\"",
             "item is not in the table's catalog");
    } else if (r.item == kOtherItem && text::Trim(r.detail).empty()) {
      v.Fail(path + "/detail", "dòng \"khác\" cần ghi rõ nội dung",
             "an \"other\" row needs a detail");
    }
    if (text::Length(r.detail) > 500 || !text::IsCleanUtf8(r.detail))
      v.Fail(path + "/detail", "chi tiết dài quá 500 ký tự",
             "detail is longer than 500 characters");
    if (!IsLevel(r.level))
      v.Fail(path + "/level", "cấp triển khai phải là tinh, huyen hoặc xa",
             "level must be tinh, huyen or xa");
    for (const auto& [col, cell] : r.values) {
      const TemplateColumn* c = table->Column(col);
      if (!c) {
        v.Fail(path + "/values/" + col, "cột không có trong bảng", "no such column in the table");
        continue;
      }
      auto check = [&](long long n, const std::string& where) {
        if (n < 0 || n > kMaxCount)
          v.Fail(where, "số liệu phải là số nguyên không âm", "counts are non-negative integers");
      };
      if (c->by_sex != cell.split) {
        v.Fail(path + "/values/" + col,
               c->by_sex ? "cột \"" + c->name +
                               "\" cần số liệu theo giới tính {\"male\": n, \"female\": n}"
                         : "cột \"" + c->name + "\" cần một số",
               c->by_sex ? "column takes {\"male\": n, \"female\": n}" : "column takes a number");
      } else if (c->by_sex) {
        check(cell.male, path + "/values/" + col + "/male");
        check(cell.female, path + "/values/" + col + "/female");
      } else {
        check(cell.total, path + "/values/" + col);
      }
    }
  }
  if (!v.ok()) return v.ToError();
  return Ok();
}

std::vector<DataValue> DataValuesOf(const ReportTemplate& t, Id unit_id,
                                    const std::vector<ReportRow>& rows) {
  std::vector<DataValue> out;
  for (const auto& r : rows) {
    const TemplateTable* table = t.Table(r.table);
    if (!table) continue;
    for (const auto& c : table->columns) {
      auto it = r.values.find(c.key);
      const CellValue cell = it == r.values.end() ? CellValue{} : it->second;
      if (c.by_sex) {
        out.push_back({unit_id, r.table, r.item, r.level, c.key, "male", cell.male});
        out.push_back({unit_id, r.table, r.item, r.level, c.key, "female", cell.female});
      } else {
        out.push_back({unit_id, r.table, r.item, r.level, c.key, "", cell.total});
      }
    }
  }
  return out;
}

}  // namespace binhdang::domain
