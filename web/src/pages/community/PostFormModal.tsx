import { Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Language } from '../../api/types';
import { useLoad } from '../../api/useLoad';
import { CodeEditor } from '../../components/CodeEditor';
import { MarkdownInput } from './MarkdownInput';

export interface PostFields {
  title: string;
  content: string;
  tags: string[];
  code_language?: string | null;
  code_snippet?: string | null;
  is_public: boolean;
}

/**
 * The dialog in which a post is written or edited. It answers the fields as the API takes them:
 * no code, then no language either.
 */
export function PostFormModal({
  open,
  title,
  okText,
  okId,
  initial,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  title: string;
  okText: string;
  okId: string;
  initial?: PostFields;
  onSubmit: (fields: PostFields) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PostFields>();
  const [snippet, setSnippet] = useState('');
  const [busy, setBusy] = useState(false);
  const codeLanguage = Form.useWatch('code_language', form);
  const languages = useLoad(() => api.get<Language[]>('/api/languages'), []);

  // Each opening starts from the post as it is (or from nothing).
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(initial ?? { title: '', content: '', tags: [], is_public: true });
      setSnippet(initial?.code_snippet ?? '');
    }
  }, [open, initial, form]);

  const finish = async (values: PostFields) => {
    setBusy(true);
    try {
      const code = snippet.trim() ? snippet : null;
      await onSubmit({ ...values, tags: values.tags ?? [], code_snippet: code, code_language: code ? (values.code_language ?? null) : null });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={okText}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ id: okId }}
      width={720}
      forceRender
    >
      <Form<PostFields> form={form} layout="vertical" onFinish={finish} requiredMark={false}>
        <Form.Item htmlFor="post-title" name="title" label={t('community.postTitle')} rules={[{ required: true, message: t('form.required') }]}>
          <Input id="post-title" maxLength={200} />
        </Form.Item>
        <Form.Item htmlFor="post-content" name="content" label={t('community.content')} rules={[{ required: true, message: t('form.required') }]} extra={t('community.markdown')}>
          <MarkdownInput id="post-content" />
        </Form.Item>
        <Form.Item name="code_language" label={t('community.snippetLanguage')}>
          <Select allowClear options={(languages.data ?? []).map((l) => ({ value: l.id, label: l.name }))} />
        </Form.Item>
        <Form.Item label={t('community.snippet')}>
          <CodeEditor value={snippet} onChange={setSnippet} language={codeLanguage ?? undefined} height="160px" />
        </Form.Item>
        <Form.Item name="tags" label={t('library.tags')}>
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} />
        </Form.Item>
        <Form.Item name="is_public" label={t('library.public')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
