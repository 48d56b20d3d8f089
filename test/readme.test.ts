import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_VARIABLES } from '@innoserve/core';

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');

  it('shows the two quick-start commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });

  it('documents every configuration variable the application reads', () => {
    const missing = CONFIG_VARIABLES.filter((v) => !readme.includes('`' + v + '`'));
    expect(missing).toEqual([]);
  });
});

/** The repository's files: git's list, or (an export without .git) every file but the generated and installed ones. */
function repositoryFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\0').filter(Boolean);
  } catch {
    const skip = new Set(['node_modules', 'dist', '.git', '.data', 'coverage']);
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (skip.has(e.name) ? [] : e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    return walk('.').map((f) => path.normalize(f));
  }
}

/**
 * The repository's documents stand alone: a reader has the repository and nothing beside it, so no
 * markdown link and no reference in a source comment may point outside it (a sibling folder such as
 * ../shared, an absolute path, a relative path above the root) or to a document it does not hold.
 */
describe('links and references', () => {
  const root = process.cwd();
  const tracked = repositoryFiles().filter((f) => existsSync(f));
  const names = new Set(tracked.map((f) => path.basename(f)));
  const self = path.relative(root, fileURLToPath(import.meta.url));
  const external = /^(?:https?:|mailto:)/;

  /** Why `target`, written in `file`, leaves the repository or names nothing in it; null when it is fine. */
  const problemOf = (file: string, target: string, relativeTo: 'file' | 'file-or-root'): string | null => {
    const clean = decodeURI(target.split('#')[0]);
    if (clean === '') return null; // an anchor in the same document
    if (path.isAbsolute(clean) || /^[a-z]:[\\/]/i.test(clean) || clean.startsWith('~')) return 'an absolute path';
    const bases = relativeTo === 'file' ? [path.dirname(file)] : [path.dirname(file), '.'];
    const resolved = bases.map((b) => path.resolve(root, b, clean));
    if (resolved.every((r) => path.relative(root, r).startsWith('..'))) return 'a path outside the repository';
    if (!resolved.some((r) => existsSync(r))) return 'nothing in the repository';
    return null;
  };

  it('has no markdown link that leaves the repository or points at nothing', () => {
    const bad: string[] = [];
    for (const file of tracked.filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        if (external.test(m[1])) continue;
        const problem = problemOf(file, m[1], 'file');
        if (problem) bad.push(`${file}: ${m[1]} (${problem})`);
      }
      for (const m of text.matchAll(/(?:^|[\s`'"(])(\.\.\/shared\/\S*)/gm)) bad.push(`${file}: ${m[1]} (a path outside the repository)`);
    }
    expect(bad).toEqual([]);
  });

  it('has no reference in source that leaves the repository or names a document it does not hold', () => {
    const bad: string[] = [];
    for (const file of tracked.filter((f) => /\.(?:[cm]?[jt]s|json|sh|ya?ml)$/.test(f) || f === '.ci/run')) {
      if (file === self || file === 'package-lock.json') continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:^|[\s`'"(])((?:\.\.\/)+shared\b\S*|\/work\/\S+)/gm)) bad.push(`${file}: ${m[1]} (outside the repository)`);
      for (const m of text.matchAll(/(?:^|[\s`'"(])((?:[\w.-]+\/)*[\w.-]+\.md)\b/gm)) {
        const ref = m[1];
        const problem = ref.includes('/') ? problemOf(file, ref, 'file-or-root') : names.has(ref) ? null : 'nothing in the repository';
        if (problem) bad.push(`${file}: ${ref} (${problem})`);
      }
    }
    expect(bad).toEqual([]);
  });
});
