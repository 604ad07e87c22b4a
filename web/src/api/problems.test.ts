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
