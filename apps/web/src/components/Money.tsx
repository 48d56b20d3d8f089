import { formatFen } from '../lib/money';

/** An amount in integer fen, shown as ¥1,234.56. */
export function Money({ fen, strong }: { fen: number | null | undefined; strong?: boolean }) {
  const text = formatFen(fen);
  return strong ? <strong className="money">{text}</strong> : <span className="money">{text}</span>;
}
