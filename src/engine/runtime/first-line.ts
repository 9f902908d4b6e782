/** The first line of `data` as text (without its `\n` or `\r\n`): a csv/tsv split's header row. */
export function firstLineOf(data: Buffer): string {
  let end = data.indexOf(10);
  if (end < 0) end = data.length;
  if (end > 0 && data[end - 1] === 13) end--;
  return data.toString('utf8', 0, end);
}
