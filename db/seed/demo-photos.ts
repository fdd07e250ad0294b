import { crc32, deflateSync } from "node:zlib";

/**
 * A small picture of a streaming set for the demo's rooms, drawn here (no network, no files): a backdrop in the
 * room's colour, a floor, a table and a ring light. Encoded as a PNG (8-bit RGB, no interlace), so the demo's rooms
 * have photos on the first run exactly as uploaded ones are kept (room_photos).
 */
export function demoRoomPicture(hue: number, width = 480, height = 320): Buffer {
  const [br, bg, bb] = hsl(hue, 0.45, 0.62);
  const [fr, fg, fb] = hsl(hue, 0.25, 0.32);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  const ringX = width * 0.72;
  const ringY = height * 0.36;
  const ringR = height * 0.16;
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const shade = 1 - (0.25 * y) / height;
      let c: [number, number, number] = y > height * 0.7 ? [fr, fg, fb] : [br * shade, bg * shade, bb * shade];
      // The table: a dark top and two legs.
      const onTop = x > width * 0.18 && x < width * 0.52 && y > height * 0.56 && y < height * 0.6;
      const onLeg =
        (Math.abs(x - width * 0.21) < 4 || Math.abs(x - width * 0.49) < 4) && y >= height * 0.6 && y < height * 0.82;
      if (onTop || onLeg) c = [40, 40, 48];
      // The ring light: a bright ring on a stand.
      const d = Math.hypot(x - ringX, y - ringY);
      if (Math.abs(d - ringR) < 5) c = [255, 250, 235];
      if (Math.abs(x - ringX) < 2 && y > ringY + ringR && y < height * 0.85) c = [30, 30, 30];
      const at = row + 1 + x * 3;
      raw[at] = Math.round(c[0]);
      raw[at + 1] = Math.round(c[1]);
      raw[at + 2] = Math.round(c[2]);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [255 * f(0), 255 * f(8), 255 * f(4)];
}
