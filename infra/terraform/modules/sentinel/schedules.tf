# Cloud Scheduler: the escrow's and the auth service's sweeps (bearer tokens their public services
# check) and the telco poll (OIDC to a private function).
module "escrow_sweep" {
  source       = "../scheduler-job"
  project_id   = var.project_id
  region       = var.region
  name         = "escrow-sweep"
  schedule     = "* * * * *"
  uri          = "${local.run_url["escrow-api"]}/internal/sweep"
  bearer_token = data.google_secret_manager_secret_version.sweep_token["escrow-sweep-token"].secret_data
  depends_on   = [google_project_service.this]
}

module "auth_sweep" {
  source       = "../scheduler-job"
  project_id   = var.project_id
  region       = var.region
  name         = "auth-sweep"
  schedule     = "* * * * *"
  uri          = "${local.run_url["auth"]}/internal/sweep"
  bearer_token = data.google_secret_manager_secret_version.sweep_token["auth-sweep-token"].secret_data
  depends_on   = [google_project_service.this]
}

module "telco_poll" {
  source               = "../scheduler-job"
  project_id           = var.project_id
  region               = var.region
  name                 = "telco-poll"
  schedule             = "*/5 * * * *"
  uri                  = local.run_url["poll-sim-swaps"]
  oidc_service_account = google_service_account.this["sentinel-scheduler"].email
  attempt_deadline     = "300s"
  depends_on           = [google_project_service.this]
}
