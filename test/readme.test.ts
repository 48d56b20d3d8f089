import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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
 * The repository's documents stand alone: a reader has the repository and nothing beside it. No
 * markdown link may leave it (a sibling folder such as ../shared, an absolute path, a relative path
 * above the root) or point at nothing, and no document named in a markdown file or a source comment
 * may be one the repository does not hold.
 */
describe('links and references', () => {
  const root = process.cwd();
  const tracked = repositoryFiles().filter((f) => existsSync(f));
  const names = new Set(tracked.map((f) => path.basename(f)));
  const external = /^(?:https?:|mailto:)/;

  /** Why `target`, written in `file`, leaves the repository or names nothing in it; null when it is fine. */
  const problemOf = (file: string, target: string, relativeTo: 'file' | 'file-or-root'): string | null => {
    const clean = decodeURI(target.split('#')[0]);
    if (clean === '') return null; // an anchor in the same document
    if (path.isAbsolute(clean) || /^[a-z]:[\\/]/i.test(clean) || clean.startsWith('~')) return 'an absolute path';
    const bases = relativeTo === 'file' ? [path.dirname(file)] : [path.dirname(file), '.'];
    const inside = bases.map((b) => path.resolve(root, b, clean)).filter((r) => !path.relative(root, r).startsWith('..'));
    if (inside.length === 0) return 'a path outside the repository';
    if (!inside.some((r) => existsSync(r))) return 'nothing in the repository';
    return null;
  };

  /** Documents (`*.md`) named in `text`: a path is resolved from the file (or the root), a bare name must be a file of the repository. */
  const documentProblems = (file: string, text: string): string[] => {
    const bad: string[] = [];
    for (const m of text.matchAll(/(?:^|[\s`'"(\[])((?:~|\/|[a-z]:[\\/])?(?:[\w.-]+\/)*[\w.-]+\.md)\b/gim)) {
      const ref = m[1];
      const problem = /[\\/]/.test(ref) || ref.startsWith('~') ? problemOf(file, ref, 'file-or-root') : names.has(ref) ? null : 'nothing in the repository';
      if (problem) bad.push(`${file}: ${ref} (${problem})`);
    }
    return bad;
  };

  it('has no markdown link that leaves the repository or points at nothing, and names no missing document', () => {
    const bad: string[] = [];
    for (const file of tracked.filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        if (external.test(m[1])) continue;
        const problem = problemOf(file, m[1], 'file');
        if (problem) bad.push(`${file}: ${m[1]} (${problem})`);
      }
      bad.push(...documentProblems(file, text.replace(/\]\([^)]*\)/g, ']')));
    }
    expect(bad).toEqual([]);
  });

  it('names in source comments only documents the repository holds', () => {
    const bad: string[] = [];
    for (const file of tracked.filter((f) => /\.(?:[cm]?[jt]s)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      // comments only: a path in code (a binary beside the checkout, a fixture) is not a reference for readers
      const comments = [...text.matchAll(/\/\*[\s\S]*?\*\/|(?<![:'"`\\])\/\/[^\n]*/g)].map((m) => m[0]).join('\n');
      bad.push(...documentProblems(file, comments));
    }
    expect(bad).toEqual([]);
  });
});
