import { CopyOutlined, DeleteOutlined, EditOutlined, GlobalOutlined, LockOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { CodeEntry, Language } from '../api/types';
import { messageOf, useLoad } from '../api/useLoad';
import { formatTime } from '../components/format';
import { PageTitle } from '../components/PageTitle';
import { sharedProgramUrl } from './shared/links';

/** The user's saved programs: search, filters by language and tag, sorting; open, publish, delete. */
export function LibraryPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [language, setLanguage] = useState<string>();
  const [tag, setTag] = useState('');
  const [sort, setSort] = useState('updated_at');
  const languages = useLoad(() => api.get<Language[]>('/api/languages'), []);
  const entries = useLoad(
    () => api.get<CodeEntry[]>('/code-library', { search, language, tag, sort, order: sort === 'title' ? 'asc' : 'desc', limit: 100 }),
    [search, language, tag, sort],
  );

  const togglePublic = async (entry: CodeEntry) => {
    try {
      await api.put(`/code-library/${entry.id}`, { is_public: !entry.is_public });
      await entries.reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  const remove = async (entry: CodeEntry) => {
    try {
      await api.delete(`/code-library/${entry.id}`);
      await entries.reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  return (
    <Card title={<PageTitle>{t('library.title')}</PageTitle>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder={t('library.search')}
          allowClear
          onSearch={setSearch}
          style={{ width: 240 }}
          id="library-search"
          enterButton
        />
        <Select
          allowClear
          placeholder={t('library.language')}
          style={{ width: 160 }}
          value={language}
          onChange={setLanguage}
          options={(languages.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
        />
        <Input.Search placeholder={t('library.tag')} allowClear onSearch={setTag} style={{ width: 160 }} />
        <Select
          style={{ width: 180 }}
          value={sort}
          onChange={setSort}
          options={[
            { value: 'updated_at', label: t('library.sortUpdated') },
            { value: 'created_at', label: t('library.sortCreated') },
            { value: 'title', label: t('library.sortTitle') },
          ]}
        />
      </Space>
      {entries.error ? <Typography.Text type="danger">{entries.error.message}</Typography.Text> : null}
      <Table<CodeEntry>
        rowKey="id"
        loading={entries.loading}
        dataSource={entries.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        data-testid="library-table"
        columns={[
          {
            title: t('library.titleField'),
            dataIndex: 'title',
            render: (title: string, entry) => (
              <Space direction="vertical" size={0}>
                <Typography.Link onClick={() => navigate(`/editor?code=${entry.id}`)}>{title}</Typography.Link>
                {entry.description ? <Typography.Text type="secondary">{entry.description}</Typography.Text> : null}
              </Space>
            ),
          },
          { title: t('library.language'), dataIndex: 'language', render: (l: string) => <Tag color="blue">{l}</Tag> },
          {
            title: t('library.tags'),
            dataIndex: 'tags',
            render: (tags: string[]) => tags.map((name) => <Tag key={name} onClick={() => setTag(name)}>{name}</Tag>),
          },
          {
            title: t('library.visibility'),
            dataIndex: 'is_public',
            render: (isPublic: boolean, entry) => (
              <Button size="small" type="text" icon={isPublic ? <GlobalOutlined /> : <LockOutlined />} onClick={() => togglePublic(entry)}>
                {isPublic ? t('library.public') : t('library.private')}
              </Button>
            ),
          },
          { title: t('library.updated'), dataIndex: 'updated_at', render: formatTime, responsive: ['md'] },
          {
            title: '',
            key: 'actions',
            render: (_, entry) => (
              <Space>
                <Button size="small" icon={<EditOutlined />} onClick={() => navigate(`/editor?code=${entry.id}`)}>
                  {t('library.open')}
                </Button>
                {entry.is_public ? (
                  <Button
                    size="small"
                    icon={<CopyOutlined />}
                    onClick={async () => {
                      const link = sharedProgramUrl(window.location.origin, entry.id);
                      await navigator.clipboard?.writeText(link).catch(() => undefined);
                      message.success(t('library.linkCopied', { link }));
                    }}
                  >
                    {t('library.share')}
                  </Button>
                ) : null}
                <Popconfirm title={t('library.confirmDelete')} onConfirm={() => remove(entry)} okText={t('common.delete')} cancelText={t('common.cancel')}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
