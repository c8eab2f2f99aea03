# One runtime account per deployable, plus the identities that call them and the deployer.
resource "google_service_account" "this" {
  for_each = {
    "sentinel-risk-api"    = "risk-api (Cloud Run)"
    "sentinel-auth"        = "auth, the step-up service (Cloud Run)"
    "sentinel-escrow"      = "escrow functions: escrowApi, escrowOnDecision, escrowOnOutcome"
    "sentinel-telco"       = "telco ingestion functions: pollSimSwaps, camaraWebhook"
    "sentinel-pubsub-push" = "OIDC identity of the escrow's push subscriptions"
    "sentinel-scheduler"   = "OIDC identity of Cloud Scheduler's telco poll"
    "sentinel-deployer"    = "Cloud Build: pushes images, deploys revisions, releases Firestore rules and indexes, migrates BigQuery"
  }
  project      = var.project_id
  account_id   = each.key
  display_name = each.value
  depends_on   = [google_project_service.this]
}
