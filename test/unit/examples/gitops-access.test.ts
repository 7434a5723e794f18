import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../../src/cli/io.js';
import { validateCommand } from '../../../src/cli/validate.js';
import { validateSpec } from '../../../src/load/load-topology.js';

// The layout is loaded by absolute path here, so its secret paths come out absolute.
import { EXAMPLES_DIR } from '../../support/example-specs.js';

const LAYOUT = join(EXAMPLES_DIR, 'gitops-access');
const ENV = {};

describe('examples/gitops-access', () => {
  it('`topo validate` accepts the layout, its passwords read from secret files and never printed', async () => {
    const io = bufferIO(ENV);
    expect(await validateCommand([LAYOUT], { var: [] }, io)).toBe(0);
    expect(io.stderr).toBe('');
    expect(io.stdout).not.toContain('change-me');
  });

  it('gives each service its own user, with no tag, a limit, and permissions on its own objects only', async () => {
    const result = await validateSpec(LAYOUT, { env: ENV });
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
    const { users = [], vhosts } = result.topology;
    const services = users.filter((u) => u.name.endsWith('-service'));
    expect(services.map((u) => u.name)).toEqual(['billing-service', 'orders-service', 'shipping-service']);
    for (const user of services) {
      expect(user.tags).toEqual([]);
      expect(user.limits?.['max-connections']).toBeGreaterThan(0);
      expect(user.credential).toEqual({ type: 'password', secret: { ref: `\${file:${join(LAYOUT, 'secrets', `${user.name}.password`)}}` } });
    }
    const shop = vhosts.find((v) => v.name === 'shop');
    const permissions = new Map(shop?.permissions?.map((p) => [p.user, p]));
    // Nobody may declare anything, and no regex allows everything.
    for (const p of shop?.permissions ?? []) {
      expect(p.configure).toBe('');
      expect([p.write, p.read]).not.toContain('.*');
    }
    expect(permissions.get('billing-service')?.read).toBe('^billing\\.payments$');
    expect(users.some((u) => u.tags.includes('administrator'))).toBe(false);
  });
});
