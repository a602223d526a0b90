#include "domain/indicator.h"

#include <cctype>
#include <charconv>
#include <cmath>

namespace binhdang::domain {

struct Expression::Node {
  char op = 0;  // '+', '-', '*', '/', 'n' (number), 'v' (operand), '~' (minus)
  double number = 0;
  size_t operand = 0;
  std::shared_ptr<const Node> left, right;
};

namespace {

class Parser {
 public:
  Parser(std::string_view text, std::vector<Operand>& operands) : s_(text), operands_(operands) {}

  std::shared_ptr<const Expression::Node> Parse() {
    auto n = Sum(0);
    Skip();
    if (!error_.empty()) return nullptr;
    if (pos_ < s_.size()) return Fail("thừa ký tự", "unexpected character");
    return n;
  }
  const std::string& error() const { return error_; }
  const std::string& error_en() const { return error_en_; }
  size_t pos() const { return pos_; }

 private:
  using NodeP = std::shared_ptr<const Expression::Node>;
  NodeP Fail(const char* vi, const char* en) {
    if (error_.empty()) error_ = vi, error_en_ = en;
    return nullptr;
  }
  void Skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  NodeP Make(char op, NodeP l, NodeP r) {
    auto n = std::make_shared<Expression::Node>();
    n->op = op, n->left = std::move(l), n->right = std::move(r);
    return n;
  }
  NodeP Sum(int depth) {
    NodeP l = Product(depth);
    while (l) {
      Skip();
      if (pos_ >= s_.size() || (s_[pos_] != '+' && s_[pos_] != '-')) break;
      const char op = s_[pos_++];
      NodeP r = Product(depth);
      if (!r) return nullptr;
      l = Make(op, l, r);
    }
    return l;
  }
  NodeP Product(int depth) {
    NodeP l = Factor(depth);
    while (l) {
      Skip();
      if (pos_ >= s_.size() || (s_[pos_] != '*' && s_[pos_] != '/')) break;
      const char op = s_[pos_++];
      NodeP r = Factor(depth);
      if (!r) return nullptr;
      l = Make(op, l, r);
    }
    return l;
  }
  NodeP Factor(int depth) {
    if (depth > 32) return Fail("biểu thức lồng nhau quá sâu", "expression nested too deeply");
    Skip();
    if (pos_ >= s_.size()) return Fail("biểu thức chưa hết", "expression ends too early");
    const char c = s_[pos_];
    if (c == '(') {
      ++pos_;
      NodeP n = Sum(depth + 1);
      if (!n) return nullptr;
      Skip();
      if (pos_ >= s_.size() || s_[pos_] != ')') return Fail("thiếu dấu )", "missing )");
      ++pos_;
      return n;
    }
    if (c == '-') {
      ++pos_;
      NodeP n = Factor(depth + 1);
      if (!n) return nullptr;
      return Make('~', n, nullptr);
    }
    if (c == '#') {
      if (pos_ + 1 >= s_.size() || s_[pos_ + 1] != '{')
        return Fail("sau # phải là {", "# must be followed by {");
      const size_t close = s_.find('}', pos_ + 2);
      if (close == std::string_view::npos) return Fail("thiếu dấu }", "missing }");
      std::string name(s_.substr(pos_ + 2, close - pos_ - 2));
      for (char ch : name) {
        if (!(std::islower(static_cast<unsigned char>(ch)) ||
              std::isdigit(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.')) {
          return Fail("tên phần tử dữ liệu chỉ gồm a-z, 0-9, _ và .",
                      "element names use a-z, 0-9, _ and .");
        }
      }
      Operand op;
      // Three parts: an element; four, the last one "male" or "female": an element of one sex.
      size_t dots = 0;
      for (char ch : name) dots += ch == '.';
      if (dots == 3) {
        const size_t last = name.rfind('.');
        op.element = name.substr(0, last);
        op.sex = name.substr(last + 1);
      } else if (dots == 2) {
        op.element = name;
      } else {
        return Fail("phần tử dữ liệu có dạng mẫu.bảng.cột", "an element is template.table.column");
      }
      pos_ = close + 1;
      size_t index = operands_.size();
      for (size_t i = 0; i < operands_.size(); ++i)
        if (operands_[i] == op) index = i;
      if (index == operands_.size()) operands_.push_back(op);
      auto n = std::make_shared<Expression::Node>();
      n->op = 'v', n->operand = index;
      return n;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      size_t end = pos_;
      while (end < s_.size() &&
             (std::isdigit(static_cast<unsigned char>(s_[end])) || s_[end] == '.'))
        ++end;
      double v = 0;
      auto [p, ec] = std::from_chars(s_.data() + pos_, s_.data() + end, v);
      if (ec != std::errc() || p != s_.data() + end || !std::isfinite(v))
        return Fail("số không hợp lệ", "bad number");
      pos_ = end;
      auto n = std::make_shared<Expression::Node>();
      n->op = 'n', n->number = v;
      return n;
    }
    return Fail("cần một số, #{phần tử} hoặc (", "expected a number, #{element} or (");
  }

  std::string_view s_;
  std::vector<Operand>& operands_;
  size_t pos_ = 0;
  std::string error_, error_en_;
};

struct Eval {
  const std::function<std::optional<double>(size_t)>& value;
  bool any = false;
  bool ok = true;
  double Of(const Expression::Node& n) {
    switch (n.op) {
      case 'n':
        return n.number;
      case 'v': {
        auto v = value(n.operand);
        if (v) any = true;
        return v.value_or(0);
      }
      case '~':
        return -Of(*n.left);
      case '+':
        return Of(*n.left) + Of(*n.right);
      case '-':
        return Of(*n.left) - Of(*n.right);
      case '*':
        return Of(*n.left) * Of(*n.right);
      case '/': {
        const double l = Of(*n.left), r = Of(*n.right);
        if (r == 0) {
          ok = false;
          return 0;
        }
        return l / r;
      }
    }
    return 0;
  }
};

}  // namespace

Result<Expression> Expression::Parse(std::string_view text, const std::string& field) {
  if (text.size() > kMaxLength) {
    return Error::Invalid(field, "biểu thức dài quá 2.000 ký tự",
                          "expression longer than 2,000 characters");
  }
  Expression e;
  Parser p(text, e.operands_);
  e.root_ = p.Parse();
  if (!e.root_) {
    return Error::Invalid(field, p.error() + " (vị trí " + std::to_string(p.pos() + 1) + ")",
                          p.error_en() + " (at " + std::to_string(p.pos() + 1) + ")");
  }
  return e;
}

std::optional<double> Expression::Evaluate(
    const std::function<std::optional<double>(size_t)>& value) const {
  if (!root_) return std::nullopt;
  Eval ev{value};
  const double v = ev.Of(*root_);
  // An expression of numbers only (a denominator "1") has a value without data.
  if (!ev.ok || (!ev.any && !operands_.empty()) || !std::isfinite(v)) return std::nullopt;
  return v;
}

Status ValidateIndicator(const Indicator& in,
                         const std::function<bool(const Operand&)>& element_known) {
  Validator v;
  bool code_ok = in.code.size() >= 2 && in.code.size() <= 64;
  for (char c : in.code) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
      code_ok = false;
  }
  if (!code_ok)
    v.Fail("code", "mã chỉ số gồm 2–64 ký tự a-z, 0-9 hoặc _", "code is 2–64 of a-z, 0-9, _");
  if (in.name.empty() || in.name.size() > 500)
    v.Fail("name", "cần tên chỉ số (tối đa 500 ký tự)",
           "name is required (at most 500 characters)");
  if (in.source.size() > 500)
    v.Fail("source", "nguồn dài quá 500 ký tự", "source longer than 500 characters");
  if (!std::isfinite(in.factor) || in.factor <= 0 || in.factor > 1e9)
    v.Fail("factor", "hệ số phải là số dương", "factor must be a positive number");
  if (in.decimals < 0 || in.decimals > 4)
    v.Fail("decimals", "số chữ số thập phân từ 0 đến 4", "decimals must be 0 to 4");
  auto check = [&](const std::string& field, const std::string& text, bool required) {
    if (text.empty()) {
      if (required) v.Fail(field, "cần biểu thức", "an expression is required");
      return;
    }
    auto e = Expression::Parse(text, field);
    if (!e) {
      v.Fail(field, e.error().details.front().message.vi, e.error().details.front().message.en);
      return;
    }
    for (const auto& op : e->operands()) {
      if (!element_known(op)) {
        const std::string name = op.element + (op.sex.empty() ? "" : "." + op.sex);
        v.Fail(field, "không có phần tử dữ liệu " + name, "unknown data element " + name);
      }
    }
  };
  check("numerator", in.numerator, true);
  check("denominator", in.denominator, false);
  if (!v.ok()) return v.ToError();
  return Ok();
}

std::optional<double> IndicatorValue(const Indicator& in, std::optional<double> numerator,
                                     std::optional<double> denominator) {
  if (!numerator || !denominator || *denominator == 0) return std::nullopt;
  const double scale = std::pow(10.0, in.decimals);
  return std::round(*numerator / *denominator * in.factor * scale) / scale;
}

std::string_view ComparatorSymbol(Comparator c) {
  switch (c) {
    case Comparator::kAtLeast:
      return ">=";
    case Comparator::kAtMost:
      return "<=";
    case Comparator::kEqual:
      return "=";
  }
  return ">=";
}

std::optional<Comparator> ParseComparator(std::string_view s) {
  if (s == ">=") return Comparator::kAtLeast;
  if (s == "<=") return Comparator::kAtMost;
  if (s == "=") return Comparator::kEqual;
  return std::nullopt;
}

bool Satisfies(double value, Comparator c, double target) {
  constexpr double kEps = 1e-9;
  switch (c) {
    case Comparator::kAtLeast:
      return value >= target - kEps;
    case Comparator::kAtMost:
      return value <= target + kEps;
    case Comparator::kEqual:
      return std::fabs(value - target) <= kEps;
  }
  return false;
}

std::string_view TargetStatusName(TargetStatus s) {
  switch (s) {
    case TargetStatus::kMet:
      return "met";
    case TargetStatus::kOnTrack:
      return "on_track";
    case TargetStatus::kAtRisk:
      return "at_risk";
    case TargetStatus::kMissed:
      return "missed";
    case TargetStatus::kNoData:
      return "no_data";
  }
  return "no_data";
}

std::string_view TargetStatusLabel(TargetStatus s) {
  switch (s) {
    case TargetStatus::kMet:
      return "Đạt";
    case TargetStatus::kOnTrack:
      return "Đúng tiến độ";
    case TargetStatus::kAtRisk:
      return "Có nguy cơ không đạt";
    case TargetStatus::kMissed:
      return "Không đạt";
    case TargetStatus::kNoData:
      return "Chưa có số liệu";
  }
  return "Chưa có số liệu";
}

TargetStatus StatusOf(const IndicatorTarget& t, const std::vector<YearValue>& trend, int this_year,
                      std::optional<double>* value) {
  // The last two years with data, up to the target year.
  const YearValue* last = nullptr;
  const YearValue* before = nullptr;
  for (const auto& y : trend) {
    if (y.year > t.year || !y.value) continue;
    if (!last || y.year > last->year)
      before = last, last = &y;
    else if (!before || y.year > before->year)
      before = &y;
  }
  if (value) *value = last ? last->value : std::nullopt;
  if (!last) return TargetStatus::kNoData;
  if (Satisfies(*last->value, t.comparator, t.value)) return TargetStatus::kMet;
  if (this_year > t.year) return TargetStatus::kMissed;
  if (before && last->year < t.year) {
    const double slope = (*last->value - *before->value) / (last->year - before->year);
    const double projected = *last->value + slope * (t.year - last->year);
    if (Satisfies(projected, t.comparator, t.value)) return TargetStatus::kOnTrack;
  }
  return TargetStatus::kAtRisk;
}

}  // namespace binhdang::domain
