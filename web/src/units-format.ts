// How units are described in the interface: kind names and validity intervals.
import type { Unit, UnitKind } from './api';
import { formatDate, todayVN } from './format';
import { href } from './router';
import { t, type MessageKey } from './i18n';

export function kindLabel(kind: UnitKind | string): string {
  const key = ('kind.' + kind) as MessageKey;
  const s = t(key);
  return s === key ? kind : s;
}

/** "01/07/2025 – 30/06/2026", "Từ 01/07/2025", "Đến 30/06/2025" or "Không giới hạn". */
export function validityText(unit: Pick<Unit, 'valid_from' | 'valid_to'>): string {
  const from = formatDate(unit.valid_from);
  const to = formatDate(unit.valid_to);
  if (from && to) return t('units.validFromTo', { from, to });
  if (from) return t('units.validFrom', { date: from });
  if (to) return t('units.validTo', { date: to });
  return t('units.validAlways');
}

/** Link to a unit, keeping the date being browsed. */
export function unitHref(id: string, at: string | null): string {
  return href(['units', id], { at });
}

/** A date on which `unit` was valid, for opening units that no longer exist. */
export function atFor(unit: Unit): string | null {
  if (unit.valid_to && unit.valid_to < todayVN()) return unit.valid_to;
  if (unit.valid_from && unit.valid_from > todayVN()) return unit.valid_from;
  return null;
}
