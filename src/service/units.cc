#include "service/units.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "common/text.h"
#include "domain/access.h"
#include "service/audit.h"
#include "service/mutate.h"
#include "storage/units_repo.h"

namespace binhdang::service {

namespace {
Error UnitNotFound() { return Error::NotFound("đơn vị", "Unit"); }
}  // namespace

Result<Page<domain::Unit>> UnitsService::List(const Caller& caller, const UnitQuery& query) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  if (query.parent && !tree->Find(*query.parent)) {
    return Error::Invalid("parent", "đơn vị cha không tồn tại", "parent unit does not exist");
  }
  const auto ids = tree->Search({query.q, query.parent, query.kind, query.at});
  std::vector<domain::Unit> units;
  const size_t end = std::min(ids.size(), query.page.offset + query.page.limit);
  for (size_t i = query.page.offset; i < end; ++i) units.push_back(*tree->Find(ids[i]));
  Page<domain::Unit> page;
  page.items = std::move(units);
  if (end < ids.size()) page.next_cursor = std::to_string(end);
  return page;
}

Result<UnitDetail> UnitsService::Get(const Caller& caller, Id id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  const domain::Unit* unit = tree->Find(id);
  if (!unit) return UnitNotFound();
  UnitDetail d{*unit, {}};
  for (const auto* a : tree->Ancestors(id)) d.ancestors.push_back(*a);
  return d;
}

Result<Page<domain::Unit>> UnitsService::Children(const Caller& caller, Id id,
                                                  const UnitQuery& query) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  if (!tree->Find(id)) return UnitNotFound();
  std::vector<domain::Unit> all;
  for (Id child : tree->Children(id)) {
    const domain::Unit& u = *tree->Find(child);
    if (query.at && !u.ValidAt(*query.at)) continue;
    if (query.kind && u.kind != *query.kind) continue;
    all.push_back(u);
  }
  return Slice(std::move(all), query.page);
}

Result<UnitLineage> UnitsService::Lineage(const Caller& caller, Id id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  const domain::Unit* unit = tree->Find(id);
  if (!unit) return UnitNotFound();
  UnitLineage out{*unit, {}, {}};
  for (const auto& l : tree->Predecessors(id)) {
    out.predecessors.push_back({*tree->Find(l.predecessor_id), l.type});
  }
  for (const auto& l : tree->Successors(id)) {
    out.successors.push_back({*tree->Find(l.successor_id), l.type});
  }
  auto by_code = [](const LineageEntry& a, const LineageEntry& b) {
    if (a.type != b.type) return a.type == domain::MergeType::kFull;
    return a.unit.code < b.unit.code;
  };
  std::sort(out.predecessors.begin(), out.predecessors.end(), by_code);
  std::sort(out.successors.begin(), out.successors.end(), by_code);
  return out;
}

Result<std::vector<domain::AgencyType>> UnitsService::AgencyTypes(const Caller& caller) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto sql = store_.Lease();
  return storage::UnitsRepo(*sql).AgencyTypes();
}

Status UnitsService::CheckAgencyFields(Validator& v, const std::string& name,
                                       const std::string& type) {
  if (name.empty())
    v.Fail("name", "tên cơ quan không được để trống", "name is required");
  else if (text::Length(name) > 200 || !text::IsCleanUtf8(name))
    v.Fail("name", "tên cơ quan dài quá 200 ký tự hoặc có ký tự không hợp lệ",
           "name is longer than 200 characters or has invalid characters");
  if (type.empty()) {
    v.Fail("agency_type", "cần chọn loại cơ quan", "agency_type is required");
  } else {
    auto sql = store_.Lease();
    auto types = storage::UnitsRepo(*sql).AgencyTypes();
    if (std::none_of(types.begin(), types.end(), [&](const auto& t) { return t.code == type; })) {
      v.Fail("agency_type", "loại cơ quan không có trong danh mục", "unknown agency_type");
    }
  }
  return Ok();
}

