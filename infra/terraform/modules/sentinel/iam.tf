# Who may do what: one literal table, the same as docs/operations.md "Service accounts" (a test
# holds the two together). Each runtime account may also read exactly the secrets its services
# mount (env.tf), granted below from that map. Roles on a resource rather than the project
# wherever the resource has its own policy.
locals {

  grants = [
    { account = "sentinel-risk-api", role = "roles/datastore.user", on = "project" },
    { account = "sentinel-risk-api", role = "roles/logging.logWriter", on = "project" },
    { account = "sentinel-risk-api", role = "roles/monitoring.metricWriter", on = "project" },
    { account = "sentinel-risk-api", role = "roles/cloudtrace.agent", on = "project" },
    { account = "sentinel-risk-api", role = "roles/pubsub.publisher", on = "topic/risk-decisions" },
    { account = "sentinel-risk-api", role = "roles/pubsub.publisher", on = "topic/risk-outcomes" },

    { account = "sentinel-auth", role = "roles/datastore.user", on = "project" },
    { account = "sentinel-auth", role = "roles/logging.logWriter", on = "project" },
    { account = "sentinel-auth", role = "roles/monitoring.metricWriter", on = "project" },
    { account = "sentinel-auth", role = "roles/cloudtrace.agent", on = "project" },
    { account = "sentinel-auth", role = "roles/pubsub.publisher", on = "topic/risk-outcomes" },

    { account = "sentinel-escrow", role = "roles/datastore.user", on = "project" },
    { account = "sentinel-escrow", role = "roles/logging.logWriter", on = "project" },
    { account = "sentinel-escrow", role = "roles/monitoring.metricWriter", on = "project" },
    { account = "sentinel-escrow", role = "roles/cloudtrace.agent", on = "project" },
    { account = "sentinel-escrow", role = "roles/pubsub.publisher", on = "topic/escrow-events" },
    { account = "sentinel-escrow", role = "roles/pubsub.publisher", on = "topic/escrow-dead-letters" },

    { account = "sentinel-telco", role = "roles/datastore.user", on = "project" },
    { account = "sentinel-telco", role = "roles/logging.logWriter", on = "project" },
    { account = "sentinel-telco", role = "roles/monitoring.metricWriter", on = "project" },
    { account = "sentinel-telco", role = "roles/cloudtrace.agent", on = "project" },

    { account = "sentinel-pubsub-push", role = "roles/run.invoker", on = "run/escrow-on-decision" },
    { account = "sentinel-pubsub-push", role = "roles/run.invoker", on = "run/escrow-on-outcome" },

    { account = "sentinel-scheduler", role = "roles/run.invoker", on = "run/poll-sim-swaps" },

    { account = "sentinel-deployer", role = "roles/run.developer", on = "project" },
    { account = "sentinel-deployer", role = "roles/datastore.indexAdmin", on = "project" },
    { account = "sentinel-deployer", role = "roles/firebaserules.admin", on = "project" },
    { account = "sentinel-deployer", role = "roles/bigquery.jobUser", on = "project" },
    { account = "sentinel-deployer", role = "roles/logging.logWriter", on = "project" },
    { account = "sentinel-deployer", role = "roles/artifactregistry.writer", on = "registry" },
    { account = "sentinel-deployer", role = "roles/bigquery.dataEditor", on = "dataset" },
    { account = "sentinel-deployer", role = "roles/iam.serviceAccountUser", on = "account/sentinel-risk-api" },
    { account = "sentinel-deployer", role = "roles/iam.serviceAccountUser", on = "account/sentinel-auth" },
    { account = "sentinel-deployer", role = "roles/iam.serviceAccountUser", on = "account/sentinel-escrow" },
    { account = "sentinel-deployer", role = "roles/iam.serviceAccountUser", on = "account/sentinel-telco" },
    { account = "sentinel-deployer", role = "roles/secretmanager.secretAccessor", on = "secret/sentinel-smoke-key" },

    # Google's Pub/Sub service agent writes the BigQuery subscriptions' rows. (It also publishes to
    # each dead-letter topic and pulls from each subscription that has one: granted in those modules.)
    { account = "pubsub-service-agent", role = "roles/bigquery.dataEditor", on = "dataset" },
  ]

  member = merge(
    { for id, sa in google_service_account.this : id => "serviceAccount:${sa.email}" },
    { "pubsub-service-agent" = "serviceAccount:${local.pubsub_agent}" },
  )
  grant_map = { for g in local.grants : "${g.account} ${g.role} ${g.on}" => g }

  # account => the secrets its services mount.
  secret_readers = {
    "sentinel-risk-api" = merge(local.secrets["risk-api"], local.telco_secrets)
    "sentinel-auth"     = local.secrets["auth"]
    "sentinel-escrow"   = merge(local.secrets["escrow"], local.secrets["escrow-api"])
    "sentinel-telco"    = local.telco_secrets
  }
  secret_grants = merge([
    for account, secrets in local.secret_readers : { for secret in values(secrets) : "${account} ${secret}" => { account = account, secret = secret } }
  ]...)
}

resource "google_project_iam_member" "grants" {
  for_each = { for k, g in local.grant_map : k => g if g.on == "project" }
  project  = var.project_id
  role     = each.value.role
  member   = local.member[each.value.account]
}

resource "google_pubsub_topic_iam_member" "grants" {
  for_each   = { for k, g in local.grant_map : k => g if startswith(g.on, "topic/") }
  project    = var.project_id
  topic      = trimprefix(each.value.on, "topic/")
  role       = each.value.role
  member     = local.member[each.value.account]
  depends_on = [module.risk_decisions, module.risk_outcomes, module.escrow_events, module.escrow_dead_letters]
}

resource "google_cloud_run_v2_service_iam_member" "grants" {
  for_each = { for k, g in local.grant_map : k => g if startswith(g.on, "run/") }
  project  = var.project_id
  location = var.region
  name     = trimprefix(each.value.on, "run/")
  role     = each.value.role
  member   = local.member[each.value.account]
  depends_on = [
    module.escrow_on_decision, module.escrow_on_outcome, module.poll_sim_swaps,
  ]
}

resource "google_artifact_registry_repository_iam_member" "grants" {
  for_each   = { for k, g in local.grant_map : k => g if g.on == "registry" }
  project    = var.project_id
  location   = var.region
  repository = module.registry.name
  role       = each.value.role
  member     = local.member[each.value.account]
}

resource "google_bigquery_dataset_iam_member" "grants" {
  for_each   = { for k, g in local.grant_map : k => g if g.on == "dataset" }
  project    = var.project_id
  dataset_id = module.bigquery.dataset_id
  role       = each.value.role
  member     = local.member[each.value.account]
}

resource "google_service_account_iam_member" "grants" {
  for_each           = { for k, g in local.grant_map : k => g if startswith(g.on, "account/") }
  service_account_id = google_service_account.this[trimprefix(each.value.on, "account/")].name
  role               = each.value.role
  member             = local.member[each.value.account]
}

resource "google_secret_manager_secret_iam_member" "grants" {
  for_each  = { for k, g in local.grant_map : k => g if startswith(g.on, "secret/") }
  project   = var.project_id
  secret_id = module.secrets.ids[trimprefix(each.value.on, "secret/")]
  role      = each.value.role
  member    = local.member[each.value.account]
}

resource "google_secret_manager_secret_iam_member" "readers" {
  for_each  = local.secret_grants
  project   = var.project_id
  secret_id = module.secrets.ids[each.value.secret]
  role      = "roles/secretmanager.secretAccessor"
  member    = local.member[each.value.account]
}
