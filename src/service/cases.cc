#include "service/cases.h"

#include <map>
#include <set>

#include "common/crypto.h"
#include "common/time.h"
#include "domain/access.h"
#include "service/audit.h"
#include "service/cases_seal.h"
#include "service/mutate.h"
#include "storage/cases_repo_directory.h"
#include "storage/users_repo.h"

namespace binhdang::service {

namespace cases_internal {

Error CaseNotFound() { return Error::NotFound("vụ việc", "Case"); }

AuditRecord CaseAudit(const std::string& action, const domain::CaseRecord& c, std::string detail) {
  return {action,    "case", IdToString(c.id),
          c.unit_id, "ok",   detail.empty() ? c.code : c.code + " " + detail};
}

namespace {
std::string TextAd(Id case_id, std::string_view table, Id row) {
  return "binhdang case " + IdToString(case_id) + " " + std::string(table) + " " + IdToString(row);
}
}  // namespace

std::string SealText(const CaseKeys& keys, Id case_id, std::string_view table, Id row,
                     std::string_view plain) {
  return crypto::ToBase64(crypto::AeadSeal(keys.field_key, plain, TextAd(case_id, table, row)));
}

std::optional<std::string> OpenText(const CaseKeys& keys, Id case_id, std::string_view table,
                                    Id row, const std::string& sealed) {
  if (sealed.empty()) return std::string();
  auto raw = crypto::FromBase64(sealed);
  if (!raw) return std::nullopt;
  return crypto::AeadOpen(keys.field_key, *raw, TextAd(case_id, table, row));
}

}  // namespace cases_internal

namespace {
using cases_internal::CaseAudit;
using cases_internal::CaseNotFound;

constexpr const char* kKeyIdMeta = "case_key_id";

//! The associated data of a sealed field: the case and the field it belongs to.
std::string AssociatedData(Id case_id, std::string_view field) {
  return "binhdang case " + IdToString(case_id) + " " + std::string(field);
}

void Seal(const CaseKeys& keys, Id case_id, const domain::Identity& identity,
          storage::StoredCase& out) {
  domain::Identity copy = identity;
  out.sealed.clear();
  for (auto field : domain::kIdentityFields) {
    out.sealed[std::string(field)] = crypto::ToBase64(crypto::AeadSeal(
        keys.field_key, domain::FieldOf(copy, field), AssociatedData(case_id, field)));
  }
  const std::string dup = domain::DuplicateKey(identity.full_name, identity.date_of_birth);
  out.blind_index = dup.empty() ? "" : crypto::KeyedHashHex(keys.index_key, dup);
  out.key_id = keys.key_id;
}

std::optional<domain::Identity> Open(const CaseKeys& keys, const storage::StoredCase& stored) {
  domain::Identity identity;
  for (auto field : domain::kIdentityFields) {
    auto it = stored.sealed.find(std::string(field));
    if (it == stored.sealed.end()) return std::nullopt;
    auto raw = crypto::FromBase64(it->second);
    if (!raw) return std::nullopt;
    auto plain = crypto::AeadOpen(keys.field_key, *raw, AssociatedData(stored.record.id, field));
    if (!plain) return std::nullopt;
    domain::FieldOf(identity, field) = std::move(*plain);
  }
  return identity;
}

}  // namespace

CaseKeys CaseKeys::From(const std::string& master) {
  CaseKeys k;
  k.field_key = crypto::DeriveKey(master, "binhdang case fields v1");
  k.index_key = crypto::DeriveKey(master, "binhdang case blind index v1");
  k.key_id = crypto::HashHex(crypto::DeriveKey(master, "binhdang case key id v1")).substr(0, 16);
  return k;
}

CasesService::CasesService(storage::Store& store, UnitDirectory& directory)
    : store_(store), directory_(directory) {
  Disable(
      "máy chủ chưa được cấp khóa dữ liệu vụ việc (--case-key, BINHDANG_CASE_KEY_FILE "
      "hoặc BINHDANG_CASE_KEY)",
      "the server has no case data key (--case-key, BINHDANG_CASE_KEY_FILE or "
      "BINHDANG_CASE_KEY)");
}

Status CasesService::UseKey(const std::string& master) {
  if (master.size() != crypto::kAeadKeyBytes) {
    return Disable("khóa dữ liệu vụ việc không đủ 32 byte", "the case data key is not 32 bytes");
  }
  auto keys = std::make_shared<const CaseKeys>(CaseKeys::From(master));
  std::optional<std::string> recorded;
  {
    auto sql = store_.Lease();
    recorded = storage::CasesRepo(*sql).Meta(kKeyIdMeta);
  }
  if (!recorded) {
    // The first key this database sees is recorded, with its audit record, once; a server that
    // starts beside it at the same moment finds it recorded inside the transaction.
    auto first = Mutate(store_, Caller::System(), [&](Mutation& m) -> Status {
      storage::CasesRepo repo(m.sql());
      recorded = repo.Meta(kKeyIdMeta, m.lock());
      if (recorded) return Error::Conflict("khóa đã được ghi", "a key is recorded");
      repo.SetMeta(kKeyIdMeta, keys->key_id);
      m.Audit({"case.keys.record", "case_key", keys->key_id, 0, "ok", "first case data key"});
      return Ok();
    });
    if (first.ok()) recorded = keys->key_id;
  }
  if (*recorded != keys->key_id) {
    return Disable("khóa dữ liệu vụ việc không phải khóa đã mã hóa cơ sở dữ liệu này (mã khóa " +
                       keys->key_id + ", cơ sở dữ liệu cần " + *recorded +
                       "); hãy dùng đúng tệp khóa",
                   "the case data key did not seal this database (key " + keys->key_id +
                       ", the database needs " + *recorded + "); use the right key file");
  }
  std::lock_guard lock(mu_);
  keys_ = std::move(keys);
  return Ok();
}

Error CasesService::Disable(std::string reason_vi, std::string reason_en) {
  std::lock_guard lock(mu_);
  keys_.reset();
  unavailable_ = {
      "Chức năng quản lý vụ việc đang tạm ngừng: " + reason_vi +
          ". Các chức năng khác vẫn hoạt động bình thường.",
      "Case management is unavailable: " + reason_en + ". Everything else works as usual."};
  return Error{ErrorCode::kUnavailable, unavailable_, {}, 0};
}

bool CasesService::available() const {
  std::lock_guard lock(mu_);
  return keys_ != nullptr;
}

bool CasesService::KeyRecorded() {
  auto sql = store_.Lease();
  return storage::CasesRepo(*sql).Meta(kKeyIdMeta).has_value();
}

Result<std::shared_ptr<const CaseKeys>> CasesService::Keys() const {
  std::lock_guard lock(mu_);
  if (!keys_) return Error{ErrorCode::kUnavailable, unavailable_, {}, 0};
  return keys_;
}

Status CasesService::CheckKeyCurrent(storage::CasesRepo& repo, const CaseKeys& keys) {
  auto recorded = repo.Meta(kKeyIdMeta, store_.ForUpdateSql());
  if (recorded && *recorded == keys.key_id) return Ok();
  return Disable(
      "khóa dữ liệu vụ việc đã được thay (binhdang keys rotate); hãy khởi động lại máy chủ với "
      "khóa mới",
      "the case data key was rotated (binhdang keys rotate); restart the server with the new key");
}

std::vector<domain::CaseMember> CasesService::MembersNow(storage::CasesRepo& repo, Id case_id) {
  auto members = repo.Members(case_id);
  for (const auto& g : repo.ActiveGrants(case_id, NowMs())) {
    members.push_back({g.user_id, "emergency", g.granted_ms});
  }
  return members;
}

Result<CasesService::Loaded> CasesService::Load(storage::CasesRepo& repo, Id case_id) {
  auto stored = repo.Get(case_id);
  if (!stored) return CaseNotFound();
  return Loaded{std::move(*stored), MembersNow(repo, case_id)};
}

Result<CasesService::Loaded> CasesService::LoadReadable(storage::CasesRepo& repo,
                                                        const Caller& caller, Id case_id) {
  BD_ASSIGN_OR_RETURN(auto loaded, Load(repo, case_id));
  if (!domain::CanReadCase(*caller.user, loaded.stored.record, loaded.members,
                           *directory_.Tree())) {
    return Error::Forbidden();
  }
  return loaded;
}

CaseView CasesService::ViewOf(storage::CasesRepo& repo, const CaseKeys& keys, Loaded loaded,
                              const domain::User& user) {
  using cases_internal::OpenText;
  CaseView view;
  const Id id = loaded.stored.record.id;
  view.can_manage =
      domain::CanManageCase(user, loaded.stored.record, loaded.members, *directory_.Tree());
  view.incidents = repo.Incidents(id);
  const int64_t now = NowMs();
  // A note that does not open (a tampered row) reads as a marker, never as ciphertext.
  const std::string unreadable = "[không mở được ghi chú]";
  for (auto& m : repo.Measures(id)) {
    m.note = OpenText(keys, id, "case_measures", m.id, m.note).value_or(unreadable);
    view.measures.push_back({m, domain::ClockOf(m, now)});
  }
  view.referrals = repo.Referrals(id);
  for (auto& r : view.referrals) {
    r.override_reason =
        OpenText(keys, id, "case_referrals", r.id, r.override_reason).value_or(unreadable);
  }
  view.followups = repo.Followups(id);
  for (auto& f : view.followups) {
    f.note = OpenText(keys, id, "case_followups", f.id, f.note).value_or(unreadable);
  }
  view.closure = repo.Closure(id);
  for (auto& g : repo.ActiveGrants(id, now)) {
    if (g.user_id == user.id) view.emergency_until_ms = g.until_ms;
    if (view.can_manage) {
      g.reason = OpenText(keys, id, "case_emergency_access", g.id, g.reason).value_or(unreadable);
      view.emergency_grants.push_back(std::move(g));
    }
  }
  // Named on the case, the caller reads it as such, not by the grant.
  for (const auto& m : loaded.members) {
    if (m.user_id == user.id && m.role != "emergency") view.emergency_until_ms.reset();
  }
  if (loaded.stored.record.owner_id == user.id) view.emergency_until_ms.reset();
  if (view.can_manage) {
    view.transfers = repo.Transfers(id);
    for (auto& t : view.transfers) {
      t.reason = OpenText(keys, id, "case_transfers", t.id, t.reason).value_or(unreadable);
    }
  }
  if (loaded.stored.record.status == domain::kClosureRequested) {
    for (const auto& m : loaded.members) {
      if (m.role == "supervisor" && m.user_id == user.id &&
          view.closure.requested_by != std::optional<Id>(user.id) &&
          domain::CanReadCase(user, loaded.stored.record, loaded.members, *directory_.Tree())) {
        view.can_approve_closure = true;
      }
    }
  }
  if (!loaded.stored.blind_index.empty()) {
    view.possible_duplicates =
        static_cast<int>(repo.WithBlindIndex(loaded.stored.blind_index).size()) - 1;
  }
  // Names for people to read: a handful of users and providers per case.
  {
    std::set<Id> users;
    for (const auto& m : loaded.members) users.insert(m.user_id);
    if (view.closure.requested_by) users.insert(*view.closure.requested_by);
    if (view.closure.closed_by) users.insert(*view.closure.closed_by);
    for (const auto& t : view.transfers) users.insert({t.from_user, t.to_user, t.by_user});
    for (const auto& g : view.emergency_grants) users.insert(g.user_id);
    for (const auto& r : view.referrals) {
      if (r.override_by) users.insert(r.override_by);
    }
    users.insert(loaded.stored.record.owner_id);
    storage::UsersRepo users_repo(repo.session());
    for (Id u : users) {
      if (auto found = users_repo.Get(u)) view.user_names[u] = found->user.full_name;
    }
    storage::ProvidersRepo providers(repo.session());
    for (const auto& r : view.referrals) {
      if (view.provider_names.count(r.provider_id)) continue;
      if (auto p = providers.Get(r.provider_id)) view.provider_names[r.provider_id] = p->name;
    }
  }
  view.record = std::move(loaded.stored.record);
  view.members = std::move(loaded.members);
  return view;
}

Result<CaseView> CasesService::Create(const Caller& caller, NewCase in) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto keys, Keys());
  auto tree = directory_.Tree();
  const domain::Unit* unit = tree->Find(in.record.unit_id);
  if (!domain::HasCaseRole(*caller.user)) return Error::Forbidden();
  if (!unit) return Error::Invalid("unit_id", "Không có đơn vị này", "No such unit");
  if (!domain::CanOpenCase(*caller.user, in.record.unit_id, *tree)) return Error::Forbidden();
  const Date today = Date::TodayInVietnam();
  Validator v;
  if (unit->kind != domain::UnitKind::kCommune) {
    v.Fail("unit_id", "Vụ việc thuộc về một xã, phường hoặc đặc khu",
           "A case belongs to a commune");
  }
  if (in.record.opened_on == Date()) in.record.opened_on = today;
  if (in.record.age_band.empty() || in.record.age_band == "unknown") {
    in.record.age_band =
        std::string(domain::AgeBandOn(Date::Parse(in.identity.date_of_birth), in.record.opened_on));
  }
  in.record.dv_age_group = std::string(domain::DvAgeGroupOn(
      Date::Parse(in.identity.date_of_birth), in.record.age_band, in.record.opened_on));
  in.record.status = "open";
  domain::ValidateCase(in.record, in.identity, today, v);
  if (in.incident) domain::ValidateIncident(*in.incident, today, v);
  if (!v.ok()) return v.ToError();

  const int64_t now = NowMs();
  storage::StoredCase stored;
  stored.record = in.record;
  stored.record.owner_id = caller.user_id();
  stored.record.created_ms = stored.record.updated_ms = now;
  stored.key_id = keys->key_id;
  return Mutate(store_, caller, [&](Mutation& m) -> Result<CaseView> {
    storage::CasesRepo repo(m.sql());
    // Never seal under a key that `keys rotate` replaced while this server ran.
    BD_RETURN_IF_ERROR(CheckKeyCurrent(repo, *keys));
    // A fresh code until it is unused (32^6 codes a year: a clash is rare).
    for (int attempt = 0;; ++attempt) {
      stored.record.code = domain::MakeCaseCode(today.year(), crypto::RandomBytes(6));
      if (!repo.CodeTaken(stored.record.code) || attempt > 8)
        break;  // past 8 clashes, the unique index answers 409
    }
    // The id is part of what each ciphertext authenticates: insert, then seal under it.
    stored.record.id = repo.Insert(stored);
    Seal(*keys, stored.record.id, in.identity, stored);
    repo.Reseal(stored);
    if (in.incident) {
      in.incident->case_id = stored.record.id;
      in.incident->created_ms = now;
      repo.InsertIncident(*in.incident, caller.user_id());
    }
    m.Audit(CaseAudit("case.create", stored.record));
    return ViewOf(repo, *keys, Loaded{stored, {}}, *caller.user);
  });
}

