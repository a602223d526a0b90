// HTTP client for the binhdang API (docs/api.md). Keeps the CSRF token in memory, sends it on
// every state-changing request, asks for messages in the interface language, and turns error
// bodies into ApiError values.
import { getLang } from './i18n';

export type Role =
  | 'admin'
  | 'unit_admin'
  | 'planner'
  | 'reporter'
  | 'reviewer'
  | 'viewer'
  | 'case_worker'
  | 'case_supervisor';

export const ALL_ROLES: Role[] = [
  'admin',
  'unit_admin',
  'planner',
  'reporter',
  'reviewer',
  'viewer',
  'case_worker',
  'case_supervisor',
];

export interface User {
  id: string;
  username: string;
  full_name: string;
  unit_id: string;
  unit_name: string;
  roles: Role[];
  active: boolean;
  version: number;
  last_login_at: string | null;
  must_change_password?: boolean;
  /** Case roles asked for, waiting for a second person to approve. */
  pending_roles?: Role[];
  /** Sign-ins with this name wait until then (too many failed attempts). */
  sign_in_blocked_until?: string | null;
  /** Where notices are mailed ("" for nowhere) and how. */
  email?: string;
  email_pref?: EmailPreference;
}

/** The days before a due date when a unit's activities are reminded (GET /units/{id}/reminder-days). */
export interface ReminderDays {
  unit_id: string;
  first_days: number;
  last_days: number;
  /** The unit whose choice holds (the unit or one above); null: the default. */
  set_by_unit_id: string | null;
  may_change: boolean;
}

/** each: every notice as it comes; digest: a daily digest, urgent ones at once; off: no mail. */
export type EmailPreference = 'each' | 'digest' | 'off';

export interface RoleGrant {
  id: string;
  role: Role;
  reason: string;
  user: User;
  requested_by: string;
  requested_at: string;
}

export interface AppNotification {
  id: string;
  kind: string;
  message: string;
  /** The page it is about ("#/reports/12"); "" for none. */
  link: string;
  created_at: string;
  read_at: string | null;
}

export interface CalendarFeed {
  id: string;
  unit_id: string;
  unit_name: string | null;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
}

export type UnitKind = 'country' | 'province' | 'district' | 'commune' | 'agency';

export interface Unit {
  id: string;
  code: string;
  name: string;
  full_name: string;
  kind: UnitKind;
  agency_type: string | null;
  parent_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
  child_count: number;
  version: number;
}

export interface UnitWithAncestors extends Unit {
  ancestors: Unit[];
}

export interface LineageLink {
  unit: Unit;
  type: 'full' | 'partial';
}

export interface Lineage {
  unit: Unit;
  predecessors: LineageLink[];
  successors: LineageLink[];
}

export interface AgencySet {
  code: string;
  name: string;
  applies_to: UnitKind;
  agencies: { name: string; agency_type: string }[];
}

export interface AgencySetOutcome {
  set: string;
  units: number;
  added: number;
  present: number;
}

export interface AgencyType {
  code: string;
  name: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  unit_id: string | null;
  address: string | null;
  outcome: string;
  detail: unknown;
}

export type PlanKind = 'action_month' | 'programme' | 'annual' | 'other';
export type PlanStatus = 'draft' | 'issued';
export type ActivityStatus = 'not_started' | 'in_progress' | 'done' | 'cancelled';
export type Assignee = 'unit' | 'child_units' | 'everyone';

export interface MessageGroup {
  title: string;
  messages: string[];
}

export interface ReportingRequirement {
  template_code: string;
  due_date: string;
  to_unit_id: string | null;
  to_unit_name?: string | null;
  reporting_scope: string;
  note: string;
}

