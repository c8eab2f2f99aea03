# A dead-letter topic, the pull subscription that keeps what lands on it (a topic alone keeps
# nothing for a reader), and the Pub/Sub service agent's right to publish to it. Monitoring alerts
# on the hold subscription's backlog.
resource "google_pubsub_topic" "this" {
  project                    = var.project_id
  name                       = var.name
  message_retention_duration = "604800s"
}

resource "google_pubsub_subscription" "hold" {
  project                    = var.project_id
  name                       = "${var.name}-hold"
  topic                      = google_pubsub_topic.this.id
  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"
  retain_acked_messages      = true

  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_topic_iam_member" "agent_publishes" {
  project = var.project_id
  topic   = google_pubsub_topic.this.name
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:${var.pubsub_service_agent}"
}
