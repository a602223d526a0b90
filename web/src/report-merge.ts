// Entries typed without a connection meet a report someone else changed meanwhile: the two
// versions are compared field by field (each narrative, each row's item, detail, level and
// figure), against the version the officer started from, so a field only one side changed is
// proposed from that side and a field both changed is left for the officer to choose. Nothing
// is decided by "last write wins".
import type { Cell, ReportRow, ReportTemplate } from './api';
import { formatNumber } from './format';
import { t } from './i18n';

export interface Content {
  sections: Record<string, string>;
  rows: ReportRow[];
}

export type Side = 'server' | 'local';

export interface FieldDifference {
  key: string;
  /** Where the field is, in words ("Bảng 1 — dòng 2 — Số người tham gia (nữ)"). */
  label: string;
  server: string;
  local: string;
  /** The side that changed it when only one did; null when both did (the officer chooses). */
  proposed: Side | null;
}

export const LEVEL_NAMES: Record<string, string> = { tinh: 'Tỉnh', huyen: 'Huyện', xa: 'Xã' };
type Part = 'total' | 'male' | 'female';

export function cellPart(v: Cell | undefined, part: Part): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return part === 'total' ? v : 0;
  return part === 'male' ? v.male : part === 'female' ? v.female : v.male + v.female;
}

function rowsOf(c: Content, table: string): ReportRow[] {
  return c.rows.filter((r) => r.table === table);
}

interface RowField {
  name: string;
  get: (r: ReportRow) => string;
  show: (r: ReportRow) => string;
  set: (r: ReportRow, from: ReportRow) => ReportRow;
}

function rowFields(table: ReportTemplate['tables'][number]): RowField[] {
  const itemName = (key: string) => table.items.find((i) => i.key === key)?.name ?? key;
  const fields: RowField[] = [
    { name: table.item_label, get: (r) => r.item, show: (r) => itemName(r.item), set: (r, f) => ({ ...r, item: f.item }) },
    { name: t('reports.detail'), get: (r) => r.detail, show: (r) => r.detail, set: (r, f) => ({ ...r, detail: f.detail }) },
  ];
  for (const c of table.columns) {
    const parts: Part[] = c.by_sex ? ['male', 'female'] : ['total'];
    for (const part of parts) {
      const name = part === 'total' ? c.name : `${c.name} (${t(part === 'male' ? 'reports.male' : 'reports.female').toLowerCase()})`;
      fields.push({
        name,
        get: (r) => String(cellPart(r.values[c.key], part)),
        show: (r) => formatNumber(cellPart(r.values[c.key], part)),
        set: (r, f) => {
          const v = cellPart(f.values[c.key], part);
          const old = r.values[c.key];
          const next: Cell =
            part === 'total' ? v : { male: cellPart(old, 'male'), female: cellPart(old, 'female'), [part]: v } as Cell;
          return { ...r, values: { ...r.values, [c.key]: next } };
        },
      });
    }
  }
  fields.push({
    name: t('reports.level'),
    get: (r) => r.level,
    show: (r) => LEVEL_NAMES[r.level] ?? r.level,
    set: (r, f) => ({ ...r, level: f.level }),
  });
  return fields;
}

function rowSummary(table: ReportTemplate['tables'][number], r: ReportRow | undefined): string {
  if (!r) return t('reports.merge.noRow');
  return rowFields(table)
    .map((f) => f.show(r))
    .filter((s) => s !== '')
    .join('; ');
}

function decide(base: string | undefined, server: string, local: string): Side | null {
  if (base === server) return 'local';
  if (base === local) return 'server';
  return null;
}

/** The fields where the server's version and the local entries differ. */
export function differences(template: ReportTemplate, base: Content, server: Content, local: Content): FieldDifference[] {
  const out: FieldDifference[] = [];
  for (const s of template.sections) {
    const sv = server.sections[s.key] ?? '';
    const lv = local.sections[s.key] ?? '';
    if (sv === lv) continue;
    out.push({ key: 's:' + s.key, label: s.title, server: sv, local: lv, proposed: decide(base.sections[s.key] ?? '', sv, lv) });
  }
  for (const table of template.tables) {
    const b = rowsOf(base, table.key);
    const sr = rowsOf(server, table.key);
    const lr = rowsOf(local, table.key);
    const fields = rowFields(table);
    for (let n = 0; n < Math.max(sr.length, lr.length); n++) {
      const where = `${table.title} — ${t('reports.merge.row', { n: n + 1 })}`;
      if (sr[n] && lr[n]) {
        fields.forEach((f, i) => {
          const sv = f.get(sr[n]);
          const lv = f.get(lr[n]);
          if (sv === lv) return;
          out.push({
            key: `c:${table.key}:${n}:${i}`,
            label: `${where} — ${f.name}`,
            server: f.show(sr[n]),
            local: f.show(lr[n]),
            proposed: decide(b[n] ? f.get(b[n]) : undefined, sv, lv),
          });
        });
      } else {
        const asText = (r: ReportRow | undefined) => (r ? JSON.stringify(r) : '');
        out.push({
          key: `r:${table.key}:${n}`,
          label: where,
          server: rowSummary(table, sr[n]),
          local: rowSummary(table, lr[n]),
          proposed: decide(asText(b[n]), asText(sr[n]), asText(lr[n])),
        });
      }
    }
  }
  return out;
}

/** The report made of the chosen side of every differing field (`choices` by field key). */
export function merge(template: ReportTemplate, server: Content, local: Content, choices: Record<string, Side>): Content {
  const pick = (key: string) => choices[key] ?? 'server';
  const sections: Record<string, string> = { ...server.sections };
  for (const s of template.sections) {
    if (pick('s:' + s.key) === 'local') sections[s.key] = local.sections[s.key] ?? '';
  }
  const rows: ReportRow[] = [];
  for (const table of template.tables) {
    const sr = rowsOf(server, table.key);
    const lr = rowsOf(local, table.key);
    const fields = rowFields(table);
    for (let n = 0; n < Math.max(sr.length, lr.length); n++) {
      if (sr[n] && lr[n]) {
        let row = sr[n];
        fields.forEach((f, i) => {
          if (pick(`c:${table.key}:${n}:${i}`) === 'local') row = f.set(row, lr[n]);
        });
        rows.push(row);
      } else {
        const chosen = pick(`r:${table.key}:${n}`) === 'local' ? lr[n] : sr[n];
        if (chosen) rows.push(chosen);
      }
    }
  }
  // Rows of tables the template no longer has stay as the server keeps them.
  const known = new Set(template.tables.map((tb) => tb.key));
  rows.push(...server.rows.filter((r) => !known.has(r.table)));
  return { sections, rows };
}
