import { App, Form, Input, Modal, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { CodeEntry } from '../../api/types';
import { messageOf } from '../../api/useLoad';

interface Props {
  open: boolean;
  onClose: () => void;
  language: string;
  /** How the language is shown (its name and version), for the user to see what the program is saved as. */
  languageName: string;
  code: string;
  /**
   * The entry the editor opened, when it is the user's own: saving changes it instead of adding
   * one, and the dialog starts from what it has (its tags and visibility are kept unless changed).
   */
  existing?: Pick<CodeEntry, 'id' | 'title' | 'description' | 'tags' | 'is_public'>;
  onSaved: (entry: CodeEntry) => void;
}

interface Fields {
  title: string;
  description?: string;
  tags: string[];
  is_public: boolean;
}

export function SaveCodeModal({ open, onClose, language, languageName, code, existing, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) {
      form.setFieldsValue({
        title: existing?.title ?? '',
        description: existing?.description ?? undefined,
        tags: existing?.tags ?? [],
        is_public: existing?.is_public ?? false,
      });
    }
  }, [open, existing, form]);

  const save = async (values: Fields) => {
    setBusy(true);
    try {
      const body = { ...values, language, code };
      const entry = existing
        ? await api.put<CodeEntry>(`/code-library/${existing.id}`, body)
        : await api.post<CodeEntry>('/code-library', body);
      message.success(t('library.saved'));
      onSaved(entry);
      onClose();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={existing ? t('library.updateTitle') : t('library.saveTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ id: 'save-confirm' }}
      destroyOnClose
    >
      <Form form={form} layout="vertical" onFinish={save} requiredMark={false}>
        {/* Saved as the editor's language now: shown, so a program is not filed under the wrong one. */}
        <Form.Item htmlFor="save-language" label={t('editor.language')}>
          <Typography.Text strong id="save-language">{languageName}</Typography.Text>
        </Form.Item>
        <Form.Item htmlFor="save-title" name="title" label={t('library.titleField')} rules={[{ required: true, message: t('form.required') }]}>
          <Input id="save-title" maxLength={200} />
        </Form.Item>
        <Form.Item htmlFor="save-description" name="description" label={t('library.description')}>
          <Input.TextArea rows={2} id="save-description" />
        </Form.Item>
        <Form.Item htmlFor="save-tags" name="tags" label={t('library.tags')}>
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} id="save-tags" />
        </Form.Item>
        <Form.Item htmlFor="save-public" name="is_public" label={t('library.public')} valuePropName="checked">
          <Switch id="save-public" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
