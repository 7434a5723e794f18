/**
 * Issue 11 through the whole CLI, in-process: a URL whose password is not percent-encoded is
 * refused before anything connects, in one line that says to percent-encode, and nothing
 * topo prints holds the password in any form.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { leakedForms } from '../../support/password-forms.js';
import { giveUrl, URL_CREDENTIAL_EXAMPLES, URL_SOURCES } from '../../support/url-credential-examples.js';

const SPEC = join(import.meta.dirname, '..', '..', '..', 'examples', 'tutorials', 'hello-world.yaml');

const COMMANDS = [
  ['plan', SPEC],
  ['apply', SPEC, '--yes'],
  ['export'],
  ['test', SPEC, '--live'],
];

const cases = URL_CREDENTIAL_EXAMPLES.flatMap((example) => URL_SOURCES.map((source) => ({ example, source })));

describe('a URL with an unencoded password', () => {
  it.each(cases)('on $source.name: $example.url', async ({ example, source }) => {
    for (const command of COMMANDS) {
      for (const debug of [[], ['--debug']]) {
        const given = giveUrl(source, example.url);
        const io = bufferIO(given.env);
        const code = await main(['node', 'topo', ...command, ...given.args, ...debug], io);
        const label = `${command.join(' ')} ${debug.join(' ')}`;
        expect(code, label).toBe(1);
        expect(io.stdout, label).toBe('');
        expect(io.stderr.endsWith('\n'), label).toBe(true);
        const [line, ...stack] = io.stderr.slice(0, -1).split('\n');
        expect(line, label).toMatch(
          new RegExp(`^topo: ${source.name}: the user and password in the URL must be percent-encoded \\(write "/" as %2F, .*\\); got ".*:\\*\\*\\*@host.*"$`),
        );
        // One line; under --debug, the stack after it.
        if (debug.length === 0) expect(stack, label).toEqual([]);
        else expect(stack.filter((l) => l.startsWith('    at ')).length, label).toBeGreaterThan(0);
        expect(leakedForms(io.stdout + io.stderr, example.user, example.password), label).toEqual([]);
      }
    }
  });
});
