import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileErrorReason, TopoError } from '../errors.js';
import { chooseEnvironment } from '../settings/choose-environment.js';
import { parseSettings } from '../settings/parse-settings.js';
import { parseVarFile } from '../settings/parse-var-file.js';
import type { EnvironmentSettings, Settings } from '../settings/settings.js';
import type { ConnectionFlags, SettingsFlags } from './options.js';

type Env = Record<string, string | undefined>;
type Options = Partial<ConnectionFlags & SettingsFlags> & { var?: string[] };

/** Where topo looks for its settings file when neither `--config` nor `TOPO_CONFIG` names one. */
function settingsFileCandidates(cwd: string, env: Env): string[] {
  const configHome = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return [join(cwd, '.topo.yaml'), join(configHome, 'topo', 'config.yaml')];
}

/**
 * A command's options with the settings filled in, by precedence: flags, then `TOPO_*`
 * variables, then the chosen environment of the settings file (`--env`/`TOPO_ENV`, or its
 * `default`), then topo's defaults (applied later, by createConnection). Passwords come from
 * `--password`, `--password-file`, `TOPO_PASSWORD`, `TOPO_PASSWORD_FILE`, then the
 * environment's `passwordFile`, in that order. `${var:…}` values: the environment's `vars`,
 * then each `--var-file`, then `--var`, a later one winning. `connection` is false for the
 * commands that never reach a broker: no password file is read for them.
 */
export function withSettings<O extends Options>(options: O, env: Env, context: { cwd: string; connection: boolean }): O {
  const settings = readSettings(options.config ?? env.TOPO_CONFIG, env, context.cwd);
  const choice = chooseEnvironment(settings, options.env ?? (env.TOPO_ENV || undefined));
  if (!choice.ok) throw new TopoError('usage', choice.error);
  const chosen = choice.environment;
  const base = settings ? dirname(settings.file) : context.cwd;
  const out: O = { ...options };
  if (context.connection) {
    fillConnection(out, chosen, env, (path) => resolvePath(path, base));
    const password = passwordFrom(options, chosen, env, (path) => resolvePath(path, base));
    if (password !== undefined) out.password = password;
  }
  const fileVars = (options.varFile ?? []).map(readVarFile);
  const varFlags = [chosen.vars ?? {}, ...fileVars].flatMap((vars) => Object.entries(vars).map(([k, v]) => `${k}=${v}`));
  if (options.var !== undefined || varFlags.length > 0) out.var = [...varFlags, ...(options.var ?? [])];
  return out;
}

function fillConnection(out: Options, chosen: EnvironmentSettings, env: Env, path: (p: string) => string): void {
  const unset = (flag: unknown, variable?: string) => (flag === undefined || (Array.isArray(flag) && flag.length === 0)) && !(variable && env[variable]);
  if (chosen.url && unset(out.url, 'TOPO_URL')) out.url = chosen.url;
  if (chosen.amqpUrl && unset(out.amqpUrl, 'TOPO_AMQP_URL')) out.amqpUrl = chosen.amqpUrl;
  if (chosen.user && unset(out.user, 'TOPO_USER')) out.user = chosen.user;
  if (chosen.caCert && unset(out.caCert)) out.caCert = path(chosen.caCert);
  if (chosen.clientCert && unset(out.clientCert)) out.clientCert = path(chosen.clientCert);
  if (chosen.clientKey && unset(out.clientKey)) out.clientKey = path(chosen.clientKey);
  if (chosen.insecure !== undefined && unset(out.insecure)) out.insecure = chosen.insecure;
  if (chosen.timeout !== undefined && unset(out.timeout)) out.timeout = chosen.timeout;
}

/** The password to use as if given with --password, or undefined to leave it to TOPO_PASSWORD and the defaults. */
function passwordFrom(options: Options, chosen: EnvironmentSettings, env: Env, path: (p: string) => string): string | undefined {
  if (options.password !== undefined && options.passwordFile !== undefined) {
    throw new TopoError('usage', 'give --password or --password-file, not both');
  }
  if (options.passwordFile !== undefined) return readPasswordFile('--password-file', options.passwordFile);
  if (options.password !== undefined || env.TOPO_PASSWORD) return undefined;
  if (env.TOPO_PASSWORD_FILE) return readPasswordFile('TOPO_PASSWORD_FILE', env.TOPO_PASSWORD_FILE);
  if (chosen.passwordFile) return readPasswordFile('passwordFile', path(chosen.passwordFile));
  return undefined;
}

/** The first line of a password file (a trailing newline is not part of the password). */
function readPasswordFile(source: string, file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TopoError('file', `cannot read the ${source} "${file}": ${fileErrorReason(error)}`);
  }
  const password = text.replace(/\r?\n$/, '');
  if (password === '') throw new TopoError('usage', `the ${source} "${file}" is empty`);
  return password;
}

function readVarFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TopoError('file', `cannot read --var-file "${file}": ${fileErrorReason(error)}`);
  }
  const parsed = parseVarFile(text, file);
  if (!parsed.ok) throw new TopoError('usage', `--var-file ${parsed.error}`);
  return parsed.vars;
}

/** The settings file named, or the first that exists of the usual places; none is fine unless named. */
function readSettings(named: string | undefined, env: Env, cwd: string): Settings | undefined {
  const file = named ?? settingsFileCandidates(cwd, env).find((candidate) => existsSync(candidate));
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TopoError('file', `cannot read the settings file "${file}": ${fileErrorReason(error)}`);
  }
  const parsed = parseSettings(text, file);
  if (!parsed.ok) throw new TopoError('usage', parsed.error);
  return parsed.settings;
}

function resolvePath(path: string, base: string): string {
  if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(1));
  return isAbsolute(path) ? path : resolve(base, path);
}
