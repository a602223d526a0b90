// UnitTree: an immutable in-memory index of every unit and lineage link, built once from the
// store and swapped whole when units change. Lookups, children, ancestry and ranked search
// run without touching the database. Thread-safe for concurrent readers (it is immutable).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/unit.h"

namespace binhdang::domain {

class UnitTree {
 public:
  UnitTree(std::vector<Unit> units, std::vector<LineageLink> links);

  const Unit* Find(Id id) const;
  //! Root units (no parent), ordered by code.
  const std::vector<Id>& roots() const { return roots_; }
  //! Children of `id` ordered by kind (administrative units before agencies), then code, name.
  const std::vector<Id>& Children(Id id) const;
  //! Children of `id` that exist on `day`. When `id` itself did not exist on `day`, its
  //! children on its own last (or first) day: an old district keeps its communes, and the
  //! country on 2026-01-01 has 34 provinces, not 97.
  size_t ChildCountAt(Id id, Date day) const;
  //! Ancestors of `id`, root first, not including `id`.
  std::vector<const Unit*> Ancestors(Id id) const;
  //! True iff `id` is `ancestor` or lies below it in the tree.
  bool IsWithin(Id id, Id ancestor) const;
  //! Depth of `id`: 0 for a root.
  int Depth(Id id) const;

  const std::vector<LineageLink>& Predecessors(Id id) const;
  const std::vector<LineageLink>& Successors(Id id) const;

  struct SearchQuery {
    std::string q;             // already trimmed; folded inside
    std::optional<Id> parent;  // only units within this subtree
    std::optional<UnitKind> kind;
    std::optional<Date> at;  // only units valid on this day
  };
  //! Units matching the query, best first: exact name match, then prefix, then contained;
  //! among equals, shallower units first, then code. With an empty q, all units in tree
  //! order of the filter. Returns ids.
  std::vector<Id> Search(const SearchQuery& query) const;

  size_t size() const { return units_.size(); }

 private:
  struct Entry {
    Unit unit;
    std::string folded_name;
    std::string folded_full_name;
    int depth = 0;  // number of ancestors
    std::vector<Id> children;
    std::vector<LineageLink> predecessors;
    std::vector<LineageLink> successors;
  };
  const Entry* EntryOf(Id id) const;

  std::unordered_map<Id, size_t> index_;
  std::vector<Entry> units_;
  std::vector<Id> roots_;
};

}  // namespace binhdang::domain
