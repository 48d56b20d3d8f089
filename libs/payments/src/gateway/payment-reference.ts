/**
 * The reference an enterprise writes on a bank transfer: `IS-` and ten characters of Crockford
 * base32 taken from the payment's id, then one check character (mod 37, ISO 7064 style), so a
 * mistyped reference is caught by the provider's confirmation form.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford: no I, L, O, U
const CHECK = `${ALPHABET}*~$=U`; // 37 symbols

export function paymentReference(paymentId: string): string {
  const hex = paymentId.replace(/-/g, '').slice(0, 13); // 52 bits
  let n = BigInt(`0x${hex}`) >> 2n; // 50 bits = 10 base32 characters
  let body = '';
  for (let i = 0; i < 10; i++) {
    body = ALPHABET[Number(n & 31n)] + body;
    n >>= 5n;
  }
  return `IS-${body}${checkChar(body)}`;
}

function checkChar(body: string): string {
  let sum = 0;
  for (const c of body) sum = (sum * 32 + ALPHABET.indexOf(c)) % 37;
  return CHECK[sum];
}

/** Whether a typed reference is well formed (its check character matches). */
export function isPaymentReference(ref: string): boolean {
  const m = /^IS-([0-9A-HJKMNP-TV-Z]{10})(.)$/.exec(ref.trim().toUpperCase());
  return m !== null && checkChar(m[1]) === m[2];
}
