variable "project_id" {
  type = string
}

variable "risk_api_service" {
  description = "Cloud Run service name of the risk-api."
  type        = string
}

variable "latency_threshold_ms" {
  description = "SPEC: assess-payment p99 under 50 ms."
  type        = number
  default     = 50
}

variable "latency_goal" {
  description = "Share of assess-payment requests under the threshold (0.99: the p99)."
  type        = number
  default     = 0.99
}

variable "availability_goal" {
  type    = number
  default = 0.999
}

variable "dead_letter_subscriptions" {
  description = "Pull subscriptions that keep dead letters: any backlog on them pages."
  type        = list(string)
}

variable "push_subscriptions" {
  description = "Push subscriptions whose oldest unacked message must stay young."
  type        = list(string)
}

variable "outbox_alert_minutes" {
  description = "Outbox delivery failing for this long pages (entries are older than the grace plus this)."
  type        = number
  default     = 15
}

variable "notification_channels" {
  description = "Monitoring notification channel ids (created outside Terraform: e-mail, PagerDuty …)."
  type        = list(string)
  default     = []
}
