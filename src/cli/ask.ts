import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** Reads one line from the terminal after writing `question`; '' if input ends first. */
export async function ask(question: string, write: (text: string) => void): Promise<string> {
  write(question);
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    return await Promise.race([once(rl, 'line').then(([text]) => String(text)), once(rl, 'close').then(() => '')]);
  } finally {
    rl.close();
  }
}

/** A confirmation: `y` or `yes`, in any case, blanks around ignored. Anything else is a no. */
export function isYes(answer: string): boolean {
  return /^(y|yes)$/i.test(answer.trim());
}
