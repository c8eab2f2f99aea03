module "monitoring" {
  source           = "../monitoring"
  project_id       = var.project_id
  risk_api_service = module.risk_api.name
  dead_letter_subscriptions = concat(
    [module.escrow_dead_letters.hold_subscription],
    [module.escrow_decisions_push.dead_letter_hold_subscription, module.escrow_outcomes_push.dead_letter_hold_subscription],
    module.risk_decisions.dead_letter_hold_subscriptions,
    module.risk_outcomes.dead_letter_hold_subscriptions,
    module.escrow_events.dead_letter_hold_subscriptions,
  )
  push_subscriptions    = [module.escrow_decisions_push.name, module.escrow_outcomes_push.name]
  notification_channels = var.notification_channels
  depends_on            = [google_project_service.this]
}
