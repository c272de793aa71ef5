// Reads a text input (an export, a settings document) whatever Unicode encoding saved it, or
// refuses it naming the encoding. PowerShell's `>` writes UTF-16 LE with a byte-order mark
// (Windows PowerShell) or UTF-8 with one (PowerShell 7): both are read. Anything else that is not
// UTF-8 is refused with a message that says what the file looks like and how to re-save it.

import { InputError } from "../errors";

const REENCODE = "save it as UTF-8 (PowerShell: `... | Out-File -Encoding utf8 FILE`, or `Set-Content -Encoding utf8`)";

function swapBytes(bytes: Uint8Array): Uint8Array {
    const swapped = new Uint8Array(bytes.length - (bytes.length % 2));
    for (let i = 0; i + 1 < bytes.length; i += 2) {
        swapped[i] = bytes[i + 1];
        swapped[i + 1] = bytes[i];
    }
    return swapped;
}

function decode(encoding: "utf-8" | "utf-16le", bytes: Uint8Array, origin: string, name: string): string {
    try {
        return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
        throw new InputError(`${origin} is not valid ${name}: it holds byte sequences that are not text in that encoding; ${REENCODE}.`);
    }
}

/** The text of `bytes`, decoded from UTF-8 or (with a byte-order mark) UTF-16; the mark removed. */
export function decodeText(bytes: Uint8Array, origin: string): string {
    const [b0, b1, b2, b3] = bytes;
    if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) throw new InputError(`${origin} is UTF-32 BE, which blastwall does not read; ${REENCODE}.`);
    if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) throw new InputError(`${origin} is UTF-32 LE, which blastwall does not read; ${REENCODE}.`);
    if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return decode("utf-8", bytes.subarray(3), origin, "UTF-8 (it starts with a UTF-8 byte-order mark)");
    if (b0 === 0xff && b1 === 0xfe) return decode("utf-16le", bytes.subarray(2), origin, "UTF-16 LE (it starts with a UTF-16 LE byte-order mark)");
    if (b0 === 0xfe && b1 === 0xff) return decode("utf-16le", swapBytes(bytes.subarray(2)), origin, "UTF-16 BE (it starts with a UTF-16 BE byte-order mark)");
    // UTF-16 without a mark: JSON and YAML start with ASCII, so every other byte is zero.
    if (bytes.length >= 4 && ((b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0) || (b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0))) {
        throw new InputError(`${origin} looks like UTF-16 without a byte-order mark, which blastwall cannot tell from binary; ${REENCODE}.`);
    }
    return decode("utf-8", bytes, origin, "UTF-8");
}
