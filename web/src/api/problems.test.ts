import i18n from '../i18n';
import { ApiError } from './client';
import { problemCode, problemMessage } from './problems';

describe('problemMessage', () => {
  const t = i18n.getFixedT('zh');

  it('says a problem the UI knows by its code in the user language', () => {
    const error = new ApiError(500, 'internal error: the server could not complete the request', { code: 'internal_error' });
    expect(problemCode(error)).toBe('internal_error');
    expect(problemMessage(t, error)).toBe(i18n.getFixedT('zh')('problems.internal_error'));
  });

  it('shows the detail of a problem whose code it has no words for', () => {
    const error = new ApiError(409, 'the name "a" is taken', { code: 'some_new_code', detail: 'the name "a" is taken' });
    expect(problemMessage(t, error)).toBe('the name "a" is taken');
  });

  it('never shows a server failure raw, and says when the server cannot be reached', () => {
    expect(problemMessage(t, new ApiError(502, '502 Bad Gateway', '<html>'))).toBe(t('problems.internal_error'));
    expect(problemMessage(t, new TypeError('Failed to fetch'))).toBe(t('problems.unreachable'));
  });
});

describe('refusals worded in the user language', () => {
  const quota = {
    code: 'quota_exhausted',
    detail: 'the daily execution quota of 10 runs (Free tier) is used up for today; it resets at 2026-12-03T00:00:00Z',
    quota: 'executions',
    limit: 10,
    tier: 'Free',
    resets_at: '2026-12-03T00:00:00Z',
    retry_after_seconds: 3600,
  };

  it('says which quota, its limit, the tier and when it starts again', () => {
    const zh = problemMessage(i18n.getFixedT('zh'), new ApiError(429, quota.detail, quota));
    expect(zh).toContain('10 次运行');
    expect(zh).toContain('Free');
    expect(zh).toContain('2026');
    expect(zh).not.toContain('quota');
    const en = problemMessage(i18n.getFixedT('en'), new ApiError(429, quota.detail, quota));
    expect(en).toContain('10 runs of the Free tier');
  });

  it('words the run socket refusal, which is a message and not an HTTP error', () => {
    expect(problemMessage(i18n.getFixedT('en'), { type: 'error', ...quota })).toContain('10 runs of the Free tier');
    expect(problemMessage(i18n.getFixedT('en'), { type: 'error', code: 'invalid_request', detail: "unknown language 'cobol'" }))
      .toBe("unknown language 'cobol'");
    expect(problemMessage(i18n.getFixedT('zh'), { code: 'rate_limited', detail: 'too many', retry_after_seconds: 7 })).toContain('7 秒');
  });
});

describe('sandbox refusals', () => {
  it('names the state that refused, in the user language', () => {
    const error = new ApiError(409, 'the sandbox is stopped: cannot stop it', { code: 'sandbox_state', detail: 'the sandbox is stopped: cannot stop it', state: 'stopped' });
    expect(problemMessage(i18n.getFixedT('en'), error)).toBe('The sandbox is stopped, which does not allow this now.');
    expect(problemMessage(i18n.getFixedT('zh'), error)).toContain('已停止');
  });

  it('names the limit, what is allowed and the tier', () => {
    const started = { code: 'sandbox_limit', detail: 'the Free tier runs at most 1 started sandboxes at once: stop one first',
      limit: 'sandboxes_started', allowed: 1, tier: 'Free' };
    expect(problemMessage(i18n.getFixedT('en'), new ApiError(403, started.detail, started)))
      .toBe('The Free tier allows at most 1 started sandboxes at once: stop one first.');
    const network = { code: 'sandbox_limit', detail: "the Free tier's sandboxes have no network", limit: 'network', tier: 'Free' };
    expect(problemMessage(i18n.getFixedT('zh'), new ApiError(403, network.detail, network))).toBe('Free 等级的沙箱没有网络。');
  });
});