/** A plan (docs/api.md "Plans"); lists carry no document body (purposes, messages, ...). */
export interface Plan {
  id: string;
  unit_id: string;
  unit_name: string | null;
  number: number | null;
  symbol: string;
  number_symbol: string;
  place: string;
  issued_on: string | null;
  title: string;
  kind: PlanKind;
  period_start: string | null;
  period_end: string | null;
  theme: string;
  parent_plan_id: string | null;
  status: PlanStatus;
  revision: number;
  version: number;
  preamble?: string;
  bases?: { document: string; date: string | null; issuer: string; title: string }[];
  purposes?: string[];
  requirements?: string[];
  objective?: string;
  targets?: { text: string; unit: string; values: { year: number; comparator: string; value: number }[]; indicator?: string }[];
  message_groups?: MessageGroup[];
  budget_sources?: { kind: string; text: string }[];
  budget_note?: string;
  recipients?: { name: string; note: string }[];
  signer?: { on_behalf_of: string; authority: string; title: string; name: string };
  closing?: string;
  reporting?: ReportingRequirement[];
}

export interface Activity {
  id: string;
  plan_id: string;
  position: number;
  section: 'key' | 'assignment';
  title: string;
  details: string[];
  assignee: Assignee;
  lead_unit_id: string | null;
  lead_unit_name: string | null;
  support_unit_ids: string[];
  support_unit_names: (string | null)[];
  due_date: string | null;
  due_outside_period: boolean;
  status: ActivityStatus;
  progress_note: string;
  completed_on: string | null;
  overdue: boolean;
  version: number;
}

export interface Task extends Activity {
  plan: { id: string; unit_id: string; unit_name: string | null; title: string; number_symbol: string; status: PlanStatus };
}

export interface CascadeEntry {
  unit: { id: string; name: string; full_name: string; kind: UnitKind };
  expected: boolean;
  plan: { id: string; status: PlanStatus; number_symbol: string; issued_on: string | null } | null;
  derived_on: string | null;
  activities_total: number;
  activities_done: number;
  done_share: number;
  overdue: number;
  behind: boolean;
  missing_count: number;
  units: CascadeEntry[];
}

export interface Cascade {
  plan: { id: string; unit_id: string; unit_name: string | null; number_symbol: string; title: string; status: PlanStatus };
  /** Counts over the whole cascade; `hidden` entries are left out because the caller may not read them. */
  summary: { plans: number; expected: number; derived: number; issued: number; missing: number; hidden: number };
  units: CascadeEntry[];
  missing: { id: string; full_name: string }[];
}

export type PlanInput = Partial<Omit<Plan, 'id' | 'unit_name' | 'number_symbol' | 'status' | 'revision' | 'parent_plan_id'>>;
export interface ActivityInput {
  title?: string;
  details?: string[];
  section?: 'key' | 'assignment';
  assignee?: Assignee;
  lead_unit_id?: string | null;
  support_unit_ids?: string[];
  due_date?: string | null;
}
export interface ActivityPatch extends ActivityInput {
  version: number;
  status?: ActivityStatus;
  progress_note?: string;
  completed_on?: string | null;
}

