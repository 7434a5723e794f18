import { didYouMeanHint } from '../text/did-you-mean.js';
import type { CompatibilityOptions } from './validate-spec-sources.js';

/** What `loadTopology` and `validateSpec` are given, checked. */
export interface LoadArguments {
  paths: string[];
  vars: Record<string, string>;
  env: Record<string, string | undefined>;
  compatibility: CompatibilityOptions;
}

const OPTION_NAMES = ['vars', 'env', 'brokerVersion', 'checkCompatibility'];

/**
 * The paths and options a JavaScript caller gave `loadTopology` or `validateSpec` (named by
 * `caller` in messages), checked: TypeScript cannot stop a JavaScript caller from passing one
 * path as a bare string, which would otherwise be read as a list of one-character paths
 * (`/` included). Throws a TypeError naming the argument; `env` defaults to `environment`.
 */
export function loadArguments(caller: string, paths: unknown, options: unknown, environment: NodeJS.ProcessEnv): LoadArguments {
  const fail = (message: string): never => {
    throw new TypeError(`${caller}: ${message}`);
  };
  let list: string[];
  if (typeof paths === 'string') list = [paths];
  else if (Array.isArray(paths)) list = paths.map((path: unknown, i) => (typeof path === 'string' ? path : fail(`paths[${i}] must be a string, got ${described(path)}`)));
  else list = fail(`paths must be a file or directory path (a string) or an array of them, got ${described(paths)}`);

  if (options === undefined) return { paths: list, vars: {}, env: environment, compatibility: {} };
  if (!isPlainObject(options)) fail(`options must be an object ({ vars, env }), got ${described(options)}`);
  const given = options as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    if (!OPTION_NAMES.includes(name)) fail(`unknown option "${name}"${didYouMeanHint(name, OPTION_NAMES)}: the options are vars, env, brokerVersion and checkCompatibility`);
  }
  const { brokerVersion, checkCompatibility } = given;
  if (brokerVersion !== undefined && typeof brokerVersion !== 'string') fail(`options.brokerVersion must be a string, got ${described(brokerVersion)}`);
  if (checkCompatibility !== undefined && typeof checkCompatibility !== 'boolean') {
    fail(`options.checkCompatibility must be true or false, got ${described(checkCompatibility)}`);
  }
  return {
    paths: list,
    vars: given.vars === undefined ? {} : (stringRecord(given.vars, 'options.vars', false, fail) as Record<string, string>),
    env: given.env === undefined ? environment : stringRecord(given.env, 'options.env', true, fail),
    compatibility: {
      ...(typeof brokerVersion === 'string' ? { brokerVersion } : {}),
      ...(typeof checkCompatibility === 'boolean' ? { check: checkCompatibility } : {}),
    },
  };
}

/** A record of strings (or undefined values when `undefinedAllowed`), as given. */
function stringRecord(
  value: unknown,
  name: string,
  undefinedAllowed: boolean,
  fail: (message: string) => never,
): Record<string, string | undefined> {
  const expected = undefinedAllowed ? 'a string or undefined' : 'a string';
  // process.env is no plain object (its prototype is its own), but is what `env` is for.
  if (value === process.env) return process.env;
  if (!isPlainObject(value)) fail(`${name} must be an object of strings, got ${described(value)}`);
  const record = value as Record<string, unknown>;
  for (const [key, item] of Object.entries(record)) {
    if (typeof item !== 'string' && !(undefinedAllowed && item === undefined)) fail(`${name}.${key} must be ${expected}, got ${described(item)}`);
  }
  return record as Record<string, string | undefined>;
}

function isPlainObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A value in a message: its type, and the value itself when it is short. */
function described(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)})`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `a ${typeof value} (${String(value)})`;
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      return value instanceof Map ? 'a Map' : value instanceof Set ? 'a Set' : 'an object';
  }
}
