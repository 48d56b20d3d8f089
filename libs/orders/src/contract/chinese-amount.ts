/**
 * An amount in fen written in Chinese capital numerals (人民币大写), as contracts and fapiao
 * write it: 壹仟贰佰叁拾肆元伍角陆分, 壹拾万元整, 壹佰万元零壹分. Integer arithmetic only.
 */
const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL = ['', '拾', '佰', '仟'];
const SECTIONS = ['', '万', '亿', '万亿'];

/** A 0–9999 group; `inner` when a higher group precedes it (leading zeros then read 零). */
function group(n: number): string {
  let out = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d] + SMALL[i];
  }
  return out;
}

function yuanPart(yuan: bigint): string {
  if (yuan === 0n) return '';
  const groups: number[] = [];
  for (let v = yuan; v > 0n; v /= 10_000n) groups.push(Number(v % 10_000n));
  if (groups.length > SECTIONS.length) throw new RangeError('amount too large');
  let out = '';
  let pendingZero = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i];
    if (g === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (out && (pendingZero || g < 1000)) out += '零';
    pendingZero = false;
    out += group(g) + SECTIONS[i];
  }
  return `${out}元`;
}

export function toChineseCapitalAmount(fen: bigint): string {
  if (fen < 0n) return `负${toChineseCapitalAmount(-fen)}`;
  if (fen === 0n) return '零元整';
  const yuan = fen / 100n;
  const jiao = Number((fen / 10n) % 10n);
  const cent = Number(fen % 10n);
  let out = yuanPart(yuan);
  if (jiao === 0 && cent === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0n) out += '零';
  if (cent > 0) out += `${DIGITS[cent]}分`;
  else out += '整';
  return out;
}

/** ¥1,234.56 from integer fen: thousands separated, never through floating point. */
export function formatYuan(fen: bigint): string {
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}¥${yuan}.${(abs % 100n).toString().padStart(2, '0')}`;
}
