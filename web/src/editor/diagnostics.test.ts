import { parseDiagnostics } from './diagnostics';

describe('parseDiagnostics', () => {
  it('reads GCC, Go and Java compiler errors', () => {
    expect(parseDiagnostics("main.c: In function 'main':\nmain.c:3:5: error: expected ';' before 'return'\n    3 |     return y;\n"))
      .toEqual([{ line: 3, column: 5, severity: 'error', message: "expected ';' before 'return'" }]);
    expect(parseDiagnostics('# command-line-arguments\n./main.go:4:2: x declared and not used\n'))
      .toEqual([{ line: 4, column: 2, severity: 'error', message: 'x declared and not used' }]);
    expect(parseDiagnostics("Main.java:3: error: ';' expected\n    int x = 1\n             ^\n1 error\n"))
      .toEqual([{ line: 3, column: undefined, severity: 'error', message: "';' expected" }]);
    expect(parseDiagnostics('/work/main.cpp:7:1: warning: no return statement\n')[0]).toMatchObject({ line: 7, severity: 'warning' });
  });

  it('reads rustc, which names the place on the line after the message', () => {
    const rust = 'error[E0425]: cannot find value `b` in this scope\n --> main.rs:3:20\n  |\n3 |     println!("{}", b);\n';
    expect(parseDiagnostics(rust)).toEqual([{ line: 3, column: 20, severity: 'error', message: 'cannot find value `b` in this scope' }]);
  });

  it('marks the last line of the program in a Python or Node traceback with the exception', () => {
    const python = 'Traceback (most recent call last):\n  File "/work/main.py", line 5, in <module>\n    f()\n'
      + '  File "/work/main.py", line 2, in f\n    print(y)\nNameError: name \'y\' is not defined\n';
    expect(parseDiagnostics(python)).toEqual([{ line: 2, severity: 'error', message: "NameError: name 'y' is not defined" }]);
    expect(parseDiagnostics('  File "/work/main.py", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax\n'))
      .toEqual([{ line: 1, severity: 'error', message: 'SyntaxError: invalid syntax' }]);
    const node = '/work/main.js:2\nfoo();\n^\n\nReferenceError: foo is not defined\n    at Object.<anonymous> (/work/main.js:2:1)\n'
      + '    at Module._compile (node:internal/modules/cjs/loader:1521:14)\n';
    expect(parseDiagnostics(node)).toEqual([{ line: 2, severity: 'error', message: 'ReferenceError: foo is not defined' }]);
  });

  it('reads PHP, Ruby, Bash and a Java stack trace', () => {
    expect(parseDiagnostics('PHP Parse error:  syntax error, unexpected end of file in /work/main.php on line 3\n'))
      .toEqual([{ line: 3, severity: 'error', message: 'Parse error: syntax error, unexpected end of file' }]);
    expect(parseDiagnostics('main.rb:1: syntax error, unexpected end-of-input\n')[0]).toMatchObject({ line: 1, severity: 'error' });
    expect(parseDiagnostics('main.sh: line 2: foo: command not found\n'))
      .toEqual([{ line: 2, severity: 'error', message: 'foo: command not found' }]);
    const java = 'Exception in thread "main" java.lang.ArithmeticException: / by zero\n\tat Main.divide(Main.java:4)\n\tat Main.main(Main.java:9)\n';
    expect(parseDiagnostics(java)).toEqual([{ line: 4, severity: 'error', message: 'Exception in thread "main" java.lang.ArithmeticException: / by zero' }]);
  });

  it('finds nothing in output that names no line of the program', () => {
    expect(parseDiagnostics('Segmentation fault\n')).toEqual([]);
    expect(parseDiagnostics('  File "/usr/lib/python3.11/json/__init__.py", line 346, in loads\nValueError: x\n')).toEqual([]);
  });
});
