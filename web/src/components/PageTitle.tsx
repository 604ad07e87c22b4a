import { useEffect, type CSSProperties, type ReactNode } from 'react';

/** The browser tab (and the history, and a screen reader's page list) says which page this is. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · CodeRunner` : 'CodeRunner';
  }, [title]);
}

/**
 * A page's one top-level heading, which also names the browser tab. It sits where the page had
 * its title (a card's title, mostly), in the same size, so only its meaning changes.
 */
export function PageTitle({ children, title, style }: { children: ReactNode; title?: string; style?: CSSProperties }) {
  usePageTitle(title ?? (typeof children === 'string' ? children : undefined));
  return (
    <h1 className="page-title" style={style}>
      {children}
    </h1>
  );
}
