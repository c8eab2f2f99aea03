import type { ConsolePageName } from './pages.ts';

const LINKS: readonly {
  readonly page: ConsolePageName;
  readonly href: string;
  readonly label: string;
}[] = [
  { page: 'index', href: '/console/', label: 'Overview' },
  { page: 'demo', href: '/console/demo', label: 'Payment app and attacks' },
  { page: 'analyst', href: '/console/analyst', label: 'Analyst view' },
];

/** The console's top bar: the product's name and the three pages. */
export function Header(props: { readonly current: ConsolePageName }) {
  return (
    <header class="console-header">
      <h1>Sentinel console</h1>
      <nav aria-label="Console pages">
        {LINKS.map((link) => (
          <a
            key={link.page}
            href={link.href}
            aria-current={link.page === props.current ? 'page' : undefined}
          >
            {link.label}
          </a>
        ))}
      </nav>
    </header>
  );
}
