// Date formatting. Vietnam keeps UTC+7 all year (no daylight saving), so Asia/Ho_Chi_Minh times
// are computed by a fixed offset: the result does not depend on the browser's time zone data.

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

function pad(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** "2025-07-01" -> "01/07/2025"; anything else is returned unchanged; null -> "". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

function vnParts(iso: string): Date | null {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t + VN_OFFSET_MS);
}

/** An ISO timestamp shown in Asia/Ho_Chi_Minh as "dd/mm/yyyy HH:mm" (with ":ss" if asked). */
export function formatDateTime(iso: string | null | undefined, seconds = false): string {
  if (!iso) return '';
  const d = vnParts(iso);
  if (!d) return iso;
  const s =
    `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return seconds ? s + ':' + pad(d.getUTCSeconds()) : s;
}

/** An ISO timestamp shown in Asia/Ho_Chi_Minh as "HH:mm dd/mm/yyyy" (the time first). */
export function formatTimeDate(iso: string | null | undefined): string {
  const s = formatDateTime(iso);
  const m = /^(\S+) (\d{2}:\d{2})$/.exec(s);
  return m ? m[2] + ' ' + m[1] : s;
}

/** Today's date in Asia/Ho_Chi_Minh as "YYYY-MM-DD". */
export function todayVN(): string {
  const d = new Date(Date.now() + VN_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The last day before the 1 July 2025 reform of administrative units. */
export const BEFORE_REFORM = '2025-06-30';

/** Reads "dd/mm/yyyy" (or "d/m/yyyy", "dd-mm-yyyy", "yyyy-mm-dd") as "YYYY-MM-DD"; null if not a real date. */
export function parseDate(text: string): string | null {
  const s = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (match) {
    d = +match[1];
    m = +match[2];
    y = +match[3];
  } else if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) {
    y = +match[1];
    m = +match[2];
    d = +match[3];
  } else {
    return null;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

//! 1234567 -> "1.234.567" (Vietnamese thousands separator).
export function formatNumber(n: number): string {
  const s = String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return n < 0 ? '-' + s : s;
}

/** 45.63 -> "45,6" with one decimal (Vietnamese decimal comma, thousands with dots). */
export function formatDecimal(n: number, decimals = 1): string {
  const fixed = Math.abs(n).toFixed(Math.max(0, decimals));
  const [whole, frac] = fixed.split('.');
  const s = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.') + (frac && /[1-9]/.test(frac) ? ',' + frac.replace(/0+$/, '') : '');
  return n < 0 && Number(fixed) !== 0 ? '-' + s : s;
}

/** A value already in percent (45.63) -> "45,6%". */
export function formatPercent(n: number, decimals = 1): string {
  return formatDecimal(n, decimals) + '%';
}

/** A share between 0 and 1 (0.456) -> "45,6%". */
export function formatShare(ratio: number, decimals = 1): string {
  return formatPercent(ratio * 100, decimals);
}

/** A figure of the analytics: counts as "1.234.567", an indicator with `decimals` as "45,6" (with "%" when `percent`). */
export function formatFigure(n: number | null | undefined, opts: { decimals?: number; percent?: boolean } = {}): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '';
  const decimals = opts.decimals ?? (Number.isInteger(n) ? 0 : 1);
  const s = decimals === 0 && Number.isInteger(n) ? formatNumber(n) : formatDecimal(n, decimals);
  return opts.percent ? s + '%' : s;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/**
 * A reporting period id as people say it (domain/period.h Period::Label): "2024AM" -> "Tháng
 * hành động 2024", "2024" -> "Năm 2024", "2024S1" -> "6 tháng đầu năm 2024", "2024Q4" ->
 * "Quý IV/2024", "202411" -> "Tháng 11/2024"; in English when asked. Anything else unchanged.
 */
export function periodLabel(id: string, english = false): string {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})AM$/.exec(id))) return english ? `Action month ${m[1]}` : `Tháng hành động ${m[1]}`;
  if ((m = /^(\d{4})$/.exec(id))) return english ? `Year ${m[1]}` : `Năm ${m[1]}`;
  if ((m = /^(\d{4})S([12])$/.exec(id))) {
    if (english) return `${m[2] === '1' ? 'First' : 'Second'} half of ${m[1]}`;
    return `6 tháng ${m[2] === '1' ? 'đầu' : 'cuối'} năm ${m[1]}`;
  }
  if ((m = /^(\d{4})Q([1-4])$/.exec(id))) return `${english ? 'Quarter ' : 'Quý '}${ROMAN[Number(m[2]) - 1]}/${m[1]}`;
  if ((m = /^(\d{4})(0[1-9]|1[0-2])$/.exec(id))) return `${english ? 'Month' : 'Tháng'} ${Number(m[2])}/${m[1]}`;
  return id;
}