Result<Page<CaseView>> CasesService::Mine(const Caller& caller, const PageRequest& page) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto keys, Keys());
  if (!domain::HasCaseRole(*caller.user)) return Error::Forbidden();
  auto sql = store_.Lease();
  storage::CasesRepo repo(*sql);
  auto tree = directory_.Tree();
  std::vector<CaseView> readable;
  for (auto& s : repo.Of(caller.user_id(), NowMs())) {
    auto members = MembersNow(repo, s.record.id);
    // A supervisor who moved out of the unit is still a member, but reads no more.
    if (domain::CanReadCase(*caller.user, s.record, members, *tree)) {
      CaseView v;
      v.record = std::move(s.record);
      readable.push_back(std::move(v));
    }
  }
  auto out = Slice(std::move(readable), page);
  for (auto& v : out.items) v.incidents = repo.Incidents(v.record.id);
  return out;
}

Result<CaseView> CasesService::Get(const Caller& caller, Id case_id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto keys, Keys());
  // Reading a case writes who read it (the access log and the audit log) in the same transaction.
  return Mutate(store_, caller, [&](Mutation& m) -> Result<CaseView> {
    storage::CasesRepo repo(m.sql());
    BD_ASSIGN_OR_RETURN(auto loaded, LoadReadable(repo, caller, case_id));
    repo.LogAccess(case_id,
                   {0, caller.user_id(), caller.username(), m.now_ms(), "case", caller.address});
    m.Audit(CaseAudit("case.read", loaded.stored.record));
    return ViewOf(repo, *keys, std::move(loaded), *caller.user);
  });
}

