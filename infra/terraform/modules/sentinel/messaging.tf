# Topics with their Avro schemas (JSON encoding), the BigQuery subscriptions into the analytics
# tables, the escrow's push subscriptions and every dead-letter topic.
module "risk_decisions" {
  source               = "../event-topic"
  project_id           = var.project_id
  name                 = "risk-decisions"
  schema_id            = "risk-decision"
  avro_definition      = file("${path.module}/../../../pubsub/risk-decision.avsc")
  bigquery_table       = module.bigquery.tables["decisions"]
  pubsub_service_agent = local.pubsub_agent
  depends_on           = [google_project_service.this, google_bigquery_dataset_iam_member.grants]
}

module "risk_outcomes" {
  source               = "../event-topic"
  project_id           = var.project_id
  name                 = "risk-outcomes"
  schema_id            = "risk-outcome"
  avro_definition      = file("${path.module}/../../../pubsub/risk-outcome.avsc")
  bigquery_table       = module.bigquery.tables["outcomes"]
  pubsub_service_agent = local.pubsub_agent
  depends_on           = [google_project_service.this, google_bigquery_dataset_iam_member.grants]
}

module "escrow_events" {
  source               = "../event-topic"
  project_id           = var.project_id
  name                 = "escrow-events"
  schema_id            = "escrow-event"
  avro_definition      = file("${path.module}/../../../pubsub/escrow-event.avsc")
  bigquery_table       = module.bigquery.tables["escrow_events"]
  pubsub_service_agent = local.pubsub_agent
  depends_on           = [google_project_service.this, google_bigquery_dataset_iam_member.grants]
}

# Where the escrow functions put a message they cannot read (ESCROW_DEAD_LETTER_TOPIC).
module "escrow_dead_letters" {
  source               = "../dead-letter"
  project_id           = var.project_id
  name                 = "escrow-dead-letters"
  pubsub_service_agent = local.pubsub_agent
  depends_on           = [google_project_service.this]
}

# Only held decisions reach the escrow (risk-api sets the attribute; docs/escrow.md).
module "escrow_decisions_push" {
  source               = "../push-subscription"
  project_id           = var.project_id
  name                 = "escrow-decisions"
  topic_id             = module.risk_decisions.id
  push_endpoint        = "${local.run_url["escrow-on-decision"]}/projects/${var.project_id}/topics/risk-decisions"
  oidc_service_account = google_service_account.this["sentinel-pubsub-push"].email
  oidc_audience        = local.run_url["escrow-on-decision"]
  filter               = "attributes.escrowHeld = \"true\""
  pubsub_service_agent = local.pubsub_agent
}

module "escrow_outcomes_push" {
  source               = "../push-subscription"
  project_id           = var.project_id
  name                 = "escrow-outcomes"
  topic_id             = module.risk_outcomes.id
  push_endpoint        = "${local.run_url["escrow-on-outcome"]}/projects/${var.project_id}/topics/risk-outcomes"
  oidc_service_account = google_service_account.this["sentinel-pubsub-push"].email
  oidc_audience        = local.run_url["escrow-on-outcome"]
  pubsub_service_agent = local.pubsub_agent
}
