// Money in the browser: the API speaks integer fen; people read and type yuan. Neither direction goes
// through floating point: formatting splits the integer, parsing works on the digits of the string.

/** ¥1,234.56 from integer fen (negative amounts as -¥1,234.56). */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100);
  const cents = abs % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${grouped}.${String(cents).padStart(2, '0')}`;
}

/** 1234.56 as typed in a yuan field, without the currency sign and grouping. */
export function fenToYuanInput(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const YUAN = /^(\d{1,12})(?:\.(\d{0,2}))?$/;

/**
 * Integer fen from what a person typed in yuan ("1,234.5" → 123450), or null when it is not an
 * amount with at most two decimals. Commas, spaces and a leading ¥ are ignored.
 */
export function parseYuanToFen(input: string): number | null {
  const cleaned = input.replace(/[,\s¥￥]/g, '');
  const m = YUAN.exec(cleaned);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** An integer percentage from basis points (5000 → "50%"; 3333 → "33.33%"). */
export function formatBps(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const rest = bps % 100;
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}
