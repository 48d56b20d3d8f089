import { suppress, type Cell } from './suppression.js';

const grid = (rows: Record<string, Record<string, number>>): Cell[] => Object.entries(rows).flatMap(([row, cols]) => Object.entries(cols).map(([col, count]) => ({ row, col, count })));
const shown = (cells: Cell[], hidden: Set<string>) => cells.filter((c) => !hidden.has(`${c.row}\u0000${c.col}`)).map((c) => `${c.row}/${c.col}`);

describe('small-cell suppression', () => {
  it('hides a cell under 3 and a complementary cell in its row and its column', () => {
    const cells = grid({ jinjiang: { testing: 10, ip: 2, rd: 7 }, nanan: { testing: 8, ip: 9, rd: 4 } });
    const hidden = suppress(cells);
    expect(hidden.has('jinjiang\u0000ip')).toBe(true);
    // no row or column keeps a lone hidden cell: with the totals published, none can be recovered
    for (const axis of ['row', 'col'] as const) {
      const groups = new Map<string, number>();
      for (const c of cells) if (hidden.has(`${c.row}\u0000${c.col}`)) groups.set(c[axis], (groups.get(c[axis]) ?? 0) + 1);
      for (const count of groups.values()) expect(count).not.toBe(1);
    }
    expect(shown(cells, hidden)).toEqual(['jinjiang/testing', 'nanan/testing']);
  });

  it('hides nothing when every cell counts 3 or more, and never hides a zero', () => {
    const cells = grid({ a: { x: 3, y: 0 }, b: { x: 5, y: 12 } });
    expect(suppress(cells).size).toBe(0);
  });
});
