/**
 * Finds a native executable hidden in a file: a Windows PE (`MZ` whose header offset leads to
 * `PE\0\0`), an ELF or a Mach-O image, anywhere in the bytes. A PDF or an image with a program
 * appended after its end marker, or an Office document carrying one, is refused by this.
 */

/** The kind of executable that starts at `offset` of `bytes`, if one does. */
export function executableAt(bytes: Buffer, offset: number): 'PE' | 'ELF' | 'Mach-O' | undefined {
  const left = bytes.length - offset;
  if (left >= 0x40 && bytes[offset] === 0x4d && bytes[offset + 1] === 0x5a) {
    const peOffset = bytes.readUInt32LE(offset + 0x3c);
    if (peOffset >= 0x40 && peOffset < 0x10000 && peOffset + 4 <= left && bytes.readUInt32BE(offset + peOffset) === 0x50450000) return 'PE';
  }
  if (left >= 7 && bytes.readUInt32BE(offset) === 0x7f454c46) {
    const cls = bytes[offset + 4];
    const data = bytes[offset + 5];
    if ((cls === 1 || cls === 2) && (data === 1 || data === 2) && bytes[offset + 6] === 1) return 'ELF';
  }
  if (left >= 16) {
    const magic = bytes.readUInt32BE(offset);
    const le = magic === 0xcefaedfe || magic === 0xcffaedfe;
    const be = magic === 0xfeedface || magic === 0xfeedfacf;
    if (le || be) {
      const cpu = le ? bytes.readUInt32LE(offset + 4) : bytes.readUInt32BE(offset + 4);
      const fileType = le ? bytes.readUInt32LE(offset + 12) : bytes.readUInt32BE(offset + 12);
      if ([7, 0x01000007, 12, 0x0100000c, 18, 0x01000012].includes(cpu) && fileType >= 1 && fileType <= 11) return 'Mach-O';
    }
  }
  return undefined;
}

const MAGICS = ['4d5a', '7f454c46', 'feedface', 'feedfacf', 'cefaedfe', 'cffaedfe'].map((hex) => Buffer.from(hex, 'hex'));

/** The first executable found anywhere in `bytes` from `from` on, with its offset. */
export function findExecutable(bytes: Buffer, from = 0): { kind: 'PE' | 'ELF' | 'Mach-O'; offset: number } | undefined {
  let found: { kind: 'PE' | 'ELF' | 'Mach-O'; offset: number } | undefined;
  for (const magic of MAGICS) {
    for (let i = bytes.indexOf(magic, from); i >= 0 && (!found || i < found.offset); i = bytes.indexOf(magic, i + 1)) {
      const kind = executableAt(bytes, i);
      if (kind) {
        found = { kind, offset: i };
        break;
      }
    }
  }
  return found;
}

/** File names a program runs from (refused inside Office documents whatever their content). */
export const EXECUTABLE_EXTENSIONS = /\.(exe|dll|com|scr|msi|msp|bat|cmd|ps1|psm1|vbs|vbe|js|jse|wsf|wsh|hta|jar|cpl|pif|lnk|reg|sh|bash|elf|so|dylib|app|apk|dmg|iso|scf|inf|msc|gadget)$/i;
