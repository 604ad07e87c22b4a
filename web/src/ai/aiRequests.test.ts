import { describe, expect, it } from 'vitest';
import { aiConfigBody, assistBody, errorOutputOf, generateBody, needsBaseUrl } from './aiRequests';

describe('AI configuration requests', () => {
  it('leaves out blank fields and keeps numbers', () => {
    expect(aiConfigBody({ config_name: ' mine ', provider: 'openai', model_name: 'gpt-4o-mini', api_key: '', base_url: '  ', temperature: 0.2, max_tokens: null }))
      .toEqual({ config_name: 'mine', provider: 'openai', model_name: 'gpt-4o-mini', temperature: 0.2 });
  });

  it('asks for an address only where the provider has none', () => {
    expect(needsBaseUrl('ollama')).toBe(true);
    expect(needsBaseUrl('openai-compatible')).toBe(true);
    expect(needsBaseUrl('openai')).toBe(false);
  });
});

describe('editor AI requests', () => {
  it('sends the current code with a prompt only when there is some', () => {
    expect(generateBody(' sort a list ', 'python', '')).toEqual({ prompt: 'sort a list', language: 'python' });
    expect(generateBody('add tests', 'python', 'x = 1\n')).toEqual({ prompt: 'add tests', language: 'python', code: 'x = 1\n' });
    expect(assistBody('fix_error', 'python', 'print(x)', 'NameError')).toEqual({ action: 'fix_error', language: 'python', code: 'print(x)', error: 'NameError' });
    expect(assistBody('optimize_code', 'python', 'print(1)')).toEqual({ action: 'optimize_code', language: 'python', code: 'print(1)' });
    expect(assistBody('explain_code', 'c', 'int main(){}', '  ')).toEqual({ action: 'explain_code', language: 'c', code: 'int main(){}' });
  });

  it('finds the error output of a failed run and nothing for a successful one', () => {
    const ok = { output: [{ stream: 'stdout', text: 'hi' }], result: { status: 'OK', exit_code: 0, reason: null, compile_output: null }, error: null };
    expect(errorOutputOf(ok)).toBeNull();
    expect(errorOutputOf({ ...ok, result: null })).toBeNull();
    const failed = {
      output: [{ stream: 'stdout', text: 'start\n' }, { stream: 'stderr', text: "NameError: name 'x' is not defined\n" }],
      result: { status: 'RUNTIME_ERROR', exit_code: 1, reason: null, compile_output: null },
      error: null,
    };
    expect(errorOutputOf(failed)).toBe("NameError: name 'x' is not defined");
    const compile = { output: [], result: { status: 'COMPILE_ERROR', exit_code: null, reason: null, compile_output: 'main.c:1: error' }, error: null };
    expect(errorOutputOf(compile)).toBe('main.c:1: error');
    expect(errorOutputOf({ output: [], result: null, error: 'connection lost' })).toBe('connection lost');
    const refused = { code: 'quota_exhausted', detail: 'the daily execution quota of 10 runs (Free tier) is used up' };
    expect(errorOutputOf({ output: [], result: null, error: refused.detail, problem: refused })).toBeNull();
  });
});
