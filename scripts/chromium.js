// Finds the Chromium the browser tests and bench/web drive: CHROME_PATH, else `chromium` (Debian's
// package) or another Chromium/Chrome on PATH.
import { existsSync } from 'node:fs';
import path from 'node:path';

export function findChromium() {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : null;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
      const p = path.join(dir, name);
      if (dir && existsSync(p)) return p;
    }
  }
  return null;
}
