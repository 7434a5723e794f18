import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSpec } from '../../../src/load/load-topology.js';

async function specDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'topo-secret-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('secret fields', () => {
  it('keep the reference, with a ${file:} path relative to the spec file, and never the value', async () => {
    const dir = await specDir({ 'pw.txt': 'from-the-file\n', 'spec.yaml': 'users:\n  a: { password: "${file:pw.txt}" }\n  b: { password: "${env:B_PW}" }\n' });
    const result = await validateSpec(join(dir, 'spec.yaml'), { env: { B_PW: 'from-the-env' } });
    expect(result.ok && result.topology.users?.map((u) => u.credential)).toEqual([
      { type: 'password', secret: { ref: `\${file:${join(dir, 'pw.txt')}}` } },
      { type: 'password', secret: { ref: '${env:B_PW}' } },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/from-the-(file|env)/);
  });

  it('report a missing variable or file at the field, a literal password, and ${file:} anywhere else', async () => {
    const dir = await specDir({
      'spec.yaml': 'users:\n  a: { password: "${file:gone.txt}" }\n  b: { password: "${env:NOPE}" }\n  c: { password: hunter2 }\nvhosts:\n  v:\n    description: "${file:pw.txt}"\n',
    });
    const result = await validateSpec(join(dir, 'spec.yaml'), { env: {} });
    const messages = result.ok ? [] : result.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
    expect(messages).toEqual([
      '2:18: cannot read the file of ${file:' + join(dir, 'gone.txt') + '}',
      '3:18: environment variable NOPE is not set (referenced as ${env:NOPE})',
      expect.stringMatching(/^4:18: password must match /),
      "7:18: ${file:pw.txt}: ${file:PATH} is only for secrets (a user's password): its content is never shown",
    ]);
    expect(messages.join('\n')).not.toContain('hunter2');
  });

  it('never echo a password that YAML read as a number or a boolean (the hint to quote it shows no value)', async () => {
    const dir = await specDir({ 'spec.yaml': 'users:\n  a: { password: 987654321 }\n  b: { password: true }\n' });
    const result = await validateSpec(join(dir, 'spec.yaml'), { env: {} });
    const messages = result.ok ? [] : result.errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
    expect(messages).toEqual(['2:18: password must be a string', '3:18: password must be a string']);
  });
});
