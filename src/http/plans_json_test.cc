#include "http/plans_json.h"

#include <gtest/gtest.h>

namespace binhdang::http {
namespace {

storage::Task TaskDue(Id id, std::optional<Date> due, std::string title) {
  storage::Task t;
  t.activity.id = id;
  t.activity.title = std::move(title);
  t.activity.due_date = due;
  t.plan_number = "48/KH-UBND";
  t.plan_title = "Kế hoạch, thử; nghiệm";
  return t;
}

TEST(TasksCalendar, OneAllDayEventPerDatedTask) {
  const std::string ics = TasksCalendar(
      {TaskDue(7, Date(2024, 12, 10), "Báo cáo kết quả"), TaskDue(8, std::nullopt, "Không hạn")},
      "Phòng Lao động - Thương binh và Xã hội", 0);
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(ics.find("UID:activity-7@binhdang\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20241210\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTEND;VALUE=DATE:20241211\r\n"), std::string::npos);
  EXPECT_EQ(ics.find("activity-8"), std::string::npos);  // no due date: not in the calendar
  EXPECT_NE(ics.find("Kế hoạch 48/KH-UBND: Kế hoạch\\, thử\\; nghiệm\\n"), std::string::npos);
  EXPECT_NE(ics.find("END:VCALENDAR\r\n"), std::string::npos);
}

TEST(TasksCalendar, LongLinesAreFoldedWithoutSplittingCharacters) {
  const std::string ics = TasksCalendar(
      {TaskDue(1, Date(2024, 12, 10), std::string(40, 'a') + "ệệệệệệệệệệệệệệệệệệệệệệệệệệệệệệ")},
      "X", 0);
  size_t start = 0;
  while (start < ics.size()) {
    const size_t end = ics.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u) << ics.substr(start, end - start);
    // A continuation line never starts in the middle of a UTF-8 sequence.
    if (ics[start] == ' ' && start + 1 < end) {
      EXPECT_NE(static_cast<unsigned char>(ics[start + 1]) & 0xC0, 0x80);
    }
    start = end + 2;
  }
}

}  // namespace
}  // namespace binhdang::http
