/**
 * Markdown as the server rendered it, with raw HTML escaped and unsafe links removed (the
 * community module's Markdown), so it may be put into the page as it is. An excerpt is cut to a
 * few lines' height, as a feed shows it.
 */
export function RenderedMarkdown({ html, testId, excerpt }: { html: string; testId?: string; excerpt?: boolean }) {
  return (
    <div
      className={excerpt ? 'markdown-body markdown-excerpt' : 'markdown-body'}
      data-testid={testId}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
