import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import CodeMirror, { EditorView } from '@uiw/react-codemirror';
import { useTranslation } from 'react-i18next';
import { useEffect, useMemo, useState } from 'react';
import type { LineDiagnostic } from '../editor/diagnostics';
import { useThemeMode } from '../theme/ThemeContext';
import { languageExtension } from './codeLanguages';

interface Props {
  value: string;
  onChange?: (value: string) => void;
  language?: string | null;
  height?: string;
  readOnly?: boolean;
  testId?: string;
  /** Lines a failed run's compiler or runtime named: marked in the gutter and underlined until edited away. */
  diagnostics?: LineDiagnostic[];
}

/** A compiler's line (and column) as a range of the document: the column to the line's end, else the whole line. */
function toDiagnostic(view: EditorView, d: LineDiagnostic): Diagnostic | null {
  const doc = view.state.doc;
  if (d.line < 1 || d.line > doc.lines) {
    return null;
  }
  const line = doc.line(d.line);
  const from = d.column !== undefined ? Math.min(line.from + Math.max(0, d.column - 1), line.to) : line.from;
  return { from, to: Math.max(line.to, from), severity: d.severity, message: d.message };
}

export function CodeEditor({ value, onChange, language, height = '360px', readOnly, testId, diagnostics }: Props) {
  const { mode } = useThemeMode();
  const [view, setView] = useState<EditorView>();
  const { t } = useTranslation();
  // The editable area is named for screen readers, and a tab stop even when read-only.
  const label = t('editor.codeLabel');
  const extensions = useMemo(
    () => [...languageExtension(language), lintGutter(), EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' })],
    [language, label],
  );

  useEffect(() => {
    if (view) {
      const marks = (diagnostics ?? []).map((d) => toDiagnostic(view, d)).filter((d): d is Diagnostic => d !== null);
      view.dispatch(setDiagnostics(view.state, marks));
    }
  }, [view, diagnostics]);

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
        onCreateEditor={setView}
      />
    </div>
  );
}
