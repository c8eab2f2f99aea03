variable "project_id" {
  type = string
}

variable "secret_ids" {
  description = "Secret Manager secret ids. Terraform creates the secrets, never their values: an operator adds versions (docs/operations.md, \"Rotate a secret\")."
  type        = set(string)
}
