variable "project_id" {
  type = string
}

variable "name" {
  description = "Dead-letter topic name."
  type        = string
}

variable "pubsub_service_agent" {
  type = string
}
