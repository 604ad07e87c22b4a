import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { formatTime } from '../components/format';

interface Notice {
  id: number;
  kind: 'comment' | 'reply' | 'follow';
  actor_username: string;
  post_id?: number;
  post_title?: string;
  created_at: string;
  read: boolean;
}

/** How often the count is asked again while the page is open: notifications are not urgent. */
const POLL_MS = 60_000;

/** The bell in the header: how many notifications are unread, and the latest of them. Opening it marks them read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [unread, setUnread] = useState(0);
  const [notices, setNotices] = useState<Notice[]>();

  const load = useCallback(async () => {
    try {
      const answer = await api.get<{ notifications: Notice[]; unread: number }>('/notifications', { limit: 10 });
      setNotices(answer.notifications);
      setUnread(answer.unread);
    } catch {
      // The count is a convenience: a failed look leaves the last one shown.
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  const opened = async (open: boolean) => {
    if (open) {
      await load();
    } else if (unread > 0) {
      setUnread((await api.post<{ unread: number }>('/notifications/read', {})).unread);
      void load();
    }
  };

  const content = notices && notices.length > 0 ? (
    <List<Notice>
      size="small"
      style={{ width: 320 }}
      dataSource={notices}
      renderItem={(notice) => (
        <List.Item data-testid="notification">
          <div>
            <Typography.Text strong={!notice.read}>
              {notice.kind === 'follow' ? (
                <Link to={`/users/${notice.actor_username}`}>{t('notifications.follow', { user: notice.actor_username })}</Link>
              ) : (
                <Link to={`/community/posts/${notice.post_id}`}>
                  {t(`notifications.${notice.kind}`, { user: notice.actor_username, title: notice.post_title })}
                </Link>
              )}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(notice.created_at)}</Typography.Text>
          </div>
        </List.Item>
      )}
    />
  ) : (
    <Empty description={t('notifications.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
  );

  return (
    <Popover content={content} title={t('notifications.title')} trigger="click" onOpenChange={(open) => void opened(open)}>
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button type="text" icon={<BellOutlined />} aria-label={t('notifications.title')} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
