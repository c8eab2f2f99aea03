# A push subscription to a CloudEvent function: OIDC-authenticated (the function is private), with
# exponential retry and a dead-letter topic after max_delivery_attempts. The function itself
# dead-letters an unreadable message at once (escrow-dead-letters); this policy bounds the retries
# of work that keeps failing (Firestore down for hours).
module "dead_letter" {
  source               = "../dead-letter"
  project_id           = var.project_id
  name                 = "${var.name}-dead-letter"
  pubsub_service_agent = var.pubsub_service_agent
}

resource "google_pubsub_subscription" "this" {
  project              = var.project_id
  name                 = var.name
  topic                = var.topic_id
  ack_deadline_seconds = 60
  filter               = var.filter

  push_config {
    push_endpoint = var.push_endpoint
    oidc_token {
      service_account_email = var.oidc_service_account
      audience              = var.oidc_audience
    }
  }

  retry_policy {
    minimum_backoff = "1s"
    maximum_backoff = "60s"
  }

  dead_letter_policy {
    dead_letter_topic     = module.dead_letter.topic_id
    max_delivery_attempts = var.max_delivery_attempts
  }

  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_subscription_iam_member" "agent_subscribes" {
  project      = var.project_id
  subscription = google_pubsub_subscription.this.name
  role         = "roles/pubsub.subscriber"
  member       = "serviceAccount:${var.pubsub_service_agent}"
}
