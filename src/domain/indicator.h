// Indicators (chỉ số) and targets (chỉ tiêu). An indicator is a ratio of two expressions over
// data elements — `#{action_month_results.activities.people.female} / #{...people}` — times a
// factor (100 for a percentage), rounded to some decimals. A target asks that an indicator of
// a unit reach a value by a year (">= 50" by 2025), as Quyết định 2232/QĐ-TTg and Nghị quyết
// 28/NQ-CP set them, or as a plan does. Pure code: parsing, evaluation and a target's status.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/ids.h"
#include "common/result.h"

namespace binhdang::domain {

//! A data element of an expression, with an optional category option: `#{e}` or
//! `#{e.female}` / `#{e.male}` (the element's values of one sex).
struct Operand {
  std::string element;  // "<template>.<table>.<column>" or "cases.<table>.<column>"
  std::string sex;      // "" (all), "male" or "female"
  bool operator==(const Operand&) const = default;
};

//! An arithmetic expression over operands and numbers: + - * /, parentheses, unary minus.
class Expression {
 public:
  //! Parses `text` (at most kMaxLength bytes, nesting at most 32). kInvalidArgument naming
  //! `field` with the position of the first error.
  static Result<Expression> Parse(std::string_view text, const std::string& field);
  //! The operands, each once, in order of first appearance.
  const std::vector<Operand>& operands() const { return operands_; }
  //! The value, given each operand's (by index into operands(); nullopt: no data, read as 0).
  //! nullopt when every operand lacks data, or on division by zero.
  std::optional<double> Evaluate(const std::function<std::optional<double>(size_t)>& value) const;

  static constexpr size_t kMaxLength = 2000;
  struct Node;

 private:
  std::shared_ptr<const Node> root_;
  std::vector<Operand> operands_;
};

struct Indicator {
  Id id = 0;
  std::string code;  // a-z, 0-9, _ ; 2..64 characters
  std::string name;
  std::string numerator;
  std::string denominator;  // "" or "1": no denominator
  double factor = 1;
  int decimals = 1;  // 0..4
  std::string source;
  bool built_in = false;
  long long version = 1;
};

//! Checks the fields and parses both expressions; `element_known(operand)` says whether an
//! operand names a data element (and a sex its element is split by). Field errors name the
//! field ("numerator") and the unknown element.
Status ValidateIndicator(const Indicator& in,
                         const std::function<bool(const Operand&)>& element_known);

//! The indicator's value from its numerator's and denominator's values: null when either is,
//! or the denominator is 0; else numerator / denominator × factor rounded to `decimals`.
std::optional<double> IndicatorValue(const Indicator& in, std::optional<double> numerator,
                                     std::optional<double> denominator);

enum class Comparator { kAtLeast, kAtMost, kEqual };
std::string_view ComparatorSymbol(Comparator c);  // ">=", "<=", "="
std::optional<Comparator> ParseComparator(std::string_view s);
bool Satisfies(double value, Comparator c, double target);

struct IndicatorTarget {
  Id id = 0;
  Id indicator_id = 0;
  Id unit_id = 0;
  int year = 0;
  Comparator comparator = Comparator::kAtLeast;
  double value = 0;
  std::string source;  // "Quyết định 2232/QĐ-TTg", a plan's number
  std::optional<Id> plan_id;
  bool built_in = false;
  long long version = 1;
};

enum class TargetStatus { kMet, kOnTrack, kAtRisk, kMissed, kNoData };
std::string_view TargetStatusName(TargetStatus s);   // "met", "on_track", ...
std::string_view TargetStatusLabel(TargetStatus s);  // "Đạt", "Đúng tiến độ", ...

//! One year's value of a target's indicator (nullopt: no data).
struct YearValue {
  int year = 0;
  std::optional<double> value;
};
//! Where a target stands on `this_year` from its indicator's values by year (`trend`, oldest
//! first, years up to the target year): its value is that of the target year, or of the last
//! year with data before it. Met when the value satisfies the target; else missed once the
//! target year is over; else on track when the line through the last two years with data
//! reaches the target by the target year, at risk otherwise; no data without any value.
TargetStatus StatusOf(const IndicatorTarget& t, const std::vector<YearValue>& trend, int this_year,
                      std::optional<double>* value);

}  // namespace binhdang::domain
