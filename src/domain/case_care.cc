#include "domain/case_care.h"

#include <algorithm>

#include "common/text.h"

namespace binhdang::domain {

namespace {
constexpr size_t kNoteMax = 4000;

void RequireNote(const std::string& note, const char* field, Validator& v) {
  if (text::Length(note) > kNoteMax) {
    v.Fail(field, "Ghi chú dài quá " + std::to_string(kNoteMax) + " ký tự",
           std::string(field) + " is longer than " + std::to_string(kNoteMax) + " characters");
  }
}
}  // namespace

Date AddMonths(Date d, int months) {
  int m0 = d.year() * 12 + (d.month() - 1) + months;
  const int year = m0 / 12, month = m0 % 12 + 1;
  return Date(year, month, std::min(d.day(), DaysInMonth(year, month)));
}

MeasureClock ClockOf(const Measure& m, int64_t now_ms) {
  MeasureClock c;
  if (m.type == "no_contact" && m.authority == "commune_chairman") {
    c.decision_due_ms = m.requested_ms + kNoContactDecisionMs;
    if (m.decided_ms) {
      c.decided_late = *m.decided_ms > *c.decision_due_ms;
    } else {
      c.decision_overdue = m.status == "requested" && now_ms > *c.decision_due_ms;
    }
    // "Không quá 03 ngày": the day it starts and the two after it.
    if (m.starts_on) c.max_ends_on = m.starts_on->AddDays(kNoContactChairmanMaxDays - 1);
  } else if (m.type == "no_contact" && m.authority == "court") {
    if (m.starts_on) c.max_ends_on = AddMonths(*m.starts_on, kNoContactCourtMaxMonths).AddDays(-1);
  }
  c.expired = m.status == "in_force" && m.ends_on && *m.ends_on < Date::InVietnam(now_ms);
  return c;
}

void ValidateMeasure(const Measure& m, int64_t now_ms, Validator& v) {
  RequireCode(kMeasureTypes, m.type, "type", v);
  RequireCode(kMeasureAuthorities, m.authority, "authority", v);
  RequireCode(kMeasureStatuses, m.status, "status", v);
  RequireNote(m.note, "note", v);
  if (m.type == "no_contact" && m.authority != "commune_chairman" && m.authority != "court") {
    v.Fail("authority",
           "Quyết định cấm tiếp xúc do Chủ tịch Ủy ban nhân dân cấp xã hoặc Tòa án ban hành "
           "(Luật Phòng, chống bạo lực gia đình 2022, Điều 23)",
           "a no-contact order is decided by the commune chairman or a court");
  }
  if (m.requested_ms > now_ms + 60'000) {
    v.Fail("requested_at", "Thời điểm đề nghị không được ở tương lai",
           "requested_at is in the future");
  }
  if (m.decided_ms) {
    if (*m.decided_ms < m.requested_ms) {
      v.Fail("decided_at", "Thời điểm quyết định phải sau thời điểm đề nghị",
             "decided_at must be after requested_at");
    } else if (*m.decided_ms > now_ms + 60'000) {
      v.Fail("decided_at", "Thời điểm quyết định không được ở tương lai",
             "decided_at is in the future");
    }
  }
  const bool decided = m.status == "in_force" || m.status == "ended";
  if (decided && !m.decided_ms) {
    v.Fail("decided_at", "Biện pháp đang áp dụng cần có thời điểm quyết định",
           "a measure in force needs decided_at");
  }
  if (decided && !m.starts_on) {
    v.Fail("starts_on", "Cần ngày bắt đầu áp dụng", "starts_on is required");
  }
  if (m.status == "requested" && m.decided_ms) {
    v.Fail("status", "Đã có quyết định thì trạng thái không còn là chờ quyết định",
           "a decided measure is no longer requested");
  }
  if (m.type == "no_contact" && decided && !m.ends_on) {
    v.Fail("ends_on", "Quyết định cấm tiếp xúc phải có thời hạn (ngày kết thúc)",
           "a no-contact order needs ends_on");
  }
  if (m.starts_on && m.ends_on && *m.ends_on < *m.starts_on) {
    v.Fail("ends_on", "Ngày kết thúc phải từ ngày bắt đầu trở đi",
           "ends_on must not precede starts_on");
    return;
  }
  const MeasureClock clock = ClockOf(m, now_ms);
  if (clock.max_ends_on && m.ends_on && *m.ends_on > *clock.max_ends_on) {
    if (m.authority == "commune_chairman") {
      v.Fail("ends_on",
             "Cấm tiếp xúc theo quyết định của Chủ tịch Ủy ban nhân dân cấp xã không quá 03 ngày "
             "mỗi lần (Luật Phòng, chống bạo lực gia đình 2022, Điều 23): muộn nhất đến ngày " +
                 clock.max_ends_on->Vietnamese(),
             "a no-contact order by the commune chairman lasts at most 3 days");
    } else {
      v.Fail("ends_on",
             "Cấm tiếp xúc theo quyết định của Tòa án không quá 04 tháng (Luật Phòng, chống bạo "
             "lực gia đình 2022, Điều 23): muộn nhất đến ngày " +
                 clock.max_ends_on->Vietnamese(),
             "a no-contact order by a court lasts at most 4 months");
    }
  }
}

void ValidateReferral(const Referral& r, bool by_supervisor, Date today, Validator& v) {
  RequireCode(kReferralStatuses, r.status, "status", v);
  if (r.consent) {
    if (!r.consent_on) {
      v.Fail("consent_on", "Cần ghi ngày người bị bạo lực đồng ý chuyển gửi",
             "consent_on is required with consent");
    } else if (*r.consent_on > today) {
      v.Fail("consent_on", "Ngày đồng ý không được ở tương lai", "consent_on is in the future");
    }
    if (!r.override_reason.empty()) {
      v.Fail("override_reason", "Đã có sự đồng ý thì không cần lý do chuyển gửi không đồng ý",
             "override_reason is only for referrals without consent");
    }
    return;
  }
  if (!by_supervisor) {
    v.Fail(
        "consent",
        "Chỉ chuyển gửi khi người bị bạo lực đã đồng ý sau khi được giải thích; nếu không có sự "
        "đồng ý, giám sát viên của vụ việc mới được quyết định chuyển gửi, kèm lý do bằng văn bản",
        "a referral needs the survivor's informed consent, unless a case supervisor overrides "
        "with a written reason");
  } else if (text::Length(text::Trim(r.override_reason)) < kOverrideReasonMin) {
    v.Fail("override_reason",
           "Chuyển gửi không có sự đồng ý cần lý do bằng văn bản (ít nhất " +
               std::to_string(kOverrideReasonMin) + " ký tự)",
           "a referral without consent needs a written reason");
  }
  RequireNote(r.override_reason, "override_reason", v);
}

void ValidateFollowup(const Followup& f, Date today, Validator& v) {
  RequireNote(f.note, "note", v);
  if (f.done_on && *f.done_on > today) {
    v.Fail("done_on", "Ngày thực hiện không được ở tương lai", "done_on is in the future");
  }
  if (f.due_on.year() < 2000 || f.due_on > today.AddDays(3660)) {
    v.Fail("due_on", "Ngày hẹn theo dõi không hợp lệ", "due_on is out of range");
  }
}

}  // namespace binhdang::domain
