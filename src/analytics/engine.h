// The analytics engine: every countable figure of the reports as a data value — (data element,
// category option combo, unit, period, value) — held in memory in columnar, dictionary-encoded,
// integer-keyed form. A data element is `<template>.<table>.<column>`; a category option combo
// is (row item, implementation level, sex). Units are laid out in tree order (pre-order over
// UnitTree::Children), so a subtree is a contiguous range of positions.
//
// Values are partitioned by (template, reporting period id): a report belongs to exactly one
// partition and is replaced whole when it changes. Within a partition the values of a report
// are a contiguous run of two columns (ordered by data element), a 32-bit cell id (element × combo,
// from a dictionary) and a 64-bit value: 12 bytes a value, plus a compact per-report header (~104
// bytes; the whole domain::Report only for reports with sections or a comment). Only reports that
// count (submitted or accepted) keep values; every report keeps its header (status, deadline,
// submission time, sections) for completeness and narratives.
//
// Pure code, no I/O. Not thread-safe: the owner (service::AnalyticsIndex) serialises writers
// against readers.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "analytics/consolidation.h"
#include "domain/report.h"
#include "domain/unit_tree.h"

namespace binhdang::analytics {

//! Strings to dense ids 0, 1, 2, ... and back.
class Dictionary {
 public:
  //! The id of `name`, adding it when new.
  uint32_t Intern(const std::string& name);
  //! The id of `name`, or kNone.
  uint32_t Find(const std::string& name) const;
  const std::string& Name(uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }
  size_t Bytes() const;

  static constexpr uint32_t kNone = UINT32_MAX;

 private:
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<std::string> names_;
};

//! How fresh an answer is: the engine has applied the change log up to `sequence`, the
//! change with that number was written at `changed_at_ms` (0 when the log is empty), and the
//! log was last looked at `checked_at_ms`.
struct AsOf {
  long long sequence = 0;
  int64_t changed_at_ms = 0;
  int64_t checked_at_ms = 0;
};

//! Memory held by the engine, in bytes.
struct EngineMemory {
  size_t values = 0;        // live data values
  size_t value_bytes = 0;   // the value columns (capacity, dead runs included)
  size_t report_bytes = 0;  // report headers, their sections and the per-report indexes
  size_t other_bytes = 0;   // dictionaries and the unit layout
  double BytesPerValue() const {
    return values ? static_cast<double>(value_bytes) / static_cast<double>(values) : 0.0;
  }
  double AllBytesPerValue() const {
    return values ? static_cast<double>(value_bytes + report_bytes + other_bytes) /
                        static_cast<double>(values)
                  : 0.0;
  }
};

//! A question to the engine: sums of data elements over periods and units, split by category.
struct Query {
  struct Element {
    std::string code;  // "<template>.<table>.<column>"
    std::string sex;   // "" (all), "male", "female"
  };
  std::vector<Element> elements;
  //! Output periods. A period takes the reports of its template whose period lies within it
  //! (domain::PeriodWithin), of the coarsest kind present: a year counts a template's annual
  //! reports when there are any, else its halves, else its quarters or months or action month,
  //! so a year and its halves are never both counted.
  std::vector<domain::Period> periods;
  //! Output units. A unit counts its own report when it has one that counts, else (as
  //! Consolidate does) what its subtree's reports add up to. Units dissolved in a
  //! reorganisation and fully merged into a unit of the subtree count there too.
  std::vector<Id> units;
  bool by_sex = false, by_level = false, by_item = false;
};

//! A row of an answer: indexes into the query's elements, periods and units, the split's
//! names ("" when not split; "total" for the total over the splits) and the sum.
struct QueryRow {
  uint32_t element = 0, period = 0, unit = 0;
  std::string sex, level, item;
  int64_t value = 0;
  uint32_t reports = 0;  // how many reports the sum took values from
};
struct QueryResult {
  std::vector<QueryRow> rows;
  //! For each output unit, the units merged into it only in part whose figures it does not
  //! count (they count where the whole of them went, if anywhere).
  std::vector<std::vector<Id>> partial;
  size_t values_scanned = 0;
};

class Engine {
 public:
  //! An empty engine over `tree` (never null).
  explicit Engine(std::shared_ptr<const domain::UnitTree> tree);

  //! Puts report `header` (its rows are ignored) with its data values, replacing what the
  //! engine held for the same report id. The values are kept only when the report counts
  //! (submitted or accepted).
  void Put(domain::Report header, const std::vector<domain::DataValue>& values);
  //! Releases the slack of the columns and report tables after a bulk load.
  void Seal();
  //! Forgets report `id`, if held.
  void Remove(Id id);
  //! Lays the units out again after the unit tree changed. Reports of units the tree no longer
  //! has stay held but are outside every subtree.
  void SetTree(std::shared_ptr<const domain::UnitTree> tree);
  const std::shared_ptr<const domain::UnitTree>& tree() const { return tree_; }

