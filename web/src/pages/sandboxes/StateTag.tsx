import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { stateColor } from '../../api/sandboxes';

/** A sandbox's or a snapshot's state as a coloured tag, in the user's language. */
export function StateTag({ state, of = 'sandboxes' }: { state: string; of?: 'sandboxes' | 'snapshots' }) {
  const { t } = useTranslation();
  return (
    <Tag color={stateColor(state)} data-testid="state-tag" data-state={state}>
      {t(`${of}.states.${state}`, { defaultValue: state })}
    </Tag>
  );
}
