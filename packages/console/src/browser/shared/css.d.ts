// esbuild bundles a page's CSS imports into `<page>.css`; to TypeScript they are side effects only.
declare module '*.css';
