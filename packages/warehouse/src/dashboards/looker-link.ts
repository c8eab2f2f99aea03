import { dashboardViews, type DashboardSpec } from './dashboards.ts';

/** Where a report's data sources point, and which template report to copy. */
export interface LookerLinkOptions {
  readonly project: string;
  readonly dataset: string;
  /** The template report to copy (`c.reportId`); without it Looker Studio's default template. */
  readonly reportId?: string;
  /** The project billed for the queries (`billingProjectId`), when it is not `project`. */
  readonly billingProject?: string;
}

/** The Linking API's address (developers.google.com/looker-studio/integrate/linking-api). */
export const LOOKER_STUDIO_CREATE = 'https://lookerstudio.google.com/reporting/create';

/** The data source alias of the `index`-th view: ds0, ds1, … (a template's default aliases). */
export const dataSourceAlias = (index: number): string => `ds${String(index)}`;

/**
 * A Looker Studio Linking API URL that creates the dashboard's report: the template (when given),
 * the report name, then one BigQuery TABLE data source per view it reads (views are tables to the
 * connector). Every value is percent-encoded with encodeURIComponent (a space is %20, never `+`,
 * which some readers keep as a plus).
 */
export function lookerStudioLink(dashboard: DashboardSpec, options: LookerLinkOptions): string {
  const params: [string, string][] = [];
  const set = (name: string, value: string): void => {
    params.push([name, value]);
  };
  if (options.reportId !== undefined) {
    set('c.reportId', options.reportId);
  }
  set('r.reportName', dashboard.title);
  dashboardViews(dashboard).forEach((view, index) => {
    const ds = `ds.${dataSourceAlias(index)}`;
    set(`${ds}.connector`, 'bigQuery');
    set(`${ds}.type`, 'TABLE');
    set(`${ds}.projectId`, options.project);
    if (options.billingProject !== undefined) {
      set(`${ds}.billingProjectId`, options.billingProject);
    }
    set(`${ds}.datasetId`, options.dataset);
    set(`${ds}.tableId`, view);
  });
  const query = params.map(
    ([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`,
  );
  return `${LOOKER_STUDIO_CREATE}?${query.join('&')}`;
}
