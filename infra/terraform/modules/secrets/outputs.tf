output "ids" {
  description = "secret id => secret id (a dependency on the secret's creation)."
  value       = { for id, s in google_secret_manager_secret.this : id => s.secret_id }
}
