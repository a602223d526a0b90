// What the browser keeps for entering reports without a connection (IndexedDB "binhdang"):
// each report a reporter opened, as the server last sent it with its template, and the entries
// typed since that the server has not yet taken ("chưa gửi"). Records are per user, so another
// account on the same computer neither sees nor sends them. Nothing here is about GBV cases:
// case data never leaves the server's pages for the browser's storage.
import type { Report, ReportRow, ReportTemplate, User } from './api';

/** Entries typed on this device, not yet accepted by the server. */
export interface LocalEntry {
  sections: Record<string, string>;
  rows: ReportRow[];
  /** The server's version the officer was editing when typing began, and its content. */
  base_version: number;
  base: { sections: Record<string, string>; rows: ReportRow[] };
  /** When the officer last typed (ISO instant). */
  edited_at: string;
}

export interface StoredReport {
  /** `${user_id}:${report_id}` */
  key: string;
  user_id: string;
  report_id: string;
  /** The report as the server last sent it (with sections and rows). */
  server: Report;
  template: ReportTemplate;
  /** When `server` was fetched (ISO instant). */
  fetched_at: string;
  /** Unsent entries, or null when the server has everything. */
  local: LocalEntry | null;
}

const DB_NAME = 'binhdang';
const STORE = 'reports';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  if (!opening) {
    opening = new Promise<IDBDatabase>((resolve, reject) => {
      if (typeof indexedDB === 'undefined') {
        reject(new Error('IndexedDB is not available'));
        return;
      }
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        const store = req.result.createObjectStore(STORE, { keyPath: 'key' });
        store.createIndex('user_id', 'user_id');
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another tab upgrading the database: let it, and open again next time.
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        resolve(db);
      };
      req.onerror = () => reject(req.error);
    });
    opening.catch(() => {
      opening = null;
    });
  }
  return opening;
}

function run<T>(mode: IDBTransactionMode, body: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  return open().then(
    (db) =>
      new Promise<T | undefined>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        let result: T | undefined;
        const req = body(tx.objectStore(STORE));
        if (req) req.onsuccess = () => (result = req.result);
        // Resolved only once the transaction is durable, so "saved on this device" is true.
        tx.oncomplete = () => resolve(result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
      }),
  );
}

const keyOf = (userId: string, reportId: string) => `${userId}:${reportId}`;

export async function loadStored(user: User, reportId: string): Promise<StoredReport | null> {
  return (await run<StoredReport>('readonly', (s) => s.get(keyOf(user.id, reportId)))) ?? null;
}

/** Every report this user keeps on this device (for the list shown without a connection). */
export async function listStored(user: User): Promise<StoredReport[]> {
  const all = (await run<StoredReport[]>('readonly', (s) => s.index('user_id').getAll(user.id))) ?? [];
  return all.sort((a, b) => (a.server.period_label + a.server.unit_name).localeCompare(b.server.period_label + b.server.unit_name, 'vi'));
}

/** Reads and rewrites one record in a single transaction (no other write comes between). */
function update(user: User, reportId: string, next: (prior: StoredReport | undefined) => StoredReport | null): Promise<void> {
  return run<void>('readwrite', (s) => {
    const get = s.get(keyOf(user.id, reportId));
    get.onsuccess = () => {
      const record = next(get.result as StoredReport | undefined);
      if (record) s.put(record);
    };
  }).then(() => undefined);
}

/** Keeps the server's copy; unsent entries already stored stay untouched. */
export function storeServerCopy(user: User, report: Report, template: ReportTemplate): Promise<void> {
  return update(user, report.id, (prior) => ({
    key: keyOf(user.id, report.id),
    user_id: user.id,
    report_id: report.id,
    server: report,
    template,
    fetched_at: new Date().toISOString(),
    local: prior?.local ?? null,
  }));
}

/** Records what the officer typed (null: nothing unsent); resolves once it is on disk. */
export function storeLocal(user: User, reportId: string, local: LocalEntry | null): Promise<void> {
  return update(user, reportId, (prior) => (prior ? { ...prior, local } : null));
}

/**
 * The server took the entries: keep its answer as the copy. Entries typed after `sent` was
 * taken stay unsent, on the new version.
 */
export function storeSent(user: User, report: Report, sent: LocalEntry): Promise<void> {
  return update(user, report.id, (prior) => {
    if (!prior) return null;
    const later =
      prior.local && prior.local.edited_at !== sent.edited_at
        ? { ...prior.local, base_version: report.version, base: { sections: sent.sections, rows: sent.rows } }
        : null;
    return { ...prior, server: report, fetched_at: new Date().toISOString(), local: later };
  });
}

export async function forget(user: User, reportId: string): Promise<void> {
  await run('readwrite', (s) => s.delete(keyOf(user.id, reportId)));
}

/** How many reports of this user have unsent entries on this device. */
export async function countUnsent(user: User): Promise<number> {
  try {
    return (await listStored(user)).filter((r) => r.local !== null).length;
  } catch {
    return 0;
  }
}
