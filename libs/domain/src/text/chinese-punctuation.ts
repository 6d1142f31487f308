/**
 * A plan's own words as an official text writes them: the half-width , ; : ( ) some source documents use between
 * Chinese characters in Chinese punctuation (，；：（）). Other characters, and the words, are kept.
 */
export function chinesePunctuation(text: string): string {
  return text.replace(/,\s*/g, '，').replace(/;\s*/g, '；').replace(/:\s*/g, '：').replace(/\(/g, '（').replace(/\)/g, '）');
}
