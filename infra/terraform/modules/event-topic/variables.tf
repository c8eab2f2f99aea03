variable "project_id" {
  type = string
}

variable "name" {
  description = "Topic name (risk-decisions, risk-outcomes, escrow-events)."
  type        = string
}

variable "schema_id" {
  description = "Pub/Sub schema id (risk-decision, …); null for a topic without a schema."
  type        = string
  default     = null
}

variable "avro_definition" {
  description = "The Avro schema (infra/pubsub/*.avsc)."
  type        = string
  default     = null
}

variable "message_retention" {
  description = "How long the topic keeps messages for replay (seek)."
  type        = string
  default     = "604800s"
}

variable "bigquery_table" {
  description = "project.dataset.table a BigQuery subscription writes every message to (use_topic_schema, write_metadata); null for none."
  type        = string
  default     = null
}

variable "pubsub_service_agent" {
  description = "service-<project number>@gcp-sa-pubsub.iam.gserviceaccount.com: writes to BigQuery and forwards dead letters."
  type        = string
}

variable "max_delivery_attempts" {
  type    = number
  default = 10
}
