output "slos" {
  value = [google_monitoring_slo.latency.id, google_monitoring_slo.availability.id]
}
