// Every service of a running binhdang, wired to one store. Owned by `binhdang serve` and by
// the tests; the HTTP layer borrows it.
#pragma once

#include <memory>

#include "service/analytics_service.h"
#include "service/attachments.h"
#include "service/audit.h"
#include "service/calendar.h"
#include "service/cases.h"
#include "service/cases_directory.h"
#include "service/imports.h"
#include "service/login_guard.h"
#include "service/mail.h"
#include "service/notifications.h"
#include "service/password_hasher.h"
#include "service/plans.h"
#include "service/reminders.h"
#include "service/reports.h"
#include "service/session_cache.h"
#include "service/sessions.h"
#include "service/unit_directory.h"
#include "service/units.h"
#include "service/users.h"
#include "storage/store.h"

namespace binhdang::service {

//! How a running binhdang hashes passwords and holds back sign-in attempts.
struct SecurityOptions {
  PasswordHasher::Options hasher;
  LoginLimits login;
};

struct Services {
  Services(storage::Store& store, bool fast_hashes = false)
      : Services(store, SecurityOptions{{0, 0, fast_hashes}, {}}) {}
  Services(storage::Store& store, SecurityOptions security)
      : store(store),
        hasher(security.hasher),
        login_guard(store, security.login),
        directory(store),
        units(store, directory),
        users(store, directory, hasher, login_guard, &session_cache),
        sessions(store, hasher, login_guard, session_cache),
        audit(store),
        plans(store, directory),
        reports(store, directory),
        calendar(store, directory),
        notifications(store),
        cases(store, directory),
        providers(store, directory),
        imports(store, directory, users, hasher),
        analytics(store, directory, reports, cases),
        attachments(store, directory, plans, reports),
        mail(store),
        reminders(store, directory) {}

  storage::Store& store;
  PasswordHasher hasher;
  LoginGuard login_guard;
  UnitDirectory directory;
  SessionCache session_cache;  // before users and sessions, which share it
  UnitsService units;
  UsersService users;
  SessionsService sessions;
  AuditService audit;
  PlansService plans;
  ReportsService reports;
  CalendarService calendar;
  NotificationsService notifications;
  CasesService cases;
  ProvidersService providers;
  ImportsService imports;
  AnalyticsService analytics;
  AttachmentsService attachments;
  MailService mail;            // its sending thread stops before the store goes
  RemindersService reminders;  // last: its sweeping thread stops before the rest goes
};

}  // namespace binhdang::service
