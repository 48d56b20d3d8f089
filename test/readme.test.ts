import { readFileSync } from 'node:fs';
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
