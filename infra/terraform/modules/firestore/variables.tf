variable "project_id" {
  type = string
}

variable "location" {
  description = "Firestore location (e.g. eur3, nam5 or a region)."
  type        = string
}
