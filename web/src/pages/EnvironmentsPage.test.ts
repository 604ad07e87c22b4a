import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { installFailureOf } from './EnvironmentsPage';

describe('installFailureOf', () => {
  it('reads the cause of a failed install', () => {
    const message = 'install of requests in env failed: the package index could not be reached (no network to https://pypi.org/simple); the environment is unchanged';
    const error = new ApiError(422, message, { success: false, cause: 'index_unreachable', message });
    expect(installFailureOf(error)).toEqual({ cause: 'index_unreachable', message });
  });

  it('leaves other errors to the usual message', () => {
    expect(installFailureOf(new ApiError(400, 'bad', { code: 'invalid_requirement', detail: 'bad' }))).toBeUndefined();
    expect(installFailureOf(new ApiError(422, 'odd', { cause: 'cosmic_rays' }))).toBeUndefined();
    expect(installFailureOf(new Error('offline'))).toBeUndefined();
  });
});
