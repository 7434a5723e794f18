import { bindingKey, namedKey } from '../model/identity.js';
import type { User } from '../model/access.js';
import type { Binding, Exchange, GlobalParameter, ObjectOfKindInModel, PluginParameter, Policy, Queue, SourceLocation, Vhost, VhostLimit } from '../model/topology.js';
import type { BrokerTarget } from './broker-target.js';

/** Something the target broker refuses (an error) or deprecates (a warning) in a topology. */
export interface CompatibilityProblem {
  severity: 'error' | 'warning';
  /** One line naming the object (`queue "q": ...`); no trailing period. */
  message: string;
  /** Where the object was written, when it came from a spec. */
  loc?: SourceLocation;
  /** The object, by kind and identity key (a vhost by its name; see src/model/identity.ts). */
  subject: { kind: SubjectKind; key: string };
}

/** The object kinds a rule reports on, each with its model type. */
export type SubjectOfKind = Omit<ObjectOfKindInModel, 'permission' | 'topicPermission'>;
/** The kinds of objects whose support differs between RabbitMQ versions. */
export type SubjectKind = keyof SubjectOfKind;

export interface ProblemReport {
  error<K extends SubjectKind>(kind: K, object: SubjectOfKind[K], text: string): void;
  warning<K extends SubjectKind>(kind: K, object: SubjectOfKind[K], text: string): void;
}

/** One concern of one or more RabbitMQ versions. Pure; reports, never throws. */
export type CompatibilityRule = (vhost: Vhost, target: BrokerTarget, report: ProblemReport) => void;

/** A report that collects into `problems`, labelling each object as validation messages do. */
export function problemReport(problems: CompatibilityProblem[]): ProblemReport {
  const add = <K extends SubjectKind>(severity: CompatibilityProblem['severity'], kind: K, object: SubjectOfKind[K], text: string) => {
    problems.push({
      severity,
      message: `${labelOf(kind, object)}: ${text}`,
      ...(object.loc ? { loc: object.loc } : {}),
      subject: { kind, key: subjectKey(kind, object) },
    });
  };
  return {
    error: (kind, object, text) => add('error', kind, object, text),
    warning: (kind, object, text) => add('warning', kind, object, text),
  };
}

/** The identity key a problem's subject carries. */
function subjectKey<K extends SubjectKind>(kind: K, object: SubjectOfKind[K]): string {
  if (kind === 'vhost' || kind === 'user' || kind === 'globalParameter') return (object as Vhost | User | GlobalParameter).name;
  if (kind === 'binding') return bindingKey(object as Binding);
  return namedKey(object as Exchange | Queue | Policy | VhostLimit | PluginParameter);
}

function labelOf<K extends SubjectKind>(kind: K, object: SubjectOfKind[K]): string {
  switch (kind) {
    case 'binding': {
      const b = object as Binding;
      return `binding "${b.source}" -> "${b.destination}"`;
    }
    case 'operatorPolicy':
    case 'vhostLimit':
    case 'federationUpstream':
    case 'globalParameter':
      return `${kind.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)} "${(object as { name: string }).name}"`;
    default:
      return `${kind} "${(object as { name: string }).name}"`;
  }
}
