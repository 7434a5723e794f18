import type { Arguments, ArgumentValue } from '../model/topology.js';

/** The value types `-H name:TYPE=value` accepts; without a type a value is a string. */
export const HEADER_TYPES = ['str', 'int', 'float', 'bool'] as const;
export type HeaderType = (typeof HEADER_TYPES)[number];

export type ParsedHeaders = { ok: true; headers: Arguments } | { ok: false; error: string };

/**
 * Parses `-H` flags into typed headers: `name=value` is the string `value`; `name:int=5`,
 * `name:float=1.5`, `name:bool=true` and `name:str=5` say the type. Only the first `=`
 * separates name from value, and `:TYPE` is read only when TYPE is one of HEADER_TYPES, so
 * `a:b=c` is the header `a:b`. A header given twice is an error.
 */
export function parseHeaderFlags(flags: readonly string[]): ParsedHeaders {
  const headers: Arguments = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq < 0) return { ok: false, error: `header "${flag}" has no value: use -H name=value` };
    const left = flag.slice(0, eq);
    const raw = flag.slice(eq + 1);
    const typed = /^(.*):(str|int|float|bool)$/.exec(left);
    const name = typed ? (typed[1] as string) : left;
    const type = (typed?.[2] ?? 'str') as HeaderType;
    if (name === '') return { ok: false, error: `header "${flag}" has no name: use -H name=value` };
    if (Object.hasOwn(headers, name)) return { ok: false, error: `header "${name}" is given twice` };
    const value = typedValue(type, raw);
    if (value === undefined) return { ok: false, error: `header "${name}": "${raw}" is not a valid ${type}` };
    headers[name] = value;
  }
  return { ok: true, headers };
}

function typedValue(type: HeaderType, raw: string): ArgumentValue | undefined {
  switch (type) {
    case 'str':
      return raw;
    case 'int': {
      const n = Number(raw);
      return /^[+-]?\d+$/.test(raw.trim()) && Number.isSafeInteger(n) ? n : undefined;
    }
    case 'float': {
      const n = Number(raw);
      return raw.trim() !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'bool':
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    default: {
      const impossible: never = type;
      return impossible;
    }
  }
}
