// Who is asking: every service call takes the caller, so permission checks and the audit log
// always know the user, their address and their language.
#pragma once

#include <optional>
#include <string>

#include "domain/user.h"

namespace binhdang::service {

struct Caller {
  std::optional<domain::User> user;  // nullopt: not signed in
  std::string address;               // client IP, for the audit log
  bool english = false;              // Accept-Language: en
  //! binhdang itself (the command line, the seed, reference data): no permission checks. Only
  //! Caller::System() sets it; a default Caller is anonymous and is refused everywhere.
  bool system = false;

  static Caller System() {
    Caller c;
    c.system = true;
    c.address = "system";
    return c;
  }

  bool signed_in() const { return user.has_value(); }
  Id user_id() const { return user ? user->id : 0; }
  std::string username() const { return user ? user->username : std::string(); }
};

//! A page of a list: the items and the cursor of the next page ("" at the end).
template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;
};

//! Limits of a list request, parsed from ?limit=&cursor=. The cursor is an opaque offset.
struct PageRequest {
  size_t limit = 50;
  size_t offset = 0;
};

//! Takes items [offset, offset+limit) of `all` into a page.
template <typename T>
Page<T> Slice(std::vector<T> all, const PageRequest& req) {
  Page<T> page;
  if (req.offset >= all.size()) return page;
  const size_t end = std::min(all.size(), req.offset + req.limit);
  page.items.assign(std::make_move_iterator(all.begin() + static_cast<long>(req.offset)),
                    std::make_move_iterator(all.begin() + static_cast<long>(end)));
  if (end < all.size()) page.next_cursor = std::to_string(end);
  return page;
}

}  // namespace binhdang::service
