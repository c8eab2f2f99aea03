variable "project_id" {
  type = string
}

variable "environment" {
  description = "staging or prod (labels and display names)."
  type        = string
}

variable "region" {
  description = "Cloud Run, Scheduler and Artifact Registry region."
  type        = string
}

variable "firestore_location" {
  type = string
}

variable "bigquery_location" {
  type = string
}

variable "image_tag" {
  description = "Image tag at the first apply (a commit SHA pushed by Cloud Build); rollouts after that are Cloud Build's."
  type        = string
}

variable "log_level" {
  type    = string
  default = "info"
}

variable "firestore_documents" {
  description = "How the risk-api writes histories, decision records and their outbox entries: text (one JSON field per part read whole; entries in the sharded outboxEntries) or maps (as releases before the text form; entries in outbox). Both are always read. Upgrading an environment that holds data: apply with maps first, text once no rollback to a maps-only release is wanted (docs/operations.md)."
  type        = string
  default     = "text"
  validation {
    condition     = contains(["text", "maps"], var.firestore_documents)
    error_message = "firestore_documents must be text or maps."
  }
}

variable "risk_api" {
  description = "The hot path's capacity. Rates are per instance: with max_instances N a tenant gets up to N times them (docs/operations.md, Rate limits)."
  type = object({
    min_instances          = number
    max_instances          = number
    concurrency            = number
    rate_assess_per_second = number
    rate_assess_burst      = number
    rate_writes_per_second = number
    rate_writes_burst      = number
  })
}

variable "auth" {
  description = "The step-up service: WebAuthn relying party and the page's origins."
  type = object({
    base_url          = string
    rp_id             = string
    rp_name           = string
    origins           = list(string)
    email_otp_tenants = list(string)
    min_instances     = number
    max_instances     = number
  })
}

variable "telco" {
  description = "SIM swap providers: TELCO_ROUTES over the providers `camara` (an operator's CAMARA API, OAuth2 client credentials) and `twilio` (Lookup v2)."
  type = object({
    routes                        = string
    camara_base_url               = string
    camara_token_url              = string
    camara_client_auth            = string
    camara_subscriptions_base_url = string
  })
}

variable "notification_channels" {
  description = "Monitoring notification channel ids for every alert."
  type        = list(string)
  default     = []
}
