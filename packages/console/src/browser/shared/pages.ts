export type ConsolePageName = 'index' | 'demo' | 'analyst';
