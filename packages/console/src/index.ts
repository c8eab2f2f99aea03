export { buildConsole, CONSOLE_DIST_DIR, type BuiltAsset } from './build.ts';
export { loadConsoleAssets, type ConsoleAsset } from './assets.ts';
export { PAGES, type ConsolePage } from './pages.ts';
export type {
  FeatureInspection,
  FeedControlEvent,
  FeedDecision,
  FeedEscrow,
  FeedItem,
  FeedOutcome,
  InspectedFeature,
} from './analyst-feed.ts';
