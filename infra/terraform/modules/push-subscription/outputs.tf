output "name" {
  value = google_pubsub_subscription.this.name
}

output "dead_letter_hold_subscription" {
  value = module.dead_letter.hold_subscription
}