Result<domain::Identity> CasesService::Identity(const Caller& caller, Id case_id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto keys, Keys());
  return Mutate(store_, caller, [&](Mutation& m) -> Result<domain::Identity> {
    storage::CasesRepo repo(m.sql());
    BD_ASSIGN_OR_RETURN(auto loaded, LoadReadable(repo, caller, case_id));
    BD_RETURN_IF_ERROR(CheckKeyCurrent(repo, *keys));
    auto identity = Open(*keys, loaded.stored);
    if (!identity) return Error::Internal("không mở được dữ liệu nhận diện của vụ việc");
    repo.LogAccess(
        case_id, {0, caller.user_id(), caller.username(), m.now_ms(), "identity", caller.address});
    m.Audit(CaseAudit("case.identity", loaded.stored.record));
    return *identity;
  });
}

Result<domain::Incident> CasesService::AddIncident(const Caller& caller, Id case_id,
                                                   domain::Incident in) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto keys, Keys());
  return Mutate(store_, caller, [&](Mutation& m) -> Result<domain::Incident> {
    storage::CasesRepo repo(m.sql());
    BD_ASSIGN_OR_RETURN(auto loaded, LoadReadable(repo, caller, case_id));
    Validator v;
    domain::ValidateIncident(in, Date::TodayInVietnam(), v);
    if (!v.ok()) return v.ToError();
    in.case_id = case_id;
    in.created_ms = m.now_ms();
    in.id = repo.InsertIncident(in, caller.user_id());
    m.Audit(CaseAudit("case.incident.add", loaded.stored.record, "incident " + IdToString(in.id)));
    return in;
  });
}

