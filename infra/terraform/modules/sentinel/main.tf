# One Sentinel environment. The envs/ roots call this with their sizes and endpoints; the
# concerns live in ../ modules. Files here: apis.tf, accounts.tf + iam.tf (who may do what),
# env.tf (every service's environment, held against the code by test/deploy), services.tf,
# messaging.tf, data.tf (Firestore, BigQuery), secrets.tf, schedules.tf, monitoring.tf.
data "google_project" "this" {
  project_id = var.project_id
}

locals {
  image_base = module.registry.url
  image = {
    for d in ["risk-api", "auth", "escrow", "telco-ingestion"] : d => "${local.image_base}/${d}:${var.image_tag}"
  }
  # Cloud Run's deterministic URLs (https://SERVICE-PROJECT_NUMBER.REGION.run.app): services name
  # each other without a dependency cycle (the webhook's own sink URL, the sweep targets).
  run_url = {
    for s in ["risk-api", "auth", "escrow-api", "escrow-on-decision", "escrow-on-outcome", "poll-sim-swaps", "camara-webhook"] :
    s => "https://${s}-${data.google_project.this.number}.${var.region}.run.app"
  }
  pubsub_agent = "service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
  labels       = { app = "sentinel", env = var.environment }
}

module "registry" {
  source     = "../artifact-registry"
  project_id = var.project_id
  region     = var.region
  depends_on = [google_project_service.this]
}
