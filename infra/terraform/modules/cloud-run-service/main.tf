# One Cloud Run service: a Hono service (risk-api, auth) or one Functions Framework target of a
# Cloud Run function (escrow, telco ingestion). Functions run from the deployable's own image (the
# bundle, see the Dockerfiles) with FUNCTION_TARGET and FUNCTION_SIGNATURE_TYPE, which is what a
# Cloud Run function is; a source deploy would need the buildpack to build the TypeScript monorepo.
locals {
  function_env = var.function_target == null ? {} : {
    FUNCTION_TARGET         = var.function_target
    FUNCTION_SIGNATURE_TYPE = var.signature_type
  }
}

resource "google_cloud_run_v2_service" "this" {
  project             = var.project_id
  location            = var.region
  name                = var.name
  ingress             = var.ingress
  deletion_protection = true
  labels              = var.labels

  template {
    service_account                  = var.service_account
    timeout                          = "${var.timeout_seconds}s"
    max_instance_request_concurrency = var.concurrency
    execution_environment            = "EXECUTION_ENVIRONMENT_GEN2"

    scaling {
      min_instance_count = var.min_instances
      max_instance_count = var.max_instances
    }

    containers {
      image = var.image

      resources {
        limits = {
          cpu    = var.cpu
          memory = var.memory
        }
        cpu_idle          = !var.cpu_always_allocated
        startup_cpu_boost = var.startup_cpu_boost
      }

      dynamic "env" {
        for_each = merge(var.env, local.function_env)
        content {
          name  = env.key
          value = env.value
        }
      }

      dynamic "env" {
        for_each = var.secret_env
        content {
          name = env.key
          value_source {
            secret_key_ref {
              secret  = env.value
              version = "latest"
            }
          }
        }
      }

      dynamic "startup_probe" {
        for_each = var.readiness_path == null ? [] : [var.readiness_path]
        content {
          period_seconds    = 2
          failure_threshold = 30
          http_get {
            path = startup_probe.value
          }
        }
      }
    }
  }

  traffic {
    type    = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST"
    percent = 100
  }

  lifecycle {
    # Cloud Build rolls out images (tagged, no traffic, then migrated); Terraform owns the rest.
    ignore_changes = [
      template[0].containers[0].image,
      template[0].revision,
      traffic,
      client,
      client_version,
    ]
  }
}

# Other invokers (the Pub/Sub push and Cloud Scheduler accounts) are granted with every other role
# in the stack's iam.tf, so one table holds each account's rights.
resource "google_cloud_run_v2_service_iam_member" "public" {
  count    = var.public ? 1 : 0
  project  = var.project_id
  location = var.region
  name     = google_cloud_run_v2_service.this.name
  role     = "roles/run.invoker"
  member   = "allUsers"
}
