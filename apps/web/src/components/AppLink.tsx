import type { ReactNode } from 'react';
import { onLinkClick } from '../router';

/** A link to a page of the app: opens in place, and stays a real link (new tab, screen readers). */
export function AppLink({
  to,
  className,
  children,
}: {
  to: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <a href={to} className={className} onClick={onLinkClick(to)}>
      {children}
    </a>
  );
}