Result<CaseView> CasesService::AddMember(const Caller& caller, Id case_id, Id user_id,
                                         const std::string& role) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto keys, Keys());
  auto tree = directory_.Tree();
  return Mutate(store_, caller, [&](Mutation& m) -> Result<CaseView> {
    storage::CasesRepo repo(m.sql());
    BD_ASSIGN_OR_RETURN(auto loaded, Load(repo, case_id));
    const auto& c = loaded.stored.record;
    if (!domain::CanManageCase(*caller.user, c, loaded.members, *tree)) return Error::Forbidden();
    Validator v;
    if (role != "worker" && role != "supervisor") {
      v.Fail("role", "Vai trò trong vụ việc là worker hoặc supervisor",
             "role is worker or supervisor");
    }
    auto target = storage::UsersRepo(m.sql()).Get(user_id);
    if (!target || !target->user.active) {
      v.Fail("user_id", "Không có người dùng này", "No such user");
    } else if (role == "worker" && !target->user.Has(domain::Role::kCaseWorker)) {
      v.Fail("user_id", "Người này không phải cán bộ quản lý ca", "This user is not a case worker");
    } else if (role == "supervisor" &&
               (!target->user.Has(domain::Role::kCaseSupervisor) ||
                !domain::InSubtreeAcrossTime(c.unit_id, target->user.unit_id, *tree))) {
      v.Fail("user_id", "Người này không phải giám sát viên vụ việc của đơn vị",
             "This user is not a case supervisor of the case's unit");
    }
    if (!v.ok()) return v.ToError();
    if (!repo.AddMember(case_id, {user_id, role, m.now_ms()}, caller.user_id())) {
      return Error::Conflict("Người này đã có tên trong vụ việc",
                             "This user is already on the case");
    }
    m.Audit(CaseAudit("case.member.add", c, role + " user " + IdToString(user_id)));
    loaded.members = repo.Members(case_id);
    return ViewOf(repo, *keys, std::move(loaded), *caller.user);
  });
}

