export async function seedContestDemo(): Promise<Record<string, number>> {
  return {};
}
