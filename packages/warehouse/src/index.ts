// Public surface of @sentinel/warehouse: the BigQuery migration (bq:migrate) and the dashboards.
export * from './migrate/table-resource.ts';
export * from './migrate/warehouse.ts';
export * from './migrate/columns-as-avro.ts';
export * from './migrate/merge-columns.ts';
export * from './migrate/table-change.ts';
export * from './migrate/view-order.ts';
export * from './migrate/migration-step.ts';
export * from './migrate/plan-migration.ts';
export * from './migrate/migrate-warehouse.ts';
export * from './migrate/load-warehouse-source.ts';
export * from './migrate/bigquery-warehouse.ts';
export * from './migrate/migrate-config.ts';
export * from './dashboards/dashboards.ts';
export * from './dashboards/looker-link.ts';
export * from './dashboards/fixture.ts';
export * from './dashboards/chart-data.ts';
export * from './dashboards/svg-chart.ts';
