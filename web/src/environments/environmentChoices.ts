/** What GET /environments/available answers, and the environments the editor offers for a language. */

export interface BaseEnvironment {
  name: string;
  language: string;
  version: string;
  display_name: string;
}

export interface EnvironmentView {
  id: number;
  name: string;
  username: string;
  description: string | null;
  language: string;
  version: string;
  base: string;
  is_public: boolean;
  created_at: string;
}

export interface AvailableEnvironments {
  base_environments: BaseEnvironment[];
  user_environments: EnvironmentView[];
  public_environments: EnvironmentView[];
}

/**
 * The environments a run in this language can use: the user's own first, then public ones of
 * others (named owner/name so that two of the same name can be told apart). The value sent is the
 * id, which names one environment whoever owns it.
 */
export function environmentOptions(available: AvailableEnvironments | undefined, language: string | undefined): { value: string; label: string }[] {
  if (!available || !language) {
    return [];
  }
  const fits = (e: EnvironmentView) => e.language === language;
  return [
    ...available.user_environments.filter(fits).map((e) => ({ value: String(e.id), label: e.name })),
    ...available.public_environments.filter(fits).map((e) => ({ value: String(e.id), label: `${e.username}/${e.name}` })),
  ];
}
