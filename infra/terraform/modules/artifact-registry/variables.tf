variable "project_id" {
  type = string
}

variable "region" {
  type = string
}

variable "repository" {
  type    = string
  default = "sentinel"
}
