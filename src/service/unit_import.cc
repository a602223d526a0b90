// Import of Vietnam's administrative units (service/bootstrap.h).
#include <spdlog/spdlog.h>

#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "common/time.h"
#include "service/bootstrap.h"
#include "service/mutate.h"
#include "service/unit_directory.h"
#include "storage/units_repo.h"

namespace binhdang::service {

namespace {
using nlohmann::json;

// The reform's cut-over: old units end on 30/06/2025, new ones start on 01/07/2025.
const Date kReformStart(2025, 7, 1);
const Date kReformEnd(2025, 6, 30);

Result<json> ReadJson(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::Invalid("units", "không đọc được tệp " + path, "cannot read " + path);
  json j = json::parse(in, nullptr, false);
  if (j.is_discarded())
    return Error::Invalid("units", "tệp không phải JSON: " + path, "not JSON: " + path);
  return j;
}

// A commune-level unit is kind "commune" whatever its FullName prefix says (xã, phường,
// thị trấn, đặc khu); the prefix stays in full_name.
domain::Unit FromJson(const json& j, domain::UnitKind kind, Id parent) {
  domain::Unit u;
  u.code = j.value("Code", "");
  u.name = j.value("Name", "");
  u.full_name = j.value("FullName", u.name);
  u.kind = kind;
  u.parent_id = parent;
  return u;
}
}  // namespace

Result<BootstrapReport> ImportUnits(storage::Store& store, const std::string& dir) {
  const auto start = std::chrono::steady_clock::now();
  BD_ASSIGN_OR_RETURN(json before, ReadJson(dir + "/vn-units-before-2025-07.json"));
  BD_ASSIGN_OR_RETURN(json current, ReadJson(dir + "/vn-units-current.json"));
  BD_ASSIGN_OR_RETURN(json merges, ReadJson(dir + "/vn-units-2025-merges.json"));

  BootstrapReport report;
  BD_RETURN_IF_ERROR(Mutate(store, Caller::System(), [&](Mutation& m) -> Status {
    storage::UnitsRepo repo(m.sql());
    if (repo.Count() > 0) return Error::Conflict("Đã có dữ liệu đơn vị", "Units already imported");
    const int64_t now = m.now_ms();

    domain::Unit country;
    country.code = "VN";
    country.name = "Việt Nam";
    country.full_name = "Nước Cộng hòa xã hội chủ nghĩa Việt Nam";
    country.kind = domain::UnitKind::kCountry;
    const Id country_id = repo.Insert(country, now);
    ++report.units;

    std::map<std::string, Id> old_ids, new_ids;  // code -> id, on each side of the reform
    // Inserts one unit of the file on one side of the reform and returns its id.
    auto add = [&](const json& j, domain::UnitKind kind, Id parent, bool before_reform) {
      domain::Unit u = FromJson(j, kind, parent);
      if (before_reform)
        u.valid_to = kReformEnd;
      else
        u.valid_from = kReformStart;
      const Id id = repo.Insert(u, now);
      ++report.units;
      (before_reform ? old_ids : new_ids)[u.code] = id;
      return id;
    };
    for (const auto& p : before) {
      const Id pid = add(p, domain::UnitKind::kProvince, country_id, true);
      for (const auto& d : p.value("District", json::array())) {
        const Id did = add(d, domain::UnitKind::kDistrict, pid, true);
        for (const auto& w : d.value("Ward", json::array()))
          add(w, domain::UnitKind::kCommune, did, true);
      }
    }
    for (const auto& p : current) {
      const Id pid = add(p, domain::UnitKind::kProvince, country_id, false);
      for (const auto& w : p.value("Wards", json::array()))
        add(w, domain::UnitKind::kCommune, pid, false);
    }

    auto link = [&](const std::string& new_code, const json& list) {
      auto succ = new_ids.find(new_code);
      if (succ == new_ids.end()) return;
      for (const auto& m : list) {
        auto pred = old_ids.find(m.value("old_id", ""));
        if (pred == old_ids.end()) continue;
        const auto type = m.value("type", "full") == "full" ? domain::MergeType::kFull
                                                            : domain::MergeType::kPartial;
        repo.InsertLineage({pred->second, succ->second, type});
        ++report.lineage_links;
      }
    };
    for (const auto& p : merges.value("data", json::array())) {
      link(p.value("level1_id", ""), p.value("merges", json::array()));
      for (const auto& c : p.value("level2s", json::array())) {
        link(c.value("level2_id", ""), c.value("merges", json::array()));
      }
    }
    storage::BumpCounter(m.sql(), kUnitsRevision);
    m.Audit({"unit.reference_import", "unit", "", 0, "ok",
             std::to_string(report.units) + " units, " + std::to_string(report.lineage_links) +
                 " lineage links"});
    return Ok();
  }));
  report.imported_units = true;
  report.import_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("imported {} units and {} lineage links in {:.0f} ms", report.units,
               report.lineage_links, report.import_ms);
  return report;
}

}  // namespace binhdang::service
