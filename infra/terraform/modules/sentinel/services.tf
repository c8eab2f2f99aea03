# The deployables on Cloud Run. risk-api and auth are Hono services; the escrow and the telco
# ingestion are Cloud Run functions: one Cloud Run service per Functions Framework target, from the
# deployable's image. The CAMARA simulator (services/camara-simulator) is local and test only and
# is not deployed: production talks to an operator's CAMARA API and Twilio.

# The risk-api's memory also sizes its heap: Node gives V8 an old generation of half the limit, and
# collecting under 1Gi's 512 MB cost about a fifth more CPU per decision than 2Gi's 1,024 MB
# (docs/performance-log.md, issue 17, interleaved on the emulators). npm run bench uses this heap,
# and the image's --heap-growing-percent (services/risk-api/Dockerfile says why).
module "risk_api" {
  source               = "../cloud-run-service"
  project_id           = var.project_id
  region               = var.region
  name                 = "risk-api"
  image                = local.image["risk-api"]
  service_account      = google_service_account.this["sentinel-risk-api"].email
  env                  = merge(local.env["risk-api"], local.telco_env)
  secret_env           = merge(local.secrets["risk-api"], local.telco_secrets)
  public               = true # banks call it with API keys (checked by the service)
  ingress              = "INGRESS_TRAFFIC_ALL"
  min_instances        = var.risk_api.min_instances
  max_instances        = var.risk_api.max_instances
  concurrency          = var.risk_api.concurrency
  timeout_seconds      = 10
  cpu                  = "2"
  memory               = "2Gi"
  cpu_always_allocated = true # the outbox delivers after the answer and sweeps on a timer
  startup_cpu_boost    = true
  labels               = local.labels
  depends_on           = [module.secrets, google_project_service.this]
}

module "auth" {
  source          = "../cloud-run-service"
  project_id      = var.project_id
  region          = var.region
  name            = "auth"
  image           = local.image["auth"]
  service_account = google_service_account.this["sentinel-auth"].email
  env             = local.env["auth"]
  secret_env      = local.secrets["auth"]
  public          = true # the customer's app and page call it with the challenge's client secret
  min_instances   = var.auth.min_instances
  max_instances   = var.auth.max_instances
  concurrency     = 80
  timeout_seconds = 30
  labels          = local.labels
  depends_on      = [module.secrets, google_project_service.this]
}

module "escrow_api" {
  source          = "../cloud-run-service"
  project_id      = var.project_id
  region          = var.region
  name            = "escrow-api"
  image           = local.image["escrow"]
  function_target = "escrowApi"
  signature_type  = "http"
  service_account = google_service_account.this["sentinel-escrow"].email
  env             = local.env["escrow"]
  secret_env      = merge(local.secrets["escrow"], local.secrets["escrow-api"])
  public          = true # operators and admins with API keys; the sweep with its bearer token
  max_instances   = 10
  timeout_seconds = 120
  labels          = local.labels
  depends_on      = [module.secrets, google_project_service.this]
}

module "escrow_on_decision" {
  source          = "../cloud-run-service"
  project_id      = var.project_id
  region          = var.region
  name            = "escrow-on-decision"
  image           = local.image["escrow"]
  function_target = "escrowOnDecision"
  signature_type  = "cloudevent"
  service_account = google_service_account.this["sentinel-escrow"].email
  env             = local.env["escrow"]
  secret_env      = local.secrets["escrow"]
  ingress         = "INGRESS_TRAFFIC_INTERNAL_ONLY"
  readiness_path  = null
  max_instances   = 20
  timeout_seconds = 60
  labels          = local.labels
  depends_on      = [module.secrets, google_project_service.this]
}

module "escrow_on_outcome" {
  source          = "../cloud-run-service"
  project_id      = var.project_id
  region          = var.region
  name            = "escrow-on-outcome"
  image           = local.image["escrow"]
  function_target = "escrowOnOutcome"
  signature_type  = "cloudevent"
  service_account = google_service_account.this["sentinel-escrow"].email
  env             = local.env["escrow"]
  secret_env      = local.secrets["escrow"]
  ingress         = "INGRESS_TRAFFIC_INTERNAL_ONLY"
  readiness_path  = null
  max_instances   = 20
  timeout_seconds = 60
  labels          = local.labels
  depends_on      = [module.secrets, google_project_service.this]
}

module "poll_sim_swaps" {
  source          = "../cloud-run-service"
  project_id      = var.project_id
  region          = var.region
  name            = "poll-sim-swaps"
  image           = local.image["telco-ingestion"]
  function_target = "pollSimSwaps"
  signature_type  = "http"
  service_account = google_service_account.this["sentinel-telco"].email
  env             = merge(local.env["telco-ingestion"], local.telco_env)
  secret_env      = local.telco_secrets
  ingress         = "INGRESS_TRAFFIC_INTERNAL_ONLY"
  readiness_path  = null
  # One poll at a time: the schedule is every 5 minutes and a poll stops after 4.
  max_instances   = 1
  concurrency     = 1
  timeout_seconds = 300
  labels          = local.labels
  depends_on      = [module.secrets, google_project_service.this]
}

module "camara_webhook" {
  source          = "../cloud-run-service"
  project_id      = var.project_id
  region          = var.region
  name            = "camara-webhook"
  image           = local.image["telco-ingestion"]
  function_target = "camaraWebhook"
  signature_type  = "http"
  service_account = google_service_account.this["sentinel-telco"].email
  env             = merge(local.env["telco-ingestion"], local.telco_env)
  secret_env      = local.telco_secrets
  public          = true # the operator's CAMARA notifications carry the sink's bearer token
  readiness_path  = null
  max_instances   = 10
  timeout_seconds = 30
  labels          = local.labels
  depends_on      = [module.secrets, google_project_service.this]
}
