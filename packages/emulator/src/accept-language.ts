/**
 * `Accept-Language` as HTTP defines it (RFC 9110 §12.5.4): a list of language ranges (RFC 4647 §2.1,
 * `en-US`, `ko`, `*`), each with an optional weight (`;q=0.8`), commas between them, empty elements
 * allowed. The spec's enum (`en-US`, `ko-KR`) lists the languages SCP answers in, not the only values a
 * client may send: HTTP clients send their own (`*` from Node's fetch, `en-US,en;q=0.9` from a browser),
 * and a server that has none of the asked languages answers in its default. So a well-formed list is
 * accepted whatever it asks for, and only a value that is no such list is refused.
 */

/**
 * One element between commas: a language range and an optional weight (`q` of 0 to 1, at most three
 * decimals), spaces and tabs around them; or nothing (an empty element).
 */
const ELEMENT =
  /^[ \t]*(?:(?:\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)(?:[ \t]*;[ \t]*[qQ]=(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?))?)?[ \t]*$/;

/** Whether `value` is a well-formed `Accept-Language` list. */
export function isLanguageList(value: string): boolean {
  return value.split(',').every((element) => ELEMENT.test(element));
}
