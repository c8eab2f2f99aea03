variable "project_id" {
  type = string
}

variable "name" {
  type = string
}

variable "topic_id" {
  type = string
}

variable "push_endpoint" {
  description = "The function's URL with /projects/{project}/topics/{topic}: the Functions Framework turns such a raw push into the topic's CloudEvent."
  type        = string
}

variable "oidc_service_account" {
  description = "Pub/Sub signs each push with an OIDC token of this account (the function's invoker)."
  type        = string
}

variable "oidc_audience" {
  description = "The token's audience: the receiving Cloud Run service's URL (the endpoint's path is not part of it)."
  type        = string
}

variable "filter" {
  type    = string
  default = null
}

variable "pubsub_service_agent" {
  type = string
}

variable "max_delivery_attempts" {
  type    = number
  default = 10
}