  //! The consolidation of the subtree of `unit_id` for `template_code` and `period`, with the
  //! semantics of analytics::Consolidate: each child counted through its own counted report or,
  //! without one, through its children; the unit's own report is not counted. With `reports`,
  //! also the headers of the included reports, in the order of `included` (valid until the
  //! next write to the engine).
  Consolidation Consolidate(const std::string& template_code, const std::string& period, Id unit_id,
                            std::vector<const domain::Report*>* reports = nullptr) const;
  //! The header of the report of `unit_id` for `template_code` and `period` (any status), or
  //! null. Valid until the next write to the engine.
  const domain::Report* ReportOf(const std::string& template_code, const std::string& period,
                                 Id unit_id) const;

  //! Answers `q`. Elements of unknown templates simply have no rows.
  QueryResult Run(const Query& q) const;

  size_t report_count() const { return where_.size(); }
  EngineMemory Memory() const;

 private:
  static constexpr uint32_t kNoPosition = UINT32_MAX;

  //! A report's header, compact: the fixed fields inline (the template and period are the
  //! partition's, the unit is `unit_id`); the whole domain::Report is kept aside, in
  //! Partition::full, only for the few reports that carry text (sections, a reviewer's
  //! comment) or a due date that does not survive the round trip through days.
  struct Slot {
    Id id = 0, template_id = 0, unit_id = 0, plan_id = 0, created_by = 0;
    long long version = 1;
    int64_t created_at_ms = 0, updated_at_ms = 0, submitted_at_ms = 0, reviewed_at_ms = 0;
    uint32_t position = kNoPosition;
    uint32_t begin = 0, count = 0;  // the report's run in the value columns
    uint32_t full = kNoPosition;    // index in Partition::full (reused), or kNoPosition
    int32_t due_days = 0;
    uint8_t status = 0;
    uint8_t flags = 0;  // kCounted | kLive | kHasPlan | kSubmittedAt | kReviewedAt | kWhole
  };
  static constexpr uint8_t kCounted = 1, kLive = 2, kHasPlan = 4, kSubmittedAt = 8,
                           kReviewedAt = 16,
                           kWhole = 32;  // the header is p.full[slot.full]
  struct Partition {
    std::vector<uint32_t> cell;  // column: cell id (element × combo)
    std::vector<int64_t> value;  // column: the value
    size_t dead = 0;             // values of replaced reports, until compaction
    std::vector<Slot> slots;
    std::vector<domain::Report> full;  // whole headers of the reports that need them
    std::vector<uint32_t> slot_at;     // by position: slot, any status, or kNoPosition
    std::vector<std::pair<uint32_t, uint32_t>> counted;  // (position, slot) sorted
  };
  struct Cell {
    uint32_t table, column, item, level, sex;  // ids in names_
    uint32_t element;                          // id in elements_
  };
  //! A unit dissolved in a reorganisation, at `position`, and where it went: the unit at
  //! `successor` (the last of a chain of full merges, or one of a partial merge's).
  struct Heir {
    uint32_t successor, position;
    bool operator<(const Heir& o) const {
      return successor != o.successor ? successor < o.successor : position < o.position;
    }
  };
  //! The position ranges [begin, end) whose reports count for the unit at `position` besides
  //! its own subtree: the subtrees of dissolved units fully merged into it, outermost only.
  std::vector<std::pair<uint32_t, uint32_t>> MergedRanges(uint32_t position) const;

  static uint64_t Key(uint32_t templ, uint32_t period) {
    return (static_cast<uint64_t>(templ) << 32) | period;
  }
  uint32_t PositionOf(Id unit) const;
  uint32_t CellOf(const std::string& templ, const domain::DataValue& v);
  void Unlink(Partition& p, uint32_t slot);
  void Link(Partition& p, uint32_t slot);
  void Compact(Partition& p);
  //! The header of slot `s` of `p` (template `templ`, period `per`), made whole when compact:
  //! kept in header_cache_ until the next write.
  const domain::Report* HeaderOf(const Partition& p, uint32_t s, uint32_t templ,
                                 uint32_t per) const;
  void DropHeaderCache();

  std::shared_ptr<const domain::UnitTree> tree_;
  std::unordered_map<Id, uint32_t> position_of_;
  std::vector<uint32_t> subtree_end_;  // by position: one past the last position of its subtree
  std::vector<Id> unit_at_;            // by position
  std::vector<Heir> full_heirs_, partial_heirs_;  // sorted

  Dictionary templates_, periods_, elements_, combos_, names_;
  std::unordered_map<uint64_t, uint32_t> cell_of_;  // element << 32 | combo → cell
  std::vector<Cell> cells_;
  //! Put's scratch: a report's values while they are put in element order.
  struct RunValue {
    uint32_t cell;
    int64_t value;
  };
  std::vector<RunValue> run_;
  std::unordered_map<uint64_t, Partition> partitions_;
  std::unordered_map<Id, std::pair<uint64_t, uint32_t>> where_;  // report id → partition, slot
  //! Compact headers made whole for readers (ReportOf, Consolidate), by report id; readers
  //! share the engine, so the cache has its own lock. Emptied by every write.
  mutable std::mutex header_cache_mu_;
  mutable std::unordered_map<Id, std::unique_ptr<domain::Report>> header_cache_;
};

}  // namespace binhdang::analytics
