import { describe, expect, it } from 'vitest';
import { chooseEnvironment } from '../../../src/settings/choose-environment.js';
import { parseSettings } from '../../../src/settings/parse-settings.js';
import { parseVarFile } from '../../../src/settings/parse-var-file.js';

const FILE = '/repo/.topo.yaml';

const settingsText = `
default: local
environments:
  local:
    url: http://localhost:15672
  prod:
    url: [https://rabbit-1.example.com:15671, https://rabbit-2.example.com:15671]
    amqpUrl: amqps://rabbit-1.example.com:5671
    user: deploy
    passwordFile: ~/.secrets/rabbit-prod
    caCert: certs/ca.pem
    insecure: false
    timeout: 10000
    vars: { region: eu, replicas: 3 }
`;

describe('the settings file', () => {
  it('reads named environments, a URL or a list of them, and the default', () => {
    const parsed = parseSettings(settingsText, FILE);
    expect(parsed).toEqual({
      ok: true,
      settings: {
        file: FILE,
        default: 'local',
        environments: {
          local: { url: ['http://localhost:15672'] },
          prod: {
            url: ['https://rabbit-1.example.com:15671', 'https://rabbit-2.example.com:15671'],
            amqpUrl: 'amqps://rabbit-1.example.com:5671',
            user: 'deploy',
            passwordFile: '~/.secrets/rabbit-prod',
            caCert: 'certs/ca.pem',
            insecure: false,
            timeout: 10000,
            vars: { region: 'eu', replicas: '3' },
          },
        },
      },
    });
  });

  it.each([
    ['environments:\n  prod:\n    password: hunter2\n', 'environments.prod.password: no passwords in the settings file: use passwordFile, or TOPO_PASSWORD'],
    ['environments:\n  prod:\n    usr: deploy\n', 'environments.prod.usr: unknown field (url, amqpUrl, user, passwordFile, caCert, clientCert, clientKey, insecure, timeout, vars)'],
    ['environments:\n  prod:\n    timeout: soon\n', 'environments.prod.timeout: expected a positive number of milliseconds'],
    ['environments:\n  prod:\n    url: []\n', 'environments.prod.url: expected a URL or a list of URLs'],
    ['environments: {}\ndefault: prod\n', 'default: no environment "prod"'],
    ['envs: {}\n', 'envs: unknown field (environments, default)'],
    ['environments: [a]\n', 'environments: expected a mapping of environment names'],
  ])('refuses %j in one line', (text, message) => {
    expect(parseSettings(text, FILE)).toEqual({ ok: false, error: `${FILE}: ${message}` });
  });

  it('says when the file is not YAML', () => {
    expect(parseSettings('environments: {', FILE)).toMatchObject({ ok: false, error: expect.stringMatching(/^\/repo\/\.topo\.yaml: not YAML: /) });
  });
});

describe('choosing an environment', () => {
  const parsed = parseSettings(settingsText, FILE);
  const settings = parsed.ok ? parsed.settings : undefined;

  it('takes the one named, else the default, else none', () => {
    expect(chooseEnvironment(settings, 'prod')).toMatchObject({ ok: true, name: 'prod', environment: { user: 'deploy' } });
    expect(chooseEnvironment(settings, undefined)).toMatchObject({ ok: true, name: 'local' });
    expect(chooseEnvironment(undefined, undefined)).toEqual({ ok: true, environment: {} });
  });

  it('suggests the nearest name for a typo, and lists those there are', () => {
    expect(chooseEnvironment(settings, 'prd')).toEqual({
      ok: false,
      error: `--env prd: ${FILE} has no environment "prd" (did you mean "prod"?) (it has: local, prod)`,
    });
  });

  it('says when there is no settings file at all', () => {
    expect(chooseEnvironment(undefined, 'prod')).toEqual({ ok: false, error: '--env prod: no settings file (.topo.yaml, or --config FILE) names environments' });
  });
});

describe('a --var-file', () => {
  it('is a mapping of names to values, as text', () => {
    expect(parseVarFile('region: eu\nreplicas: 3\nlazy: true\n', 'v.yaml')).toEqual({ ok: true, vars: { region: 'eu', replicas: '3', lazy: 'true' } });
    expect(parseVarFile('{"region": "us"}', 'v.json')).toEqual({ ok: true, vars: { region: 'us' } });
    expect(parseVarFile('', 'v.yaml')).toEqual({ ok: true, vars: {} });
  });

  it('refuses anything else in one line', () => {
    expect(parseVarFile('- a\n', 'v.yaml')).toEqual({ ok: false, error: 'v.yaml: expected a mapping of names to values' });
    expect(parseVarFile('region: { a: 1 }\n', 'v.yaml')).toEqual({ ok: false, error: 'v.yaml: region: expected a string, number or boolean' });
  });
});
