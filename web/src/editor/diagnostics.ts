/**
 * Where a failed run's compiler or runtime says the program went wrong, read from its output so
 * the editor can mark the line: GCC/Clang, Go, Java, Ruby and the like ("main.c:3:5: error: …"),
 * rustc ("error[E0425]: …" then "--> main.rs:3:20"), Python's and Node's tracebacks, PHP's
 * "… on line 3" and Bash's "main.sh: line 2: …". Only the program's own file is meant: a line in a
 * library the program called is not in the editor. No library parses the messages of all these
 * toolchains, hence these few patterns.
 */
export interface LineDiagnostic {
  line: number;
  column?: number;
  severity: 'error' | 'warning';
  message: string;
}

/** The program's own file, as the sandbox names it (main.py, Main.java, …), with any folder before it. */
const OWN_FILE = String.raw`(?:[\w./-]*/)?(?:main\.\w+|Main\.java)`;

const COMPILER = new RegExp(String.raw`^${OWN_FILE}:(\d+):(?:(\d+):)?\s*(?:(fatal error|error|warning)\s*:\s*)?(.+)$`);
const RUST_HEAD = /^(error|warning)(?:\[\w+\])?: (.+)$/;
const RUST_AT = new RegExp(String.raw`^\s*--> ${OWN_FILE}:(\d+):(\d+)`);
const PYTHON_AT = new RegExp(String.raw`^\s*File "${OWN_FILE}", line (\d+)`);
const NODE_AT = new RegExp(String.raw`^${OWN_FILE}:(\d+)$`);
const NODE_STACK = new RegExp(String.raw`\(?${OWN_FILE}:(\d+):(\d+)\)?$`);
const EXCEPTION = /^([A-Za-z_][\w.]*(?:Error|Exception|Warning|Interrupt|Exit))(?::\s*(.*))?$/;
const PHP = new RegExp(String.raw`^(?:PHP )?(Parse error|Fatal error|Warning|Notice|Deprecated):\s+(.+?) in ${OWN_FILE} on line (\d+)`);
const BASH = new RegExp(String.raw`^${OWN_FILE}: line (\d+): (.+)$`);
const JAVA_STACK = /^\s*at [\w.$<>]+\(Main\.java:(\d+)\)$/;

function severityOf(word: string | undefined): 'error' | 'warning' {
  return word && /warning|notice|deprecated/i.test(word) ? 'warning' : 'error';
}

export function parseDiagnostics(output: string): LineDiagnostic[] {
  const lines = output.split('\n').map((l) => l.replace(/\r$/, ''));
  const found: LineDiagnostic[] = [];
  const exception = [...lines].reverse().find((l) => EXCEPTION.test(l.trim()) || l.startsWith('Exception in thread '));
  let tracebackLine: number | undefined;
  let nodeLine: number | undefined;
  let javaLine: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let m: RegExpMatchArray | null;
    if ((m = line.match(PHP))) {
      found.push({ line: Number(m[3]), severity: severityOf(m[1]), message: `${m[1]}: ${m[2]}` });
    } else if ((m = line.match(BASH))) {
      found.push({ line: Number(m[1]), severity: 'error', message: m[2]! });
    } else if ((m = line.match(COMPILER))) {
      if (m[3] !== undefined || !/^\s*(in |note:)/.test(m[4]!)) {
        found.push({ line: Number(m[1]), column: m[2] ? Number(m[2]) : undefined, severity: severityOf(m[3]), message: m[4]!.trim() });
      }
    } else if ((m = line.match(RUST_HEAD))) {
      const at = lines.slice(i + 1, i + 4).map((l) => l.match(RUST_AT)).find((x) => x);
      if (at) {
        found.push({ line: Number(at[1]), column: Number(at[2]), severity: severityOf(m[1]), message: m[2]! });
      }
    } else if ((m = line.match(PYTHON_AT))) {
      tracebackLine = Number(m[1]); // the innermost frame in the program's own file is the last one
    } else if ((m = line.match(NODE_AT))) {
      nodeLine ??= Number(m[1]);
    } else if ((m = line.match(JAVA_STACK))) {
      javaLine ??= Number(m[1]);
    } else if ((m = line.match(NODE_STACK)) && nodeLine === undefined) {
      nodeLine = Number(m[1]);
    }
  }
  const message = exception?.trim();
  for (const at of [tracebackLine, nodeLine, javaLine]) {
    if (at !== undefined && found.length === 0) {
      found.push({ line: at, severity: 'error', message: message ?? 'the program failed here' });
    }
  }
  return found;
}
