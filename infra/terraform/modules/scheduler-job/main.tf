# An HTTP Cloud Scheduler job: POST to a function or service, either with an OIDC token (private
# target, e.g. pollSimSwaps) or with the bearer token the target checks itself (the sweeps, whose
# services are public). Every sweep and poll is idempotent, so a retried or doubled call is safe.
resource "google_cloud_scheduler_job" "this" {
  project          = var.project_id
  region           = var.region
  name             = var.name
  schedule         = var.schedule
  time_zone        = var.time_zone
  attempt_deadline = var.attempt_deadline

  retry_config {
    retry_count          = 1
    min_backoff_duration = "5s"
  }

  http_target {
    http_method = "POST"
    uri         = var.uri
    headers     = var.bearer_token == null ? {} : { Authorization = "Bearer ${var.bearer_token}" }

    dynamic "oidc_token" {
      for_each = var.oidc_service_account == null ? [] : [var.oidc_service_account]
      content {
        service_account_email = oidc_token.value
        audience              = coalesce(var.oidc_audience, var.uri)
      }
    }
  }
}
