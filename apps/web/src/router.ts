import { useEffect, useState } from 'react';

/** The page's path and query, kept in step with the address bar (shareable URLs). */
export function useLocation(): URL {
  const [url, setUrl] = useState(() => new URL(window.location.href));
  useEffect(() => {
    const update = () => setUrl(new URL(window.location.href));
    window.addEventListener('popstate', update);
    window.addEventListener('tsunagu:navigate', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('tsunagu:navigate', update);
    };
  }, []);
  return url;
}

export function navigate(to: string, replace = false): void {
  if (replace) window.history.replaceState(window.history.state, '', to);
  // Marked, so that a page knows it can go back to the one that opened it.
  else window.history.pushState({ inApp: true }, '', to);
  window.dispatchEvent(new Event('tsunagu:navigate'));
}

/** Whether this page was opened from another page of the app (so "back" returns there). */
export const openedInApp = (): boolean =>
  (window.history.state as { inApp?: boolean } | null)?.inApp === true;

/** A link that opens the page in place (and stays a real link for new tabs and screen readers). */
export function onLinkClick(to: string) {
  return (event: {
    preventDefault(): void;
    metaKey: boolean;
    ctrlKey: boolean;
    button: number;
  }) => {
    if (event.metaKey || event.ctrlKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
    window.scrollTo(0, 0);
  };
}
