/**
 * A FIX tag=value parser for the tests, written from the FIX 4.4 specification independently of
 * src/exports/fix.ts: splits a stream of messages on SOH, and for each message checks that it starts
 * with BeginString (8) then BodyLength (9), that BodyLength counts the bytes from after its delimiter
 * to the delimiter before CheckSum (10), that CheckSum is the byte sum of everything before it modulo
 * 256 in three digits, and that no tag repeats. Throws naming the message and the rule broken.
 */
const SOH = 0x01;

export function parseFix(stream: string): Map<number, string>[] {
  const bytes = Buffer.from(stream, 'latin1');
  const messages: Map<number, string>[] = [];
  let start = 0;
  while (start < bytes.length) {
    const fields: [number, string, number][] = []; // tag, value, offset of the field
    let at = start;
    for (;;) {
      const end = bytes.indexOf(SOH, at);
      if (end < 0) throw new Error(`message ${messages.length + 1}: a field without its SOH at byte ${at}`);
      const text = bytes.subarray(at, end).toString('latin1');
      const eq = text.indexOf('=');
      if (eq <= 0 || !/^\d+$/.test(text.slice(0, eq))) throw new Error(`message ${messages.length + 1}: "${text}" is not tag=value`);
      fields.push([Number(text.slice(0, eq)), text.slice(eq + 1), at]);
      at = end + 1;
      if (fields.at(-1)![0] === 10) break;
    }
    const n = messages.length + 1;
    if (fields[0]?.[0] !== 8 || fields[1]?.[0] !== 9) throw new Error(`message ${n}: does not start with 8= then 9=`);
    const bodyStart = fields[2]![2];
    const checksumField = fields.at(-1)!;
    const length = checksumField[2] - bodyStart;
    if (Number(fields[1]![1]) !== length) throw new Error(`message ${n}: BodyLength ${fields[1]![1]}, but the body has ${length} bytes`);
    let sum = 0;
    for (let i = start; i < checksumField[2]; i++) sum += bytes[i]!;
    const expected = String(sum % 256).padStart(3, '0');
    if (checksumField[1] !== expected) throw new Error(`message ${n}: CheckSum ${checksumField[1]}, computed ${expected}`);
    const map = new Map<number, string>();
    for (const [tag, value] of fields) {
      if (map.has(tag)) throw new Error(`message ${n}: tag ${tag} repeats`);
      map.set(tag, value);
    }
    messages.push(map);
    start = at;
  }
  return messages;
}
