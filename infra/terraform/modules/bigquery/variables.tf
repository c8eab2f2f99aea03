variable "project_id" {
  type = string
}

variable "location" {
  description = "BigQuery location (EU, US or a region)."
  type        = string
}

variable "dataset_id" {
  type    = string
  default = "sentinel"
}

variable "table_files" {
  description = "table id => path of its generated table file (infra/bigquery/*.json, npm run bq:schemas)."
  type        = map(string)
}

variable "deletion_protection" {
  type    = bool
  default = true
}
