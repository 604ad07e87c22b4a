/** The language a project file runs as, by its extension: the ones the Run button offers. */
export function runLanguageOfFile(name: string): string | undefined {
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const byExtension: Record<string, string> = {
    py: 'python', js: 'javascript', java: 'java', c: 'c', cpp: 'cpp', sh: 'bash', go: 'go', rb: 'ruby', php: 'php', rs: 'rust',
  };
  return byExtension[extension];
}

/**
 * Whether a file can be run where it is: a run writes its files into the project's top folder
 * under their bare names, so a file in a subfolder would be copied over one of the same name there.
 */
export function runsInPlace(path: string): boolean {
  return !path.includes('/');
}

/** Where a new file named `name` goes: into the folder shown, unless the name gives its own folders. */
export function newFilePath(directory: string, name: string): string {
  const clean = name.trim().replace(/^\/+/, '');
  return directory ? `${directory}/${clean}` : clean;
}