export interface TemplateColumn {
  key: string;
  name: string;
  by_sex: boolean;
}
export interface TemplateTable {
  key: string;
  title: string;
  item_label: string;
  items: { key: string; name: string }[];
  columns: TemplateColumn[];
}
export interface ReportTemplate {
  id: string;
  code: string;
  version: number;
  title: string;
  periods: string[];
  sections: { key: string; title: string }[];
  tables: TemplateTable[];
}
export type Cell = number | { male: number; female: number };
export interface ReportRow {
  table: string;
  item: string;
  detail: string;
  level: string;
  values: Record<string, Cell>;
}
export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'accepted';
export interface Report {
  id: string;
  template_id: string;
  template_code: string;
  unit_id: string;
  unit_name: string;
  period: string;
  period_label: string;
  plan_id: string | null;
  status: ReportStatus;
  due_date: string;
  submitted_at: string | null;
  reviewed_at: string | null;
  on_time: boolean | null;
  return_comment: string;
  version: number;
  updated_at: string;
  sections?: Record<string, string>;
  rows?: ReportRow[];
}
export interface Consolidated {
  unit_id: string;
  unit_name: string;
  template: ReportTemplate;
  period: string;
  tables: { key: string; title: string; rows: { item: string; name: string; level: string; values: Record<string, Cell> }[]; totals: Record<string, Cell> }[];
  narratives: { unit_id: string; unit_name: string; section: string; text: string }[];
  included_units: { id: string; name: string }[];
}
export interface Completeness {
  unit_id: string;
  unit_name: string;
  due_date: string;
  expected: number;
  submitted: number;
  on_time: number;
  late: number;
  missing: number;
  submitted_rate: number;
  on_time_rate: number;
  children: { unit_id: string; unit_name: string; state: string; report: Report | null }[];
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Session {
  user: User;
  csrf_token: string;
}

export interface ErrorDetail {
  field: string;
  message: string;
}

/** An error answer from the API (any 4xx/5xx), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly currentVersion: number | null = null,
    /** Seconds until a retry may succeed (429, 503). */
    readonly retryAfter: number = 0,
  ) {
    super(message);
  }

  /** The message the server gave for one field, if any. */
  fieldMessage(field: string): string | undefined {
    return this.details.find((d) => d.field === field)?.message;
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The session's CSRF token, for requests that are not JSON (imports-api.ts). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

/**
 * Makes sure a CSRF token is at hand before a write. A page that opened offline (from the device's
 * copy) has none until the server answers; then the session probe gives it, and a session that
 * ended meanwhile is reported to the unauthenticated handler like any other 401.
 */
export async function ensureCsrfToken(): Promise<void> {
  if (csrfToken) return;
  try {
    const s = await api.me();
    csrfToken = s.csrf_token;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && onUnauthenticated) onUnauthenticated();
    throw e;
  }
}

/** Called when a request made with a session comes back 401 (the session ended). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

type Query = Record<string, string | number | null | undefined>;

function buildUrl(path: string, query?: Query): string {
  let url = '/api/v1' + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    }
    const s = params.toString();
    if (s) url += '?' + s;
  }
  return url;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A binary body (an uploaded file), sent as application/octet-stream. */
  raw?: ArrayBuffer;
  /** Do not report a 401 to the unauthenticated handler (login and session probe). */
  quiet401?: boolean;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': getLang() === 'en' ? 'en' : 'vi',
  };
  if (opts.raw !== undefined) headers['Content-Type'] = 'application/octet-stream';
  else if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.raw !== undefined ? opts.raw : opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: Record<string, unknown> } | null)?.error ?? {};
    const apiError = new ApiError(
      res.status,
      typeof err.code === 'string' ? err.code : 'http_' + res.status,
      typeof err.message === 'string' ? err.message : res.statusText || 'HTTP ' + res.status,
      Array.isArray(err.details) ? (err.details as ErrorDetail[]) : [],
      typeof err.current_version === 'number' ? err.current_version : null,
      typeof err.retry_after_s === 'number' ? err.retry_after_s : Number(res.headers.get('Retry-After') ?? 0) || 0,
    );
    if (res.status === 401 && !opts.quiet401 && onUnauthenticated) onUnauthenticated();
    throw apiError;
  }
  return data as T;
}

