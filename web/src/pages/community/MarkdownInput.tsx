import { Alert, Input, Segmented, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { messageOf } from '../../api/useLoad';
import { RenderedMarkdown } from '../../components/RenderedMarkdown';

/**
 * A Markdown text area with a Write / Preview switch. The preview is rendered by the server with
 * the renderer that renders posts, so it is exactly what readers will be shown. As a form control
 * it takes value and onChange from its Form.Item.
 */
export function MarkdownInput({ id, value, onChange }: { id: string; value?: string; onChange?: (value: string) => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const preview = useMarkdownPreview(mode === 'preview' ? (value ?? '') : null);
  return (
    <>
      <Segmented
        size="small"
        style={{ marginBottom: 8 }}
        value={mode}
        onChange={(next) => setMode(next as 'write' | 'preview')}
        options={[
          { value: 'write', label: <span data-testid={`${id}-write`}>{t('community.write')}</span> },
          { value: 'preview', label: <span data-testid={`${id}-preview`}>{t('community.preview')}</span> },
        ]}
      />
      {mode === 'write' ? (
        <Input.TextArea rows={6} id={id} value={value} onChange={(e) => onChange?.(e.target.value)} />
      ) : (
        <Spin spinning={preview.loading}>
          <div style={{ minHeight: 136, padding: '4px 11px', border: '1px solid rgba(127,127,127,0.3)', borderRadius: 6 }}>
            {preview.error ? <Alert type="error" showIcon message={preview.error} /> : null}
            {preview.html === '' && !preview.loading ? <span style={{ opacity: 0.6 }}>{t('community.nothingToPreview')}</span> : null}
            {preview.html ? <RenderedMarkdown html={preview.html} testId={`${id}-rendered`} /> : null}
          </div>
        </Spin>
      )}
    </>
  );
}

/** The server's rendering of the text, fetched while it is not null. */
function useMarkdownPreview(content: string | null) {
  const [state, setState] = useState<{ html?: string; error?: string; loading: boolean }>({ loading: false });
  useEffect(() => {
    if (content === null) {
      return;
    }
    let current = true;
    setState({ loading: true });
    api
      .post<{ html: string }>('/community/markdown/preview', { content })
      .then((answer) => current && setState({ html: answer.html, loading: false }))
      .catch((e) => current && setState({ error: messageOf(e), loading: false }));
    return () => {
      current = false;
    };
  }, [content]);
  return state;
}
