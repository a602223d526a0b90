#include "service/units.h"

#include <algorithm>

#include "common/text.h"
#include "domain/access.h"
#include "service/audit.h"
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
  if (name.empty()) v.Fail("name", "tên cơ quan không được để trống", "name is required");
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
  {
    auto sql = store_.Lease();
    storage::Transaction tx(*sql, store_);
    unit.id = storage::UnitsRepo(*sql).Insert(unit, NowMs());
    storage::BumpCounter(*sql, kUnitsRevision);
    WriteAudit(*sql, store_, caller,
               {"unit.create", "unit", IdToString(unit.id), parent->id, "ok", unit.name});
    tx.Commit();
  }
  directory_.Reload();
  return unit;
}

Result<domain::Unit> UnitsService::UpdateAgency(const Caller& caller, Id id,
                                                const AgencyPatch& patch) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  const domain::Unit* current = tree->Find(id);
  if (!current) return UnitNotFound();
  if (!domain::Can(*caller.user, domain::Right::kManageUnits, id, *tree)) return Error::Forbidden();
  if (current->kind != domain::UnitKind::kAgency) {
    return Error::Invalid("id", "chỉ sửa được cơ quan; đơn vị hành chính lấy từ danh mục nhà nước",
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
  {
    auto sql = store_.Lease();
    storage::Transaction tx(*sql, store_);
    storage::UnitsRepo repo(*sql);
    if (!repo.Update(unit, NowMs())) {
      auto stored = repo.Get(id);
      return Error::StaleVersion(stored ? stored->version : 0);
    }
    storage::BumpCounter(*sql, kUnitsRevision);
    WriteAudit(*sql, store_, caller,
               {"unit.update", "unit", IdToString(id), unit.parent_id, "ok", unit.name});
    tx.Commit();
  }
  directory_.Reload();
  return *directory_.Tree()->Find(id);
}

}  // namespace binhdang::service
