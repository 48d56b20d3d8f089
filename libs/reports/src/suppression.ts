/**
 * Small-cell suppression for published tables: a cell counting fewer than `k` enterprises (but
 * some) is hidden, and so is a complementary cell wherever a row or a column would otherwise have
 * exactly one hidden cell — with the row and column totals published, a lone hidden cell could be
 * recovered by subtraction. Repeated until no row or column has a lone hidden cell.
 */
export interface Cell {
  row: string;
  col: string;
  count: number;
}

export function suppress(cells: readonly Cell[], k = 3): Set<string> {
  const key = (c: Cell) => `${c.row}\u0000${c.col}`;
  const hidden = new Set(cells.filter((c) => c.count > 0 && c.count < k).map(key));
  for (let changed = true; changed; ) {
    changed = false;
    for (const axis of ['row', 'col'] as const) {
      const groups = new Map<string, Cell[]>();
      for (const c of cells) groups.set(c[axis], [...(groups.get(c[axis]) ?? []), c]);
      for (const group of groups.values()) {
        const lone = group.filter((c) => hidden.has(key(c)));
        if (lone.length !== 1) continue;
        // the smallest other cell with something in it (a zero reveals nothing, but hides nothing either)
        const next = group.filter((c) => !hidden.has(key(c)) && c.count > 0).sort((a, b) => a.count - b.count || key(a).localeCompare(key(b)))[0];
        if (next) {
          hidden.add(key(next));
          changed = true;
        }
      }
    }
  }
  return hidden;
}
