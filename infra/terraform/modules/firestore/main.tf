# The (default) Firestore database in Native mode. Its composite indexes, single-field overrides
# and TTL policies are firestore.indexes.json, and its rules firestore.rules, both released by Cloud
# Build with firebase-tools (`firebase deploy --only firestore`): one owner each, so Terraform does
# not declare them too (two owners of one index fight on every apply). test/deploy holds the
# indexes against every query the code makes.
resource "google_firestore_database" "this" {
  project                           = var.project_id
  name                              = "(default)"
  location_id                       = var.location
  type                              = "FIRESTORE_NATIVE"
  concurrency_mode                  = "PESSIMISTIC"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  deletion_policy                   = "ABANDON"
}
