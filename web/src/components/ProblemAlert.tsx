import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../api/problems';

/**
 * A failure shown where it happened (in the form, the panel, the dialog), in the user's language,
 * and kept until the user does something else, unlike a toast that is gone before it is read.
 */
export function ProblemAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { t } = useTranslation();
  if (error === undefined || error === null) {
    return null;
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="problem"
      message={problemMessage(t, error)}
      closable={onClose !== undefined}
      onClose={onClose}
      style={{ marginBottom: 12 }}
    />
  );
}
