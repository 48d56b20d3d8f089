/**
 * Every UI string exists in both languages: each namespace file of zh-CN has an en-US twin with
 * the same keys (plural forms compared by their base key: en-US says `x_one`/`x_other` where zh-CN
 * says `x`), and no value is empty.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '..', 'apps', 'web', 'src', 'i18n', 'locales');
const PLURAL = /_(zero|one|two|few|many|other)$/;

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') {
    if (value.trim() === '') throw new Error(`${prefix} is empty`);
    return [prefix.replace(PLURAL, '')];
  }
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  throw new Error(`${prefix} is neither text nor a group`);
}

const namespaces = readdirSync(path.join(dir, 'zh-CN')).filter((f) => f.endsWith('.json'));

it('both languages have the same namespace files', () => {
  expect(readdirSync(path.join(dir, 'en-US')).filter((f) => f.endsWith('.json')).sort()).toEqual([...namespaces].sort());
});

it.each(namespaces)('%s has the same keys in zh-CN and en-US', (file) => {
  const zh = new Set(keys(JSON.parse(readFileSync(path.join(dir, 'zh-CN', file), 'utf8'))));
  const en = new Set(keys(JSON.parse(readFileSync(path.join(dir, 'en-US', file), 'utf8'))));
  expect([...zh].filter((k) => !en.has(k))).toEqual([]);
  expect([...en].filter((k) => !zh.has(k))).toEqual([]);
});
