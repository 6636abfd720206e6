/**
 * A token with one MAC character changed where all six bits carry data (third from the end).
 * Changing the last character instead can land on a non-canonical spelling (its four spare
 * bits set), which is refused as malformed rather than tampered: such a test passed by chance.
 */
export function tamperMac(token: string): string {
  const at = token.length - 3;
  return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
}
