// The same USCC rules as the API (the very file the server validates with).
import { normalizeUscc, validateUscc } from '../../../../libs/organizations/src/domain/uscc';

export type UsccCheck = { ok: true; value: string } | { ok: false; reason: 'format' | 'check'; zh: string; en: string };

export function checkUscc(input: string): UsccCheck {
  const value = normalizeUscc(input);
  const r = validateUscc(value);
  return r.ok ? { ok: true, value } : { ok: false, reason: r.reason, zh: r.message.zh, en: r.message.en };
}
