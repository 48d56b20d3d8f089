import { formatProgress } from './search-reindex.js';

describe(formatProgress.name, () => {
  it('shows done/total, percent, rate per second and the remaining time', () => {
    expect(formatProgress({ phase: 'build', done: 1000, total: 5000, elapsedMs: 2000 })).toBe('1000/5000  20% 500/s ETA 0:08');
  });

  it('reads an ETA of minutes and seconds and copes with no elapsed time', () => {
    expect(formatProgress({ phase: 'build', done: 100, total: 10_000, elapsedMs: 1000 })).toBe('100/10000   1% 100/s ETA 1:39');
    expect(formatProgress({ phase: 'build', done: 0, total: 0, elapsedMs: 0 })).toBe('0/0 100% 0/s ETA 0:00');
  });

  it('reports the catch-up pass as a count of changed offerings', () => {
    expect(formatProgress({ phase: 'catch-up', done: 3, total: 3, elapsedMs: 10 })).toBe('catch-up: 3 changed during the build');
  });
});
