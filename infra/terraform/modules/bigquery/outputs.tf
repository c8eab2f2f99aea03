output "dataset_id" {
  value = google_bigquery_dataset.this.dataset_id
}

output "tables" {
  description = "table id => project.dataset.table, as a BigQuery subscription names it."
  value       = { for id, t in google_bigquery_table.this : id => "${t.project}.${t.dataset_id}.${t.table_id}" }
}
