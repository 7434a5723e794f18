/**
 * Every form in which a password could leak into output: as typed, percent-encoded, and
 * inside the base64 of an HTTP Basic header (`user:password`) or on its own.
 */
export function passwordForms(user: string, password: string): string[] {
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  return [...new Set([password, encodeURIComponent(password), base64(`${user}:${password}`), base64(password)])];
}

/** The forms of the password that `text` contains: empty when it leaks none. */
export function leakedForms(text: string, user: string, password: string): string[] {
  return passwordForms(user, password).filter((form) => text.includes(form));
}