Result<domain::CaseRecord> CasesService::SetStatus(const Caller& caller, Id case_id,
                                                   const std::string& status, long long version) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto keys, Keys());
  return Mutate(store_, caller, [&](Mutation& m) -> Result<domain::CaseRecord> {
    storage::CasesRepo repo(m.sql());
    BD_ASSIGN_OR_RETURN(auto loaded, LoadReadable(repo, caller, case_id));
    if (status != "open" && status != "in_progress") {
      return Error::Invalid(
          "status",
          "Trạng thái sửa trực tiếp là open hoặc in_progress; đóng vụ việc bằng đề "
          "nghị đóng (POST /cases/{id}/close) để giám sát viên duyệt",
          "status is open or in_progress; close a case through POST /cases/{id}/close");
    }
    if (loaded.stored.record.status == "closed" ||
        loaded.stored.record.status == domain::kClosureRequested) {
      if (loaded.stored.record.version != version)
        return Error::StaleVersion(loaded.stored.record.version);
      return Error::Conflict("Vụ việc đã đóng hoặc đang chờ duyệt đóng",
                             "The case is closed or waiting for its closure to be approved");
    }
    if (!repo.UpdateStatus(case_id, status, version, m.now_ms())) {
      return Error::StaleVersion(repo.Version(case_id));
    }
    m.Audit(CaseAudit("case.status", loaded.stored.record, status));
    return repo.Get(case_id)->record;
  });
}

