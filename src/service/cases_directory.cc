#include "service/cases_directory.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/text.h"
#include "domain/access.h"
#include "service/audit.h"
#include "service/mutate.h"
#include "storage/cases_repo_directory.h"

namespace binhdang::service {

namespace {
Error ProviderNotFound() { return Error::NotFound("nơi cung cấp dịch vụ", "Provider"); }

}  // namespace

bool ProvidersService::MayManage(const Caller& caller, Id unit_id) {
  if (caller.system) return true;
  if (!caller.user || !caller.user->active) return false;
  if (caller.user->Has(domain::Role::kAdmin)) return true;
  auto tree = directory_.Tree();
  return unit_id != 0 && caller.user->Has(domain::Role::kUnitAdmin) &&
         domain::Can(*caller.user, domain::Right::kManageUnits, unit_id, *tree);
}

domain::Provider ProvidersService::Shown(const Caller& caller, domain::Provider p) {
  if (domain::AddressIsProtected(p.type) && !(caller.user && domain::HasCaseRole(*caller.user)) &&
      !MayManage(caller, p.unit_id)) {
    p.street_address.clear();
  }
  return p;
}

Result<Page<domain::Provider>> ProvidersService::Search(const Caller& caller,
                                                        const ProviderQuery& query,
                                                        const PageRequest& page) {
  auto tree = directory_.Tree();
  if (query.unit_id && !tree->Find(query.unit_id)) {
    return Error::Invalid("unit", "Không có đơn vị này", "No such unit");
  }
  if (!query.type.empty() && !domain::IsCode(domain::kProviderTypes, query.type)) {
    Validator v;
    domain::RequireCode(domain::kProviderTypes, query.type, "type", v);
    return v.ToError();
  }
  std::vector<domain::Provider> all;
  {
    auto sql = store_.Lease();
    all = storage::ProvidersRepo(*sql).All(query.include_inactive);
  }
  const std::string words = text::Fold(query.q);
  // Rank: 0 serves the unit or lies within it, 1 serves an ancestor, 2 nationwide.
  std::vector<std::pair<int, domain::Provider>> ranked;
  for (auto& p : all) {
    if (!p.active && !MayManage(caller, p.unit_id)) continue;
    if (!query.type.empty() && p.type != query.type) continue;
    if (!words.empty() && text::Fold(p.name).find(words) == std::string::npos) continue;
    int rank = 2;
    if (p.unit_id != 0) {
      if (!query.unit_id) {
        rank = 1;
      } else if (tree->IsWithin(p.unit_id, query.unit_id)) {
        rank = 0;
      } else if (tree->IsWithin(query.unit_id, p.unit_id)) {
        rank = 1;
      } else {
        continue;  // serves somewhere else
      }
    }
    ranked.emplace_back(rank, Shown(caller, std::move(p)));
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<domain::Provider> out;
  for (auto& [rank, p] : ranked) out.push_back(std::move(p));
  return Slice(std::move(out), page);
}

Result<domain::Provider> ProvidersService::Get(const Caller& caller, Id id) {
  auto sql = store_.Lease();
  auto p = storage::ProvidersRepo(*sql).Get(id);
  if (!p || (!p->active && !MayManage(caller, p->unit_id))) return ProviderNotFound();
  return Shown(caller, std::move(*p));
}

Result<domain::Provider> ProvidersService::Create(const Caller& caller, domain::Provider in) {
  if (!caller.system && !caller.signed_in()) return Error::Unauthenticated();
  if (!MayManage(caller, in.unit_id)) return Error::Forbidden();
  auto tree = directory_.Tree();
  Validator v;
  if (in.unit_id && !tree->Find(in.unit_id))
    v.Fail("unit_id", "Không có đơn vị này", "No such unit");
  in.name = text::Trim(in.name);
  domain::ValidateProvider(in, v);
  if (!v.ok()) return v.ToError();
  return Mutate(store_, caller, [&](Mutation& m) -> Result<domain::Provider> {
    in.id = storage::ProvidersRepo(m.sql()).Insert(in, m.now_ms());
    in.version = 1;
    m.Audit({"provider.create", "service_provider", IdToString(in.id), in.unit_id, "ok", in.name});
    return in;
  });
}

Result<domain::Provider> ProvidersService::Update(const Caller& caller, domain::Provider in) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  auto tree = directory_.Tree();
  return Mutate(store_, caller, [&](Mutation& m) -> Result<domain::Provider> {
    storage::ProvidersRepo repo(m.sql());
    auto stored = repo.Get(in.id);
    if (!stored) return ProviderNotFound();
    if (!MayManage(caller, stored->unit_id) || !MayManage(caller, in.unit_id)) {
      return Error::Forbidden();
    }
    if (stored->version != in.version) return Error::StaleVersion(stored->version);
    Validator v;
    if (in.unit_id && !tree->Find(in.unit_id)) {
      v.Fail("unit_id", "Không có đơn vị này", "No such unit");
    }
    in.name = text::Trim(in.name);
    domain::ValidateProvider(in, v);
    if (!v.ok()) return v.ToError();
    if (!repo.Update(in, m.now_ms())) return Error::StaleVersion(stored->version + 1);
    ++in.version;
    m.Audit({"provider.update", "service_provider", IdToString(in.id), in.unit_id, "ok", in.name});
    return in;
  });
}

Status ProvidersService::SeedIfEmpty(const std::string& path) {
  {
    auto sql = store_.Lease();
    if (storage::ProvidersRepo(*sql).Count() > 0) return Ok();
  }
  std::ifstream in(path);
  if (!in) return Error::Internal("không đọc được danh bạ dịch vụ " + path);
  auto doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.contains("providers") || !doc["providers"].is_array()) {
    return Error::Internal("danh bạ dịch vụ " + path + " không đúng định dạng");
  }
  for (const auto& j : doc["providers"]) {
    domain::Provider p;
    p.name = j.value("name", "");
    p.type = j.value("type", "");
    p.services = j.value("services", std::vector<std::string>{});
    p.phone = j.value("phone", "");
    p.hours = j.value("hours", "");
    p.free_of_charge = j.value("free_of_charge", false);
    p.how_to_reach = j.value("how_to_reach", "");
    p.street_address = j.value("street_address", "");
    p.source = j.value("source", "");
    auto created = Create(Caller::System(), p);
    if (!created.ok()) return created.take_error();
  }
  return Ok();
}

}  // namespace binhdang::service
