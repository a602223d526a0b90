#include "storage/cases_repo_directory.h"

namespace binhdang::storage {

namespace {
std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}
std::vector<std::string> SplitCodes(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}
}  // namespace

Id ProvidersRepo::Insert(const domain::Provider& p, int64_t now_ms) {
  const std::string services = JoinCodes(p.services);
  long long unit = p.unit_id;
  soci::indicator ui = p.unit_id ? soci::i_ok : soci::i_null;
  const int free = p.free_of_charge ? 1 : 0, active = p.active ? 1 : 0;
  const long long now = now_ms;
  Id id = 0;
  sql_ << "INSERT INTO service_providers (name, type, unit_id, services, phone, hours, "
          "free_of_charge, how_to_reach, street_address, source, active, version, created_at, "
          "updated_at) VALUES (:n, :t, :u, :s, :p, :h, :f, :r, :a, :src, :act, 1, :c, :c2) "
          "RETURNING id",
      soci::use(p.name), soci::use(p.type), soci::use(unit, ui), soci::use(services),
      soci::use(p.phone), soci::use(p.hours), soci::use(free), soci::use(p.how_to_reach),
      soci::use(p.street_address), soci::use(p.source), soci::use(active), soci::use(now),
      soci::use(now), soci::into(id);
  return id;
}

namespace {
std::vector<domain::Provider> Select(soci::session& sql, const std::string& where,
                                     std::optional<long long> arg) {
  std::vector<domain::Provider> out;
  domain::Provider p;
  long long unit = 0;
  soci::indicator ui = soci::i_null;
  std::string services;
  int free = 0, active = 0;
  soci::statement st(sql);
  st.exchange(soci::into(p.id));
  st.exchange(soci::into(p.name));
  st.exchange(soci::into(p.type));
  st.exchange(soci::into(unit, ui));
  st.exchange(soci::into(services));
  st.exchange(soci::into(p.phone));
  st.exchange(soci::into(p.hours));
  st.exchange(soci::into(free));
  st.exchange(soci::into(p.how_to_reach));
  st.exchange(soci::into(p.street_address));
  st.exchange(soci::into(p.source));
  st.exchange(soci::into(active));
  st.exchange(soci::into(p.version));
  long long bound = arg.value_or(0);
  if (arg) st.exchange(soci::use(bound));
  st.alloc();
  st.prepare(
      "SELECT id, name, type, unit_id, services, phone, hours, free_of_charge, "
      "how_to_reach, street_address, source, active, version FROM service_providers " +
      where + " ORDER BY name, id");
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    p.unit_id = ui == soci::i_ok ? unit : 0;
    p.services = SplitCodes(services);
    p.free_of_charge = free != 0;
    p.active = active != 0;
    out.push_back(p);
  }
  return out;
}
}  // namespace

std::optional<domain::Provider> ProvidersRepo::Get(Id id) {
  auto v = Select(sql_, "WHERE id = :id", id);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<domain::Provider> ProvidersRepo::All(bool include_inactive) {
  return Select(sql_, include_inactive ? "" : "WHERE active = 1", std::nullopt);
}

bool ProvidersRepo::Update(const domain::Provider& p, int64_t now_ms) {
  const std::string services = JoinCodes(p.services);
  long long unit = p.unit_id;
  soci::indicator ui = p.unit_id ? soci::i_ok : soci::i_null;
  const int free = p.free_of_charge ? 1 : 0, active = p.active ? 1 : 0;
  const long long now = now_ms;
  soci::statement st =
      (sql_.prepare << "UPDATE service_providers SET name = :n, type = :t, unit_id = :u, "
                       "services = :s, phone = :p, hours = :h, free_of_charge = :f, "
                       "how_to_reach = :r, street_address = :a, source = :src, active = :act, "
                       "version = version + 1, updated_at = :now WHERE id = :id AND version = :v",
       soci::use(p.name), soci::use(p.type), soci::use(unit, ui), soci::use(services),
       soci::use(p.phone), soci::use(p.hours), soci::use(free), soci::use(p.how_to_reach),
       soci::use(p.street_address), soci::use(p.source), soci::use(active), soci::use(now),
       soci::use(p.id), soci::use(p.version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

long long ProvidersRepo::Count() {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM service_providers", soci::into(n);
  return n;
}

}  // namespace binhdang::storage
