import { DeleteOutlined, UploadOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Card, Col, Form, Input, Progress, Row, Space, Statistic, Switch, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../api/client';
import type { Profile } from '../api/types';
import { messageOf, useLoad } from '../api/useLoad';
import { useAuth } from '../auth/AuthContext';
import { ChangePasswordCard } from './ChangePasswordCard';
import { PageTitle } from '../components/PageTitle';

interface EnhancedStats {
  level_name: string;
  executions: {
    total: number;
    successful: number;
    success_rate: number;
    average_time_ms: number;
    by_language: Record<string, number>;
    by_day: { date: string; count: number }[];
  };
  library: { saved: number; public: number };
  community: { posts: number; followers: number; following: number; likes_received?: number };
  quota: { today_executions: number; daily_executions_limit: number; today_api_calls: number; daily_api_calls_limit: number };
}

const COLOURS = ['#1677ff', '#52c41a', '#faad14', '#eb2f96', '#13c2c2', '#722ed1', '#fa541c', '#2f54eb', '#a0d911', '#8c8c8c'];

function quotaPercent(used: number, limit: number): number {
  return limit < 0 ? 0 : Math.min(100, Math.round((used / Math.max(limit, 1)) * 100));
}

/** The user's own profile: details, avatar, and charts of their runs. */
export function ProfilePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { reload: reloadUser } = useAuth();
  const profile = useLoad(() => api.get<Profile>('/profile'), []);
  const stats = useLoad(() => api.get<EnhancedStats>('/profile/enhanced-stats'), []);
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (profile.data) {
      form.setFieldsValue(profile.data);
    }
  }, [profile.data, form]);

  const save = async (values: Partial<Profile>) => {
    setSaving(true);
    try {
      await api.put('/profile', values);
      message.success(t('profile.saved'));
      await Promise.all([profile.reload(), reloadUser()]);
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  const upload = async (file: File) => {
    const body = new FormData();
    body.append('file', file);
    try {
      await api.request('/profile/upload-avatar', { method: 'POST', body });
      await profile.reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  const removeAvatar = async () => {
    try {
      await api.delete('/profile/avatar');
      await profile.reload();
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  const s = stats.data;
  const byLanguage = Object.entries(s?.executions.by_language ?? {}).map(([name, value]) => ({ name, value }));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card title={<PageTitle>{t('profile.title')}</PageTitle>} loading={profile.loading}>
          <Space align="center" style={{ marginBottom: 16 }} wrap>
            <Avatar size={80} src={profile.data?.avatar_url ?? undefined} icon={<UserOutlined />} />
            <Upload
              accept="image/png,image/jpeg,image/gif,image/webp"
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{t('profile.uploadAvatar')}</Button>
            </Upload>
            {profile.data?.avatar_url ? (
              <Button icon={<DeleteOutlined />} onClick={removeAvatar} aria-label={t('profile.removeAvatar')} />
            ) : null}
          </Space>
          <Form form={form} layout="vertical" onFinish={save}>
            <Form.Item label={t('login.username')} htmlFor="profile-username">
              <Input value={profile.data?.username} disabled id="profile-username" />
            </Form.Item>
            <Form.Item name="full_name" label={t('register.fullName')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="bio" label={t('profile.bio')}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
            <Form.Item name="website" label={t('profile.website')}>
              <Input />
            </Form.Item>
            <Form.Item name="location" label={t('profile.location')}>
              <Input />
            </Form.Item>
            <Form.Item name="github" label="GitHub">
              <Input />
            </Form.Item>
            <Form.Item name="profile_public" label={t('profile.public')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="show_email" label={t('profile.showEmail')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('common.save')}
            </Button>
          </Form>
        </Card>
        <div style={{ marginTop: 16 }}>
          <ChangePasswordCard />
        </div>
      </Col>
      <Col xs={24} lg={14}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card title={t('profile.stats', { level: s?.level_name ?? '' })} loading={stats.loading}>
            {s ? (
              <Row gutter={[16, 16]}>
                <Col xs={12} md={6}><Statistic title={t('profile.runs')} value={s.executions.total} /></Col>
                <Col xs={12} md={6}><Statistic title={t('profile.successRate')} value={s.executions.success_rate} suffix="%" precision={1} /></Col>
                <Col xs={12} md={6}><Statistic title={t('profile.savedCodes')} value={s.library.saved} /></Col>
                <Col xs={12} md={6}><Statistic title={t('user.followers')} value={s.community.followers} /></Col>
                <Col xs={24} md={12}>
                  {t('profile.todayRuns', { used: s.quota.today_executions, limit: s.quota.daily_executions_limit < 0 ? '∞' : s.quota.daily_executions_limit })}
                  <Progress percent={quotaPercent(s.quota.today_executions, s.quota.daily_executions_limit)} size="small" aria-label={t('profile.todayRuns', { used: s.quota.today_executions, limit: s.quota.daily_executions_limit < 0 ? '∞' : s.quota.daily_executions_limit })} />
                </Col>
                <Col xs={24} md={12}>
                  {t('profile.todayApiCalls', { used: s.quota.today_api_calls, limit: s.quota.daily_api_calls_limit < 0 ? '∞' : s.quota.daily_api_calls_limit })}
                  <Progress percent={quotaPercent(s.quota.today_api_calls, s.quota.daily_api_calls_limit)} size="small" aria-label={t('profile.todayApiCalls', { used: s.quota.today_api_calls, limit: s.quota.daily_api_calls_limit < 0 ? '∞' : s.quota.daily_api_calls_limit })} />
                </Col>
              </Row>
            ) : null}
          </Card>
          <Card title={t('profile.byDay')} loading={stats.loading}>
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={s?.executions.by_day ?? []}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="date" tick={{ fontSize: 11 }} />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Bar dataKey="count" fill="#1677ff" name={t('profile.runs')} />
              </BarChart>
            </ResponsiveContainer>
          </Card>
          <Card title={t('profile.byLanguage')} loading={stats.loading}>
            {byLanguage.length === 0 ? (
              t('profile.noRuns')
            ) : (
              <ResponsiveContainer width="100%" height={240}>
                <PieChart>
                  <Pie data={byLanguage} dataKey="value" nameKey="name" outerRadius={90} label>
                    {byLanguage.map((entry, index) => (
                      <Cell key={entry.name} fill={COLOURS[index % COLOURS.length]} />
                    ))}
                  </Pie>
                  <Tooltip />
                </PieChart>
              </ResponsiveContainer>
            )}
          </Card>
        </Space>
      </Col>
    </Row>
  );
}
