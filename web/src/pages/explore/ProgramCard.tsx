import { Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatTime } from '../../components/format';

/** A public program as lists show it (GET /code-library/public): the whole code is read when it is opened. */
export interface ProgramSummary {
  id: number;
  user_id: number;
  username: string | null;
  title: string;
  description: string | null;
  language: string;
  tags: string[];
  preview: string;
  lines: number;
  created_at: string;
  updated_at: string;
}

export interface ProgramList {
  codes: ProgramSummary[];
  total: number;
  skip: number;
  limit: number;
}

export function ProgramCard({ program }: { program: ProgramSummary }) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="program-card">
      <Typography.Title level={2} style={{ marginTop: 0, fontSize: 16 }}>
        <Link to={`/code/${program.id}`}>{program.title}</Link>
      </Typography.Title>
      <Space wrap size={4}>
        <Tag color="blue">{program.language}</Tag>
        {program.username ? <Link to={`/users/${encodeURIComponent(program.username)}`}>{program.username}</Link> : null}
        <Typography.Text type="secondary">· {formatTime(program.updated_at)}</Typography.Text>
        <Typography.Text type="secondary">· {t('explore.lines', { count: program.lines })}</Typography.Text>
      </Space>
      {program.description ? <Typography.Paragraph style={{ margin: '8px 0 0' }}>{program.description}</Typography.Paragraph> : null}
      <pre className="program-preview">{program.preview}</pre>
      {program.tags.length > 0 ? (
        <Space wrap size={4}>
          {program.tags.map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
        </Space>
      ) : null}
    </Card>
  );
}