Result<domain::Unit> UnitsService::CreateAgency(const Caller& caller, const AgencyInput& in) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  Validator v;
  const std::string name = text::Trim(in.name);
  const domain::Unit* parent = tree->Find(in.parent_id);
  if (!parent) {
    v.Fail("parent_id", "đơn vị cha không tồn tại", "parent unit does not exist");
  } else if (parent->kind == domain::UnitKind::kAgency) {
    v.Fail("parent_id", "cơ quan phải thuộc một đơn vị hành chính",
           "an agency must belong to an administrative unit");
  }
  BD_RETURN_IF_ERROR(CheckAgencyFields(v, name, in.agency_type));
  if (text::Length(in.code) > 32 || !text::IsCleanUtf8(in.code)) {
    v.Fail("code", "mã dài quá 32 ký tự", "code is longer than 32 characters");
  }
  if (!v.ok()) return v.ToError();
  if (!domain::Can(*caller.user, domain::Right::kManageUnits, parent->id, *tree)) {
    return Error::Forbidden();
  }
  domain::Unit unit;
  unit.code = in.code;
  unit.name = name;
  unit.full_name = name;
  unit.kind = domain::UnitKind::kAgency;
  unit.agency_type = in.agency_type;
  unit.parent_id = parent->id;
  unit.valid_from = parent->valid_from;
  unit.valid_to = parent->valid_to;
  auto created = Mutate(store_, caller, [&](Mutation& m) -> Result<domain::Unit> {
    storage::UnitsRepo repo(m.sql());
    unit.id = repo.Insert(unit, m.now_ms());
    storage::BumpCounter(m.sql(), kUnitsRevision);
    m.Audit({"unit.create", "unit", IdToString(unit.id), parent->id, "ok", unit.name});
    auto stored = repo.Get(unit.id);
    if (!stored) return UnitNotFound();
    return *stored;
  });
  if (created.ok()) directory_.Reload();
  return created;
}

Result<domain::Unit> UnitsService::UpdateAgency(const Caller& caller, Id id,
                                                const AgencyPatch& patch) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  const domain::Unit* current = tree->Find(id);
  if (!current) return UnitNotFound();
  if (!domain::Can(*caller.user, domain::Right::kManageUnits, id, *tree)) return Error::Forbidden();
  if (current->kind != domain::UnitKind::kAgency) {
    return Error::Invalid(
        "id", "chỉ sửa được cơ quan; đơn vị hành chính lấy từ danh mục nhà nước",
        "only agencies can be edited; administrative units come from the official list");
  }
  domain::Unit unit = *current;
  if (patch.name) unit.name = unit.full_name = text::Trim(*patch.name);
  if (patch.agency_type) unit.agency_type = *patch.agency_type;
  if (patch.valid_to) unit.valid_to = *patch.valid_to;
  Validator v;
  BD_RETURN_IF_ERROR(CheckAgencyFields(v, unit.name, unit.agency_type));
  if (unit.valid_to && unit.valid_from && *unit.valid_to < *unit.valid_from) {
    v.Fail("valid_to", "ngày kết thúc trước ngày bắt đầu", "valid_to is before valid_from");
  }
  if (!v.ok()) return v.ToError();
  unit.version = patch.version;
  auto updated = Mutate(store_, caller, [&](Mutation& m) -> Result<domain::Unit> {
    storage::UnitsRepo repo(m.sql());
    if (!repo.Update(unit, m.now_ms())) {
      auto stored = repo.Get(id);
      return Error::StaleVersion(stored ? stored->version : 0);
    }
    storage::BumpCounter(m.sql(), kUnitsRevision);
    m.Audit({"unit.update", "unit", IdToString(id), unit.parent_id, "ok", unit.name});
    auto stored = repo.Get(id);
    if (!stored) return UnitNotFound();
    return *stored;
  });
  if (updated.ok()) directory_.Reload();
  return updated;
}

Status UnitsService::LoadAgencySets(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::Internal("cannot read agency sets from " + path);
  auto doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("sets") || !doc["sets"].is_array()) {
    return Error::Internal("agency sets: " + path + " is not {\"sets\": [...]}");
  }
  std::vector<AgencySet> sets;
  try {
    for (const auto& j : doc["sets"]) {
      AgencySet set;
      set.code = j.at("code").get<std::string>();
      set.name_vi = j.at("name_vi").get<std::string>();
      set.name_en = j.at("name_en").get<std::string>();
      auto kind = domain::ParseUnitKind(j.at("applies_to").get<std::string>());
      if (!kind || *kind == domain::UnitKind::kAgency) {
        return Error::Internal("agency set " + set.code +
                               ": applies_to must be an administrative kind");
      }
      set.applies_to = *kind;
      for (const auto& a : j.at("agencies")) {
        set.agencies.push_back(
            {text::Nfc(a.at("name").get<std::string>()), a.at("type").get<std::string>()});
      }
      sets.push_back(std::move(set));
    }
  } catch (const nlohmann::json::exception& e) {
    return Error::Internal("agency sets: " + path + ": " + e.what());
  }
  agency_sets_ = std::move(sets);
  return Ok();
}

