output "name" {
  value = google_cloud_scheduler_job.this.name
}
