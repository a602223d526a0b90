// The case module's API (/api/v1/cases…): GBV cases, need-to-know. The survivor's identity
// comes only from revealIdentity, which the server logs.
import { request, type Page } from './api';

export const GBV_TYPES = [
  'rape',
  'sexual_assault',
  'physical_assault',
  'forced_marriage',
  'denial_of_resources',
  'psychological_abuse',
] as const;
export const DV_FORMS = ['physical', 'psychological', 'sexual', 'economic'] as const;
export const REPORT_CHANNELS = [
  'commune_committee',
  'police',
  'school',
  'village_head',
  'mass_organisation',
  'hotline',
  'other',
] as const;
export const REPORTERS = ['survivor', 'family', 'community', 'authority', 'other'] as const;
export const PLACE_TYPES = ['home', 'workplace', 'school', 'public_place', 'online', 'other'] as const;
export const RELATIONSHIPS = [
  'intimate_partner',
  'former_partner',
  'parent_guardian',
  'child',
  'other_family',
  'acquaintance',
  'stranger',
  'unknown',
] as const;
export const SEXES = ['female', 'male', 'unknown'] as const;
export const AGE_BANDS = ['0-11', '12-17', '18-25', '26-40', '41-60', '61+', 'unknown'] as const;
export const CASE_STATUSES = ['open', 'in_progress', 'closed'] as const;

export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface Incident {
  id: string;
  occurred_on: string;
  reported_on: string;
  days_to_report: number;
  how_reported: string;
  reported_by?: string;
  place_type: string;
  gbv_type: string;
  dv_form: string | null;
  perpetrator_relationship: string;
  perpetrator_sex: string;
  perpetrator_age_band: string;
}

export interface CaseSummary {
  id: string;
  code: string;
  unit_id: string;
  unit_name: string | null;
  status: CaseStatus;
  sex: string;
  age_band: string;
  ethnicity: string;
  disability: boolean;
  consent_to_count?: boolean;
  opened_on: string;
  version: number;
  gbv_type?: string | null;
  occurred_on?: string | null;
}

export interface CaseDetail extends CaseSummary {
  incidents: Incident[];
  members: { user_id: string; role: 'worker' | 'supervisor'; added_at: string }[];
  can_manage: boolean;
  possible_duplicates: number;
  /** Until when the caller's emergency access ("break the glass") lasts; null otherwise. */
  emergency_until?: string | null;
}

export interface Identity {
  full_name: string;
  date_of_birth: string;
  phone: string;
  address: string;
  national_id: string;
}

export type IncidentInput = Omit<Incident, 'id' | 'days_to_report' | 'dv_form' | 'reported_by'> & { dv_form?: string; reported_by?: string };

export interface CaseInput {
  unit_id: string;
  sex: string;
  age_band?: string;
  ethnicity?: string;
  disability?: boolean;
  consent_to_count?: boolean;
  full_name: string;
  date_of_birth?: string;
  phone?: string;
  address?: string;
  national_id?: string;
  incident?: IncidentInput;
}

export interface AccessEntry {
  user_id: string;
  username: string;
  at: string;
  what: string;
}

export const casesApi = {
  list: (query: { limit?: number; cursor?: string | null } = {}) => request<Page<CaseSummary>>('GET', '/cases', { query }),
  get: (id: string) => request<CaseDetail>('GET', '/cases/' + encodeURIComponent(id)),
  create: (body: CaseInput) => request<CaseDetail>('POST', '/cases', { body }),
  setStatus: (id: string, body: { version: number; status: CaseStatus }) =>
    request<CaseSummary>('PATCH', '/cases/' + encodeURIComponent(id), { body }),
  setConsent: (id: string, body: { version: number; consent_to_count: boolean }) =>
    request<CaseSummary>('PATCH', '/cases/' + encodeURIComponent(id), { body }),
  revealIdentity: (id: string) => request<Identity>('POST', '/cases/' + encodeURIComponent(id) + '/identity', { body: {} }),
  accessLog: (id: string) => request<Page<AccessEntry>>('GET', '/cases/' + encodeURIComponent(id) + '/access-log'),
};