Result<AgencySetOutcome> UnitsService::ApplyAgencySet(const Caller& caller, Id target,
                                                      const std::string& code) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  const domain::Unit* root = tree->Find(target);
  if (!root) return UnitNotFound();
  const auto set = std::find_if(agency_sets_.begin(), agency_sets_.end(),
                                [&](const AgencySet& s) { return s.code == code; });
  if (set == agency_sets_.end()) return Error::NotFound("bộ cơ quan mẫu", "Agency set");
  if (!domain::Can(*caller.user, domain::Right::kManageUnits, root->id, *tree))
    return Error::Forbidden();
  if (root->kind == domain::UnitKind::kAgency) {
    return Error::Invalid("id", "bộ cơ quan mẫu chỉ áp dụng cho đơn vị hành chính",
                          "an agency set applies to administrative units only");
  }
  const Date today = Date::TodayInVietnam();
  if (!root->ValidAt(today)) {
    return Error::Invalid(
        "id", "đơn vị này không còn tồn tại từ sau ngày " + root->valid_to->Vietnamese(),
        "this unit no longer exists");
  }
  // Every unit of the set's kind existing today: the target itself, or those in its subtree.
  std::vector<const domain::Unit*> units;
  std::vector<Id> stack{root->id};
  while (!stack.empty()) {
    const domain::Unit* u = tree->Find(stack.back());
    stack.pop_back();
    if (!u || u->kind == domain::UnitKind::kAgency || !u->ValidAt(today)) continue;
    if (u->kind == set->applies_to) {
      units.push_back(u);
      continue;
    }
    for (Id child : tree->Children(u->id)) stack.push_back(child);
  }
  if (units.empty()) {
    return Error::Invalid(
        "id", "trong đơn vị này không có đơn vị nào thuộc loại mà bộ cơ quan mẫu áp dụng",
        "no unit of the set's kind within this unit");
  }
  std::sort(units.begin(), units.end(), [](auto* a, auto* b) { return a->id < b->id; });
  AgencySetOutcome outcome;
  outcome.set = set->code;
  outcome.units = static_cast<long long>(units.size());
  BD_RETURN_IF_ERROR(Mutate(store_, caller, [&](Mutation& m) -> Status {
    storage::UnitsRepo repo(m.sql());
    std::set<std::string> known;
    for (const auto& t : repo.AgencyTypes()) known.insert(t.code);
    for (const auto& item : set->agencies) {
      if (!known.count(item.agency_type)) {
        return Error::Internal("agency set " + set->code + " names unknown agency type " +
                               item.agency_type);
      }
    }
    const int64_t now = m.now_ms();
    for (const domain::Unit* u : units) {
      std::set<std::string> have;
      for (Id child : tree->Children(u->id)) {
        const domain::Unit* c = tree->Find(child);
        if (c && c->kind == domain::UnitKind::kAgency && c->ValidAt(today))
          have.insert(text::Fold(c->name));
      }
      const std::string place = text::LowerFirst(u->full_name);
      for (const auto& item : set->agencies) {
        std::string name = item.name;
        if (auto at = name.find("{unit}"); at != std::string::npos) name.replace(at, 6, place);
        if (!have.insert(text::Fold(name)).second) {
          ++outcome.present;
          continue;
        }
        domain::Unit a;
        a.name = a.full_name = name;
        a.kind = domain::UnitKind::kAgency;
        a.agency_type = item.agency_type;
        a.parent_id = u->id;
        a.valid_from = u->valid_from;
        a.valid_to = u->valid_to;
        repo.Insert(a, now);
        ++outcome.added;
      }
    }
    if (outcome.added > 0) storage::BumpCounter(m.sql(), kUnitsRevision);
    m.Audit({"unit.agency_set", "unit", IdToString(root->id), root->id, "ok",
             set->code + ": " + std::to_string(outcome.units) + " đơn vị, thêm " +
                 std::to_string(outcome.added) + " cơ quan, đã có " +
                 std::to_string(outcome.present)});
    return Ok();
  }));
  if (outcome.added > 0) directory_.Reload();
  return outcome;
}

}  // namespace binhdang::service
