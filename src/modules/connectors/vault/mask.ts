/** What a masked secret looks like: never its length, never more than its last four characters. */
export const MASK = '••••';

/**
 * Enough to recognise which key is stored ('••••1234'), not enough to use it. Short secrets
 * (passwords, PINs) show nothing: four characters of an eight-character password is half of it.
 */
export function maskSecret(value: string): string {
  return value.length >= 16 ? `${MASK}${value.slice(-4)}` : MASK;
}

export function maskSecrets(secrets: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(secrets).map(([name, value]) => [name, maskSecret(value)]));
}
