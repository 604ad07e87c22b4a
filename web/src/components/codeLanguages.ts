import { cpp } from '@codemirror/lang-cpp';
import { go } from '@codemirror/lang-go';
import { html } from '@codemirror/lang-html';
import { java } from '@codemirror/lang-java';
import { javascript } from '@codemirror/lang-javascript';
import { php } from '@codemirror/lang-php';
import { python } from '@codemirror/lang-python';
import { rust } from '@codemirror/lang-rust';
import { StreamLanguage } from '@codemirror/language';
import { ruby } from '@codemirror/legacy-modes/mode/ruby';
import { shell } from '@codemirror/legacy-modes/mode/shell';
import type { Extension } from '@codemirror/state';

/** CodeMirror's highlighting for each language id the server knows; unknown ids get plain text. */
export function languageExtension(id: string | undefined | null): Extension[] {
  switch (id) {
    case 'python':
      return [python()];
    case 'javascript':
      return [javascript()];
    case 'java':
      return [java()];
    case 'c':
    case 'cpp':
      return [cpp()];
    case 'go':
      return [go()];
    case 'rust':
      return [rust()];
    case 'php':
      return [php()];
    case 'html':
      return [html()];
    case 'ruby':
      return [StreamLanguage.define(ruby)];
    case 'bash':
      return [StreamLanguage.define(shell)];
    default:
      return [];
  }
}
