import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { messageOf, useLoad } from '../../api/useLoad';
import { formatTime } from '../../components/format';

const PAGE = 500;

/** Every user, a page of the server's largest size at a time (GET /users has no search). */
export async function loadAllUsers(): Promise<User[]> {
  const all: User[] = [];
  for (;;) {
    const page = await api.get<User[]>('/users', { skip: all.length, limit: PAGE });
    all.push(...page);
    if (page.length < PAGE) {
      return all;
    }
  }
}

interface TierView {
  level: number;
  name: string;
}

interface UserFields {
  username?: string;
  email: string;
  full_name?: string;
  password?: string;
  user_level: number;
  is_admin: boolean;
  is_active: boolean;
}

export function UsersPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filter, setFilter] = useState('');
  const users = useLoad(loadAllUsers, []);
  const needle = filter.trim().toLowerCase();
  const shown = (users.data ?? []).filter(
    (user) => !needle || user.username.toLowerCase().includes(needle) || user.email.toLowerCase().includes(needle),
  );
  const tiers = useLoad(() => api.get<Record<string, TierView>>('/user-levels'), []);
  const [editing, setEditing] = useState<User | 'new'>();
  const [resetting, setResetting] = useState<User>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<UserFields>();
  const [passwordForm] = Form.useForm<{ new_password: string }>();
  const tierOptions = Object.values(tiers.data ?? {}).map((tier) => ({ value: tier.level, label: `${tier.level} · ${tier.name}` }));

  const open = (user: User | 'new') => {
    setEditing(user);
    form.setFieldsValue(
      user === 'new'
        ? { username: '', email: '', full_name: '', password: '', user_level: 1, is_admin: false, is_active: true }
        : { email: user.email, full_name: user.full_name ?? '', user_level: user.user_level, is_admin: user.is_admin, is_active: user.is_active },
    );
  };

  const guarded = async (action: () => Promise<unknown>, done?: () => void) => {
    setBusy(true);
    try {
      await action();
      done?.();
      await users.reload();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const save = (values: UserFields) =>
    guarded(
      () => (editing === 'new' ? api.post('/admin/users', values) : api.put(`/admin/users/${(editing as User).id}`, values)),
      () => {
        message.success(t('admin.userSaved'));
        setEditing(undefined);
      },
    );

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          {t('admin.newUser')}
        </Button>
        <Input.Search allowClear placeholder={t('admin.findUser')} onChange={(e) => setFilter(e.target.value)} style={{ width: 240 }} id="user-filter" />
      </Space>
      <Table<User>
        rowKey="id"
        loading={users.loading}
        dataSource={shown}
        scroll={{ x: true }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="users-table"
        columns={[
          { title: 'ID', dataIndex: 'id', responsive: ['md'] },
          { title: t('login.username'), dataIndex: 'username', render: (name: string, user) => <span data-testid={`user-row-${user.username}`}>{name}</span> },
          { title: t('register.email'), dataIndex: 'email', responsive: ['md'] },
          {
            title: t('admin.level'),
            dataIndex: 'user_level',
            render: (level: number, user) => (
              <Tag color="blue" data-testid={`user-level-${user.username}`}>
                {tiers.data?.[String(level)]?.name ?? level}
              </Tag>
            ),
          },
          { title: t('admin.role'), dataIndex: 'is_admin', render: (admin: boolean) => (admin ? <Tag color="gold">{t('admin.administrator')}</Tag> : null) },
          { title: t('apiKeys.active'), dataIndex: 'is_active', render: (active: boolean) => (active ? <Tag color="green">{t('admin.activeYes')}</Tag> : <Tag>{t('admin.activeNo')}</Tag>) },
          { title: t('admin.created'), dataIndex: 'created_at', render: formatTime, responsive: ['lg'] },
          {
            title: '',
            key: 'actions',
            render: (_, user) => (
              <Space>
                <Button size="small" onClick={() => open(user)} data-testid={`edit-user-${user.username}`}>
                  {t('common.edit')}
                </Button>
                <Button size="small" icon={<KeyOutlined />} onClick={() => setResetting(user)} aria-label={t('admin.resetPassword')} />
                <Popconfirm title={t('admin.confirmDelete', { name: user.username })} onConfirm={() => guarded(() => api.delete(`/admin/users/${user.id}`))} okText={t('common.delete')} cancelText={t('common.cancel')}>
                  <Button size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== undefined}
        title={editing === 'new' ? t('admin.newUser') : t('admin.editUser', { name: editing?.username ?? '' })}
        onCancel={() => setEditing(undefined)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        okButtonProps={{ id: 'user-save' }}
        forceRender
      >
        <Form<UserFields> form={form} layout="vertical" onFinish={save} requiredMark={false}>
          {editing === 'new' ? (
            <>
              <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('form.required') }]}>
                <Input />
              </Form.Item>
              <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('form.required') }]}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </>
          ) : null}
          <Form.Item name="email" label={t('register.email')} rules={[{ required: true, message: t('form.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="full_name" label={t('register.fullName')}>
            <Input />
          </Form.Item>
          <Form.Item htmlFor="user-level-select" name="user_level" label={t('admin.level')}>
            <Select options={tierOptions} id="user-level-select" />
          </Form.Item>
          <Space size="large">
            <Form.Item name="is_admin" label={t('admin.administrator')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="is_active" label={t('apiKeys.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
      <Modal
        open={resetting !== undefined}
        title={t('admin.resetPasswordOf', { name: resetting?.username ?? '' })}
        onCancel={() => setResetting(undefined)}
        onOk={() => passwordForm.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        destroyOnClose
      >
        <Form
          form={passwordForm}
          layout="vertical"
          preserve={false}
          onFinish={(values) =>
            guarded(
              () => api.post(`/admin/users/${resetting?.id}/change-password`, values),
              () => {
                message.success(t('admin.passwordSet'));
                setResetting(undefined);
              },
            )
          }
        >
          <Form.Item name="new_password" label={t('admin.newPassword')} rules={[{ required: true, message: t('form.required') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
