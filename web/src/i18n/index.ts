import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zh } from './zh';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh', label: '简体中文' },
] as const;
export type UiLanguage = (typeof LANGUAGES)[number]['code'];

export const LANGUAGE_KEY = 'coderunner.language';

/** The language chosen before, else the browser's (Chinese for any zh-*), else English. */
export function initialLanguage(
  stored: string | null = localStorage.getItem(LANGUAGE_KEY),
  browser: readonly string[] = navigator.languages ?? [navigator.language],
): UiLanguage {
  if (stored === 'en' || stored === 'zh') {
    return stored;
  }
  return browser.some((language) => language.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

export function changeLanguage(language: UiLanguage): void {
  localStorage.setItem(LANGUAGE_KEY, language);
  void i18n.changeLanguage(language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language === 'zh' ? 'zh-CN' : 'en';

export default i18n;
