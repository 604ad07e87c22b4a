import { Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * What an empty table says. Ant Design's own empty text is in its disabled grey, below the contrast
 * WCAG AA asks of text; the secondary colour the theme sets passes.
 */
export function EmptyText({ children }: { children: ReactNode }) {
  return <Typography.Text type="secondary">{children}</Typography.Text>;
}
