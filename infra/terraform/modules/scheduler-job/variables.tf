variable "project_id" {
  type = string
}

variable "region" {
  type = string
}

variable "name" {
  type = string
}

variable "schedule" {
  description = "cron, in time_zone."
  type        = string
}

variable "time_zone" {
  type    = string
  default = "Etc/UTC"
}

variable "uri" {
  type = string
}

variable "oidc_service_account" {
  description = "Calls with an OIDC token of this account (a private target); null to call with bearer_token instead."
  type        = string
  default     = null
}

variable "oidc_audience" {
  type    = string
  default = null
}

variable "bearer_token" {
  description = "Authorization: Bearer … for a public target that checks its own token (the sweeps)."
  type        = string
  default     = null
  sensitive   = true
}

variable "attempt_deadline" {
  type    = string
  default = "60s"
}
