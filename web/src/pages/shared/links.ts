/** The page anyone can open to see, run and copy a public program. */
export function sharedProgramUrl(origin: string, id: number): string {
  return `${origin}/app/code/${id}`;
}
