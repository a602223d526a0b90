#include "analytics/engine.h"

#include <algorithm>

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
  for (auto& [key, p] : partitions_) {
    p.slot_at.clear();
    p.counted.clear();
    for (uint32_t s = 0; s < p.slots.size(); ++s) {
      Slot& slot = p.slots[s];
      if (!slot.live) continue;
      slot.position = PositionOf(slot.header.unit_id);
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
                      names_.Intern(v.level), names_.Intern(v.sex)});
  }
  return it->second;
}

void Engine::Link(Partition& p, uint32_t s) {
  const Slot& slot = p.slots[s];
  if (slot.position == kNoPosition) return;
  p.slot_at[slot.position] = s;
  if (!slot.counted) return;
  const std::pair<uint32_t, uint32_t> entry{slot.position, s};
  p.counted.insert(std::lower_bound(p.counted.begin(), p.counted.end(), entry), entry);
}

void Engine::Unlink(Partition& p, uint32_t s) {
  Slot& slot = p.slots[s];
  if (slot.position != kNoPosition) {
    auto at = p.slot_at.find(slot.position);
    if (at != p.slot_at.end() && at->second == s) p.slot_at.erase(at);
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
  slot.counted = header.Submitted();
  slot.live = true;
  slot.position = PositionOf(header.unit_id);
  slot.begin = static_cast<uint32_t>(p.cell.size());
  slot.count = 0;
  if (slot.counted) {
    // Grown by an eighth, not doubled: the columns are most of the engine's memory.
    const size_t need = p.cell.size() + values.size();
    if (need > p.cell.capacity()) {
      p.cell.reserve(need + need / 8 + 1024);
      p.value.reserve(need + need / 8 + 1024);
    }
    for (const auto& v : values) {
      p.cell.push_back(CellOf(header.template_code, v));
      p.value.push_back(v.value);
    }
    slot.count = static_cast<uint32_t>(values.size());
  }
  slot.header = std::move(header);
  Link(p, s);
  if (p.dead > 4096 && p.dead * 2 > p.cell.size()) Compact(p);
}

void Engine::Seal() {
  for (auto& [key, p] : partitions_) {
    if (p.dead > 0) Compact(p);
    p.cell.shrink_to_fit();
    p.value.shrink_to_fit();
    p.slots.shrink_to_fit();
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
  slot.live = false;
  slot.header = domain::Report{};
  where_.erase(found);
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
    c.included.push_back(slot.header.unit_id);
    if (reports) reports->push_back(&slot.header);
    const uint32_t* cell = p.cell.data() + slot.begin;
    const int64_t* value = p.value.data() + slot.begin;
    for (uint32_t i = 0; i < slot.count; ++i) {
      sums[cell[i]] += value[i];
      if (!seen[cell[i]]) seen[cell[i]] = 1, touched.push_back(cell[i]);
    }
    it = std::lower_bound(it, p.counted.end(), std::make_pair(subtree_end_[it->first], 0u));
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

const domain::Report* Engine::ReportOf(const std::string& template_code, const std::string& period,
                                       Id unit_id) const {
  const uint32_t templ = templates_.Find(template_code), per = periods_.Find(period);
  const uint32_t position = PositionOf(unit_id);
  if (templ == Dictionary::kNone || per == Dictionary::kNone || position == kNoPosition) {
    return nullptr;
  }
  auto pit = partitions_.find(Key(templ, per));
  if (pit == partitions_.end()) return nullptr;
  auto at = pit->second.slot_at.find(position);
  return at == pit->second.slot_at.end() ? nullptr : &pit->second.slots[at->second].header;
}

EngineMemory Engine::Memory() const {
  EngineMemory m;
  for (const auto& [key, p] : partitions_) {
    m.value_bytes += p.cell.capacity() * sizeof(uint32_t) + p.value.capacity() * sizeof(int64_t);
    m.values += p.cell.size() - p.dead;
    m.report_bytes += p.slots.capacity() * sizeof(Slot) +
                      p.counted.capacity() * sizeof(std::pair<uint32_t, uint32_t>) +
                      p.slot_at.size() * (sizeof(std::pair<uint32_t, uint32_t>) + 16) +
                      p.slot_at.bucket_count() * sizeof(void*);
    for (const Slot& s : p.slots) {
      for (const auto& [k, text] : s.header.sections)
        m.report_bytes += k.capacity() + text.capacity() + 64;
      m.report_bytes += s.header.template_code.capacity() + s.header.period.capacity() +
                        s.header.return_comment.capacity();
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
