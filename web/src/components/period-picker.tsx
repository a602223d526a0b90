// A reporting period chosen as people name it — the kind (year, six months, quarter, month,
// action month), then the year and the part of it — instead of typed as a code ("2026AM").
// The value is the period id the API takes (domain/period.h).
import { periodLabel } from '../format';
import { getLang, t } from '../i18n';

type Kind = 'action_month' | 'year' | 'six_month' | 'quarter' | 'month';

const KINDS: { kind: Kind; label: Parameters<typeof t>[0] }[] = [
  { kind: 'action_month', label: 'period.kind.actionMonth' },
  { kind: 'year', label: 'period.kind.year' },
  { kind: 'six_month', label: 'period.kind.sixMonth' },
  { kind: 'quarter', label: 'period.kind.quarter' },
  { kind: 'month', label: 'period.kind.month' },
];

/** Today's year in Asia/Ho_Chi_Minh. */
export function vietnamYear(now = Date.now()): number {
  return new Date(now + 7 * 3600 * 1000).getUTCFullYear();
}

/** The action month of this year ("2026AM"): the default period of the action-month report. */
export function currentActionMonth(): string {
  return `${vietnamYear()}AM`;
}

function parse(id: string): { kind: Kind; year: number; part: number } {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})AM$/.exec(id))) return { kind: 'action_month', year: Number(m[1]), part: 0 };
  if ((m = /^(\d{4})S([12])$/.exec(id))) return { kind: 'six_month', year: Number(m[1]), part: Number(m[2]) };
  if ((m = /^(\d{4})Q([1-4])$/.exec(id))) return { kind: 'quarter', year: Number(m[1]), part: Number(m[2]) };
  if ((m = /^(\d{4})(\d{2})$/.exec(id))) return { kind: 'month', year: Number(m[1]), part: Number(m[2]) };
  if ((m = /^(\d{4})$/.exec(id))) return { kind: 'year', year: Number(m[1]), part: 0 };
  return { kind: 'action_month', year: vietnamYear(), part: 0 };
}

function compose(kind: Kind, year: number, part: number): string {
  switch (kind) {
    case 'action_month':
      return `${year}AM`;
    case 'year':
      return String(year);
    case 'six_month':
      return `${year}S${part >= 1 && part <= 2 ? part : 1}`;
    case 'quarter':
      return `${year}Q${part >= 1 && part <= 4 ? part : 1}`;
    case 'month':
      return `${year}${String(part >= 1 && part <= 12 ? part : 1).padStart(2, '0')}`;
  }
}

export function PeriodPicker({ id, value, onChange }: { id: string; value: string; onChange: (period: string) => void }) {
  const { kind, year, part } = parse(value);
  const parts =
    kind === 'six_month'
      ? [1, 2].map((n) => ({ n, label: t(n === 1 ? 'period.firstHalf' : 'period.secondHalf') }))
      : kind === 'quarter'
        ? [1, 2, 3, 4].map((n) => ({ n, label: t('period.quarterN', { n: ['I', 'II', 'III', 'IV'][n - 1] }) }))
        : kind === 'month'
          ? Array.from({ length: 12 }, (_, i) => ({ n: i + 1, label: t('period.monthN', { n: String(i + 1) }) }))
          : [];
  const years = Array.from({ length: 9 }, (_, i) => vietnamYear() + 1 - i);
  if (!years.includes(year)) years.push(year);
  return (
    <fieldset class="period-picker" id={id}>
      <legend>{t('reports.period')}</legend>
      <select aria-label={t('period.kind')} value={kind} onChange={(e) => onChange(compose(e.currentTarget.value as Kind, year, part || 1))}>
        {KINDS.map((k) => (
          <option key={k.kind} value={k.kind}>
            {t(k.label)}
          </option>
        ))}
      </select>
      {parts.length > 0 && (
        <select aria-label={t('period.part')} value={String(part)} onChange={(e) => onChange(compose(kind, year, Number(e.currentTarget.value)))}>
          {parts.map((p) => (
            <option key={p.n} value={String(p.n)}>
              {p.label}
            </option>
          ))}
        </select>
      )}
      <select aria-label={t('period.year')} value={String(year)} onChange={(e) => onChange(compose(kind, Number(e.currentTarget.value), part))}>
        {years.sort((a, b) => b - a).map((y) => (
          <option key={y} value={String(y)}>
            {y}
          </option>
        ))}
      </select>
      <span class="hint" data-period-label>
        {periodLabel(value, getLang() === 'en')}
      </span>
    </fieldset>
  );
}
