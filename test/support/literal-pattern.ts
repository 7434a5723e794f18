/** `text` as a regular expression source that matches exactly that text (for building patterns around it). */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
