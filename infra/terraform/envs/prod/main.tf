# The prod environment: one Google Cloud project. State in a GCS bucket given at init:
#   terraform -chdir=infra/terraform/envs/prod init -backend-config="bucket=<state bucket>"
# docs/operations.md, "An environment from zero", has the whole sequence.
terraform {
  required_version = ">= 1.9"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 7.0"
    }
  }
  backend "gcs" {
    prefix = "sentinel/prod"
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}

module "sentinel" {
  source             = "../../modules/sentinel"
  project_id         = var.project_id
  environment        = "prod"
  region             = var.region
  firestore_location = var.firestore_location
  bigquery_location  = var.bigquery_location
  image_tag          = var.image_tag

  # docs/operations.md, "Rate limits": per instance; a tenant gets between min and max instances times these.
  risk_api = {
    min_instances          = 2
    max_instances          = 20
    concurrency            = 80
    rate_assess_per_second = 50
    rate_assess_burst      = 100
    rate_writes_per_second = 10
    rate_writes_burst      = 50
  }

  auth = {
    base_url          = "https://auth.sentinel.example"
    rp_id             = "sentinel.example"
    rp_name           = "Sentinel"
    origins           = ["https://auth.sentinel.example"]
    email_otp_tenants = []
    min_instances     = 1
    max_instances     = 10
  }

  telco = {
    routes                        = var.telco_routes
    camara_base_url               = var.camara_base_url
    camara_token_url              = var.camara_token_url
    camara_client_auth            = "basic"
    camara_subscriptions_base_url = var.camara_subscriptions_base_url
  }

  notification_channels = var.notification_channels
}

output "urls" {
  value = module.sentinel.urls
}

output "image_repository" {
  value = module.sentinel.image_repository
}
