# The analytics dataset and the tables the BigQuery subscriptions write to. A subscription needs
# its table to exist, so Terraform creates each table from its generated file at the first apply;
# later schema changes are additive and applied by `npm run bq:migrate` (issue 13), which also owns
# the views, so Terraform ignores the schema after creation.
locals {
  tables = { for id, path in var.table_files : id => jsondecode(file(path)) }
}

resource "google_bigquery_dataset" "this" {
  project     = var.project_id
  dataset_id  = var.dataset_id
  location    = var.location
  description = "Sentinel decisions, outcomes and escrow events (BigQuery subscriptions); views by npm run bq:migrate"
}

resource "google_bigquery_table" "this" {
  for_each            = local.tables
  project             = var.project_id
  dataset_id          = google_bigquery_dataset.this.dataset_id
  table_id            = each.key
  description         = each.value.description
  schema              = jsonencode(each.value.schema.fields)
  clustering          = each.value.clustering.fields
  deletion_protection = var.deletion_protection

  time_partitioning {
    type  = each.value.timePartitioning.type
    field = each.value.timePartitioning.field
  }

  lifecycle {
    ignore_changes = [schema]
  }
}
