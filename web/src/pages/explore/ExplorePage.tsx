import { Card, Empty, Input, Pagination, Select, Space, Spin, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Language, PostList } from '../../api/types';
import { useLoad } from '../../api/useLoad';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { PostCard } from '../community/PostCard';
import { ProgramCard, type ProgramList } from './ProgramCard';

const PAGE_SIZE = 10;

/** Everyone's public programs and posts, for anyone, signed in or not. */
export function ExplorePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'posts' ? 'posts' : 'programs';
  const [search, setSearch] = useState('');
  return (
    <Card title={<PageTitle>{t('explore.title')}</PageTitle>}>
      <Input.Search
        allowClear
        placeholder={t('explore.search')}
        onSearch={setSearch}
        style={{ maxWidth: 360, marginBottom: 8 }}
        aria-label={t('explore.search')}
        id="explore-search"
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'posts' ? { tab: 'posts' } : {}, { replace: true })}
        items={[
          { key: 'programs', label: t('explore.programs'), children: <Programs search={search} /> },
          { key: 'posts', label: t('explore.posts'), children: <Posts search={search} /> },
        ]}
      />
    </Card>
  );
}

function Programs({ search }: { search: string }) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<string>();
  const [page, setPage] = useState(1);
  const languages = useLoad(() => api.get<Language[]>('/api/languages'), []);
  const programs = useLoad(
    () => api.get<ProgramList>('/code-library/public', { search, language, skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    [search, language, page],
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('explore.anyLanguage')}
          style={{ minWidth: 180 }}
          value={language}
          onChange={(value) => {
            setLanguage(value);
            setPage(1);
          }}
          options={(languages.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
          aria-label={t('editor.language')}
        />
      </Space>
      <ProblemAlert error={programs.error} />
      <Spin spinning={programs.loading}>
        {programs.data && programs.data.codes.length === 0 ? <Empty description={t('explore.noPrograms')} /> : null}
        {(programs.data?.codes ?? []).map((program) => (
          <ProgramCard key={program.id} program={program} />
        ))}
      </Spin>
      {programs.data && programs.data.total > PAGE_SIZE ? (
        <Pagination current={page} pageSize={PAGE_SIZE} total={programs.data.total} onChange={setPage} />
      ) : null}
    </>
  );
}

function Posts({ search }: { search: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const posts = useLoad(
    () => api.get<PostList>('/community/posts', { search, skip: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    [search, page],
  );
  return (
    <>
      <ProblemAlert error={posts.error} />
      <Spin spinning={posts.loading}>
        {posts.data && posts.data.posts.length === 0 ? <Empty description={t('community.empty')} /> : null}
        {(posts.data?.posts ?? []).map((post) => (
          <PostCard key={post.id} post={post} />
        ))}
      </Spin>
      {posts.data && posts.data.total > PAGE_SIZE ? (
        <Pagination current={page} pageSize={PAGE_SIZE} total={posts.data.total} onChange={setPage} />
      ) : null}
    </>
  );
}