Result<std::vector<storage::CaseAccess>> CasesService::AccessLog(const Caller& caller, Id case_id) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto keys, Keys());
  auto sql = store_.Lease();
  storage::CasesRepo repo(*sql);
  BD_ASSIGN_OR_RETURN(auto loaded, Load(repo, case_id));
  if (!domain::CanManageCase(*caller.user, loaded.stored.record, loaded.members,
                             *directory_.Tree())) {
    return Error::Forbidden();
  }
  return repo.AccessLog(case_id);
}

Result<std::vector<DuplicateHit>> CasesService::Duplicates(const Caller& caller,
                                                           const std::string& full_name,
                                                           const std::string& date_of_birth) {
  if (!caller.signed_in()) return Error::Unauthenticated();
  BD_ASSIGN_OR_RETURN(auto keys, Keys());
  if (!caller.user->active || !caller.user->Has(domain::Role::kCaseWorker)) {
    return Error::Forbidden();
  }
  const std::string dup = domain::DuplicateKey(full_name, date_of_birth);
  if (dup.empty()) {
    return Error::Invalid("full_name", "Cần nhập họ tên để tìm trùng", "full_name is required");
  }
  auto tree = directory_.Tree();
  // A search for duplicates is recorded (who looked, how many hits) like a read.
  return Mutate(store_, caller, [&](Mutation& m) -> Result<std::vector<DuplicateHit>> {
    storage::CasesRepo repo(m.sql());
    std::vector<DuplicateHit> hits;
    for (const auto& s : repo.WithBlindIndex(crypto::KeyedHashHex(keys->index_key, dup))) {
      hits.push_back(
          {s.record.id, s.record.code, s.record.unit_id,
           domain::CanReadCase(*caller.user, s.record, MembersNow(repo, s.record.id), *tree)});
    }
    m.Audit({"case.duplicates", "case", "", caller.user->unit_id, "ok",
             std::to_string(hits.size()) + " possible duplicates"});
    return hits;
  });
}

Result<long long> CasesService::RotateKey(storage::Store& store, const std::string& old_master,
                                          const std::string& new_master) {
  if (old_master.size() != crypto::kAeadKeyBytes || new_master.size() != crypto::kAeadKeyBytes) {
    return Error::Invalid("key", "Khóa phải đủ 32 byte", "keys are 32 bytes");
  }
  const CaseKeys old_keys = CaseKeys::From(old_master), new_keys = CaseKeys::From(new_master);
  Caller system = Caller::System();
  system.address = "cli";
  return Mutate(store, system, [&](Mutation& m) -> Result<long long> {
    storage::CasesRepo repo(m.sql());
    auto recorded = repo.Meta(kKeyIdMeta, m.lock());
    if (recorded && *recorded != old_keys.key_id) {
      return Error{
          ErrorCode::kInvalidArgument,
          {"Khóa hiện tại không phải khóa đã mã hóa cơ sở dữ liệu này (cần " + *recorded + ")",
           "the current key did not seal this database (it needs " + *recorded + ")"},
          {},
          0};
    }
    long long n = 0;
    for (auto& stored : repo.All()) {
      auto identity = Open(old_keys, stored);
      if (!identity) {
        return Error::Internal("vụ việc " + stored.record.code +
                               " không mở được bằng khóa hiện tại");
      }
      Seal(new_keys, stored.record.id, *identity, stored);
      repo.Reseal(stored);
      ++n;
    }
    for (const auto& t : repo.SealedTexts()) {
      auto plain = cases_internal::OpenText(old_keys, t.case_id, t.table, t.id, t.sealed);
      if (!plain) {
        return Error::Internal("ghi chú " + t.table + " " + IdToString(t.id) +
                               " không mở được bằng khóa hiện tại");
      }
      repo.SetSealed(t.table, t.column, t.id,
                     cases_internal::SealText(new_keys, t.case_id, t.table, t.id, *plain));
    }
    repo.SetMeta(kKeyIdMeta, new_keys.key_id);
    m.Audit({"case.keys.rotate", "case_key", new_keys.key_id, 0, "ok",
             "from " + old_keys.key_id + ", " + std::to_string(n) + " cases"});
    return n;
  });
}

}  // namespace binhdang::service
