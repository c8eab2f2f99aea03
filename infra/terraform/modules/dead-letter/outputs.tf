output "topic_id" {
  value = google_pubsub_topic.this.id
}

output "topic_name" {
  value = google_pubsub_topic.this.name
}

output "hold_subscription" {
  value = google_pubsub_subscription.hold.name
}
