variable "project_id" {
  type = string
}

variable "region" {
  type    = string
  default = "africa-south1" # Johannesburg: the banks and operators are in South Africa
}

variable "firestore_location" {
  type    = string
  default = "africa-south1"
}

variable "bigquery_location" {
  type    = string
  default = "africa-south1" # as npm run bq:migrate (BQ_LOCATION)
}

variable "image_tag" {
  description = "The commit whose images the first apply deploys (pushed by Cloud Build before)."
  type        = string
}

variable "telco_routes" {
  description = "TELCO_ROUTES: number prefix => provider (camara or twilio)."
  type        = string
  default     = "+27=camara,*=twilio"
}

variable "camara_base_url" {
  description = "The operator's CAMARA SIM Swap API: {apiRoot}/sim-swap/v2."
  type        = string
}

variable "camara_token_url" {
  description = "The operator's OAuth2 token endpoint (client credentials)."
  type        = string
}

variable "camara_subscriptions_base_url" {
  description = "{apiRoot}/sim-swap-subscriptions/v0.3"
  type        = string
}

variable "notification_channels" {
  description = "Monitoring notification channels (PagerDuty, e-mail) for every alert."
  type        = list(string)
}
