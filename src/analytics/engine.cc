#include "analytics/engine.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "domain/period.h"

namespace binhdang::analytics {

uint32_t Dictionary::Intern(const std::string& name) {
  auto [it, added] = ids_.try_emplace(name, static_cast<uint32_t>(names_.size()));
  if (added) names_.push_back(name);
  return it->second;
}

uint32_t Dictionary::Find(const std::string& name) const {
  auto it = ids_.find(name);
  return it == ids_.end() ? kNone : it->second;
}

size_t Dictionary::Bytes() const {
  size_t n = names_.capacity() * sizeof(std::string) + ids_.bucket_count() * sizeof(void*);
  for (const auto& s : names_)
    n += 2 * (s.capacity() + sizeof(std::string) + sizeof(uint32_t) + 16);
  return n;
}

Engine::Engine(std::shared_ptr<const domain::UnitTree> tree) { SetTree(std::move(tree)); }

void Engine::SetTree(std::shared_ptr<const domain::UnitTree> tree) {
  tree_ = std::move(tree);
  position_of_.clear();
  unit_at_.clear();
  subtree_end_.clear();
  position_of_.reserve(tree_->size());
  unit_at_.reserve(tree_->size());
  // Pre-order over the children lists: the order analytics::Consolidate visits.
  std::vector<std::pair<Id, bool>> stack;  // (unit, children done)
  for (auto it = tree_->roots().rbegin(); it != tree_->roots().rend(); ++it)
    stack.push_back({*it, false});
  std::vector<uint32_t> open;
  subtree_end_.resize(tree_->size(), 0);
  while (!stack.empty()) {
    auto [u, done] = stack.back();
    stack.pop_back();
    if (done) {
      subtree_end_[position_of_.at(u)] = static_cast<uint32_t>(unit_at_.size());
      continue;
    }
    if (!position_of_.emplace(u, static_cast<uint32_t>(unit_at_.size())).second) continue;
    unit_at_.push_back(u);
    stack.push_back({u, true});
    const auto& children = tree_->Children(u);
    for (auto c = children.rbegin(); c != children.rend(); ++c) stack.push_back({*c, false});
  }
  subtree_end_.resize(unit_at_.size());
  // Where dissolved units went: the end of a chain of full merges, or each partial successor.
  full_heirs_.clear();
  partial_heirs_.clear();
  for (uint32_t pos = 0; pos < unit_at_.size(); ++pos) {
    const Id u = unit_at_[pos];
    const auto& successors = tree_->Successors(u);
    if (successors.empty()) continue;
    Id current = u;
    for (int hop = 0; hop < 16; ++hop) {
      const domain::LineageLink* full = nullptr;
      for (const auto& l : tree_->Successors(current))
        if (l.type == domain::MergeType::kFull) full = &l;
      if (!full || full->successor_id == current) break;
      current = full->successor_id;
    }
    if (current != u) {
      if (uint32_t at = PositionOf(current); at != kNoPosition) full_heirs_.push_back({at, pos});
    } else {
      for (const auto& l : successors)
        if (uint32_t at = PositionOf(l.successor_id); at != kNoPosition)
          partial_heirs_.push_back({at, pos});
    }
  }
  std::sort(full_heirs_.begin(), full_heirs_.end());
  std::sort(partial_heirs_.begin(), partial_heirs_.end());
  DropHeaderCache();
  for (auto& [key, p] : partitions_) {
    p.slot_at.assign(unit_at_.size(), kNoPosition);
    p.counted.clear();
    for (uint32_t s = 0; s < p.slots.size(); ++s) {
      Slot& slot = p.slots[s];
      if (!(slot.flags & kLive)) continue;
      slot.position = PositionOf(slot.unit_id);
      Link(p, s);
    }
  }
}

uint32_t Engine::PositionOf(Id unit) const {
  auto it = position_of_.find(unit);
  return it == position_of_.end() ? kNoPosition : it->second;
}

uint32_t Engine::CellOf(const std::string& templ, const domain::DataValue& v) {
  const uint32_t element = elements_.Intern(templ + "." + v.table + "." + v.column);
  const uint32_t combo = combos_.Intern(v.item + "\x1f" + v.level + "\x1f" + v.sex);
  const uint64_t key = (static_cast<uint64_t>(element) << 32) | combo;
  auto [it, added] = cell_of_.try_emplace(key, static_cast<uint32_t>(cells_.size()));
  if (added) {
    cells_.push_back({names_.Intern(v.table), names_.Intern(v.column), names_.Intern(v.item),
                      names_.Intern(v.level), names_.Intern(v.sex), element});
  }
  return it->second;
}

void Engine::Link(Partition& p, uint32_t s) {
  const Slot& slot = p.slots[s];
  if (slot.position == kNoPosition) return;
  if (p.slot_at.size() < unit_at_.size()) p.slot_at.resize(unit_at_.size(), kNoPosition);
  p.slot_at[slot.position] = s;
  if (!(slot.flags & kCounted)) return;
  const std::pair<uint32_t, uint32_t> entry{slot.position, s};
  if (p.counted.empty() || p.counted.back() < entry)
    p.counted.push_back(entry);  // loads in tree order
  else
    p.counted.insert(std::lower_bound(p.counted.begin(), p.counted.end(), entry), entry);
}

void Engine::Unlink(Partition& p, uint32_t s) {
  Slot& slot = p.slots[s];
  if (slot.position != kNoPosition) {
    if (slot.position < p.slot_at.size() && p.slot_at[slot.position] == s)
      p.slot_at[slot.position] = kNoPosition;
    const std::pair<uint32_t, uint32_t> entry{slot.position, s};
    auto it = std::lower_bound(p.counted.begin(), p.counted.end(), entry);
    if (it != p.counted.end() && *it == entry) p.counted.erase(it);
  }
  p.dead += slot.count;
  slot.count = 0;
}

void Engine::Compact(Partition& p) {
  std::vector<uint32_t> cell;
  std::vector<int64_t> value;
  cell.reserve(p.cell.size() - p.dead);
  value.reserve(p.value.size() - p.dead);
  for (Slot& slot : p.slots) {
    const uint32_t begin = static_cast<uint32_t>(cell.size());
    cell.insert(cell.end(), p.cell.begin() + slot.begin, p.cell.begin() + slot.begin + slot.count);
    value.insert(value.end(), p.value.begin() + slot.begin,
                 p.value.begin() + slot.begin + slot.count);
    slot.begin = begin;
  }
  p.cell = std::move(cell);
  p.value = std::move(value);
  p.dead = 0;
}

void Engine::Put(domain::Report header, const std::vector<domain::DataValue>& values) {
  DropHeaderCache();
  header.rows.clear();
  const uint64_t key = Key(templates_.Intern(header.template_code), periods_.Intern(header.period));
  auto found = where_.find(header.id);
  if (found != where_.end() && found->second.first != key) {
    Remove(header.id);
    found = where_.end();
  }
  Partition& p = partitions_[key];
  uint32_t s;
  if (found != where_.end()) {
    s = found->second.second;
    Unlink(p, s);
  } else {
    s = static_cast<uint32_t>(p.slots.size());
    p.slots.emplace_back();
    where_[header.id] = {key, s};
  }
  Slot& slot = p.slots[s];
  const bool counted = header.Submitted();
  slot.position = PositionOf(header.unit_id);
  slot.begin = static_cast<uint32_t>(p.cell.size());
  slot.count = 0;
  if (counted) {
    // Grown by an eighth, not doubled: the columns are most of the engine's memory.
    const size_t need = p.cell.size() + values.size();
    if (need > p.cell.capacity()) {
      p.cell.reserve(need + need / 8 + 1024);
      p.value.reserve(need + need / 8 + 1024);
    }
    // The run is ordered by data element (then cell), so that a query reads only the part of
    // a report that holds the elements it asks for (Run's take).
    run_.clear();
    for (const auto& v : values) run_.push_back({CellOf(header.template_code, v), v.value});
    std::sort(run_.begin(), run_.end(), [&](const RunValue& a, const RunValue& b) {
      const uint32_t ea = cells_[a.cell].element, eb = cells_[b.cell].element;
      return ea != eb ? ea < eb : a.cell < b.cell;
    });
    for (const auto& v : run_) {
      p.cell.push_back(v.cell);
      p.value.push_back(v.value);
    }
    slot.count = static_cast<uint32_t>(values.size());
  }
  slot.id = header.id;
  slot.template_id = header.template_id;
  slot.unit_id = header.unit_id;
  slot.plan_id = header.plan_id.value_or(0);
  slot.created_by = header.created_by;
  slot.version = header.version;
  slot.created_at_ms = header.created_at_ms;
  slot.updated_at_ms = header.updated_at_ms;
  slot.submitted_at_ms = header.submitted_at_ms.value_or(0);
  slot.reviewed_at_ms = header.reviewed_at_ms.value_or(0);
  slot.due_days = static_cast<int32_t>(header.due_date.ToDays());
  slot.status = static_cast<uint8_t>(header.status);
  slot.flags = static_cast<uint8_t>(
      kLive | (counted ? kCounted : 0) | (header.plan_id ? kHasPlan : 0) |
      (header.submitted_at_ms ? kSubmittedAt : 0) | (header.reviewed_at_ms ? kReviewedAt : 0));
  // Text, or a date the compact form would not give back: the whole header, aside.
  const bool whole = !header.sections.empty() || !header.return_comment.empty() ||
                     Date::FromDays(slot.due_days) != header.due_date;
  if (whole) {
    slot.flags |= kWhole;
    if (slot.full == kNoPosition) {
      slot.full = static_cast<uint32_t>(p.full.size());
      p.full.push_back(std::move(header));
    } else {
      p.full[slot.full] = std::move(header);
    }
  } else if (slot.full != kNoPosition) {
    p.full[slot.full] = domain::Report{};  // a hole, reused if the report gets text again
  }
  Link(p, s);
  if (p.dead > 4096 && p.dead * 2 > p.cell.size()) Compact(p);
}

const domain::Report* Engine::HeaderOf(const Partition& p, uint32_t s, uint32_t templ,
                                       uint32_t per) const {
  const Slot& slot = p.slots[s];
  if (slot.flags & kWhole) return &p.full[slot.full];
  std::lock_guard lock(header_cache_mu_);
  auto& made = header_cache_[slot.id];
  if (!made) {
    made = std::make_unique<domain::Report>();
    domain::Report& r = *made;
    r.id = slot.id;
    r.template_id = slot.template_id;
    r.template_code = templates_.Name(templ);
    r.unit_id = slot.unit_id;
    r.period = periods_.Name(per);
    if (slot.flags & kHasPlan) r.plan_id = slot.plan_id;
    r.status = static_cast<domain::ReportStatus>(slot.status);
    r.due_date = Date::FromDays(slot.due_days);
    if (slot.flags & kSubmittedAt) r.submitted_at_ms = slot.submitted_at_ms;
    if (slot.flags & kReviewedAt) r.reviewed_at_ms = slot.reviewed_at_ms;
    r.version = slot.version;
    r.created_by = slot.created_by;
    r.created_at_ms = slot.created_at_ms;
    r.updated_at_ms = slot.updated_at_ms;
  }
  return made.get();
}

void Engine::DropHeaderCache() {
  std::lock_guard lock(header_cache_mu_);
  header_cache_.clear();
}

void Engine::Seal() {
  for (auto& [key, p] : partitions_) {
    if (p.dead > 0) Compact(p);
    p.cell.shrink_to_fit();
    p.value.shrink_to_fit();
    p.slots.shrink_to_fit();
    p.full.shrink_to_fit();
    p.counted.shrink_to_fit();
  }
  cells_.shrink_to_fit();
}

void Engine::Remove(Id id) {
  auto found = where_.find(id);
  if (found == where_.end()) return;
  Partition& p = partitions_[found->second.first];
  Unlink(p, found->second.second);
  Slot& slot = p.slots[found->second.second];
  slot.flags = 0;
  if (slot.full != kNoPosition) p.full[slot.full] = domain::Report{};
  where_.erase(found);
  DropHeaderCache();
}

Consolidation Engine::Consolidate(const std::string& template_code, const std::string& period,
                                  Id unit_id, std::vector<const domain::Report*>* reports) const {
  Consolidation c;
  c.unit_id = unit_id;
  const uint32_t templ = templates_.Find(template_code), per = periods_.Find(period);
  const uint32_t root = PositionOf(unit_id);
  if (templ == Dictionary::kNone || per == Dictionary::kNone || root == kNoPosition) return c;
  auto pit = partitions_.find(Key(templ, per));
  if (pit == partitions_.end()) return c;
  const Partition& p = pit->second;
  // The counted reports of the subtree that no counted report between them and the root
  // covers: walk the sorted positions, skipping the subtree of each report taken.
  std::vector<int64_t> sums(cells_.size(), 0);
  std::vector<uint8_t> seen(cells_.size(), 0);
  std::vector<uint32_t> touched;
  const uint32_t end = subtree_end_[root];
  auto it = std::lower_bound(p.counted.begin(), p.counted.end(), std::make_pair(root + 1, 0u));
  while (it != p.counted.end() && it->first < end) {
    const Slot& slot = p.slots[it->second];
    c.included.push_back(slot.unit_id);
    if (reports) reports->push_back(HeaderOf(p, it->second, templ, per));
    const uint32_t* cell = p.cell.data() + slot.begin;
    const int64_t* value = p.value.data() + slot.begin;
    for (uint32_t i = 0; i < slot.count; ++i) {
      sums[cell[i]] += value[i];
      if (!seen[cell[i]]) seen[cell[i]] = 1, touched.push_back(cell[i]);
    }
    const uint32_t skip_to = subtree_end_[it->first];
    ++it;  // a leaf's subtree ends where the next entry begins: no search
    if (it != p.counted.end() && it->first < skip_to)
      it = std::lower_bound(it, p.counted.end(), std::make_pair(skip_to, 0u));
  }
  // Decode only the cells the answer has.
  for (uint32_t id : touched) {
    const Cell& k = cells_[id];
    c.cells[{names_.Name(k.table), names_.Name(k.item), names_.Name(k.level), names_.Name(k.column),
             names_.Name(k.sex)}] += sums[id];
    c.totals[{names_.Name(k.table), names_.Name(k.column), names_.Name(k.sex)}] += sums[id];
  }
  return c;
}

std::vector<std::pair<uint32_t, uint32_t>> Engine::MergedRanges(uint32_t position) const {
  const uint32_t end = subtree_end_[position];
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  auto it = std::lower_bound(full_heirs_.begin(), full_heirs_.end(), Heir{position, 0});
  for (; it != full_heirs_.end() && it->successor < end; ++it) {
    if (it->position >= position && it->position < end) continue;  // already in the subtree
    ranges.push_back({it->position, subtree_end_[it->position]});
  }
  // Outermost only: an old commune inside an old province already taken is not taken again.
  std::sort(ranges.begin(), ranges.end());
  std::vector<std::pair<uint32_t, uint32_t>> outer;
  for (const auto& r : ranges) {
    if (!outer.empty() && r.first < outer.back().second) continue;
    outer.push_back(r);
  }
  return outer;
}

QueryResult Engine::Run(const Query& q) const {
  QueryResult out;
  out.partial.resize(q.units.size());
  // Groups: (query element, sex, level, item) with the splits asked for, dense ids; each cell
  // of a wanted element feeds one group per query element that wants it.
  std::map<std::tuple<uint32_t, uint32_t, uint32_t, uint32_t>, uint32_t> group_ids;
  struct Group {
    uint32_t element, sex, level, item;  // names_ ids, or kNone when not split
  };
  std::vector<Group> groups;
  std::vector<uint32_t> cell_begin(cells_.size() + 1, 0), cell_groups;
  std::vector<std::vector<uint32_t>> feeds(cells_.size());
  std::vector<uint32_t> templates_wanted;
  const uint32_t female = names_.Find("female"), male = names_.Find("male");
  for (uint32_t qi = 0; qi < q.elements.size(); ++qi) {
    const auto& e = q.elements[qi];
    const uint32_t element = elements_.Find(e.code);
    const uint32_t templ = templates_.Find(e.code.substr(0, e.code.find('.')));
    if (element == Dictionary::kNone || templ == Dictionary::kNone) continue;
    if (std::find(templates_wanted.begin(), templates_wanted.end(), templ) ==
        templates_wanted.end())
      templates_wanted.push_back(templ);
    const uint32_t sex_filter = e.sex == "female" ? female
                                : e.sex == "male" ? male
                                                  : Dictionary::kNone;
    if (!e.sex.empty() && sex_filter == Dictionary::kNone) continue;
    for (uint32_t c = 0; c < cells_.size(); ++c) {
      const Cell& k = cells_[c];
      if (k.element != element) continue;
      if (sex_filter != Dictionary::kNone && k.sex != sex_filter) continue;
      const auto key = std::make_tuple(qi, q.by_sex ? k.sex : Dictionary::kNone,
                                       q.by_level ? k.level : Dictionary::kNone,
                                       q.by_item ? k.item : Dictionary::kNone);
      auto [it, added] = group_ids.try_emplace(key, static_cast<uint32_t>(groups.size()));
      if (added) groups.push_back({qi, std::get<1>(key), std::get<2>(key), std::get<3>(key)});
      feeds[c].push_back(it->second);
    }
  }
  for (uint32_t c = 0; c < cells_.size(); ++c) {
    cell_begin[c] = static_cast<uint32_t>(cell_groups.size());
    cell_groups.insert(cell_groups.end(), feeds[c].begin(), feeds[c].end());
  }
  cell_begin[cells_.size()] = static_cast<uint32_t>(cell_groups.size());
  if (groups.empty()) return out;
  // The elements asked for, in the order runs are sorted in, and each cell's element.
  std::vector<uint32_t> elements_wanted, element_of(cells_.size());
  for (uint32_t c = 0; c < cells_.size(); ++c) {
    element_of[c] = cells_[c].element;
    if (cell_begin[c] != cell_begin[c + 1]) elements_wanted.push_back(cells_[c].element);
  }
  std::sort(elements_wanted.begin(), elements_wanted.end());
  elements_wanted.erase(std::unique(elements_wanted.begin(), elements_wanted.end()),
                        elements_wanted.end());
  std::vector<std::pair<uint32_t, uint32_t>> hint(elements_wanted.size(), {0, 0});

  // For each output period, the partitions of each template wanted that roll up into it.
  std::vector<domain::Period> held(periods_.size());
  std::vector<bool> parsed(periods_.size(), false);
  for (uint32_t i = 0; i < periods_.size(); ++i) {
    if (auto p = domain::ParsePeriod(periods_.Name(i))) held[i] = *p, parsed[i] = true;
  }
  std::vector<std::vector<const Partition*>> parts_of(q.periods.size());
  for (size_t pi = 0; pi < q.periods.size(); ++pi) {
    for (uint32_t templ : templates_wanted) {
      int best = -1;
      std::vector<std::pair<int, const Partition*>> found;
      for (const auto& [key, part] : partitions_) {
        if (static_cast<uint32_t>(key >> 32) != templ) continue;
        const uint32_t per = static_cast<uint32_t>(key & 0xffffffffu);
        if (!parsed[per] || !domain::PeriodWithin(held[per], q.periods[pi])) continue;
        const int rank = domain::PeriodRank(held[per].kind);
        found.push_back({rank, &part});
        best = std::max(best, rank);
      }
      for (const auto& [rank, part] : found)
        if (rank == best) parts_of[pi].push_back(part);
    }
  }

  std::vector<int64_t> acc(groups.size(), 0);
  std::vector<uint32_t> reports(groups.size(), 0), touched;
  std::vector<uint8_t> seen(groups.size(), 0);
  std::vector<uint32_t> mark(groups.size(), 0);
  uint32_t stamp = 0;  // one per report taken
  for (uint32_t ui = 0; ui < q.units.size(); ++ui) {
    const uint32_t root = PositionOf(q.units[ui]);
    if (root == kNoPosition) continue;
    const auto merged = MergedRanges(root);
    {
      // Partial predecessors: named, not counted.
      const uint32_t end = subtree_end_[root];
      auto it = std::lower_bound(partial_heirs_.begin(), partial_heirs_.end(), Heir{root, 0});
      for (; it != partial_heirs_.end() && it->successor < end; ++it) {
        bool inside = it->position >= root && it->position < end;
        for (const auto& r : merged)
          inside = inside || (it->position >= r.first && it->position < r.second);
        const Id id = unit_at_[it->position];
        auto& list = out.partial[ui];
        if (!inside && std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
      }
    }
    for (uint32_t pi = 0; pi < q.periods.size(); ++pi) {
      // A report's run is ordered by element (Put): only the stretch of each wanted element
      // is read. Raw pointers, so that the stores into the sums do not make the compiler
      // reload the vectors' data on every value.
      int64_t* const acc_p = acc.data();
      uint32_t* const reports_p = reports.data();
      uint32_t* const mark_p = mark.data();
      uint8_t* const seen_p = seen.data();
      const uint32_t* const element_p = element_of.data();
      const uint32_t* const begin_p = cell_begin.data();
      const uint32_t* const groups_p = cell_groups.data();
      auto add = [&](const uint32_t* c, const int64_t* v, uint32_t n) {
        for (uint32_t i = 0; i < n; ++i) {
          for (uint32_t g = begin_p[c[i]], ge = begin_p[c[i] + 1]; g < ge; ++g) {
            const uint32_t gid = groups_p[g];
            acc_p[gid] += v[i];
            if (mark_p[gid] != stamp) {
              mark_p[gid] = stamp;
              ++reports_p[gid];
              if (!seen_p[gid]) seen_p[gid] = 1, touched.push_back(gid);
            }
          }
        }
        out.values_scanned += n;
      };
      auto take = [&](const Partition& p, uint32_t run_begin, uint32_t count) {
        const uint32_t* cell = p.cell.data() + run_begin;
        const int64_t* value = p.value.data() + run_begin;
        ++stamp;
        uint32_t from = 0;
        for (size_t w = 0; w < elements_wanted.size(); ++w) {
          const uint32_t element = elements_wanted[w];
          // Reports of a template mostly share one layout: the stretch where the previous
          // report had this element, checked at its two edges, saves the search.
          const auto [at, len] = hint[w];
          const uint32_t* c = cell + std::min(at, count);  // never past the run
          if (len && at >= from && at + len <= count && element_p[c[0]] == element &&
              element_p[c[len - 1]] == element && (at == from || element_p[c[-1]] < element) &&
              (at + len == count || element_p[c[len]] != element)) {
            add(c, value + at, len);
            from = at + len;
            continue;
          }
          uint32_t lo = from, hi = count;
          while (lo < hi) {
            const uint32_t mid = lo + (hi - lo) / 2;
            if (element_p[cell[mid]] < element)
              lo = mid + 1;
            else
              hi = mid;
          }
          uint32_t i = lo;
          while (i < count && element_p[cell[i]] == element) ++i;
          add(cell + lo, value + lo, i - lo);
          hint[w] = {lo, i - lo};
          from = i;
        }
      };
      // Asks the memory for the next report's stretch while this one is summed.
      auto prefetch = [&](const Partition& p, uint32_t run_begin) {
        if (hint.empty()) return;
        const uint32_t at = run_begin + hint[0].first;
        __builtin_prefetch(p.cell.data() + at);
        __builtin_prefetch(p.value.data() + at);
      };
      // The topmost counted reports of [begin, end): each taken covers its subtree. Most
      // reports are leaves' (agencies), whose subtree ends where the next entry begins: that
      // case steps on without a search.
      auto scan = [&](const Partition& p, uint32_t begin, uint32_t end) {
        const auto last = p.counted.end();
        auto it = std::lower_bound(p.counted.begin(), last, std::make_pair(begin, 0u));
        while (it != last && it->first < end) {
          if (it + 1 != last) prefetch(p, p.slots[it[1].second].begin);
          const Slot& slot = p.slots[it->second];
          take(p, slot.begin, slot.count);
          const uint32_t skip_to = subtree_end_[it->first];
          ++it;
          if (it != last && it->first < skip_to)
            it = std::lower_bound(it, last, std::make_pair(skip_to, 0u));
        }
      };
      for (const Partition* p : parts_of[pi]) {
        const uint32_t own = root < p->slot_at.size() ? p->slot_at[root] : kNoPosition;
        if (own != kNoPosition && (p->slots[own].flags & kCounted)) {
          take(*p, p->slots[own].begin, p->slots[own].count);
          continue;
        }
        scan(*p, root + 1, subtree_end_[root]);
        for (const auto& r : merged) scan(*p, r.first, r.second);
      }
      if (touched.empty()) continue;
      // By element, then the splits' names (so answers read the same on every server).
      auto name_of = [&](uint32_t id) -> const std::string& {
        static const std::string kEmpty;
        return id == Dictionary::kNone ? kEmpty : names_.Name(id);
      };
      std::sort(touched.begin(), touched.end(), [&](uint32_t a, uint32_t b) {
        const Group &x = groups[a], &y = groups[b];
        if (x.element != y.element) return x.element < y.element;
        if (x.sex != y.sex) return name_of(x.sex) < name_of(y.sex);
        if (x.level != y.level) return name_of(x.level) < name_of(y.level);
        return name_of(x.item) < name_of(y.item);
      });
      const bool split = q.by_sex || q.by_level || q.by_item;
      auto name = [&](uint32_t id) {
        return id == Dictionary::kNone ? std::string() : names_.Name(id);
      };
      int64_t total = 0;
      uint32_t total_reports = 0;
      for (size_t i = 0; i < touched.size(); ++i) {
        const uint32_t gid = touched[i];
        const Group& g = groups[gid];
        out.rows.push_back(
            {g.element, pi, ui, name(g.sex), name(g.level), name(g.item), acc[gid], reports[gid]});
        total += acc[gid];
        total_reports = std::max(total_reports, reports[gid]);
        const bool last = i + 1 == touched.size() || groups[touched[i + 1]].element != g.element;
        if (split && last) {
          const std::string t = "total";
          out.rows.push_back({g.element, pi, ui, q.by_sex ? t : "", q.by_level ? t : "",
                              q.by_item ? t : "", total, total_reports});
          total = 0;
          total_reports = 0;
        }
        acc[gid] = 0, reports[gid] = 0, seen[gid] = 0;
      }
      touched.clear();
    }
  }
  return out;
}

const domain::Report* Engine::ReportOf(const std::string& template_code, const std::string& period,
                                       Id unit_id) const {
  const uint32_t templ = templates_.Find(template_code), per = periods_.Find(period);
  const uint32_t position = PositionOf(unit_id);
  if (templ == Dictionary::kNone || per == Dictionary::kNone || position == kNoPosition) {
    return nullptr;
  }
  auto pit = partitions_.find(Key(templ, per));
  if (pit == partitions_.end()) return nullptr;
  const Partition& p = pit->second;
  if (position >= p.slot_at.size() || p.slot_at[position] == kNoPosition) return nullptr;
  return HeaderOf(p, p.slot_at[position], templ, per);
}

EngineMemory Engine::Memory() const {
  EngineMemory m;
  for (const auto& [key, p] : partitions_) {
    m.value_bytes += p.cell.capacity() * sizeof(uint32_t) + p.value.capacity() * sizeof(int64_t);
    m.values += p.cell.size() - p.dead;
    m.report_bytes += p.slots.capacity() * sizeof(Slot) +
                      p.full.capacity() * sizeof(domain::Report) +
                      p.counted.capacity() * sizeof(std::pair<uint32_t, uint32_t>) +
                      p.slot_at.capacity() * sizeof(uint32_t);
    for (const domain::Report& r : p.full) {
      for (const auto& [k, text] : r.sections)
        m.report_bytes += k.capacity() + text.capacity() + 64;
      m.report_bytes +=
          r.template_code.capacity() + r.period.capacity() + r.return_comment.capacity();
    }
  }
  m.report_bytes += where_.size() * (sizeof(std::pair<Id, std::pair<uint64_t, uint32_t>>) + 16) +
                    where_.bucket_count() * sizeof(void*);
  m.other_bytes = templates_.Bytes() + periods_.Bytes() + elements_.Bytes() + combos_.Bytes() +
                  names_.Bytes() + cells_.capacity() * sizeof(Cell) +
                  cell_of_.size() * (sizeof(std::pair<uint64_t, uint32_t>) + 16) +
                  position_of_.size() * (sizeof(std::pair<Id, uint32_t>) + 16) +
                  subtree_end_.capacity() * sizeof(uint32_t) + unit_at_.capacity() * sizeof(Id);
  return m;
}

}  // namespace binhdang::analytics
