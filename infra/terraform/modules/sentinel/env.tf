# Every service's environment, as its config reads it (services/*/src/config.ts, the telco
# library's loadIngestionConfig). test/deploy/terraform-env.test.ts runs each config loader on
# these maps: every variable a loader reads must be set here (or be one of the few it lists as left
# to Cloud Run or to the default on purpose), every variable here must be read, and the loader
# must accept the whole with K_SERVICE set. Values are strings; secrets are Secret Manager ids.
locals {
  # The telco library's provider and ingestion settings: the risk-api (live lookups, number
  # enrollment and its CAMARA subscriptions) and both ingestion functions read them.
  telco_env = {
    TELCO_ROUTES                        = var.telco.routes
    TELCO_CAMARA_KIND                   = "camara"
    TELCO_CAMARA_BASE_URL               = var.telco.camara_base_url
    TELCO_CAMARA_TOKEN_URL              = var.telco.camara_token_url
    TELCO_CAMARA_CLIENT_AUTH            = var.telco.camara_client_auth
    TELCO_TWILIO_KIND                   = "twilio"
    TELCO_BREAKER_FAILURES              = "5"
    TELCO_BREAKER_COOLDOWN_MS           = "30000"
    TELCO_BREAKER_MIN_JUDGED_TIMEOUT_MS = "250"
    TELCO_MAX_CALL_TIMEOUT_MS           = "5000"
    TELCO_POLL_CONCURRENCY              = "16"
    TELCO_POLL_RATE_PER_SECOND          = "50"
    TELCO_POLL_ATTEMPT_TIMEOUT_MS       = "3000"
    TELCO_POLL_MAX_ATTEMPTS             = "3"
    TELCO_POLL_MAX_DURATION_MS          = "240000"
    TELCO_SUBSCRIPTIONS_PROVIDER        = "camara"
    TELCO_SUBSCRIPTIONS_BASE_URL        = var.telco.camara_subscriptions_base_url
    TELCO_WEBHOOK_URL                   = local.run_url["camara-webhook"]
    TELCO_SINK_TOKEN_TTL_HOURS          = "720"
    LOG_LEVEL                           = var.log_level
  }
  telco_secrets = {
    TELCO_CAMARA_CLIENT_ID     = "telco-camara-client-id"
    TELCO_CAMARA_CLIENT_SECRET = "telco-camara-client-secret"
    TELCO_TWILIO_ACCOUNT_SID   = "telco-twilio-account-sid"
    TELCO_TWILIO_AUTH_TOKEN    = "telco-twilio-auth-token"
    TELCO_WEBHOOK_TOKENS       = "telco-webhook-tokens"
  }

  env = {
    risk-api = {
      SENTINEL_STORE                  = "firestore"
      GOOGLE_CLOUD_PROJECT            = var.project_id
      SENTINEL_DECISIONS_TOPIC        = "risk-decisions"
      SENTINEL_DECISIONS_SCHEMA       = "risk-decision"
      SENTINEL_OUTCOMES_TOPIC         = "risk-outcomes"
      SENTINEL_OUTCOMES_SCHEMA        = "risk-outcome"
      SENTINEL_ENSURE_TOPIC           = "false"
      SENTINEL_LATENCY_BUDGET_MS      = "50"
      SENTINEL_COMMIT_TIMEOUT_MS      = "3000"
      SENTINEL_FIRESTORE_DOCUMENTS    = var.firestore_documents
      SENTINEL_LIVE_LOOKUP_BUDGET_MS  = "25"
      SENTINEL_POLICY_REFRESH_MS      = "2000"
      SENTINEL_OUTBOX_SWEEP_MS        = "5000"
      SENTINEL_OUTBOX_GRACE_MS        = "10000"
      SENTINEL_PUBLISH_TIMEOUT_MS     = "2000"
      SENTINEL_AUTH_BASE_URL          = var.auth.base_url
      SENTINEL_RATE_ASSESS_PER_SECOND = tostring(var.risk_api.rate_assess_per_second)
      SENTINEL_RATE_ASSESS_BURST      = tostring(var.risk_api.rate_assess_burst)
      SENTINEL_RATE_WRITES_PER_SECOND = tostring(var.risk_api.rate_writes_per_second)
      SENTINEL_RATE_WRITES_BURST      = tostring(var.risk_api.rate_writes_burst)
      SENTINEL_DEMO                   = "false"
      # The console (docs/console.md): off in the cloud unless turned on; it then asks for keys.
      SENTINEL_CONSOLE = "false"
      LOG_LEVEL        = var.log_level
    }
    auth = {
      SENTINEL_STORE                   = "firestore"
      GOOGLE_CLOUD_PROJECT             = var.project_id
      AUTH_RP_ID                       = var.auth.rp_id
      AUTH_RP_NAME                     = var.auth.rp_name
      AUTH_ORIGINS                     = join(",", var.auth.origins)
      AUTH_EMAIL_OTP_TENANTS           = join(",", var.auth.email_otp_tenants)
      AUTH_SENDS_PER_USER_PER_SECOND   = "0.008333"
      AUTH_SENDS_PER_USER_BURST        = "5"
      AUTH_SENDS_PER_TENANT_PER_SECOND = "5"
      AUTH_SENDS_PER_TENANT_BURST      = "50"
      SENTINEL_OUTCOMES_TOPIC          = "risk-outcomes"
      SENTINEL_OUTCOMES_SCHEMA         = "risk-outcome"
      SENTINEL_ENSURE_TOPIC            = "false"
      # Cloud Scheduler sweeps every minute (CPU is idle between requests, so timers are unreliable).
      AUTH_SWEEP_MS = "0"
      # Only the local demo's console frames the step-up page (docs/console.md).
      AUTH_FRAME_ANCESTORS = ""
      LOG_LEVEL            = var.log_level
    }
    escrow = {
      SENTINEL_STORE            = "firestore"
      GOOGLE_CLOUD_PROJECT      = var.project_id
      ESCROW_WEBHOOK_TIMEOUT_MS = "10000"
      ESCROW_EVENTS_TOPIC       = "escrow-events"
      ESCROW_EVENTS_SCHEMA      = "escrow-event"
      ESCROW_DEAD_LETTER_TOPIC  = "escrow-dead-letters"
      SENTINEL_ENSURE_TOPIC     = "false"
      LOG_LEVEL                 = var.log_level
    }
    telco-ingestion = {
      TELCO_STORE          = "firestore"
      GOOGLE_CLOUD_PROJECT = var.project_id
    }
  }

  secrets = {
    risk-api = {
      SENTINEL_API_KEYS       = "sentinel-api-keys"
      SENTINEL_ADMIN_KEYS     = "sentinel-admin-keys"
      SENTINEL_PLATFORM_KEYS  = "sentinel-platform-keys"
      SENTINEL_PSEUDONYM_KEY  = "sentinel-pseudonym-key"
      SENTINEL_STEP_UP_SECRET = "sentinel-step-up-secret"
    }
    auth = {
      SENTINEL_API_KEYS         = "sentinel-api-keys"
      SENTINEL_STEP_UP_SECRET   = "sentinel-step-up-secret"
      AUTH_TOTP_KEY             = "auth-totp-key"
      AUTH_SWEEP_TOKEN          = "auth-sweep-token"
      TWILIO_ACCOUNT_SID        = "twilio-verify-account-sid"
      TWILIO_AUTH_TOKEN         = "twilio-verify-auth-token"
      TWILIO_VERIFY_SERVICE_SID = "twilio-verify-service-sid"
    }
    escrow = {
      SENTINEL_API_KEYS   = "sentinel-api-keys"
      SENTINEL_ADMIN_KEYS = "sentinel-admin-keys"
      ESCROW_WEBHOOKS     = "escrow-webhooks"
    }
    # Only the HTTP function has the sweep route.
    escrow-api = {
      ESCROW_SWEEP_TOKEN = "escrow-sweep-token"
    }
  }
}
