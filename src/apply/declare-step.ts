import type { StepOperation } from '../plan/step.js';

/**
 * The steps AMQP has a method for, which apply may send over AMQP instead of the management
 * API (./amqp-declarer.ts): exchange, queue and binding declares.
 */
export type DeclareStep = Extract<StepOperation, { op: 'declare-queue' | 'declare-exchange' | 'bind' }>;

export function isDeclareStep(step: StepOperation): step is DeclareStep {
  return step.op === 'declare-queue' || step.op === 'declare-exchange' || step.op === 'bind';
}
