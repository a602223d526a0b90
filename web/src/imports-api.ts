// Bulk import (/api/v1/imports…): templates, checking and importing an .xlsx, and the sheet of
// initial passwords. An import refused because of errors answers 400 with the same lists as a
// check, so it is read here rather than turned into an ApiError.
import { ApiError, currentCsrfToken, type ErrorDetail } from './api';
import { getLang } from './i18n';

export type ImportKind = 'users' | 'agencies';
export type ImportMode = 'check' | 'all' | 'valid';

export interface ImportIssue {
  row: number;
  column: string;
  field: string;
  message: string;
}

export interface Credential {
  username: string;
  full_name: string;
  unit: string;
  password: string;
}

export interface ImportOutcome {
  mode: ImportMode;
  rows: number;
  valid: number;
  written: number;
  example_row: number | null;
  errors: ImportIssue[];
  credentials: Credential[];
  /** Set when the write was refused (nothing written). */
  error?: { code: string; message: string };
}

export function templateUrl(kind: ImportKind): string {
  return `/api/v1/imports/${kind}/template.xlsx`;
}

function headers(contentType: string): Record<string, string> {
  const h: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': getLang() === 'en' ? 'en' : 'vi',
    'Content-Type': contentType,
  };
  const csrf = currentCsrfToken();
  if (csrf) h['X-CSRF-Token'] = csrf;
  return h;
}

async function failure(res: Response, data: unknown): Promise<ApiError> {
  const err = (data as { error?: Record<string, unknown> } | null)?.error ?? {};
  return new ApiError(
    res.status,
    typeof err.code === 'string' ? err.code : 'http_' + res.status,
    typeof err.message === 'string' ? err.message : res.statusText || 'HTTP ' + res.status,
    Array.isArray(err.details) ? (err.details as ErrorDetail[]) : [],
  );
}

/** Checks or imports `file`. Resolves with the outcome (also for a refused write); rejects
 *  with an ApiError when the file itself is refused (not an .xlsx, a column missing, too big). */
export async function importFile(kind: ImportKind, mode: ImportMode, file: ArrayBuffer): Promise<ImportOutcome> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/imports/${kind}?mode=${mode}`, {
      method: 'POST',
      headers: headers('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      credentials: 'same-origin',
      body: file,
    });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  const outcome = data as ImportOutcome | null;
  if (res.ok && outcome) return outcome;
  if (res.status === 400 && outcome && Array.isArray(outcome.errors)) return outcome;
  throw await failure(res, data);
}

/** The sheet of initial passwords, as a Blob to save. */
export async function credentialsSheet(credentials: Credential[]): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch('/api/v1/imports/credentials.xlsx', {
      method: 'POST',
      headers: headers('application/json'),
      credentials: 'same-origin',
      body: JSON.stringify({ credentials }),
    });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    let data: unknown = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    throw await failure(res, data);
  }
  return res.blob();
}
