# A topic with its Avro schema (JSON encoding, as the producers publish it) and, when asked, the
# BigQuery subscription that writes every message into its table with the topic's schema and the
# message metadata. A message the table refuses goes to the subscription's dead-letter topic, kept
# by a pull subscription for replay (docs/operations.md, "Dead-letter replay").
resource "google_pubsub_schema" "this" {
  count      = var.schema_id == null ? 0 : 1
  project    = var.project_id
  name       = var.schema_id
  type       = "AVRO"
  definition = var.avro_definition
}

resource "google_pubsub_topic" "this" {
  project                    = var.project_id
  name                       = var.name
  message_retention_duration = var.message_retention

  dynamic "schema_settings" {
    for_each = google_pubsub_schema.this
    content {
      schema   = schema_settings.value.id
      encoding = "JSON"
    }
  }
}

module "bigquery_dead_letter" {
  source               = "../dead-letter"
  count                = var.bigquery_table == null ? 0 : 1
  project_id           = var.project_id
  name                 = "${var.name}-bigquery-dead-letter"
  pubsub_service_agent = var.pubsub_service_agent
}

resource "google_pubsub_subscription" "bigquery" {
  count   = var.bigquery_table == null ? 0 : 1
  project = var.project_id
  name    = "${var.name}-bigquery"
  topic   = google_pubsub_topic.this.id

  bigquery_config {
    table            = var.bigquery_table
    use_topic_schema = true
    write_metadata   = true
  }

  dead_letter_policy {
    dead_letter_topic     = module.bigquery_dead_letter[0].topic_id
    max_delivery_attempts = var.max_delivery_attempts
  }

  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }
}

resource "google_pubsub_subscription_iam_member" "bigquery_dead_letter" {
  count        = var.bigquery_table == null ? 0 : 1
  project      = var.project_id
  subscription = google_pubsub_subscription.bigquery[0].name
  role         = "roles/pubsub.subscriber"
  member       = "serviceAccount:${var.pubsub_service_agent}"
}
