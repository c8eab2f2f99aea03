# Every secret a service mounts (env.tf), and the smoke test's API key (cloudbuild.yaml; its
# `tenant:key` is also one of sentinel-api-keys). Terraform creates the secrets, never their values.
module "secrets" {
  source     = "../secrets"
  project_id = var.project_id
  secret_ids = setunion(toset(flatten([for s in concat(values(local.secrets), [local.telco_secrets]) : values(s)])), ["sentinel-smoke-key"])
  depends_on = [google_project_service.this]
}

# The sweeps' bearer tokens, for Cloud Scheduler's Authorization header (so they are in the
# Terraform state too: keep the state bucket as private as the secrets).
data "google_secret_manager_secret_version" "sweep_token" {
  for_each = toset(["escrow-sweep-token", "auth-sweep-token"])
  project  = var.project_id
  secret   = module.secrets.ids[each.value]
}
