import type { Plan } from '../plan/plan.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import { renderText } from './render-text.js';

/** The views of a plan: the terminal's, `--json`'s, and a pull-request comment's. */
export type PlanFormat = 'text' | 'json' | 'markdown';

/**
 * How to render: `color` for text on a terminal; `graph` (Mermaid source) and `fullPlan` (where
 * the whole plan is, when a comment cannot hold it) for Markdown. Others ignore what is not theirs.
 */
export interface RenderPlanOptions {
  color: boolean;
  graph?: string;
  fullPlan?: string;
}

/** A plan in `format`, as `topo plan` prints it and `topo show` prints a saved one. Pure. */
export function renderPlan(plan: Plan, format: PlanFormat, options: RenderPlanOptions): string {
  switch (format) {
    case 'text':
      return renderText(plan, { color: options.color });
    case 'json':
      return renderJson(plan);
    case 'markdown':
      return renderMarkdown(plan, {
        ...(options.graph === undefined ? {} : { graph: options.graph }),
        ...(options.fullPlan === undefined ? {} : { fullPlan: options.fullPlan }),
      });
    default: {
      const impossible: never = format;
      throw new Error(`unknown plan format ${String(impossible)}`);
    }
  }
}