export const api = {
  login: (username: string, password: string) =>
    request<Session>('POST', '/session', { body: { username, password }, quiet401: true }),
  me: () => request<Session>('GET', '/me', { quiet401: true }),
  logout: () => request<void>('DELETE', '/session', { quiet401: true }),

  units: (query: { q?: string; parent?: string; kind?: string; at?: string; limit?: number; cursor?: string | null }) =>
    request<Page<Unit>>('GET', '/units', { query }),
  unit: (id: string) => request<UnitWithAncestors>('GET', '/units/' + encodeURIComponent(id)),
  children: (id: string, query: { at?: string; kind?: string; limit?: number; cursor?: string | null }) =>
    request<Page<Unit>>('GET', '/units/' + encodeURIComponent(id) + '/children', { query }),
  lineage: (id: string) => request<Lineage>('GET', '/units/' + encodeURIComponent(id) + '/lineage'),
  agencyTypes: () => request<{ items: AgencyType[] }>('GET', '/agency-types'),
  agencySets: () => request<{ items: AgencySet[] }>('GET', '/agency-sets'),
  applyAgencySet: (unitId: string, code: string) =>
    request<AgencySetOutcome>(
      'POST',
      '/units/' + encodeURIComponent(unitId) + '/agency-sets/' + encodeURIComponent(code),
    ),
  createAgency: (body: { parent_id: string; name: string; agency_type: string; code?: string }) =>
    request<Unit>('POST', '/units', { body }),
  updateUnit: (id: string, body: { version: number; name?: string; agency_type?: string; valid_to?: string }) =>
    request<Unit>('PATCH', '/units/' + encodeURIComponent(id), { body }),

  users: (query: { unit?: string; q?: string; limit?: number; cursor?: string | null }) =>
    request<Page<User>>('GET', '/users', { query }),
  createUser: (body: { username: string; full_name: string; password: string; unit_id: string; roles: Role[] }) =>
    request<User>('POST', '/users', { body }),
  updateUser: (
    id: string,
    body: { version: number; full_name?: string; unit_id?: string; roles?: Role[]; active?: boolean; password?: string },
  ) => request<User>('PATCH', '/users/' + encodeURIComponent(id), { body }),

  reportTemplates: () => request<Page<ReportTemplate>>('GET', '/report-templates'),
  reportTemplate: (id: string) => request<ReportTemplate>('GET', '/report-templates/' + encodeURIComponent(id)),
  saveReportTemplate: (body: Omit<ReportTemplate, 'id' | 'version'>) =>
    request<ReportTemplate>('POST', '/report-templates', { body }),
  reports: (query: { unit?: string; template?: string; period?: string; status?: string; limit?: number; cursor?: string | null }) =>
    request<Page<Report>>('GET', '/reports', { query }),
  report: (id: string) => request<Report>('GET', '/reports/' + encodeURIComponent(id)),
  createReport: (body: { template_id: string; unit_id: string; period: string; sections?: Record<string, string>; rows?: ReportRow[] }) =>
    request<Report>('POST', '/reports', { body }),
  updateReport: (id: string, body: { version: number; sections?: Record<string, string>; rows?: ReportRow[] }) =>
    request<Report>('PATCH', '/reports/' + encodeURIComponent(id), { body }),
  reportAction: (id: string, action: 'submit' | 'withdraw' | 'return' | 'accept', body: { version: number; comment?: string }) =>
    request<Report>('POST', '/reports/' + encodeURIComponent(id) + '/' + action, { body }),
  uploadReportXlsx: (id: string, file: ArrayBuffer) =>
    request<Report>('POST', '/reports/' + encodeURIComponent(id) + '/xlsx', { raw: file }),
  consolidated: (query: { template: string; period: string; unit?: string }) =>
    request<Consolidated>('GET', '/reports/consolidated', { query }),
  draftFromConsolidation: (body: { template: string; period: string; unit_id: string }) =>
    request<Report>('POST', '/reports/consolidated/draft', { body }),
  completeness: (query: { template: string; period: string; unit?: string }) =>
    request<Completeness>('GET', '/reports/completeness', { query }),
  remind: (body: { template: string; period: string; unit_id: string }) =>
    request<{ units: number; users: number; without_reporter: { id: string; name: string }[] }>(
      'POST',
      '/reports/completeness/remind',
      { body },
    ),

  audit: (query: { limit?: number; cursor?: string | null; user?: string; action?: string }) =>
    request<Page<AuditEntry>>('GET', '/audit', { query }),
  plans: (query: { unit?: string; year?: string; kind?: string; status?: string; q?: string; limit?: number; cursor?: string | null }) =>
    request<Page<Plan>>('GET', '/plans', { query }),
  plan: (id: string) => request<Plan>('GET', '/plans/' + encodeURIComponent(id)),
  createPlan: (body: PlanInput & { unit_id: string; title: string }) => request<Plan>('POST', '/plans', { body }),
  updatePlan: (id: string, body: PlanInput & { version: number }) =>
    request<Plan>('PATCH', '/plans/' + encodeURIComponent(id), { body }),
  issuePlan: (id: string, body: { version: number; number?: number; issued_on?: string }) =>
    request<Plan>('POST', '/plans/' + encodeURIComponent(id) + '/issue', { body }),
  nextNumber: (unit: string, symbol: string, year: number) =>
    request<{ number: number; number_symbol: string }>('GET', '/plans/next-number', { query: { unit, symbol, year } }),
  revisions: (id: string) =>
    request<Page<{ revision: number; version: number; at: string; username: string; plan: Plan }>>(
      'GET',
      '/plans/' + encodeURIComponent(id) + '/revisions',
    ),
  derivePlan: (id: string, unitId: string) =>
    request<Plan>('POST', '/plans/' + encodeURIComponent(id) + '/derive', { body: { unit_id: unitId } }),
  copyPlan: (id: string) =>
    request<Plan & { copy_notes: string[] }>('POST', '/plans/' + encodeURIComponent(id) + '/copy', { body: {} }),
  cascade: (id: string) => request<Cascade>('GET', '/plans/' + encodeURIComponent(id) + '/cascade'),
  activities: (planId: string) => request<Page<Activity>>('GET', '/plans/' + encodeURIComponent(planId) + '/activities'),
  addActivity: (planId: string, body: ActivityInput) =>
    request<Activity>('POST', '/plans/' + encodeURIComponent(planId) + '/activities', { body }),
  updateActivity: (id: string, body: ActivityPatch) =>
    request<Activity>('PATCH', '/activities/' + encodeURIComponent(id), { body }),
  deleteActivity: (id: string, version: number) =>
    request<void>('DELETE', '/activities/' + encodeURIComponent(id), { body: { version } }),
  cancelActivity: (id: string, body: { version: number; reason: string }) =>
    request<Activity>('POST', '/activities/' + encodeURIComponent(id) + '/cancel', { body }),
  tasks: (query: { unit?: string; status?: string; overdue?: string; limit?: number; cursor?: string | null }) =>
    request<Page<Task>>('GET', '/tasks', { query }),
  calendarToken: (unitId: string) =>
    request<CalendarFeed & { token: string; url: string }>('POST', '/units/' + encodeURIComponent(unitId) + '/calendar-token'),
  calendarFeeds: () => request<Page<CalendarFeed>>('GET', '/calendar-feeds'),
  revokeCalendarFeed: (id: string) => request<void>('DELETE', '/calendar-feeds/' + encodeURIComponent(id)),
  unlockUser: (id: string) => request<User>('POST', '/users/' + encodeURIComponent(id) + '/unlock'),
  roleGrants: () => request<Page<RoleGrant>>('GET', '/role-grants'),
  decideGrant: (id: string, approve: boolean) =>
    request<User>('POST', '/role-grants/' + encodeURIComponent(id) + (approve ? '/approve' : '/reject')),
  reminderDays: (unitId: string) => request<ReminderDays>('GET', '/units/' + encodeURIComponent(unitId) + '/reminder-days'),
  setReminderDays: (unitId: string, body: { first_days: number; last_days: number }) =>
    request<ReminderDays>('PUT', '/units/' + encodeURIComponent(unitId) + '/reminder-days', { body }),
  clearReminderDays: (unitId: string) =>
    request<ReminderDays>('DELETE', '/units/' + encodeURIComponent(unitId) + '/reminder-days'),
  updateMe: (body: { version: number; email: string; email_pref: EmailPreference }) =>
    request<{ user: User }>('PATCH', '/me', { body }),
  changePassword: (body: { current_password: string; new_password: string }) =>
    request<void>('POST', '/me/password', { body }),
  notifications: () => request<{ items: AppNotification[]; unread: number }>('GET', '/notifications'),
  markNotificationRead: (id: string) => request<void>('POST', '/notifications/' + encodeURIComponent(id) + '/read'),
};
