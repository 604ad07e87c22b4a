import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';

// A slow machine renders Ant Design's first page in seconds: wait for conditions that long.
configure({ asyncUtilTimeout: 15000 });

// jsdom has no matchMedia; Ant Design's responsive helpers ask it about the screen width.
if (typeof window !== 'undefined' && !window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}
