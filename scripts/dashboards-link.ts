// Prints a Looker Studio Linking API URL per dashboard (docs/dashboards.md): open one, check the
// data sources, "Edit and share", and the report is yours.
//   npm run dashboards:link -- --project P --dataset D [--billing-project B]
//                              [--template <dashboard>=<reportId> ...]
import { exit, stderr, stdout } from 'node:process';
import { parseArgs } from 'node:util';
import { DASHBOARDS, lookerStudioLink } from '@sentinel/warehouse';
import { scriptArgs } from './script-args.ts';

const USAGE =
  'usage: npm run dashboards:link -- --project P --dataset D [--billing-project B] [--template <dashboard>=<reportId> ...]\n';

function fail(message: string): never {
  stderr.write(`dashboards:link: ${message}\n${USAGE}`);
  exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    args: scriptArgs(import.meta.url),
    options: {
      project: { type: 'string' },
      dataset: { type: 'string', default: 'sentinel' },
      'billing-project': { type: 'string' },
      template: { type: 'string', multiple: true, default: [] },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
const { project, dataset } = values;
if (project === undefined || project === '') {
  fail('--project is required');
}
const templates = new Map<string, string>();
for (const entry of values.template) {
  const [id = '', reportId = ''] = entry.split('=', 2);
  if (!DASHBOARDS.some((dashboard) => dashboard.id === id) || reportId === '') {
    fail(`--template ${entry}: expected <${DASHBOARDS.map((d) => d.id).join('|')}>=<reportId>`);
  }
  templates.set(id, reportId);
}
const billing = values['billing-project'];
for (const dashboard of DASHBOARDS) {
  const reportId = templates.get(dashboard.id);
  const url = lookerStudioLink(dashboard, {
    project,
    dataset,
    ...(reportId === undefined ? {} : { reportId }),
    ...(billing === undefined ? {} : { billingProject: billing }),
  });
  stdout.write(`${dashboard.title} (${dashboard.audience}):\n${url}\n\n`);
}
