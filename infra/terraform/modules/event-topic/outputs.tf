output "name" {
  value = google_pubsub_topic.this.name
}

output "id" {
  value = google_pubsub_topic.this.id
}

output "dead_letter_hold_subscriptions" {
  description = "Pull subscriptions that keep this topic's dead letters."
  value       = [for d in module.bigquery_dead_letter : d.hold_subscription]
}
