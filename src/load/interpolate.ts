/** Where `${env:NAME}`, `${var:key}` and `${file:PATH}` references find their values. */
export interface InterpolationSources {
  /** Values of `--var key=value`. */
  vars: Readonly<Record<string, string>>;
  env: Readonly<Record<string, string | undefined>>;
  /**
   * The content of a file, or undefined when it cannot be read. Used only for secrets
   * (./secret-field.ts): elsewhere `${file:PATH}` is an error, so no file's content can end up
   * in a name or an argument that plans show.
   */
  readFile?: (path: string) => string | undefined;
}

/** The text with every reference replaced, and the problems found (one message each). */
export interface Interpolated {
  value: string;
  /** The text was exactly one reference, such as `${var:ttl}`: its value may be typed. */
  whole: boolean;
  problems: string[];
}

// `$${` is an escaped literal `${`; `${...}` a reference; a lone `${` is unterminated.
const REFERENCE = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const WHOLE = /^\$\{(?:env|var):[^}]+\}$/;

/** True when the text may hold a reference or an escape, so most scalars skip the regex. */
export function mayInterpolate(text: string): boolean {
  return text.includes('${');
}

/**
 * Replaces the references in one string scalar. Pure: sources are passed in. `${file:PATH}` is
 * read only for a secret (`secret` true: ./secret-field.ts); anywhere else it is an error.
 */
export function interpolate(text: string, sources: InterpolationSources, secret = false): Interpolated {
  const problems: string[] = [];
  const value = text.replace(REFERENCE, (match: string, inner: string | undefined) => {
    if (match === '$${') return '${';
    if (inner === undefined) {
      problems.push(`unterminated reference "${text}": write \${env:NAME} or \${var:key}`);
      return match;
    }
    const colon = inner.indexOf(':');
    const kind = colon < 0 ? '' : inner.slice(0, colon);
    const name = colon < 0 ? '' : inner.slice(colon + 1);
    if (kind === 'file' && name !== '') {
      if (!secret || !sources.readFile) {
        problems.push(`${match}: \${file:PATH} is only for secrets (a user's password): its content is never shown`);
        return match;
      }
      const content = sources.readFile(name);
      if (content === undefined) problems.push(`cannot read the file of ${match}`);
      return content ?? match;
    }
    if ((kind !== 'env' && kind !== 'var') || name === '') {
      problems.push(`unknown reference "${match}": write \${env:NAME} or \${var:key} (or $\${ for a literal \${)`);
      return match;
    }
    // Own properties only: `${env:constructor}` is not Object.prototype.constructor.
    const values: Readonly<Record<string, string | undefined>> = kind === 'env' ? sources.env : sources.vars;
    const found = Object.hasOwn(values, name) ? values[name] : undefined;
    if (found === undefined) {
      problems.push(
        kind === 'env'
          ? `environment variable ${name} is not set (referenced as ${match})`
          : `no value for ${match} (pass --var ${name}=VALUE)`,
      );
      return match;
    }
    return found;
  });
  return { value, whole: WHOLE.test(text), problems };
}

/** A scalar's value once its references are replaced, and the problems found. */
export interface InterpolatedScalar {
  value: string | number | boolean;
  problems: string[];
}

/**
 * The value of a string scalar with its references replaced. A value (not a key) that is
 * exactly one resolved reference gets the type YAML would give its text; a key, a text
 * around a reference and an unresolved reference stay strings.
 */
export function interpolateScalar(text: string, sources: InterpolationSources, isKey: boolean): InterpolatedScalar {
  const { value, whole, problems } = interpolate(text, sources);
  if (isKey || !whole || problems.length > 0) return { value, problems };
  return { value: typedReferenceValue(value), problems };
}

/**
 * The typed value of a whole-reference scalar, read as YAML would read the text: integers and
 * decimals become numbers, true and false booleans, anything else stays a string. This lets
 * `x-message-ttl: ${var:ttl}` give a number.
 */
export function typedReferenceValue(text: string): string | number | boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/.test(text)) return Number(text);
  return text;
}
