import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/plan/plan.js';
import { renderJson } from '../../../src/render/render-json.js';
import { renderMarkdown } from '../../../src/render/render-markdown.js';
import { renderText } from '../../../src/render/render-text.js';
import { samplePlan } from './sample-plan.js';

const plan: Plan = {
  ...samplePlan,
  broker: {
    version: '4.3.6',
    deprecatedFeatures: [{ name: 'transient_nonexcl_queues', phase: 'permitted_by_default', permitted: true }],
    deprecatedFeaturesUsed: [{ name: 'transient_nonexcl_queues', phase: 'permitted_by_default', docUrl: 'https://example.test/transient' }],
  },
  problems: [
    {
      severity: 'warning',
      message: 'queue "tmp": a queue that is neither durable nor exclusive is deprecated',
      loc: { file: 'a.yaml', line: 3, col: 5 },
      subject: { kind: 'queue', key: '/\u0000tmp' },
    },
  ],
};

describe('what the plan says of the broker it was made against', () => {
  it('text lists the deprecated features the broker reports in use; the problems go to standard error', () => {
    const text = renderText(plan, { color: false });
    expect(text).toContain(
      'Deprecated features in use on the broker (RabbitMQ 4.3.6, anywhere on it):\n  transient_nonexcl_queues (permitted by default): https://example.test/transient\n\n',
    );
    expect(text).not.toContain('tmp');
    expect(renderText(samplePlan, { color: false })).not.toContain('Deprecated features');
  });

  it('Markdown lists the problems, located, and the deprecated features', () => {
    const markdown = renderMarkdown(plan);
    expect(markdown).toContain(
      '#### What the broker refuses or deprecates in this plan\n\n- a.yaml:3:5: warning: queue "tmp": a queue that is neither durable nor exclusive is deprecated\n',
    );
    expect(markdown).toContain('- transient\\_nonexcl\\_queues (permitted by default): https://example.test/transient\n');
  });

  it('JSON carries the broker version, the features in use and the problems, as validate --json locates them', () => {
    const view = JSON.parse(renderJson(plan)) as Record<string, unknown>;
    expect(view.broker).toEqual({
      version: '4.3.6',
      deprecatedFeaturesUsed: [{ name: 'transient_nonexcl_queues', phase: 'permitted_by_default', docUrl: 'https://example.test/transient' }],
    });
    expect(view.problems).toEqual([
      { severity: 'warning', file: 'a.yaml', line: 3, col: 5, message: 'queue "tmp": a queue that is neither durable nor exclusive is deprecated' },
    ]);
  });
});
