# SLOs on POST /v1/assess-payment and the alerts that page (docs/operations.md, "SLOs and alerts").
# Cloud Run's own latency metric covers every path of the service; the SLOs read the request logs
# of the one path instead, through log-based metrics.
locals {
  assess_requests = join(" AND ", [
    "resource.type=\"cloud_run_revision\"",
    "resource.labels.service_name=\"${var.risk_api_service}\"",
    "log_id(\"run.googleapis.com/requests\")",
    "httpRequest.requestMethod=\"POST\"",
    "httpRequest.requestUrl:\"/v1/assess-payment\"",
  ])
}

resource "google_logging_metric" "assess_latency" {
  project         = var.project_id
  name            = "sentinel/assess_payment_latency"
  description     = "Latency of POST /v1/assess-payment at Cloud Run's front end, in ms."
  filter          = local.assess_requests
  value_extractor = "REGEXP_EXTRACT(httpRequest.latency, \"^([0-9.]+)s$\")"

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "DISTRIBUTION"
    unit        = "s"
  }

  bucket_options {
    explicit_buckets {
      bounds = [0.005, 0.01, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5]
    }
  }
}

resource "google_logging_metric" "assess_requests" {
  project     = var.project_id
  name        = "sentinel/assess_payment_requests"
  description = "POST /v1/assess-payment requests by status class (2xx … 5xx)."
  filter      = local.assess_requests

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
    labels {
      key        = "status_class"
      value_type = "STRING"
    }
  }

  label_extractors = {
    status_class = "REGEXP_EXTRACT(httpRequest.status, \"^([1-5])[0-9][0-9]$\")"
  }
}

resource "google_logging_metric" "outbox_retries" {
  project     = var.project_id
  name        = "sentinel/outbox_retries"
  description = "An outbox entry (decision, step-up or reported outcome) not delivered and kept for the next sweep."
  filter = join(" AND ", [
    "resource.type=\"cloud_run_revision\"",
    "severity>=WARNING",
    "jsonPayload.message=~\"outbox delivery failed|outbox sweep failed|not published|fallback outbox\"",
  ])

  metric_descriptor {
    metric_kind = "DELTA"
    value_type  = "INT64"
  }
}

resource "google_monitoring_custom_service" "assess" {
  project      = var.project_id
  service_id   = "sentinel-assess-payment"
  display_name = "Sentinel POST /v1/assess-payment"
}

resource "google_monitoring_slo" "latency" {
  project             = var.project_id
  service             = google_monitoring_custom_service.assess.service_id
  slo_id              = "assess-payment-latency"
  display_name        = "assess-payment: ${var.latency_goal * 100}% under ${var.latency_threshold_ms} ms"
  goal                = var.latency_goal
  rolling_period_days = 28

  request_based_sli {
    distribution_cut {
      distribution_filter = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.assess_latency.name}\" resource.type=\"cloud_run_revision\""
      range {
        max = var.latency_threshold_ms / 1000
      }
    }
  }
}

resource "google_monitoring_slo" "availability" {
  project             = var.project_id
  service             = google_monitoring_custom_service.assess.service_id
  slo_id              = "assess-payment-availability"
  display_name        = "assess-payment: ${var.availability_goal * 100}% answered without a 5xx"
  goal                = var.availability_goal
  rolling_period_days = 28

  request_based_sli {
    good_total_ratio {
      total_service_filter = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.assess_requests.name}\" resource.type=\"cloud_run_revision\""
      bad_service_filter   = "metric.type=\"logging.googleapis.com/user/${google_logging_metric.assess_requests.name}\" resource.type=\"cloud_run_revision\" metric.label.status_class=\"5\""
    }
  }
}

# Multi-window burn rate (the SRE workbook's 14.4× over 1 h: 2% of a 28-day budget in an hour).
resource "google_monitoring_alert_policy" "slo_burn" {
  for_each = {
    latency      = google_monitoring_slo.latency.id
    availability = google_monitoring_slo.availability.id
  }
  project               = var.project_id
  display_name          = "Sentinel assess-payment ${each.key} SLO: fast burn"
  combiner              = "OR"
  notification_channels = var.notification_channels

  conditions {
    display_name = "burn rate over 14.4 for 1 h"
    condition_threshold {
      filter          = "select_slo_burn_rate(\"${each.value}\", \"3600s\")"
      comparison      = "COMPARISON_GT"
      threshold_value = 14.4
      duration        = "0s"
    }
  }

  documentation {
    content   = "docs/operations.md, \"SLOs and alerts\": assess-payment ${each.key}."
    mime_type = "text/markdown"
  }
}

resource "google_monitoring_alert_policy" "dead_letters" {
  project               = var.project_id
  display_name          = "Sentinel dead letters waiting"
  combiner              = "OR"
  notification_channels = var.notification_channels

  dynamic "conditions" {
    for_each = toset(var.dead_letter_subscriptions)
    content {
      display_name = "${conditions.value} has messages"
      condition_threshold {
        filter          = "resource.type=\"pubsub_subscription\" AND resource.labels.subscription_id=\"${conditions.value}\" AND metric.type=\"pubsub.googleapis.com/subscription/num_undelivered_messages\""
        comparison      = "COMPARISON_GT"
        threshold_value = 0
        duration        = "300s"
        aggregations {
          alignment_period   = "60s"
          per_series_aligner = "ALIGN_MAX"
        }
      }
    }
  }

  documentation {
    content   = "docs/operations.md, \"Dead-letter replay\"."
    mime_type = "text/markdown"
  }
}

resource "google_monitoring_alert_policy" "push_lag" {
  project               = var.project_id
  display_name          = "Sentinel escrow events waiting"
  combiner              = "OR"
  notification_channels = var.notification_channels

  dynamic "conditions" {
    for_each = toset(var.push_subscriptions)
    content {
      display_name = "${conditions.value}: oldest message over 10 min"
      condition_threshold {
        filter          = "resource.type=\"pubsub_subscription\" AND resource.labels.subscription_id=\"${conditions.value}\" AND metric.type=\"pubsub.googleapis.com/subscription/oldest_unacked_message_age\""
        comparison      = "COMPARISON_GT"
        threshold_value = 600
        duration        = "300s"
        aggregations {
          alignment_period   = "60s"
          per_series_aligner = "ALIGN_MAX"
        }
      }
    }
  }

  documentation {
    content   = "docs/operations.md, \"A stuck hold\"."
    mime_type = "text/markdown"
  }
}

resource "google_monitoring_alert_policy" "outbox_age" {
  project               = var.project_id
  display_name          = "Sentinel outbox not draining"
  combiner              = "OR"
  notification_channels = var.notification_channels

  conditions {
    display_name = "outbox deliveries failing for ${var.outbox_alert_minutes} min"
    condition_threshold {
      filter          = "resource.type=\"cloud_run_revision\" AND metric.type=\"logging.googleapis.com/user/${google_logging_metric.outbox_retries.name}\""
      comparison      = "COMPARISON_GT"
      threshold_value = 0
      duration        = "${var.outbox_alert_minutes * 60}s"
      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_SUM"
        cross_series_reducer = "REDUCE_SUM"
      }
    }
  }

  documentation {
    content   = "docs/operations.md, \"Outbox backlog\"."
    mime_type = "text/markdown"
  }
}
