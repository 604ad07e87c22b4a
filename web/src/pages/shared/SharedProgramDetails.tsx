import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CodeEntry } from '../../api/types';
import { formatTime } from '../../components/format';

/** Above a shared program: what it is, as its author described it. */
export function SharedProgramDetails({ entry }: { entry: CodeEntry }) {
  const { t } = useTranslation();
  return (
    <div style={{ marginBottom: 12 }} data-testid="shared-program">
      <Space wrap size={4}>
        <Tag color="blue">{entry.language}</Tag>
        <Tag>{t('shared.readOnly')}</Tag>
        <Typography.Text type="secondary">{t('shared.updated', { when: formatTime(entry.updated_at) })}</Typography.Text>
        {entry.tags.map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </Space>
      {entry.description ? <Typography.Paragraph style={{ margin: '8px 0 0' }}>{entry.description}</Typography.Paragraph> : null}
    </div>
  );
}
