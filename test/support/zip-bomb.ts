/**
 * Builds .docx files at test time (never committed): a small valid one, and a "zip bomb" whose
 * word/document.xml inflates to `inflatedBytes` while the file stays a few hundred KB. The bomb's text is
 * deflated as a stream, so building it never holds the inflated bytes in memory.
 */
import { writeFile } from "node:fs/promises";
import { constants, crc32, createDeflateRaw } from "node:zlib";

interface Entry {
  name: string;
  /** Raw deflate data. */
  data: Buffer;
  crc: number;
  size: number;
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const DOCUMENT_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>';
const DOCUMENT_TAIL = "</w:t></w:r></w:p></w:body></w:document>";

/** A valid .docx with one paragraph of `text`. */
export async function writeDocx(path: string, text: string): Promise<void> {
  const document = `${DOCUMENT_HEAD}${text}${DOCUMENT_TAIL}`;
  await writeFile(
    path,
    zip(
      await Promise.all([
        entry("[Content_Types].xml", [CONTENT_TYPES]),
        entry("_rels/.rels", [RELS]),
        entry("word/document.xml", [document]),
      ]),
    ),
  );
}

/** A .docx whose document text inflates to `inflatedBytes` of the letter A. */
export async function writeZipBomb(path: string, inflatedBytes: number): Promise<void> {
  const block = Buffer.alloc(1024 * 1024, "A");
  function* pieces(): Generator<string | Buffer> {
    yield DOCUMENT_HEAD;
    for (let left = inflatedBytes; left > 0; left -= block.length)
      yield left >= block.length ? block : block.subarray(0, left);
    yield DOCUMENT_TAIL;
  }
  const entries = await Promise.all([
    entry("[Content_Types].xml", [CONTENT_TYPES]),
    entry("_rels/.rels", [RELS]),
    entry("word/document.xml", pieces()),
  ]);
  await writeFile(path, zip(entries));
}

async function entry(name: string, pieces: Iterable<string | Buffer>): Promise<Entry> {
  const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const output: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => output.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on("end", resolve);
    deflate.on("error", reject);
  });
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    const bytes = typeof piece === "string" ? Buffer.from(piece) : piece;
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  return { name, data: Buffer.concat(output), crc, size };
}

function zip(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const item of entries) {
    const name = Buffer.from(item.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(item.crc >>> 0, 14);
    local.writeUInt32LE(item.data.length, 18);
    local.writeUInt32LE(item.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, item.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(item.crc >>> 0, 16);
    central.writeUInt32LE(item.data.length, 20);
    central.writeUInt32LE(item.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + item.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
