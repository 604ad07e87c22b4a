import { useEffect, useId, useRef } from 'react';

/**
 * An HTML program shown with its scripts running, apart from this page: the program is sent to
 * POST /preview, which answers it as a page of its own in an opaque origin (server:
 * HtmlPreviewController), into a frame that allows scripts but not this site's origin. A frame
 * given the program as srcdoc would inherit this page's policy, which runs no inline script.
 */
export function HtmlPreview({ html }: { html: string }) {
  const name = `preview-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const form = useRef<HTMLFormElement>(null);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (form.current && field.current) {
      field.current.value = html;
      form.current.submit();
    }
  }, [html]);

  return (
    <>
      <form ref={form} method="post" action="/preview" target={name} style={{ display: 'none' }} aria-hidden="true">
        <input ref={field} type="hidden" name="html" />
      </form>
      <iframe
        name={name}
        title="preview"
        sandbox="allow-scripts allow-modals allow-forms allow-popups"
        style={{ width: '100%', height: 300, border: 'none', background: '#fff' }}
      />
    </>
  );
}
