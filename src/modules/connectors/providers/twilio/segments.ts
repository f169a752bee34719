/**
 * The mock's estimate of how many SMS segments Twilio bills for a body (GSM-7 extension
 * characters such as { } [ ] count once here, twice at Twilio): 160 GSM-7 characters in one, 153 per part once
 * split; any character outside GSM-7 (emoji, most accents) switches to UCS-2: 70, then 67.
 */
export function smsSegments(body: string): number {
  const gsm7 = /^[\n\r\x20-\x7e£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¡ÄÖÑÜ§¿äöñüà€]*$/.test(body);
  const length = [...body].length;
  const [single, part] = gsm7 ? [160, 153] : [70, 67];
  return length <= single ? 1 : Math.ceil(length / part);
}
