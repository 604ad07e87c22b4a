import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';

const SECTIONS = [
  { path: '/sandboxes', key: 'sandboxes' },
  { path: '/snapshots', key: 'snapshots' },
  { path: '/volumes', key: 'volumes' },
] as const;

/**
 * Sandboxes, their snapshots and their volumes are one area with one entry in the bar (which has
 * no room for three); these links move between its pages.
 */
export function SandboxesNav() {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <nav aria-label={t('sandboxes.title')} style={{ marginBottom: 16 }}>
      <Space size="middle" wrap>
        {SECTIONS.map((section) => {
          const current = location.pathname === section.path;
          return (
            <Link
              key={section.key}
              to={section.path}
              aria-current={current ? 'page' : undefined}
              data-testid={`sandboxes-nav-${section.key}`}
              style={current ? { fontWeight: 600, textDecoration: 'underline' } : undefined}
            >
              {t(`sandboxes.tabs.${section.key}`)}
            </Link>
          );
        })}
      </Space>
    </nav>
  );
}
