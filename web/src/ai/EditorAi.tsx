import { BulbOutlined, QuestionCircleOutlined, RobotOutlined, ThunderboltOutlined, ToolOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { announceUsageChange } from '../api/usage';
import { ProblemAlert } from '../components/ProblemAlert';
import { assistBody, generateBody, type AiAnswer, type AssistAction } from './aiRequests';

/** The editor's Generate button: a prompt, the answer shown, and the code put in the editor only when the user says so. */
export function GenerateButton({ language, code, onUse }: { language: string | undefined; code: string; onUse: (code: string) => void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<unknown>();
  const [open, setOpen] = useState(false);
  const [prompt, setPrompt] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<AiAnswer>();

  const generate = async () => {
    if (!language) return;
    setBusy(true);
    setProblem(undefined);
    try {
      setAnswer(await api.post<AiAnswer>('/ai/generate-code', generateBody(prompt, language, code)));
      announceUsageChange();
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setOpen(false);
    setAnswer(undefined);
    setProblem(undefined);
  };

  return (
    <>
      <Button icon={<RobotOutlined />} onClick={() => setOpen(true)} disabled={!language} id="generate-button">{t('editor.generate')}</Button>
      <Modal open={open} title={t('editor.generate')} onCancel={close} footer={
        <Space>
          <Button onClick={close}>{t('common.cancel')}</Button>
          {answer?.code ? (
            <Button type="primary" onClick={() => { onUse(answer.code ?? ''); close(); }}>{t('editor.useCode')}</Button>
          ) : (
            <Button type="primary" loading={busy} disabled={!prompt.trim()} onClick={generate}>{t('editor.generate')}</Button>
          )}
        </Space>
      }>
        <Input.TextArea rows={3} value={prompt} onChange={(e) => setPrompt(e.target.value)} placeholder={t('editor.generatePrompt')} />
        <ProblemAlert error={problem} />
        <AnswerView answer={answer} />
      </Modal>
    </>
  );
}

/** Fix and Explain for a run that ended with an error; a fixed program goes into the editor only when the user says so. */
export function ErrorHelp({ language, code, error, onUse }: { language: string; code: string; error: string; onUse: (code: string) => void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState<AssistAction>();
  const [answer, setAnswer] = useState<AiAnswer>();

  const ask = async (action: AssistAction) => {
    setBusy(action);
    setProblem(undefined);
    try {
      setAnswer(await api.post<AiAnswer>('/api/ai/assist', assistBody(action, language, code, error)));
      announceUsageChange();
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div style={{ marginTop: 8 }}>
      <Space wrap>
        <Button size="small" icon={<ToolOutlined />} loading={busy === 'fix_error'} onClick={() => ask('fix_error')} id="fix-button">{t('editor.fix')}</Button>
        <Button size="small" icon={<BulbOutlined />} loading={busy === 'explain_error'} onClick={() => ask('explain_error')} id="explain-button">{t('editor.explain')}</Button>
      </Space>
      <ProblemAlert error={problem} />
        <AnswerView answer={answer} />
      {answer?.code ? (
        <Button size="small" type="primary" style={{ marginTop: 8 }} onClick={() => { onUse(answer.code ?? ''); setAnswer(undefined); }}>{t('editor.useCode')}</Button>
      ) : null}
    </div>
  );
}

/** Explain and Optimize for the program in the editor; an optimized program goes in only when the user says so. */
export function CodeHelp({ language, code, onUse }: { language: string | undefined; code: string; onUse: (code: string) => void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState<AssistAction>();
  const [answer, setAnswer] = useState<AiAnswer>();

  const ask = async (action: AssistAction) => {
    if (!language) return;
    setBusy(action);
    setProblem(undefined);
    try {
      setAnswer(await api.post<AiAnswer>('/api/ai/assist', assistBody(action, language, code)));
      announceUsageChange();
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(undefined);
    }
  };
  const close = () => {
    setAnswer(undefined);
    setProblem(undefined);
  };
  const disabled = !language || code.trim() === '';

  return (
    <>
      <Button icon={<QuestionCircleOutlined />} loading={busy === 'explain_code'} disabled={disabled} onClick={() => ask('explain_code')} id="explain-code-button">{t('editor.explainCode')}</Button>
      <Button icon={<ThunderboltOutlined />} loading={busy === 'optimize_code'} disabled={disabled} onClick={() => ask('optimize_code')} id="optimize-button">{t('editor.optimize')}</Button>
      <Modal open={answer !== undefined || problem !== undefined} title={t('editor.aiAnswer')} onCancel={close} footer={
        <Space>
          <Button onClick={close}>{t('common.cancel')}</Button>
          {answer?.code ? (
            <Button type="primary" onClick={() => { onUse(answer.code ?? ''); close(); }}>{t('editor.useCode')}</Button>
          ) : null}
        </Space>
      }>
        <ProblemAlert error={problem} />
        <AnswerView answer={answer} />
      </Modal>
    </>
  );
}

function AnswerView({ answer }: { answer: AiAnswer | undefined }) {
  if (!answer) return null;
  return (
    <div style={{ marginTop: 12 }} data-testid="ai-answer">
      {answer.explanation ? <Alert type="info" message={<Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{answer.explanation}</Typography.Paragraph>} /> : null}
      {answer.code ? <pre className="run-output" style={{ marginTop: 8, maxHeight: 300 }}>{answer.code}</pre> : null}
    </div>
  );
}

/** In place of the AI buttons while no provider is set up: where to set one up, instead of buttons that can only fail. */
export function AiSetupLink() {
  const { t } = useTranslation();
  return (
    <Link to="/ai-configs" id="ai-setup-link">
      <Button icon={<RobotOutlined />}>{t('editor.setUpAi')}</Button>
    </Link>
  );
}
