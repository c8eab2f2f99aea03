/** The console's pages: each is one HTML document and one script bundle (`src/browser/<name>/`). */
export interface ConsolePage {
  readonly name: 'index' | 'demo' | 'analyst';
  readonly title: string;
}

export const PAGES: readonly ConsolePage[] = [
  { name: 'index', title: 'Sentinel console' },
  { name: 'demo', title: 'Sentinel console · payment app and attack control panel' },
  { name: 'analyst', title: 'Sentinel console · analyst view' },
];

/** A page's HTML: static, no inline script (the console's CSP forbids it). */
export function pageHtml(page: ConsolePage): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<link rel="stylesheet" href="/console/assets/${page.name}.css">
<script type="module" src="/console/assets/${page.name}.js"></script>
</head>
<body>
<div id="root"></div>
</body>
</html>
`;
}
