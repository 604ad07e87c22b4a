import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { CodeEntry } from '../../api/types';
import { messageOf } from '../../api/useLoad';

interface Props {
  open: boolean;
  onClose: () => void;
  language: string;
  code: string;
  /** The entry the editor opened, when it is the user's own: saving changes it instead of adding one. */
  existing?: { id: number; title: string };
  onSaved: (entry: CodeEntry) => void;
}

interface Fields {
  title: string;
  description?: string;
  tags: string[];
  is_public: boolean;
}

export function SaveCodeModal({ open, onClose, language, code, existing, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) {
      form.setFieldsValue({ title: existing?.title ?? '', tags: [], is_public: false });
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
        <Form.Item name="title" label={t('library.titleField')} rules={[{ required: true, message: t('form.required') }]}>
          <Input id="save-title" maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('library.description')}>
          <Input.TextArea rows={2} id="save-description" />
        </Form.Item>
        <Form.Item name="tags" label={t('library.tags')}>
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} id="save-tags" />
        </Form.Item>
        <Form.Item name="is_public" label={t('library.public')} valuePropName="checked">
          <Switch id="save-public" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
