variable "project_id" {
  type = string
}

variable "region" {
  type = string
}

variable "name" {
  description = "Cloud Run service name."
  type        = string
}

variable "image" {
  description = "Image at the first apply; later rollouts are Cloud Build's (gcloud run deploy --no-traffic --tag), so Terraform ignores it afterwards."
  type        = string
}

variable "service_account" {
  description = "Email of the runtime service account."
  type        = string
}

variable "env" {
  description = "Plain environment variables (name => value)."
  type        = map(string)
  default     = {}
}

variable "secret_env" {
  description = "Environment variables from Secret Manager (name => secret id); always the latest version, read at instance start."
  type        = map(string)
  default     = {}
}

variable "function_target" {
  description = "Functions Framework target (FUNCTION_TARGET) for a Cloud Run function; null for a plain service."
  type        = string
  default     = null
}

variable "signature_type" {
  description = "Functions Framework signature type: http or cloudevent."
  type        = string
  default     = "http"
  validation {
    condition     = contains(["http", "cloudevent"], var.signature_type)
    error_message = "signature_type must be http or cloudevent."
  }
}

variable "ingress" {
  description = "INGRESS_TRAFFIC_ALL, INGRESS_TRAFFIC_INTERNAL_ONLY or INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER."
  type        = string
  default     = "INGRESS_TRAFFIC_ALL"
}

variable "public" {
  description = "Grant roles/run.invoker to allUsers (the service authenticates its callers itself: API keys, bearer tokens, client secrets)."
  type        = bool
  default     = false
}

variable "min_instances" {
  type    = number
  default = 0
}

variable "max_instances" {
  type    = number
  default = 10
}

variable "concurrency" {
  description = "Requests per instance."
  type        = number
  default     = 80
}

variable "timeout_seconds" {
  description = "Request timeout."
  type        = number
  default     = 30
}

variable "cpu" {
  type    = string
  default = "1"
}

variable "memory" {
  type    = string
  default = "512Mi"
}

variable "cpu_always_allocated" {
  description = "Keep CPU between requests (work after the answer: outbox delivery, sweeps)."
  type        = bool
  default     = false
}

variable "startup_cpu_boost" {
  type    = bool
  default = true
}

variable "readiness_path" {
  description = "HTTP path of the startup probe; null for a TCP probe (functions without /readyz)."
  type        = string
  default     = "/readyz"
}

variable "labels" {
  type    = map(string)
  default = {}
}
