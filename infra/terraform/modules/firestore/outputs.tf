output "name" {
  value = google_firestore_database.this.name
}
