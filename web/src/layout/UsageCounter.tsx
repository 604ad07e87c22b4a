import { ThunderboltOutlined } from '@ant-design/icons';
import { Button, Descriptions, Popover, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { onUsageChange, runningLow, usedOf, type UserStats } from '../api/usage';
import { formatTime } from '../components/format';

/** Today's runs against the tier's limit in the header; the API calls, AI requests and reset time when opened. */
export function UsageCounter({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const [stats, setStats] = useState<UserStats>();

  const load = useCallback(async () => {
    try {
      setStats(await api.get<UserStats>('/user-stats'));
    } catch {
      // A count that cannot be read now keeps the last one; the server still refuses at the limit.
    }
  }, []);

  useEffect(() => {
    void load();
    return onUsageChange(() => void load());
  }, [load]);

  if (!stats) {
    return null;
  }
  const low = runningLow(stats.today_executions, stats.daily_executions_limit);
  const content = (
    <div style={{ maxWidth: 300 }} data-testid="usage-details">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('usage.tier')}>{stats.level_name}</Descriptions.Item>
        <Descriptions.Item label={t('usage.runs')}>{usedOf(stats.today_executions, stats.daily_executions_limit)}</Descriptions.Item>
        <Descriptions.Item label={t('usage.apiCalls')}>{usedOf(stats.today_api_calls, stats.daily_api_calls_limit)}</Descriptions.Item>
        <Descriptions.Item label={t('usage.aiRequests')}>{usedOf(stats.today_ai_requests, stats.daily_ai_requests_limit)}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('usage.resets', { time: formatTime(stats.resets_at) })}
      </Typography.Paragraph>
    </div>
  );
  return (
    <Popover content={content} title={t('usage.title')} trigger="click" placement="bottomRight">
      <Button
        type="text"
        danger={low}
        icon={<ThunderboltOutlined />}
        aria-label={t('usage.label', { used: usedOf(stats.today_executions, stats.daily_executions_limit) })}
        data-testid="usage-counter"
      >
        {compact ? usedOf(stats.today_executions, stats.daily_executions_limit)
          : t('usage.runsToday', { used: usedOf(stats.today_executions, stats.daily_executions_limit) })}
      </Button>
    </Popover>
  );
}
