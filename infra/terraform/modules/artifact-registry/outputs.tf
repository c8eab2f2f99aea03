output "name" {
  value = google_artifact_registry_repository.this.name
}

output "url" {
  description = "REGION-docker.pkg.dev/PROJECT/REPOSITORY"
  value       = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.this.repository_id}"
}
