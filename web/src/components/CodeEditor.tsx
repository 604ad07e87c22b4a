import CodeMirror from '@uiw/react-codemirror';
import { useMemo } from 'react';
import { useThemeMode } from '../theme/ThemeContext';
import { languageExtension } from './codeLanguages';

interface Props {
  value: string;
  onChange?: (value: string) => void;
  language?: string | null;
  height?: string;
  readOnly?: boolean;
  testId?: string;
}

export function CodeEditor({ value, onChange, language, height = '360px', readOnly, testId }: Props) {
  const { mode } = useThemeMode();
  const extensions = useMemo(() => languageExtension(language), [language]);
  return (
    <div data-testid={testId} style={{ border: '1px solid rgba(127,127,127,0.3)', borderRadius: 6, overflow: 'hidden' }}>
      <CodeMirror
        value={value}
        onChange={onChange}
        height={height}
        theme={mode}
        extensions={extensions}
        readOnly={readOnly}
        basicSetup={{ tabSize: 4 }}
      />
    </div>
  );
}
