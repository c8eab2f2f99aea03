module "firestore" {
  source     = "../firestore"
  project_id = var.project_id
  location   = var.firestore_location
  depends_on = [google_project_service.this]
}

module "bigquery" {
  source     = "../bigquery"
  project_id = var.project_id
  location   = var.bigquery_location
  table_files = {
    decisions     = "${path.module}/../../../bigquery/decisions.json"
    outcomes      = "${path.module}/../../../bigquery/outcomes.json"
    escrow_events = "${path.module}/../../../bigquery/escrow_events.json"
  }
  depends_on = [google_project_service.this]
}
