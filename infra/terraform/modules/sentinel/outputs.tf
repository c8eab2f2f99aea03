output "urls" {
  description = "Each Cloud Run service's URL."
  value = {
    risk-api       = module.risk_api.uri
    auth           = module.auth.uri
    escrow-api     = module.escrow_api.uri
    camara-webhook = module.camara_webhook.uri
  }
}

output "image_repository" {
  value = module.registry.url
}

output "deployer_service_account" {
  value = google_service_account.this["sentinel-deployer"].email
}
